"""Customers and their API keys."""

from dataclasses import dataclass, field

from pydantic import BaseModel, Field, field_validator

from schemas.labels import Category

PLANS = ("starter", "compliant", "enterprise")


@dataclass(frozen=True, slots=True)
class Customer:
    """A customer of the service and its settings."""

    customer_id: str
    name: str
    plan: str
    monthly_limit: int
    drafts_enabled: bool
    team_overrides: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ApiKeyRecord:
    """A stored API key: its public id and owner, never the key itself."""

    key_id: str
    customer_id: str
    revoked: bool


class CustomerUpdate(BaseModel):
    """Fields an operator may set on a customer; None leaves a field unchanged."""

    name: str | None = Field(default=None, min_length=1, max_length=200)
    plan: str | None = None
    monthly_limit: int | None = Field(default=None, ge=0, le=1_000_000_000)
    drafts_enabled: bool | None = None
    team_overrides: dict[str, str] | None = None

    @field_validator("plan")
    @classmethod
    def _known_plan(cls, value: str | None) -> str | None:
        if value is not None and value not in PLANS:
            raise ValueError(f"plan must be one of {', '.join(PLANS)}")
        return value

    @field_validator("team_overrides")
    @classmethod
    def _known_categories(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        if value is None:
            return value
        valid = {category.value for category in Category}
        for category, team in value.items():
            if category not in valid:
                raise ValueError(f"team_overrides key {category!r} is not a category; use one of {', '.join(sorted(valid))}")
            if not team.strip():
                raise ValueError(f"team_overrides[{category!r}] is empty; give a team name")
        return value
