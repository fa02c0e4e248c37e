"""Pasted tables, bare phone labels and spaced member IDs, run through the real analyzer and policy."""

import pytest

from phi.service import scrub_text
from phi.tables import column_entity, find_headerless_row_cells, find_table_cells

CSV_TABLE = """Pasting the rows that failed on the import:

last_name,first_name,dob,mrn,status
Brandvik,Torunn,1951-07-14,MR0071220,ERROR E-4402
Okonjo,Chidera,1989-02-03,MR0071254,ERROR E-4402

import job IMP-55120 started at 06:00."""

PIPE_TABLE = """From our tracking sheet:

| Patient | DOB | MRN | Msg ID | Error |
|---|---|---|---|---|
| Lindqvist, Maren | 04/03/1941 | 40088123 | ADT0031921 | PID-7 invalid |
| Abara, Tobenna | 11/12/1980 | 40088188 | ADT0031934 | PID-7 invalid |

Feed owner on our side is the interface team."""

FIXED_WIDTH_TABLE = """Worklist as it shows on screen:
Patient Name    DOB         Phone           Claim       Status
Lena Fischbach  02/11/1970  (312) 555-0188  CLM-88120   DENIED
Amos Reedly     09/09/1949  (312) 555-0199  CLM-88121   DENIED

Both denied with CO-16."""

TSV_TABLE = "Rows from the export:\nmember id\tsubscriber\tclaim\tstatus\nQWX88120044\tHollis Brandt\t7712004\tPENDED\n"


@pytest.mark.parametrize(
    ("name", "entity"),
    [
        ("last_name", "PATIENT_NAME"),
        ("First Name", "PATIENT_NAME"),
        ("Patient", "PATIENT_NAME"),
        ("DOB", "DOB"),
        ("birth date", "DOB"),
        ("MRN", "MRN"),
        ("patient_mrn", "MRN"),
        ("Chart #", "MRN"),
        ("member_id", "MEMBER_ID"),
        ("Subscriber", "MEMBER_ID"),
        ("phone", "PHONE"),
        ("Address", "ADDRESS"),
        ("email", "EMAIL"),
        ("account", "ACCOUNT_NUMBER"),
        ("date of service", "DATE_OF_SERVICE"),
        ("claim", None),
        ("status", None),
        ("error", None),
        ("provider", None),
        ("Msg ID", None),
    ],
)
def test_column_names_typed(name, entity):
    assert column_entity(name=name) == entity


@pytest.mark.parametrize(
    ("text", "removed", "kept"),
    [
        (CSV_TABLE, ["Brandvik", "Torunn", "1951-07-14", "MR0071220", "Okonjo", "Chidera", "MR0071254"], ["ERROR E-4402", "IMP-55120", "status"]),
        (PIPE_TABLE, ["Lindqvist, Maren", "04/03/1941", "40088123", "Abara, Tobenna", "40088188"], ["ADT0031921", "PID-7 invalid", "MRN"]),
        (FIXED_WIDTH_TABLE, ["Lena Fischbach", "02/11/1970", "(312) 555-0188", "Amos Reedly", "555-0199"], ["CLM-88120", "CLM-88121", "DENIED", "CO-16"]),
        (TSV_TABLE, ["QWX88120044", "Hollis Brandt"], ["7712004", "PENDED"]),
    ],
)
def test_table_cells_removed(text, removed, kept):
    result = scrub_text(text=text)
    for value in removed:
        assert value not in result.text
    for value in kept:
        assert value in result.text
    assert result.phi_risk


def test_one_patient_id_column_table():
    text = (
        "Rejections from the 9:00 run:\n\n"
        "claim_no,pt_acct,payer,reject_reason\n"
        "CLM-550121,GA-0041877,Ambetter,2010BA NM109 invalid\n"
        "CLM-550122,GA-0043190,Ambetter,2010BA NM109 invalid\n"
    )
    result = scrub_text(text=text)

    assert "GA-0041877" not in result.text
    assert "GA-0043190" not in result.text
    assert "CLM-550121" in result.text
    assert "2010BA NM109 invalid" in result.text


def test_header_without_patient_column_untyped():
    text = "claim_no,payer,reject_reason\nCLM-550121,Ambetter,2010BA NM109 invalid\n"

    assert scrub_text(text=text).text == text


def test_quoted_csv_cell_kept_whole():
    text = 'patient,dob,mrn\n"Osei, Kwabena","1966-08-21","MRN 300812"\n'
    cells = [(text[start:end], entity) for start, end, entity in find_table_cells(text=text)]
    assert ("Osei, Kwabena", "PATIENT_NAME") in cells
    assert ("1966-08-21", "DOB") in cells


def test_table_ends_at_blank_line():
    text = "patient,dob,mrn\nKettering Vale,1950-01-02,5512001\n\nNorth Annex,Room 4,Ward 2\n"
    values = [text[start:end] for start, end, _ in find_table_cells(text=text)]
    assert "Kettering Vale" in values
    assert "North Annex" not in values


def test_table_ends_at_other_cell_count():
    text = "patient|dob|mrn\nRuth Vantongeren|1950-01-02|5512001\nsee the error|below\n"
    values = [text[start:end] for start, end, _ in find_table_cells(text=text)]
    assert "Ruth Vantongeren" in values
    assert "see the error" not in values


