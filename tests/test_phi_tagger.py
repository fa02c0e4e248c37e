"""The learned PHI token tagger: features, weights files, training and the policy checks on its spans."""

import contextlib
import importlib.util
import json
import logging
import math
import sys
from pathlib import Path

import numpy as np
import pytest

from cliniqueue.cli import main as cliniqueue_main
import phi.policy
from phi import tagger_training
from phi.names import NameLists
from phi.policy import TAGGER_OVERRIDE_SCORE, TAGGER_SHAPE_OVERRIDE_SCORE
from phi.service import get_tagger_recognizer, scrub_text
from phi.tagger import WEIGHTS_PATH, PhiTaggerRecognizer, TaggerWeights, configured_weights_path, TokenFeatures, entity_for, load_weights, save_weights, tag_spans, tokenize, word_shape
from phi.tagger_training import build_examples, fit


@pytest.fixture(scope="module")
def features():
    return TokenFeatures(lists=NameLists())


@contextlib.contextmanager
def tagger_weights(weights):
    """Run the shared analyzer with other tagger weights, then restore the shipped ones."""
    recognizer = get_tagger_recognizer()
    recognizer.use_weights(weights)
    try:
        yield
    finally:
        recognizer.load()


def load_benchmark(name: str):
    """Import a script from benchmarks/, which is not an installed package."""
    path = Path(__file__).resolve().parent.parent / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def tag_everything(*, probability: float = TAGGER_OVERRIDE_SCORE - 0.05):
    """Weights that accept every word token with one probability.

    The default is under the score at which the tagger outvotes staff cues,
    so the policy alone decides what stays.
    """
    assert probability < 1
    return TaggerWeights(weights={"bias": math.log(probability / (1 - probability))}, name_threshold=0.5, other_threshold=0.5, trained_on=())


def test_tokens_keep_identifier_joiners():
    text = "user e.kowalski.rn, MRN:4470019 DOB 03/10/2026 at 12:30 for O'Neill^ANNA"

    tokens = [token.text for token in tokenize(text=text)]

    assert "e.kowalski.rn" in tokens
    assert tokens[tokens.index("MRN") + 1 : tokens.index("MRN") + 3] == [":", "4470019"]
    assert "03/10/2026" in tokens
    assert "12:30" in tokens
    assert tokens[-3:] == ["O'Neill", "^", "ANNA"]


def test_word_shape_caps_runs():
    assert word_shape("Ng-77", 1) == "Xx-d"
    assert word_shape("MRN4470019", 3) == "XXXddd"


def test_hl7_and_label_features(features):
    text = "PID|1||4470019^^^MRN||NGUYEN^THI^LAN\nMember ID: XJH448120337"
    tokens = tokenize(text=text)

    rows = features.for_text(text=text, tokens=tokens, first_person=False)

    by_word = {token.text: row for token, row in zip(tokens, rows, strict=True) if row is not None}
    assert "field=PID:5:1" in by_word["THI"]
    assert "field=PID:3:0" in by_word["4470019"]
    assert "label=id" in by_word["XJH448120337"]
    assert rows[tokens.index(next(token for token in tokens if token.text == "|"))] is None


@pytest.mark.parametrize(
    ("value", "entity"),
    [
        ("jess.b.rivera", "PORTAL_USERNAME"),
        ("Harold Q. Fitzsimmons", "PATIENT_NAME"),
        ("W90018823401", "PATIENT_ID"),
        ("555-0169", "PHONE"),
        ("blessn@mail.example", "EMAIL"),
        ("11/01/2024", "DATE_OF_SERVICE"),
    ],
)
def test_span_types_by_shape(value, entity):
    text = f"see {value} please"

    assert entity_for(text=text, start=4, end=4 + len(value)) == entity


def test_date_after_birth_cue_is_dob():
    text = "born 11/01/1961"

    assert entity_for(text=text, start=5, end=len(text)) == "DOB"


def test_name_tokens_join_into_one_span(features):
    spans = tag_spans(text="refund LEE, GRACE today", weights=tag_everything(), features=features)

    assert [(span.entity, span.start, span.end) for span in spans] == [("PATIENT_NAME", 0, 23)]


