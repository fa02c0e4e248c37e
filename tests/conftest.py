"""Session fixtures: one broker, one ClickHouse and one running service for all tests."""

import logging
import time
import uuid

import pytest

from cliniqueue.localbroker import find_free_port
from tests.stack import LogCapture, clickhouse_location, kafka_broker, set_environment, start_service, stop_service


@pytest.fixture(scope="session")
def log_capture():
    """Capture every log record of the test process as the JSON formatter writes it."""
    handler = LogCapture()
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield handler
    root.removeHandler(handler)


@pytest.fixture(scope="session")
def kafka_bootstrap():
    """Bootstrap servers of a real Kafka-compatible broker."""
    with kafka_broker() as bootstrap_servers:
        yield bootstrap_servers


@pytest.fixture(scope="session")
def stack_env(kafka_bootstrap, tmp_path_factory, log_capture):
    """Point the settings at the test broker and ClickHouse."""
    with clickhouse_location(tmp_dir=tmp_path_factory.mktemp("chdb")) as clickhouse_env:
        set_environment({
            **clickhouse_env,
            "CLINIQUEUE_KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
            "CLINIQUEUE_TOPIC_PREFIX": f"test{uuid.uuid4().hex[:6]}",
            "CLINIQUEUE_KAFKA_FETCH_WAIT_MS": "10",
            "CLINIQUEUE_KEY_CACHE_TTL_S": "1",
            "CLINIQUEUE_SINK_BATCH_SECONDS": "0.5",
            "CLINIQUEUE_CLASSIFIER_MODE": "local",
        })
        yield clickhouse_env


@pytest.fixture(scope="session")
def clickhouse_client(stack_env):
    """A migrated ClickHouse client: the same one the in-process service uses."""
    from sinks.clickhouse import create_client
    from sinks.migrate import migrate

    client = create_client()
    migrate(client=client)
    return client


@pytest.fixture(scope="session")
def service(stack_env, clickhouse_client):
    """The full pipeline (edge, agents, sink) serving HTTP on a free 127.0.0.1 port."""
    running = start_service(port=find_free_port())
    yield running
    stop_service(running)


@pytest.fixture
def customer_factory(clickhouse_client):
    """Create customers with a fresh API key: factory(monthly_limit=..., drafts_enabled=...)."""
    from customers import service as customers_service

    def create(*, monthly_limit: int = 1000, drafts_enabled: bool = False, team_overrides=None, name=None):
        customer = customers_service.create_customer(
            client=clickhouse_client, name=name or f"Clinic {uuid.uuid4().hex[:6]}", plan="compliant",
            monthly_limit=monthly_limit, drafts_enabled=drafts_enabled, team_overrides=team_overrides or {},
        )
        key_id, api_key = customers_service.issue_key(client=clickhouse_client, customer_id=customer.customer_id)
        return customer, key_id, api_key

    return create


def wait_for(condition, *, timeout_s: float = 15.0, interval_s: float = 0.2):
    """Poll condition() until it returns a truthy value; return it, or fail the test."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval_s)
    pytest.fail(f"condition not met within {timeout_s} s")
