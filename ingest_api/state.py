"""Objects the edge keeps for its lifetime, created in the app's lifespan."""

import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from cliniqueue.audit_ids import AuditIdGenerator
from cliniqueue.config import Settings
from customers.quota import QuotaLedger
from customers.service import KeyCache
from ingest_api.bridge import KafkaBridge
from ingest_api.scrubbing import Scrubber


class RecentResults:
    """Bounded map of audit_id to (customer_id, category) for results the sink may not have stored yet."""

    def __init__(self, *, size: int = 50_000) -> None:
        self._items: OrderedDict[int, tuple[str, str]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def add(self, *, audit_id: int, customer_id: str, category: str) -> None:
        with self._lock:
            self._items[audit_id] = (customer_id, category)
            if len(self._items) > self._size:
                self._items.popitem(last=False)

    def get(self, *, audit_id: int) -> tuple[str, str] | None:
        with self._lock:
            return self._items.get(audit_id)


@dataclass
class EdgeState:
    """Everything a request handler needs besides the request."""

    settings: Settings
    client: object
    keys: KeyCache
    quota: QuotaLedger
    audit_ids: AuditIdGenerator
    bridge: KafkaBridge
    scrubber: Scrubber
    recent: RecentResults = field(default_factory=RecentResults)
    # Token of the operator routes; set on the embedded stack only.
    admin_token: str | None = None
    # ClickHouse calls are blocking I/O.
    io_executor: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(max_workers=8, thread_name_prefix="clickhouse")
    )
