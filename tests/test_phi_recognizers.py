"""Hard cases for each healthcare recognizer, run through the real analyzer and policy."""

import pytest

from phi.service import scrub_text


def scrub(text: str):
    return scrub_text(text=text)


@pytest.mark.parametrize(
    ("text", "value", "placeholder"),
    [
        ("pt Harold Brandt dob 3/3/1950 acct 55120934 has a duplicate copay", "3/3/1950", "<DOB>"),
        ("Patient X date of birth: April 12, 1961 needs a refill", "April 12, 1961", "<DOB>"),
        ("newborn MRN 4410021, born 5/10, missing from the state report", "5/10", "<DOB>"),
        ("faxed results for Marisol Quintero 04/12/1961 went to the wrong clinic", "04/12/1961", "<DOB>"),
    ],
)
def test_birth_dates_removed(text, value, placeholder):
    result = scrub(text)
    assert value not in result.text
    assert placeholder in result.text
    assert result.phi_risk


def test_date_of_service_removed_with_patient():
    result = scrub("Claim for pt Darnell Whitfield, DOS 02/12/2024, rejected as invalid subscriber")
    assert "02/12/2024" not in result.text
    assert "<DATE_OF_SERVICE>" in result.text


def test_date_of_service_kept_without_patient():
    result = scrub("All claims with DOS 02/12/2024 were rejected by the clearinghouse")
    assert "02/12/2024" in result.text
    assert not result.phi_risk


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("need an access report for MRN 00482913, last 30 days", "00482913"),
        ("MRN: 7719-2231 shows the wrong allergies", "7719-2231"),
        ("Rebecca Lindqvist MRN H2209187 in OR 5", "H2209187"),
        ("engine rejects MRN77120 with unknown order", "MRN77120"),
        ("filed on PID-3 MRN 5520193 instead of 5520913", "5520913"),
        ("Lab results for Keisha Monroe (chart # 3308812) went to the wrong chart", "3308812"),
        ("Example: she revoked hospice yesterday. Her chart is HH-55120.", "HH-55120"),
        ("Photos land in the unassigned bin, chart BD-29901 today", "BD-29901"),
        ("cabinet log: chart 3W-0044192 override denied", "3W-0044192"),
    ],
)
def test_record_numbers_removed(text, value):
    result = scrub(text)
    assert value not in result.text
    assert "MRN" in result.entity_types


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("member ID XKW448120937 rejected as invalid", "XKW448120937"),
        ("Medicaid ID 4482019937 for the secondary claim", "4482019937"),
        ("subscriber # 98XJ221047 not found at the payer", "98XJ221047"),
    ],
)
def test_member_ids_removed(text, value):
    result = scrub(text)
    assert value not in result.text
    assert "<MEMBER_ID>" in result.text
    assert result.phi_risk


def test_patient_account_removed():
    result = scrub("Her account is 20044871 and the payment posted to the mother")
    assert "20044871" not in result.text
    assert "<ACCOUNT_NUMBER>" in result.text


def test_practice_bank_account_kept():
    result = scrub("The EFT deposit went to our bank account 88120034 as usual")
    assert "88120034" in result.text
    assert not result.phi_risk


@pytest.mark.parametrize("ssn", ["123-45-6789", "078-05-1120"])
def test_ssn_removed_even_test_numbers(ssn):
    result = scrub(f"front desk put the SSN {ssn} in the member id field")
    assert ssn not in result.text
    assert "<SSN>" in result.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Lorraine Pike changed to 4410 Chestnut Ridge Rd on Tuesday", "4410 Chestnut Ridge Rd"),
        ("statement mailed to 1187 Birchwood Ln, Duluth, MN 55803 by mistake", "1187 Birchwood Ln, Duluth, MN 55803"),
        ("her address is Pine Hollow Road per the intake form", "Pine Hollow Road"),
    ],
)
def test_street_addresses_removed(text, value):
    result = scrub(text)
    assert value not in result.text
    assert "<ADDRESS>" in result.text


