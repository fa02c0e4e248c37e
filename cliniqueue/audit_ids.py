"""Audit ids: integers unique across processes and restarts, below 2^53.

JavaScript clients (Zendesk and Freshdesk webhooks) read JSON numbers as
doubles, so an id must stay at or below 2^53 - 1 to round-trip exactly.

A generated id has 52 bits. The 53rd is left for ids derived from producer
message ids on the Kafka path. The layout:
    40 bits  milliseconds since 2026-01-01 UTC (lasts until about 2060)
     5 bits  instance id (CLINIQUEUE_INSTANCE_ID, 0-31, unique per process)
     7 bits  sequence within the millisecond (128 ids per ms per process)
"""

import hashlib
import threading
import time

EPOCH_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z
_INSTANCE_BITS = 5
_SEQUENCE_BITS = 7
_MAX_SEQUENCE = (1 << _SEQUENCE_BITS) - 1
DERIVED_FLAG = 1 << 52
MAX_AUDIT_ID = (1 << 53) - 1


class AuditIdGenerator:
    """Generate increasing audit ids for one process; thread-safe."""

    def __init__(self, *, instance_id: int) -> None:
        if not 0 <= instance_id < (1 << _INSTANCE_BITS):
            raise ValueError(f"instance_id must be 0-31, got {instance_id}")
        self._instance_id = instance_id
        self._last_ms = 0
        self._sequence = 0
        self._lock = threading.Lock()

    def next_id(self) -> int:
        """Return a new audit id."""
        with self._lock:
            now_ms = max(int(time.time() * 1000) - EPOCH_MS, self._last_ms)
            if now_ms == self._last_ms:
                self._sequence += 1
                if self._sequence > _MAX_SEQUENCE:
                    # Sequence exhausted: borrow the next millisecond. The clock
                    # catches up because ids are drawn far slower on average.
                    now_ms += 1
                    self._sequence = 0
            else:
                self._sequence = 0
            self._last_ms = now_ms
            return (now_ms << (_INSTANCE_BITS + _SEQUENCE_BITS)) | (self._instance_id << _SEQUENCE_BITS) | self._sequence


def derived_audit_id(*, customer_id: str, message_id: str) -> int:
    """Return the audit id of a producer-supplied message id: the same input, the same id.

    The id is 2^52 plus 52 bits of a BLAKE2b digest, so it never collides with
    a generated id. Two different message ids of one customer collide with
    probability about n^2 / 2^53 for n messages (about 1 in 90 at 10^7).
    """
    digest = hashlib.blake2b(f"{customer_id}\x00{message_id}".encode("utf-8"), digest_size=8).digest()
    return DERIVED_FLAG | (int.from_bytes(digest, "big") & (DERIVED_FLAG - 1))