def test_stop_words_unscored(features):
    text = "refund for Grace and the copay"

    rows = features.for_text(text=text, tokens=tokenize(text=text), first_person=False)

    assert [row is not None for row in rows] == [True, False, True, False, False, True]


def test_weights_round_trip(tmp_path):
    weights = TaggerWeights(weights={"bias": -2.0, "w=jenna": 1.23456}, name_threshold=0.6, other_threshold=0.8, trained_on=("a.jsonl",))
    path = tmp_path / "weights.json.gz"

    save_weights(weights=weights, path=path)

    loaded = load_weights(path=path)
    assert loaded.weights == {"bias": -2.0, "w=jenna": 1.2346}
    assert (loaded.name_threshold, loaded.other_threshold, loaded.trained_on) == (0.6, 0.8, ("a.jsonl",))


def test_saved_weights_are_byte_identical(tmp_path):
    weights = TaggerWeights(weights={"bias": -2.0}, name_threshold=0.6, other_threshold=0.7, trained_on=())

    save_weights(weights=weights, path=tmp_path / "a.json.gz")
    save_weights(weights=weights, path=tmp_path / "b.json.gz")

    assert (tmp_path / "a.json.gz").read_bytes() == (tmp_path / "b.json.gz").read_bytes()


def test_missing_shipped_weights_turn_the_tagger_off(tmp_path, monkeypatch, caplog):
    caplog.set_level(logging.WARNING, logger="phi.tagger")
    absent = tmp_path / "absent.json.gz"
    monkeypatch.setattr("phi.tagger.WEIGHTS_PATH", absent)

    recognizer = PhiTaggerRecognizer(weights_path=absent)

    assert recognizer.analyze("pt Dorothy Abernathy called", []) == []
    assert "weights not found" in caplog.text


def test_fit_learns_a_label_cue(features):
    rows = [
        {"ticket_text": f"member id {value} rejected", "phi_values": [value], "_file": "a"} for value in ("QX1", "QX2", "QX3", "QX4")
    ] + [{"ticket_text": f"claim id {value} rejected", "phi_values": [], "_file": "a"} for value in ("QX5", "QX6", "QX7", "QX8")]
    examples = build_examples(rows=rows, features=features)

    weights = fit(features=examples.features, labels=examples.labels, c=10.0, name_threshold=0.5, other_threshold=0.5, trained_on=("a",))

    member = tag_spans(text="member id QX9 rejected", weights=weights, features=features)
    claim = tag_spans(text="claim id QX9 rejected", weights=weights, features=features)
    assert [span.entity for span in member] == ["PATIENT_ID"]
    assert claim == []


def test_fit_with_defaults_sets_defaults(features):
    rows = [{"ticket_text": f"member id QX{number} rejected", "phi_values": [f"QX{number}"], "_file": "a"} for number in range(4)]
    rows += [{"ticket_text": f"claim id QX{number} rejected", "phi_values": [], "_file": "a"} for number in range(4, 8)]

    weights = tagger_training.fit_with_defaults(examples=build_examples(rows=rows, features=features), trained_on=("a",))

    assert weights.name_threshold == tagger_training.DEFAULT_NAME_THRESHOLD
    assert weights.other_threshold == tagger_training.DEFAULT_OTHER_THRESHOLD
    assert weights.trained_on == ("a",)
    assert weights.weights["w-2=member"] > weights.weights.get("w-2=claim", 0.0)


def test_examples_label_whole_word_occurrences_only(features):
    rows = [{"ticket_text": "Park Ji-woo parked at the Parkway lot", "phi_values": ["Park"], "_file": "a"}]

    examples = build_examples(rows=rows, features=features)

    # "at" and "the" are stop words, which are not examples.
    assert examples.labels == [1, 0, 0, 0, 0]


def test_staff_and_claims_survive_tagger():
    text = "Dr. Rebecca Stein says claim # CLM-2291847 failed at 10:40 for Dorothy Abernathy.\n\nThanks,\nKeisha Grant\nBilling Manager"

    with tagger_weights(tag_everything()):
        result = scrub_text(text=text)

    for operational_value in ("Rebecca Stein", "CLM-2291847", "10:40", "Keisha Grant"):
        assert operational_value in result.text
    assert "Abernathy" not in result.text
    assert result.phi_risk


