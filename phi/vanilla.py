"""Presidio with its default US recognizers, the baseline the scrubber is measured against."""

import threading

from presidio_analyzer import AnalyzerEngine
from presidio_anonymizer import AnonymizerEngine

from phi.models import ScrubResult

_engines: tuple[AnalyzerEngine, AnonymizerEngine] | None = None
_build_lock = threading.Lock()


def _get_engines() -> tuple[AnalyzerEngine, AnonymizerEngine]:
    global _engines
    if _engines is None:
        with _build_lock:
            if _engines is None:
                from phi.engine import build_vanilla_analyzer

                _engines = (build_vanilla_analyzer(), AnonymizerEngine())
    return _engines


def vanilla_scrub_text(*, text: str) -> ScrubResult:
    """Scrub with default Presidio: every entity found is replaced by <ENTITY_TYPE>.

    Vanilla Presidio has no notion of a patient, so phi_risk is true when
    anything at all was found.
    """
    analyzer, anonymizer = _get_engines()
    results = analyzer.analyze(text=text, language="en")
    anonymized = anonymizer.anonymize(text=text, analyzer_results=results)
    entity_types = tuple(sorted({result.entity_type for result in results}))
    return ScrubResult(text=anonymized.text, entity_types=entity_types, phi_risk=bool(results))
