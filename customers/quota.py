"""Monthly ticket quotas, enforced in process and counted in ClickHouse.

ClickHouse keeps the durable count (usage_monthly, fed by a materialized view
over classifications), but a row reaches it only after the sink's batch delay.
Each process therefore admits tickets against an in-memory ledger: the count
read from ClickHouse when the month was first seen, plus what this process has
admitted since, refreshed from ClickHouse every few seconds.

With one admitting process (the embedded stack) the limit is exact. With N
processes, each sees the others' tickets only after the sink delay plus the
refresh interval, so a month can overshoot by at most what the other N-1
processes admit within that window.
"""

import logging
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timezone

log = logging.getLogger(__name__)


def month_start(*, now: datetime) -> date:
    """Return the first day of the UTC month containing now."""
    return date(now.year, now.month, 1)


def next_month_start(*, now: datetime) -> datetime:
    """Return the moment the next UTC month begins, when counters reset."""
    if now.month == 12:
        return datetime(now.year + 1, 1, 1, tzinfo=timezone.utc)
    return datetime(now.year, now.month + 1, 1, tzinfo=timezone.utc)


def count_from_clickhouse(*, client, customer_id: str, month: date) -> int:
    """Return the tickets ClickHouse has counted for a customer in a month."""
    rows = client.query(
        "SELECT uniqExactMerge(tickets) FROM usage_monthly "
        "WHERE customer_id = {customer_id:String} AND month = {month:Date}",
        parameters={"customer_id": customer_id, "month": month},
    ).result_rows
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


@dataclass
class _MonthCount:
    used: int
    refreshed_at: float


@dataclass(frozen=True, slots=True)
class Reservation:
    """Outcome of asking for one ticket of quota."""

    admitted: bool
    used: int
    limit: int


class QuotaLedger:
    """Admit tickets against each customer's monthly limit; thread-safe."""

    def __init__(self, *, client, refresh_s: float = 5.0) -> None:
        self._client = client
        self._refresh_s = refresh_s
        self._counts: dict[tuple[str, date], _MonthCount] = {}
        self._lock = threading.Lock()

    def _ensure_fresh(self, *, customer_id: str, month: date) -> None:
        key = (customer_id, month)
        with self._lock:
            entry = self._counts.get(key)
            if entry is not None and time.monotonic() - entry.refreshed_at < self._refresh_s:
                return

        # Read outside the lock: a ClickHouse query must not stall other customers.
        stored = count_from_clickhouse(client=self._client, customer_id=customer_id, month=month)

        with self._lock:
            entry = self._counts.get(key)
            if entry is None:
                self._counts[key] = _MonthCount(used=stored, refreshed_at=time.monotonic())
            else:
                # This process's own admissions may not be in ClickHouse yet,
                # so the count only grows on refresh.
                entry.used = max(entry.used, stored)
                entry.refreshed_at = time.monotonic()

    def reserve(self, *, customer_id: str, limit: int, now: datetime | None = None) -> Reservation:
        """Count one ticket if the month's limit allows it."""
        month = month_start(now=now or datetime.now(timezone.utc))
        self._ensure_fresh(customer_id=customer_id, month=month)

        with self._lock:
            entry = self._counts[(customer_id, month)]
            if entry.used >= limit:
                return Reservation(admitted=False, used=entry.used, limit=limit)
            entry.used += 1
            return Reservation(admitted=True, used=entry.used, limit=limit)

    def release(self, *, customer_id: str, now: datetime | None = None) -> None:
        """Give back one ticket of a reservation whose ticket never entered the pipeline."""
        month = month_start(now=now or datetime.now(timezone.utc))
        with self._lock:
            entry = self._counts.get((customer_id, month))
            if entry is not None and entry.used > 0:
                entry.used -= 1

    def used(self, *, customer_id: str, now: datetime | None = None) -> int:
        """Return the tickets counted this month, including those not yet in ClickHouse."""
        month = month_start(now=now or datetime.now(timezone.utc))
        self._ensure_fresh(customer_id=customer_id, month=month)
        with self._lock:
            return self._counts[(customer_id, month)].used
