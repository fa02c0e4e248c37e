"""Request and response bodies of the public HTTP API."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, StrictStr, field_validator

from schemas.labels import Category, Priority


class ClassifyRequest(BaseModel):
    """Body of POST /classify."""

    model_config = ConfigDict(extra="ignore", json_schema_extra={"examples": [{"ticket_text": "Our physician cannot pull up patient records and there is a patient in the exam room right now"}]})

    ticket_text: StrictStr = Field(
        description="The ticket as the customer wrote it. Required, a non-empty string; "
        "its maximum length is CLINIQUEUE_MAX_TICKET_CHARS (20,000 characters by default).",
    )

    @field_validator("ticket_text")
    @classmethod
    def _reject_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("ticket_text is empty or whitespace only; send the ticket's description")
        return value


class ClassifyResponse(BaseModel):
    """A classification as returned by POST /classify and GET /classifications/{audit_id}."""

    audit_id: int = Field(description="Unique id of this classification (at most 2^53 - 1); use it with POST /feedback.")
    category: Category = Field(description="One of the eight clinical categories.")
    priority: Priority = Field(description="critical, high, medium or low.")
    phi_risk: bool = Field(description="Whether the ticket text itself contained patient-identifying values.")
    escalate_immediately: bool = Field(description="True exactly when priority is critical; use it to page on-call.")
    compliance_flag: bool = Field(description="True for compliance requests and regulatory deadlines.")
    assigned_team: str = Field(description="Team that should handle the ticket (customer routing overrides applied).")
    reasoning: str = Field(description="One or two sentences naming the evidence for category and priority; never PHI.")
    suggested_reply: str | None = Field(description="Drafted first reply when drafts are enabled for the customer, else null.")
    confidence: float = Field(ge=0, le=1, description="Model confidence in the category, from 0 to 1.")
    backend: str = Field(description="Classifier that produced the result: local, openai or memory (a customer correction).")


class FeedbackRequest(BaseModel):
    """Body of POST /feedback."""

    audit_id: int = Field(ge=1, le=2**53 - 1, description="audit_id of one of your classifications.")
    corrected_category: Category = Field(description="The category the ticket should have had.")


class FeedbackResponse(BaseModel):
    """Confirmation of an accepted correction."""

    accepted: bool
    audit_id: int
    corrected_category: Category


class AnalyticsSummary(BaseModel):
    """Usage of the calling customer in the current calendar month (UTC)."""

    customer_name: str
    plan: str
    tickets_this_month: int = Field(description="Tickets accepted for classification this month.")
    monthly_limit: int
    tickets_remaining: int
    avg_response_ms: int = Field(description="Mean time from receiving a POST /classify to responding to it, this month.")
    phi_flags_month: int = Field(description="Tickets classified as phi_exposure this month.")
    phi_in_text_month: int = Field(description="Tickets whose text contained patient-identifying values this month.")


class Health(BaseModel):
    """Liveness of the HTTP edge."""

    status: str
    timestamp: datetime


class Readiness(BaseModel):
    """Whether the edge can reach Kafka and ClickHouse."""

    status: str
    kafka: str
    clickhouse: str
    timestamp: datetime


class ErrorBody(BaseModel):
    """Body of every error response."""

    detail: str | list | dict


class QuotaExceeded(BaseModel):
    """Body of a 429 response."""

    detail: str
    monthly_limit: int
    tickets_this_month: int
    reset_at: datetime = Field(description="Start of the next calendar month, UTC, when the counter resets.")
