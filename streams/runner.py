"""Start the classify and sink agents inside a running event loop."""

import asyncio
import logging
import time

from cliniqueue.config import Settings
from streams import topics

log = logging.getLogger(__name__)


async def start_agents(*, settings: Settings, bootstrap_servers: str, client, keys=None, quota=None,
                       scrubber=None):
    """Start the Faust agents in this event loop and wait until they own partitions.

    `keys`, `quota` and `scrubber` are the edge's key cache, quota ledger and
    scrubbing workers when the edge runs in the same process, so REST and Kafka
    tickets share one exact count and one set of workers. Without them the
    worker makes its own; its scrubbing processes end with the worker process.
    """
    from customers.quota import QuotaLedger
    from customers.service import KeyCache
    from streams.customer_topics import CustomerTopics
    from streams.inbound import InboundProcessor, register_inbound_agent
    from classifier.memory import load_corrections
    from classifier.service import warm_up as warm_up_classifier
    from sinks.agent import register_sink_agents
    from sinks.queries import fetch_corrections
    from streams.agents import register_classify_agent, register_lag_reporter
    from streams.app import create_app as create_faust_app

    from ingest_api.scrubbing import Scrubber

    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, warm_up_classifier)
    if scrubber is None:
        # The inbound agent scrubs raw Kafka tickets; starting the workers now keeps the first one fast.
        scrubber = Scrubber(processes=settings.scrub_processes)
        await loop.run_in_executor(None, scrubber.start)
    corrections = await loop.run_in_executor(None, lambda: fetch_corrections(client=client))
    load_corrections(rows=corrections)
    log.info("feedback corrections loaded", extra={"count": len(corrections)})

    faust_app = create_faust_app(settings=settings, bootstrap_servers=bootstrap_servers)
    customer_topics = CustomerTopics(app=faust_app, settings=settings, bootstrap_servers=bootstrap_servers)
    processor = InboundProcessor(
        settings=settings,
        keys=keys or KeyCache(client=client, ttl_s=settings.key_cache_ttl_s),
        quota=quota or QuotaLedger(client=client),
        client=client,
        source_topic=topics.inbound(settings=settings),
    )
    register_classify_agent(app=faust_app, settings=settings, customer_topics=customer_topics)
    register_inbound_agent(app=faust_app, settings=settings, processor=processor, customer_topics=customer_topics,
                           scrubber=scrubber)
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
