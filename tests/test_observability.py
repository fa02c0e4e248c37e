"""/metrics moves with traffic and its labels carry no ids, keys or text; logs carry the ids."""

import json
import re

from prometheus_client.parser import text_string_to_metric_families

from tests.conftest import wait_for

TICKET = "ERA 835 files from Availity stopped posting since Monday, claims batch 7781 is stuck"


def _samples(http) -> dict:
    text = http.get("/metrics").text
    samples = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return samples


def _value(samples: dict, name: str, **labels) -> float:
    wanted = tuple(sorted(labels.items()))
    return sum(value for (sample_name, sample_labels), value in samples.items()
               if sample_name == name and set(wanted) <= set(sample_labels))


def test_metrics_counters_move(service, customer_factory):
    _, _, api_key = customer_factory(monthly_limit=3)
    with service.http() as http:
        before = _samples(http)
        results = [http.post("/classify", json={"ticket_text": TICKET}, headers={"X-API-Key": api_key})
                   for _ in range(4)]
        http.post("/classify", json={"ticket_text": TICKET}, headers={"X-API-Key": "cq_wrong"})
        # The classifications table's sink batch, which records sink_lag, may land after the other tables'.
        after = wait_for(lambda: (s := _samples(http)) and _value(s, "cliniqueue_sink_batch_rows_count",
                                                                  table="classifications") >
                         _value(before, "cliniqueue_sink_batch_rows_count", table="classifications") and s)

    assert [response.status_code for response in results] == [200, 200, 200, 429]
    requests_200 = ("cliniqueue_http_requests_total", {"route": "/classify", "status": "200"})
    assert _value(after, requests_200[0], **requests_200[1]) - _value(before, requests_200[0], **requests_200[1]) == 3
    assert _value(after, "cliniqueue_http_requests_total", route="/classify", status="401") - \
        _value(before, "cliniqueue_http_requests_total", route="/classify", status="401") == 1
    assert _value(after, "cliniqueue_quota_rejections_total", source="rest") - \
        _value(before, "cliniqueue_quota_rejections_total", source="rest") == 1
    assert _value(after, "cliniqueue_classifications_total") - _value(before, "cliniqueue_classifications_total") >= 3
    for stage in ("auth", "quota", "scrub", "publish_to_reply", "kafka_round_trip", "classify", "sink_lag"):
        assert _value(after, "cliniqueue_stage_duration_seconds_count", stage=stage) > \
            _value(before, "cliniqueue_stage_duration_seconds_count", stage=stage), stage


def test_metric_labels_carry_no_ids_or_keys(service, customer_factory):
    customer, _, api_key = customer_factory()
    with service.http() as http:
        audit_id = http.post("/classify", json={"ticket_text": TICKET}, headers={"X-API-Key": api_key}).json()["audit_id"]
        http.get(f"/classifications/{audit_id}", headers={"X-API-Key": api_key})
        text = http.get("/metrics").text

    assert str(audit_id) not in text
    assert api_key not in text
    assert customer.customer_id not in text
    assert "Availity" not in text
    assert 'route="/classifications/{audit_id}"' in text


def test_request_logs_carry_ids(service, customer_factory, log_capture):
    customer, _, api_key = customer_factory()
    with service.http() as http:
        audit_id = http.post("/classify", json={"ticket_text": TICKET}, headers={"X-API-Key": api_key}).json()["audit_id"]

    records = [json.loads(line) for line in log_capture.lines if line.startswith("{")]
    request_records = [record for record in records if record.get("message") == "request"
                       and record.get("audit_id") == audit_id]
    assert request_records, "no request log line with the audit id"
    record = request_records[-1]
    assert record["customer_id"] == customer.customer_id
    assert record["status"] == 200
    assert record["route"] == "/classify"
    assert record["duration_ms"] > 0
    assert not any(re.search(r"cq_[0-9a-f]{8}_", line) for line in log_capture.lines), "an API key was logged"
