"""Kafka message schemas. Every message is JSON with a schema_version field.

Only ScrubbedTicket carries text, and only text that the PHI scrubber has
already processed. Results, feedback and response events carry metadata.
"""

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.labels import Category, Priority

SCHEMA_VERSION = 1


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: Literal[1] = SCHEMA_VERSION


class _TicketMessage(_Message):
    """Fields that identify one ticket in every message about it."""

    audit_id: int = Field(ge=1, le=2**53 - 1)
    customer_id: str
    correlation_id: str
    source: Literal["rest", "kafka"]
    message_id: str | None = None
    received_at: datetime


class ScrubbedTicket(_TicketMessage):
    """A ticket after PHI scrubbing, on its way to the classify agent."""

    scrubbed_text: str
    phi_risk: bool
    phi_entity_types: list[str] = Field(default_factory=list)
    drafts_enabled: bool = False
    team_overrides: dict[str, str] = Field(default_factory=dict)
    # Topic that the edge instance which asked reads its replies from;
    # None for Kafka-path tickets, whose results go to the customer's topic.
    reply_topic: str | None = None


class ClassificationResult(_TicketMessage):
    """The classification of one ticket, as sent to the edge, the customer and the sink."""

    classified_at: datetime
    category: Category
    priority: Priority
    phi_risk: bool
    escalate_immediately: bool
    compliance_flag: bool
    assigned_team: str
    reasoning: str
    suggested_reply: str | None
    confidence: float = Field(ge=0, le=1)
    backend: str
    phi_entity_types: list[str] = Field(default_factory=list)
    classify_ms: float = 0.0
    # Unit-length embedding of the scrubbed text; sent to the sink only.
    embedding: list[float] = Field(default_factory=list)


class FeedbackEvent(_Message):
    """A customer's correction of one classification."""

    audit_id: int = Field(ge=1, le=2**53 - 1)
    customer_id: str
    corrected_category: Category
    original_category: Category
    created_at: datetime
    embedding: list[float] = Field(default_factory=list)


class ResponseEvent(_Message):
    """How long the edge took to respond to one request, for avg_response_ms."""

    audit_id: int = Field(ge=1, le=2**53 - 1)
    customer_id: str
    route: str
    status: int
    response_ms: float
    responded_at: datetime


class ClassificationFailed(_Message):
    """Sent to the asking edge instead of a result when classification raised."""

    audit_id: int = Field(ge=1, le=2**53 - 1)
    customer_id: str
    correlation_id: str
    error: Literal["classification_failed"] = "classification_failed"


class InboundTicket(_Message):
    """A ticket a customer's own producer writes to the inbound topic.

    Exactly one of ticket_text (raw; scrubbed by the service's inbound agent)
    and scrubbed_text (already scrubbed in the customer's process, e.g. by
    cliniqueue.client) is set. The API key travels in the `x-api-key` header.
    """

    message_id: str = Field(min_length=1, max_length=200,
                            description="Producer-chosen id; redelivering the same id yields the same audit_id.")
    ticket_text: str | None = Field(default=None, description="Raw ticket text.")
    scrubbed_text: str | None = Field(default=None, description="Ticket text already scrubbed of PHI.")
    phi_risk: bool = Field(default=False, description="With scrubbed_text: whether the scrubber found patient identifiers.")
    phi_entity_types: list[str] = Field(default_factory=list, description="With scrubbed_text: entity types removed.")


class KafkaResultError(_Message):
    """Sent to a customer's results topic instead of a result when a valid ticket cannot be classified."""

    message_id: str
    audit_id: int = Field(ge=1, le=2**53 - 1)
    error: Literal["quota_exceeded", "classification_failed"]
    detail: str
    monthly_limit: int | None = None
    reset_at: datetime | None = None


class DeadLetter(_Message):
    """An inbound message the service rejected: the reason and ids, never the text."""

    reason: Literal["invalid_json", "unknown_schema_version", "missing_api_key", "invalid_api_key", "invalid_message"]
    detail: str
    message_id: str | None = None
    customer_id: str | None = None
    source_topic: str
    source_partition: int
    source_offset: int
    rejected_at: datetime
