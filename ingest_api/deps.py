"""Request dependencies: the edge state and the authenticated customer."""

import asyncio
import logging
import time
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import APIKeyHeader

from cliniqueue import metrics
from customers.models import Customer
from ingest_api.state import EdgeState

log = logging.getLogger(__name__)

_api_key_header = APIKeyHeader(
    name="X-API-Key",
    auto_error=False,
    description="Your CliniQueue API key, issued with `cliniqueue keys issue CUSTOMER_ID`.",
)


def get_state(request: Request) -> EdgeState:
    """Return the edge state created at start-up."""
    return request.app.state.edge


State = Annotated[EdgeState, Depends(get_state)]


async def get_current_customer(
    request: Request, state: State, api_key: Annotated[str | None, Depends(_api_key_header)]
) -> Customer:
    """Return the customer owning the request's API key, or raise 401."""
    if not api_key:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="missing X-API-Key header; send your API key in the X-API-Key header",
        )

    loop = asyncio.get_running_loop()
    started = time.perf_counter()
    customer = await loop.run_in_executor(state.io_executor, lambda: state.keys.customer_for_key(api_key=api_key))
    metrics.STAGE_LATENCY.labels(stage="auth").observe(time.perf_counter() - started)
    if customer is None:
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="invalid or revoked API key; check the X-API-Key header or ask for a new key",
        )

    request.state.customer_id = customer.customer_id
    return customer


CurrentCustomer = Annotated[Customer, Depends(get_current_customer)]
