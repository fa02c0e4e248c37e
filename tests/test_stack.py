"""The local stack: broker, Faust transport, ClickHouse, migrations, run command, compose file."""

import json
import os
import shlex
import subprocess
import sys
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

import httpx
import pytest
import yaml
from confluent_kafka import Consumer, Producer, TopicPartition, OFFSET_BEGINNING

from cliniqueue.localbroker import find_free_port
from sinks.migrate import list_migrations, migrate
from streams.admin import ensure_topics

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def test_broker_round_trip_keeps_headers(kafka_bootstrap):
    topic = f"stack-{uuid.uuid4().hex[:8]}"
    ensure_topics(bootstrap_servers=kafka_bootstrap, topics={topic: {"partitions": 2}})

    producer = Producer({"bootstrap.servers": kafka_bootstrap, "enable.idempotence": True, "acks": "all"})
    for number in range(20):
        producer.produce(topic, key=f"k{number}".encode(), value=f"v{number}".encode(),
                         headers={"schema-version": b"1", "number": str(number).encode()})
    assert producer.flush(10) == 0

    consumer = Consumer({"bootstrap.servers": kafka_bootstrap, "group.id": f"g-{topic}", "fetch.wait.max.ms": 10})
    consumer.assign([TopicPartition(topic, partition, OFFSET_BEGINNING) for partition in (0, 1)])
    received = {}
    deadline = time.monotonic() + 15
    while len(received) < 20 and time.monotonic() < deadline:
        message = consumer.poll(0.5)
        if message is None or message.error():
            continue
        received[message.key().decode()] = (message.value().decode(), dict(message.headers()))
    consumer.close()

    assert len(received) == 20
    assert received["k7"][0] == "v7"
    assert received["k7"][1]["number"] == b"7"
    assert received["k7"][1]["schema-version"] == b"1"


def test_faust_round_trip_under_100_ms(kafka_bootstrap):
    completed = subprocess.run(
        [PYTHON, str(ROOT / "benchmarks" / "faust_roundtrip.py"), "--bootstrap", kafka_bootstrap, "--messages", "40"],
        capture_output=True, text=True, timeout=180, cwd=ROOT,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    print(f"\nFaust agent round trip: median {figures['median_ms']} ms, p95 {figures['p95_ms']} ms "
          f"(fetch wait {figures['fetch_wait_ms']} ms, {figures['messages']} messages)")
    assert figures["messages"] == 40
    assert figures["headers_kept"]
    assert figures["median_ms"] < 100


def test_migrations_apply_twice(clickhouse_client):
    assert migrate(client=clickhouse_client) == []
    applied = {row[0] for row in clickhouse_client.query("SELECT version FROM schema_migrations FINAL").result_rows}
    assert applied == {version for version, _, _ in list_migrations()}


def test_insert_and_query_deduplicates(clickhouse_client):
    customer_id = f"cus_{uuid.uuid4().hex[:8]}"
    now = datetime.now(timezone.utc)
    row = [7, customer_id, "rest", "", "billing_claims", "high", False, False, False, "revenue_cycle", 0.9, "local",
           "r", None, [], [0.1, 0.2], now, now, 1.0]
    from sinks.writer import CLASSIFICATION_COLUMNS

    for _ in range(2):
        clickhouse_client.insert("classifications", [row], column_names=CLASSIFICATION_COLUMNS)

    count = clickhouse_client.query(
        "SELECT count() FROM classifications FINAL WHERE customer_id = {c:String}", parameters={"c": customer_id}
    ).result_rows[0][0]
    usage = clickhouse_client.query(
        "SELECT uniqExactMerge(tickets) FROM usage_monthly WHERE customer_id = {c:String}", parameters={"c": customer_id}
    ).result_rows[0][0]
    assert count == 1
    assert usage == 1


def test_second_process_on_same_chdb_fails_clearly(clickhouse_client, stack_env):
    if "CLINIQUEUE_CHDB_PATH" not in stack_env:
        pytest.skip("runs on embedded chdb only")
    environment = {**os.environ, "CLINIQUEUE_PORT": str(find_free_port())}
    completed = subprocess.run([PYTHON, "-m", "cliniqueue.cli", "run"], env=environment, capture_output=True,
                               text=True, timeout=60, cwd=ROOT)
    assert completed.returncode == 1
    assert "is in use by another CliniQueue process" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_run_command_serves_health(tmp_path):
    port = find_free_port()
    environment = {**os.environ, "CLINIQUEUE_PORT": str(port), "CLINIQUEUE_CHDB_PATH": str(tmp_path / "chdb"),
                   "CLINIQUEUE_KAFKA_BOOTSTRAP_SERVERS": "", "CLINIQUEUE_CLICKHOUSE_URL": ""}
    process = subprocess.Popen([PYTHON, "-m", "cliniqueue.cli", "run"], env=environment, cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        body = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                body = response.json()
                break
            except httpx.TransportError:
                time.sleep(0.5)
        assert body is not None, "the run command did not serve /health within 120 s"
        assert body["status"] == "ok"
        assert body["timestamp"].endswith("Z") or "+00:00" in body["timestamp"]

        listening = subprocess.run(["ss", "-ltnpH"], capture_output=True, text=True).stdout
        own = [line for line in listening.splitlines() if f"pid={process.pid}," in line]
        assert own, "the service listens on no port"
        assert all("127.0.0.1:" in line.split()[3] for line in own), own
    finally:
        process.terminate()
        process.wait(timeout=60)
    assert not list((tmp_path / "chdb").glob("admin.json"))


def test_compose_services_run_project_commands():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"kafka", "clickhouse"} <= set(services)

    from cliniqueue.cli import build_parser

    parser = build_parser()
    project_services = [name for name, spec in services.items() if spec.get("build")]
    assert project_services, "no service is built from the project's Dockerfile"
    for name in project_services:
        spec = services[name]
        dockerfile = ROOT / spec["build"]["context"] / spec["build"].get("dockerfile", "Dockerfile")
        assert dockerfile.is_file(), f"{name}: {dockerfile} is missing"
        command = spec["command"] if isinstance(spec["command"], list) else shlex.split(spec["command"])
        assert command[0] == "cliniqueue", f"{name} runs {command[0]}, not the cliniqueue command"
        parser.parse_args(command[1:])
