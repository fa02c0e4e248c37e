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


class ScrubbedTicket(_Message):
    """A ticket after PHI scrubbing, on its way to the classify agent."""

    audit_id: int = Field(ge=1, le=2**53 - 1)
    customer_id: str
    correlation_id: str
    source: Literal["rest", "kafka"]
    message_id: str | None = None
    received_at: datetime
    scrubbed_text: str
    phi_risk: bool
    phi_entity_types: list[str] = Field(default_factory=list)
    drafts_enabled: bool = False
    team_overrides: dict[str, str] = Field(default_factory=dict)
    # Topic that the edge instance which asked reads its answers from;
    # None for Kafka-path tickets, whose results go to the customer's topic.
    reply_topic: str | None = None


class ClassificationResult(_Message):
    """The classification of one ticket, as sent to the edge, the customer and the sink."""

    audit_id: int = Field(ge=1, le=2**53 - 1)
    customer_id: str
    correlation_id: str
    source: Literal["rest", "kafka"]
    message_id: str | None = None
    received_at: datetime
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
    """How long the edge took to answer one request, for avg_response_ms."""

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
