"""Label vocabulary of a classification and the fields derived from it by rule.

The category and priority come from a model. The escalation flag, the compliance
flag and the team are computed here from category and priority, so that no
classifier (local or LLM) can return a combination that contradicts the
labeling rules in docs/labeling.md.
"""

from enum import StrEnum
from typing import Mapping


class Category(StrEnum):
    """One of the eight clinical support categories."""

    CLINICAL_URGENCY = "clinical_urgency"
    PHI_EXPOSURE = "phi_exposure"
    EHR_INTEGRATION = "ehr_integration"
    BILLING_CLAIMS = "billing_claims"
    ACCESS_LOGIN = "access_login"
    COMPLIANCE_REQUEST = "compliance_request"
    REGULATORY_DEADLINE = "regulatory_deadline"
    TRAINING_ONBOARDING = "training_onboarding"


class Priority(StrEnum):
    """Urgency of a ticket, from critical down to low."""

    CRITICAL = "critical"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


TYPICAL_PRIORITY: dict[Category, Priority] = {
    Category.CLINICAL_URGENCY: Priority.CRITICAL,
    Category.PHI_EXPOSURE: Priority.CRITICAL,
    Category.EHR_INTEGRATION: Priority.HIGH,
    Category.BILLING_CLAIMS: Priority.HIGH,
    Category.ACCESS_LOGIN: Priority.MEDIUM,
    Category.COMPLIANCE_REQUEST: Priority.MEDIUM,
    Category.REGULATORY_DEADLINE: Priority.MEDIUM,
    Category.TRAINING_ONBOARDING: Priority.LOW,
}

# Priorities each category may take. Critical belongs to the two care and
# privacy categories only, and training questions are always low.
ALLOWED_PRIORITIES: dict[Category, tuple[Priority, ...]] = {
    Category.CLINICAL_URGENCY: (Priority.CRITICAL,),
    Category.PHI_EXPOSURE: (Priority.CRITICAL,),
    Category.EHR_INTEGRATION: (Priority.HIGH, Priority.MEDIUM),
    Category.BILLING_CLAIMS: (Priority.HIGH, Priority.MEDIUM),
    Category.ACCESS_LOGIN: (Priority.MEDIUM, Priority.HIGH),
    Category.COMPLIANCE_REQUEST: (Priority.MEDIUM, Priority.HIGH),
    Category.REGULATORY_DEADLINE: (Priority.MEDIUM, Priority.HIGH),
    Category.TRAINING_ONBOARDING: (Priority.LOW,),
}

DEFAULT_TEAMS: dict[Category, str] = {
    Category.CLINICAL_URGENCY: "clinical_operations",
    Category.PHI_EXPOSURE: "privacy_office",
    Category.EHR_INTEGRATION: "integration_engineering",
    Category.BILLING_CLAIMS: "revenue_cycle",
    Category.ACCESS_LOGIN: "identity_access",
    Category.COMPLIANCE_REQUEST: "compliance",
    Category.REGULATORY_DEADLINE: "regulatory_affairs",
    Category.TRAINING_ONBOARDING: "customer_success",
}


def constrain_priority(*, category: Category, priority: Priority) -> Priority:
    """Return the priority moved into the range the category allows."""
    allowed = ALLOWED_PRIORITIES[category]
    if priority in allowed:
        return priority
    return allowed[0]


def escalate_immediately(*, priority: Priority) -> bool:
    """Return whether on-call should be paged: exactly when priority is critical."""
    return priority == Priority.CRITICAL


def compliance_flag(*, category: Category) -> bool:
    """Return whether the ticket is paperwork or a regulatory date."""
    return category in (Category.COMPLIANCE_REQUEST, Category.REGULATORY_DEADLINE)


def assigned_team(*, category: Category, overrides: Mapping[str, str] | None = None) -> str:
    """Return the team for a category, honoring a customer's routing overrides."""
    if overrides and category.value in overrides:
        return overrides[category.value]
    return DEFAULT_TEAMS[category]
