"""Type the cells of tables pasted into tickets by the names in their header line.

Staff paste rows from spreadsheets, worklists and tracking sheets: CSV, TSV,
pipe-separated (Markdown-style) or fixed-width columns. No single cell
carries a label, but the header above them does ("last_name,first_name,dob").
"""

from collections.abc import Iterator

import regex
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

# Header column names, matched on the whole cell after lower-casing and
# turning "_", "-" and "." into spaces. Order matters: "patient id" is an
# MRN before "patient" is a name. A bare "id" column counts only in a table
# that other columns make a patient list, like every column here.
COLUMN_TYPES = (
    # "pid_3", "pid_5", "pid_7": HL7 PID field numbers as column names.
    (r"pid\s*3|pid\s*2|id|(?:patient|pt)\s*(?:id|identifier|#|no)|(?:patient\s*|pt\s*)?(?:mrn|mr\s*#)|med(?:ical)?\s*rec(?:ord)?(?:\s*(?:no|number|#))?|chart(?:\s*(?:no|number|#|id))?|empi|mpi", "MRN"),
    (r"pid\s*7|dob|d o b|date\s*of\s*birth|birth\s*date|birthdate|born", "DOB"),
    # "ins_member_id", "primary_policy_no": a coverage word may come first.
    (r"(?:(?:ins|insurance|plan|primary|secondary)\s*)?(?:member|subscriber|insured|policy|medicaid|medicare|insurance|ins|plan|recipient)\s*(?:id|#|no|number)?|mbi|sub\s*(?:id|#|no)", "MEMBER_ID"),
    (r"ssn(?:\s*last\s*4|\s*4)?|last\s*4(?:\s*ssn)?|social(?:\s*security)?(?:\s*(?:no|number|#))?", "SSN"),
    # "PatientCtl": a patient's control number. Writers label "enc_id" and
    # "visit_id" columns both ways, mostly as operational, so those stay untyped.
    (
        r"(?:patient|pat|pt|guarantor)?\s*(?:acct|account|har|fin|encounter)\s*(?:id|#|no|number)?|guarantor\s*(?:id|#|no|number)"
        r"|(?:patient|pat|pt)\s*(?:ctl|ctrl|control)\s*(?:id|#|no|number)?",
        "ACCOUNT_NUMBER",
    ),
    # "phone_on_file": the patient's number of record.
    (r"(?:patient|pt|home|cell|mobile|contact)?\s*(?:phone|tel|telephone|cell|mobile|ph)\s*(?:no|number|#)?(?:\s*on\s*file)?", "PHONE"),
    (r"(?:patient|pt)?\s*e\s*mail(?:\s*address)?(?:\s*on\s*file)?", "EMAIL"),
    # "addr_printed": the address a statement went out with.
    (r"(?:patient|pt|home|street)?\s*(?:address|addr|street)\s*(?:\d|printed|on\s*file|line\s*\d?)?|city|zip|zip\s*code|postal\s*code", "ADDRESS"),
    # "taken_at", "collected_at": when one patient's vitals or specimen were taken.
    (r"(?:taken|collected|collection|drawn|observed|resulted)(?:\s*(?:at|on|time|date|dt|ts))?|dos|date\s*of\s*service|service\s*date|admit(?:\s*date)?|admission(?:\s*date)?|discharge(?:\s*date)?|visit\s*date|appt\s*date", "DATE_OF_SERVICE"),
    (
        # "patient_ref" contains "ZHANG,WEI^0051873" in a lab middleware's table: the whole cell goes.
        r"(?:patient|pt|guarantor|member|subscriber)(?:\s*(?:full\s*)?name|\s*ref(?:erence)?)?|pat\s*name|(?:last|first|middle|full|given|family|sur)\s*name|"
        r"(?:patient|pat|pt)\s*(?:last|first|middle|given|family)(?:\s*name)?|"
        r"lastname|firstname|surname|name|lname|fname|last|first|family|given|pid\s*5",
        "PATIENT_NAME",
    ),
)
COMPILED_COLUMN_TYPES = tuple((regex.compile(rf"(?:{pattern})"), entity) for pattern, entity in COLUMN_TYPES)
# Columns whose presence makes the rows a patient list. A header such as
# "name,email,role" alone is a staff roster and stays untyped.
PATIENT_COLUMNS = frozenset({"MRN", "DOB", "MEMBER_ID", "SSN", "ACCOUNT_NUMBER", "DATE_OF_SERVICE"})
PATIENT_WORD = regex.compile(r"(?:patient|pat|pt|guarantor|member|subscriber)\b")
PATIENT_COLUMN_NAME = regex.compile(r"(?:patient|pat|pt|guarantor|member|subscriber)(?:\s*ref(?:erence)?)?")
# A direction or version after a column name: "mrn_in", "name_out", "dob_new".
COLUMN_SUFFIX = regex.compile(r"\s+(?:in|out|new|old|orig|original|sent|received|recv)$")
# Placeholders and empty markers that are no value at all.
EMPTY_CELL = regex.compile(r"(?i:|-+|n/?a|null|none|unknown|\?+|\.+)")
# A Markdown rule row under the header: "|---|:---:|".
# "---|---" in Markdown, "-----+-----" in psql output.
RULE_ROW = regex.compile(r"^\s*[|+]?(?:\s*:?-{2,}:?\s*[|+])+\s*:?-*:?\s*[|+]?\s*$")
# "----------  ------------" under a fixed-width header, as SQL*Plus prints it.
DASH_RULE_ROW = regex.compile(r"^\s*-{2,}(?:[ \t]+-{2,})*\s*$")
FIXED_WIDTH_GAP = regex.compile(r"\t| {2,}")
COLUMN_NAME_SEPARATORS = regex.compile(r"[_\-.\s]+")
# A header cell: a short name without digits other than a trailing one ("address 1").
HEADER_CELL = regex.compile(r"[A-Za-z][A-Za-z _./#()-]{0,30}\d?")


