"""Feedback memory: per-customer corrections matched by embedding similarity."""

import numpy as np
import pytest

from classifier import memory, service
from classifier.memory import FeedbackMemory
from schemas.labels import ALLOWED_PRIORITIES, Category


def unit(seed: int) -> np.ndarray:
    vector = np.random.default_rng(seed).normal(size=384).astype(np.float32)
    return vector / np.linalg.norm(vector)


def nudged(vector: np.ndarray, *, amount: float, seed: int) -> np.ndarray:
    moved = vector + amount * unit(seed)
    return moved / np.linalg.norm(moved)


def test_memory_matches_same_customer_only():
    store = FeedbackMemory()
    base = unit(1)
    assert store.add(customer_id="alpha", embedding=base, category=Category.BILLING_CLAIMS)

    match = store.match(customer_id="alpha", embedding=nudged(base, amount=0.1, seed=2), threshold=0.92)
    assert match is not None
    assert match.category is Category.BILLING_CLAIMS
    assert match.similarity > 0.92

    assert store.match(customer_id="beta", embedding=base, threshold=0.92) is None
    assert store.match(customer_id=None, embedding=base, threshold=0.92) is None


def test_memory_threshold_rejects_distant_ticket():
    store = FeedbackMemory()
    store.add(customer_id="alpha", embedding=unit(1), category="phi_exposure")

    assert store.match(customer_id="alpha", embedding=unit(3), threshold=0.92) is None


def test_memory_latest_correction_wins():
    store = FeedbackMemory()
    base = unit(4)
    store.add(customer_id="alpha", embedding=base, category=Category.ACCESS_LOGIN)
    store.add(customer_id="alpha", embedding=base, category=Category.EHR_INTEGRATION)

    match = store.match(customer_id="alpha", embedding=base, threshold=0.92)
    assert match is not None
    assert match.category is Category.EHR_INTEGRATION


@pytest.mark.parametrize(
    "embedding",
    [[0.0] * 384, [1.0] * 10, [float("nan")] + [0.1] * 383],
    ids=["zero", "wrong-length", "nan"],
)
def test_memory_rejects_invalid_embedding(embedding):
    store = FeedbackMemory()

    assert store.add(customer_id="alpha", embedding=embedding, category="billing_claims") is False
    assert store.size() == 0


def test_memory_rejects_unknown_category():
    store = FeedbackMemory()

    with pytest.raises(ValueError):
        store.add(customer_id="alpha", embedding=unit(5), category="not_a_category")


def test_load_corrections_counts_valid_rows():
    memory.get_memory().clear()
    rows = [
        ("alpha", unit(6).tolist(), "billing_claims"),
        ("beta", unit(7).tolist(), "compliance_request"),
        ("alpha", [0.0] * 384, "billing_claims"),
        ("alpha", unit(8).tolist(), "unknown_category"),
    ]
    try:
        assert memory.load_corrections(rows=rows) == 2
        assert memory.get_memory().size(customer_id="alpha") == 1
        assert memory.get_memory().size(customer_id="beta") == 1
    finally:
        memory.get_memory().clear()


@pytest.mark.slow
def test_correction_fixes_same_customer_only():
    memory.get_memory().clear()
    # A customer-specific convention the base model cannot know: this
    # customer files fax cover sheet formatting with their privacy office.
    original = "Please help me change the fax cover sheet template so the confidentiality notice is in bold."
    similar = "Please help me change the fax cover sheet template so the confidentiality notice is in bold font."

    base_verdict = service.classify_ticket(scrubbed_text=similar, drafts_enabled=False, customer_id="clinic-a")
    corrected = Category.COMPLIANCE_REQUEST
    if base_verdict.category is corrected:
        corrected = Category.PHI_EXPOSURE
    assert base_verdict.category is not corrected
    assert base_verdict.backend == "local"

    try:
        first = service.classify_ticket(scrubbed_text=original, drafts_enabled=False, customer_id="clinic-a")
        assert memory.remember_correction(customer_id="clinic-a", embedding=first.embedding, category=corrected)

        fixed = service.classify_ticket(scrubbed_text=similar, drafts_enabled=True, customer_id="clinic-a")
        assert fixed.category is corrected
        assert fixed.backend == "memory"
        assert fixed.priority in ALLOWED_PRIORITIES[corrected]
        assert fixed.suggested_reply is not None

        other = service.classify_ticket(scrubbed_text=similar, drafts_enabled=False, customer_id="clinic-b")
        assert other.category is base_verdict.category
        assert other.backend == "local"

        anonymous = service.classify_ticket(scrubbed_text=similar, drafts_enabled=False)
        assert anonymous.backend == "local"

        unrelated = service.classify_ticket(
            scrubbed_text="The ERA from Aetna did not post this morning.", drafts_enabled=False, customer_id="clinic-a"
        )
        assert unrelated.backend == "local"
    finally:
        memory.get_memory().clear()
