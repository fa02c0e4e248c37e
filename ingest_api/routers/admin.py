"""Operator API used by `cliniqueue customers|keys|sql` while the embedded service runs.

chdb lets one process open its data directory, so the CLI cannot open it
itself while the service runs; it calls these routes instead. They exist only on the embedded stack, and require the token that
the service writes, readable by its owner only, to CHDB_PATH/admin.json.
"""

import asyncio
import hmac
from typing import Annotated

from fastapi import APIRouter, Depends, Header, HTTPException, status
from pydantic import BaseModel, Field

from customers import service
from customers.models import CustomerUpdate
from ingest_api.deps import State


async def require_admin_token(state: State, x_admin_token: Annotated[str | None, Header()] = None) -> None:
    """Raise 401 unless the request carries the service's admin token."""
    expected = getattr(state, "admin_token", None)
    if not expected or not x_admin_token or not hmac.compare_digest(x_admin_token, expected):
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="missing or invalid X-Admin-Token")


router = APIRouter(prefix="/admin", tags=["admin"], include_in_schema=False,
                   dependencies=[Depends(require_admin_token)])


class CustomerCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    plan: str
    monthly_limit: int = Field(ge=0, le=1_000_000_000)
    drafts_enabled: bool = False
    team_overrides: dict[str, str] = Field(default_factory=dict)


async def _run(state, function, **kwargs):
    loop = asyncio.get_running_loop()
    try:
        return await loop.run_in_executor(state.io_executor, lambda: function(client=state.client, **kwargs))
    except LookupError as error:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=str(error)) from None
    except ValueError as error:
        raise HTTPException(status_code=status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(error)) from None


def _customer_dict(customer) -> dict:
    return {name: getattr(customer, name) for name in customer.__slots__}


@router.post("/customers")
async def create_customer(body: CustomerCreate, state: State) -> dict:
    return _customer_dict(await _run(state, service.create_customer, **body.model_dump()))


@router.get("/customers")
async def list_customers(state: State) -> list[dict]:
    return [_customer_dict(customer) for customer in await _run(state, service.list_customers)]


@router.patch("/customers/{customer_id}")
async def update_customer(customer_id: str, body: CustomerUpdate, state: State) -> dict:
    return _customer_dict(await _run(state, service.update_customer, customer_id=customer_id, update=body))


@router.post("/customers/{customer_id}/keys")
async def issue_key(customer_id: str, state: State) -> dict:
    key_id, api_key = await _run(state, service.issue_key, customer_id=customer_id)
    return {"key_id": key_id, "api_key": api_key, "customer_id": customer_id}


@router.get("/customers/{customer_id}/keys")
async def list_keys(customer_id: str, state: State) -> list[dict]:
    records = await _run(state, service.list_keys, customer_id=customer_id)
    return [{"key_id": record.key_id, "customer_id": record.customer_id, "revoked": record.revoked} for record in records]


@router.delete("/keys/{key_id}")
async def revoke_key(key_id: str, state: State) -> dict:
    record = await _run(state, service.revoke_key, key_id=key_id)
    return {"key_id": record.key_id, "customer_id": record.customer_id, "revoked": record.revoked}


class SqlQuery(BaseModel):
    query: str = Field(min_length=1, max_length=100_000)


@router.post("/sql")
async def run_sql(body: SqlQuery, state: State) -> dict:
    from sinks.sql import run_readonly_query

    loop = asyncio.get_running_loop()
    try:
        return await loop.run_in_executor(state.io_executor,
                                          lambda: run_readonly_query(client=state.client, query=body.query))
    except ValueError as error:
        raise HTTPException(status_code=status.HTTP_422_UNPROCESSABLE_CONTENT, detail=str(error)) from None
    except Exception as error:
        # ClickHouse's message names the problem in the query; queries carry no ticket text.
        raise HTTPException(status_code=status.HTTP_400_BAD_REQUEST, detail=str(error)[:2000]) from None
