"""Start the classify and sink agents inside a running event loop."""

import asyncio
import logging
import time

from cliniqueue.config import Settings

log = logging.getLogger(__name__)


async def start_agents(*, settings: Settings, bootstrap_servers: str, client):
    """Start the Faust agents in this event loop and wait until they own partitions."""
    from classifier.memory import load_corrections
    from classifier.service import warm_up as warm_up_classifier
    from sinks.agent import register_sink_agents
    from sinks.queries import fetch_corrections
    from streams.agents import register_classify_agent, register_lag_reporter
    from streams.app import create_app as create_faust_app

    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, warm_up_classifier)
    load_corrections(rows=await loop.run_in_executor(None, lambda: fetch_corrections(client=client)))

    faust_app = create_faust_app(settings=settings, bootstrap_servers=bootstrap_servers)
    register_classify_agent(app=faust_app, settings=settings)
    register_sink_agents(app=faust_app, settings=settings, client=client)
    register_lag_reporter(app=faust_app)
    faust_app.finalize()
    await faust_app.start()

    # The first requests would otherwise wait for the consumer group join.
    deadline = time.monotonic() + 60
    while not faust_app.consumer.assignment() and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    log.info("worker agents started", extra={"partitions": len(faust_app.consumer.assignment())})
    return faust_app
