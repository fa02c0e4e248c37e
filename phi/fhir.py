"""FHIR Patient data in pasted JSON and CDA patient headers, read by element name."""

import regex
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

RESOURCE_TYPE = regex.compile(r'"resourceType"\s*:\s*"(?P<type>\w+)"')
# Resources whose name, telecom and address elements describe a patient or
# someone tied to one. Practitioner, Organization and Location are staff or
# places and are left alone.
PATIENT_RESOURCES = frozenset({"Patient", "RelatedPerson", "Person", "Coverage"})

FHIR_PATIENT_KEYS = regex.compile(r'"(?:birthDate|family|given)"\s*:')
# "Patient/8812" in a reference or URL: the server's ID of one patient.
# An id in prose has a digit: "Patient/specimen mismatch" is an error text.
PATIENT_ID_REFERENCE = regex.compile(r"\bPatient/(?P<value>(?=[A-Za-z.-]*\d)[A-Za-z0-9][A-Za-z0-9.-]{0,63})")
RESOURCE_ID = regex.compile(r'"id"\s*:\s*"(?P<value>[^"]+)"')
STRING = r'"(?P<value>(?:[^"\\]|\\.)*)"'
ELEMENTS: tuple[tuple[str, regex.Pattern], ...] = (
    ("PATIENT_NAME", regex.compile(r'"(?:family|text)"\s*:\s*' + STRING)),
    ("DOB", regex.compile(r'"birthDate"\s*:\s*' + STRING)),
    ("DATE_OF_SERVICE", regex.compile(r'"deceasedDateTime"\s*:\s*' + STRING)),
    ("ADDRESS", regex.compile(r'"(?:city|postalCode|district)"\s*:\s*' + STRING)),
    ("MEMBER_ID", regex.compile(r'"subscriberId"\s*:\s*' + STRING)),
)
ARRAYS: tuple[tuple[str, regex.Pattern], ...] = (
    ("PATIENT_NAME", regex.compile(r'"given"\s*:\s*\[(?P<array>[^\]]*)\]')),
    ("ADDRESS", regex.compile(r'"line"\s*:\s*\[(?P<array>[^\]]*)\]')),
)
ARRAY_STRING = regex.compile(STRING)
# identifier and telecom contain objects whose "value" strings are the data.
BLOCKS = regex.compile(r'"(?P<element>identifier|telecom)"\s*:\s*\[(?P<block>(?:[^\[\]]|\[[^\[\]]*\])*)\]')
BLOCK_VALUE = regex.compile(r'"value"\s*:\s*' + STRING)
TELECOM_SYSTEM = regex.compile(r'"system"\s*:\s*"(?P<system>\w+)"')
# "subject": {"reference": "Patient/1", "display": "Lucille Abernathy"}
# Clinical times of a resource about a patient, read only when the text references a Patient.
EVENT_TIME = regex.compile(
    # "start" and "end" date an Appointment or an Encounter's period.
    r'"(?:effectiveDateTime|issued|authoredOn|occurrenceDateTime|performedDateTime|onsetDateTime|recordedDate|collectedDateTime|start|end)"\s*:\s*'
    + STRING
)
PATIENT_DISPLAY = regex.compile(r'"(?:reference)"\s*:\s*"Patient/[^"]*"\s*,\s*"display"\s*:\s*' + STRING + r'|"display"\s*:\s*' + STRING.replace("value", "value2") + r'\s*,\s*"reference"\s*:\s*"Patient/')
# "patient": {"display": "Okunola, Tolu"}: an Immunization's or a Claim's patient named without a reference,
# and "subject": {"display": ...}, an Encounter's or an Observation's.
PATIENT_ELEMENT_DISPLAY = regex.compile(r'"(?:patient|subject)"\s*:\s*\{\s*"display"\s*:\s*' + STRING)
# An app's own JSON with a birth date: {"name":"...","dob":"1993-06-14"}. Its event times are that patient's.
BIRTH_DATE_KEY = regex.compile(r'"(?i:dob|birth_?date|date_?of_?birth)"\s*:\s*"\d')


