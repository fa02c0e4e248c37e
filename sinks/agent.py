"""The ClickHouse sink: Faust agents that batch results, feedback and response times.

Delivery from Kafka is at least once, so a batch may be inserted twice after a
crash. The tables are ReplacingMergeTree keyed by (customer_id, audit_id) and
every query reads them with FINAL (the quota counter with uniqExact), so a
duplicate never counts twice.
"""

import asyncio
import logging
from datetime import datetime, timezone
from collections.abc import Callable

import faust
from pydantic import BaseModel, ValidationError

from cliniqueue import metrics
from cliniqueue.config import Settings
from schemas.messages import ClassificationResult, FeedbackEvent, ResponseEvent
from sinks import writer
from sinks.queries import fetch_corrections
from streams import topics

log = logging.getLogger(__name__)


def _parse_batch(batch: list[bytes], model: type[BaseModel]) -> list:
    parsed = []
    for raw in batch:
        try:
            parsed.append(model.model_validate_json(raw))
        except ValidationError as error:
            log.error("invalid message skipped by sink", extra={"schema": model.__name__,
                                                               "error_count": error.error_count()})
    return parsed


def _remember(events: list[FeedbackEvent]) -> None:
    """Add corrections that carry an embedding to this process's feedback memory."""
    from classifier.memory import remember_correction

    for event in events:
        if event.embedding:
            remember_correction(customer_id=event.customer_id, embedding=event.embedding,
                                category=event.corrected_category)


def register_sink_agents(*, app: faust.App, settings: Settings, client) -> None:
    """Add the sink agents, and a timer that reloads corrections into feedback memory."""

    def add_sink(topic_name: str, model: type[BaseModel], table: str, columns: list[str],
                 to_row: Callable, after_insert: Callable | None = None) -> None:
        topic = app.topic(topic_name, value_serializer="raw", partitions=settings.topic_partitions)

        @app.agent(topic, name=f"sink-{table}")
        async def sink(stream):
            loop = asyncio.get_running_loop()
            async for batch in stream.take(settings.sink_batch_size, within=settings.sink_batch_seconds):
                events = _parse_batch(batch, model)
                if not events:
                    continue
                rows = [to_row(event) for event in events]
                try:
                    await loop.run_in_executor(
                        None,
                        lambda: writer.insert_with_retry(client=client, table=table, rows=rows, column_names=columns),
                    )
                except Exception:
                    metrics.SINK_FAILURES.labels(table=table).inc()
                    # Re-raise so the batch is not acknowledged; Faust restarts the agent.
                    raise
                metrics.SINK_BATCH_ROWS.labels(table=table).observe(len(rows))
                if model is ClassificationResult:
                    inserted_at = datetime.now(timezone.utc)
                    for event in events:
                        metrics.STAGE_LATENCY.labels(stage="sink_lag").observe(
                            (inserted_at - event.classified_at).total_seconds())
                log.debug("sink batch inserted", extra={"table": table, "rows": len(rows)})
                if after_insert is not None:
                    after_insert(events)

    add_sink(topics.classifications(settings=settings), ClassificationResult, "classifications",
             writer.CLASSIFICATION_COLUMNS, writer.classification_row)
    add_sink(topics.feedback(settings=settings), FeedbackEvent, "feedback", writer.FEEDBACK_COLUMNS,
             writer.feedback_row, after_insert=_remember)
    add_sink(topics.responses(settings=settings), ResponseEvent, "responses", writer.RESPONSE_COLUMNS,
             writer.response_row)

    @app.timer(30.0, on_leader=False)
    async def reload_corrections():
        # Each worker process learns the corrections that other processes' sinks stored.
        loop = asyncio.get_running_loop()
        try:
            rows = await loop.run_in_executor(None, lambda: fetch_corrections(client=client))
        except Exception as error:
            log.warning("loading corrections failed", extra={"error_type": type(error).__name__})
            return
        from classifier.memory import load_corrections

        load_corrections(rows=rows)