def test_sure_tagger_outvotes_sign_off():
    text = "Dr. Rebecca Stein says claim # CLM-2291847 failed at 10:40 for Dorothy Abernathy.\n\nThanks,\nKeisha Grant\nBilling Manager"

    with tagger_weights(tag_everything(probability=(1 + TAGGER_OVERRIDE_SCORE) / 2)):
        result = scrub_text(text=text)

    assert "Keisha Grant" not in result.text
    assert "Rebecca Stein" in result.text
    assert "CLM-2291847" in result.text


@pytest.mark.parametrize(("probability", "removed"), [(TAGGER_SHAPE_OVERRIDE_SCORE + 0.05, True), (TAGGER_SHAPE_OVERRIDE_SCORE - 0.05, False)])
def test_sure_tagger_overrides_code_shape(probability, removed):
    text = "The payment landed on G-220185 instead, and claim # CLM-2291847 went out on 20240719141500."

    with tagger_weights(tag_everything(probability=probability)):
        result = scrub_text(text=text)

    assert ("G-220185" not in result.text) is removed
    assert "CLM-2291847" in result.text


def test_deadline_date_survives_the_tagger():
    text = "Appeal deadline is 10/31/2024 for pt Alma Quintero, seen 09/12/2024."

    with tagger_weights(tag_everything()):
        result = scrub_text(text=text)

    assert "10/31/2024" in result.text
    assert "09/12/2024" not in result.text


def test_hl7_provider_fields_survive_the_tagger():
    text = "PV1|1|I|4W^412^B||||1288^KOWALSKI^ANNA^^^DR|||"

    with tagger_weights(tag_everything()):
        result = scrub_text(text=text)

    assert "KOWALSKI^ANNA" in result.text


def test_tagger_never_removes_a_rule_finding():
    # A tagger result on the same span as a rule's must not replace it (Presidio
    # drops repeated spans of one entity type).
    text = "Patient: Philippa Grant, DOB 04/09/1981, new email pg1981@fastmail.example."

    with tagger_weights(TaggerWeights(weights={"bias": -10.0, "w=grant": 30.0}, name_threshold=0.5, other_threshold=0.5, trained_on=())):
        result = scrub_text(text=text)

    assert "Philippa Grant" not in result.text


def test_shipped_weights_catch_a_lone_nickname():
    # No rule reads a lone first name before a possessive; the tagger does.
    text = "Mom says Danny's procedure got billed twice, can someone call her back at 555-0143?"
    recognizer = get_tagger_recognizer()

    with tagger_weights(None):
        rules_only = scrub_text(text=text)
    recognizer.load()
    result = scrub_text(text=text)

    assert "Danny" in rules_only.text
    assert "Danny" not in result.text
    # The callback number is the mother's, a relative's phone, which the labels count as the patient's side.
    assert "555-0143" not in result.text
    assert result.phi_risk


def test_shipped_weights_list_their_training_files():
    weights = load_weights()

    assert weights.trained_on == tagger_training.TRAINING_FILES
    unseen = ("eval/", *(f"phi_holdout{number}" for number in range(68, 84)))
    assert not any(marker in name for name in weights.trained_on for marker in unseen)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["phi-tagger", "train", "--name-threshold", "1.5"], "--name-threshold must be between 0 and 1"),
        (["phi-tagger", "cv", "--other-thresholds", "0"], "--other-thresholds must each be between 0 and 1"),
        (["phi-tagger", "train", "--c", "-1"], "--c must be a finite number above 0"),
        (["phi-tagger", "train", "--c", "nan"], "--c must be a finite number above 0"),
        (["phi-tagger", "train", "--output", "/"], "must be a file path in an existing folder"),
    ],
)
def test_cli_rejects_bad_options(argv, message, capsys):
    assert cliniqueue_main(argv) == 2

    assert message in capsys.readouterr().err


