"""The verdict a classifier backend returns for one scrubbed ticket."""

from dataclasses import dataclass, field

from schemas.labels import Category, Priority


@dataclass(frozen=True, slots=True)
class ModelVerdict:
    """Category, priority and explanation chosen by a classifier backend.

    The mechanical fields (escalation, compliance flag, team) are not here:
    the pipeline derives them from category and priority with schemas.labels.
    """

    category: Category
    priority: Priority
    # Probability-like score in [0, 1] for the chosen category.
    confidence: float
    # One or two sentences naming the evidence; never contains a PHI value.
    reasoning: str
    # Drafted first reply when the customer enabled drafts, else None.
    suggested_reply: str | None
    # Backend that produced the verdict: "local", "openai" or "memory" (feedback memory).
    backend: str
    # Embedding of the scrubbed text (unit length), stored for feedback memory.
    embedding: list[float] = field(default_factory=list)
