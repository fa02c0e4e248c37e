"""HL7 v2 segments read by field position, so values never cross a separator."""

import regex
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

# Patient fields per segment, with the entity type and how much to cut.
# "first" keeps only the first component, which is the ID of a CX field, so
# the assigning authority "^^^MRN" stays. "whole" removes the whole field.
# Field numbers are the HL7 v2 positions (PID-3 patient identifier list,
# PID-5 patient name, PID-7 birth date, IN1-36 policy number and so on).
PATIENT_FIELDS: dict[str, dict[int, tuple[str, str]]] = {
    "PID": {
        2: ("MRN", "first"),
        3: ("MRN", "first"),
        4: ("MRN", "first"),
        5: ("PATIENT_NAME", "whole"),
        6: ("PATIENT_NAME", "whole"),
        7: ("DOB", "whole"),
        9: ("PATIENT_NAME", "whole"),
        11: ("ADDRESS", "whole"),
        13: ("PHONE", "whole"),
        14: ("PHONE", "whole"),
        18: ("ACCOUNT_NUMBER", "first"),
        19: ("SSN", "whole"),
        20: ("DRIVER_LICENSE", "whole"),
        21: ("MRN", "first"),
        29: ("DATE_OF_SERVICE", "whole"),
    },
    "PD1": {},
    # An immunization history query (Z34): QPD-3 the patient's ID, QPD-4 the
    # name, QPD-5 the mother's maiden name, QPD-6 the birth date, QPD-8 the address.
    "QPD": {
        3: ("MRN", "first"),
        4: ("PATIENT_NAME", "whole"),
        5: ("PATIENT_NAME", "whole"),
        6: ("DOB", "whole"),
        8: ("ADDRESS", "whole"),
    },
    "NK1": {
        2: ("PATIENT_NAME", "whole"),
        4: ("ADDRESS", "whole"),
        5: ("PHONE", "whole"),
        6: ("PHONE", "whole"),
        33: ("MRN", "first"),
        37: ("SSN", "whole"),
    },
    "PV1": {
        19: ("ACCOUNT_NUMBER", "first"),
        44: ("DATE_OF_SERVICE", "whole"),
        45: ("DATE_OF_SERVICE", "whole"),
        50: ("ACCOUNT_NUMBER", "first"),
    },
    "IN1": {
        16: ("PATIENT_NAME", "whole"),
        18: ("DOB", "whole"),
        19: ("ADDRESS", "whole"),
        36: ("MEMBER_ID", "first"),
        49: ("MEMBER_ID", "first"),
    },
    # Observation, specimen, document and administration times of one patient.
    "OBR": {
        7: ("DATE_OF_SERVICE", "whole"),
        8: ("DATE_OF_SERVICE", "whole"),
        22: ("DATE_OF_SERVICE", "whole"),
    },
    "OBX": {14: ("DATE_OF_SERVICE", "whole")},
    # SCH-11 contains an appointment's start and end times ("^^30^20261204093000^20261204100000").
    # It is read through LOOSE_TIME_FIELDS, because writers often shift it by a field.
    "SCH": {},
    "SPM": {17: ("DATE_OF_SERVICE", "whole")},
    "TXA": {4: ("DATE_OF_SERVICE", "whole")},
    "RXA": {3: ("DATE_OF_SERVICE", "whole"), 4: ("DATE_OF_SERVICE", "whole")},
    "IN2": {
        1: ("MEMBER_ID", "first"),
        2: ("SSN", "whole"),
        8: ("MEMBER_ID", "first"),
    },
    "GT1": {
        2: ("ACCOUNT_NUMBER", "first"),
        3: ("PATIENT_NAME", "whole"),
        5: ("ADDRESS", "whole"),
        6: ("PHONE", "whole"),
        7: ("PHONE", "whole"),
        8: ("DOB", "whole"),
        12: ("SSN", "whole"),
    },
    "MRG": {
        1: ("MRN", "first"),
        2: ("MRN", "first"),
        3: ("ACCOUNT_NUMBER", "first"),
        7: ("PATIENT_NAME", "whole"),
    },
}

# Pasted segments often have a field too many or too few. From IN1-30 on a
# whole field shaped like an ID (up to four letters, then five or more
# digits) is almost always the policy or insured's ID number, because the
# other fields there hold codes, amounts, names and addresses. PV1-18 to
# PV1-20 hold the patient type, the visit number and the financial class,
# so an ID-shaped value there is the visit number one field off.
LOOSE_ID_FIELDS = {"IN1": (range(30, 60), "MEMBER_ID"), "PV1": (range(18, 21), "ACCOUNT_NUMBER")}
ID_SHAPED = regex.compile(r"[A-Z]{0,4}\d{5,}[A-Z0-9]*")
# PV1-44 and PV1-45 are the admit and discharge times. Pasted visits often
# lose or gain an empty field before them, so a timestamp a few fields off
# is read as one of them.
# SCH-11's timing quantity ("^^30^202612091400") moves the same way.
LOOSE_TIME_FIELDS = {"PV1": range(40, 50), "SCH": range(8, 15)}
TIMESTAMP_SHAPED = regex.compile(r"(?:19|20)\d{10}(?:\d{2})?(?:[+-]\d{4})?")

