"""GET /health (liveness) and GET /health/ready (Kafka and ClickHouse reachable)."""

import asyncio
from datetime import datetime, timezone

from confluent_kafka.admin import AdminClient
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from schemas.api import Health, Readiness

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
async def health() -> Health:
    """Return ok while the process serves requests; no authentication."""
    return Health(status="ok", timestamp=datetime.now(timezone.utc))


def _check_kafka(bootstrap_servers: str) -> str:
    try:
        AdminClient({"bootstrap.servers": bootstrap_servers, "log_level": 0}).list_topics(timeout=2.0)
        return "ok"
    except Exception as error:
        return f"unreachable: {type(error).__name__}"


def _check_clickhouse(client) -> str:
    try:
        client.query("SELECT 1")
        return "ok"
    except Exception as error:
        return f"unreachable: {type(error).__name__}"


@router.get("/health/ready", response_model=Readiness, responses={503: {"model": Readiness}})
async def ready(request: Request):
    """Return 200 when Kafka and ClickHouse respond, else 503 naming the one that does not."""
    state = request.app.state.edge
    loop = asyncio.get_running_loop()
    kafka, clickhouse = await asyncio.gather(
        loop.run_in_executor(state.io_executor, _check_kafka, request.app.state.bootstrap_servers),
        loop.run_in_executor(state.io_executor, _check_clickhouse, state.client),
    )
    ok = kafka == "ok" and clickhouse == "ok"
    body = Readiness(status="ok" if ok else "unavailable", kafka=kafka, clickhouse=clickhouse,
                     timestamp=datetime.now(timezone.utc))
    return JSONResponse(status_code=200 if ok else 503, content=body.model_dump(mode="json"))
