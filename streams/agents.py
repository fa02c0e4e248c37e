"""The classify agent: scrubbed tickets in, results to the asking edge and to the sink."""

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

import faust
from pydantic import ValidationError

from cliniqueue import metrics
from cliniqueue.config import Settings
from schemas.messages import ClassificationFailed, KafkaResultError, ScrubbedTicket
from streams import topics
from streams.classify import classify_scrubbed
from streams.customer_topics import CustomerTopics

log = logging.getLogger(__name__)

# One thread: the model runs single-threaded by design, and a second thread
# would only contend with the edge's scrubbing for the same cores.
_classify_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="classify")


def register_classify_agent(*, app: faust.App, settings: Settings, customer_topics: CustomerTopics) -> None:
    """Add the classify agent to a Faust app."""
    retention_ms = settings.topic_retention_ms
    requests_topic = app.topic(
        topics.scrubbed_tickets(settings=settings),
        value_serializer="raw",
        partitions=settings.topic_partitions,
        retention=retention_ms / 1000,
    )
    results_topic = app.topic(topics.classifications(settings=settings), value_serializer="raw",
                              partitions=settings.topic_partitions)
    reply_topics: dict[str, faust.TopicT] = {}

    def reply_topic(name: str) -> faust.TopicT:
        if name not in reply_topics:
            reply_topics[name] = app.topic(name, value_serializer="raw")
        return reply_topics[name]

    @app.agent(requests_topic, name="classify", concurrency=4)
    async def classify(stream):
        loop = asyncio.get_running_loop()
        async for raw in stream:
            try:
                ticket = ScrubbedTicket.model_validate_json(raw)
            except ValidationError as error:
                # The error's text would quote the input, which may hold ticket text.
                log.error("invalid scrubbed ticket skipped", extra={"error_count": error.error_count()})
                continue

            try:
                result = await loop.run_in_executor(_classify_executor, lambda: classify_scrubbed(ticket=ticket))
            except Exception as error:
                # No traceback: an exception message could quote the ticket.
                log.error(
                    "classification failed",
                    extra={"audit_id": ticket.audit_id, "customer_id": ticket.customer_id, "error_type": type(error).__name__},
                )
                if ticket.reply_topic:
                    failure = ClassificationFailed(audit_id=ticket.audit_id, customer_id=ticket.customer_id,
                                                   correlation_id=ticket.correlation_id)
                    await reply_topic(ticket.reply_topic).send(value=failure.model_dump_json().encode())
                elif ticket.source == "kafka":
                    failure = KafkaResultError(message_id=ticket.message_id or "", audit_id=ticket.audit_id,
                                               error="classification_failed",
                                               detail="classification failed; send the message again later")
                    await customer_topics.send(customer_id=ticket.customer_id, key=(ticket.message_id or "").encode(),
                                               value=failure.model_dump_json().encode())
                continue

            metrics.STAGE_LATENCY.labels(stage="classify").observe(result.classify_ms / 1000)
            metrics.CLASSIFICATIONS.labels(category=result.category.value, priority=result.priority.value,
                                           backend=result.backend).inc()
            if result.category.value == "phi_exposure":
                metrics.PHI_EXPOSURE_FLAGS.inc()

            key = str(ticket.audit_id).encode()
            reply = result.model_copy(update={"embedding": []}).model_dump_json().encode()
            if ticket.reply_topic:
                await reply_topic(ticket.reply_topic).send(key=key, value=reply)
            elif ticket.source == "kafka":
                await customer_topics.send(customer_id=ticket.customer_id, key=(ticket.message_id or "").encode(),
                                           value=reply)
            await results_topic.send(key=key, value=result.model_dump_json().encode())
            log.info(
                "ticket classified",
                extra={"audit_id": ticket.audit_id, "customer_id": ticket.customer_id, "category": result.category.value,
                       "priority": result.priority.value, "backend": result.backend,
                       "classify_ms": round(result.classify_ms, 2)},
            )


def register_lag_reporter(*, app: faust.App) -> None:
    """Add a timer that publishes consumer lag per topic as a gauge."""

    @app.timer(5.0, on_leader=False)
    async def report_consumer_lag():
        # NOTE: Tansu reports wrong end offsets, so on the local broker this
        # gauge is approximate; on Apache Kafka it is exact.
        lag_by_topic: dict[str, int] = {}
        for partition in app.consumer.assignment():
            position = await app.consumer.position(partition)
            highwater = app.consumer.highwater(partition)
            if position is None or highwater is None:
                continue
            lag_by_topic[partition.topic] = lag_by_topic.get(partition.topic, 0) + max(0, highwater - position)
        for topic, lag in lag_by_topic.items():
            metrics.CONSUMER_LAG.labels(topic=topic).set(lag)
