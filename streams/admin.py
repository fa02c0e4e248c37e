"""Topic creation with confluent-kafka's AdminClient."""

import logging

from confluent_kafka import KafkaError, KafkaException
from confluent_kafka.admin import AdminClient, NewTopic

log = logging.getLogger(__name__)


def ensure_topics(*, bootstrap_servers: str, topics: dict[str, dict], timeout_s: float = 10.0) -> None:
    """Create the missing topics; `topics` maps a name to {"partitions": n, "config": {...}}."""
    # log_level 3 (errors) keeps librdkafka's informational lines out of the service log.
    admin = AdminClient({"bootstrap.servers": bootstrap_servers, "log_level": 3})
    existing = set(admin.list_topics(timeout=timeout_s).topics)
    missing = [
        NewTopic(name, num_partitions=spec.get("partitions", 1), replication_factor=spec.get("replication", 1),
                 config={key: str(value) for key, value in spec.get("config", {}).items()})
        for name, spec in topics.items()
        if name not in existing
    ]
    if not missing:
        return

    for name, future in admin.create_topics(missing, request_timeout=timeout_s).items():
        try:
            future.result(timeout=timeout_s)
            log.info("topic created", extra={"topic": name})
        except KafkaException as error:
            # Another process may have created it between the listing and now.
            if error.args[0].code() != KafkaError.TOPIC_ALREADY_EXISTS:
                raise


def delete_topic(*, bootstrap_servers: str, topic: str, timeout_s: float = 5.0) -> None:
    """Delete one topic, logging instead of raising when the broker refuses."""
    admin = AdminClient({"bootstrap.servers": bootstrap_servers, "log_level": 3})
    try:
        admin.delete_topics([topic], request_timeout=timeout_s)[topic].result(timeout=timeout_s)
    except KafkaException as error:
        log.warning("topic deletion failed", extra={"topic": topic, "error": str(error)})
