"""Training and cross-validation of the PHI token tagger (`phi/tagger.py`).

Each labeled ticket becomes one example per word token: positive when the
token lies inside one of the row's `phi_values`, negative otherwise (staff
names, claim numbers and the other `keep_values` are negatives). A
logistic regression over the token features gives one weight per feature
string, written to `phi/artifacts/tagger_weights.json.gz`.

Cross-validation leaves one file out at a time, so each file is scored by
weights that never saw its writer, and runs the whole scrubber (rules plus
tagger) on it. The held-out sets that were never tuned on and the
evaluation set are not in TRAINING_FILES.
"""

import argparse
import json
import logging
import math
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import regex

from phi.evaluate import evaluate_scrubber
from phi.names import NameLists
from phi.tagger import FIRST_PERSON, WEIGHTS_PATH, TaggerWeights, TokenFeatures, save_weights, tokenize

log = logging.getLogger(__name__)

TICKETS_DIR = Path(__file__).resolve().parent.parent / "data" / "tickets"
# Sets the tagger learns from: the classifier's training tickets, the PHI
# development sets and the held-out sets up to phi_holdout67, which were
# measured first and then tuned on. phi_holdout68 and later, and eval/, stay unseen.
TRAINING_FILES = (
    "train/desk-mix.jsonl",
    "train/writer_b.jsonl",
    "train/writer_c.jsonl",
    "train/writer_d.jsonl",
    "train/writer_f.jsonl",
    "phi_dev/phi_dev.jsonl",
    "phi_dev/phi_dev2.jsonl",
    "phi_dev/phi_dev3.jsonl",
    "phi_dev/phi_dev4.jsonl",
    "phi_dev/phi_dev5.jsonl",
    "phi_dev/phi_dev6.jsonl",
    "phi_dev/phi_dev7.jsonl",
    "phi_dev/phi_dev8.jsonl",
    "phi_dev/phi_dev9.jsonl",
    "phi_dev/phi_dev10.jsonl",
    "phi_dev/phi_dev11.jsonl",
    "phi_dev/phi_dev12.jsonl",
    "phi_dev/phi_dev13.jsonl",
    "phi_dev/phi_dev14.jsonl",
    "phi_dev/phi_dev15.jsonl",
    "phi_dev/phi_dev16.jsonl",
    "phi_dev/phi_dev17.jsonl",
    "phi_dev/phi_dev18.jsonl",
    "phi_dev/phi_dev19.jsonl",
    "phi_dev/phi_dev20.jsonl",
    "phi_holdout/phi_holdout.jsonl",
    "phi_holdout/phi_holdout2.jsonl",
    "phi_holdout/phi_holdout3.jsonl",
    "phi_holdout/phi_holdout4.jsonl",
    "phi_holdout/phi_holdout5.jsonl",
    "phi_holdout/phi_holdout6.jsonl",
    "phi_holdout/phi_holdout7.jsonl",
    "phi_holdout/phi_holdout8.jsonl",
    "phi_holdout/phi_holdout9.jsonl",
    "phi_holdout/phi_holdout10.jsonl",
    "phi_holdout/phi_holdout11.jsonl",
    "phi_holdout/phi_holdout12.jsonl",
    "phi_holdout/phi_holdout13.jsonl",
    "phi_holdout/phi_holdout14.jsonl",
    "phi_holdout/phi_holdout15.jsonl",
    "phi_holdout/phi_holdout16.jsonl",
    "phi_holdout/phi_holdout17.jsonl",
    "phi_holdout/phi_holdout18.jsonl",
    "phi_holdout/phi_holdout19.jsonl",
    "phi_holdout/phi_holdout20.jsonl",
    "phi_holdout/phi_holdout21.jsonl",
    "phi_dev/phi_dev21.jsonl",
    "phi_dev/phi_dev22.jsonl",
    "phi_dev/phi_dev23.jsonl",
    "phi_dev/phi_dev24.jsonl",
    "phi_dev/phi_dev25.jsonl",
    "phi_dev/phi_dev26.jsonl",
    "phi_dev/phi_dev27.jsonl",
    "phi_dev/phi_dev28.jsonl",
    "phi_dev/phi_dev29.jsonl",
    "phi_dev/phi_dev30.jsonl",
    "phi_holdout/phi_holdout22.jsonl",
    "phi_holdout/phi_holdout23.jsonl",
    "phi_dev/phi_dev31.jsonl",
    "phi_dev/phi_dev32.jsonl",
    "phi_dev/phi_dev33.jsonl",
    "phi_dev/phi_dev34.jsonl",
    "phi_holdout/phi_holdout24.jsonl",
    "phi_holdout/phi_holdout25.jsonl",
    "phi_holdout/phi_holdout26.jsonl",
    "phi_holdout/phi_holdout27.jsonl",
    "phi_dev/phi_dev35.jsonl",
    "phi_dev/phi_dev36.jsonl",
    "phi_holdout/phi_holdout28.jsonl",
    "phi_holdout/phi_holdout29.jsonl",
    "phi_holdout/phi_holdout30.jsonl",
    "phi_holdout/phi_holdout31.jsonl",
    "phi_dev/phi_dev37.jsonl",
    "phi_dev/phi_dev38.jsonl",
    "phi_dev/phi_dev39.jsonl",
    "phi_dev/phi_dev40.jsonl",
    "phi_holdout/phi_holdout32.jsonl",
    "phi_holdout/phi_holdout33.jsonl",
    "phi_holdout/phi_holdout34.jsonl",
    "phi_holdout/phi_holdout35.jsonl",
    "phi_dev/phi_dev41.jsonl",
    "phi_dev/phi_dev42.jsonl",
    "phi_dev/phi_dev43.jsonl",
    "phi_dev/phi_dev44.jsonl",
    "phi_holdout/phi_holdout36.jsonl",
    "phi_holdout/phi_holdout37.jsonl",
    "phi_holdout/phi_holdout38.jsonl",
    "phi_holdout/phi_holdout39.jsonl",
    "phi_dev/phi_dev45.jsonl",
    "phi_dev/phi_dev46.jsonl",
    "phi_dev/phi_dev47.jsonl",
    "phi_dev/phi_dev48.jsonl",
    "phi_dev/phi_dev49.jsonl",
    "phi_dev/phi_dev50.jsonl",
    "phi_dev/phi_dev51.jsonl",
    "phi_dev/phi_dev52.jsonl",
    "phi_dev/phi_dev53.jsonl",
    "phi_dev/phi_dev54.jsonl",
    "phi_dev/phi_dev55.jsonl",
    "phi_dev/phi_dev56.jsonl",
    "phi_dev/phi_dev57.jsonl",
    "phi_dev/phi_dev58.jsonl",
    "phi_dev/phi_dev59.jsonl",
    "phi_dev/phi_dev60.jsonl",
    "phi_dev/phi_dev61.jsonl",
    "phi_dev/phi_dev62.jsonl",
    "phi_dev/phi_dev63.jsonl",
    "phi_dev/phi_dev64.jsonl",
    "phi_dev/phi_dev65.jsonl",
    "phi_dev/phi_dev66.jsonl",
    "phi_dev/phi_dev67.jsonl",
    "phi_dev/phi_dev68.jsonl",
    "phi_holdout/phi_holdout40.jsonl",
    "phi_holdout/phi_holdout41.jsonl",
    "phi_holdout/phi_holdout42.jsonl",
    "phi_holdout/phi_holdout43.jsonl",
    "phi_holdout/phi_holdout44.jsonl",
    "phi_holdout/phi_holdout45.jsonl",
    "phi_holdout/phi_holdout46.jsonl",
    "phi_holdout/phi_holdout47.jsonl",
    "phi_holdout/phi_holdout48.jsonl",
    "phi_holdout/phi_holdout49.jsonl",
    "phi_holdout/phi_holdout50.jsonl",
    "phi_holdout/phi_holdout51.jsonl",
    "phi_holdout/phi_holdout52.jsonl",
    "phi_holdout/phi_holdout53.jsonl",
    "phi_holdout/phi_holdout54.jsonl",
    "phi_holdout/phi_holdout55.jsonl",
    "phi_holdout/phi_holdout56.jsonl",
    "phi_holdout/phi_holdout57.jsonl",
    "phi_holdout/phi_holdout58.jsonl",
    "phi_holdout/phi_holdout59.jsonl",
    "phi_holdout/phi_holdout60.jsonl",
    "phi_holdout/phi_holdout61.jsonl",
    "phi_holdout/phi_holdout62.jsonl",
    "phi_holdout/phi_holdout63.jsonl",
    "phi_holdout/phi_holdout64.jsonl",
    "phi_holdout/phi_holdout65.jsonl",
    "phi_holdout/phi_holdout66.jsonl",
    "phi_holdout/phi_holdout67.jsonl",
)
DEFAULT_C = 1.0
DEFAULT_NAME_THRESHOLD = 0.5
# Lowered from 0.7 on sets the weights never saw: more values removed for few keep values (docs/phi.md, "Learned tagger").
DEFAULT_OTHER_THRESHOLD = 0.5
# Thresholds above 1 turn the tagger off: the rules' own figures.
RULES_ONLY = (2.0, 2.0)
# Weights closer to zero than this are dropped from the file; they change no decision.
PRUNE_BELOW = 0.005


