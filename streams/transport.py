"""A Faust transport whose consumer fetch wait is a setting, registered as `cqkafka://`.

Why it exists: faust-streaming 0.15.3 builds its aiokafka consumer with
fetch_max_wait_ms=1500 written into the code. Tansu, the local broker, returns
a fetch response only when that wait has ended, even when data arrived
earlier. Every Kafka hop would then cost about 750 ms on the embedded stack. This transport sets
the wait from CLINIQUEUE_KAFKA_FETCH_WAIT_MS (10 ms by default), which makes a
hop cost a few milliseconds there. On Apache Kafka, which returns a fetch as soon
as data arrives, a short wait only adds fetch requests while topics are idle.
"""

from typing import Any

from faust.transport.drivers import TRANSPORTS
from faust.transport.drivers import aiokafka as faust_aiokafka

from cliniqueue.config import get_settings

SCHEME = "cqkafka"


class ShortFetchConsumerThread(faust_aiokafka.AIOKafkaConsumerThread):
    """Consumer thread that replaces Faust's fixed fetch wait after building the consumer."""

    def _create_worker_consumer(self, transport: Any):
        consumer = super()._create_worker_consumer(transport)
        # aiokafka reads this attribute when start() builds its Fetcher, after
        # this method returns. It is the value of the documented constructor
        # argument fetch_max_wait_ms.
        consumer._fetch_max_wait_ms = get_settings().kafka_fetch_wait_ms
        return consumer


class ShortFetchConsumer(faust_aiokafka.Consumer):
    """Faust's aiokafka consumer with ShortFetchConsumerThread."""

    def _new_consumer_thread(self) -> ShortFetchConsumerThread:
        return ShortFetchConsumerThread(self, loop=self.loop, beacon=self.beacon)


class Transport(faust_aiokafka.Transport):
    """Faust's aiokafka transport with a configurable consumer fetch wait."""

    Consumer = ShortFetchConsumer


TRANSPORTS[SCHEME] = f"{__name__}:Transport"