def test_address_suffix_dr_before_name_is_title():
    result = scrub("Please route 2 charts to Dr Okafor today")
    assert "Dr Okafor" in result.text
    assert "ADDRESS" not in result.entity_types


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("i cant log in to my patient portal, my username is jdelgado77", "jdelgado77"),
        ("Patient has two portal accounts (usernames gpark and gideon.park84)", "gideon.park84"),
        ("She uses the portal. Username parbuthnot. Please fix.", "parbuthnot"),
    ],
)
def test_portal_usernames_removed(text, value):
    result = scrub(text)
    assert value not in result.text
    assert "PORTAL_USERNAME" in result.entity_types
    assert result.phi_risk


def test_staff_username_kept_outside_portal():
    result = scrub("We need an access report for user ID hmoreno for the past 90 days. HR is investigating.")
    assert "hmoreno" in result.text
    assert not result.phi_risk


def test_hl7_pid_fields_by_position():
    text = (
        "MSH|^~\\&|LAB|ACME|EHR|CLINIC|202405140812||ORU^R01|MSG00231|P|2.5.1\n"
        "PID|1||7734120^^^MRN||NGUYEN^THANH^V||19780221|M|||12 Main St^^Springfield^IL^62701||(217)555-0101|||||ACCT998877|123-45-6789\n"
        "this ORU keeps erroring"
    )
    result = scrub(text)
    for value in ("7734120", "NGUYEN^THANH^V", "19780221", "12 Main St^^Springfield^IL^62701", "(217)555-0101", "ACCT998877", "123-45-6789"):
        assert value not in result.text, value
    # Assigning authority, message type, control ID and version survive.
    for value in ("^^^MRN", "ORU^R01", "MSG00231", "2.5.1", "|M|"):
        assert value in result.text, value
    assert result.phi_risk


def test_hl7_spans_stop_at_separators():
    result = scrub("PID|1||MRN4471820^^^SLH^MR||HALVORSEN^GRETA^M||19580923|F")
    assert "PID|1||<MRN>^^^SLH^MR||<PATIENT_NAME>||<DOB>|F" == result.text


def test_hl7_segments_on_one_line():
    result = scrub("MSH|^~\\&|A|B|C|D|202401010101||ADT^A08|CTL1|P|2.3 PID|1||400712^^^NFH^MR||WASHINGTON^TERRELL^D||19661102|M")
    assert "400712" not in result.text
    assert "WASHINGTON^TERRELL^D" not in result.text
    assert "CTL1" in result.text


def test_hl7_in1_member_id():
    text = "IN1|1|MCR|00112|MEDICARE|||||||||||||||||||||||||||||||||||||1EG4TE5MK72"
    result = scrub(text)
    assert "1EG4TE5MK72" not in result.text
    assert "MEDICARE" in result.text


def test_caret_name_outside_segment():
    result = scrub("A lab result for GUTIERREZ^MARISOL was filed into another chart")
    assert "GUTIERREZ^MARISOL" not in result.text
    assert "<PATIENT_NAME>" in result.text


def test_fhir_patient_elements():
    text = (
        '{"resourceType":"Patient","id":"8812","name":[{"family":"Castellano","given":["Rosa","M"]}],'
        '"birthDate":"1970-01-02","identifier":[{"system":"urn:mrn","value":"448812"}],'
        '"telecom":[{"system":"phone","value":"617-555-0134"},{"system":"email","value":"rosa@example.org"}],'
        '"address":[{"line":["12 Elm St"],"city":"Quincy","state":"MA","postalCode":"02169"}]}'
    )
    result = scrub(text)
    for value in ("Castellano", "Rosa", "1970-01-02", "448812", "617-555-0134", "rosa@example.org", "12 Elm St", "Quincy", "02169"):
        assert value not in result.text, value
    assert '"state":"MA"' in result.text
    assert '"resourceType":"Patient"' in result.text


def test_fhir_practitioner_name_kept():
    text = '{"resourceType":"Practitioner","name":[{"family":"Chen","given":["Amy"]}]}'
    result = scrub(text)
    assert "Chen" in result.text
    assert not result.phi_risk


