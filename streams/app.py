"""The Faust application: consumer settings fitted to the local broker as well as to Kafka."""

import tempfile
from pathlib import Path

import faust

import streams.transport  # noqa: F401  (registers the cqkafka:// transport)
from cliniqueue.config import Settings


def create_app(*, settings: Settings, bootstrap_servers: str) -> faust.App:
    """Create the Faust app; agents are added by streams.agents and sinks.agent."""
    servers = ";".join(f"{streams.transport.SCHEME}://{server.strip()}" for server in bootstrap_servers.split(","))
    return faust.App(
        f"{settings.topic_prefix}-worker",
        broker=servers,
        value_serializer="raw",
        key_serializer="raw",
        autodiscover=False,
        # No tables: Tansu loses table updates on recovery, so agents keep no state in Faust.
        store="memory://",
        # Faust makes a data folder even for the memory store. Put it in the
        # temp directory, so that workers and tests leave nothing in the checkout.
        datadir=str(Path(tempfile.gettempdir()) / "cliniqueue-{conf.name}-data"),
        # The web server is not used; if a worker enables it, it stays on loopback.
        web_enabled=False,
        web_bind="127.0.0.1",
        consumer_auto_offset_reset="earliest",
        # A group join takes about half the session timeout on Tansu.
        broker_session_timeout=settings.kafka_session_timeout_ms / 1000,
        broker_heartbeat_interval=min(3.0, settings.kafka_session_timeout_ms / 3000),
        broker_request_timeout=max(90.0, settings.kafka_session_timeout_ms / 1000 + 10),
        topic_partitions=settings.topic_partitions,
        producer_acks=-1,
        stream_wait_empty=False,
    )
