"""Operational values that must survive scrubbing: the classifier's evidence.

Generic detectors (phone numbers, NER names, license numbers) often fire on
claim numbers, trace numbers, versions and times. Spans found here veto
those generic results; the labeled healthcare recognizers are not vetoed,
so "MRN 00482913" is removed even though it looks like any other number.
A span the learned tagger is sure of overrides SHAPE_PATTERNS, the values
marked by their shape alone (phi.policy.TAGGER_SHAPE_OVERRIDE_SCORE).
"""

import regex

# A value after a billing or interface label: "claim # CLM-2291847",
# "EFT trace 1TRC99018273", "batch B-20240215-03", "control id LAB7736120".
LABELED_ID_VALUE = r"[A-Z0-9][A-Z0-9._/*-]*\d[A-Z0-9._/*-]*"
LABELED_ID = regex.compile(
    r"(?i:\b(?:claims?|ERA|EFT|trace|check|chk|cheque|batch|batches|ICN|DCN|TCN|control|ctrl|TRN|payer|payor|NPI|TIN|EIN|FEIN|tax\s*id"
    r"|ticket|case|incident|req(?:uest)?|requisition|PO|invoice|remit(?:tance)?|file|job|jobs|run|interface|message|msg|build|release"
    r"|version|ver|ref(?:erence)?|confirmation|conf|client|order|accession|deposit|transaction|txn|channel|port|queue|segment|node|server|host|provider"
    # Equipment and credentials: "serial ends 90218", "badge 4471", "DEA AB1234563".
    r"|serial|device|asset|badge|token|DEA)"
    r"s?\s*(?:ids?|#|numbers?|nums?|nos?\.?|codes?)?(?:\s+(?:ends|ending)(?:\s+(?:in|with))?)?)\s*(?:[:#=]|(?i:\b(?:is|was)\b))?\s*"
    # A phone number after "file" or "case" ("phone on file 802-555-0117") is not an ID,
    # and neither is a Social Security number ("subscriber ID on file 412-66-0938").
    r"(?!\(?\d{3}\)?[-.\s]\d{3}-\d{4}|(?:1-)?\d{3}-\d{4}\b|\d{3}-\d{2}-\d{4}(?![\w-]))(?P<value>" + LABELED_ID_VALUE + r")"
)
PATTERNS = (
    # Versions: 22.4.1, v23.4.1, 2.5.1, 5.8 (not a date such as 3.3.1950,
    # nor a phone number written with dots such as 480.555.7731).
    regex.compile(r"(?<![\w.])(?!\d{3}\.\d{3}\.\d{4}(?![\w.]))(?P<value>v?\d{1,4}(?:\.\d{1,4}){1,3})(?![\w.])(?<!\d{1,2}\.\d{1,2}\.(?:19|20)\d{2})"),
    # IPv4 addresses with an optional port.
    regex.compile(r"(?<![\w.])(?P<value>(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?)(?![\w.])"),
    # Times: 10:40, 8:45am, 11:59pm, 0700 after since/at/by, 14:52:05.
    regex.compile(r"(?<![\w:])(?P<value>\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?i:[ap]\.?m\.?))?)(?![\w:])"),
    # "at 2219 Story Rd" is a house number, not a time.
    regex.compile(
        r"(?i:\b(?:since|at|by|until|before|after|from|around)\s+)(?P<value>(?:[01]\d|2[0-3])[0-5]\d)\b"
        r"(?!\s+(?:[NSEW]\.?\s+)?(?:\p{Lu}[\w'.-]*\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Court|Ct|Way|Place|Pl)\b)"
    ),
    # HL7 message types and segment field references: ORU^R01, ADT^A08, PID-3.
    regex.compile(r"\b(?P<value>[A-Z]{3}\^[A-Z]\d{2}(?:\^[A-Z]{3}_[A-Z]\d{2})?)\b"),
    regex.compile(r"\b(?P<value>[A-Z]{2}[A-Z0-9]-\d{1,2}(?:\.\d{1,2})?)\b"),
    # Age ranges: "minors 12-17", "ages 65-74", "aged 2-5".
    regex.compile(r"(?i:\b(?:ages?|aged|minors|children|kids|patients)\s+)(?P<value>\d{1,2}\s*[-–]\s*\d{1,2})\b"),
    # A label's word after "missing", as payers' edits print it: "Missing employer FEIN".
    regex.compile(r"(?i:\bmissing\s+(?:\w+\s+)?)(?P<value>FEIN|EIN|NPI|TIN|SSN|DOB)\b"),
    # Placeholder dates that systems write for a missing value: "1900-01-01", "01/01/1900", "9999-12-31".
    regex.compile(r"(?<![\w/.-])(?P<value>1900-01-01|0?1/0?1/1900|19000101|9999-12-31|12/31/9999|99991231)(?![\w/.-])"),
    # Extensions and short internal lines: x4471, ext 2.
    regex.compile(r"(?i:\b(?P<value>x\d{3,5}|ext\.?\s*\d{1,5}))\b"),
)
# Values judged by their shape alone, with no label: a patient's account
# "G-220185" or visit time "20240719141500" has the same shape. A tagged span
# the tagger is sure of overrides these, and only these.
SHAPE_PATTERNS = (
    # Timestamps: 2024-05-14 03:12 UTC, 2024-06-03T14:22:05Z, 20240311021455.
    regex.compile(r"(?P<value>\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|\s*UTC|[+-]\d{2}:?\d{2})?)"),
    regex.compile(r"(?<!\d)(?P<value>20\d{2}(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])(?:[01]\d|2[0-3])[0-5]\d(?:[0-5]\d)?(?:-\d+)?)(?!\d)"),
    # Error and reason codes: CO-16, E-4410, ERX-5003, ORD-SYNC-0417, N290.
    regex.compile(r"\b(?P<value>[A-Z]{1,6}(?:-[A-Z]{2,8})*-\d{1,6}[A-Z]?)\b"),
    regex.compile(r"\b(?P<value>[A-Z]{1,3}\d{2,5})\b"),
)
# More values after one label: "Orders 55100231, 55100247, 55100302".
LABELED_ID_CONTINUATION = regex.compile(r"(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+|[ \t]*/[ \t]*)(?P<value>" + LABELED_ID_VALUE + r")")
# The other groups of a number printed in fours: "EFT trace 0203 4567 8901".
DIGIT_GROUP_CONTINUATION = regex.compile(r" (?P<value>\d{4})(?![\w/-])")
# An X12 name segment of anyone but the patient or subscriber: "NM1*82*1*DRAKE*NATHAN****XX*1730558213" is the rendering provider.
PROVIDER_NM1_SEGMENT = regex.compile(r"(?<![\w*])(?P<value>NM1\*(?!(?:QC|IL|03|74)\*)[A-Z0-9]{2}\*[^~\r\n]*)")
# The MSH segment describes the message, never the patient.
MSH_SEGMENT = regex.compile(r"(?:^|(?<=\s))(?P<value>MSH\|[^\r\n]*?)(?=\s[A-Z][A-Z0-9]{2}\||\r|$)", regex.MULTILINE)


def find_shape_spans(*, text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of the values SHAPE_PATTERNS mark as operational."""
    return [match.span("value") for pattern in SHAPE_PATTERNS for match in pattern.finditer(text)]


def find_operational_spans(*, text: str) -> list[tuple[int, int]]:
    """Return (start, end) spans of operational values in the text, leaving out those only SHAPE_PATTERNS mark."""
    spans = []
    for pattern in (*PATTERNS, MSH_SEGMENT):
        spans.extend(match.span("value") for match in pattern.finditer(text))
    for match in LABELED_ID.finditer(text):
        spans.append(match.span("value"))
        position = match.end("value")
        while (more := LABELED_ID_CONTINUATION.match(text, position)) is not None:
            spans.append(more.span("value"))
            position = more.end("value")
        value = match.group("value")
        if len(value) == 4 and value.isdigit():
            while (group := DIGIT_GROUP_CONTINUATION.match(text, position)) is not None:
                spans.append(group.span("value"))
                position = group.end("value")
    spans.extend(match.span("value") for match in PROVIDER_NM1_SEGMENT.finditer(text))
    return spans