def test_fhir_patient_reference_display():
    text = '{"subject":{"reference":"Patient/pt-2231","display":"Lucille Abernathy"}}'
    result = scrub(text)
    assert "Lucille Abernathy" not in result.text


def test_x12_patient_name_and_member_id():
    text = "NM1*QC*1*HOLLIS*BERNADETTE****MI*7HG2XT4NR18~\nDTP*472*D8*20240521~\nREF*1K*24155E00218300~"
    result = scrub(text)
    for value in ("HOLLIS*BERNADETTE", "7HG2XT4NR18", "20240521"):
        assert value not in result.text, value
    # The payer claim control number is operational.
    assert "24155E00218300" in result.text


@pytest.mark.parametrize(
    ("segment", "value", "kept"),
    [
        ("CLP*ACCT77120*1*340*212.5**12*HUM8812093311*11*1~", "ACCT77120", "HUM8812093311"),
        ("CLM*PT445821*185***11:B:1*Y*A*Y*Y~", "PT445821", "185"),
    ],
)
def test_x12_account_shaped_claim_id_removed(segment, value, kept):
    result = scrub(f"ERA posted to the wrong patient account:\n{segment}")
    assert value not in result.text
    assert kept in result.text
    assert "<ACCOUNT_NUMBER>" in result.text


def test_x12_plain_claim_id_kept():
    result = scrub("835 reversal on CLP*PCN77810022*22*-210*-210**MC*5521904477801*11~")
    assert "PCN77810022" in result.text
    assert not result.phi_risk


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("pt Gerald Ashby (MRN 00482217) needs his insulin today", "Gerald Ashby"),
        ("patient name: Doe, Jane called twice", "Doe, Jane"),
        ("Raymond Tuttle's AVS was handed to the wrong patient", "Raymond Tuttle"),
        ("I got a message about a child named Dylan and his refill", "Dylan"),
        ("pt Ellen Park noticed at checkout", "Ellen Park"),
        ("patient is PRESCOTT, ADELINE dob 09/14/1944 in bed 7", "PRESCOTT, ADELINE"),
        ("How do I add an alias? pt Jane Roe goes by Lupe Sanchez", "Lupe Sanchez"),
        ("the reminder email read 'Dear Thomas Ng, your follow-up'", "Thomas Ng"),
    ],
)
def test_patient_names_removed(text, value):
    result = scrub(text)
    assert value not in result.text
    assert "<PATIENT_NAME>" in result.text
    assert result.phi_risk


def test_cda_patient_name_and_birth_time():
    text = '<recordTarget><patientRole><patient><name><given>Theodore</given><family>Baskin</family></name><birthTime value="19520611"/></patient></patientRole></recordTarget>'
    result = scrub(text)
    for value in ("Theodore", "Baskin", "19520611"):
        assert value not in result.text, value
    assert "<given><PATIENT_NAME></given>" in result.text


def test_honorific_surname_alone():
    result = scrub("Mr. Carrasco called about his statement twice")
    assert "Carrasco" not in result.text
    assert result.phi_risk


def test_example_name_in_capitals():
    result = scrub('discharge summaries duplicate the middle name, e.g. "ROSALIND ANNE ANNE KEATS". Cosmetic.')
    assert "KEATS" not in result.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("pt Wendell Orr, our MRN for him is 7730912 but the lab sends another", "7730912"),
        ("I am Wendell Orr and my account number on the bill is 0071123, please fix", "0071123"),
        ("Wendell Orr says the Medicaid ID on his card: 55120877B was rejected", "55120877B"),
        ("Wendell Orr, DOB 01/02/1950, patient number 00881230, asked for his records", "00881230"),
        ("Wendell Orr, date of injury 03/04/2024, WC claim # WC-22-1 is stuck", "03/04/2024"),
        ("pt Wendell Orr, DOB 17-Mar-1944, band will not scan", "17-Mar-1944"),
        ("Home visit for patient Wendell Orr at 1820 Alder Creek Rd, Ramona 92065 failed to sync", "1820 Alder Creek Rd"),
        ("the PDMP query for patient Wendell Orr, ZIP 02903, returns a mismatch", "02903"),
        ("L&D: BABY GIRL MWANGI has no orders, error ORD-NB-12", "MWANGI"),
        ("ACK AR: PID-3 'B0041938' unknown at receiver for pt Wendell Orr", "B0041938"),
    ],
)
def test_label_phrases_and_formats_removed(text, value):
    result = scrub(text)

    assert value not in result.text
    assert result.phi_risk