def test_weights_setting_names_a_file_or_off(tmp_path, monkeypatch):
    weights_path = tmp_path / "weights.json.gz"
    monkeypatch.setenv("CLINIQUEUE_PHI_TAGGER_WEIGHTS", str(weights_path))
    assert configured_weights_path() == weights_path

    monkeypatch.setenv("CLINIQUEUE_PHI_TAGGER_WEIGHTS", "off")
    assert configured_weights_path() is None
    assert PhiTaggerRecognizer(weights_path=None).analyze("pt Dorothy Abernathy called", []) == []

    monkeypatch.delenv("CLINIQUEUE_PHI_TAGGER_WEIGHTS")
    assert configured_weights_path() == WEIGHTS_PATH


def test_unreadable_weights_file_fails_loudly(tmp_path):
    damaged = tmp_path / "weights.json.gz"
    damaged.write_bytes(b"not gzip")

    with pytest.raises(ValueError, match="unreadable .*CLINIQUEUE_PHI_TAGGER_WEIGHTS"):
        PhiTaggerRecognizer(weights_path=damaged)
    with pytest.raises(ValueError, match="not found"):
        PhiTaggerRecognizer(weights_path=tmp_path / "absent.json.gz")


def test_assigning_authority_and_possessive():
    hl7 = "PID|1||MRN55102^^^HOSP^MR||OKONJO^ADA||19700101|F"

    with tagger_weights(tag_everything()):
        result = scrub_text(text=hl7)
        possessive = tag_spans(text="Bobby's refill", weights=tag_everything(), features=TokenFeatures(lists=NameLists()))

    assert "HOSP" in result.text
    assert "OKONJO" not in result.text
    assert [(span.start, span.end) for span in possessive] == [(0, 5), (8, 14)]


def test_training_rows_are_labeled_files():
    rows = tagger_training.load_rows(names=["phi_dev/phi_dev.jsonl"])

    assert rows
    assert all(row["_file"] == "phi_dev/phi_dev.jsonl" for row in rows)


def test_curve_training_files_skip_held_out(tmp_path):
    curve = load_benchmark("tagger_curve")
    held_out = [tmp_path / "phi_holdout68.jsonl"]

    names = curve.training_files(held_out=[Path("data/tickets/phi_holdout/phi_holdout59.jsonl"), *held_out], exclude=["phi_holdout58"])

    assert "phi_holdout/phi_holdout59.jsonl" not in names
    assert "phi_holdout/phi_holdout58.jsonl" not in names
    assert "phi_holdout/phi_holdout57.jsonl" in names
    assert len(names) == len(tagger_training.TRAINING_FILES) - 2


@pytest.mark.parametrize(
    ("script", "options", "message"),
    [
        ("tagger_curve", ["--every", "0"], "--every must be 1 or more"),
        ("phi_thresholds", ["--pairs", "0.5"], "invalid threshold pair '0.5'"),
        ("phi_thresholds", ["--pairs", "0.5,1.5"], "both must be between 0 and 1"),
        ("tagger_word_clusters", ["--vectors", "no-such-folder"], "lacks vectors, key2row, strings.json"),
        ("transformer_cost", ["--model", "no-such-folder"], "has no config.json"),
        ("transformer_cost", ["--model", "no-such-folder", "--threads", "0"], "--threads must be 1 or more"),
    ],
)
def test_benchmark_rejects_bad_option(script, options, message, capsys):
    benchmark = load_benchmark(script)

    with pytest.raises(SystemExit) as raised:
        benchmark.main(["data/tickets/eval/eval.jsonl", *options])

    assert raised.value.code == 2
    assert message in capsys.readouterr().err


def test_threshold_bench_restores_settings(tmp_path, capsys):
    bench = load_benchmark("phi_thresholds")
    rows = tmp_path / "rows.jsonl"
    row = {"ticket_text": "pt Hollis Brandt paid on G-220185 instead", "phi_risk": True, "phi_values": ["Hollis Brandt"], "keep_values": []}
    rows.write_text(json.dumps(row) + "\n", encoding="utf-8")
    shipped = get_tagger_recognizer().weights

    assert bench.main([str(rows), "--pairs", "0.5,0.7", "--shape-scores", "2", "0.7"]) == 0

    output = capsys.readouterr().out
    assert "0.5 / 0.7, shape override off" in output
    assert "0.5 / 0.7, shape override 0.7" in output
    assert "removed 100.00% (1/1)" in output
    assert "keep lost n/a (0/0)" in output
    assert get_tagger_recognizer().weights is shipped
    assert phi.policy.TAGGER_SHAPE_OVERRIDE_SCORE == TAGGER_SHAPE_OVERRIDE_SCORE


