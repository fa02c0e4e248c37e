"""Per-customer memory of category corrections, matched by embedding similarity.

When a customer corrects a ticket's category, the ticket's embedding and the
corrected category are kept here. A later ticket of the same customer whose
embedding has cosine similarity of at least feedback_memory_threshold with a
corrected one takes the corrected category at once, before any model runs.
Memories are keyed by customer id, so one tenant's corrections never affect
another tenant.
"""

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from schemas.labels import Category

log = logging.getLogger(__name__)

EMBEDDING_DIM = 384


@dataclass(frozen=True, slots=True)
class MemoryMatch:
    """The corrected category of the most similar remembered ticket."""

    category: Category
    similarity: float


class FeedbackMemory:
    """Thread-safe store of (embedding, corrected category) per customer."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # customer id -> (unit embeddings as rows, categories in row order).
        self._embeddings: dict[str, np.ndarray] = {}
        self._categories: dict[str, list[Category]] = {}

    def add(self, *, customer_id: str, embedding: Iterable[float], category: Category | str) -> bool:
        """Store one correction; returns False (and stores nothing) when the embedding is invalid."""
        vector = _unit_vector(embedding)
        if vector is None:
            log.warning("Ignored a correction with an invalid embedding for customer %s", customer_id)
            return False
        category = Category(category)
        with self._lock:
            existing = self._embeddings.get(customer_id)
            if existing is None:
                self._embeddings[customer_id] = vector[None, :]
                self._categories[customer_id] = [category]
            else:
                # Copy-on-write: readers holding the old array stay consistent.
                self._embeddings[customer_id] = np.vstack([existing, vector[None, :]])
                self._categories[customer_id] = [*self._categories[customer_id], category]
        return True

    def match(self, *, customer_id: str | None, embedding: Iterable[float], threshold: float) -> MemoryMatch | None:
        """Return the most similar correction of this customer at or above threshold, or None."""
        if customer_id is None:
            return None
        with self._lock:
            stored = self._embeddings.get(customer_id)
            categories = self._categories.get(customer_id)
        if stored is None or categories is None:
            return None
        vector = _unit_vector(embedding)
        if vector is None:
            return None
        similarities = stored @ vector
        # Among equal similarities the latest correction wins, so a ticket
        # corrected twice follows its most recent correction.
        best = len(similarities) - 1 - int(np.argmax(similarities[::-1]))
        if similarities[best] < threshold:
            return None
        return MemoryMatch(category=categories[best], similarity=float(similarities[best]))

    def clear(self) -> None:
        """Forget every correction of every customer."""
        with self._lock:
            self._embeddings.clear()
            self._categories.clear()

    def size(self, *, customer_id: str | None = None) -> int:
        """Return the number of stored corrections, for one customer or for all."""
        with self._lock:
            if customer_id is not None:
                return len(self._categories.get(customer_id, []))
            return sum(len(categories) for categories in self._categories.values())


def _unit_vector(embedding: Iterable[float]) -> np.ndarray | None:
    vector = np.asarray(list(embedding), dtype=np.float32)
    if vector.shape != (EMBEDDING_DIM,) or not np.all(np.isfinite(vector)):
        return None
    norm = float(np.linalg.norm(vector))
    if norm == 0.0:
        return None
    return vector / norm


_MEMORY = FeedbackMemory()


def get_memory() -> FeedbackMemory:
    """Return the process-wide feedback memory."""
    return _MEMORY


def remember_correction(*, customer_id: str, embedding: Iterable[float], category: Category | str) -> bool:
    """Store a customer's category correction; returns False when the embedding is invalid."""
    return _MEMORY.add(customer_id=customer_id, embedding=embedding, category=category)


def load_corrections(*, rows: Iterable[tuple[str, Iterable[float], str]]) -> int:
    """Store (customer_id, embedding, corrected_category) rows, such as those read from ClickHouse; returns the count stored."""
    stored = 0
    for customer_id, embedding, category in rows:
        try:
            if _MEMORY.add(customer_id=customer_id, embedding=embedding, category=category):
                stored += 1
        except ValueError:
            log.warning("Ignored a correction with unknown category %r for customer %s", category, customer_id)
    log.debug("Loaded %d feedback corrections", stored)
    return stored


def find_correction(*, customer_id: str | None, embedding: Iterable[float], threshold: float) -> MemoryMatch | None:
    """Return the matching correction of this customer, or None."""
    return _MEMORY.match(customer_id=customer_id, embedding=embedding, threshold=threshold)
