"""`cliniqueue scrub` from an argument, stdin and a JSONL file, run as a real process."""

import json
import os
import subprocess
import sys

import pytest

PHI_VALUES = ("Harold Brandt", "3/3/1950", "55120934")
TICKET = "pt Harold Brandt dob 3/3/1950 acct 55120934 statement shows a duplicate copay"


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cliniqueue.cli", "scrub", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.slow
def test_scrub_argument():
    completed = run_cli(TICKET)
    assert completed.returncode == 0
    for value in PHI_VALUES:
        assert value not in completed.stdout
        assert value not in completed.stderr
    assert "<PATIENT_NAME>" in completed.stdout
    assert "entity_types: ACCOUNT_NUMBER, DOB, PATIENT_NAME" in completed.stdout
    assert "phi_risk: true" in completed.stdout


@pytest.mark.slow
def test_scrub_stdin():
    completed = run_cli(stdin=TICKET + "\n")
    assert completed.returncode == 0
    for value in PHI_VALUES:
        assert value not in completed.stdout
    assert "statement shows a duplicate copay" in completed.stdout


@pytest.mark.slow
def test_scrub_jsonl(tmp_path):
    path = tmp_path / "tickets.jsonl"
    rows = [
        {"id": "a", "ticket_text": TICKET},
        {"id": "b", "ticket_text": "claim 88213340 denied CO-16"},
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows) + "not json\n", encoding="utf-8")
    completed = run_cli("--jsonl", str(path))
    assert completed.returncode == 1
    outputs = [json.loads(line) for line in completed.stdout.splitlines()]
    assert [output["id"] for output in outputs] == ["a", "b"]
    assert outputs[0]["phi_risk"] is True
    assert outputs[0]["entity_types"] == ["ACCOUNT_NUMBER", "DOB", "PATIENT_NAME"]
    assert outputs[1] == {"id": "b", "line": 2, "scrubbed_text": "claim 88213340 denied CO-16", "entity_types": [], "phi_risk": False}
    for value in PHI_VALUES:
        assert value not in completed.stdout
        assert value not in completed.stderr
    assert ":3: invalid JSON" in completed.stderr


@pytest.mark.slow
def test_scrub_first_ticket_fresh_process():
    # Startup time is printed by benchmarks/phi_bench.py, not asserted here:
    # a wall-clock limit fails on a loaded CI machine.
    completed = run_cli(TICKET)
    assert completed.returncode == 0
    for value in PHI_VALUES:
        assert value not in completed.stdout
    assert completed.stdout.startswith("pt <PATIENT_NAME> dob <DOB> acct <ACCOUNT_NUMBER>")


@pytest.mark.slow
def test_scrub_empty_input_and_missing_field(tmp_path):
    empty = run_cli(stdin="  \n")
    path = tmp_path / "tickets.jsonl"
    path.write_text(json.dumps({"id": "a", "text": TICKET}) + "\n" + json.dumps([TICKET]) + "\n", encoding="utf-8")
    missing = run_cli("--jsonl", str(path))

    assert empty.returncode == 2
    assert "no ticket text" in empty.stderr
    assert missing.returncode == 1
    assert ':1: missing "ticket_text" field' in missing.stderr
    assert ":2: not a JSON object" in missing.stderr
    for value in PHI_VALUES:
        assert value not in missing.stderr


@pytest.mark.slow
def test_scrub_invalid_utf8(tmp_path):
    latin1 = "pt Ren\xe9 Brandt dob 3/3/1950 acct 55120934".encode("latin-1")
    path = tmp_path / "tickets.jsonl"
    path.write_bytes(json.dumps({"id": "a", "ticket_text": "x"}).encode() + b"\n" + latin1 + b"\n" + json.dumps({"id": "c", "ticket_text": TICKET}).encode() + b"\n")

    piped = subprocess.run([sys.executable, "-m", "cliniqueue.cli", "scrub"], input=latin1, capture_output=True, timeout=60, check=False)
    jsonl = run_cli("--jsonl", str(path))

    assert piped.returncode == 2
    assert b"not valid UTF-8" in piped.stderr
    assert b"Traceback" not in piped.stderr
    assert jsonl.returncode == 1
    assert ":2: not valid UTF-8; line skipped" in jsonl.stderr
    assert [json.loads(line)["id"] for line in jsonl.stdout.splitlines()] == ["a", "c"]
    for value in PHI_VALUES:
        assert value not in jsonl.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("CLINIQUEUE_PHI_SPACY_NER", "yes", "CLINIQUEUE_PHI_SPACY_NER is 'yes'; set it to on or off"),
        ("CLINIQUEUE_PHI_TAGGER_WEIGHTS", "/nonexistent/weights.json.gz", "set CLINIQUEUE_PHI_TAGGER_WEIGHTS to a file"),
    ],
)
def test_scrub_bad_setting_message(variable, value, message):
    completed = subprocess.run(
        [sys.executable, "-m", "cliniqueue.cli", "scrub", TICKET],
        env={**os.environ, variable: value},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert completed.returncode == 2
    assert message in completed.stderr
    assert "Traceback" not in completed.stderr
    for phi_value in PHI_VALUES:
        assert phi_value not in completed.stderr


@pytest.mark.slow
def test_scrub_jsonl_from_stdin():
    lines = json.dumps({"id": "a1", "ticket_text": TICKET}) + "\n" + json.dumps({"ticket_text": "claim 123 denied"}) + "\n"
    completed = run_cli("--jsonl", "-", stdin=lines)

    rows = [json.loads(line) for line in completed.stdout.splitlines()]
    assert completed.returncode == 0
    assert [(row["id"], row["line"]) for row in rows] == [("a1", 1), (2, 2)]
    for value in PHI_VALUES:
        assert value not in completed.stdout
