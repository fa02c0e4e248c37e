"""Per-customer result topics, created on first use.

Each customer reads its Kafka-path results from its own topic, so that broker
ACLs can give a customer's principal read access to that topic alone.
"""

import asyncio
import logging

import faust

from cliniqueue.config import Settings
from streams import topics
from streams.admin import ensure_topics

log = logging.getLogger(__name__)


class CustomerTopics:
    """Send messages to customers' result topics, creating each topic once."""

    def __init__(self, *, app: faust.App, settings: Settings, bootstrap_servers: str) -> None:
        self._app = app
        self._settings = settings
        self._bootstrap_servers = bootstrap_servers
        self._topics: dict[str, faust.TopicT] = {}
        self._lock = asyncio.Lock()

    async def _topic(self, customer_id: str) -> faust.TopicT:
        if customer_id in self._topics:
            return self._topics[customer_id]
        async with self._lock:
            if customer_id not in self._topics:
                name = topics.customer_results(settings=self._settings, customer_id=customer_id)
                loop = asyncio.get_running_loop()
                await loop.run_in_executor(None, lambda: ensure_topics(
                    bootstrap_servers=self._bootstrap_servers,
                    topics={name: {"partitions": 1, "config": {"retention.ms": 7 * 24 * 3_600_000}}},
                ))
                self._topics[customer_id] = self._app.topic(name, value_serializer="raw")
        return self._topics[customer_id]

    async def send(self, *, customer_id: str, key: bytes, value: bytes) -> None:
        """Send one message to a customer's results topic."""
        topic = await self._topic(customer_id)
        await topic.send(key=key, value=value, headers={"schema-version": b"1"})
