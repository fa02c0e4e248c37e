"""The real components the tests run against: a Kafka broker, ClickHouse and the service.

With a Docker engine, Kafka and ClickHouse come from testcontainers. Without
one (as on the development machines), Kafka is a local Tansu broker and
ClickHouse is embedded chdb in a temporary directory.
"""

import io
import logging
import os
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from cliniqueue.logs import JsonFormatter


def docker_available() -> bool:
    """Return whether a Docker engine responds (the client alone is not enough)."""
    try:
        import docker

        docker.from_env(timeout=3).ping()
        return True
    except Exception:
        return False


@contextmanager
def kafka_broker():
    """Yield bootstrap servers of a Kafka container, or of a local Tansu broker."""
    if docker_available():
        from testcontainers.kafka import KafkaContainer

        with KafkaContainer().with_kraft() as container:
            yield container.get_bootstrap_server()
        return

    from cliniqueue.localbroker import start_local_broker

    broker = start_local_broker()
    try:
        yield broker.bootstrap_servers
    finally:
        broker.stop()


@contextmanager
def clickhouse_location(*, tmp_dir):
    """Yield environment variables selecting a ClickHouse container, or chdb in tmp_dir."""
    if docker_available():
        from testcontainers.clickhouse import ClickHouseContainer

        with ClickHouseContainer() as container:
            host = container.get_container_host_ip()
            port = container.get_exposed_port(8123)
            yield {"CLINIQUEUE_CLICKHOUSE_URL": f"http://{container.username}:{container.password}@{host}:{port}/"
                                                f"{container.dbname}"}
        return
    yield {"CLINIQUEUE_CLICKHOUSE_URL": "", "CLINIQUEUE_CHDB_PATH": str(tmp_dir)}


class LogCapture(logging.Handler):
    """Keep every formatted log line of the process, for privacy checks."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.setFormatter(JsonFormatter())
        self.lines: list[str] = []
        self._lines_lock = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        line = self.format(record)
        with self._lines_lock:
            self.lines.append(line)

    def text(self) -> str:
        with self._lines_lock:
            return "\n".join(self.lines)


@dataclass
class RunningService:
    """The service running in a thread of the test process, reached over real HTTP."""

    base_url: str
    app: object
    server: object
    thread: threading.Thread

    @property
    def state(self):
        return self.app.state.edge

    def http(self, **kwargs) -> httpx.Client:
        return httpx.Client(base_url=self.base_url, timeout=30, **kwargs)


def start_service(*, port: int) -> RunningService:
    """Start uvicorn with the full pipeline on 127.0.0.1 in a thread and wait until it serves."""
    import uvicorn

    from cliniqueue.config import get_settings
    from ingest_api.main import create_app

    settings = get_settings()
    app = create_app(settings=settings, run_worker=True)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, access_log=False))
    thread = threading.Thread(target=server.run, name="service", daemon=True)
    thread.start()

    deadline = time.monotonic() + 120
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the service did not start; see the log output above")
        time.sleep(0.1)
    return RunningService(base_url=f"http://127.0.0.1:{port}", app=app, server=server, thread=thread)


def stop_service(service: RunningService) -> None:
    """Ask uvicorn to shut down and wait for the lifespan to finish."""
    service.server.should_exit = True
    service.thread.join(timeout=60)


def set_environment(values: dict[str, str]) -> None:
    """Set CLINIQUEUE_* variables and drop the cached settings."""
    from cliniqueue.config import get_settings

    os.environ.update(values)
    get_settings.cache_clear()


def read_topics(*, bootstrap_servers: str, topics: list[str] | None = None) -> list:
    """Return every message on the given topics (all topics when None), read from the beginning."""
    import uuid

    from confluent_kafka import OFFSET_BEGINNING, Consumer, TopicPartition
    from confluent_kafka.admin import AdminClient

    metadata = AdminClient({"bootstrap.servers": bootstrap_servers}).list_topics(timeout=10)
    names = [name for name in metadata.topics if topics is None or name in topics]
    partitions = [TopicPartition(name, partition, OFFSET_BEGINNING)
                  for name in names for partition in metadata.topics[name].partitions]
    if not partitions:
        return []

    consumer = Consumer({"bootstrap.servers": bootstrap_servers, "group.id": f"read-{uuid.uuid4().hex}",
                         "enable.auto.commit": False, "fetch.wait.max.ms": 10, "enable.partition.eof": True})
    consumer.assign(partitions)
    messages, finished, idle_polls = [], set(), 0
    # Bounded: stop when every partition reported its end, or after 50 empty polls of 0.2 s.
    while len(finished) < len(partitions) and idle_polls < 50:
        message = consumer.poll(0.2)
        if message is None:
            idle_polls += 1
            continue
        if message.error():
            finished.add((message.topic(), message.partition()))
            continue
        messages.append(message)
    consumer.close()
    return messages
