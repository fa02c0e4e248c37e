"""Writing styles the training tickets rarely use: one-case names, initials, odd date and label formats."""

import pytest

from phi.service import scrub_text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("pt wojciech brzezinski dob 5/5/1949 cannot see his labs", "wojciech brzezinski"),
        ("patient thu ha pham says the portal logs her out", "thu ha pham"),
        ("PATIENT OLUWAFEMI ADEKUNLE DOB 01/02/1970 LOCKED OUT", "OLUWAFEMI ADEKUNLE"),
        ("the order for mrs. ekaterina volkova, needs a co-sign", "ekaterina volkova"),
        ("refill for mr odhiambo (acct 55019283) never went out", "odhiambo"),
        ("can you look at kenji tanaka's refill, it is stuck", "kenji tanaka"),
        ("STAT - R. Castellanos in bed 4 has no orders on the MAR", "R. Castellanos"),
        ('we cannot sign consent for dario "dede" fontana right now', 'dario "dede" fontana'),
    ],
)
def test_one_case_and_initial_names_removed(text, value):
    result = scrub_text(text=text)
    assert value not in result.text
    assert "<PATIENT_NAME>" in result.text
    assert result.phi_risk


@pytest.mark.parametrize(
    "text",
    [
        "What's the difference between 'finalize' and 'sign' on notes?",
        "Clicking \"Verify\" gives an order lock error for everyone",
        "Patient is numbed up in chair 2 waiting on the periapical film",
        "Our state newborn screening feed needs the mother's MRN field",
        "Clearinghouse rejected the file at AK9*R. That's 212 claims held.",
        "before end of day or we miss timely filing on all of them",
    ],
)
def test_one_case_cues_keep_plain_text(text):
    result = scrub_text(text=text)
    assert "<PATIENT_NAME>" not in result.text
    assert not result.phi_risk


@pytest.mark.parametrize(
    ("text", "value", "placeholder"),
    [
        ("pt Gustavo Lindqvist, DOB 1961/07/04, needs a refill", "1961/07/04", "<DOB>"),
        ("pt Gustavo Lindqvist, DOB 1961.07.04, needs a refill", "1961.07.04", "<DOB>"),
        ("pt Gustavo Lindqvist DOB 04JUL1961 needs a refill", "04JUL1961", "<DOB>"),
        ("Born March 4th 1952, the patient cannot log in", "March 4th 1952", "<DOB>"),
        ("Chart #: C-880124 shows an empty allergy list", "C-880124", "<MRN>"),
        ("Med Rec No. K7712093 is in the ED and labs are missing", "K7712093", "<MRN>"),
        ("chart no. 410-2298 has the wrong PCP", "410-2298", "<MRN>"),
    ],
)
def test_more_date_and_label_formats(text, value, placeholder):
    result = scrub_text(text=text)
    assert value not in result.text
    assert placeholder in result.text


def test_address_with_unit_after_suffix():
    result = scrub_text(text="Statement for pt Aurelio Mendez went to 4417 Saguaro View Rd Apt 12C, Tucson, AZ 85718 instead")
    assert "4417 Saguaro View Rd" not in result.text
    assert "Apt 12C" not in result.text
    assert "<ADDRESS>" in result.text
