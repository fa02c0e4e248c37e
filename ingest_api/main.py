"""The FastAPI edge: authentication, validation, PHI scrubbing, publishing, responding.

`create_app(run_worker=True)` also runs the Faust agents (classify and sink)
in the same event loop. The embedded stack needs that, because chdb lets only
one process open its data directory. With a ClickHouse server, the edge and
the worker run as separate processes.
"""

import asyncio
import json
import logging
import os
import secrets
import time
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from cliniqueue import metrics

from cliniqueue.audit_ids import AuditIdGenerator
from cliniqueue.config import Settings, get_settings
from cliniqueue.operator import ADMIN_FILE_NAME
from customers.quota import QuotaLedger
from customers.service import KeyCache
from ingest_api.bridge import KafkaBridge
from ingest_api.errors import install_error_handlers
from ingest_api.scrubbing import Scrubber
from ingest_api.routers import admin, analytics, classify, feedback, health
from ingest_api.state import EdgeState
from sinks.clickhouse import create_client
from sinks.migrate import migrate
from streams.admin import ensure_topics
from streams.runner import start_agents
from streams.topics import pipeline_topics

log = logging.getLogger(__name__)

DESCRIPTION = """
Classifies healthcare software support tickets into one of eight clinical
categories with a priority, escalation and compliance flags, a team, a reason
and an optional drafted reply. PHI is scrubbed before the ticket leaves this
process; ticket text is never stored or logged.

Authenticate with the `X-API-Key` header. Every error body has a `detail`
message that names the field and the fix.
"""


def _write_admin_file(*, settings: Settings, token: str, bootstrap_servers: str) -> Path:
    path = settings.chdb_path.resolve() / ADMIN_FILE_NAME
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump({"url": f"http://{settings.host}:{settings.port}", "token": token,
                   "kafka_bootstrap_servers": bootstrap_servers}, handle)
    return path


def create_app(*, settings: Settings | None = None, bootstrap_servers: str | None = None,
               run_worker: bool = True) -> FastAPI:
    """Create the edge app; `run_worker` also runs the classify and sink agents in-process."""
    settings = settings or get_settings()
    bootstrap_servers = bootstrap_servers or settings.kafka_bootstrap_servers
    if not bootstrap_servers:
        raise ValueError("no Kafka bootstrap servers; set CLINIQUEUE_KAFKA_BOOTSTRAP_SERVERS or use `cliniqueue run`")

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        loop = asyncio.get_running_loop()
        # Every step registers its own clean-up, so a failure half-way through
        # start-up still stops what had started.
        async with AsyncExitStack() as cleanup:
            client = create_client(settings=settings)
            migrate(client=client)
            ensure_topics(bootstrap_servers=bootstrap_servers, topics=pipeline_topics(settings=settings))
            scrubber = Scrubber(processes=settings.scrub_processes)
            await loop.run_in_executor(None, scrubber.start)
            cleanup.callback(scrubber.close)

            bridge = KafkaBridge(settings=settings, bootstrap_servers=bootstrap_servers)
            bridge.start(loop=loop)
            cleanup.callback(bridge.stop)
            state = EdgeState(
                settings=settings,
                client=client,
                keys=KeyCache(client=client, ttl_s=settings.key_cache_ttl_s),
                quota=QuotaLedger(client=client),
                audit_ids=AuditIdGenerator(instance_id=settings.instance_id),
                bridge=bridge,
                scrubber=scrubber,
            )
            cleanup.callback(state.io_executor.shutdown, wait=False)
            if client.embedded:
                state.admin_token = secrets.token_urlsafe(32)
                admin_file = _write_admin_file(settings=settings, token=state.admin_token,
                                               bootstrap_servers=bootstrap_servers)
                cleanup.callback(admin_file.unlink, missing_ok=True)
            app.state.edge = state
            app.state.bootstrap_servers = bootstrap_servers

            if run_worker:
                faust_app = await start_agents(settings=settings, bootstrap_servers=bootstrap_servers, client=client,
                                               keys=state.keys, quota=state.quota, scrubber=scrubber)
                cleanup.push_async_callback(faust_app.stop)
            log.info("edge started", extra={"host": settings.host, "port": settings.port, "worker": run_worker})

            yield
        log.info("edge stopped")

    app = FastAPI(title="CliniQueue", version="0.1.0", description=DESCRIPTION, lifespan=lifespan)
    install_error_handlers(app)

    # Bytes per character of JSON-escaped text, at most, plus room for the envelope.
    max_body_bytes = settings.max_ticket_chars * 6 + 4096

    @app.middleware("http")
    async def log_and_limit(request: Request, call_next):
        started = time.perf_counter()
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > max_body_bytes:
            response = JSONResponse(
                status_code=413,
                content={"detail": f"request body is {declared} bytes; ticket_text may have at most "
                                   f"{settings.max_ticket_chars} characters"},
            )
        else:
            response = await call_next(request)
        duration_ms = (time.perf_counter() - started) * 1000
        # The route template, never the raw path: a raw path can hold an audit id.
        route = getattr(request.scope.get("route"), "path", "unmatched")
        metrics.HTTP_REQUESTS.labels(route=route, method=request.method, status=str(response.status_code)).inc()
        metrics.HTTP_LATENCY.labels(route=route).observe(duration_ms / 1000)
        log.info(
            "request",
            extra={"route": route, "method": request.method, "status": response.status_code,
                   "duration_ms": round(duration_ms, 2), "audit_id": getattr(request.state, "audit_id", None),
                   "customer_id": getattr(request.state, "customer_id", None)},
        )
        return response

    @app.get("/metrics", include_in_schema=False)
    async def prometheus_metrics() -> Response:
        """Return the process's metrics in the Prometheus text format."""
        return Response(content=generate_latest(), media_type=CONTENT_TYPE_LATEST)

    for router in (health.router, classify.router, feedback.router, analytics.router, admin.router):
        app.include_router(router)
    return app
