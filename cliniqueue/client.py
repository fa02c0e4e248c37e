"""Client helpers for customers who send tickets through Kafka.

`TicketProducer` writes tickets to the inbound topic with the API key header.
With `scrub_locally=True` (the default) it runs CliniQueue's PHI scrubber in
the caller's process first and sends only the scrubbed text, so raw ticket
text never reaches the broker. `ResultConsumer` reads the customer's results.

    producer = TicketProducer(bootstrap_servers="127.0.0.1:9092", api_key=KEY)
    producer.send(message_id="zendesk-4711", ticket_text=text)
    producer.flush()

    for result in ResultConsumer(bootstrap_servers="127.0.0.1:9092", customer_id=CUSTOMER_ID).results(timeout_s=30):
        print(result["message_id"], result["category"])
"""

import json
import logging
import time
import uuid
from collections.abc import Iterator

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer

from schemas.messages import InboundTicket
from streams.admin import ensure_topics

log = logging.getLogger(__name__)


class TicketProducer:
    """Send tickets to CliniQueue's inbound topic."""

    def __init__(self, *, bootstrap_servers: str, api_key: str, topic_prefix: str = "cliniqueue",
                 scrub_locally: bool = True, linger_ms: int = 5) -> None:
        self.topic = f"{topic_prefix}.inbound"
        self._api_key = api_key.encode()
        self._scrub_locally = scrub_locally
        self._failed: list[str] = []
        self._producer = Producer({
            "bootstrap.servers": bootstrap_servers,
            "enable.idempotence": True,
            "acks": "all",
            # A short linger batches a burst of tickets into few requests.
            "linger.ms": linger_ms,
        })

    def send(self, *, message_id: str, ticket_text: str) -> None:
        """Queue one ticket; the message id makes redelivery safe (same audit id, one record)."""
        if self._scrub_locally:
            from phi.service import scrub_text

            scrubbed = scrub_text(text=ticket_text)
            message = InboundTicket(message_id=message_id, scrubbed_text=scrubbed.text, phi_risk=scrubbed.phi_risk,
                                    phi_entity_types=list(scrubbed.entity_types))
        else:
            message = InboundTicket(message_id=message_id, ticket_text=ticket_text)

        def on_delivery(error, _message) -> None:
            if error is not None:
                self._failed.append(message_id)
                log.error("ticket not delivered", extra={"message_id": message_id, "error": str(error)})

        payload = message.model_dump_json(exclude_none=True).encode()
        while True:
            try:
                self._producer.produce(self.topic, key=message_id.encode(), value=payload,
                                       headers={"x-api-key": self._api_key}, on_delivery=on_delivery)
                break
            except BufferError:
                # The local queue is full: let librdkafka send, then retry.
                self._producer.poll(0.1)
        self._producer.poll(0)

    def flush(self, timeout_s: float = 30.0) -> list[str]:
        """Wait for every queued ticket; return the message ids that failed."""
        remaining = self._producer.flush(timeout_s)
        if remaining:
            raise TimeoutError(f"{remaining} tickets were not delivered within {timeout_s} s")
        return list(self._failed)

    def close(self, timeout_s: float = 30.0) -> list[str]:
        """Flush and release the producer's connections; return the message ids that failed."""
        failed = self.flush(timeout_s)
        self._producer = None
        return failed


class ResultConsumer:
    """Read classification results from a customer's results topic."""

    def __init__(self, *, bootstrap_servers: str, customer_id: str, topic_prefix: str = "cliniqueue",
                 group_id: str | None = None, fetch_wait_ms: int = 10) -> None:
        self.topic = f"{topic_prefix}.results.{customer_id}"
        # The service creates the topic with the first result. Creating it here
        # too lets the subscription find it at once instead of at the next
        # metadata refresh. Where ACLs forbid creation, the service's copy is used.
        try:
            ensure_topics(bootstrap_servers=bootstrap_servers, topics={self.topic: {"partitions": 1}})
        except KafkaException as error:
            log.info("results topic not created by the client", extra={"topic": self.topic, "error": str(error)})
        self._consumer = Consumer({
            "bootstrap.servers": bootstrap_servers,
            "group.id": group_id or f"cliniqueue-results-{uuid.uuid4().hex[:8]}",
            "auto.offset.reset": "earliest",
            "fetch.wait.max.ms": fetch_wait_ms,
            # A group join takes about half the session timeout on some brokers (Tansu among them).
            "session.timeout.ms": 6000,
        })
        self._consumer.subscribe([self.topic])
        self._buffered: list[dict] = []

    def wait_until_assigned(self, *, timeout_s: float = 30.0) -> None:
        """Block until the group has assigned the results partition, keeping any result read meanwhile."""
        deadline = time.monotonic() + timeout_s
        while not self._consumer.assignment():
            if time.monotonic() > deadline:
                raise TimeoutError(f"no partition of {self.topic} assigned within {timeout_s} s")
            message = self._consumer.poll(0.1)
            if message is not None and not message.error():
                self._buffered.append(json.loads(message.value()))

    def results(self, *, timeout_s: float, expected: int | None = None) -> Iterator[dict]:
        """Yield results (or error messages) until `expected` arrived or nothing came for timeout_s."""
        received = 0
        while self._buffered and (expected is None or received < expected):
            received += 1
            yield self._buffered.pop(0)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and (expected is None or received < expected):
            message = self._consumer.poll(0.2)
            if message is None:
                continue
            if message.error():
                if message.error().code() not in (KafkaError._PARTITION_EOF, KafkaError.UNKNOWN_TOPIC_OR_PART):
                    log.warning("result consumer error", extra={"error": str(message.error())})
                continue
            received += 1
            deadline = time.monotonic() + timeout_s
            yield json.loads(message.value())

    def close(self) -> None:
        """Leave the consumer group."""
        self._consumer.close()
