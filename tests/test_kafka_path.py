"""Direct Kafka producers: results per customer, idempotent redelivery, dead letters, quotas."""

import json
import uuid

from confluent_kafka import Producer

from cliniqueue.audit_ids import derived_audit_id
from cliniqueue.client import ResultConsumer, TicketProducer
from cliniqueue.config import get_settings
from streams import topics
from tests.conftest import wait_for
from tests.stack import read_topics

PHI_TICKET = ("Patient Orsolya Venkataraman-Quist, MRN 55120987, was shown another patient's lab results "
              "in the portal this morning")
BILLING_TICKET = "ERA 835 files from the clearinghouse stopped posting since Monday; claim batch 8842 is stuck"


def _read_topic(bootstrap: str, topic: str) -> list:
    return read_topics(bootstrap_servers=bootstrap, topics=[topic])


def _collect(consumer: ResultConsumer, wanted: set[str], timeout_s: float = 30) -> dict[str, dict]:
    results = {}
    for result in consumer.results(timeout_s=timeout_s):
        if result.get("message_id") in wanted:
            results.setdefault(result["message_id"], result)
        if set(results) == wanted:
            break
    return results


def test_results_reach_only_the_sender(service, customer_factory, kafka_bootstrap, clickhouse_client):
    customer_a, _, key_a = customer_factory()
    customer_b, _, key_b = customer_factory()
    prefix = get_settings().topic_prefix
    run = uuid.uuid4().hex[:6]

    producer = TicketProducer(bootstrap_servers=kafka_bootstrap, api_key=key_a, topic_prefix=prefix)
    producer.send(message_id=f"{run}-local", ticket_text=PHI_TICKET)
    raw_producer = TicketProducer(bootstrap_servers=kafka_bootstrap, api_key=key_a, topic_prefix=prefix,
                                  scrub_locally=False)
    raw_producer.send(message_id=f"{run}-server", ticket_text=BILLING_TICKET)
    assert producer.flush() == []
    assert raw_producer.flush() == []

    consumer = ResultConsumer(bootstrap_servers=kafka_bootstrap, customer_id=customer_a.customer_id, topic_prefix=prefix)
    results = _collect(consumer, {f"{run}-local", f"{run}-server"})
    consumer.close()

    assert set(results) == {f"{run}-local", f"{run}-server"}
    local = results[f"{run}-local"]
    assert local["audit_id"] == derived_audit_id(customer_id=customer_a.customer_id, message_id=f"{run}-local")
    assert local["phi_risk"] is True
    assert local["customer_id"] == customer_a.customer_id
    assert local["embedding"] == []
    assert results[f"{run}-server"]["category"] == "billing_claims"

    inbound_values = [message.value() for message in _read_topic(kafka_bootstrap, topics.inbound(settings=get_settings()))]
    local_values = [value for value in inbound_values if f"{run}-local".encode() in value]
    assert local_values, "the locally scrubbed ticket is not on the inbound topic"
    assert all(b"Venkataraman" not in value and b"55120987" not in value for value in local_values)

    b_topic = topics.customer_results(settings=get_settings(), customer_id=customer_b.customer_id)
    assert not any(run.encode() in message.value() for message in _read_topic(kafka_bootstrap, b_topic))
    with service.http() as http:
        audit_id = local["audit_id"]
        wait_for(lambda: http.get(f"/classifications/{audit_id}", headers={"X-API-Key": key_a}).status_code == 200)
        assert http.get(f"/classifications/{audit_id}", headers={"X-API-Key": key_b}).status_code == 404


def test_redelivery_keeps_one_record(service, customer_factory, kafka_bootstrap, clickhouse_client):
    customer, _, api_key = customer_factory(monthly_limit=5)
    prefix = get_settings().topic_prefix
    message_id = f"redeliver-{uuid.uuid4().hex[:6]}"

    consumer = ResultConsumer(bootstrap_servers=kafka_bootstrap, customer_id=customer.customer_id, topic_prefix=prefix)
    producer = TicketProducer(bootstrap_servers=kafka_bootstrap, api_key=api_key, topic_prefix=prefix)
    for _ in range(3):
        producer.send(message_id=message_id, ticket_text=BILLING_TICKET)
    producer.flush()
    results = [result for result in consumer.results(timeout_s=15, expected=3) if result.get("message_id") == message_id]
    consumer.close()

    assert len({result["audit_id"] for result in results}) == 1
    audit_id = results[0]["audit_id"]
    wait_for(lambda: clickhouse_client.query(
        "SELECT count() FROM classifications WHERE customer_id = {c:String}", parameters={"c": customer.customer_id}
    ).result_rows[0][0] >= 1)
    stored = clickhouse_client.query(
        "SELECT audit_id FROM classifications FINAL WHERE customer_id = {c:String}", parameters={"c": customer.customer_id}
    ).result_rows
    usage = clickhouse_client.query(
        "SELECT uniqExactMerge(tickets) FROM usage_monthly WHERE customer_id = {c:String}",
        parameters={"c": customer.customer_id},
    ).result_rows[0][0]
    assert stored == [(audit_id,)]
    assert usage == 1
    with service.http() as http:
        summary = http.get("/analytics/summary", headers={"X-API-Key": api_key}).json()
    assert summary["tickets_this_month"] == 1


