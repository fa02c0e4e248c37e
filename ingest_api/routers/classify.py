"""POST /classify and GET /classifications/{audit_id}."""

import asyncio
import logging
import time
import uuid
from datetime import datetime, timezone
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request, status
from fastapi.responses import JSONResponse

from cliniqueue import metrics
from customers.quota import next_month_start
from ingest_api.bridge import PipelineFailed, PublishFailed
from ingest_api.deps import CurrentCustomer, State
from schemas.api import ClassifyRequest, ClassifyResponse, ErrorBody, QuotaExceeded
from schemas.messages import ResponseEvent, ScrubbedTicket
from sinks.queries import fetch_classification, result_from_row

log = logging.getLogger(__name__)

router = APIRouter(tags=["classification"])

_ERRORS = {
    401: {"model": ErrorBody, "description": "Missing, unknown or revoked X-API-Key."},
    413: {"model": ErrorBody, "description": "ticket_text is longer than the maximum (20,000 characters by default)."},
    422: {"model": ErrorBody, "description": "Missing or malformed body; the message names the field and the fix."},
    429: {"model": QuotaExceeded, "description": "The month's ticket limit is reached; the body gives the limit and the reset time."},
    503: {"model": ErrorBody, "description": "The pipeline did not respond in time; retry after Retry-After seconds or "
                                             "fetch the result with GET /classifications/{audit_id}."},
}


