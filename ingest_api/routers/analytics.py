"""GET /analytics/summary: the calling customer's usage this month."""

import asyncio
from datetime import datetime, timezone

from fastapi import APIRouter

from customers.quota import month_start
from ingest_api.deps import CurrentCustomer, State
from schemas.api import AnalyticsSummary, ErrorBody
from sinks.queries import month_summary

router = APIRouter(tags=["analytics"])


@router.get(
    "/analytics/summary",
    response_model=AnalyticsSummary,
    responses={401: {"model": ErrorBody, "description": "Missing, unknown or revoked X-API-Key."}},
)
async def analytics_summary(customer: CurrentCustomer, state: State) -> AnalyticsSummary:
    """Return this calendar month's (UTC) usage, PHI counts and mean response time."""
    loop = asyncio.get_running_loop()
    month = month_start(now=datetime.now(timezone.utc))

    summary = await loop.run_in_executor(
        state.io_executor, lambda: month_summary(client=state.client, customer_id=customer.customer_id, month=month)
    )
    # The quota ledger also counts tickets admitted but not yet written by the sink.
    admitted = await loop.run_in_executor(state.io_executor, lambda: state.quota.used(customer_id=customer.customer_id))
    tickets = max(summary["tickets"], admitted)

    return AnalyticsSummary(
        customer_name=customer.name,
        plan=customer.plan,
        tickets_this_month=tickets,
        monthly_limit=customer.monthly_limit,
        tickets_remaining=max(0, customer.monthly_limit - tickets),
        avg_response_ms=round(summary["avg_response_ms"]),
        phi_flags_month=summary["phi_flags"],
        phi_in_text_month=summary["phi_in_text"],
    )
