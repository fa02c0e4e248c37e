"""`cliniqueue worker` as its own process: Kafka tickets in, results out, metrics served."""

import json
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx

from cliniqueue.client import ResultConsumer, TicketProducer
from cliniqueue.localbroker import find_free_port

ROOT = Path(__file__).resolve().parent.parent
TICKET = "Our 835 remittance files stopped loading since Tuesday; payments are not posting for any payer"


def _cli(*arguments: str, environment: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cliniqueue.cli", *arguments], env=environment, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_worker_process_classifies_kafka_tickets(kafka_bootstrap, tmp_path):
    prefix = f"worker{uuid.uuid4().hex[:6]}"
    metrics_port = find_free_port()
    environment = {**os.environ, "CLINIQUEUE_CHDB_PATH": str(tmp_path / "chdb"), "CLINIQUEUE_TOPIC_PREFIX": prefix,
                   "CLINIQUEUE_KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap, "CLINIQUEUE_CLICKHOUSE_URL": "",
                   "CLINIQUEUE_WORKER_METRICS_PORT": str(metrics_port), "CLINIQUEUE_LOG_LEVEL": "WARNING"}

    created = _cli("customers", "create", "--name", "Worker Clinic", "--monthly-limit", "10", environment=environment)
    assert created.returncode == 0, created.stderr
    customer_id = json.loads(created.stdout)["customer_id"]
    issued = _cli("keys", "issue", customer_id, environment=environment)
    api_key = re.search(r"^api_key:\s*(\S+)", issued.stdout, flags=re.MULTILINE).group(1)

    worker = subprocess.Popen([sys.executable, "-m", "cliniqueue.cli", "worker"], env=environment, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        consumer = ResultConsumer(bootstrap_servers=kafka_bootstrap, customer_id=customer_id, topic_prefix=prefix)
        producer = TicketProducer(bootstrap_servers=kafka_bootstrap, api_key=api_key, topic_prefix=prefix,
                                  scrub_locally=False)
        producer.send(message_id="w-1", ticket_text=TICKET)
        producer.close()
        results = [result for result in consumer.results(timeout_s=90, expected=1)]
        consumer.close()

        assert worker.poll() is None, worker.stderr.read()[-2000:] if worker.stderr else ""
        assert len(results) == 1
        assert results[0]["message_id"] == "w-1"
        assert results[0]["category"] == "billing_claims"

        metrics = httpx.get(f"http://127.0.0.1:{metrics_port}/metrics", timeout=5).text
        assert 'cliniqueue_classifications_total{backend="local",category="billing_claims"' in metrics
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    assert worker.returncode == 0