def test_transformer_bench_names_missing_torch(tmp_path, monkeypatch, capsys):
    bench = load_benchmark("transformer_cost")
    (tmp_path / "config.json").write_text("{}", encoding="utf-8")
    # A None entry makes `import torch` fail here even where torch is installed.
    monkeypatch.setitem(sys.modules, "torch", None)

    with pytest.raises(SystemExit) as raised:
        bench.main(["data/tickets/eval/eval.jsonl", "--model", str(tmp_path)])

    assert raised.value.code == 2
    assert "torch is not installed" in capsys.readouterr().err


def write_vectors(folder: Path, vectors: dict[str, list[float]]) -> None:
    """Write a spaCy vocab folder holding these word vectors."""
    from spacy.strings import StringStore
    from spacy.vectors import Vectors

    strings = StringStore(list(vectors))
    table = Vectors(strings=strings, shape=(len(vectors), 2))
    for word, vector in vectors.items():
        table.add(strings[word], vector=np.asarray(vector, dtype=np.float32))
    folder.mkdir()
    table.to_disk(folder)
    strings.to_disk(folder / "strings.json")


def test_word_clusters_group_near_vectors(tmp_path):
    bench = load_benchmark("tagger_word_clusters")
    vectors = {
        "rosa": [1.0, 0.05],
        "Marisol": [0.95, 0.0],
        "portal": [0.0, 1.0],
        "waitlist": [0.05, 0.9],
        "rose": [0.0, 1.0],
        "Rose": [1.0, 0.0],
        "4471": [1.0, 0.0],
    }
    write_vectors(tmp_path / "vocab", vectors)

    clusters = bench.word_clusters(vectors_dir=tmp_path / "vocab", fine=2, coarse=2, seed=0)

    assert clusters["rosa"] == clusters["marisol"]
    assert clusters["portal"] == clusters["waitlist"]
    assert clusters["rosa"][0] != clusters["portal"][0]
    assert clusters["rose"] == clusters["portal"]
    assert "4471" not in clusters


def test_cluster_features_added_per_token():
    bench = load_benchmark("tagger_word_clusters")
    features = bench.ClusterFeatures(lists=NameLists(), clusters={"rosa": ("7", "1"), "delgado": ("9", "2")})
    text = "pt Rosa Delgado called"
    tokens = tokenize(text=text)

    rows = features.for_text(text=text, tokens=tokens, first_person=False)
    shipped = TokenFeatures(lists=NameLists()).for_text(text=text, tokens=tokens, first_person=False)

    rosa = rows[1]
    assert rosa[: len(shipped[1])] == shipped[1]
    assert rosa[len(shipped[1]) :] == ["c=7", "cc=1:Xx", "c-1=?", "c+1=9", "cc-2=?", "cc+2=?"]


def test_risk_errors_bench_counts_rows(tmp_path, capsys):
    bench = load_benchmark("phi_risk_errors")
    rows = tmp_path / "rows.jsonl"
    false_flag = {"ticket_text": "pt Hollis Brandt paid on the wrong statement twice", "phi_risk": False, "phi_values": [], "keep_values": []}
    miss = {"ticket_text": "The label printer in triage jams every morning.", "phi_risk": True, "phi_values": [], "keep_values": []}
    rows.write_text(json.dumps(false_flag) + "\n" + json.dumps(miss) + "\n", encoding="utf-8")

    assert bench.main([str(rows)]) == 0

    output = capsys.readouterr().out
    assert "2 rows: 1 false flags, 1 misses" in output
    assert "1 false flags from PATIENT_NAME firm rule, against 0 right flags" in output
    assert "Hollis" not in output