def column_entity(*, name: str) -> str | None:
    """Return the entity type of a header column name, or None for other columns."""
    normalized = COLUMN_SUFFIX.sub("", COLUMN_NAME_SEPARATORS.sub(" ", name.strip().strip("\"'").lower()).strip())
    for pattern, entity in COMPILED_COLUMN_TYPES:
        if pattern.fullmatch(normalized):
            return entity
    return None


def split_delimited(*, line: str, offset: int, separator: str) -> list[tuple[int, int]]:
    """Return (start, end) text offsets of the cells of one row, without quotes or padding.

    Double-quoted cells may contain the separator, as CSV writers produce
    for "Osei, Kwabena". A leading and trailing pipe frame the row and do
    not start a cell.
    """
    body_start, body_end = 0, len(line)
    if separator == "|":
        stripped = line.strip()
        if stripped.startswith("|"):
            body_start = line.index("|") + 1
        if stripped.endswith("|") and len(stripped) > 1:
            body_end = line.rindex("|")
    cells = []
    position = body_start
    while position <= body_end:
        cell_start = position
        # Skip padding before a quoted cell so that the quote is seen.
        while cell_start < body_end and line[cell_start] == " ":
            cell_start += 1
        if cell_start < body_end and line[cell_start] == '"':
            closing = line.find('"', cell_start + 1)
            if 0 <= closing < body_end:
                cells.append((offset + cell_start + 1, offset + closing))
                next_separator = line.find(separator, closing + 1, body_end)
                position = body_end + 1 if next_separator < 0 else next_separator + 1
                continue
        next_separator = line.find(separator, position, body_end)
        cell_end = body_end if next_separator < 0 else next_separator
        text = line[position:cell_end]
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        cells.append((offset + position + left, offset + position + max(left, right)))
        position = cell_end + 1
    return cells


def split_fixed_width(*, line: str, offset: int) -> list[tuple[int, int]]:
    """Return (start, end) text offsets of cells separated by a tab or two or more spaces."""
    cells = []
    position = len(line) - len(line.lstrip())
    for gap in FIXED_WIDTH_GAP.finditer(line, position):
        if gap.start() > position:
            cells.append((offset + position, offset + gap.start()))
        position = gap.end()
    if position < len(line.rstrip()):
        cells.append((offset + position, offset + len(line.rstrip())))
    return cells


def split_row(*, line: str, offset: int, separator: str) -> list[tuple[int, int]]:
    """Return the cell offsets of one row for a separator, where "  " means fixed width."""
    if separator == "  ":
        return split_fixed_width(line=line, offset=offset)
    return split_delimited(line=line, offset=offset, separator=separator)