@dataclass
class Examples:
    """Feature lists, labels and the source file of every word token."""

    features: list[list[str]]
    labels: list[int]
    files: list[str]


def load_rows(*, names: Iterable[str] | None = None) -> list[dict]:
    """Read the labeled rows of each file (TRAINING_FILES by default), tagging each row with its file name."""
    rows = []
    for name in TRAINING_FILES if names is None else names:
        path = TICKETS_DIR / name
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    row = json.loads(line)
                    row["_file"] = name
                    rows.append(row)
    return rows


def value_spans(*, text: str, values: Iterable[str]) -> list[tuple[int, int]]:
    """Return every whole-word occurrence of each value in the text."""
    spans = []
    for value in values:
        if not value:
            continue
        pattern = regex.compile(r"(?<![\p{L}\p{N}])" + regex.escape(value) + r"(?![\p{L}\p{N}])")
        spans.extend((match.start(), match.end()) for match in pattern.finditer(text))
    return spans


def build_examples(*, rows: list[dict], features: TokenFeatures) -> Examples:
    """Turn labeled rows into one example per word token."""
    examples = Examples(features=[], labels=[], files=[])
    for row in rows:
        text = row["ticket_text"]
        tokens = tokenize(text=text)
        rows_features = features.for_text(text=text, tokens=tokens, first_person=FIRST_PERSON.search(text) is not None)
        phi_spans = value_spans(text=text, values=row.get("phi_values") or [])
        for token, token_features in zip(tokens, rows_features, strict=True):
            if token_features is None:
                continue
            examples.features.append(token_features)
            examples.labels.append(int(any(token.start < end and start < token.end for start, end in phi_spans)))
            examples.files.append(row["_file"])
    return examples


