"""The standalone worker process: classify and sink agents, no HTTP."""

import asyncio
import logging
import signal

from cliniqueue.config import Settings
from sinks.clickhouse import create_client
from sinks.migrate import migrate
from streams.admin import ensure_topics
from streams.runner import start_agents
from streams.topics import pipeline_topics

log = logging.getLogger(__name__)


def run_worker(*, settings: Settings) -> int:
    """Run the agents until SIGINT or SIGTERM."""
    if settings.worker_metrics_port:
        from prometheus_client import start_http_server

        # The edge serves /metrics itself; a standalone worker needs its own endpoint.
        start_http_server(settings.worker_metrics_port, addr=settings.host)
        log.info("worker metrics served", extra={"host": settings.host, "port": settings.worker_metrics_port})

    client = create_client(settings=settings)
    migrate(client=client)
    ensure_topics(bootstrap_servers=settings.kafka_bootstrap_servers, topics=pipeline_topics(settings=settings))

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signal_number, stop.set)
        faust_app = await start_agents(settings=settings, bootstrap_servers=settings.kafka_bootstrap_servers,
                                        client=client)
        await stop.wait()
        log.info("worker stopping")
        await faust_app.stop()

    asyncio.run(main())
    return 0
