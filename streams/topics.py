"""Names of every Kafka topic, derived from CLINIQUEUE_TOPIC_PREFIX."""

from cliniqueue.config import Settings


def scrubbed_tickets(*, settings: Settings) -> str:
    """Return the topic of scrubbed tickets waiting for classification."""
    return f"{settings.topic_prefix}.tickets.scrubbed"


def classifications(*, settings: Settings) -> str:
    """Return the topic of classification results read by the ClickHouse sink."""
    return f"{settings.topic_prefix}.classifications"


def feedback(*, settings: Settings) -> str:
    """Return the topic of customer corrections."""
    return f"{settings.topic_prefix}.feedback"


def responses(*, settings: Settings) -> str:
    """Return the topic of edge response times."""
    return f"{settings.topic_prefix}.responses"


def edge_replies(*, settings: Settings, instance: str) -> str:
    """Return the reply topic that one edge process reads its replies from."""
    return f"{settings.topic_prefix}.replies.{instance}"


def inbound(*, settings: Settings) -> str:
    """Return the topic customers' own producers write tickets to."""
    return f"{settings.topic_prefix}.inbound"


def customer_results(*, settings: Settings, customer_id: str) -> str:
    """Return the topic a customer reads its Kafka-path results from."""
    return f"{settings.topic_prefix}.results.{customer_id}"


def dead_letters(*, settings: Settings) -> str:
    """Return the topic of rejected inbound messages (reason and id, never text)."""
    return f"{settings.topic_prefix}.deadletter"


def pipeline_topics(*, settings: Settings) -> dict[str, dict]:
    """Return the topics the pipeline needs, with partitions and retention."""
    # Topics that carry ticket text, scrubbed or (inbound) raw, keep it briefly.
    scrubbed = {"partitions": settings.topic_partitions, "config": {"retention.ms": settings.topic_retention_ms}}
    metadata = {"partitions": settings.topic_partitions, "config": {"retention.ms": 7 * 24 * 3_600_000}}
    return {
        scrubbed_tickets(settings=settings): scrubbed,
        classifications(settings=settings): metadata,
        feedback(settings=settings): metadata,
        responses(settings=settings): metadata,
        inbound(settings=settings): scrubbed,
        dead_letters(settings=settings): metadata,
    }
