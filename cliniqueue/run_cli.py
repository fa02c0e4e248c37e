"""`cliniqueue run|api|worker|migrate`: start the service's processes."""

import asyncio
import logging
import os
import signal
import socket
import sys

from cliniqueue.config import get_settings
from cliniqueue.logs import configure_logging

log = logging.getLogger(__name__)

FIRST_REQUEST_HINT = """
CliniQueue is serving on http://{host}:{port} (API docs: http://{host}:{port}/docs)

Create a customer and a key in another terminal:
  .venv/bin/cliniqueue customers create --name "Demo Clinic" --monthly-limit 1000
  .venv/bin/cliniqueue keys issue CUSTOMER_ID

Then classify a ticket:
  curl -X POST http://{host}:{port}/classify \\
    -H "Content-Type: application/json" -H "X-API-Key: YOUR_KEY" \\
    -d '{{"ticket_text": "Our physician cannot pull up patient records and there is a patient in the exam room right now"}}'
"""


def _port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def _serve(*, run_worker: bool, bootstrap_servers: str) -> int:
    import uvicorn

    from ingest_api.main import create_app

    settings = get_settings()
    app = create_app(settings=settings, bootstrap_servers=bootstrap_servers, run_worker=run_worker)
    config = uvicorn.Config(app, host=settings.host, port=settings.port, log_config=None, access_log=False,
                            lifespan="on")
    server = uvicorn.Server(config)

    async def serve_and_hint() -> None:
        task = asyncio.create_task(server.serve())
        while not server.started and not task.done():
            await asyncio.sleep(0.1)
        if server.started:
            print(FIRST_REQUEST_HINT.format(host=settings.host, port=settings.port), file=sys.stderr, flush=True)
        try:
            await task
        except SystemExit:
            # uvicorn exits this way when the app's start-up failed; it has logged why.
            pass

    asyncio.run(serve_and_hint())
    return 0 if server.started else 1


def _lock_embedded_clickhouse() -> int | None:
    """Take the chdb directory's lock unless a ClickHouse server is configured; return an exit code on failure."""
    from sinks.clickhouse import ChdbDirectoryBusy, lock_chdb_directory

    settings = get_settings()
    if settings.clickhouse_url:
        return None
    try:
        lock_chdb_directory(path=settings.chdb_path)
    except ChdbDirectoryBusy as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return None


def _preflight() -> int | None:
    """Check the port and the chdb directory; return an exit code on failure."""
    settings = get_settings()
    if not _port_is_free(settings.host, settings.port):
        print(f"error: {settings.host}:{settings.port} is already in use; stop the other process or set "
              "CLINIQUEUE_PORT", file=sys.stderr)
        return 1
    return _lock_embedded_clickhouse()


def _exit_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit, so that `finally` blocks stop the local broker.

    uvicorn handles SIGTERM while it serves, then raises the signal again once
    it has shut down. Without this handler, that second SIGTERM would end the
    process before the broker is stopped.
    """

    def handle(signal_number, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, handle)


def cmd_run(args) -> int:
    """Run the whole pipeline in one process, starting a local broker when none is configured."""
    from cliniqueue.localbroker import BrokerStartError, start_local_broker

    settings = get_settings()
    configure_logging(log_format=settings.log_format, level=settings.log_level)
    failure = _preflight()
    if failure is not None:
        return failure

    broker = None
    bootstrap_servers = settings.kafka_bootstrap_servers
    if not bootstrap_servers:
        try:
            broker = start_local_broker()
        except BrokerStartError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        bootstrap_servers = broker.bootstrap_servers
        os.environ["CLINIQUEUE_KAFKA_BOOTSTRAP_SERVERS"] = bootstrap_servers
        print(f"local Tansu broker (memory only) on {bootstrap_servers}", file=sys.stderr)
    _exit_on_sigterm()
    try:
        return _serve(run_worker=True, bootstrap_servers=bootstrap_servers)
    except KeyboardInterrupt:
        # Ctrl-C: uvicorn has already shut the service down cleanly.
        return 0
    finally:
        if broker is not None:
            broker.stop()


def cmd_api(args) -> int:
    """Run the HTTP edge alone, against Kafka and a ClickHouse server."""
    settings = get_settings()
    configure_logging(log_format=settings.log_format, level=settings.log_level)
    if not settings.kafka_bootstrap_servers:
        print("error: CLINIQUEUE_KAFKA_BOOTSTRAP_SERVERS is not set; `cliniqueue api` needs a Kafka cluster "
              "(use `cliniqueue run` for the embedded stack)", file=sys.stderr)
        return 1
    failure = _preflight()
    if failure is not None:
        return failure
    _exit_on_sigterm()
    try:
        return _serve(run_worker=False, bootstrap_servers=settings.kafka_bootstrap_servers)
    except KeyboardInterrupt:
        return 0


def cmd_worker(args) -> int:
    """Run the classify and sink agents alone, without HTTP."""
    settings = get_settings()
    configure_logging(log_format=settings.log_format, level=settings.log_level)
    if not settings.kafka_bootstrap_servers:
        print("error: CLINIQUEUE_KAFKA_BOOTSTRAP_SERVERS is not set; `cliniqueue worker` needs a Kafka cluster",
              file=sys.stderr)
        return 1
    failure = _lock_embedded_clickhouse()
    if failure is not None:
        return failure

    from streams.worker import run_worker

    return run_worker(settings=settings)


def cmd_migrate(args) -> int:
    """Apply pending ClickHouse migrations and exit."""
    from sinks.clickhouse import ChdbDirectoryBusy, create_client
    from sinks.migrate import migrate

    settings = get_settings()
    configure_logging(log_format=settings.log_format, level=settings.log_level)
    try:
        applied = migrate(client=create_client(settings=settings))
    except ChdbDirectoryBusy as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"applied {len(applied)} migration(s): {', '.join(applied) or 'none pending'}")
    return 0


def register(subparsers) -> None:
    """Add the process commands."""
    commands = (
        ("run", cmd_run, "run the whole pipeline in one process (embedded stack by default)"),
        ("api", cmd_api, "run the HTTP edge only (needs Kafka and a ClickHouse server)"),
        ("worker", cmd_worker, "run the classify and sink agents only (needs Kafka)"),
        ("migrate", cmd_migrate, "apply pending ClickHouse schema migrations"),
    )
    for name, function, help_text in commands:
        parser = subparsers.add_parser(name, help=help_text)
        parser.set_defaults(func=function)
