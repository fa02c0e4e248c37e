"""Patient elements of pasted X12 EDI segments (837 claims, 277CA, 835 remits) and ASAP PDMP uploads."""

import regex
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

# NM1 entity identifier codes for people whose data is patient data:
# QC is the patient, IL the insured or subscriber, 03 a dependent (270/271)
# and 74 the corrected patient or insured name in an 835.
PATIENT_ENTITY_CODES = frozenset({"QC", "IL", "03", "74"})
# A segment quoted in prose often lacks its "~": it then ends at the end of its sentence.
SEGMENT = regex.compile(r"(?:^|(?<=[~\s]))(?P<name>NM1|DMG|DTP|DTM|N3|N4|REF|CLP|CLM|PAT|DSP)\*(?P<body>(?:[^~\r\n.]|\.(?![\s'\"]|$))*)", regex.MULTILINE)
# DTP qualifiers that carry a service, admission or discharge date.
SERVICE_DATE_QUALIFIERS = frozenset({"472", "434", "435", "096", "232", "233"})
# REF qualifiers that carry a patient identifier: SY SSN, EA medical record, 1W member,
# 0F subscriber number (834 enrollment).
PATIENT_REF_QUALIFIERS = {"SY": "SSN", "EA": "MRN", "1W": "MEMBER_ID", "0F": "MEMBER_ID"}
# CLP01 and CLM01 hold the provider's own claim identifier. Many practice
# systems fill it with the patient's account number, and staff then read it
# as one. Only values whose prefix marks an account ("PT88213", "ACCT77120")
# are taken. Plain numbers and "PCN"/"CLM" values stay as claim numbers.
PATIENT_ACCOUNT_CLAIM_ID = regex.compile(r"(?:PT[AN]?|PAT|PC|ACC|ACCT?|ACT|MRN?|MRP)-?\d{3,}")
PATIENT_WORD = regex.compile(r"(?i:\b(?:patient|pt|member|subscriber|insured)\b)")
# A name element: letters, spaces, hyphens and apostrophes only.
NAME_ELEMENT = regex.compile(r"\p{L}[\p{L} '’-]*")
# A PDMP upload typed by hand or exported by a pharmacy system with "|" between elements.
PIPE_PAT_SEGMENT = regex.compile(r"^[ \t]*PAT\|(?P<body>[^\n]*)", regex.MULTILINE)
PDMP_WORD = regex.compile(r"(?i:\b(?:ASAP|PMP|PDMP|CSRS|prescription\s+monitoring)\b)")


ELEMENT_DATE = regex.compile(r"[\d/-]{8,10}")


def _pipe_element_entity(element: str) -> str:
    """Return the placeholder type of a PAT element by its shape: a name, a birth date or, for the rest, the address."""
    if NAME_ELEMENT.fullmatch(element):
        return "PATIENT_NAME"
    if ELEMENT_DATE.fullmatch(element):
        return "DOB"
    return "ADDRESS"


