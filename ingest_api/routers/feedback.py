"""POST /feedback: a customer's correction of one classification."""

import asyncio
import logging
from datetime import datetime, timezone

from fastapi import APIRouter, HTTPException, status

from ingest_api.deps import CurrentCustomer, State
from schemas.api import ErrorBody, FeedbackRequest, FeedbackResponse
from schemas.labels import Category
from schemas.messages import FeedbackEvent
from sinks.queries import fetch_classification
from streams import topics

log = logging.getLogger(__name__)

router = APIRouter(tags=["feedback"])


@router.post(
    "/feedback",
    response_model=FeedbackResponse,
    responses={
        401: {"model": ErrorBody, "description": "Missing, unknown or revoked X-API-Key."},
        404: {"model": ErrorBody, "description": "audit_id is unknown or belongs to another customer."},
        422: {"model": ErrorBody, "description": "Malformed body or a category outside the eight."},
    },
)
async def submit_feedback(body: FeedbackRequest, customer: CurrentCustomer, state: State) -> FeedbackResponse:
    """Record a corrected category for one of your classifications."""
    loop = asyncio.get_running_loop()
    row = await loop.run_in_executor(
        state.io_executor,
        lambda: fetch_classification(client=state.client, customer_id=customer.customer_id, audit_id=body.audit_id),
    )

    if row is not None:
        original, embedding = row["category"], list(row["embedding"])
    else:
        # Returned by this edge but not yet written by the sink.
        recent = state.recent.get(audit_id=body.audit_id)
        if recent is None or recent[0] != customer.customer_id:
            raise HTTPException(
                status_code=status.HTTP_404_NOT_FOUND,
                detail=f"no classification with audit_id {body.audit_id} for your API key; "
                       "use an audit_id returned by POST /classify",
            )
        original, embedding = recent[1], []

    event = FeedbackEvent(
        audit_id=body.audit_id,
        customer_id=customer.customer_id,
        corrected_category=body.corrected_category,
        original_category=Category(original),
        created_at=datetime.now(timezone.utc),
        embedding=embedding,
    )
    state.bridge.publish_event(topic=topics.feedback(settings=state.settings), key=str(body.audit_id), event=event)
    log.info("feedback accepted", extra={"audit_id": body.audit_id, "customer_id": customer.customer_id,
                                         "original_category": original,
                                         "corrected_category": body.corrected_category.value})
    return FeedbackResponse(accepted=True, audit_id=body.audit_id, corrected_category=body.corrected_category)
