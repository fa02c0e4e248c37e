"""Patient names and identifiers that carry no patient label, scrubbed through the real analyzer."""

import pytest

from phi.service import scrub_text

# Synthetic tickets. Each tuple is (ticket, values that must go, values that must stay).
CASES = [
    (
        "Patients:\n- Darlene Huxley, member ID AHM448102291\n- Rafael Ocampo, member ID AHM556019273\n\nThanks,\nAnthony Russo\nOffice Manager",
        ["Darlene Huxley", "Rafael Ocampo", "AHM448102291"],
        ["Anthony Russo"],
    ),
    (
        "Claim ID         Patient              DOS\n24091800231      NAKASHIMA, KENJI     09/18\n24091800240      BRODERICK, ANNE      09/18",
        ["NAKASHIMA, KENJI", "BRODERICK, ANNE"],
        ["24091800231"],
    ),
    ("Example subscriber ID XOF881720034 goes out as 881720034 on every BCBS claim.", ["XOF881720034", "881720034"], ["BCBS"]),
    ("Example: Anneliese Vogt-Hartmann goes out as VOGT on the 837.", ["Anneliese Vogt-Hartmann", "VOGT"], ["837"]),
    ("She's Jessamyn Calloway (formerly Jessamyn Pryor), DOB 02/17/1994, and cannot log in.", ["Jessamyn Calloway", "Jessamyn Pryor"], []),
    ('One parent got "Reminder: Mateo has an appointment 6/21 at 10:15".', ["Mateo", "6/21"], ["10:15"]),
    ("Example patient Rupert Vance, acct 88120. Rounding is off by a cent.", ["Rupert Vance", "88120"], []),
    ("Can we name the scans Hernandez_Lucia_1987-05-12.pdf for the importer?", ["1987-05-12"], []),
]


@pytest.mark.parametrize(("ticket", "removed", "kept"), CASES)
def test_unlabeled_patient_values_removed(ticket, removed, kept):
    result = scrub_text(text=ticket)
    for value in removed:
        assert value not in result.text
    for value in kept:
        assert value in result.text
    assert result.phi_risk


def test_dash_sign_off_stays_staff():
    result = scrub_text(text="Interface queue is stuck since 09:10, please check.\n— Sheila Hart")
    assert "Sheila Hart" in result.text
    assert not result.phi_risk


def test_opening_name_not_sign_off():
    result = scrub_text(text="Clara Benedetti got Clara Benedict's statement")
    assert "Clara Benedetti" not in result.text
    assert "Clara Benedict" not in result.text