class X12PatientRecognizer(LocalRecognizer):
    """Patient and subscriber names, IDs, dates and addresses in X12 segments.

    Reads NM1*QC, NM1*IL, NM1*03 and NM1*74 segments: last, first and middle name as one
    span such as "HOLLIS*BERNADETTE", and the NM1-09 member ID. Also reads
    the N3/N4 address after them (or before any NM1 when the ticket speaks
    of a patient or member), DMG birth dates, DTP and DTM service dates
    (qualifiers 472, 434, 435, 096, 232, 233) and REF SSN, record and
    member numbers. CLP01 and CLM01 are taken only when their prefix marks an
    account number (PATIENT_ACCOUNT_CLAIM_ID); otherwise support reads them as the claim's number. Billing
    provider, payer and claim control segments are left alone. The ASAP
    format that pharmacies and dispensing practices upload to a state PDMP
    uses the same separators, and its PAT segment is read too. Assumes "*"
    elements and "~" segment ends, the usual separators in pasted EDI; only
    a PDMP's PAT line is also read with "|" between elements.
    """

    ENTITIES = ("PATIENT_NAME", "MEMBER_ID", "DOB", "DATE_OF_SERVICE", "ADDRESS", "SSN", "MRN", "ACCOUNT_NUMBER", "PHONE")

    def __init__(self, *, supported_language: str = "en") -> None:
        super().__init__(supported_entities=list(self.ENTITIES), supported_language=supported_language, name=type(self).__name__)

    def load(self) -> None:
        """Load nothing: the segment rules are static."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """Return one result per patient element."""
        if "*" not in text:
            return self._pipe_asap_patients(text=text)
        results: list[RecognizerResult] = []
        # None until the first NM1: an address pasted without its name segment
        # is the patient's when the ticket speaks of a patient or member.
        in_patient_loop: bool | None = None
        for segment in SEGMENT.finditer(text):
            name = segment.group("name")
            start = segment.start("body")
            elements = segment.group("body").split("*")
            offsets = [start]
            for element in elements[:-1]:
                offsets.append(offsets[-1] + len(element) + 1)

            if name == "NM1":
                in_patient_loop = elements[0] in PATIENT_ENTITY_CODES
                if in_patient_loop:
                    results.extend(self._name_and_id(elements=elements, offsets=offsets))
            elif name in ("N3", "N4") and (in_patient_loop or (in_patient_loop is None and PATIENT_WORD.search(text))):
                end = offsets[-1] + len(elements[-1])
                results.append(self._result(entity="ADDRESS", start=start, end=end))
            elif name == "DMG" and len(elements) > 1 and elements[1]:
                results.append(self._result(entity="DOB", start=offsets[1], end=offsets[1] + len(elements[1])))
            elif name == "DTP" and len(elements) > 2 and elements[0] in SERVICE_DATE_QUALIFIERS and elements[2]:
                results.append(self._result(entity="DATE_OF_SERVICE", start=offsets[2], end=offsets[2] + len(elements[2])))
            elif name == "DTM" and len(elements) > 1 and elements[0] in SERVICE_DATE_QUALIFIERS:
                # An 835's DTM*232*20261019 has the date second. A hand-typed "DTM*472*RD8*..." borrows DTP's format.
                index = 2 if elements[1] in ("D8", "RD8") and len(elements) > 2 else 1
                if elements[index]:
                    results.append(self._result(entity="DATE_OF_SERVICE", start=offsets[index], end=offsets[index] + len(elements[index])))
            elif name == "REF" and len(elements) > 1 and elements[0] in PATIENT_REF_QUALIFIERS and elements[1]:
                results.append(self._result(entity=PATIENT_REF_QUALIFIERS[elements[0]], start=offsets[1], end=offsets[1] + len(elements[1])))
            elif name == "PAT":
                found = self._asap_patient(elements=elements, offsets=offsets)
                if not found and PDMP_WORD.search(text):
                    found = self._loose_elements(elements=elements, offsets=offsets)
                results.extend(found)
            elif name == "DSP" and PDMP_WORD.search(text):
                # The dates written and filled of a dispensed prescription date one patient's care.
                results.extend(
                    self._result(entity="DATE_OF_SERVICE", start=offset, end=offset + len(element))
                    for element, offset in zip(elements, offsets)
                    if ELEMENT_DATE.fullmatch(element) and element.isdigit()
                )
            elif name in ("CLP", "CLM") and PATIENT_ACCOUNT_CLAIM_ID.fullmatch(elements[0]):
                results.append(self._result(entity="ACCOUNT_NUMBER", start=start, end=start + len(elements[0])))
        return results + self._pipe_asap_patients(text=text)

    def _pipe_asap_patients(self, *, text: str) -> list[RecognizerResult]:
        """Read "PAT|..." lines of a PDMP upload pasted with "|" separators.

        Writers and exports do not keep ASAP's positions here, so every
        element of three or more characters goes: names, birth date, street,
        city, ZIP, phone and ID. Elements of one or two characters are codes,
        sex or a state and stay. Only in a ticket that names a PDMP or ASAP,
        since "PAT|" has no other common meaning.
        """
        if "PAT|" not in text or not PDMP_WORD.search(text):
            return []
        results = []
        for segment in PIPE_PAT_SEGMENT.finditer(text):
            elements = segment.group("body").split("|")
            if not any(NAME_ELEMENT.fullmatch(element) and len(element) >= 2 for element in elements):
                continue
            offset = segment.start("body")
            for element in elements:
                if len(element.strip()) >= 3:
                    results.append(self._result(entity=_pipe_element_entity(element), start=offset, end=offset + len(element)))
                offset += len(element) + 1
        return results

    def _loose_elements(self, *, elements: list[str], offsets: list[int]) -> list[RecognizerResult]:
        """Take every element of three or more characters of a PAT segment whose name is not at PAT07.

        Hand-typed and exported PDMP records shift ASAP's positions ("PAT*07*01*VH778120*0*HOLLOWAY-NGATA*REWI"),
        so in a PDMP ticket the elements are typed by shape instead. Codes of one or two characters stay.
        """
        results = []
        for element, offset in zip(elements, offsets):
            if len(element.strip()) < 3:
                continue
            entity = _pipe_element_entity(element)
            # A token with digits that is no date is the patient's ID ("VH778120").
            if any(character.isdigit() for character in element) and " " not in element and not ELEMENT_DATE.fullmatch(element):
                entity = "MRN"
            results.append(self._result(entity=entity, start=offset, end=offset + len(element)))
        return results

    def _name_and_id(self, *, elements: list[str], offsets: list[int]) -> list[RecognizerResult]:
        results = []
        # NM1-03 last, NM1-04 first, NM1-05 middle: one span without trailing empties.
        name_parts = [index for index in (2, 3, 4) if index < len(elements) and elements[index]]
        if name_parts:
            last = name_parts[-1]
            results.append(self._result(entity="PATIENT_NAME", start=offsets[2], end=offsets[last] + len(elements[last])))
        if len(elements) > 8 and elements[8]:
            results.append(self._result(entity="MEMBER_ID", start=offsets[8], end=offsets[8] + len(elements[8])))
        return results

    def _asap_patient(self, *, elements: list[str], offsets: list[int]) -> list[RecognizerResult]:
        """Read a PDMP upload's ASAP PAT segment: PAT03 ID, PAT07-09 name, PAT12-16 address, PAT17 phone, PAT18 birth date.

        The ID, address, phone and birth-date positions are those of ASAP 4.0
        and later, as the VA's VistA routine PSOASAP0 lists them. ASAP 3.0 put
        the birth date in PAT19. NOTE: PAT07-09 as the patient's name is read
        from the field order between them, not checked against the ASAP guide.

        The 837's own PAT segment (relationship, weight, pregnancy) has codes
        where ASAP has the name, so nothing is taken unless PAT07 is a word.
        """
        if len(elements) < 7 or not NAME_ELEMENT.fullmatch(elements[6]):
            return []
        results = []
        name_parts = [index for index in (6, 7, 8) if index < len(elements) and elements[index]]
        results.append(self._result(entity="PATIENT_NAME", start=offsets[6], end=offsets[name_parts[-1]] + len(elements[name_parts[-1]])))
        if len(elements) > 2 and elements[2]:
            results.append(self._result(entity="MRN", start=offsets[2], end=offsets[2] + len(elements[2])))
        address_parts = [index for index in range(11, 16) if index < len(elements) and elements[index]]
        if address_parts:
            first, last = address_parts[0], address_parts[-1]
            results.append(self._result(entity="ADDRESS", start=offsets[first], end=offsets[last] + len(elements[last])))
        if len(elements) > 16 and elements[16]:
            results.append(self._result(entity="PHONE", start=offsets[16], end=offsets[16] + len(elements[16])))
        if len(elements) > 17 and elements[17]:
            results.append(self._result(entity="DOB", start=offsets[17], end=offsets[17] + len(elements[17])))
        return results

    def _result(self, *, entity: str, start: int, end: int) -> RecognizerResult:
        return RecognizerResult(
            entity_type=entity,
            start=start,
            end=end,
            score=0.95,
            analysis_explanation=AnalysisExplanation(recognizer=self.name, original_score=0.95, textual_explanation="X12 element position"),
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id},
        )
