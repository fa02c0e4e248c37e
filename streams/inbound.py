"""The inbound agent: tickets from customers' own Kafka producers.

For each message on the inbound topic the agent checks the `x-api-key` header
like the REST edge does, then parses and validates the body. It derives the
audit id from the producer's message id, so a redelivered message gets the
same id and one record. It admits the ticket against the monthly quota,
counting a redelivery once, scrubs raw text, and publishes the scrubbed ticket
for the classify agent. Invalid messages go to the dead-letter topic with the reason and the
message id, never the text, and the agent keeps consuming.
"""

import asyncio
import json
import logging
import uuid
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timezone

import faust
from pydantic import ValidationError

from cliniqueue import metrics
from cliniqueue.audit_ids import derived_audit_id
from cliniqueue.config import Settings
from customers.quota import QuotaLedger, next_month_start
from customers.service import KeyCache
from ingest_api.scrubbing import Scrubber
from phi.models import ScrubResult
from schemas.messages import DeadLetter, InboundTicket, KafkaResultError, ScrubbedTicket
from streams import topics
from streams.customer_topics import CustomerTopics

log = logging.getLogger(__name__)

API_KEY_HEADER = "x-api-key"
SUPPORTED_SCHEMA_VERSIONS = (1,)
BATCH_SIZE = 32
BATCH_WAIT_S = 0.01

# Admission (key check, redelivery lookup, quota) runs in one thread, in order.
_admit_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inbound-admit")


@dataclass
class RawMessage:
    """The parts of one Kafka message that the agent uses."""

    value: bytes | None
    headers: dict[str, bytes]
    partition: int
    offset: int


@dataclass
class Rejection:
    """A message for the dead-letter topic."""

    letter: DeadLetter


@dataclass
class QuotaRefusal:
    """A valid ticket over the customer's monthly limit."""

    customer_id: str
    error: KafkaResultError


@dataclass
class Admitted:
    """A valid ticket within quota, not yet scrubbed."""

    customer: object
    ticket: InboundTicket
    audit_id: int
    received_at: datetime


def build_ticket(*, admitted: Admitted, scrubbed: ScrubResult | None) -> ScrubbedTicket:
    """Build the classify agent's message from an admitted ticket and, for raw text, its scrub result."""
    ticket, customer = admitted.ticket, admitted.customer
    if scrubbed is None:
        text, phi_risk, entity_types = ticket.scrubbed_text, ticket.phi_risk, list(ticket.phi_entity_types)
    else:
        text, phi_risk, entity_types = scrubbed.text, scrubbed.phi_risk, list(scrubbed.entity_types)
    if phi_risk:
        metrics.PHI_IN_TEXT.labels(source="kafka").inc()

    return ScrubbedTicket(
        audit_id=admitted.audit_id, customer_id=customer.customer_id, correlation_id=uuid.uuid4().hex, source="kafka",
        message_id=ticket.message_id, received_at=admitted.received_at, scrubbed_text=text, phi_risk=phi_risk,
        phi_entity_types=entity_types, drafts_enabled=customer.drafts_enabled, team_overrides=customer.team_overrides,
        reply_topic=None,
    )


class RecentAuditIds:
    """Bounded set of audit ids this process admitted recently."""

    def __init__(self, *, size: int = 200_000) -> None:
        self._ids: OrderedDict[int, None] = OrderedDict()
        self._size = size

    def __contains__(self, audit_id: int) -> bool:
        return audit_id in self._ids

    def add(self, audit_id: int) -> None:
        self._ids[audit_id] = None
        if len(self._ids) > self._size:
            self._ids.popitem(last=False)