def header_columns(*, text: str, line: str, offset: int) -> tuple[str, list[str | None]] | None:
    """Return the separator and per-column entity types when a line is a patient-table header.

    A header has two or more cells, and every cell is a short name without
    digits other than a trailing one ("address 1"). At least two columns
    must be typed, and one of them must be a patient identifier or be named
    "patient", "pt", "member" or the like. One typed column is enough in a
    header of three or more cells when its name is a patient identifier
    that says "patient" ("patient_acct"). A roster such as
    "name,email,role" is no patient table.
    """
    for separator in ("|", "\t", ",", ";", "  "):
        if separator != "  " and separator not in line:
            continue
        cells = split_row(line=line, offset=offset, separator=separator)
        names = [text[start:end] for start, end in cells]
        if len(names) < 2 or not all(HEADER_CELL.fullmatch(name) for name in names):
            continue
        entities = [column_entity(name=name) for name in names]
        typed = [entity for entity in entities if entity is not None]
        # Two typed columns keep a prose list ("send dob, mrn, and phone") from
        # passing as a header. A plain "name" column needs a patient column beside it.
        folded = [COLUMN_NAME_SEPARATORS.sub(" ", name.strip().strip("\"'").lower()) for name in names]
        patient_named = any(PATIENT_WORD.match(name) for name in folded)
        if len(typed) >= 2 and (set(typed) & PATIENT_COLUMNS or patient_named):
            return separator, entities
        # "claim_id,patient_acct,payer,error": one patient identifier column is
        # enough when its own name says "patient" and the header has three or more cells.
        if len(names) >= 3 and any(entity in PATIENT_COLUMNS and PATIENT_WORD.match(name) for name, entity in zip(folded, entities)):
            return separator, entities
        # "Date  User  Patient  Reason": a column named for the patient is enough in a header of three or more cells.
        # So is "patient_ref".
        if len(names) >= 3 and any(entity == "PATIENT_NAME" and PATIENT_COLUMN_NAME.fullmatch(name.strip()) for name, entity in zip(folded, entities)):
            return separator, entities
    return None


def line_offsets(*, lines: list[str]) -> list[int]:
    """Return the text offset at which each line (kept with its line break) starts."""
    offsets = []
    position = 0
    for line in lines:
        offsets.append(position)
        position += len(line)
    return offsets


def rows_below_header(*, lines: list[str], offsets: list[int], first: int, separator: str, width: int) -> tuple[list[list[tuple[int, int]]], int]:
    """Return the cell offsets of the rows under a header and the index of the line that ended them.

    The rows end at a blank line or at the first row whose cell count is not
    `width`. Rule rows ("|---|", "----+----", "------  ------") are skipped.
    """
    rows = []
    index = first
    while index < len(lines):
        row = lines[index].rstrip("\r\n")
        if not row.strip():
            break
        if (separator == "|" and RULE_ROW.match(row)) or DASH_RULE_ROW.match(row):
            index += 1
            continue
        cells = split_row(line=row, offset=offsets[index], separator=separator)
        if len(cells) != width:
            break
        rows.append(cells)
        index += 1
    return rows, index


def find_table_cells(*, text: str, include_untyped: bool = False) -> Iterator[tuple[int, int, str | None]]:
    """Yield (start, end, entity) for each non-empty cell under a typed header column.

    With `include_untyped`, cells of the other columns come too, with entity None.

    The table ends at a blank line or at the first row whose cell count
    differs from the header's. NOTE: rows pasted without their header
    ("ONYEKACHI,UCHE,M,06/09/1959") and key-value screens ("Patient: ...
    Sex: M") are not tables here; other recognizers cover their labels.
    """
    lines = text.splitlines(keepends=True)
    offsets = line_offsets(lines=lines)
    index = 0
    while index < len(lines):
        line = lines[index].rstrip("\r\n")
        header = header_columns(text=text, line=line, offset=offsets[index]) if line.strip() else None
        index += 1
        if header is None:
            continue
        separator, entities = header
        rows, index = rows_below_header(lines=lines, offsets=offsets, first=index, separator=separator, width=len(entities))
        for cells in rows:
            for (start, end), entity in zip(cells, entities):
                if (entity is not None or include_untyped) and end > start and not EMPTY_CELL.fullmatch(text[start:end]):
                    yield start, end, entity


# Column names of a staff roster: a login beside a person's name.
LOGIN_COLUMN = regex.compile(
    r"(?:user\s*)?login|user\s*(?:name|id)?|username|userid|account|sam\s*account\s*name|upn|email|(?:school|employee|staff|badge|student)\s*(?:id|#|no)"
)
PERSON_COLUMN = regex.compile(r"(?:display|full|staff|student|employee|user)?\s*name|staff|employee|student")


