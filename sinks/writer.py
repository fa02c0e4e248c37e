"""Insert batches of Kafka messages into ClickHouse, with bounded retries."""

import logging
import time
from collections.abc import Callable, Sequence

from schemas.messages import ClassificationResult, FeedbackEvent, ResponseEvent

log = logging.getLogger(__name__)

CLASSIFICATION_COLUMNS = [
    "audit_id", "customer_id", "source", "message_id", "category", "priority", "phi_risk", "escalate_immediately",
    "compliance_flag", "assigned_team", "confidence", "backend", "reasoning", "suggested_reply",
    "phi_entity_types", "embedding", "received_at", "classified_at", "classify_ms",
]
FEEDBACK_COLUMNS = ["audit_id", "customer_id", "corrected_category", "original_category", "created_at"]
RESPONSE_COLUMNS = ["audit_id", "customer_id", "route", "status", "response_ms", "responded_at"]


def classification_row(result: ClassificationResult) -> list:
    """Return the classifications-table row of a result; it has no text column."""
    return [
        result.audit_id, result.customer_id, result.source, result.message_id or "", result.category.value,
        result.priority.value, result.phi_risk, result.escalate_immediately, result.compliance_flag,
        result.assigned_team, result.confidence, result.backend, result.reasoning, result.suggested_reply,
        result.phi_entity_types, result.embedding, result.received_at, result.classified_at, result.classify_ms,
    ]


def feedback_row(event: FeedbackEvent) -> list:
    """Return the feedback-table row of a correction."""
    return [event.audit_id, event.customer_id, event.corrected_category.value, event.original_category.value,
            event.created_at]


def response_row(event: ResponseEvent) -> list:
    """Return the responses-table row of an edge response time."""
    return [event.audit_id, event.customer_id, event.route, event.status, event.response_ms, event.responded_at]


def insert_with_retry(*, client, table: str, rows: Sequence[list], column_names: list[str], attempts: int = 5,
                      sleep: Callable[[float], None] = time.sleep) -> None:
    """Insert rows, retrying with exponential backoff; re-raise the last error."""
    for attempt in range(1, attempts + 1):
        try:
            client.insert(table, list(rows), column_names=column_names)
            return
        except Exception as error:
            if attempt == attempts:
                log.error("insert failed, giving up", extra={"table": table, "rows": len(rows), "attempt": attempt,
                                                             "error_type": type(error).__name__})
                raise
            delay = 0.2 * 2 ** (attempt - 1)
            log.warning("insert failed, retrying", extra={"table": table, "rows": len(rows), "attempt": attempt,
                                                          "delay_s": delay, "error_type": type(error).__name__})
            sleep(delay)