@router.post("/classify", response_model=ClassifyResponse, responses=_ERRORS)
async def classify(body: ClassifyRequest, customer: CurrentCustomer, state: State, request: Request):
    """Scrub PHI from a ticket, classify it and return the classification."""
    received_at = datetime.now(timezone.utc)
    started = time.perf_counter()
    limit = state.settings.max_ticket_chars
    loop = asyncio.get_running_loop()

    if len(body.ticket_text) > limit:
        raise HTTPException(
            status_code=status.HTTP_413_CONTENT_TOO_LARGE,
            detail=f"ticket_text has {len(body.ticket_text)} characters; the maximum is {limit}. "
                   f"Send the first {limit} characters of the ticket.",
        )

    stage_started = time.perf_counter()
    reservation = await loop.run_in_executor(
        state.io_executor, lambda: state.quota.reserve(customer_id=customer.customer_id, limit=customer.monthly_limit)
    )
    metrics.STAGE_LATENCY.labels(stage="quota").observe(time.perf_counter() - stage_started)
    if not reservation.admitted:
        metrics.QUOTA_REJECTIONS.labels(source="rest").inc()
        log.info("quota exceeded", extra={"customer_id": customer.customer_id, "limit": reservation.limit})
        request.state.quota_rejected = True
        body_429 = QuotaExceeded(
            detail=f"monthly ticket limit of {reservation.limit} reached; it resets at the start of next month (UTC). "
                   "Upgrade your plan or contact support for a higher limit.",
            monthly_limit=reservation.limit,
            tickets_this_month=reservation.used,
            reset_at=next_month_start(now=received_at),
        )
        return JSONResponse(status_code=status.HTTP_429_TOO_MANY_REQUESTS, content=body_429.model_dump(mode="json"))

    audit_id = state.audit_ids.next_id()
    request.state.audit_id = audit_id
    stage_started = time.perf_counter()
    try:
        scrubbed = await state.scrubber.scrub(text=body.ticket_text)
    except Exception as error:
        # The ticket never entered the pipeline, so it does not count against the quota.
        state.quota.release(customer_id=customer.customer_id)
        # Handled here with the type only: re-raised, the exception and its message
        # (which may quote the text) would reach the server's error log.
        log.error("scrubbing failed", extra={"audit_id": audit_id, "customer_id": customer.customer_id,
                                             "error_type": type(error).__name__})
        raise HTTPException(status_code=status.HTTP_500_INTERNAL_SERVER_ERROR,
                            detail="scrubbing failed; retry after 30 seconds. Contact support if it persists.") from None
    metrics.STAGE_LATENCY.labels(stage="scrub").observe(time.perf_counter() - stage_started)
    if scrubbed.phi_risk:
        metrics.PHI_IN_TEXT.labels(source="rest").inc()

    ticket = ScrubbedTicket(
        audit_id=audit_id,
        customer_id=customer.customer_id,
        correlation_id=uuid.uuid4().hex,
        source="rest",
        received_at=received_at,
        scrubbed_text=scrubbed.text,
        phi_risk=scrubbed.phi_risk,
        phi_entity_types=list(scrubbed.entity_types),
        drafts_enabled=customer.drafts_enabled,
        team_overrides=customer.team_overrides,
        reply_topic=state.bridge.reply_topic,
    )

    timeout_s = state.settings.classify_timeout_s
    stage_started = time.perf_counter()
    try:
        result = await state.bridge.classify(ticket=ticket, timeout_s=timeout_s)
    except TimeoutError:
        metrics.PIPELINE_TIMEOUTS.inc()
        log.warning("classification timed out", extra={"audit_id": audit_id, "customer_id": customer.customer_id,
                                                         "timeout_s": timeout_s})
        return JSONResponse(
            status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": "5"},
            content={
                "detail": f"classification did not finish within {timeout_s:g} s; it continues in the background. "
                          f"Fetch it with GET /classifications/{audit_id} after Retry-After seconds.",
                "audit_id": audit_id,
            },
        )
    except PublishFailed:
        state.quota.release(customer_id=customer.customer_id)
        return JSONResponse(
            status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": "30"},
            content={"detail": "the message broker did not accept the ticket; retry after 30 seconds"},
        )
    except PipelineFailed:
        return JSONResponse(
            status_code=status.HTTP_500_INTERNAL_SERVER_ERROR,
            content={"detail": "classification failed; retry after 30 seconds. Contact support if it persists.",
                     "audit_id": audit_id},
        )

    round_trip_s = time.perf_counter() - stage_started
    metrics.STAGE_LATENCY.labels(stage="publish_to_reply").observe(round_trip_s)
    # What Kafka and the agent's queueing cost beyond the model itself.
    metrics.STAGE_LATENCY.labels(stage="kafka_round_trip").observe(max(0.0, round_trip_s - result.classify_ms / 1000))

    state.recent.add(audit_id=audit_id, customer_id=customer.customer_id, category=result.category.value)
    response = ClassifyResponse(**result.model_dump(include=set(ClassifyResponse.model_fields)))

    state.bridge.publish_response_time(event=ResponseEvent(
        audit_id=audit_id,
        customer_id=customer.customer_id,
        route="/classify",
        status=200,
        response_ms=(time.perf_counter() - started) * 1000,
        responded_at=datetime.now(timezone.utc),
    ))
    return response


@router.get(
    "/classifications/{audit_id}",
    response_model=ClassifyResponse,
    responses={401: _ERRORS[401], 404: {"model": ErrorBody, "description": "No classification with this id for your key."}},
)
async def get_classification(
    audit_id: Annotated[int, Path(ge=1, le=2**53 - 1, description="audit_id returned by POST /classify or a 503.")],
    customer: CurrentCustomer,
    state: State,
):
    """Return a stored classification of one of your tickets, e.g. after a 503 timeout."""
    loop = asyncio.get_running_loop()
    row = await loop.run_in_executor(
        state.io_executor,
        lambda: fetch_classification(client=state.client, customer_id=customer.customer_id, audit_id=audit_id),
    )
    if row is None:
        raise HTTPException(
            status_code=status.HTTP_404_NOT_FOUND,
            detail=f"no classification with audit_id {audit_id} for your API key; results are stored about "
                   "a second after classification, so retry shortly if you just sent the ticket",
        )
    return ClassifyResponse(**result_from_row(row))
