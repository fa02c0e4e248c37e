"""Measure a Kafka round trip through one Faust agent on the project's transport.

A confluent-kafka producer sends a message with headers to an input topic.
A Faust agent copies it to an output topic, and a confluent-kafka consumer
reads it back. Messages go one at a time, so each figure is one full round trip.

Usage: python benchmarks/faust_roundtrip.py [--bootstrap HOST:PORT] [--messages N]
Without --bootstrap it starts a local Tansu broker. Prints one JSON line.
"""

import argparse
import asyncio
import json
import statistics
import sys
import threading
import time
import uuid

from confluent_kafka import Consumer, Producer, TopicPartition, OFFSET_BEGINNING


def run(*, bootstrap_servers: str, messages: int) -> dict:
    """Run the round trips and return the latency figures in milliseconds."""
    from cliniqueue.config import get_settings
    from streams.admin import ensure_topics
    from streams.app import create_app

    settings = get_settings()
    suffix = uuid.uuid4().hex[:8]
    source, target = f"roundtrip-in-{suffix}", f"roundtrip-out-{suffix}"
    ensure_topics(bootstrap_servers=bootstrap_servers, topics={source: {"partitions": 1}, target: {"partitions": 1}})

    app = create_app(settings=settings.model_copy(update={"topic_prefix": f"roundtrip{suffix}"}),
                     bootstrap_servers=bootstrap_servers)
    output = app.topic(target, value_serializer="raw")

    @app.agent(app.topic(source, value_serializer="raw"), name="echo")
    async def echo(stream):
        async for event in stream.events():
            await output.send(value=event.value, headers=event.headers)

    consumer = Consumer({"bootstrap.servers": bootstrap_servers, "group.id": f"roundtrip-{suffix}",
                         "fetch.wait.max.ms": settings.kafka_fetch_wait_ms, "enable.auto.commit": False})
    consumer.assign([TopicPartition(target, 0, OFFSET_BEGINNING)])
    producer = Producer({"bootstrap.servers": bootstrap_servers, "linger.ms": 0})
    figures: list[float] = []
    headers_seen: list[bool] = []

    def drive() -> None:
        for number in range(messages):
            marker = f"{suffix}-{number}".encode()
            started = time.perf_counter()
            producer.produce(source, value=marker, headers={"trace-id": marker})
            producer.flush(5)
            while True:
                message = consumer.poll(5)
                if message is None:
                    raise TimeoutError("no echo within 5 s")
                if message.error() or message.value() != marker:
                    continue
                figures.append((time.perf_counter() - started) * 1000)
                headers_seen.append(dict(message.headers() or []).get("trace-id") == marker)
                break

    async def main() -> None:
        app.finalize()
        await app.start()
        while not app.consumer.assignment():
            await asyncio.sleep(0.05)
        worker = threading.Thread(target=drive)
        worker.start()
        while worker.is_alive():
            await asyncio.sleep(0.05)
        await app.stop()

    asyncio.run(main())
    consumer.close()
    warm = figures[3:] if len(figures) > 5 else figures
    return {
        "messages": len(figures),
        "median_ms": round(statistics.median(warm), 2),
        "p95_ms": round(sorted(warm)[int(len(warm) * 0.95) - 1], 2),
        "headers_kept": all(headers_seen),
        "fetch_wait_ms": settings.kafka_fetch_wait_ms,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", help="Kafka bootstrap servers; default: start a local Tansu broker")
    parser.add_argument("--messages", type=int, default=50, help="round trips to measure")
    args = parser.parse_args()

    broker = None
    bootstrap = args.bootstrap
    if not bootstrap:
        from cliniqueue.localbroker import start_local_broker

        broker = start_local_broker()
        bootstrap = broker.bootstrap_servers
    try:
        print(json.dumps(run(bootstrap_servers=bootstrap, messages=args.messages)))
    finally:
        if broker is not None:
            broker.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
