"""`cliniqueue eval`: figures, privacy of the report, and the HTTP mode."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from cliniqueue.cli import main

PATIENT_NAME = "Marguerite Okafor"
ROWS = [
    {
        "id": "t-1",
        "ticket_text": f"Fax with lab results for {PATIENT_NAME}, DOB 04/17/1961, went to the wrong clinic this morning.",
        "category": "phi_exposure",
        "priority": "critical",
        "escalate_immediately": True,
        "compliance_flag": False,
        "assigned_team": "privacy_office",
        "phi_risk": True,
        "phi_values": [PATIENT_NAME, "04/17/1961"],
    },
    {
        "id": "t-2",
        "ticket_text": "How do I add a favorite order set for our new nurse? Nothing is broken.",
        "category": "training_onboarding",
        "priority": "low",
        "phi_risk": False,
        "phi_values": [],
    },
    {
        # Deliberately mislabeled so that the report has one wrong row.
        "id": "t-3",
        "ticket_text": "Please send your SOC 2 Type II report and the signed BAA for our vendor review.",
        "category": "billing_claims",
        "priority": "high",
    },
]


@pytest.fixture
def labeled_file(tmp_path):
    path = tmp_path / "labeled.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in ROWS), encoding="utf-8")
    return path


def run_eval(capsys, *args: str) -> str:
    exit_code = main(["eval", *args])
    output = capsys.readouterr().out
    assert exit_code == 0
    return output


@pytest.mark.slow
def test_eval_json_report_in_process(capsys, labeled_file):
    report = json.loads(run_eval(capsys, str(labeled_file), "--json"))

    assert report["rows"] == 3
    assert report["errors"] == 0
    assert report["accuracy"]["category"]["rows"] == 3
    assert report["accuracy"]["category"]["correct"] == 2
    assert report["accuracy"]["escalate_immediately"]["rows"] == 1
    assert report["accuracy"]["phi_risk"]["rows"] == 2
    assert sum(sum(row.values()) for row in report["category_confusion"].values()) == 3
    assert report["category_confusion"]["billing_claims"]["compliance_request"] == 1
    assert report["per_category"]["phi_exposure"]["recall"] == 1.0
    assert report["phi_values"]["total"] == 2
    assert report["phi_values"]["available"] is True
    assert report["phi_values"]["still_present"] == 0
    assert report["latency_ms"]["p50"] > 0
    assert report["scrub_latency_ms"]["p50"] > 0
    assert [entry["id"] for entry in report["wrong"]] == ["t-3"]
    assert "scrubbed_text" not in report["wrong"][0]


@pytest.mark.slow
def test_eval_text_report_hides_text(capsys, labeled_file):
    output = run_eval(capsys, str(labeled_file))

    assert "category               66.7%  (2/3)" in output
    assert "PHI values still present after scrubbing: 0/2 (0.0%)" in output
    assert "t-3: category billing_claims -> compliance_request" in output
    assert "SOC 2" not in output
    assert PATIENT_NAME not in output


@pytest.mark.slow
def test_eval_show_text_prints_scrubbed_text(capsys, tmp_path):
    row = dict(ROWS[0], category="billing_claims")
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")

    output = run_eval(capsys, str(path), "--show-text")

    assert "scrubbed text: " in output
    assert "went to the wrong clinic" in output
    assert PATIENT_NAME not in output
    assert "04/17/1961" not in output


class FakeClassifyHandler(BaseHTTPRequestHandler):
    """Serve POST /classify like the service: billing_claims/high for every ticket, HTTP 500 for one containing "fail"."""

    def do_POST(self):  # noqa: N802 - name fixed by BaseHTTPRequestHandler
        length = int(self.headers["Content-Length"])
        body = json.loads(self.rfile.read(length))
        if self.path != "/classify" or self.headers.get("X-API-Key") != "test-key":
            self.send_response(401)
            self.end_headers()
            return
        if "fail" in body["ticket_text"]:
            self.send_response(500)
            self.end_headers()
            return
        payload = json.dumps(
            {
                "audit_id": 1,
                "category": "billing_claims",
                "priority": "high",
                "phi_risk": False,
                "escalate_immediately": False,
                "compliance_flag": False,
                "assigned_team": "revenue_cycle",
                "reasoning": "r",
                "suggested_reply": None,
                "confidence": 0.9,
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by BaseHTTPRequestHandler
        pass


@pytest.fixture
def fake_service():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeClassifyHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_eval_against_service_url(capsys, tmp_path, fake_service):
    rows = [
        {"id": "u-1", "ticket_text": "ERA did not post", "category": "billing_claims", "priority": "high"},
        {"id": "u-2", "ticket_text": "How do I print?", "category": "training_onboarding", "priority": "low"},
        {"id": "u-3", "ticket_text": "this one should fail", "category": "billing_claims"},
    ]
    path = tmp_path / "url.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")

    report = json.loads(run_eval(capsys, str(path), "--json", "--url", fake_service, "--api-key", "test-key"))

    assert report["errors"] == 1
    assert report["accuracy"]["category"] == {"accuracy": 0.5, "correct": 1, "rows": 2}
    assert "assigned_team" not in report["accuracy"]
    assert report["phi_values"]["available"] is False
    assert report["latency_ms"]["p50"] > 0
    wrong = {entry["id"]: entry for entry in report["wrong"]}
    assert wrong["u-3"]["error"] == "HTTP 500"
    assert wrong["u-2"]["fields"]["category"] == {"expected": "training_onboarding", "got": "billing_claims"}


def test_eval_url_requires_api_key(capsys, labeled_file):
    exit_code = main(["eval", str(labeled_file), "--url", "http://127.0.0.1:9"])

    assert exit_code == 2
    assert "--api-key is required" in capsys.readouterr().err


def test_eval_rejects_invalid_json(capsys, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "ticket_text": "fine"}\nnot json\n', encoding="utf-8")

    exit_code = main(["eval", str(path)])

    assert exit_code == 2
    assert "invalid JSON" in capsys.readouterr().err