def test_x12_dependent_and_address_removed():
    result = scrub("271 for the dependent: NM1*03*1*OKAFOR*ADANNA*C~ and the member address N3*14 Birch Ln~ N4*Akron*OH*44301~")

    assert "OKAFOR*ADANNA" not in result.text
    assert "14 Birch Ln" not in result.text
    assert result.phi_risk


def test_x12_segment_in_prose_ends_at_its_sentence():
    result = scrub("The 837 sends NM1*IL*1*HOON*LEE JUNG. Denial code CO-31 on all of them. Call 555-0175.")

    assert "HOON*LEE JUNG" not in result.text
    assert "CO-31" in result.text
    assert "555-0175" in result.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("voicemail: pt Ana Ruiz, date of birth March twenty-first nineteen forty-eight, needs a callback", "March twenty-first nineteen forty-eight"),
        ("voicemail: my date of birth is the second of June two thousand and three, please call", "the second of June two thousand and three"),
    ],
)
def test_spoken_birth_dates_removed(text, value):
    result = scrub(text)

    assert value not in result.text
    assert "<DOB>" in result.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("AR aging row: Dolores Quan  acct RBX-20931  $1,204.00 went to the wrong client", "RBX-20931"),
        ("Client: Dolores Quan, client ID HWB-00518. Please record the restriction.", "HWB-00518"),
        ("we have the okonkwo kids on two accounts, can we link them to one guarantor?", "okonkwo"),
        ("The payment landed on the account of her sister Folake, acct 55120934.", "Folake"),
        ("hi, it says my username tquan77 is locked and I can't sign my daughter's form in the patient app", "tquan77"),
        ("Registration created a second MRN, 00991450, for Dolores Quan last week", "00991450"),
    ],
)
def test_prefixed_ids_and_households_removed(text, value):
    result = scrub(text)

    assert value not in result.text
    assert result.phi_risk


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Telehealth visit for pt Dolores Quan: Visit VID-33019 shows the wrong provider.", "VID-33019"),
        ("Dictation is down in the OR suite. HIM on-call is Berit Haugland, pager 555-0188.", "Berit Haugland"),
        ("Please add Zanele Khumalo and Ilse Verhoeven to the North Clinic workspace with the Scheduler role.", "Zanele Khumalo"),
    ],
)
def test_visit_references_and_users_kept(text, kept):
    result = scrub(text)

    assert kept in result.text


def test_hl7_names_and_coded_text():
    text = "IN1|1|BCBSTX|00441|BLUE CROSS TX||||||||||QUINTANILLA^ROSALINDA^M|01\nOBX|1|CWE|548-8^Bordetella pertussis^LN||260373001^Detected^SCT"

    result = scrub(text)

    assert "QUINTANILLA^ROSALINDA" not in result.text
    assert "Bordetella pertussis^LN" in result.text
    assert "Detected^SCT" in result.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("how do I transfer an Rx out? pt Dolores Quan wants Rx 6603318 moved to another pharmacy", "6603318"),
        ("Refill rejected for Dolores Quan, Rx# 5588120-01, reject 07 M/I Cardholder ID", "5588120-01"),
        ("pt Dolores Quan, MRN 5520193\nOBR|1|ORD77812|LAB55120|CBC^COMPLETE BLOOD COUNT|||20250310071500", "20250310071500"),
        ("pt Dolores Quan saw another chart (last name Przybylski i think) on screen", "Przybylski"),
        ("the mother of Dolores Quan (we call her Lola) cannot open the proxy account", "Lola"),
    ],
)
def test_rx_numbers_and_event_times_removed(text, value):
    result = scrub(text)

    assert value not in result.text
    assert result.phi_risk


