"""Turn a scrubbed ticket into a classification result.

The model chooses category, priority and confidence. Escalation, compliance
flag and team are then derived by rule (schemas.labels), so they agree with
the labeling rules whatever the backend returned.
"""

import logging
import time
from datetime import datetime, timezone

from classifier.service import classify_ticket
from schemas import labels
from schemas.messages import ClassificationResult, ScrubbedTicket

log = logging.getLogger(__name__)


def classify_scrubbed(*, ticket: ScrubbedTicket) -> ClassificationResult:
    """Classify one scrubbed ticket and derive the rule-based fields."""
    started = time.perf_counter()

    verdict = classify_ticket(
        scrubbed_text=ticket.scrubbed_text,
        drafts_enabled=ticket.drafts_enabled,
        customer_id=ticket.customer_id,
    )
    category = labels.Category(verdict.category)
    priority = labels.constrain_priority(category=category, priority=labels.Priority(verdict.priority))

    return ClassificationResult(
        audit_id=ticket.audit_id,
        customer_id=ticket.customer_id,
        correlation_id=ticket.correlation_id,
        source=ticket.source,
        message_id=ticket.message_id,
        received_at=ticket.received_at,
        classified_at=datetime.now(timezone.utc),
        category=category,
        priority=priority,
        phi_risk=ticket.phi_risk,
        escalate_immediately=labels.escalate_immediately(priority=priority),
        compliance_flag=labels.compliance_flag(category=category),
        assigned_team=labels.assigned_team(category=category, overrides=ticket.team_overrides),
        reasoning=verdict.reasoning,
        suggested_reply=verdict.suggested_reply if ticket.drafts_enabled else None,
        confidence=min(1.0, max(0.0, float(verdict.confidence))),
        backend=verdict.backend,
        phi_entity_types=list(ticket.phi_entity_types),
        classify_ms=(time.perf_counter() - started) * 1000,
        embedding=list(verdict.embedding),
    )
