"""The edge's Kafka side: publish scrubbed tickets, await replies on this process's reply topic.

Each edge process creates its own reply topic (one partition) and reads it
with a manual assignment, so no consumer group join delays start-up and no
edge reads another edge's replies. A result is matched to its waiting request
by correlation id.
"""

import asyncio
import json
import logging
import threading
import uuid

from confluent_kafka import Consumer, KafkaError, Producer, TopicPartition, OFFSET_BEGINNING
from pydantic import ValidationError

from cliniqueue.config import Settings
from schemas.messages import ClassificationFailed, ClassificationResult, ResponseEvent, ScrubbedTicket
from streams import topics
from streams.admin import delete_topic, ensure_topics

log = logging.getLogger(__name__)


class PublishFailed(RuntimeError):
    """Raised when Kafka did not accept a message."""


class PipelineFailed(RuntimeError):
    """Raised when the worker reported that classification failed."""


class KafkaBridge:
    """Publish tickets and events; deliver each reply to the request waiting for it."""

    def __init__(self, *, settings: Settings, bootstrap_servers: str) -> None:
        self._settings = settings
        self._bootstrap_servers = bootstrap_servers
        self.instance = uuid.uuid4().hex[:12]
        self.reply_topic = topics.edge_replies(settings=settings, instance=self.instance)
        self._pending: dict[str, asyncio.Future] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._producer: Producer | None = None
        self._consumer: Consumer | None = None
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self, *, loop: asyncio.AbstractEventLoop) -> None:
        """Create the reply topic and start the producer and reply-consumer threads."""
        self._loop = loop
        ensure_topics(
            bootstrap_servers=self._bootstrap_servers,
            topics={self.reply_topic: {"partitions": 1, "config": {"retention.ms": self._settings.topic_retention_ms}}},
        )
        self._producer = Producer({
            "bootstrap.servers": self._bootstrap_servers,
            "enable.idempotence": True,
            "acks": "all",
            # Send at once: requests wait on each message, batching would only add latency.
            "linger.ms": 0,
            "client.id": f"cliniqueue-edge-{self.instance}",
        })
        self._consumer = Consumer({
            "bootstrap.servers": self._bootstrap_servers,
            "group.id": f"cliniqueue-edge-{self.instance}",
            "enable.auto.commit": False,
            "fetch.wait.max.ms": self._settings.kafka_fetch_wait_ms,
            "client.id": f"cliniqueue-edge-{self.instance}",
        })
        # The topic is new, so its beginning is exactly where this process's replies start.
        self._consumer.assign([TopicPartition(self.reply_topic, 0, OFFSET_BEGINNING)])

        for target, name in ((self._poll_producer, "edge-producer"), (self._consume_replies, "edge-replies")):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)
        log.info("edge bridge started", extra={"reply_topic": self.reply_topic})

    def stop(self) -> None:
        """Flush the producer, stop the threads and delete the reply topic."""
        self._stopping.set()
        for thread in self._threads:
            thread.join(timeout=5)
        if self._producer is not None:
            remaining = self._producer.flush(5)
            if remaining:
                log.error("messages not delivered at shutdown", extra={"count": remaining})
            # Dropping the producer closes its connections now, before the broker may stop.
            self._producer = None
        if self._consumer is not None:
            self._consumer.close()
        delete_topic(bootstrap_servers=self._bootstrap_servers, topic=self.reply_topic)
        for future in self._pending.values():
            if not future.done():
                future.cancel()
        log.info("edge bridge stopped", extra={"reply_topic": self.reply_topic})

    def _poll_producer(self) -> None:
        while not self._stopping.is_set():
            self._producer.poll(0.05)

    def _consume_replies(self) -> None:
        while not self._stopping.is_set():
            message = self._consumer.poll(0.1)
            if message is None:
                continue
            if message.error():
                if message.error().code() != KafkaError._PARTITION_EOF:
                    log.warning("reply consumer error", extra={"error": str(message.error())})
                continue
            self._dispatch(message.value())

    def _dispatch(self, raw: bytes) -> None:
        try:
            data = json.loads(raw)
            model = ClassificationFailed if isinstance(data, dict) and "error" in data else ClassificationResult
            reply = model.model_validate(data)
        except (ValueError, ValidationError) as error:
            log.error("invalid reply skipped", extra={"error_type": type(error).__name__})
            return
        future = self._pending.get(reply.correlation_id)
        if future is None:
            # The request timed out already; the sink still records the result.
            log.info("late reply dropped", extra={"audit_id": reply.audit_id, "customer_id": reply.customer_id})
            return
        self._loop.call_soon_threadsafe(_resolve, future, reply)

    def _produce(self, *, topic: str, key: bytes, value: bytes, future: asyncio.Future | None) -> None:
        def on_delivery(error, _message) -> None:
            if error is not None:
                log.error("kafka delivery failed", extra={"topic": topic, "error": str(error)})
                if future is not None:
                    self._loop.call_soon_threadsafe(_fail, future, PublishFailed(str(error)))

        try:
            self._producer.produce(topic, key=key, value=value, on_delivery=on_delivery,
                                   headers={"schema-version": b"1", "content-type": b"application/json"})
        except BufferError as error:
            raise PublishFailed("the producer queue is full") from error

    async def classify(self, *, ticket: ScrubbedTicket, timeout_s: float) -> ClassificationResult:
        """Publish a scrubbed ticket and wait for its result; raise TimeoutError after timeout_s."""
        future = self._loop.create_future()
        self._pending[ticket.correlation_id] = future
        try:
            self._produce(
                topic=topics.scrubbed_tickets(settings=self._settings),
                key=str(ticket.audit_id).encode(),
                value=ticket.model_dump_json().encode(),
                future=future,
            )
            reply = await asyncio.wait_for(future, timeout=timeout_s)
        finally:
            self._pending.pop(ticket.correlation_id, None)
        if isinstance(reply, ClassificationFailed):
            raise PipelineFailed(f"classification of audit_id {reply.audit_id} failed")
        return reply

    def publish_event(self, *, topic: str, key: str, event) -> None:
        """Publish a feedback or response event without waiting for it."""
        self._produce(topic=topic, key=key.encode(), value=event.model_dump_json().encode(), future=None)

    def publish_response_time(self, *, event: ResponseEvent) -> None:
        """Publish the edge response time of one request for analytics."""
        self.publish_event(topic=topics.responses(settings=self._settings), key=str(event.audit_id), event=event)


def _resolve(future: asyncio.Future, value) -> None:
    if not future.done():
        future.set_result(value)


def _fail(future: asyncio.Future, error: Exception) -> None:
    if not future.done():
        future.set_exception(error)
