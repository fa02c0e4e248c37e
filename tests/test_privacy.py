"""Canary PHI values never reach a log line, a ClickHouse table or a Kafka topic."""

from tests.conftest import wait_for
from tests.stack import read_topics

# Invented values that appear nowhere else; each must be scrubbed at the edge.
CANARY_NAMES = ["Zorbelina Quackenbrush", "Thaddeus Wigglesworth-Pnakotic"]
CANARY_MRNS = ["MRN 48213377", "MRN: 7719-5531"]
CANARY_SSNS = ["512-44-8093", "611-23-4409"]
CANARY_MEMBER = "member ID XQZ882019457"

TICKETS = [
    f"Patient {CANARY_NAMES[0]} ({CANARY_MRNS[0]}, SSN {CANARY_SSNS[0]}) was sent the lab results of another "
    "patient by fax this morning.",
    f"Dr. Patel can't open the chart of {CANARY_NAMES[1]}, {CANARY_MRNS[1]}, SSN {CANARY_SSNS[1]}, "
    f"{CANARY_MEMBER}; patient is in the exam room now.",
    f"PID|1||{CANARY_MRNS[0].split()[-1]}^^^MRN||QUACKENBRUSH^ZORBELINA^Q||19610314|F ADT feed stopped since 9am",
]
CANARY_VALUES = [*CANARY_NAMES, "Quackenbrush", "Wigglesworth", "48213377", "7719-5531", *CANARY_SSNS,
                 "XQZ882019457", "QUACKENBRUSH^ZORBELINA"]


def _all_topic_messages(bootstrap_servers: str) -> list[bytes]:
    """Return every value and header value on every topic."""
    values = []
    for message in read_topics(bootstrap_servers=bootstrap_servers):
        values.append(message.value() or b"")
        values.extend(value or b"" for _, value in (message.headers() or []))
    return values


def _all_clickhouse_text(client) -> str:
    tables = [row[0] for row in client.query(
        "SELECT name FROM system.tables WHERE database = currentDatabase() AND engine NOT LIKE '%View%'"
    ).result_rows]
    dump = []
    for table in tables:
        columns = client.query(
            "SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = {t:String}",
            parameters={"t": table},
        ).result_rows
        # Aggregate states (the quota counter) are read through their final value.
        selected = ", ".join(f"finalizeAggregation({name})" if kind.startswith("AggregateFunction") else name
                             for name, kind in columns)
        for row in client.query(f"SELECT {selected} FROM {table}").result_rows:
            dump.append(repr(row))
    return "\n".join(dump)


def test_canary_phi_found_nowhere(service, customer_factory, clickhouse_client, kafka_bootstrap, log_capture):
    customer, _, api_key = customer_factory(drafts_enabled=True)
    with service.http() as http:
        results = [http.post("/classify", json={"ticket_text": text}, headers={"X-API-Key": api_key}).json()
                   for text in TICKETS]
        http.post("/feedback", json={"audit_id": results[0]["audit_id"], "corrected_category": "phi_exposure"},
                  headers={"X-API-Key": api_key})

    assert all(result["phi_risk"] for result in results)
    wait_for(lambda: clickhouse_client.query(
        "SELECT count() FROM classifications FINAL WHERE customer_id = {c:String}",
        parameters={"c": customer.customer_id},
    ).result_rows[0][0] == len(TICKETS))
    wait_for(lambda: clickhouse_client.query(
        "SELECT count() FROM feedback FINAL WHERE customer_id = {c:String}", parameters={"c": customer.customer_id},
    ).result_rows[0][0] == 1)

    responses = "\n".join(repr(result) for result in results)
    logs = log_capture.text()
    tables = _all_clickhouse_text(clickhouse_client)
    messages = b"\n".join(_all_topic_messages(kafka_bootstrap)).decode("utf-8", errors="replace")

    assert customer.customer_id in logs, "the log capture saw none of this test's requests"
    assert customer.customer_id in tables
    assert "Dr. Patel" in messages or "Patel" in messages, "the scrubbed ticket topic was not read"
    for value in CANARY_VALUES:
        assert value.lower() not in logs.lower(), f"canary {value!r} in the logs"
        assert value.lower() not in tables.lower(), f"canary {value!r} in ClickHouse"
        assert value.lower() not in messages.lower(), f"canary {value!r} on a Kafka topic"
        assert value.lower() not in responses.lower(), f"canary {value!r} in a response"
