"""Scrub PHI from ticket text: the entry point the HTTP edge and evaluation call."""

import logging
import threading

from presidio_analyzer import AnalyzerEngine, RecognizerResult
from presidio_anonymizer import AnonymizerEngine
from presidio_anonymizer.entities import OperatorConfig

from phi.models import ScrubResult
from phi.policy import PLACEHOLDERS, Finding, resolve_findings
from phi.tagger import RECOGNIZER_NAME as TAGGER_NAME
from phi.tagger import PhiTaggerRecognizer

log = logging.getLogger(__name__)

WARM_UP_TEXT = "pt Jane Sample DOB 01/02/1960 MRN 1234567, claim 88213340 denied CO-16. Thanks, Dr. Lee"

# Each entity type is replaced by its typed placeholder, e.g. <MRN>.
OPERATORS = {entity: OperatorConfig("replace", {"new_value": placeholder}) for entity, placeholder in PLACEHOLDERS.items()}

_analyzer: AnalyzerEngine | None = None
_anonymizer: AnonymizerEngine | None = None
_build_lock = threading.Lock()


def get_analyzer() -> AnalyzerEngine:
    """Return the process-wide analyzer, building it and the anonymizer on first use."""
    global _analyzer, _anonymizer
    if _analyzer is None:
        with _build_lock:
            if _analyzer is None:
                from phi.engine import build_analyzer

                _anonymizer = AnonymizerEngine()
                _analyzer = build_analyzer()
    return _analyzer


def get_tagger_recognizer() -> PhiTaggerRecognizer:
    """Return the analyzer's learned tagger, to swap its weights in cross-validation and benchmarks."""
    for recognizer in get_analyzer().registry.recognizers:
        if recognizer.name == TAGGER_NAME:
            return recognizer
    raise LookupError("the analyzer has no PhiTaggerRecognizer")


def scrub_text(*, text: str) -> ScrubResult:
    """Replace patient identifiers with typed placeholders; callable from many threads.

    One analyzer serves all threads without a lock. NOTE: spaCy does not
    document its pipeline as thread-safe. Inference here writes no shared
    state that we found, and tests/test_phi_service.py scrubs 40 tickets on
    4 threads and checks every result.
    """
    if not text:
        return ScrubResult(text=text, entity_types=(), phi_risk=False)
    results = get_analyzer().analyze(text=text, language="en", return_decision_process=True)
    return scrub_with_results(text=text, results=results)


def scrub_with_results(*, text: str, results: list[RecognizerResult]) -> ScrubResult:
    """Apply the policy to analyzer results already computed for this text."""
    findings = resolve_findings(text=text, results=results)
    return ScrubResult(
        text=apply_placeholders(text=text, findings=findings) if findings else text,
        entity_types=tuple(sorted({finding.entity for finding in findings})),
        phi_risk=any(finding.patient for finding in findings),
    )


def apply_placeholders(*, text: str, findings: list[Finding]) -> str:
    """Return the text with each finding replaced by its placeholder, using Presidio's anonymizer."""
    get_analyzer()
    assert _anonymizer is not None
    results = [RecognizerResult(entity_type=f.entity, start=f.start, end=f.end, score=1.0) for f in findings]
    return _anonymizer.anonymize(text=text, analyzer_results=results, operators=OPERATORS).text


def check_settings() -> None:
    """Raise ValueError, naming the setting and the fix, when a CLINIQUEUE_PHI_* setting is unusable; loads no spaCy model."""
    from phi.engine import configured_spacy_ner
    from phi.tagger import configured_weights_path, read_configured_weights

    configured_spacy_ner()
    # The same read as the recognizer's, so a damaged file fails here too. The weights read here are dropped.
    read_configured_weights(path=configured_weights_path())


def warm_up() -> None:
    """Build the engines and scrub one sample so the first request is fast."""
    scrub_text(text=WARM_UP_TEXT)
    log.info("PHI scrubber warmed up")