def fit(
    *, features: list[list[str]], labels: list[int], c: float, name_threshold: float, other_threshold: float, trained_on: tuple[str, ...]
) -> TaggerWeights:
    """Fit a logistic regression on binary feature strings and return its pruned weights."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform({feature: 1 for feature in row} for row in features).tocsr()
    # liblinear accepts only 32-bit sparse indices.
    matrix.indices = matrix.indices.astype(np.int32)
    matrix.indptr = matrix.indptr.astype(np.int32)
    model = LogisticRegression(C=c, solver="liblinear", max_iter=2000)
    model.fit(matrix, np.asarray(labels))

    # The intercept goes under "bias", a feature every token has, so the
    # runtime needs only the feature dictionary.
    weights = {name: float(value) for name, value in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True) if abs(value) >= PRUNE_BELOW}
    weights["bias"] = weights.get("bias", 0.0) + float(model.intercept_[0])
    return TaggerWeights(weights=weights, name_threshold=name_threshold, other_threshold=other_threshold, trained_on=trained_on)


def fit_with_defaults(*, examples: Examples, trained_on: tuple[str, ...]) -> TaggerWeights:
    """Fit on examples with the default regularization and thresholds, as the benchmarks compare fits."""
    return fit(
        features=examples.features,
        labels=examples.labels,
        c=DEFAULT_C,
        name_threshold=DEFAULT_NAME_THRESHOLD,
        other_threshold=DEFAULT_OTHER_THRESHOLD,
        trained_on=trained_on,
    )


def train(
    *, c: float = DEFAULT_C, name_threshold: float = DEFAULT_NAME_THRESHOLD, other_threshold: float = DEFAULT_OTHER_THRESHOLD, output: Path = WEIGHTS_PATH
) -> TaggerWeights:
    """Train on every file in TRAINING_FILES and write the weights."""
    rows = load_rows()
    examples = build_examples(rows=rows, features=TokenFeatures(lists=NameLists()))
    weights = fit(
        features=examples.features, labels=examples.labels, c=c, name_threshold=name_threshold, other_threshold=other_threshold, trained_on=TRAINING_FILES
    )
    save_weights(weights=weights, path=output)
    log.info("PHI tagger trained", extra={"tokens": len(examples.labels), "features": len(weights.weights)})
    return weights


def cross_validate(*, c: float, thresholds: list[tuple[float, float]]) -> dict[tuple[float, float], dict]:
    """Leave one file out, fit on the rest, scrub the left-out file; return summed metrics per (name, other) threshold pair.

    The rules' results are computed once per ticket, with the tagger off.
    Each fold adds its own tagger's results and applies the policy, as
    `scrub_text` does in one step. The rules' own figures come
    under the pair RULES_ONLY.
    """
    from phi.service import get_analyzer, get_tagger_recognizer, scrub_with_results

    rows = load_rows()
    features = TokenFeatures(lists=NameLists())
    examples = build_examples(rows=rows, features=features)
    recognizer = get_tagger_recognizer()
    recognizer.use_weights(None)
    rule_results = {row["ticket_text"]: get_analyzer().analyze(text=row["ticket_text"], language="en", return_decision_process=True) for row in rows}
    labels = np.asarray(examples.labels)
    files = np.asarray(examples.files)
    totals: dict[tuple[float, float], dict] = {}

    for name in TRAINING_FILES:
        held_rows = [row for row in rows if row["_file"] == name]
        if not held_rows:
            continue
        keep = files != name
        weights = fit(
            features=[row for row, kept in zip(examples.features, keep, strict=True) if kept],
            labels=list(labels[keep]),
            c=c,
            name_threshold=DEFAULT_NAME_THRESHOLD,
            other_threshold=DEFAULT_OTHER_THRESHOLD,
            trained_on=tuple(other for other in TRAINING_FILES if other != name),
        )
        for pair in [*thresholds, RULES_ONLY]:
            recognizer.use_weights(TaggerWeights(weights=weights.weights, name_threshold=pair[0], other_threshold=pair[1], trained_on=weights.trained_on))

            def scrub(text: str):
                return scrub_with_results(text=text, results=rule_results[text] + recognizer.analyze(text, []))

            _add(totals.setdefault(pair, {}), name=name, metrics=evaluate_scrubber(rows=held_rows, scrub=scrub))
    recognizer.load()
    return totals


def _add(total: dict, *, name: str, metrics: dict) -> None:
    for key in ("rows", "phi_values_total", "phi_values_still_present", "keep_values_total", "keep_values_removed"):
        total[key] = total.get(key, 0) + metrics[key]
    total["risk_correct"] = total.get("risk_correct", 0) + round(metrics["phi_risk_accuracy"] * metrics["rows"])
    total.setdefault("files", {})[name] = metrics["phi_values_still_present"]


def format_totals(totals: dict[tuple[float, float], dict]) -> str:
    """Render cross-validation totals as a small table, one line per threshold pair."""
    lines = ["name/other  phi_removed  keep_lost  phi_risk_accuracy"]
    for pair, total in sorted(totals.items()):
        label = "rules only" if pair == RULES_ONLY else f"{pair[0]:.2f}/{pair[1]:.2f}"
        removed = 1 - total["phi_values_still_present"] / total["phi_values_total"]
        lost = total["keep_values_removed"] / total["keep_values_total"]
        accuracy = total["risk_correct"] / total["rows"]
        lines.append(f"{label:<10} {removed:>11.2%} {lost:>10.2%} {accuracy:>18.2%}")
    return "\n".join(lines)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add `cliniqueue phi-tagger train` and `cliniqueue phi-tagger cv`."""
    parser = subparsers.add_parser("phi-tagger", help="train or cross-validate the learned PHI token tagger")
    commands = parser.add_subparsers(dest="tagger_command", required=True, metavar="ACTION")

    train_parser = commands.add_parser("train", help="train on the labeled ticket files and write phi/artifacts/tagger_weights.json.gz")
    train_parser.add_argument("--c", type=float, default=DEFAULT_C, help=f"inverse regularization strength (default {DEFAULT_C})")
    train_parser.add_argument(
        "--name-threshold", type=float, default=DEFAULT_NAME_THRESHOLD, help=f"probability a name span needs (default {DEFAULT_NAME_THRESHOLD})"
    )
    train_parser.add_argument(
        "--other-threshold", type=float, default=DEFAULT_OTHER_THRESHOLD, help=f"probability any other span needs (default {DEFAULT_OTHER_THRESHOLD})"
    )
    train_parser.add_argument("--output", type=Path, default=WEIGHTS_PATH, help="weights file to write")
    train_parser.set_defaults(func=_run_train)

    cv_parser = commands.add_parser("cv", help="leave-one-file-out cross-validation of rules plus tagger")
    cv_parser.add_argument("--c", type=float, default=DEFAULT_C, help=f"inverse regularization strength (default {DEFAULT_C})")
    cv_parser.add_argument(
        "--name-thresholds", type=float, nargs="+", default=[0.5, 0.6, 0.7], help="name thresholds to compare (default 0.5 0.6 0.7)"
    )
    cv_parser.add_argument(
        "--other-thresholds", type=float, nargs="+", default=[0.7, 0.8, 0.9], help="thresholds for other spans to compare (default 0.7 0.8 0.9)"
    )
    cv_parser.set_defaults(func=_run_cv)


