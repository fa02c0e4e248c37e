"""Result of scrubbing one ticket."""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ScrubResult:
    """Scrubbed text and what was found in it, never the removed values."""

    # Ticket text with each removed value replaced by a typed placeholder
    # such as <PATIENT_NAME> or <MRN>.
    text: str
    # Sorted, distinct entity types that were removed.
    entity_types: tuple[str, ...]
    # True when at least one removed value identifies a patient (names of
    # staff, providers and clinics, claim numbers and clinic phones do not).
    phi_risk: bool