def test_doses_and_operational_times_kept():
    result = scrub("Rx 10 mg dose for pt Dolores Quan, NDC 70121-1455-01, failing since approx. 08:30 on 03/11. Ask Hedda Voss (site mgr).")

    assert "10 mg" in result.text
    assert "70121-1455-01" in result.text
    assert "08:30 on 03/11" in result.text
    assert "Hedda Voss" in result.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ('{"resourceType":"Observation","subject":{"reference":"Patient/88120"},"effectiveDateTime":"2024-03-21T08:14:00Z"}', "2024-03-21T08:14:00Z"),
        ("Newborn claims reject: baby 'BOY Kamara', subscriber Adama Kamara, please advise", "Kamara"),
        ("my brother had surgery and his insurance (policy PLX-0048813) said it was covered", "PLX-0048813"),
    ],
)
def test_fhir_times_and_newborns_removed(text, value):
    result = scrub(text)

    assert value not in result.text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("We have a patient, Mr. Radu Popescu, that's P-O-P-E-S-C-U, and the comfort kit order fails", "P-O-P-E-S-C-U"),
        ("ERROR ORU^R01 ctrl=PATH-0088 PID-3 not found: 00A-771230 (Radu Popescu)", "00A-771230"),
        ("Patient Radu Popescu, expired 12/02/2026 at 04:15, MRN 5520193. EDRS rejects the filing.", "12/02/2026"),
        ("where do I enter a preferred name? our patient Radu Popescu wants to be called Raduță", "Raduță"),
        ("nurse at the patient's home: Mrs. Ana Popescu at 14 Birch Ln, Springfield. The app will not sync.", "Springfield"),
    ],
)
def test_spelled_names_and_log_ids_removed(text, value):
    result = scrub(text)

    assert value not in result.text


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Can we resend batch STMT-1125 with the new remit-to address (old PO Box 4410)?", "PO Box 4410"),
        ("The QPP portal closes tonight and the IA export fails with RPT-500. Need help ASAP. Nilufar Rashidova, 555-0145", "Nilufar Rashidova"),
        ("Please grant HIM role to Rosalind Achieng so she can release records.", "Rosalind Achieng"),
        ("Patient Radu Popescu, MRN 5520193, asked for an amendment; we must respond within 60 days of his 11/28 request.", "11/28"),
        ("Bridge license expired 08/01 for pt Radu Popescu's clinic, renewals are failing.", "08/01"),
    ],
)
def test_organization_values_and_requests_kept(text, kept):
    result = scrub(text)

    assert kept in result.text


def test_hl7_carriage_returns_and_prose():
    pasted = "MSH|^~\\&|EPIC|RIV|CQ|RIV|20240301||ADT^A08|MSG001|P|2.5\rPID|1||MR5520193^^^RIV^MR||QUINTERO^ALMA||19550322|F|||12 Oak St^^Fresno^CA^93701||559-555-0148\r"
    prose = "PID|1||MR5520194^^^RIV^MR||QUINTERO^ALMA||19550322|F\nThe MSH control id 4471 repeats."

    pasted_result = scrub(pasted)
    prose_result = scrub(prose)

    for value in ("MR5520193", "QUINTERO^ALMA", "19550322", "Fresno", "559-555-0148"):
        assert value not in pasted_result.text
    assert "<DOB>" in pasted_result.text
    assert "MR5520194" not in prose_result.text
    assert "control id 4471" in prose_result.text


@pytest.mark.parametrize(
    ("text", "value", "kept"),
    [
        ("Appeal deadline is 10/31/2024 for pt Alma Quintero, MRN 5520193.", "5520193", "10/31/2024"),
        ("pt Alma Quintero, MRN 5520193: the payer phone is 800-555-0134.", "5520193", "800-555-0134"),
        ("Patient Alma Quintero is in room 4 and the MAR is blank.", "Alma Quintero", "Patient"),
        ("Claim for GARCIA LOPEZ, ESPERANZA was denied CO-16.", "GARCIA LOPEZ, ESPERANZA", "CO-16"),
        ("pt Alma Quintero: Rx # 8841-202 was refilled early, batch RX1008-00412", "8841-202", "RX1008-00412"),
    ],
)
def test_removed_value_and_kept_neighbor(text, value, kept):
    result = scrub(text)

    assert value not in result.text
    assert kept in result.text