def test_staff_roster_untyped():
    text = "Please add these users:\nname,email,role\nMarta Velez,mvelez@clinic.example,Scheduler\n"
    assert list(find_table_cells(text=text)) == []
    result = scrub_text(text=text)
    assert "Scheduler" in result.text


def test_prose_list_no_header():
    text = "We need dob, mrn, and phone for each row\nbut a, b, and c fail\n"
    assert list(find_table_cells(text=text)) == []


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Transcribed from the kiosk screen:\nPatient: Nwachukwu, Ebele     Sex: F\nDOB: 04MAR1950    Chart #: C-771288\nPhone: (713) 555-2291\n", "(713) 555-2291"),
        ("patient says the portal shows account not found for username tbrandvik_sf. phone 415-555-2281. can you check", "415-555-2281"),
        ("I cannot get into my patient portal. I tried username rosaqx and it says invalid. My number is 915-555-0872 if you need to call me.", "915-555-0872"),
    ],
)
def test_bare_label_patient_phone_removed(text, phone):
    result = scrub_text(text=text)
    assert phone not in result.text
    assert "<PHONE>" in result.text
    assert result.phi_risk


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Patient Okafor, Adaeze DOB 6/15/38 in chair 3: the order is not showing. Unit phone 555-0133.", "555-0133"),
        ("pt Harold Brandt MRN 5512093 has a duplicate copay.\n\nThanks,\nDana Whitfield\nOffice Manager\nPhone: 555-0115", "555-0115"),
        ("The 835 for batch 4410 failed again. Phone: 555-0139", "555-0139"),
    ],
)
def test_bare_label_staff_phone_kept(text, phone):
    assert phone in scrub_text(text=text).text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Member ID JQX 8841 2207 for this patient keeps coming back CO-22", "JQX 8841 2207"),
        ("subscriber no. W123-456-789 denied as invalid", "W123-456-789"),
        ("Example: eligibility fails for sub # XEH210048872 at the front desk", "XEH210048872"),
        ("policy # BCB 7712 0093 rejected at check-in", "BCB 7712 0093"),
    ],
)
def test_spaced_member_ids_removed(text, value):
    result = scrub_text(text=text)
    assert value not in result.text
    assert "MEMBER_ID" in result.entity_types


def test_spaced_member_id_stops_at_words():
    result = scrub_text(text="member id 4410 CO 22 denied for the group")
    assert "CO 22" in result.text


def test_dotted_patient_phone_and_variant_removed():
    text = "The patient's phone on file shows as 480.555.7712 but the feed sends it as 4805557712. Interface v4.10.2."
    result = scrub_text(text=text)
    assert "480.555.7712" not in result.text
    assert "4805557712" not in result.text
    assert "v4.10.2" in result.text
    assert result.phi_risk


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("guarantor acct no. 5510-220-19 shows a balance of $0.00", "5510-220-19"),
        ("the patient statement for acct# A-0077412 shows the payment as pending", "A-0077412"),
    ],
)
def test_grouped_account_numbers_removed(text, value):
    result = scrub_text(text=text)
    assert value not in result.text
    assert "ACCOUNT_NUMBER" in result.entity_types


def test_account_label_keeps_iso_date():
    assert "2024-05-14" in scrub_text(text="the account 2024-05-14 export was late").text


def test_patient_author_contact_removed():
    text = "Hello, this is Wanda Przybylska. I cannot sign in to see my lab results. My email is wprz@mail.example and phone 773 555 4129."
    result = scrub_text(text=text)
    assert "773 555 4129" not in result.text
    assert "Wanda Przybylska" not in result.text
    assert result.phi_risk


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("CSV import error, row 3:\nOKONKWO,ADAEZE,F,06/09/1959,MRN00044291,K,6.1,H\nimport job LABIMP-0520.", ["OKONKWO", "ADAEZE"]),
        ('the export puts DOB in the name column:\n\n"Mensah, Kofi","1966-08-21","MRN 300881"\n', ["Mensah, Kofi"]),
    ],
)
def test_headerless_row_names_removed(text, names):
    result = scrub_text(text=text)
    for name in names:
        assert name not in result.text
    assert "PATIENT_NAME" in result.entity_types


def test_headerless_row_needs_birth_date_cell():
    text = "Sites failing: Northgate, Eastlake, Ridgeview, since 06/09/2024\n"
    assert list(find_headerless_row_cells(text=text)) == []


def test_phone_on_file_column_typed():
    text = (
        "reminders sent:\nsent_at,patient,phone_on_file,phone_sent_to,template\n"
        "2026-11-18 07:00:02,Hakimi Omar,555-0181,555-0118,REMIND_24H\n"
        "2026-11-18 07:00:02,Ly Kim Thoa,555-0144,555-0114,REMIND_24H"
    )
    result = scrub_text(text=text)

    assert "Hakimi Omar" not in result.text
    assert "555-0181" not in result.text
    assert "REMIND_24H" in result.text


def test_headerless_row_record_numbers_removed():
    text = "DLP flagged a sheet. First rows:\n\nCarrington, Blake | M220187 | 06/02/1959\nOyelowo, Funmilayo | M220203 | 12/12/1971\n\nDLP alert id DLP-88120-44"
    result = scrub_text(text=text)

    for value in ("Carrington, Blake", "M220187", "M220203", "06/02/1959"):
        assert value not in result.text, value
    assert "DLP-88120-44" in result.text