# HL7 CDA (C-CDA documents): the <patientRole> of recordTarget contains the
# patient's <id extension>, <addr> and <telecom>, and its <patient> element
# contains <name><given/><family/></name> and <birthTime value="YYYYMMDD"/>.
# NCPDP SCRIPT XML writes <Patient> with <LastName>, <FirstName> and <DateOfBirth>.
CDA_PATIENT = regex.compile(r"<(?:patientRole|patient|Patient)\b[^>]*>(?P<body>.*?)(?:</(?:patientRole|patient|Patient)>|$)", regex.DOTALL)
CDA_ELEMENTS: tuple[tuple[str, regex.Pattern], ...] = (
    ("PATIENT_NAME", regex.compile(r"<(?:given|family|prefix|suffix|LastName|FirstName|MiddleName)\b[^>]*>(?P<value>[^<]+)<")),
    ("DOB", regex.compile(r"<birthTime\s+value=\"(?P<value>\d{4,14})\"|<DateOfBirth>\s*<Date>(?P<value>[^<]+)<")),
    ("MRN", regex.compile(r"<id\b[^>]*\bextension=\"(?P<value>[^\"]+)\"")),
    ("ADDRESS", regex.compile(r"<(?:streetAddressLine|city|postalCode|AddressLine1|City|PostalCode)\b[^>]*>(?P<value>[^<]+)<")),
    ("PHONE", regex.compile(r"<telecom\b[^>]*\bvalue=\"tel:(?P<value>[^\"]+)\"")),
)