def _header(headers: dict[str, bytes], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name and value:
            return value.decode("utf-8", errors="replace").strip() or None
    return None


def _validation_detail(error: ValidationError) -> str:
    """Name the invalid fields and why, without their values."""
    parts = []
    for item in error.errors():
        field = ".".join(str(part) for part in item.get("loc", ())) or "body"
        parts.append(f"{field}: {item.get('type')}")
    return "; ".join(parts)


class InboundProcessor:
    """Turn inbound messages into admitted tickets, quota refusals or dead letters; blocking, run in a thread."""

    def __init__(self, *, settings: Settings, keys: KeyCache, quota: QuotaLedger, client, source_topic: str) -> None:
        self._settings = settings
        self._keys = keys
        self._quota = quota
        self._client = client
        self._source_topic = source_topic
        self._recent = RecentAuditIds()

    def _reject(self, message: RawMessage, reason: str, detail: str, *, message_id=None, customer_id=None) -> Rejection:
        metrics.DEAD_LETTERS.labels(reason=reason).inc()
        log.warning("inbound message rejected", extra={"reason": reason, "message_id": message_id,
                                                       "customer_id": customer_id, "offset": message.offset,
                                                       "partition": message.partition})
        return Rejection(DeadLetter(reason=reason, detail=detail, message_id=message_id, customer_id=customer_id,
                                    source_topic=self._source_topic, source_partition=message.partition,
                                    source_offset=message.offset, rejected_at=datetime.now(timezone.utc)))

    def _stored_audit_ids(self, candidates: list[tuple[str, int]]) -> set[int]:
        if not candidates:
            return set()
        rows = self._client.query(
            "SELECT audit_id FROM classifications WHERE (customer_id, audit_id) IN {pairs:Array(Tuple(String, UInt64))}",
            parameters={"pairs": candidates},
        ).result_rows
        return {row[0] for row in rows}

    def process_batch(self, messages: list[RawMessage]) -> list:
        """Return, per message, an Admitted ticket (scrubbed later by the agent), a QuotaRefusal or a Rejection."""
        parsed = []
        for message in messages:
            parsed.append(self._parse(message))

        candidates = [(customer.customer_id, audit_id) for item in parsed if isinstance(item, tuple)
                      for _, customer, _, audit_id in [item]]
        stored = self._stored_audit_ids(candidates)

        outcomes = []
        for item in parsed:
            if isinstance(item, Rejection):
                outcomes.append(item)
                continue
            message, customer, ticket, audit_id = item
            redelivered = audit_id in self._recent or audit_id in stored
            if not redelivered:
                reservation = self._quota.reserve(customer_id=customer.customer_id, limit=customer.monthly_limit)
                if not reservation.admitted:
                    metrics.QUOTA_REJECTIONS.labels(source="kafka").inc()
                    now = datetime.now(timezone.utc)
                    outcomes.append(QuotaRefusal(customer.customer_id, KafkaResultError(
                        message_id=ticket.message_id, audit_id=audit_id, error="quota_exceeded",
                        detail=f"monthly ticket limit of {reservation.limit} reached; it resets at the start of "
                               "next month (UTC)",
                        monthly_limit=reservation.limit, reset_at=next_month_start(now=now))))
                    continue
                self._recent.add(audit_id)

            outcomes.append(Admitted(customer=customer, ticket=ticket, audit_id=audit_id,
                                     received_at=datetime.now(timezone.utc)))
        return outcomes

    def _parse(self, message: RawMessage):
        # Parsed before the key check only to name the message id in a dead letter.
        try:
            body = json.loads(message.value or b"")
        except ValueError:
            body = None
        message_id = None
        if isinstance(body, dict) and isinstance(body.get("message_id"), str):
            message_id = body["message_id"][:200]

        api_key = _header(message.headers, API_KEY_HEADER)
        if api_key is None:
            return self._reject(message, "missing_api_key", f"set the {API_KEY_HEADER} header to your API key",
                                message_id=message_id)
        customer = self._keys.customer_for_key(api_key=api_key)
        if customer is None:
            return self._reject(message, "invalid_api_key", "the API key is unknown or revoked",
                                message_id=message_id)

        if body is None:
            return self._reject(message, "invalid_json", "the message value is not valid JSON",
                                customer_id=customer.customer_id)
        if not isinstance(body, dict):
            return self._reject(message, "invalid_json", "the message value must be a JSON object",
                                customer_id=customer.customer_id)
        if body.get("schema_version") not in SUPPORTED_SCHEMA_VERSIONS:
            return self._reject(message, "unknown_schema_version",
                                f"schema_version must be one of {list(SUPPORTED_SCHEMA_VERSIONS)}",
                                message_id=message_id, customer_id=customer.customer_id)
        try:
            ticket = InboundTicket.model_validate(body)
        except ValidationError as error:
            return self._reject(message, "invalid_message", _validation_detail(error), message_id=message_id,
                                customer_id=customer.customer_id)

        problem = self._check_text(ticket)
        if problem:
            return self._reject(message, "invalid_message", problem, message_id=message_id,
                                customer_id=customer.customer_id)
        return (message, customer, ticket, derived_audit_id(customer_id=customer.customer_id,
                                                            message_id=ticket.message_id))

    def _check_text(self, ticket: InboundTicket) -> str | None:
        texts = [text for text in (ticket.ticket_text, ticket.scrubbed_text) if text is not None]
        if len(texts) != 1:
            return "set exactly one of ticket_text and scrubbed_text"
        if not texts[0].strip():
            return "the ticket text is empty or whitespace only"
        if len(texts[0]) > self._settings.max_ticket_chars:
            return f"the ticket text has {len(texts[0])} characters; the maximum is {self._settings.max_ticket_chars}"
        return None


def register_inbound_agent(*, app: faust.App, settings: Settings, processor: InboundProcessor,
                           customer_topics: CustomerTopics, scrubber: Scrubber) -> None:
    """Add the inbound agent to a Faust app."""
    inbound_topic = app.topic(topics.inbound(settings=settings), value_serializer="raw",
                              partitions=settings.topic_partitions, retention=settings.topic_retention_ms / 1000)
    scrubbed_topic = app.topic(topics.scrubbed_tickets(settings=settings), value_serializer="raw")
    dead_letter_topic = app.topic(topics.dead_letters(settings=settings), value_serializer="raw")

    @app.agent(inbound_topic, name="inbound")
    async def inbound(stream):
        loop = asyncio.get_running_loop()
        # Batches amortize the ClickHouse redelivery lookup and the thread hop.
        async for events in stream.take_events(BATCH_SIZE, within=BATCH_WAIT_S):
            messages = [RawMessage(value=event.value, headers=dict(event.headers or {}),
                                   partition=event.message.partition, offset=event.message.offset)
                        for event in events]
            try:
                outcomes = await loop.run_in_executor(_admit_executor, lambda: processor.process_batch(messages))
            except Exception as error:
                log.error("inbound batch failed", extra={"error_type": type(error).__name__, "size": len(messages)})
                raise

            async def forward(admitted: Admitted) -> None:
                raw_text = admitted.ticket.ticket_text
                try:
                    scrubbed = await scrubber.scrub(text=raw_text) if admitted.ticket.scrubbed_text is None else None
                except Exception as error:
                    # Handled here rather than crashing the agent: a crash log would carry the
                    # exception's message, which may quote the raw text.
                    log.error("scrubbing failed", extra={"audit_id": admitted.audit_id,
                                                         "customer_id": admitted.customer.customer_id,
                                                         "error_type": type(error).__name__})
                    failure = KafkaResultError(message_id=admitted.ticket.message_id, audit_id=admitted.audit_id,
                                               error="classification_failed",
                                               detail="scrubbing failed; send the message again later")
                    await customer_topics.send(customer_id=admitted.customer.customer_id,
                                               key=admitted.ticket.message_id.encode(),
                                               value=failure.model_dump_json().encode())
                    return
                ticket = build_ticket(admitted=admitted, scrubbed=scrubbed)
                await scrubbed_topic.send(key=str(ticket.audit_id).encode(), value=ticket.model_dump_json().encode())

            scrubbing = []
            for outcome in outcomes:
                if isinstance(outcome, Rejection):
                    await dead_letter_topic.send(value=outcome.letter.model_dump_json().encode())
                elif isinstance(outcome, QuotaRefusal):
                    await customer_topics.send(customer_id=outcome.customer_id,
                                               key=outcome.error.message_id.encode(),
                                               value=outcome.error.model_dump_json().encode())
                else:
                    scrubbing.append(forward(outcome))
            # Each ticket goes to the classify agent as soon as it is scrubbed.
            await asyncio.gather(*scrubbing)