# A segment starts at a line start, or after whitespace when several
# segments were pasted on one line, and runs to the end of the line. In a
# log line it starts after "=", ":" or a quote ("pid=PID|1||5120098^^^CVH||...")
# and runs to the next "key=" pair. A sentence after the segment on the same
# line is not part of it. HL7 itself ends
# segments with a carriage return, which pasted messages often keep.
SEGMENT = regex.compile(
    r"(?:^|(?<=\s)|(?<=[=:'\"])(?P<inline>))(?P<name>" + "|".join(PATIENT_FIELDS) + r")(?P<sep>[|])"
    # Inside a log line the segment ends before the next key=value pair.
    # A segment pasted into a sentence ends where the prose goes on: "...|513-66-0942. We need ...".
    r"(?(inline)(?P<body>[^\r\n]*?)(?=\s+[\w.-]+=|\r|$)|(?P<body>[^\r\n]*?)(?=\s[A-Z][A-Z0-9]{2}\||[.!?]\s+[A-Z][a-z]*\s+[a-z]|\r|$))",
    regex.MULTILINE,
)
# MSH-1 and MSH-2 are punctuation; "MSH control id" in prose announces nothing.
ENCODING = regex.compile(r"MSH(?P<field>[^\w\s])(?P<component>[^\w\s])(?P<repeat>[^\w\s])")


class Hl7SegmentRecognizer(LocalRecognizer):
    """Patient fields of HL7 v2 PID, NK1, PV1, IN1, IN2, GT1 and MRG segments, and event times.

    Splits each segment on the field separator and each field on the
    repetition and component separators announced in MSH-2 (default | ^ ~),
    then reports the fields listed in PATIENT_FIELDS: PID-3 identifiers
    (first component only), PID-5 names as one span ("DOE^JANE^Q"), PID-7
    birth date, PID-11 address, PID-13 phone, PID-18 account, PID-19 SSN,
    and so on, plus ID-shaped values and admit or discharge times in loosely counted IN1 and PV1 fields, plus the observation, specimen, document and administration
    times of OBR, OBX, SPM, TXA, RXA and SCH, which date one patient's care. A span never crosses a field separator, and the MSH segment
    (message type, control ID, timestamps) is left alone. A segment ends at
    the line end or where the next segment ID starts on the same line.
    NOTE: escape sequences such as \\F\\ inside a field are not decoded.
    """

    ENTITIES = ("MRN", "PATIENT_NAME", "DOB", "ADDRESS", "PHONE", "ACCOUNT_NUMBER", "SSN", "DRIVER_LICENSE", "DATE_OF_SERVICE", "MEMBER_ID")

    def __init__(self, *, supported_language: str = "en") -> None:
        super().__init__(supported_entities=list(self.ENTITIES), supported_language=supported_language, name=type(self).__name__)

    def load(self) -> None:
        """Load nothing: the segment table is static."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """Return one result per non-empty patient field or component."""
        if "|" not in text:
            return []
        field_sep, component_sep, repeat_sep = "|", "^", "~"
        encoding = ENCODING.search(text)
        if encoding is not None:
            field_sep, component_sep, repeat_sep = encoding.group("field", "component", "repeat")

        results: list[RecognizerResult] = []
        for segment in SEGMENT.finditer(text):
            body_start = segment.start("body")
            body = segment.group("body")
            fields = PATIENT_FIELDS[segment.group("name")]
            # PID|1|... : body starts at field 1.
            position = body_start
            loose_fields, loose_entity = LOOSE_ID_FIELDS.get(segment.group("name"), (range(0), ""))
            for number, value in enumerate(body.split(field_sep), start=1):
                rule = fields.get(number)
                if rule is None and number in loose_fields and ID_SHAPED.fullmatch(value.strip()):
                    rule = (loose_entity, "first")
                loose_time = number in LOOSE_TIME_FIELDS.get(segment.group("name"), ())
                if rule is None and loose_time and any(TIMESTAMP_SHAPED.fullmatch(part.strip()) for part in value.split(component_sep)):
                    rule = ("DATE_OF_SERVICE", "whole")
                if rule is not None and value.strip():
                    results.extend(self._field_results(value=value, start=position, rule=rule, component_sep=component_sep, repeat_sep=repeat_sep))
                position += len(value) + len(field_sep)
        return results

    def _field_results(self, *, value: str, start: int, rule: tuple[str, str], component_sep: str, repeat_sep: str) -> list[RecognizerResult]:
        entity, cut = rule
        results = []
        offset = start
        for repetition in value.split(repeat_sep):
            span_start, span_end = offset, offset + len(repetition)
            if cut == "first":
                span_end = offset + len(repetition.split(component_sep, 1)[0])
            else:
                # Trailing empty components ("DOE^JANE^^^") carry nothing.
                span_end = offset + len(repetition.rstrip(component_sep + " "))
            # Leading spaces would make the placeholder swallow layout.
            while span_start < span_end and value[span_start - start] == " ":
                span_start += 1
            # A name field without a letter is a misplaced value, not a name.
            misplaced = entity == "PATIENT_NAME" and not any(character.isalpha() for character in value[span_start - start : span_end - start])
            if span_end > span_start and not misplaced:
                results.append(self._result(entity=entity, start=span_start, end=span_end))
            offset += len(repetition) + len(repeat_sep)
        return results

    def _result(self, *, entity: str, start: int, end: int) -> RecognizerResult:
        return RecognizerResult(
            entity_type=entity,
            start=start,
            end=end,
            score=0.95,
            analysis_explanation=AnalysisExplanation(recognizer=self.name, original_score=0.95, textual_explanation="HL7 field position"),
            recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id},
        )