class FhirPatientRecognizer(LocalRecognizer):
    """FHIR Patient elements: name, birthDate, identifier, telecom, address.

    Splits the text at each "resourceType" and reads only the parts that
    are Patient, RelatedPerson, Person or Coverage resources. Reports the string
    values of id, name.family, name.given, name.text, birthDate,
    identifier.value, telecom.value, address.line, city, district and
    postalCode, plus the ID in "Patient/<id>" and the display name of any
    reference to a Patient or of a "patient" element without a reference.
    JSON without a resourceType counts when it has
    a birthDate, family or given element. Also reads given, family and
    birthTime inside a CDA <patient> element, since CDA headers get pasted
    next to FHIR JSON in the same kind of ticket. Works on a fragment that
    is not valid JSON. NOTE: a region ends at the next "resourceType", so a
    Patient contained inside another resource without its own type is missed.
    """

    ENTITIES = ("PATIENT_NAME", "DOB", "DATE_OF_SERVICE", "ADDRESS", "MRN", "PHONE", "EMAIL", "MEMBER_ID")

    def __init__(self, *, supported_language: str = "en") -> None:
        super().__init__(supported_entities=list(self.ENTITIES), supported_language=supported_language, name=type(self).__name__)

    def load(self) -> None:
        """Load nothing: the element table is static."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """Return one result per patient string value in FHIR JSON."""
        results = self._cda_results(text=text)
        # A "Patient/<id>" reference can sit in prose with no JSON around it.
        results.extend(self._result(entity="MRN", start=m.start("value"), end=m.end("value")) for m in PATIENT_ID_REFERENCE.finditer(text))
        if '"' not in text or ":" not in text:
            return results
        results.extend(self._result(entity="PATIENT_NAME", start=m.start(g), end=m.end(g)) for m in PATIENT_DISPLAY.finditer(text) for g in ("value", "value2") if m.start(g) >= 0 and m.end(g) > m.start(g))
        patient_element = [m for m in PATIENT_ELEMENT_DISPLAY.finditer(text) if m.end("value") > m.start("value")]
        results.extend(self._result(entity="PATIENT_NAME", start=m.start("value"), end=m.end("value")) for m in patient_element)
        if PATIENT_ID_REFERENCE.search(text) or patient_element or BIRTH_DATE_KEY.search(text):
            results.extend(self._result(entity="DATE_OF_SERVICE", start=m.start("value"), end=m.end("value")) for m in EVENT_TIME.finditer(text) if m.end("value") > m.start("value"))
        for start, end in self._patient_regions(text):
            region = text[start:end]
            results.extend(self._region_results(region=region, offset=start))
        return results

    def _cda_results(self, *, text: str) -> list[RecognizerResult]:
        """Return names, birth times, IDs, addresses and phones inside CDA <patientRole> and <patient> or NCPDP <Patient> elements."""
        if "<patient" not in text and "<Patient" not in text:
            return []
        results = []
        for patient in CDA_PATIENT.finditer(text):
            offset = patient.start("body")
            for entity, pattern in CDA_ELEMENTS:
                for match in pattern.finditer(patient.group("body")):
                    results.extend(self._span(entity=entity, match=match, group="value", offset=offset))
        return results

    @staticmethod
    def _patient_regions(text: str) -> list[tuple[int, int]]:
        types = list(RESOURCE_TYPE.finditer(text))
        if not types:
            return [(0, len(text))] if FHIR_PATIENT_KEYS.search(text) else []
        regions = []
        for index, match in enumerate(types):
            if match.group("type") not in PATIENT_RESOURCES:
                continue
            # The first resource may list elements before its resourceType.
            start = 0 if index == 0 else match.start()
            end = types[index + 1].start() if index + 1 < len(types) else len(text)
            regions.append((start, end))
        return regions

    def _region_results(self, *, region: str, offset: int) -> list[RecognizerResult]:
        results = []
        if RESOURCE_TYPE.search(region):
            # The Patient's own "id" is the first one after its resourceType.
            resource_id = RESOURCE_ID.search(region)
            if resource_id is not None:
                results.extend(self._span(entity="MRN", match=resource_id, group="value", offset=offset))
        for entity, pattern in ELEMENTS:
            for match in pattern.finditer(region):
                results.extend(self._span(entity=entity, match=match, group="value", offset=offset))
        for entity, pattern in ARRAYS:
            for match in pattern.finditer(region):
                array_start = match.start("array")
                for item in ARRAY_STRING.finditer(match.group("array")):
                    results.extend(self._span(entity=entity, match=item, group="value", offset=offset + array_start))
        for block in BLOCKS.finditer(region):
            block_start = block.start("block")
            block_text = block.group("block")
            for value in BLOCK_VALUE.finditer(block_text):
                entity = "MRN"
                if block.group("element") == "telecom":
                    entity = self._telecom_entity(block_text=block_text, value_start=value.start())
                results.extend(self._span(entity=entity, match=value, group="value", offset=offset + block_start))
        return results

    @staticmethod
    def _telecom_entity(*, block_text: str, value_start: int) -> str:
        # The "system" of the same ContactPoint object precedes or follows its value.
        object_start = block_text.rfind("{", 0, value_start)
        object_end = block_text.find("}", value_start)
        contact_point = block_text[max(object_start, 0) : object_end if object_end >= 0 else len(block_text)]
        system = TELECOM_SYSTEM.search(contact_point)
        return "EMAIL" if system is not None and system.group("system") == "email" else "PHONE"

    def _span(self, *, entity: str, match: regex.Match, group: str, offset: int) -> list[RecognizerResult]:
        start, end = match.start(group), match.end(group)
        if end <= start:
            return []
        return [self._result(entity=entity, start=offset + start, end=offset + end)]

    def _result(self, *, entity: str, start: int, end: int) -> RecognizerResult:
        return RecognizerResult(
            entity_type=entity,
            start=start,
            end=end,
            score=0.95,
            analysis_explanation=AnalysisExplanation(recognizer=self.name, original_score=0.95, textual_explanation="FHIR element name"),
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id},
        )
