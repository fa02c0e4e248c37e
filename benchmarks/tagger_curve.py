"""Fit the PHI tagger on every Nth training file and measure each fit, with the rules, on held-out files.

Usage: python benchmarks/tagger_curve.py HELD_OUT.jsonl [...] [--every 4 2 1] [--exclude NAME ...]

A training file is left out when its name contains one of the --exclude
strings or is one of the held-out files. For each step N the tagger is
fitted on every Nth remaining file and the scrubber (current rules plus that
tagger) runs on the held-out rows, once more with the tagger off. It prints
counts only, never ticket text. A fit on all training files takes about
4 minutes and 5 GB of memory on a 2-core VM.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.phi_bench import load_rows  # noqa: E402
from phi import tagger_training  # noqa: E402
from phi.evaluate import evaluate_scrubber  # noqa: E402
from phi.names import NameLists  # noqa: E402
from phi.tagger import TokenFeatures  # noqa: E402


def training_files(*, held_out: list[Path], exclude: list[str]) -> list[str]:
    """Return the training files that are neither held out nor excluded by name."""
    held_names = {path.name for path in held_out}
    return [name for name in tagger_training.TRAINING_FILES if Path(name).name not in held_names and not any(marker in name for marker in exclude)]


def percent(share: float | None) -> str:
    """Format a share as a percentage, or "n/a" when the files had nothing to count."""
    return "n/a" if share is None else f"{share:.2%}"


def print_row(*, label: str, metrics: dict) -> None:
    """Print one fit's removal, keep-value loss and phi_risk accuracy."""
    removed = metrics["phi_values_total"] - metrics["phi_values_still_present"]
    print(
        f"{label:<34} removed {percent(metrics['phi_values_removed_share'])} ({removed}/{metrics['phi_values_total']})"
        f"  keep lost {percent(metrics['keep_values_removed_share'])} ({metrics['keep_values_removed']}/{metrics['keep_values_total']})"
        f"  phi_risk {percent(metrics['phi_risk_accuracy'])}"
    )


def main(argv: list[str] | None = None) -> int:
    """Fit one tagger per step and print its figures on the held-out files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, help="held-out labeled JSON lines files")
    parser.add_argument("--every", type=int, nargs="+", default=[4, 2, 1], help="fit on every Nth training file, once per N (default 4 2 1)")
    parser.add_argument("--exclude", nargs="*", default=[], help="leave out training files whose name contains one of these strings")
    args = parser.parse_args(argv)
    if any(step < 1 for step in args.every):
        parser.error("--every must be 1 or more")

    from phi.service import get_tagger_recognizer, scrub_text, warm_up

    rows = load_rows(paths=args.files)
    candidates = training_files(held_out=args.files, exclude=args.exclude)
    print(f"{len(rows)} held-out rows; {len(candidates)} training files after exclusions")
    warm_up()
    recognizer = get_tagger_recognizer()
    features = TokenFeatures(lists=NameLists())

    recognizer.use_weights(None)
    print_row(label="tagger off (rules only)", metrics=evaluate_scrubber(rows=rows, scrub=lambda text: scrub_text(text=text)))

    for step in args.every:
        names = candidates[::step]
        training_rows = tagger_training.load_rows(names=names)
        examples = tagger_training.build_examples(rows=training_rows, features=features)
        weights = tagger_training.fit_with_defaults(examples=examples, trained_on=tuple(names))
        recognizer.use_weights(weights)
        label = f"{len(names)} files, {len(training_rows)} tickets"
        print_row(label=label, metrics=evaluate_scrubber(rows=rows, scrub=lambda text: scrub_text(text=text)))

    recognizer.load()
    return 0


if __name__ == "__main__":
    sys.exit(main())