def find_staff_roster_cells(*, text: str) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of the name cells of a pasted staff roster: a table with a login column and a name column.

    "login | display_name | role_name" from a users table, or "login  name
    last day" in an account request. A roster has no patient column (MRN,
    DOB, member ID ...); its names are staff and stay.
    """
    lines = text.splitlines(keepends=True)
    offsets = line_offsets(lines=lines)
    for index, line in enumerate(lines):
        line = line.rstrip("\r\n")
        for separator in ("|", "\t", ",", "  "):
            if separator != "  " and separator not in line:
                continue
            cells = split_row(line=line, offset=offsets[index], separator=separator)
            names = [COLUMN_NAME_SEPARATORS.sub(" ", text[start:end].strip().lower()).strip() for start, end in cells]
            if len(names) < 2 or not all(HEADER_CELL.fullmatch(name) for name in names):
                continue
            if any(column_entity(name=name) in PATIENT_COLUMNS for name in names) or not any(LOGIN_COLUMN.fullmatch(name) for name in names):
                continue
            person = [position for position, name in enumerate(names) if PERSON_COLUMN.fullmatch(name) and not LOGIN_COLUMN.fullmatch(name)]
            if not person:
                continue
            rows, _ = rows_below_header(lines=lines, offsets=offsets, first=index + 1, separator=separator, width=len(cells))
            for row_cells in rows:
                for column in person:
                    yield row_cells[column]
            break


# A whole cell that is a birth date: a full date with a year from 1900 to 2009.
BIRTH_DATE_CELL = regex.compile(r"\d{1,2}/\d{1,2}/(?:19\d{2}|200\d)|(?:19\d{2}|200\d)-\d{2}-\d{2}")
RECORD_NUMBER_CELL = regex.compile(r"[A-Z]{0,4}\d{5,12}")
NAME_CELL = regex.compile(r"\p{L}[\p{L}'’ -]*(?:,\s*\p{L}[\p{L}'’ -]*)?")


def find_headerless_row_cells(*, text: str) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, entity) for name and record-number cells in a delimited row that contains a birth date.

    Rows pasted without their header ("ONYEKACHI,UCHE,M,06/09/1959,MRN00044219")
    have no column names, but a cell that is a whole birth date marks the row
    as a patient record. Cells of letters of two or more characters before it,
    at most two of them, are taken as the name, and cells shaped like a
    record number ("M220187", "MRN00044219") as its MRN; a prefix with a
    dash ("CR-00183") is more often a case or registry number and stays. Lines
    with fewer than three cells or with a cell of more than three words are
    prose, not a row.
    """
    position = 0
    for line in text.splitlines(keepends=True):
        row = line.rstrip("\r\n")
        offset = position
        position += len(line)
        for separator in (",", "\t", "|"):
            if separator not in row:
                continue
            cells = split_delimited(line=row, offset=offset, separator=separator)
            values = [text[start:end] for start, end in cells]
            if len(cells) < 3 or any(len(value.split()) > 3 for value in values):
                continue
            birth = next((index for index, value in enumerate(values) if BIRTH_DATE_CELL.fullmatch(value)), None)
            if birth is None:
                continue
            names = [index for index in range(birth) if len(values[index]) >= 2 and NAME_CELL.fullmatch(values[index])]
            for index in names[:2]:
                yield cells[index][0], cells[index][1], "PATIENT_NAME"
            for index, value in enumerate(values):
                if RECORD_NUMBER_CELL.fullmatch(value):
                    yield cells[index][0], cells[index][1], "MRN"
            break


class PastedTableRecognizer(LocalRecognizer):
    """Cells of pasted tables under patient columns: names, DOB, MRN, member ID, phone, address.

    Columns such as claim, status, error, provider or message ID carry no
    type and stay. Dates of service are reported like any other column, and
    the policy removes them because the same table names a patient.
    NOTE: a header in words this module does not list ("Pt nm", "Geburtsdatum")
    leaves its column untyped.
    """

    ENTITIES = ("PATIENT_NAME", "DOB", "MRN", "MEMBER_ID", "SSN", "ACCOUNT_NUMBER", "PHONE", "EMAIL", "ADDRESS", "DATE_OF_SERVICE")

    def __init__(self, *, supported_language: str = "en") -> None:
        super().__init__(supported_entities=list(self.ENTITIES), supported_language=supported_language, name=type(self).__name__)

    def load(self) -> None:
        """Load nothing: the header patterns are compiled at import."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """Return one result per typed table cell."""
        results = []
        cells = list(find_table_cells(text=text, include_untyped=True))
        found = [(start, end, entity, "table column") for start, end, entity in cells if entity is not None]
        # A row under a header is read by its columns only: its "Msg ID" column stays.
        headed = [(start, end) for start, end, _ in cells]
        found += [
            (start, end, entity, "row without header")
            for start, end, entity in find_headerless_row_cells(text=text)
            if not any(start < cell_end and cell_start < end for cell_start, cell_end in headed)
        ]
        for start, end, entity, pattern_name in found:
            explanation = AnalysisExplanation(recognizer=self.name, original_score=0.9, pattern_name=pattern_name, textual_explanation=f"{self.name}: {pattern_name}")
            results.append(
                RecognizerResult(
                    entity_type=entity,
                    start=start,
                    end=end,
                    score=0.9,
                    analysis_explanation=explanation,
                    recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id},
                )
            )
        return results