def test_invalid_messages_go_to_dead_letters(service, customer_factory, kafka_bootstrap):
    customer, _, api_key = customer_factory()
    settings = get_settings()
    inbound = topics.inbound(settings=settings)
    run = uuid.uuid4().hex[:6]
    secret = f"Secretname{run}"
    producer = Producer({"bootstrap.servers": kafka_bootstrap})
    key_header = {"x-api-key": api_key.encode()}
    cases = {
        "invalid_json": (b'{"message_id": "' + f"{run}-json".encode() + b'", "ticket_text": "' + secret.encode(),
                         key_header),
        "unknown_schema_version": (json.dumps({"schema_version": 9, "message_id": f"{run}-version",
                                               "ticket_text": secret}).encode(), key_header),
        "missing_api_key": (json.dumps({"schema_version": 1, "message_id": f"{run}-nokey",
                                        "ticket_text": secret}).encode(), {}),
        "invalid_api_key": (json.dumps({"schema_version": 1, "message_id": f"{run}-badkey",
                                        "ticket_text": secret}).encode(), {"x-api-key": b"cq_nope"}),
        "invalid_message": (json.dumps({"schema_version": 1, "message_id": f"{run}-empty",
                                        "ticket_text": "   "}).encode(), key_header),
    }
    for value, headers in cases.values():
        producer.produce(inbound, value=value, headers=headers)
    producer.flush(10)

    # A valid ticket after the bad ones proves the agent kept consuming.
    consumer = ResultConsumer(bootstrap_servers=kafka_bootstrap, customer_id=customer.customer_id,
                              topic_prefix=settings.topic_prefix)
    valid = TicketProducer(bootstrap_servers=kafka_bootstrap, api_key=api_key, topic_prefix=settings.topic_prefix)
    valid.send(message_id=f"{run}-valid", ticket_text=BILLING_TICKET)
    valid.flush()
    assert _collect(consumer, {f"{run}-valid"}).get(f"{run}-valid", {}).get("category") == "billing_claims"
    consumer.close()

    letters = wait_for(lambda: (found := [json.loads(message.value()) for message in
                                          _read_topic(kafka_bootstrap, topics.dead_letters(settings=settings))
                                          if run.encode() in message.value() or secret.encode() in message.value()])
                       and len(found) >= 4 and found)
    reasons = {letter["reason"] for letter in letters}
    assert reasons >= {"unknown_schema_version", "missing_api_key", "invalid_api_key", "invalid_message"}
    all_letters = b"\n".join(message.value() for message in _read_topic(kafka_bootstrap, topics.dead_letters(settings=settings)))
    assert secret.encode() not in all_letters
    by_reason = {letter["reason"]: letter for letter in letters}
    assert by_reason["invalid_message"]["message_id"] == f"{run}-empty"
    assert by_reason["unknown_schema_version"]["message_id"] == f"{run}-version"
    json_letters = [json.loads(m.value()) for m in _read_topic(kafka_bootstrap, topics.dead_letters(settings=settings))
                    if json.loads(m.value())["reason"] == "invalid_json"]
    assert json_letters, "the invalid JSON message is not on the dead-letter topic"


def test_kafka_quota_applies(service, customer_factory, kafka_bootstrap):
    customer, _, api_key = customer_factory(monthly_limit=2)
    prefix = get_settings().topic_prefix
    run = uuid.uuid4().hex[:6]
    consumer = ResultConsumer(bootstrap_servers=kafka_bootstrap, customer_id=customer.customer_id, topic_prefix=prefix)
    producer = TicketProducer(bootstrap_servers=kafka_bootstrap, api_key=api_key, topic_prefix=prefix)
    for number in range(3):
        producer.send(message_id=f"{run}-{number}", ticket_text=BILLING_TICKET)
    producer.flush()
    results = _collect(consumer, {f"{run}-{number}" for number in range(3)})
    consumer.close()

    errors = [result for result in results.values() if result.get("error") == "quota_exceeded"]
    classified = [result for result in results.values() if "category" in result]
    assert len(classified) == 2
    assert len(errors) == 1
    assert errors[0]["monthly_limit"] == 2


def test_produce_command_reports_throughput(service, customer_factory, kafka_bootstrap, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    customer, _, api_key = customer_factory()
    tickets = tmp_path / "tickets.jsonl"
    tickets.write_text("".join(json.dumps({"id": f"t{number}", "ticket_text": text}) + "\n"
                               for number, text in enumerate([BILLING_TICKET, PHI_TICKET, BILLING_TICKET])))
    completed = subprocess.run(
        [sys.executable, "-m", "cliniqueue.cli", "produce", str(tickets), "--api-key", api_key,
         "--customer-id", customer.customer_id, "--bootstrap", kafka_bootstrap, "--wait-results",
         "--id-prefix", f"{uuid.uuid4().hex[:6]}-", "--timeout", "30"],
        capture_output=True, text=True, timeout=180, env=dict(os.environ), cwd=Path(__file__).resolve().parent.parent,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert "sent 3 tickets" in completed.stdout
    assert "received 3 of 3 results" in completed.stdout
    assert "Venkataraman" not in completed.stdout + completed.stderr