def _run_train(args: argparse.Namespace) -> int:
    for option, value in (("--name-threshold", args.name_threshold), ("--other-threshold", args.other_threshold)):
        if not 0 < value < 1:
            print(f"error: {option} must be between 0 and 1, e.g. 0.7", file=sys.stderr)
            return 2
    # "not > 0" also rejects nan.
    if not args.c > 0 or math.isinf(args.c):
        print("error: --c must be a finite number above 0, e.g. 0.3", file=sys.stderr)
        return 2
    if args.output.is_dir() or not args.output.parent.is_dir():
        print(f"error: --output {args.output} must be a file path in an existing folder", file=sys.stderr)
        return 2
    weights = train(c=args.c, name_threshold=args.name_threshold, other_threshold=args.other_threshold, output=args.output)
    print(f"wrote {args.output} ({len(weights.weights)} weights, thresholds {weights.name_threshold} for names, {weights.other_threshold} for the rest)")
    return 0


def _run_cv(args: argparse.Namespace) -> int:
    for option, values in (("--name-thresholds", args.name_thresholds), ("--other-thresholds", args.other_thresholds)):
        if not all(0 < value < 1 for value in values):
            print(f"error: {option} must each be between 0 and 1, e.g. 0.6 0.7", file=sys.stderr)
            return 2
    if not args.c > 0 or math.isinf(args.c):
        print("error: --c must be a finite number above 0, e.g. 0.3", file=sys.stderr)
        return 2
    pairs = [(name, other) for name in sorted(args.name_thresholds) for other in sorted(args.other_thresholds)]
    print(format_totals(cross_validate(c=args.c, thresholds=pairs)))
    return 0