def test_hl7_log_line_segment_end():
    text = "WARN TXN_IN ctrl=TX1102170044 pid=PID|1||5120098^^^CVH||MUKHERJEE^ANIRBAN txa-5=1093847261^CHO^DANIEL not in prov table"
    result = scrub(text)

    assert "5120098" not in result.text
    assert "MUKHERJEE^ANIRBAN" not in result.text
    assert "txa-5=1093847261^CHO^DANIEL not in prov table" in result.text


@pytest.mark.parametrize(
    ("text", "values", "kept"),
    [
        ("Partner sent: family PRZYBYLSKI, given KATARZYNA, DOB 1979-01-23.", ["PRZYBYLSKI", "KATARZYNA"], "DOB"),
        ("It should be Layla Mahmoud's account 88120 but posted onto account 81200.", ["88120"], "posted"),
        ("I keep getting bills for him, account number 4, 4, 0, 9, 1, 7, 2. I sent the certificate.", ["4, 4, 0, 9, 1, 7, 2"], "certificate"),
        ("Her chart number on the appointment card is CC-449102. Can you fix it?", ["CC-449102"], "appointment card"),
    ],
)
def test_more_labels_removed(text, values, kept):
    result = scrub(text)

    for value in values:
        assert value not in result.text, value
    assert kept in result.text


@pytest.mark.parametrize(
    ("text", "value", "kept"),
    [
        ("Caller: Sung-min Park, calling about her husband Park Jae-won, DOB 1960-08-25.", "Park Jae-won", "husband"),
        ("I got a bill for $340 but I have Medi-Cal, ID 91234567A. Nobody billed my insurance.", "91234567A", "Medi-Cal"),
        ("Rejected for a Part D member. Cardholder ID: 9XK2MM4401, DOB 03/12/1949.", "9XK2MM4401", "Cardholder ID"),
        ("The letter used the wrong chart. MRN of the right patient is 3320177. Dr. Haddad signed it.", "3320177", "Dr. Haddad"),
        ("Please call my wife, Dr. Ellen Marsh, at the clinic.", None, "Dr. Ellen Marsh"),
    ],
)
def test_relative_and_plan_labels(text, value, kept):
    result = scrub(text)

    if value:
        assert value not in result.text
    assert kept in result.text


def test_hl7_log_line_address_removed():
    result = scrub("log: msg=ADT pid=PID|1||7734120^^^MRN||NGUYEN^THANH^V||19780221|M|||12 Main St^^Springfield^IL^62701 status=ERR")

    for value in ("7734120", "NGUYEN^THANH^V", "19780221", "Springfield", "62701"):
        assert value not in result.text, value
    assert "status=ERR" in result.text


def test_chart_number_after_hash():
    assert "CH-004471" not in scrub("Her chart is #CH-004471 and she can't log in.").text


def test_cda_and_ncpdp_patients_removed():
    text = (
        '<patientRole><id extension="RC-551902" root="2.16.840.1.113883.19.5"/>'
        "<addr><streetAddressLine>910 Magnolia Blvd</streetAddressLine><city>Savannah</city></addr>"
        '<patient><name><given>Lena</given><family>Ortiz</family></name><birthTime value="19800101"/></patient></patientRole>\n'
        "<Patient><HumanPatient><Name><LastName>Lewis</LastName><FirstName>Otis</FirstName></Name>"
        "<DateOfBirth><Date>1950-02-03</Date></DateOfBirth></HumanPatient></Patient>\n"
        "<Prescriber><LastName>Shah</LastName></Prescriber>"
    )
    result = scrub(text)

    for value in ("RC-551902", "910 Magnolia Blvd", "Savannah", "Lena", "Ortiz", "19800101", "Lewis", "Otis", "1950-02-03"):
        assert value not in result.text, value
    assert "<LastName>Shah</LastName>" in result.text
