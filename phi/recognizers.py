"""Healthcare recognizers for values that Presidio's built-in set misses.

Each class reports only the value after its label, with a fixed score per
named pattern. The labels are the ones US clinic and billing staff write in
tickets. The value formats are those of HIPAA Safe Harbor identifiers as EHR
and practice-management screens show them.
"""

from pathlib import Path

import regex

from phi.base import CLAIM_ADJUSTMENT_CODE_PATTERN, LabeledPattern, LabeledValueRecognizer
from phi.dates import ANY_DATE, MONTH_ABBREVIATION, SPOKEN_DATE, SPOKEN_NUMERIC_DATE

# Separator between a label and its value: "MRN: 1", "MRN # 1", "DOB is 1", "MRNs are 1 and 2".
# A correction phrase joins a label to its value too: "Member ID should be ...", "Policy # was entered as ...".
SEP = (
    # "Subscriber ID ....... WX0019384425": dot leaders of a transcribed screen.
    r"\s*(?:[:#=]{1,2}\s*|\.{3,}[ \t]*:?[ \t]*|-\s+|\bis\s+|\bwas\s+|\bare\s+|\bof\s+|\bshould\s+(?:be|read|have\s+been)\s+"
    r"|\b(?:(?:was|is|got)\s+)?(?:entered|keyed|typed|listed|showing|shown|loaded)\s+as\s+)?\s*"
)
SPOKEN_DIGIT = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
# A relative who writes or calls for a patient, as in "Marisol (daughter)".
RELATIVE_NOUN = (
    r"(?:son|daughter|wife|husband|mother|mom|father|dad|parent|guardian|caregiver|niece|nephew|sister|brother|grandson|granddaughter|proxy)"
)
NAME_SEPARATORS = regex.compile(r"[\s,]+")
# A short phrase between a label and an explicit separator: "MRN for her is",
# "account number on the bill is", "Medicaid ID on his card:". The practice's
# own accounts ("for the clinic is") are not patient values.
PHRASE_SEP = (
    r"(?:\s+(?:on|from|for|in|at|with)\s+(?!(?:the\s+|our\s+)?(?:practice|clinic|office|group|us|vendor|system|interface)\b)"
    # "patient ID from my after visit summary is CC-0049281": up to four words name the document.
    r"(?:[\w'’-]+\s+){0,3}[\w'’-]+\s*(?::\s*|\bis\s+|\bwas\s+|\bsays\s+|\breads\s+)"
    # "Patient number on my card P-118830": a card or letter in the writer's hand needs no verb.
    r"|\s+(?:on|from)\s+(?:my|his|her|their|the)\s+(?:insurance\s+)?(?:card|bracelet|wristband|statement|bill|letter)\s*:?\s+)"
)

# Place words that are also common surnames: "Kendra Hill", "Min Park".
PLACE_SURNAMES = frozenset({"hill", "hills", "park", "lake", "grove", "creek", "ridge", "cross", "grant", "valley", "manor", "street"})
# Words that make a capitalized pair a place, practice, payer or product, not a person.
INSTITUTION_WORDS = frozenset(
    word.lower()
    for word in (
        "Family Clinic Clinics Health Medical Medicine Pediatrics Ortho Orthopedics Dental Chiropractic Associates Group Center Centre "
        "Hospital Hospitals Labs Lab Laboratory Imaging Radiology Pharmacy Care Services Partners Practice Physicians Specialists "
        "Surgery Surgical Therapy Rehab Wellness Urgent Street Avenue Road Grove Park Valley Hills Hill Ridge Lake Lakeview Riverside "
        "Westside Eastside Northside Southside Campus Office Team Department Dept Desk Interface Monitor Alert Pathway Performance "
        "Program Registry State County Blue Shield Cross United Health Plan Insurance Network System Systems Portal Connect Bridges "
        "Epic Cerner Meditech Allscripts Athena Availity Aetna Cigna Humana Anthem Kaiser Medicare Medicaid BCBS UHC UnitedHealthcare "
        "Optum Waystar Trizetto Surescripts DrFirst Okta Azure LabCorp Quest Mirth Rhapsody Cloverleaf Redox Datadog PagerDuty Tricare "
        "Molina Wellcare MyChart Everywhere CommonWell Carequality Imprivata Manager Supervisor Director Analyst Coordinator Specialist "
        "Administrator Lead Cycle Revenue Billing Coding Compliance Privacy Security Operations Support Nursing Informatics Quality "
        "Review Role Report Module Queue Inbox Worklist Template Summary Women Womens Children Childrens Kids Heart Cancer Eye Vision "
        "Tower Pavilion Annex Building High Location Campus "
        "Spine Behavioral Mental Chiro Creek Attorney General Governor Secretary Hospice Item Set Update Cures Act Rule Since Today "
        "Yesterday Tomorrow Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July August "
        "September October November December Promoting Interoperability Invalid Payer Error Export Daily Sched Denied Found "
        "Cardiology Dermatology Oncology Neurology Orthopedic Orthopedics Pediatric Urology Gastroenterology Endocrinology "
        "Pulmonology Psychiatry Podiatry Ophthalmology Optometry Obstetrics Gynecology Anesthesia Nephrology Rheumatology "
        "Hematology Smiles Access Community Regional Memorial General University Unit Units Nursery Mutual Admin Sys Risk Vendor "
        "Finance Legal Contracts Governance Prevention Integrity Affairs Population Procurement Infection Quality Registrar Revenue "
        "Reset Unlock Enable Disable Remove Grant Required Cosign Peds Respiratory School Schools Elementary Academy Alliance Clinica Centro "
        "Centers Counseling Dialysis Physical Homecare Mobility Ambulance EMS Infusion Outpatient Allergy Fertility Tribal RHC FQHC SBHC "
        "Audiology Midwifery Orthodontics Periodontics Endodontics Supply Supplies Assisted Manor Renal Hearing Sleep "
        "Walk-In Oak Oaks Specialty Estimate Covered LLP PLLC Integration Cash Applications Certification Advocate Engineer Eng "
        "Clinical Financial Accounting Guide Data Civil Rights Drug Drugs Apothecary Mortuary Funeral CCBHC Ambulatory Recovery "
        "Rehabilitation Plastic "
        # US states whose names are no one's surname: "moved here from Florida", "New York requires".
        "Florida Texas Ohio Iowa Utah Nevada Arizona Oregon Alaska Hawaii Kansas Kentucky Michigan Minnesota Missouri Nebraska "
        "Oklahoma Wisconsin Wyoming California Colorado Connecticut Delaware Idaho Illinois Indiana Louisiana Maryland "
        "Massachusetts Mississippi Tennessee Vermont York Jersey Mexico Hampshire Acres"
    ).split()
)
# Words that end or start an organization's name and not a person's:
# "Summit Physical Therapy", "Clinica San Miguel", "Sunnyside Peds".
ORGANIZATION_TYPE_WORDS = frozenset(
    word.lower()
    for word in (
        "Clinic Clinics Clinica Centro Health Healthcare Medical Medicine Pediatrics Peds Dental Hospital Hospitals Therapy Respiratory "
        "Alliance Counseling Hospice Pharmacy Labs Laboratory Imaging Radiology Surgery Surgical Rehab Wellness School Academy Associates "
        "Partners Practice Center Centers Centre Services Orthopedics Chiropractic Dialysis Ambulance Homecare Infusion Audiology Orthodontics"
    ).split()
)
ORGANIZATION_TYPE_ALTERNATION = "|".join(sorted(ORGANIZATION_TYPE_WORDS | {"ortho", "peds", "billing", "group"}))

# A capitalized name word: Quintero, O'Brien, D'Angelo, Adeyemi-Cole, McArthur.
# A possessive "'s" is not part of the name: "Mr. Okafor's wife".
# Hawaiian names carry an ʻokina (U+02BB) inside a word: Kaʻiulani.
NAME_WORD = r"(?:\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+|['’ʻ](?!s\b)\p{Lu}?\p{Ll}+)*|Mc\p{Lu}\p{Ll}+|\p{Lu}['’]\p{Lu}\p{Ll}+)"
# Words that are never part of a name written in one case ("pt sean o'neill
# dob ...", "PATIENT MOHAMMED AL-RASHID DOB ..."), compared in lower case.
COMMON_WORDS = frozenset(
    """
    a an the and or but if so to of in on at by for from with without into onto about as is are was were be been am has have had
    do does did not no yes can cant can't cannot could would should will wont won't may might must need needs needed please pls
    thanks thx hi hello help urgent asap now today tomorrow yesterday this that these those it its he she him her his hers they
    them their we us our you your i me my mine who whom which what when where why how all any some each every one two three
    patient patients pt pts mr mrs ms miss dr doctor nurse name names dob mrn born age room bed bay chair says said called calls
    call check checked see seen sent send get got give gave cannot login log locked unlock reset portal chart record records
    account acct member id number phone email address error down still again also just only new old same other another
    front desk team office clinic staff user users wife husband son daughter mom mother dad father family baby boy girl
    whose waiting affected controlled calling roomed identifiers included welcome letter example mentioned complaint index
    service unavailable counted wrong partway through info encounters charts emergency contacts picker show shows says typed
    clicking status state screening newborn full subscriber hospital someone else anyone everyone nobody parent foster guardian
    date dates precedes precede follows after before last next year years month months week weeks day days ago morning evening night
    """.split()
)
COMMON_WORD_ALTERNATION = "|".join(regex.escape(word) for word in sorted(COMMON_WORDS, key=len, reverse=True))
# Name parts are joined by spaces or tabs only, never across a line break.
# Initials count as a first name: "J. Okafor", "T.N. Bui".
# Three or more spaces separate the columns of a pasted table ("Abena Darko   Medicare MBI ..."), not name parts.
NAME_GAP = r"(?:[ \t]|[ ]{2})(?![ \t])"
FULL_NAME = rf"(?:{NAME_WORD}(?:{NAME_GAP}[A-Z]\.?)?(?:{NAME_GAP}{NAME_WORD}){{1,2}}|(?<![\w*^|])(?:[A-Z]\.[ \t]?){{1,2}}(?!(?i:{COMMON_WORD_ALTERNATION})\b){NAME_WORD})"
LAST_FIRST = rf"{NAME_WORD},[ \t]*{NAME_WORD}(?:[ \t]+[A-Z]\.?)?"
# A name word in any case, such as "o'neill", "al-qahtani" or "NGUYEN-TRAN".
ANY_CASE_WORD = rf"(?<![\p{{L}}'’-])(?!(?i:{COMMON_WORD_ALTERNATION})(?![\p{{L}}'’-]))\p{{L}}[\p{{L}}'’]+(?:-\p{{L}}[\p{{L}}'’]*)?(?<!['’]s)"
# Two or three name words in one case; initials are allowed in all caps ("ANANYA K. REDDY").
LOWER_NAME = rf"(?=\p{{Ll}})(?:{ANY_CASE_WORD})(?:[ \t]+(?=\p{{Ll}}){ANY_CASE_WORD}){{1,2}}"
CAPS_NAME = rf"(?=\p{{Lu}}{{2}})(?:{ANY_CASE_WORD})(?:[ \t]+[A-Z]\.?)?(?:[ \t]+(?=\p{{Lu}}{{2}}){ANY_CASE_WORD}){{1,3}}"
# A first name, a quoted nickname, a surname: 'eduardo "lalo" gutierrez'.
# All three words capitalized, or all lower case after "for", "pt", a comma or a bracket.
NICKNAME_NAME = (
    rf"(?<=(?i:\b(?:for|pt|patient)|[,(])[ \t]+)(?=\p{{Ll}}){ANY_CASE_WORD}[ \t]+[\"“'](?=\p{{Ll}}){ANY_CASE_WORD}[\"”'][ \t]+(?=\p{{Ll}}){ANY_CASE_WORD}"
    rf"|{NAME_WORD}[ \t]+[\"“'(]{NAME_WORD}[\"”')][ \t]+{NAME_WORD}"
    # 'JOSEPHINE "JOSIE" BAPTISTE' after "for", "pt" or "patient".
    rf"|(?<=(?i:\b(?:for|pt|patient)|[,(:])[ \t]+)\p{{Lu}}{{2,}}[ \t]+[\"“']\p{{Lu}}{{2,}}[\"”'][ \t]+\p{{Lu}}{{2,}}(?:[-'’]\p{{Lu}}+)?"
)
# UTF-8 read as Windows-1252 turns "ç" into "Ã§" and "É" into "Ã‰": a lead letter, then a byte shown as a symbol.
GARBLED_PAIR = r"[ÃÅÄÂ][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018\u2019\u201A\u201C\u201D\u201E\u2020\u2021\u2022\u2026\u2030\u2039\u203A\u2122]"
# A capitalized name word containing such a pair, and a name of two words with at least one of them.
GARBLED_NAME_WORD = rf"(?=[\p{{L}}'’-]*{GARBLED_PAIR})\p{{Lu}}(?:{GARBLED_PAIR}|\p{{L}}|['’-])+"
PLAIN_NAME_WORD = r"\p{Lu}\p{L}+"
GARBLED_NAME = rf"{GARBLED_NAME_WORD}(?:(?:,[ \t]*|[ \t]+)(?:{GARBLED_NAME_WORD}|{PLAIN_NAME_WORD}))?|{PLAIN_NAME_WORD}(?:,[ \t]*|[ \t]+){GARBLED_NAME_WORD}"
GIVEN_NAMES = frozenset(
    line.strip() for line in (Path(__file__).with_name("given_names.txt")).read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
)
# A hyphenated romanized Korean or Chinese given name: "Ji-woo", "Min-jun", "MIN-JUN".
ROMANIZED_GIVEN = regex.compile(r"\p{L}\p{Ll}+-\p{Ll}{2,}|\p{Lu}+-\p{Lu}{2,}")
# Capitalized, these name a nun, monk or priest, not a relative: "Sister Agnes Mbeki".
RELIGIOUS_TITLES = frozenset({"Sister", "Brother", "Father", "Mother"})
# Requests that patients send: "a refill request from ...", "appointment requests from ...".
REQUEST_WORDS = r"(?:refill|rx|prescription|appointment|appt|records?)\s+requests?"
# A common given name then a capitalized surname, for names the small NER model misses.
GIVEN_NAME_PAIR = r"(?:" + "|".join(sorted(GIVEN_NAMES, key=len, reverse=True)) + rf")[ \t]+{NAME_WORD}"
# "DOE, JANE", "HOLLOWAY, JUNE MARIE", and "ABDEL-RAHMAN, Youssef" as registration screens print it.
# The given name is never a label: "KATARZYNA, DOB 1979-01-23" is a name and its label.
CAPS_LAST_FIRST = rf"[A-Z]{{2,}}(?:[-'][A-Z]+)?,[ \t]*(?!(?:DOB|MRN|SSN|DOS|ZIP|ID|PCP|NPI)\b)(?:[A-Z]{{2,}}(?:[ \t]+[A-Z]{{2,}}|[ \t]+[A-Z]\.?)?|{NAME_WORD})"


# A birth date in a file name after the patient's name: "19800101", "2019-06-02". Years after 2019
# are left out: "ERA_UHC_20261104.835" names a file by the day it arrived.
FILE_NAME_DATE = r"(?:(?:19\d\d|20[01]\d)(?:\d{4}|-\d{2}-\d{2}))(?=[_.\s]|$)"
# "KRISHNAMURTHY_ANJALI_0019283746.pdf": a name in capitals, then a record number of six to twelve
# digits ending the file name. A date there ("MOL_ELIG_20261203.txt") names the file's day.
FILE_NAME_CAPS_NAME = r"\p{Lu}{2,}[\p{Lu}'’-]*_\p{Lu}{2,}[\p{Lu}'’-]*"
FILE_NAME_RECORD_NUMBER = r"(?!(?:19|20)\d{6}\.)\d{6,12}(?=\.(?i:pdf|tiff?|jpe?g|png|docx?|txt|hl7|xml|rtf)\b)"


class PatientDateRecognizer(LabeledValueRecognizer):
    """Dates of birth: a date after DOB, born, birth date, or a full date before 2010.

    Matches mm/dd/yyyy, m/d/yy, yyyy-mm-dd, yyyymmdd and spelled-out months
    after a birth label. Without a label only a full date with a year from
    1900 to 2009 counts, because go-live dates, deadlines and claim dates in
    support tickets are recent. Stops at the date: "DOB 3/3/1950 acct 1"
    yields "3/3/1950". NOTE: an unlabeled birth date after 2009 (a young
    child) is missed unless it follows a patient label.
    """

    ENTITY = "DOB"
    PATTERNS = (
        # A birth date glued to its label in a file name: "Referral_Qureshi_Imran_DOB1977-03-02.pdf".
        LabeledPattern("file name birth date", r"(?<=_DOB[_-]?)(?P<value>\d{4}-\d{2}-\d{2}|\d{6,8})(?=[_.])", 0.9),
        # A FHIR search by birth date, with or without its comparison prefix: "Patient?birthdate=eq1982-04-06".
        LabeledPattern("fhir birthdate search", r"(?<=/Patient\?(?:[^\s&]*&)*)birthdate=(?:eq)?(?P<value>\d{4}-\d{2}-\d{2})\b", 0.9),
        LabeledPattern(
            "birth label",
            rf"(?i:(?:\b|(?<=\b(?:pat|patient|pt)_))(?:DOB|D\.O\.B\.?|D-O-B|date\s+of\s+birth|birth\s*date|birthdate|birthday|bday|born(?:\s+on)?|b\.?d\.?|my\s+birth|(?<![\w.])b\.(?=[ \t]*\d{{1,4}}[/.-]\d))){SEP}[(\'\"]?(?P<value>{SPOKEN_DATE}|{SPOKEN_NUMERIC_DATE}|{ANY_DATE})",
            0.95,
        ),
        # A JSON key: "dob": "1958-03-14", "birthDate":"03/14/1958".
        LabeledPattern(
            "json birth key",
            rf"\"(?i:(?:patient_?)?dob|date_?of_?birth|birth_?date)\"\s*:\s*\"(?P<value>{ANY_DATE})\"",
            0.9,
        ),
        LabeledPattern("file name date", rf"(?<=\p{{Lu}}[\p{{L}}'’-]+_\p{{Lu}}[\p{{L}}'’-]+_)(?P<value>{FILE_NAME_DATE})", 0.85),
        # "..._DOB081259.pdf": a birth date glued to its label in a file name.
        LabeledPattern("file name dob", r"(?<=_DOB[_-]?)(?P<value>\d{6,8})(?=[_.])", 0.85),
        LabeledPattern(
            "dicom birth date",
            rf"(?:\b(?:PatientBirthDate|PatientsBirthDate)|\(0010,0030\)(?:[ \t]+DA)?)[ \t]*[:=]?[ \t]*[\[\"']?(?P<value>{ANY_DATE})",
            0.9,
        ),
        # OCR text with a space between characters: "D O B : 1 9 8 1 - 0 7 - 2 2".
        LabeledPattern("spaced birth label", r"\bD O B[ \t]*:[ \t]*(?P<value>\d(?:[ \t]{1,2}[\d/-])+)", 0.9),
        # OCR of a scanned form reads zeros as the letter O: "DOB: O4/22/1961", "D0B: 11-O3-1984", "DOS: 1O/O2/2026".
        # A date read that way always has a letter O, so a clean date is left to the patterns above.
        LabeledPattern(
            "ocr date label",
            r"(?i:\b(?:D[O0]B|D[O0]S|date\s+of\s+(?:birth|service)))[ \t]*[:#]?[ \t]*"
            r"(?P<value>(?=[\dO/.-]*O)[\dO]{1,2}[/.-][\dO]{1,2}[/.-](?:[\dO]{4}|[\dO]{2}))(?![\w/-])",
            0.85,
        ),
        LabeledPattern(
            "old full date",
            r"(?<![^\W_]|[/.-])(?P<value>\d{1,2}[/.-]\d{1,2}[/.-](?:19\d{2}|200\d)|(?:19\d{2}|200\d)(?:-\d{1,2}-|/\d{1,2}/|\.\d{1,2}\.)\d{1,2}"
            rf"|\d{{1,2}}-?(?i:{MONTH_ABBREVIATION})-?(?:19\d{{2}}|200\d)"
            rf"|(?i:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?)\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19\d{{2}}|200\d)"
            rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?i:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?),?\s+(?:19\d{{2}}|200\d))(?![^\W_]|/)",
            0.6,
        ),
    )


class PatientEventDateRecognizer(LabeledValueRecognizer):
    """Dates of service, admission, discharge, death or diagnosis, by their label.

    Matches a date, with or without the year, after DOS, date(s) of service,
    admitted, discharged, discharge instructions from, seen on, visit from,
    died, death, a hospital stay or diagnosed, and the dates listed after it ("11/03 through 02/14"). The policy
    removes it only when the ticket also names the patient, because the
    labeling rules treat such a date as PHI only when tied to an identified
    patient. Operational words ("since 3/4", "due 12/31") carry no label here.
    """

    ENTITY = "DATE_OF_SERVICE"
    PATTERNS = (
        LabeledPattern(
            "event label",
            r"(?i:\b(?:DOS|dates?\s+of\s+service|service\s+dates?|admit(?:ted|\s+date)?|admissions?(?:\s+date)?|discharged?(?:\s+date)?"
            r"|discharge\s+(?:instructions|summary|paperwork|papers|med\s+list)"
            r"|date\s+of\s+death|DOD|died|death|deceased|(?<=,[ \t])expired|passed\s+away|diagnosed|dx|diagnosis\s+date|seen(?:\s+(?:at|in)\s+[\w.' ]{2,40}?)?|visit(?:\s+date)?"
            # "his death on 11/02/2023", "hospital stay 8/1-8/9".
            r"|(?:hospital\s+|inpatient\s+|rehab\s+)stay"
            r"|appointment|appt|surgery|procedure|encounter|injury\s+date|date\s+of\s+injury|DOI|referral\s+date|accident\s+date|onset"
            r"|collected|collection\s+date|(?:visit|encounter|appointment)\s+(?:summary|note|notes)|start\s+of\s+care)(?:\s+(?:was|is))?(?:\s+(?:on|from|of|dated))?)"
            rf"{SEP}(?P<value>{ANY_DATE})",
            0.85,
            list_value=ANY_DATE,
        ),
    )


class MedicalRecordNumberRecognizer(LabeledValueRecognizer):
    """Medical record and chart numbers after MRN, chart, medical record or patient ID.

    Values are 4 to 16 characters with at least one digit, optionally led by
    up to four letters and split by hyphens: "MRN: 7719-2231", "MRN H2209187",
    "chart # 3308812", "MRN77120" (label glued to the value). A list after one
    label ("MRN 5520193 instead of 5520913") is reported in full. Stops at
    whitespace or punctuation other than an inner hyphen.
    """

    ENTITY = "MRN"
    # "CW-NB-1120": a newborn unit's second prefix.
    VALUE = r"(?:[A-Z]{1,4}-?)?(?:[A-Z]{1,4}-)?\d(?:[\d-]{2,14}\d)(?:-[A-Z])?"
    PATTERNS = (
        LabeledPattern(
            "record label",
            r"(?i:\b(?:MRNs?|MR\s?#|med(?:ical)?\s+rec(?:ord)?s?\s*(?:numbers?|nums?|nos?\.?|#)?|charts?\s*(?:numbers?|nums?|nos?\.?|#|ids?)"
            r"|patient\s+(?:id|identifier|number|no\.?)s?|patient_(?:id|num)|pt[\s_]?ids?|(?:patient|pt)\s*\#|EMPI|MPI|PID-3(?:\s+MRN)?"
            # Correctional health files a patient under the booking or corrections (DOC) number.
            r"|booking\s*(?:\#|number|no\.?)|booking(?=\s+\d{2}-\d{4,})|DOC\s*\#"
            # A hospice's or a care home's own number for its patient: "hospice ID HSP-20441", "resident ID WC-2214".
            r"|(?:hospice|resident)\s+(?:id|\#|number|no\.?)"
            # A dialysis patient's Unique Patient Identifier in ESRD reporting, as dialysis clinics' tickets name it ("UPI 40018837").
            r"|UPI"
            # An Indian Health Service clinic's health record number ("HRN 055216"), and a transplant candidate's UNOS ID.
            r"|HRN|health\s+record\s*(?:\#|number|no\.?)|UNOS\s*(?:\#|id)"
            # Settings with their own record numbers: a drug test's custody and control form (CCF), a student's
            # ID, a crisis unit's number, a jail's booking ("bk# 25-330871", "bk=26-004417") or corrections number,
            # a treatment program's client number.
            r"|CCF|student\s*(?:\#|ids?|no\.?|number)|CSU\s*\#|bk\s*[\#=]?(?=\s*\d{2}-\d{4,})|DOC(?=\s+\d{5,})|client\s*(?:\#|no\.?)|home\s+clinic\s+id"
            # A state edit report's row: "pt ctrl 88-104322  name: ...". The spelled-out "patient control
            # number" is left out: it is the claim's CLM01, which writers label either way.
            r"|pt\s*ctrl|pt\s*ctl"
            # "Wendell Achebe (EE# 51290)": an employee's number in an occupational health ticket, after the name,
            # and "Kendra Polk (client 11872)", a treatment program's client.
            r"|(?<=\(\s*)(?:EE|employee)\s*(?:\#|id)"
            # "Lorraine Beaudry (profile 448812)": a pharmacy's patient profile, in brackets after the name.
            r"|(?<=\(\s*)profile(?=\s+\d{4,}\b)|patient\s+profile\s*(?:\#|id|number|no\.?)?(?=\s*[:#]?\s*\d{4,}\b)|(?<!(?i:practice|office|clinic|group|billing)\s*\(\s*)(?<=\(\s*)client(?=\s+\d{3,}\b)"
            # "blood bank armband BB-22-00417": the number on a patient's band.
            r"|(?:arm|wrist)band(?:\s*(?:\#|number|no\.?|id))?)(?:\b|(?<=[.#])))"
            rf"(?:\||,[ \t]*|{SEP})[\(\'\"]?(?P<value>{VALUE})\b",
            0.95,
            list_value=rf"{VALUE}\b",
        ),
        LabeledPattern(
            "record label phrase",
            r"(?i:\b(?:MRN|med(?:ical)?\s+rec(?:ord)?\s*(?:number|#)?|chart\s*(?:number|#)|patient\s+(?:id|identifier|number)|pt\s+id))"
            rf"{PHRASE_SEP}(?P<value>{VALUE})\b",
            0.9,
        ),
        # "MRN of the right patient is 3320177".
        LabeledPattern(
            "record of patient phrase",
            rf"(?i:\b(?:MRN|chart\s*(?:number|#)|medical\s+record\s+number)\s+(?:of|for)\s+(?:the\s+)?(?:[\w'’-]+\s+)?(?:patient|pt|client|resident|child|baby)\s+(?:is|was|=|:)\s*)(?P<value>{VALUE})\b",
            0.85,
        ),
        # "ORU_MRN00912233_0007.hl7": glued into a file name, between underscores.
        LabeledPattern("glued label", rf"(?<![A-Za-z0-9])(?P<value>MRN-?\d{{4,12}})(?![A-Za-z0-9])", 0.9),
        # "Discharge_Summary_Okwuosa_Chioma_MRN_4409102_Final.pdf": the label and the number joined by an underscore.
        LabeledPattern("underscore label", r"(?<![A-Za-z0-9])MRN_(?P<value>\d{4,12})(?![A-Za-z0-9])", 0.9),
        # "MRN ends -4471", "chart ending in 0917": the last digits of a record number still point at one patient.
        LabeledPattern(
            "record number ending",
            r"(?i:\b(?:MRN|chart(?:\s*(?:number|#))?|medical\s+record(?:\s+number)?)\s+(?:that\s+)?(?:ends|ending)(?:\s+(?:in|with))?)[ \t]*[-–]?[ \t]*(?P<value>\d{3,6})\b",
            0.85,
        ),
        # DICOM attributes as a worklist or dcmdump prints them: "PatientID 00T-771204",
        # "(0010,0020) LO [H00412298]". Keywords are written without spaces and matched case-sensitively.
        LabeledPattern(
            "dicom patient id",
            r"(?:\b(?:PatientID|OtherPatientIDs|PatientsID)|\(0010,0020\)(?:[ \t]+LO)?)[ \t]*[:=]?[ \t]*[\[\"']?(?P<value>(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]{2,30})\b",
            0.9,
        ),
        # "SPL_20260309_KRISHNAMURTHY_ANJALI_0019283746.pdf": the record number after a name in capitals in a file name.
        LabeledPattern(
            "file name record number",
            rf"(?<=(?:^|[_\s/]){FILE_NAME_CAPS_NAME}_)(?P<value>{FILE_NAME_RECORD_NUMBER})",
            0.85,
        ),
        # "His clinic ID is BV-33018": a patient's own number at the practice.
        LabeledPattern(
            "possessive clinic id",
            rf"(?i:\b(?:my|his|her|their|{RELATIVE_NOUN}['’]s)\s+(?:clinic|hospital|patient|chart|record)\s*(?:id|number|#|no\.?))\s*(?::|\bis\b|\bwas\b)\s*(?P<value>{VALUE})\b",
            0.85,
        ),
        # OCR text with a space between characters: "M R N : 0 0 4 4 1 2 7 7".
        # "Verified with last 4 of her phone (0177)", "card ending 4421": the last digits of a
        # patient's phone or payment card still point at one person.
        LabeledPattern(
            "last four digits",
            r"(?i:\blast\s*(?:4|four)(?:\s+digits)?\s+of\s+(?:her|his|my|their|the\s+(?:patient|member|guarantor)['’]?s)\s+(?:phone|cell|number|card)"
            # "my Mastercard (ending 7719)", "Visa x2204".
            r"|\b(?:card|visa|mastercard|amex|discover)\s+(?:\(\s*)?ending(?:\s+in)?|\b(?:visa|mastercard|amex|discover|card)\s+(?:x|\*{2,4}|ending\s+x))"
            r"[ \t]*[(:#]?[ \t]*(?:is[ \t]+)?(?P<value>\d{4})\b",
            0.85,
        ),
        # "the patient's correct number ends in -0189": the last digits of a patient's phone.
        LabeledPattern(
            "patient phone ending",
            r"(?i:\b(?:patient|pt|her|his|my)['’]?s?\s+(?:correct\s+|new\s+|old\s+|cell\s+|home\s+)?(?:phone\s+)?(?:number|phone|cell)\s+ends\s+(?:in|with))"
            r"[ \t]*-?[ \t]*(?P<value>\d{4})\b",
            0.85,
        ),
        # "registered as trauma alias ZULU-0417": a trauma alias stands for a real patient.
        LabeledPattern("trauma alias", r"(?i:\btrauma\s+alias)[ \t]*[:#]?[ \t]*(?P<value>[A-Z][A-Z0-9]{2,15}(?:[-^][A-Z0-9]{2,15})?)\b", 0.85),
        LabeledPattern("spaced record label", r"\bM R N[ \t]*:[ \t]*(?P<value>[\dA-Z](?:[ \t]{1,2}[\dA-Z-])+)", 0.9),
        # "it IS in the chart (MR 6619042)": "MR" in capitals before five or more digits.
        LabeledPattern("mr number", r"\bMR[ \t]+(?P<value>\d{5,12})\b", 0.85),
        # An interface log line: "PID-3 not found: 00A-771230".
        # A log line's key=value after a patient word: "patient context: id=77120448".
        LabeledPattern(
            "patient log key",
            r"(?i:\b(?:patient|pt)\b[^\n=]{0,30}?\b(?:id|mrn|pid)[ \t]*=[ \t]*)[\"']?(?P<value>(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]{3,19})\b",
            0.85,
        ),
        # "patient_mrn=2210447", "patient=RB-330912" in a log line.
        LabeledPattern(
            "patient key",
            # "pat_id=4410097" in a stack trace. A bare "pat=" can be a personal access token, so it needs the suffix.
            r"(?i:\b(?:(?:patient|pt)(?:_?(?:id|mrn|no|num|number))?|pat_?(?:id|mrn)))[ \t]*=[ \t]*[\"']?(?P<value>(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]{3,19})\b",
            0.85,
        ),
        # "A02 rejected pid=PT-8841207 name=...": a log's pid with a letter prefix is a patient ID.
        # A process ID ("pid=4410") is digits only.
        LabeledPattern("prefixed pid key", r"\bpid[ \t]*=[ \t]*[\"']?(?P<value>[A-Z]{1,4}-?\d{4,12})\b", 0.85),
        # "ext_id=CRN-00471823 name='DIALLO, FATOUMATA B'": an ID key right before a person's name in a log line.
        LabeledPattern(
            "id key before name key",
            # "patctl=ACC9910234 name=...": a patient control or account key too.
            r"\b\w*(?:id|ctl|acct|mrn)[ \t]*=[ \t]*[\"']?(?P<value>[A-Za-z]{0,4}-?\d{4,12})[\"']?(?=[ \t,]+(?:patient_?)?name[ \t]*=[ \t]*[\"']?\p{Lu})",
            0.85,
        ),
        # A JSON key: "patientId": "P-88120", "mrn": "00482291".
        LabeledPattern(
            "json record key",
            r"\"(?i:(?:patient|pt)_?(?:id|mrn|no|num|number)|mrn|medical_?record_?(?:number|num|no)?)\"\s*:\s*\"?(?P<value>(?=[A-Za-z0-9-]*\d)[A-Za-z0-9-]{4,30})\b",
            0.9,
        ),
        # "DELETE /v1/patients/CW-40112": a patient's ID in a REST path.
        LabeledPattern("patient path", r"/(?i:patients?)/(?P<value>(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]{3,39})\b", 0.85),
        # A FHIR search for a patient by identifier: "GET /Patient?identifier=urn:oid:1.2.3|E88214".
        # The system before the bar names the issuer and stays.
        LabeledPattern(
            "fhir identifier search",
            r"/Patient\?(?:[^\s&]*&)*identifier=(?:[^\s|&]*(?:\||%7[Cc]))?(?P<value>(?=[A-Za-z0-9-]*\d)[A-Za-z0-9][A-Za-z0-9-]{3,39})\b",
            0.9,
        ),
        LabeledPattern("pid-3 log", r"\bPID-3\b[\w ]{0,24}?:\s*['\"]?(?P<value>[0-9A-Z]{1,4}-?\d{4,12})\b", 0.9),
        # Behavioral health calls patients clients: "Jolene Whitacre, DOB ..., client ID LCB-00731".
        # API client ids ("client id rb-prod-0192") have no birth date before them.
        LabeledPattern(
            "client id after dob",
            rf"(?i:\b(?:DOB|date\s+of\s+birth)\b[^.\n]{{0,30}}?\bclient\s+(?:id|#|number)){SEP}(?P<value>{VALUE})\b",
            0.85,
        ),
        # An unlabeled ID right after a patient's name: "Example: Cosima Albright, R889102374".
        # A client ID in capitals with a practice prefix ("client ID CPB-00318"), or
        # digits in groups ("Client ID 88-4471-BH", "client ID 2023-0871");
        # API client ids are lower case ("client id rb-prod-0192").
        # A billing company's client is a practice: "client ID CLNT-0088 (Lakeview Ortho)".
        LabeledPattern(
            "client id",
            rf"(?i:\bclient\s+(?:id|#|number|no\.?)){SEP}(?P<value>[A-Z]{{1,4}}-?\d{{3,12}}|\d{{2,6}}-\d{{3,8}}(?:-[A-Z]{{1,4}})?)\b(?![ \t]*\((?:[\w&'’.-]+[ \t]+){{0,3}}(?i:{ORGANIZATION_TYPE_ALTERNATION})\))",
            0.85,
        ),
        LabeledPattern(
            "id after name",
            rf"(?:\b(?i:example|e\.g\.|patient|pt)\b[:,]?\s*){FULL_NAME},[ \t]*(?P<value>[A-Z]{{0,3}}\d{{7,12}})\b",
            0.8,
        ),
        # "chart 3308812", "Her chart is HH-55120", "chart BD-29901": a practice
        # prefix in capitals (or a unit such as "3W") before five or more digits,
        # or a prefix and a hyphen before four ("chart HSP-0381").
        LabeledPattern(
            "chart word",
            rf"(?i:\b(?:charts?|expediente)){SEP}#?(?P<value>(?:[A-Z0-9]{{0,3}}[A-Z]-?)?\d{{5,12}}|[A-Z]{{2,4}}-\d{{4}}|\d{{2,3}}-\d{{4,8}})\b",
            0.8,
            list_value=r"(?:[A-Z0-9]{0,3}[A-Z]-?)?\d{5,12}\b",
        ),
        # "Her chart number on the appointment card is CC-449102".
        LabeledPattern(
            "chart label phrase",
            rf"(?i:\bchart\s*(?:number|#|no\.?))(?:\s+(?:on|from|in)\s+[\w'’ -]{{2,30}}?)?\s*(?::|\bis\b)\s*(?P<value>(?:[A-Z0-9]{{0,3}}[A-Z]-?)?\d{{5,12}})\b",
            0.85,
        ),
        # A voicemail reads the number out: "chart number eight eight two one zero four".
        LabeledPattern(
            "spoken record number",
            rf"(?i:\b(?:chart|MRN|medical\s+record|member\s+id|account)\s*(?:number|#|no\.?)?\s*(?:is\s+)?)(?P<value>{SPOKEN_DIGIT}(?:[\s,.-]+{SPOKEN_DIGIT}){{3,11}})\b",
            0.8,
        ),
        # "consent export for patient record BH-7781": a record number after "patient record", not a year.
        LabeledPattern(
            "patient record",
            r"(?i:\b(?:patient|pt)\s+records?\s*(?:#|number|no\.?)?)\s*[:#]?\s*(?P<value>(?!(?:19|20)\d\d\b)(?:[A-Z]{1,4}-?)?\d{4,12})\b(?![/.:-]\d)",
            0.85,
        ),
        # "chart 7781", "(chart 4410)": four digits that are not a year.
        LabeledPattern("short chart", r"(?i:\bchart)\s*#?\s*(?P<value>(?!(?:19|20)\d\d\b)\d{4})\b(?![/.:-]\d)", 0.75),
        # "MRN at Mercy MR-3390017": the label, the organization that issued it, then the value.
        # "MRN at hospital 9920114" names the organization in lower case.
        LabeledPattern(
            "record label at organization",
            rf"(?i:\bMRN)\s+(?:at|from|in)\s+(?:(?:the\s+)?(?i:hospital|clinic|lab|practice|office)\s+|(?:\p{{Lu}}[\w&'’.-]*\s+){{1,3}})(?P<value>{VALUE})\b",
            0.85,
        ),
    )


class MemberIdRecognizer(LabeledValueRecognizer):
    """Health plan member, subscriber, policy and Medicaid/Medicare IDs by label.

    Values are 5 to 20 letters, digits and hyphens with at least one digit
    ("W123-456-789"), or two to four groups split by single spaces ("JQX
    8841 2207"), after "member ID", "subscriber #", "subscriber no.", "sub #",
    "Medicaid ID", "policy number", "MBI", and a dashed Medicare
    Beneficiary Identifier ("1EG4-TE5-MK73") with no label.
    Group numbers are not matched: they name an employer plan, not a person.
    """

    ENTITY = "MEMBER_ID"
    VALUE = r"(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{4,19}"
    # Groups split by single spaces as printed on a card: "JQX 8841 2207".
    # Each later group has 3 to 5 characters and a digit, so "member ID
    # 88120 for Jane" and "ID 4410 CO 22" stop after their first group.
    SPACED_VALUE = r"[A-Z0-9]{2,5}(?:[ ](?=[A-Z]{0,4}\d)[A-Z0-9]{3,5}(?![\w-])){1,3}"
    PATTERNS = (
        LabeledPattern(
            "plan id label",
            r"(?i:\b(?:member|subscriber|insured|policy(?:holder)?|cardholder|insurance|medicaid|medicare|medi-cal|beneficiary|recipient|health\s+plan|plan)(?:\s+card)?"
            r"\s*(?:id|identifier|#|numbers?|nums?|nos?\.?)|\bsub\s*(?:#|id\b|no\.|num\b)|\b(?:MBI|HICN|HIC|CIN|EDIPI|DoD\s+ID|DBN|MBR|mbr\s*(?:id|#))\b"
            # A pharmacy switch log prints the bare field name: "CARDHOLDER TKX991883047".
            r"|\bcardholder(?=[ \t]+[A-Z0-9-]*\d)|\bpart\s+d\s*(?:id|\#|member\s+id)"
            # Pennsylvania Medicaid's "MA ID" or "MA#", in capitals only because "ma id" could be anything. Washington
            # Medicaid's "ProviderOne ID", a TRICARE "DoD benefits number" and a "WIC participant ID" name one person too.
            r"|(?-i:\bMA(?:[ \t]+ID\b|[ \t]*\#))|\bProviderOne\s*(?:id|\#|number)|\bDoD\s+benefits?\s*(?:number|\#|no\.?)"
            r"|\bWIC\s+(?:participant\s+)?(?:id|\#|number))"
            # An NCPDP field code may sit between the label and the value: "Cardholder ID (302-C2): ...".
            rf"(?:[ \t]*\(\d{{3}}-[A-Z0-9]{{2}}\))?{SEP}(?P<value>{SPACED_VALUE}|{VALUE})\b",
            0.95,
            list_value=rf"{VALUE}\b",
        ),
        # "switched to Cigna U7734510", "AHCCCS N94018823": a plan's name right
        # before an ID with letters and digits, or eight or more digits. A
        # payer's own ID ("Aetna 60054") is shorter.
        LabeledPattern(
            "plan name then id",
            r"(?i:\b(?:aetna|cigna|humana|anthem|bcbs\w*|blue\s+cross|blue\s+shield|uhc|united\s*healthcare|kaiser|molina|wellcare|tricare"
            r"|ahcccs|medi-cal|mass\s*health|caresource|ambetter|amerigroup|highmark|hmsa|oscar|emblem|healthfirst|fidelis|centene|medicaid|medicare|aarp)\b)"
            r"(?:,?\s+(?i:card|id|member|plan))?(?:\s+(?i:is))?\s*[:#]?\s*(?P<value>(?=[A-Z0-9-]*[A-Z])(?=(?:[A-Z-]*\d){6})[A-Z][A-Z0-9-]{6,19}|\d{8,14}|\d{6,12}[A-Z]{1,2})\b",
            0.8,
        ),
        # "My new ID is AMB2026-5581047", "Their portal shows his ID as XHU882019477": a patient's own plan ID.
        LabeledPattern(
            "my plan id",
            rf"(?i:\b(?:my|his|her)\s+(?:new\s+|old\s+|current\s+)?(?:insurance\s+|plan\s+|member\s+)?(?:id|card)\s*(?:number|#|no\.?)?)\s*(?::|\bis\b|\bas\b)\s*(?P<value>{VALUE})\b",
            0.85,
        ),
        # A JSON key: "memberMedicaidId":"MA44019827", "subscriber_id": "W2877103321".
        LabeledPattern(
            "json plan key",
            r"\"(?i:[a-z_]*(?:member|medicaid|medicare|subscriber|insured|policy)[a-z_]*(?:id|number|num|no))\"\s*:\s*\"(?P<value>(?=[A-Za-z0-9-]*\d)[A-Za-z0-9-]{4,30})\"",
            0.9,
        ),
        # "Subscriber: TRAN, KIMBERLY A          ID: GGB0075521390": a bare "ID:" later on a subscriber's line.
        LabeledPattern(
            "id on subscriber line",
            rf"(?i:\b(?:subscriber|member|insured|cardholder|policy\s*holder)\b)[ \t]*[:.]+[^\n]{{1,60}}?\b(?-i:ID)[ \t]*[:#][ \t]*(?P<value>{VALUE})\b",
            0.85,
        ),
        LabeledPattern("bare policy", r"(?i:\bpolicy)\s+#?\s*(?P<value>[A-Z]{1,4}-?\d{5,12})\b", 0.85),
        # The Medicare Beneficiary Identifier's own shape needs no label: digit,
        # letter, letter or digit, digit, then twice more letter-led groups, as
        # printed "1EG4-TE5-MK73". Only the dashed form is taken: undashed, the
        # shape is too close to claim and batch references.
        LabeledPattern("medicare beneficiary id shape", r"(?<![\w-])(?P<value>[1-9][A-Z][A-Z0-9]\d-[A-Z][A-Z0-9]\d-[A-Z]{2}\d{2})(?![\w-])", 0.85),
        LabeledPattern(
            "plan id label phrase",
            r"(?i:\b(?:member|subscriber|insurance|medicaid|medicare|policy)\s*(?:id|#|number))"
            rf"{PHRASE_SEP}(?P<value>{SPACED_VALUE}|{VALUE})\b",
            0.9,
        ),
        LabeledPattern(
            "bare member label",
            # "Medicaid - CO-197 precert absent": a claim adjustment reason code, not an ID.
            # A table header's last cell ("DOS   Member") is no label for the next row's first cell.
            rf"(?i:\b(?:member|subscriber|medicaid|medicare))(?![ \t]*\n){SEP}(?!{CLAIM_ADJUSTMENT_CODE_PATTERN}\b)(?P<value>(?=[A-Z0-9-]*[A-Z])(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{{5,20}}|\d{{8,14}}|\d{{3}}-?\d{{2}}-?\d{{4}}"
            # "Medicaid 21-448190-3": digits in dashed groups, 8 to 14 in all, that are no date.
            rf"|(?!\d{{4}}-\d{{2}}-\d{{2}}\b|\d{{2}}-\d{{2}}-\d{{4}}\b)(?=(?:\d-?){{8,14}}(?![\w-]))\d{{2,}}(?:-\d+){{1,3}})\b",
            0.8,
            list_value=r"[A-Z0-9][A-Z0-9-]{5,20}\b",
        ),
    )


class AccountNumberRecognizer(LabeledValueRecognizer):
    """Patient, guarantor and encounter account numbers by label.

    After "acct", "account", "account #", "HAR", "FIN", "encounter #" or
    "visit #", matches 6 to 18 digits, hyphenated groups of 6 or more digits
    in all ("5510-220-19"), one letter and 6 to 12 digits ("A-0077412"), or
    a practice prefix, a hyphen and 4 to 12 digits ("LFM-10293").
    Five digits count only when a patient is named first in the clause.
    Practice-side accounts (bank, EFT, deposit, merchant, clearinghouse,
    submitter) are skipped: they identify the customer, not a patient.
    """

    ENTITY = "ACCOUNT_NUMBER"
    # Six digits or more: customers quote their own 5-digit vendor account
    # ("Greenleaf Chiropractic acct 22815"), patient accounts are longer.
    # Digit groups split by hyphens ("5510-220-19") or one letter before
    # the digits ("A-0077412") as billing systems print them. A yyyy-mm-dd
    # date is not an account.
    # "IP-2026-44810": an inpatient encounter with its year.
    VALUE = r"(?:\d{6,18}|(?!\d{4}-\d{1,2}-\d{1,2}\b)(?=(?:\d-?){6,18}\b)\d{2,8}(?:-\d{2,8}){0,2}-\d{1,8}|[A-Z]-?\d{6,12}|[A-Z]{2,4}-\d{2,4}-\d{3,10}|[A-Z]{2,4}-\d{4,12})"
    PRACTICE_ACCOUNT = regex.compile(
        r"(?i:\b(?:bank|eft|deposit|merchant|clearinghouse|submitter|payer|payor|lockbox|vendor|our|practice|service|system|interface|admin|user)\s+(?:\w+\s+)?$)"
    )
    PATTERNS = (
        LabeledPattern(
            "account label",
            # "Only this account (#7712098)": the value may sit in brackets.
            r"(?i:\b(?:accts?|acc't|acnt|accounts?|HAR|FIN|CSN|enc|encounters?|visits?|guarantor)\s*(?:numbers?|nums?|nos?\.?|#|ids?)?)"
            rf"{SEP}(?:\([ \t]*#?[ \t]*)?(?P<value>{VALUE})\b",
            0.9,
            list_value=rf"{VALUE}\b",
        ),
        LabeledPattern("account label phrase", rf"(?i:\b(?:acct|account)\s*(?:number|#|no\.?))" + PHRASE_SEP + rf"(?P<value>{VALUE})\b", 0.85),
        # "Our acct number for the patient is A11902": the practice's number for one patient, however short.
        LabeledPattern(
            "account for the patient",
            r"(?i:\b(?:acct|account)\s*(?:number|#|no\.?)?\s+(?:for|of)\s+(?:the|this|that)\s+(?:patient|pt|guarantor)\s*(?:is|was|:|=)\s*)(?P<value>[A-Z]{0,4}-?\d{4,12})\b",
            0.85,
        ),
        # "my account number on the bill says SCR-30918": a patient's own account.
        LabeledPattern("my account number", rf"(?i:\bmy\s+acc(?:oun)?t\s*(?:number|#|no\.?)(?:\s+[a-z]+){{0,4}}?\s*(?:[:#]|\bis|\bsays|\breads))\s*(?P<value>{VALUE})\b", 0.85),
        # "She read the account number to us: 10048821".
        LabeledPattern("account number then colon", rf"(?i:\baccount\s+(?:number|#)(?:\s+[a-z]+){{1,3}}\s*:)\s*(?P<value>{VALUE})\b", 0.85),
        # A 5-digit account counts when a patient is named first in the
        # clause: "Example patient Rupert Vance, acct 88120".
        # "Layla Mahmoud's account 88120": a patient's own short account number.
        LabeledPattern("short account after possessive name", rf"{FULL_NAME}['’]s\s+(?i:acct|account)\s*#?\s*(?P<value>\d{{5}})\b", 0.8),
        # Read out digit by digit: "account number 4, 4, 0, 9, 1, 7, 2", "account number is, uh, 2-2-0-4-7-7-1".
        LabeledPattern(
            "spoken account number",
            rf"(?i:\b(?:acct|account)\s*(?:number|#|no\.?)[\s,:]*(?:is[\s,]*)?(?:uh|um)?[\s,]*)(?P<value>(?:\d|{SPOKEN_DIGIT})(?:[\s,.-]+(?:\d|{SPOKEN_DIGIT})\b){{4,11}})",
            0.85,
        ),
        LabeledPattern(
            "short account after patient",
            r"(?i:\b(?:patients?|pts?)\b)[^.\n;]{0,80}?(?i:\b(?:acct|account)s?\s*(?:#|numbers?)?)" + SEP + r"(?P<value>\d{5})\b",
            0.8,
            list_value=r"\d{5}\b",
        ),
    )

    ACCOUNT_LABEL = regex.compile(r"(?i:\b(?:accts?|acc't|accounts?|HAR|FIN|encounters?|visits?|guarantor))")
    PREFIXED_REFERENCE = regex.compile(r"[A-Z]{2,4}-\d")
    VISIT_LABEL = regex.compile(r"(?i:encounter|visit)")

    def accept(self, *, text: str, start: int, end: int, pattern_name: str) -> bool:
        """Reject accounts that belong to the practice or a system."""
        if pattern_name == "account for the patient":
            return True
        label_start = max(0, start - 40)
        before = text[label_start:start]
        labels = list(self.ACCOUNT_LABEL.finditer(before))
        if not labels:
            return True
        label = labels[-1]
        # "Visit VID-33019" is the encounter's reference, quoted like a ticket number.
        if self.PREFIXED_REFERENCE.match(text[start:end]) and self.VISIT_LABEL.match(label.group()):
            return False
        return self.PRACTICE_ACCOUNT.search(before[: label.start()]) is None


class PatientDeviceSerialRecognizer(LabeledValueRecognizer):
    """Serial numbers of a device worn by or implanted in one patient: pumps, pacemakers, CGM sensors, CPAP machines.

    "her pump serial PX-4419-22871", "pacemaker, Corvanta model AZ-220,
    serial PJN118834H", "(his device is PJN448201S)". The value has 5 to 25
    letters, digits and hyphens with at least one digit. NOTE: serials of the
    clinic's own equipment (a scanner, an analyzer, a kiosk, an EPCS token, a
    unit's glucose meter) stay, because they identify no patient. A bare
    "device serial" with no patient device word before it stays too.
    """

    ENTITY = "DEVICE_ID"
    VALUE = r"(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{4,24}"
    # "insulin pump" and "cochlear implant" match at their last word.
    DEVICE = (
        r"(?:pump|pacemaker|ICD|defibrillator|CGM|sensor|transmitter|implant|CPAP|BiPAP|APAP|hearing\s+aid"
        r"|neurostimulator|stimulator|loop\s+recorder|LVAD|home\s+(?:BP\s+)?monitor)"
    )
    PATTERNS = (
        LabeledPattern(
            "device serial",
            rf"(?i:\b{DEVICE}\b[^.\n;]{{0,30}}?\b(?:serial|SN|S/N)(?:\s*(?:number|no\.?|\#))?)\s*[:#]?\s*[(\"']?(?P<value>{VALUE})(?![\w-])",
            0.85,
        ),
        # "Mr. Elmer Stoddard (device SN CL-8830417)": the device in brackets right after its wearer's name,
        # after an honorific or a patient word, so "the Philips IntelliVue (device SN ...)" stays.
        LabeledPattern(
            "device after name",
            rf"(?<=(?:\b(?:Mr|Mrs|Ms|Miss)\.?|\b(?i:patient|pt|resident|client))[ \t]+\p{{Lu}}[\p{{L}}'’-]+(?:[ \t]+\p{{Lu}}[\p{{L}}'’-]+){{0,2}}[ \t]*\([ \t]*)(?i:(?:device|monitor|hub|scale|meter|unit)\s*(?:serial|SN|S/N)(?:\s*(?:number|no\.?|\#))?)\s*[:#]?\s*(?P<value>{VALUE})(?![\w-])",
            0.85,
        ),
        # "filed into our patient Ike Branson's chart (his device is PJN448201S)".
        LabeledPattern(
            "own device",
            rf"(?i:\b(?:his|her|their|my)\s+(?:own\s+)?(?:device|{DEVICE})(?:\s+(?:serial|SN))?\s+(?:is\s+|=\s*|:\s*))(?P<value>{VALUE})(?![\w-])",
            0.85,
        ),
    )


class PrescriptionNumberRecognizer(LabeledValueRecognizer):
    """Pharmacy prescription (Rx) numbers after "Rx", "Rx #", "Rx number" or "prescription number".

    A pharmacy's Rx number points at one patient's prescription, like an
    account number. Matches 6 to 14 digits, optionally split by one hyphen,
    so doses ("Rx 10 mg") and NDCs, which carry their own label, stay.
    """

    ENTITY = "RX_NUMBER"
    VALUE = r"(?=(?:\d-?){6,14}\b)\d{3,12}(?:-\d{1,4})?"
    PATTERNS = (
        LabeledPattern(
            "rx label",
            rf"(?:\bRx|\bRX|(?i:\bprescription))(?![\dA-Za-z])\s*(?:(?i:number|num|no\.?)\s*)?#?{SEP}(?P<value>{VALUE})(?![\w-])",
            0.9,
            list_value=rf"{VALUE}(?![\w-])",
        ),
        # "RX99120447": the label glued to the number, as pharmacy systems print it.
        LabeledPattern("glued rx", r"\b(?P<value>R[Xx]\d{6,12})(?![\w-])", 0.85),
    )


class DriverLicenseRecognizer(LabeledValueRecognizer):
    """Driver's license and state ID card numbers after their label.

    "driver's license S530-4417-8821", "DL# K482-5530-1192", "state ID
    number D1182330", "driver's license number and I typed D412-5590-2231".
    Identity checks at a portal or a pharmacy counter ask patients for them.
    Values have 5 to 20 letters, digits and hyphens with at least four
    digits. Presidio's UsLicenseRecognizer scores any such token at 0.01 to
    0.3 and needs context words that never count here (see phi.policy), so
    it reports nothing on its own. NOTE: a provider's state medical license
    ("license #MD44120") is not matched: it has no "driver" or "DL" label.
    """

    ENTITY = "DRIVER_LICENSE"
    VALUE = r"(?=(?:[A-Z-]*\d){4})[A-Z0-9][A-Z0-9-]{4,19}"
    # "CDL# T4418-22091-73": a commercial driver's license, as occupational health clinics write it.
    LABEL = (
        r"(?:\b(?i:(?:commercial\s+)?driver['’]?s?\s+licen[cs]e|state\s+(?:id|identification)\s+card|state\s+id)(?:\s*(?i:number|num|no\.?|\#))?"
        r"|\bC?DL\s*(?:\#|(?i:number|no\.?))|\bC?DL(?=[ \t]+[A-Z]?\d))"
    )
    PATTERNS = (
        LabeledPattern("license label", rf"{LABEL}{SEP}(?P<value>{VALUE})(?![\w-])", 0.9),
        # "It asked for my driver's license number and I typed D412-5590-2231": the value a few words later.
        LabeledPattern(
            "license label phrase",
            rf"{LABEL}(?:\s+[\w'’]+){{1,6}}?\s+(?i:typed|entered|gave|is|was|reads|says|as)\s+(?P<value>{VALUE})(?![\w-])",
            0.85,
        ),
    )


class SocialSecurityNumberRecognizer(LabeledValueRecognizer):
    """US Social Security numbers, including test-looking ones Presidio invalidates.

    Matches ddd-dd-dddd anywhere and nine digits or "last 4" after an SSN
    label. Presidio's UsSsnRecognizer rejects values such as 123-45-6789 as
    invalid; in a ticket they are still a pasted SSN and must go.
    """

    ENTITY = "SSN"
    PATTERNS = (
        LabeledPattern(
            "ssn label",
            # "SSN on file ends in 6621": the last four digits after "ends in".
            r"(?i:\b(?:SSN|SS#|social\s+security(?:\s+(?:number|no\.?|#))?)(?:\s+(?:on\s+file\s+)?(?:last\s*4|ending(?:\s+in)?|ends\s+(?:in|with)))?)"
            rf"{SEP}(?P<value>\d{{3}}[- ]?\d{{2}}[- ]?\d{{4}}|\d{{4}})\b",
            0.95,
        ),
        # "last 4 of my social 0937": the label after the digits' position words.
        LabeledPattern(
            "last four of social",
            r"(?i:\blast\s*(?:4|four)(?:\s+digits)?\s+of\s+(?:my|his|her|their|the\s+patient'?s|pt'?s)\s+(?:social(?:\s+security)?|SSN|SS\#)(?:\s+(?:number|no\.?|\#))?)"
            r"(?:\s*(?:is|was|[:=#])\s*|\s+)(?P<value>\d{4})\b",
            0.9,
        ),
        LabeledPattern("dashed", r"(?<![\w-])(?P<value>\d{3}-\d{2}-\d{4})(?![\w-])", 0.7),
        # A masked SSN still shows its last four digits: "xxx-xx-4471", "***-**-9087".
        LabeledPattern("masked", r"(?<![\w*-])(?P<value>(?:[xX]{3}|\*{3})-(?:[xX]{2}|\*{2})-\d{4})(?![\w-])", 0.85),
    )


class StreetAddressRecognizer(LabeledValueRecognizer):
    """US street addresses: number, street name, suffix, then unit, city, state, ZIP.

    "4410 Chestnut Ridge Rd", "212 Orchard Hill Dr", "1187 Birchwood Ln,
    Duluth, MN 55803", "PO Box 88". The street name is one to four words,
    the suffix is a common USPS street suffix, and a
    trailing "Dr" followed by a capitalized name is read as a title. Stops
    after the ZIP code, or after the suffix or unit when no city follows.
    NOTE: addresses without a number and suffix ("the Elm St office" or
    "lives on Main") are not matched; the first is usually a clinic.
    """

    ENTITY = "ADDRESS"
    SUFFIX = (
        r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Court|Ct|Way|Place|Pl|Parkway|Pkwy|Highway|Hwy"
        r"|Circle|Cir|Terrace|Terr|Ter|Trail|Trl|Square|Sq|Loop|Pike|Row|Crescent|Cres|Alley|Plaza|Ridge|Run"
        r"|Close|Crossing|Path|Walk|Cove|Bend|Glen|Heights|Hts|Point|Commons)"
    )
    UNIT_WORD = r"(?:Apt|Apartment|Suite|Ste|Unit|Bldg|Fl|Floor)"
    UNIT = rf"(?:,?\s+(?:{UNIT_WORD}|#)\.?\s*#?\s*[A-Z0-9-]+)?"
    CITY_STATE_ZIP = (
        r"(?:,?\s+\p{Lu}[\p{Ll}\p{Lm}'’]+(?:\s+\p{Lu}[\p{Ll}\p{Lm}'’]+){0,2},?\s+(?:[A-Z]{2}(?:\s+\d{5}(?:-\d{4})?)?|\d{5}(?:-\d{4})?)|,?\s+\d{5}(?:-\d{4})?"
        # A city alone before a stop or a comma: "1455 Magnolia Ave, Daly City, printed ...", not "..., Dr. Lee's office".
        r"|,[ \t]+(?!(?:Dr|Mr|Mrs|Ms|Attn|The|Thanks|Thank|Please|Regards)\b)[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?(?=[.;,]|\n|$)"
        # Pipe- or comma-separated export rows: "1188 Pine St|Toledo|OH|43604".
        r"|[|,][ \t]*[A-Z][A-Za-z]+(?:[ \t]+[A-Z][A-Za-z]+){0,2}[ \t]*[|,][ \t]*[A-Z]{2}[ \t]*[|,][ \t]*\d{5}(?:-\d{4})?)?"
    )
    PATTERNS = (
        LabeledPattern(
            "number street suffix",
            # Hawaii numbers its houses by zone: "45-112 Kamehameha Hwy".
            r"(?<![\w/.-])(?P<value>\d{1,6}(?:-\d{1,4})?[A-Z]?\s+(?:[NSEW]\.?\s+)?(?:(?:\d+(?:st|nd|rd|th)|[A-Z][A-Za-z'.-]*)\s+){1,4}?"
            # A capitalized word right after the suffix continues the name ("St Mary"), but not on the next line.
            rf"{SUFFIX}\b\.?(?:[ \t]+(?:[NS][EW]?|[EW])\b\.?)?(?![ \t]+(?!{UNIT_WORD}\b)[A-Z][a-z]){UNIT}{CITY_STATE_ZIP})(?![\w-])",
            0.85,
        ),
        LabeledPattern(
            "address label street",
            rf"(?i:\b(?:address|lives|living|moved)\s+(?:is\s+|on\s+|at\s+|to\s+)?)(?P<value>(?:[A-Z][A-Za-z'.-]*\s+){{1,3}}?{SUFFIX}\b\.?)(?!\s+[A-Z][a-z])",
            0.75,
        ),
        # "at a patient's house right now, Mr. Emeka Nwankwo on Birchfield Road": a street with no number, in a clause about a home.
        LabeledPattern(
            "home clause street",
            rf"(?i:\b(?:house|home|residence|apartment|trailer)\b)(?:[^.\n;]|(?<=\b(?:Mr|Mrs|Ms|Dr))\.){{0,60}}?\b(?:on|at)\s+(?P<value>(?:[A-Z][A-Za-z'.-]*\s+){{1,3}}?{SUFFIX}\b\.?)(?!\s+[A-Z][a-z])",
            0.75,
        ),
        LabeledPattern("po box", r"(?P<value>(?i:\bP\.?\s?O\.?\s+Box)\s+\d{1,6})\b", 0.85),
        # "zip=43215" in a logged query beside the patient's name and birth date.
        LabeledPattern("zip label", r"(?i:\bzip(?:_?code)?)\s*[:#=]?\s*(?P<value>\d{5}(?:-\d{4})?)\b", 0.8),
        # An EVV or ambulance record's GPS fix, at the patient's home: "GPS 44.9778,-93.2650".
        LabeledPattern(
            "gps coordinates",
            r"(?i:\b(?:gps|lat\s*/\s*long?|lat,\s*long?|coordinates|coords|geo(?:location)?))\s*[:=]?\s*[(\[]?(?P<value>-?\d{1,2}\.\d{3,},\s*-?\d{1,3}\.\d{3,})",
            0.85,
        ),
    )


# A relative writing for a patient: "this is her grandson writing for her", "writing on behalf of my mom".
WRITING_FOR_RELATIVE = r"writing\s+(?:for|on\s+behalf\s+of)\s+(?:her|him|them|my)"


class PortalUsernameRecognizer(LabeledValueRecognizer):
    """Patient portal usernames after "username", "user name", "login" or "portal account".

    Reported only when the ticket is about the patient portal or written by
    a patient (the words portal, MyChart or proxy, or "my results" and the
    like), because staff usernames in an access ticket are not patient
    identifiers. The value is 3 to 40 letters, digits, dots, underscores,
    hyphens or @, optionally quoted; a plain word counts only right after
    "username is" or "username:". A list after one label is reported in full.
    """

    ENTITY = "PORTAL_USERNAME"
    # A plain word is a login only right after "username (is)", "user ID:" or "login is".
    PLAIN_LOGIN_LABEL = regex.compile(r"(?:names?|ids?|portal\s+user)\s*(?:is|was|are|:)?\s*[\"'`]?$|logins?\s*(?:is|was|:)\s*[\"'`]?$")
    # "My name is Tamar Ben-David, login tamarbd": a bare "login" after the writer's own name.
    # After someone else's name ("our nurse Olena Hrytsenko, login ohrytsenko") it is a staff login.
    OWN_NAME_LOGIN = regex.compile(r"(?i:\b(?:my\s+name\s+is|i'?m|i’m|i\s+am)\s+[^,.\n]{2,40},\s*login\s+$)")
    TOPIC = regex.compile(
        r"(?i:\b(?:portal|mychart|proxy|patient\s+app|my\s+(?:(?:lab|test)\s+)?(?:results|chart|records|appointments?|statement|bill)"
        r"|my\s+(?:son|daughter|child|kid|mom|dad|mother|father|wife|husband|grandma|grandmother|grandpa|grandfather|aunt|uncle|sister|brother)"
        rf"|{WRITING_FOR_RELATIVE})\b)"
    )
    # "I'm a PT at the Cobblestone location": a physical therapist, not a patient.
    OWN_PATIENT_PORTAL = regex.compile(r"(?i:\bmy\s+(?:patient\s+)?portal\s+(?:user\s*name|login|account|id)\b)")
    PATIENT_NEAR = regex.compile(r"(?i:\b(?:patient|(?<!\b(?:a|an|the|as)\s)pt)\b)")
    # A staff login next to a badge, role or employee word is not a patient's.
    # "under our facility login willowcreek_meds": an organization's shared account.
    STAFF_NEAR = regex.compile(
        r"(?i:\b(?:badge|employee|staff|scheduler|biller|hire|active\s+directory|EHR\s+login|role|roles|facility\s+login|shared\s+login"
        # "I work here as a unit clerk (login tpham3)", "agent login cc_hnovak".
        # A chat's "Agent:" lines are the vendor's, so only "agent login" counts.
        r"|agent\s+login|clerk|therapist|technician|work\s+here|coworker|colleague)\b)|\bAD\b"
    )
    VALUE = r"[A-Za-z0-9][A-Za-z0-9._@-]{1,38}[A-Za-z0-9]"
    NOT_A_NAME = frozenset(
        {
            "is", "was", "and", "the", "for", "not", "locked", "field", "page", "screen", "reset", "email", "same", "issue", "problem",
            "works", "error", "loop", "button", "pulled", "fails", "failed", "name", "contains", "includes", "has", "had", "with",
            "without", "changed", "shows", "showing", "format", "length", "policy", "rules", "requirements", "lookup", "search",
        }
    )
    # A login-shaped word with no label, in a portal ticket: "jess.b.rivera",
    # "bigmike_1975", "liyer58". Underscore-only words need a digit, since
    # error names ("card_declined", "invalid_grant") have none.
    BARE_VALUE = r"(?<![\w.@/-])(?P<value>[a-z][a-z0-9]*(?:\.[a-z0-9]+)+|[a-z]{2,}\d+[a-z0-9]*|[a-z][a-z0-9]*_[a-z0-9_]*\d[a-z0-9_]*)(?![\w@/-]|\.\w)"
    NOT_A_LOGIN = regex.compile(r"^(?:e\.g|i\.e|a\.m|p\.m|etc|v\d.*|[\w.-]+\.(?:com|org|net|gov|edu|io|us|example|pdf|txt|csv|xlsx?|docx?|jpe?g|png|zip|json|xml|hl7|log|exe|dll))$")
    FORMAT_EXAMPLE_BEFORE = regex.compile(r"(?i:\b(?:e\.g\.?|such\s+as|like|format)[\s:,\"'(]*)$")
    PATTERNS = (
        LabeledPattern("bare username", BARE_VALUE, 0.6),
        LabeledPattern(
            "username label",
            # "My account is dross_poa": a patient's or proxy's own account name.
            # "when I log in as rclarke_care": the account a proxy signs in with.
            r"(?i:\b(?:user\s*names?|user\s*ids?|userids?|users?|logins?(?:\s+(?:id|name))?|portal\s+(?:login|id|user(?:name)?|account|name)|handle|my\s+(?:portal\s+)?account(?=\s+is\b)"
            r"|(?<=\bi\s+)log(?:ged)?\s*in\s+as))"
            # "portal account (username lkowalczuk)": another label word is not the value.
            r"(?:\s+of\s+the\s+[\w ]{1,30}?(?=:))?(?:\s*(?:[:=]\s*|(?i:\bis|\bwas|\bare|\bof)\s+))?\s*[\"'`(]?(?P<value>(?!(?i:user\s*names?|logins?|user\s*ids?|userids?)\b)" + VALUE + ")",
            0.85,
            list_value=VALUE,
        ),
    )

    def accept(self, *, text: str, start: int, end: int, pattern_name: str) -> bool:
        """Keep the value only in a portal or patient ticket and when it looks like a username."""
        value = text[start:end]
        if value.lower() in self.NOT_A_NAME:
            return False
        if pattern_name == "bare username":
            # Only a patient-portal ticket, at least five characters, and no file, domain or abbreviation.
            if len(value) < 5 or self.NOT_A_LOGIN.match(value) or self.TOPIC.search(text) is None:
                return False
            # "usernames with a period (e.g. "j.smith")" shows a format, not someone's login.
            if self.FORMAT_EXAMPLE_BEFORE.search(text, max(0, start - 12), start):
                return False
            return self.STAFF_NEAR.search(text[max(0, start - 80) : start]) is None
        if not any(character.isdigit() or character in "._@-" for character in value):
            # A plain word counts after "username" or "login is" when it looks
            # like a login ("parbuthnot"), never after a bare "user" or "login" ("login works").
            label_end = text[max(0, start - 14) : start].lower()
            label_ok = self.PLAIN_LOGIN_LABEL.search(label_end) or self.OWN_NAME_LOGIN.search(text, max(0, start - 80), start)
            if not (label_ok and value.islower() and len(value) >= 5):
                return False
        before = text[max(0, start - 80) : start]
        # "I work here as a unit clerk ... My patient portal username is thuy.pham.88": staff who are patients too.
        if self.STAFF_NEAR.search(before) and not self.OWN_PATIENT_PORTAL.search(text, max(0, start - 40), start):
            return False
        if self.TOPIC.search(text) is not None:
            return True
        # "Pt Fatima Zahra El Amrani can't get into the refill app. Username fzelamrani."
        return self.PATIENT_NEAR.search(text[max(0, start - 120) : start]) is not None


TITLE_BEFORE = regex.compile(r"(?i:\b(?:dr|doctor|nurse|np|pa|rn|prof)\.?\s*$)")
# HL7 coding system names that follow coded text: "Detected^SCT", "pertussis^LN".
CODING_SYSTEMS = frozenset({"LN", "SCT", "SNM", "SNM3", "CVX", "MVX", "CPT", "CPT4", "HCPCS", "NDC", "RXNORM", "I9", "I9C", "I10", "I10C", "ICD9", "ICD10", "UCUM", "L", "LOINC", "SNOMED", "HL70078", "99ZZZ", "CDCPHINVS", "HL70357", "HL70396", "NUCC"})


# Months that are also given names.
MONTH_GIVEN_NAMES = frozenset({"april", "may", "june", "july", "august"})


class PatientNameRecognizer(LabeledValueRecognizer):
    """Patient names that follow a patient label, a title, or precede a patient fact.

    "pt Harold Brandt", "patient: Doe, Jane", "Name: WASHINGTON, TERRELL",
    "Mrs. Alvarez", "Raymond Tuttle's AVS", "Samuel Oyelaran, DOB ...",
    "a child named Dylan", "My kids are Ava and Liam", and HL7-style
    "GUTIERREZ^MARISOL" outside a segment. Names are capitalized words; an
    all-lowercase name ("pt harold brandt") is missed. The name stops at
    the first word that is not capitalized.
    """

    ENTITY = "PATIENT_NAME"
    PATTERNS = (
        LabeledPattern(
            "patient label",
            # "Patient Accounts, Greenview Health" and "Patient Access" are departments.
            r"(?i:\b(?:patients?(?!\s+(?:accounts?|accounting|access|financial|relations|experience|services|safety|advocacy|portal|engagement)\b)|pt\.?|pts|patient\s+names?|pt\s+names?"
            # A drug test's donor is the occupational health clinic's patient.
            r"|guarantor|residents?|inmate|detainee|donor)(?:\s+(?:is|named|called|was|are|include|including))?"
            # A school clinic's "Student: Deng, Achol", "A student, Devontae Marshall," and a plan's
            # "Member: KOWALSKI, STANISLAW" name the patient; only with the colon, a comma or "is".
            r"|\bstudent\s*(?::|,|\s+is\b)|\bmember\s*:)"
            rf"\s*(?:\.{{3,}}[ \t]*)?[:#-]?\s*(?P<value>{LAST_FIRST}|{CAPS_LAST_FIRST}|{FULL_NAME})\b",
            0.9,
            list_value=rf"(?:{FULL_NAME}|{LAST_FIRST})\b",
        ),
        # "mother's maiden name ELMI": a one-word family name kept as an identity check.
        # Demographics quoted from a matching partner: "family PRZYBYLSKI, given KATARZYNA".
        # NCPDP claim fields: "Patient First Name (310-CA): WINONA".
        LabeledPattern(
            "family or given label",
            r"\b(?:(?i:family|given)(?:[ \t]+(?i:name))?|(?i:patient[ \t]+(?:first|last)[ \t]+name))(?:[ \t]*\(\d{3}-[A-Z0-9]{2}\))?[ \t]*[:=]?[ \t]*(?P<value>\p{Lu}{2,}(?:[-'’]\p{Lu}{2,})?)(?![\w-])",
            0.8,
        ),
        LabeledPattern("maiden name", rf"(?i:\bmaiden\s+name)\s*[:,]?\s*(?:(?i:is|was)\s+)?(?P<value>{NAME_WORD}|[A-Z]{{2,}}(?:-[A-Z]{{2,}})?)\b", 0.85),
        LabeledPattern(
            "example name",
            # "names like Petrosyan, Armen and Lindqvist, Björn".
            rf"(?i:\b(?:examples?|e\.g\.|eg|for\s+instance|such\s+as|belongs?\s+to|belonged\s+to|belonging\s+to|(?:old|new|maiden|legal|former)\s+name|(?:names|patients)\s+like))"
            rf"\s*[:,]?\s*(?:(?i:for|is|was|patient|pt)\s+)?[\"“]?(?P<value>{FULL_NAME}|{CAPS_LAST_FIRST}|{LAST_FIRST}|[A-Z]{{2,}}(?:\s+[A-Z]{{2,}}){{1,3}})\b",
            0.6,
        ),
        LabeledPattern("dear name", rf"\bDear[ \t]+(?P<value>{FULL_NAME})\b", 0.6),
        # "Call from Obadiah Finch (patient), DOB ...": the role given in brackets after the name.
        LabeledPattern("name then patient in brackets", rf"\b(?P<value>{FULL_NAME}|{LAST_FIRST})[ \t]*\((?i:patient|pt|the\s+patient)\)", 0.85),
        # A quoted text or chatbot message that greets a patient: "\"Hi Fatuma, your viral load results are ready\"".
        LabeledPattern("quoted greeting", rf"[\"“'‘](?i:hi|hello|dear|good\s+morning)[ \t]+(?P<value>{NAME_WORD})(?=[ \t]*[,!])", 0.7),
        # A FHIR search for a patient by name: "GET /fhir/R4/Patient?name=O%27Donoghue&birthdate=...".
        # Each parameter is read on its own, so "family=...&given=..." gives two names.
        LabeledPattern("fhir name search", r"(?<=/Patient\?(?:[^\s&]*&)*)(?:name|family|given)(?::\w+)?=(?P<value>[\p{L}%'’.+-][\p{L}\d%'’.+-]*\p{L})", 0.9),
        # A scanned file named for its patient: "scan_GUTIERREZ_ROSA_19800101_colonoscopy.pdf",
        # "RAMIREZ_Santiago_2019-06-02.pdf". The date after the name is taken as a birth date by PatientDateRecognizer.
        # "Okwuosa_Chioma_2026-11-28_MRN_4409102.pdf": a name before a day and a record number.
        LabeledPattern(
            "file name",
            rf"(?<![\p{{L}}])(?P<value>\p{{Lu}}[\p{{L}}'’-]+_\p{{Lu}}[\p{{L}}'’-]+)(?=_{FILE_NAME_DATE}|(?:_20\d\d-?\d\d-?\d\d)?_MRN[_-]?\d)",
            0.85,
        ),
        # "scan_Ramirez_Lupe_20261201.pdf", "statement_Quint_Hollis_22FerryRd.pdf": a name after a lower-case document word.
        LabeledPattern(
            "file name after document word",
            r"(?<=(?<![\p{L}])(?:scan|statement|stmt|referral|consult|letter|note|report|result|results|discharge|summary|record|records|invoice|fax|card|ins)_)"
            r"(?P<value>\p{Lu}\p{Ll}+_\p{Lu}\p{Ll}+)(?=_[\w-]*\.(?i:pdf|tiff?|jpe?g|png|docx?)\b)",
            0.85,
        ),
        # "LAB_RESULT_Marsh_Thaddeus_DOB081259.pdf": a name before a glued birth-date label,
        # "Referral_Letter_ACHTERBERG_Hendrik.pdf": a family name in capitals and a given name ending the file name.
        LabeledPattern(
            "file name before dob",
            r"(?<![\p{L}])(?P<value>\p{Lu}[\p{L}'’-]+_\p{Lu}[\p{L}'’-]+)(?=_DOB[_-]?(?:\d{6,8}|\d{4}-\d{2}-\d{2})[_.])|(?<=_)(?P<value>\p{Lu}{2,}[\p{Lu}'’-]*_\p{Lu}\p{Ll}+)(?=\.(?i:pdf|tiff?|jpe?g|png|docx?)\b)",
            0.85,
        ),
        LabeledPattern(
            "dicom patient name",
            r"(?:\b(?:PatientName|PatientsName)|\(0010,0010\)(?:[ \t]+PN)?)[ \t]*[:=]?[ \t]*[\[\"']?(?P<value>\p{L}[\p{L}'’ -]*\^[\p{L}'’ ^-]*\p{L})",
            0.9,
        ),
        # "20251028_MRN60093318_KOVAC-ANDJELA_consent.pdf": a name in capitals after a glued record number.
        LabeledPattern("file name after record number", r"(?<=MRN\d{4,12}_)(?P<value>\p{Lu}{2,}[\p{Lu}'’]*(?:[-_]\p{Lu}{2,}[\p{Lu}'’]*)?)(?=_)", 0.85),
        # "SPL_20260309_KRISHNAMURTHY_ANJALI_0019283746.pdf": a name in capitals before a record number in a file name.
        LabeledPattern(
            "file name before record number",
            rf"(?<=^|[_\s/])(?P<value>{FILE_NAME_CAPS_NAME})(?=_{FILE_NAME_RECORD_NUMBER})",
            0.85,
        ),
        # Text read by OCR with a space between letters: "N a m e : O K W U O S A ,  C H I N E D U".
        LabeledPattern("spaced name label", r"\bN a m e[ \t]*:[ \t]*(?P<value>\p{L}(?:[ \t]{1,2}[\p{L},'’-])+)", 0.85),
        # A kiosk's or a text's greeting: "Welcome back, Florentyna!".
        LabeledPattern("greeting name", rf"(?i:\bwelcome\s+back)[ \t]*,?[ \t]*(?P<value>{FULL_NAME}|{NAME_WORD})\b", 0.8),
        # An EOB's "NAME WOLFE-ARIAS, G": a family name in capitals and an initial.
        LabeledPattern("caps name then initial", r"\bNAME[ \t]*:?[ \t]+(?P<value>[A-Z]{2,}(?:[-'][A-Z]+)?,[ \t]*[A-Z])(?![\w.])", 0.85),
        # "bed 12 (Ahanu Whitecloud) is at 412": the occupant of a room or bed.
        LabeledPattern("bed bracket name", rf"\b(?i:rm|room|bed|bay)\s*\d+\w?\s*\((?P<value>{FULL_NAME}|{LAST_FIRST})\)", 0.6),
        # A floor's shorthand: "Jojo in 22B", "Mama Jo in 30 needs her consent", "Little Mo in 5 (...)".
        # Only with a listed given name (checked in accept), and not before a duration ("in 5 minutes").
        LabeledPattern(
            "name in room number",
            rf"(?<![\w.])(?P<value>{NAME_WORD}(?:[ \t]+{NAME_WORD})?)[ \t]+in[ \t]+(?i:rm[ \t]*|room[ \t]*|bed[ \t]*)?\d{{1,3}}[A-Z]?\b(?![ \t]*(?i:min|minutes?|mins|hours?|hrs?|days?|weeks?|months?|years?|secs?|seconds?|%|x\b|[/.:,]\d))",
            0.6,
        ),
        LabeledPattern(
            "name label",
            r"(?i:\bnames?(?:\s+on\s+(?:it|them|the\s+\w+))?(?:\s+(?:was|is|were|reads?|read|shown|showed))?)"
            rf"\s*[:(]?\s*(?:(?i:was|is)\s+)?[\"“]?(?P<value>{FULL_NAME})\b",
            0.6,
        ),
        # "patient called. name LE VAN HUNG, says ...": a name in capitals after a bare "name".
        LabeledPattern("caps name label", rf"(?i:\bname)[ \t]*[:=-]?[ \t]*(?P<value>{CAPS_NAME})(?=[ \t]*[,;(]|[ \t]*$)", 0.6),
        LabeledPattern(
            "goes by",
            rf"(?i:\b(?:goes\s+by|i\s+go\s+by|aka|a\.k\.a\.?|alias|also\s+known\s+as|maiden\s+name|preferred\s+name|nickname|formerly|previously|née|nee"
            # "the residents call him Papa Joe", "everybody here calls him Pops", "only answers to Bubba".
            rf"|(?:we|they|she|he|family|everyone|everybody|people|friends|residents|staff|guys|nurses|aides|kids)\s+(?:(?:all|here|just|still)\s+)?calls?\s+(?:her|him|them|me)"
            rf"|(?:wants|likes|prefers|asks)\s+to\s+be\s+called|answers\s+to|known\s+(?:here\s+|to\s+\w+\s+)?as"
            rf"|(?:last|sur|family|first|given|middle)\s*name(?:\s+(?:is|was|entered\s+as|reads|shows))?))\s*[:-]?\s*[\"'“‘]?(?P<value>{FULL_NAME}|{NAME_WORD})\b",
            0.85,
        ),
        # "Ernestine Holloway (Teeny to everyone on the hall)": a nickname in brackets, then the people who use it.
        LabeledPattern(
            "nickname to everyone",
            rf"\([ \t]*[\"'“‘]?(?P<value>{NAME_WORD}(?:[ \t]+{NAME_WORD})?)[\"'”’]?[ \t]+(?i:to\s+(?:everyone|everybody|all|staff|the\s+staff|us|family|friends))\b",
            0.85,
        ),
        # Initials used as a name: "everyone calls me DJ", "goes by AJ".
        LabeledPattern(
            "initials nickname",
            r"(?i:\b(?:calls?\s+(?:me|him|her)|goes\s+by|go\s+by|aka|nickname\s+is))[ \t]*[\"'“‘]?(?P<value>[A-Z]{2,3})(?![\w-]|\.\w)",
            0.85,
        ),
        LabeledPattern(
            "patient in clause",
            # "our PT clinic (Summit Physical Therapy)" and "Patient Access" name a practice or a department.
            rf"(?i:\b(?:patient|pt)\b(?!-)(?!\s+(?:clinic|practice|office|group|services|department|dept|portal|access|relations|experience"
            # "the patient in room 14 - Adebayo, Olu - never flagged": a dash after a room or bed number too.
            r"|financial|safety|engagement|advocacy|advocate)s?\b))[^.\n;]{0,40}?(?:[,:(]|(?<=\d)[ \t]+[-–—])\s*"
            rf"(?P<value>{FULL_NAME}|{LAST_FIRST})\b(?!\s+(?i:RN|MD|NP|PA)\b)",
            0.6,
        ),
        LabeledPattern(
            "for name",
            r"(?i:\b(?:rx|prescription|claims?|statement|results?|labs?|charts?|orders?|referral|appointment|appt|bill|records?|note|report"
            r"|abstract|encounter|visit|meds|medications?|allergies|dose|refill|reminder|letter|fax|message|form|subscriber|member|ORU|ADT|eligibility"
            r"|EOB|page|check|refund|summary|CD|studies|study|imaging|images|documents?|CCDs?|packet|copy|copies|email|text|reminders?|it"
            # "Medicaid keeps denying for Jean-Baptiste, Wilner": a payer's decision about one patient.
            r"|denying|denied|denials?|rejecting|rejected|rejections?)\b)"
            rf"(?:\s+[\w#./-]+){{0,3}}?\s+(?i:for|of|on|about)\s+(?:(?i:a|an)\s+)?[\"“]?(?!(?:Dr|Doctor|Nurse|Mr|Mrs|Ms|Miss|Prof)\b)(?P<value>{LAST_FIRST}|{FULL_NAME})\b",
            0.6,
        ),
        LabeledPattern("honorific", rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Mme|Mlle|Sra|Srta|Sr|(?i:se[ñn]ora|se[ñn]or|do[ñn]a))\.?\s+(?P<value>{NAME_WORD}(?:\s+{NAME_WORD})?)\b", 0.7),
        # "went to see Mrs. K today", "Reporting for Ms. H.": a patient shortened to an initial.
        LabeledPattern("honorific initial", r"\b(?P<value>(?:Mr|Mrs|Ms|Miss)\.?[ \t]+[A-Z])(?:\.|\b)(?![.'’-]?\p{L})", 0.7),
        # "pt J.R. (Joaquin Reyes-Salinas)": initials after a patient label.
        # Initials before a patient fact or after a room: "J.R. (MRN 4410027)", "(R.O., 72M)", "pt in room 6, J.K.,".
        LabeledPattern(
            "initials before patient fact",
            # "K.M. in bed 12": a bed or room after the initials too.
            r"(?<![\w.])(?P<value>(?:[A-Z]\.){2,3})(?=[ \t]*[,(][ \t]*(?:MRN|DOB|chart|age[ \t]+\d|\d{1,3}[ \t]*(?:[MF]\b|yo\b|y/o|year))"
            r"|[ \t]+in[ \t]+(?:bed|room|rm|bay)[ \t]+\w*\d)",
            0.85,
        ),
        LabeledPattern(
            "initials after room",
            r"(?i:\b(?:pt|patient)\s+in\s+(?:room|rm|bed|bay|chair)\s+\w+)[ \t]*[,(:-][ \t]*(?P<value>(?:[A-Z]\.){2,3})(?![\w])",
            0.85,
        ),
        # "pts A.K.D. and J.R.W.", "Patient initials on our worksheet were R.T.M.", "initials T.M.O., last 4 SSN".
        LabeledPattern(
            "patient initials",
            r"(?i:\b(?:patients?|pts?|initials)(?:[ \t]+initials)?(?:[ \t]+(?:on|in)[ \t]+(?:\w+[ \t]+){1,3}?(?:were|are|was|is))?)[ \t]*:?[ \t]*(?P<value>(?:[A-Z]\.[ \t]?){1,2}[A-Z]\.)(?!\p{L})",
            0.85,
            list_value=r"(?:[A-Z]\.[ \t]?){1,2}[A-Z]\.(?!\p{L})",
        ),
        LabeledPattern(
            "possessive record",
            rf"\b(?P<value>{FULL_NAME})'s\s+(?:[\w-]+\s+)?(?i:chart|record|records|results?|labs?|account|statement|appointments?|meds|medications?"
            r"|MRN|DOB|file|encounter|visit|bill|balance|insurance|portal|AVS|referral|referrals|x-?ray|report|orders?|allergies|history|info"
            r"|mammo(?:gram)?|scan|study|imaging|path(?:ology)?|MRI|CT|ultrasound|echo|EKG|ECG|tests?|notes?|documents?|paperwork|claim|EOB"
            r"|prescription|rx|vaccines?|immunizations?|data|information|name|address|phone|email|SSN|diagnosis|dx|CCD|summary|letter)\b",
            0.85,
        ),
        LabeledPattern("possessive any", rf"\b(?P<value>{FULL_NAME})['’]s\s+(?=[\w-])", 0.5),
        # A name whose accented letters were decoded with the wrong character set: "GonÃ§alves, InÃªs", "BÃ‰LANGER".
        LabeledPattern("garbled accented name", rf"(?<![\p{{L}}'’-])(?P<value>{GARBLED_NAME})(?![\p{{L}}'’-])", 0.6),
        # "student Amani Ochieng-Park was seen today": someone seen at the clinic is a patient.
        LabeledPattern("name then seen", rf"\b(?P<value>{FULL_NAME})[ \t]+(?:was|is|got)[ \t]+seen\b(?![ \t]+(?i:by\s+(?:our|the)\s+(?:auditor|team)))", 0.8),
        # "Call from Olga Semenova about her late husband": a relative calling about a patient.
        LabeledPattern(
            "caller about relative",
            rf"(?i:\b(?:call(?:ed)?\s+from|caller:?|message\s+from|email\s+from))[ \t]+(?P<value>{FULL_NAME})[ \t]+(?i:about|regarding|re:?|for)[ \t]+(?i:her|his|their)[ \t]+(?i:late[ \t]+)?(?i:{RELATIVE_NOUN})\b",
            0.85,
        ),
        # "caught one this morning: Gwendolyn Pryce-Jones, admitted today": only after a comma,
        # since "Sarah Lee admitted the patient" names the physician.
        LabeledPattern(
            "name then admission",
            rf"\b(?P<value>{FULL_NAME}|{LAST_FIRST})[ \t]*,[ \t]*(?:(?:who\s+was|was)[ \t]+)?(?i:admitted|discharged|transferred)\b",
            0.8,
        ),
        LabeledPattern(
            "name before patient fact",
            # The name never ends inside a word: "Whitaker, Newborn Nursery" is no "Whitaker, New" born.
            rf"\b(?P<value>{FULL_NAME}|{LAST_FIRST}|{CAPS_LAST_FIRST}|[A-Z]{{2,}}\s+[A-Z]{{2,}})(?![\p{{L}}'’-])\s*(?:,|\(|[—–|/-])?\s*(?:[A-Z]{{2,4}}\s+(?=(?i:member|subscriber|plan)))?(?:(?i:DOB|D\.O\.B|DOD|date\s+of\s+death|born|MRN|(?:acct|account|member|subscriber|Medicaid|Medicare|chart)(?:\s+(?:id|#|number|no\.?))?\s*[:#]?\s*[A-Z]*\d+|[A-Z]{2,5}\s+ID\s*[:#]?\s*[A-Z]*\d+|date\s+of\s+birth|age\s+\d"
            # "Nadia Farouk logged into her portal": only a patient has a portal of their own.
            r"|(?:logged|signed)\s+(?:in(?:to)?|on(?:to)?)\s+(?:her|his|their)\s+(?:own\s+)?(?:patient\s+)?portal"
            r"|DOS|EOB|passed\s+away|died|(?:a|an|another|the|our)\s+(?:\w+\s+){0,2}?patient|(?:different|other|wrong)\s+patient|\p{Lu}\w+\s+MRN|in\s+(?:rm|room|bed|bay|chair|exam|the\s+(?:chair|room|waiting))|at\s+the\s+counter"
            # "June Castellanos (bed 3W-12)".
            r"|(?<=\()\s*(?:bed|rm|room|bay)\s+[\w-]*\d)\b"
            # "for Honoria Blakesley, 6 East rm 612": a unit and room after a comma.
            r"|(?<=,[ \t]{0,3})(?:[\w-]+[ \t]+){1,2}(?i:rm|room|bed|bay)[ \t]*\#?\d+\w?\b"
            r"|\d{1,3}\s*(?:[MF]|yo|y/o|year[- ]old)\b|(?:19|20)\d{2}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})",
            0.85,
        ),
        LabeledPattern(
            "family member named",
            # "dtr Marisol at bedside": a floor note's abbreviation for daughter.
            rf"(?i:\b(?:child|son|daughter|dtr|kids?|children|baby(?:\s+(?:boy|girl))?|grandson|granddaughter|mother|father|mom|dad|husband|wife"
            r"|sister|brother|aunt|uncle|grandmother|grandfather|grandma|grandpa|sibling|twin)(?:'s)?(?:\s+(?:named|is|are|called))?)"
            # "my wife, Dr. Ellen Marsh": a title starts no relative's name.
            rf"\s*[:,]?\s*\"?(?!(?i:dr|doctor|nurse|prof)\b)(?P<value>{NAME_WORD}(?:\s+{NAME_WORD})?)\b\"?",
            0.8,
            # "daughter Kenzie Albrecht, DoD benefits number ...": a listed name ends at a word's end, not inside "DoD".
            list_value=rf"\"?{NAME_WORD}(?:\s+{NAME_WORD})?(?![\p{{L}}'’-])",
        ),
        LabeledPattern(
            "letter greeting",
            rf"(?i:\b(?:addressed\s+to|saying|said|reads?|read))\s*:?\s*[\"'“‘]?(?i:Dear)\s+(?!(?:Dr|Doctor|Patient|Member|Customer|Sir|Madam)\b)(?P<value>{FULL_NAME}|{NAME_WORD})\b",
            0.85,
        ),
        # "She's Jessamyn Calloway (formerly ...)": a person introduced by a pronoun.
        # "Hi - Fatou Ndiaye here." The policy decides whose name it is: the writer's own in a patient's ticket, staff otherwise.
        LabeledPattern("name here", rf"(?:^|[-–—.!?:][ \t]*|\b(?i:hi|hello|hey)\b[,!]?[ \t]+)(?P<value>{FULL_NAME})[ \t]+here\b", 0.5),
        # "Thank you, Marisol (daughter)": a relative named with the relation in brackets.
        LabeledPattern(
            "name then relation",
            rf"(?P<value>{NAME_WORD}(?:[ \t]+{NAME_WORD})?)[ \t]*\((?i:(?:the[ \t]+)?(?:patient['’]?s|pt['’]?s|his|her)[ \t]+)?(?i:{RELATIVE_NOUN})\)",
            0.8,
        ),
        # "I'm Halina.", "my name is Siobhan Kearney": the writer's own name. The
        # policy keeps it in a staff ticket and removes it in a patient's or relative's.
        LabeledPattern("speaker name", rf"\b(?:(?i:i'm|i’m|i\s+am|im|my\s+name\s+is|this\s+is|(?:call|contact|text|reach)\s+me,|(?:hi|hello|hey)[,!]?[ \t]+(?:it's|it’s|its)))[ \t]+(?!(?:Dr|Doctor|Nurse)\b)(?P<value>{NAME_WORD}(?:[ \t]+{NAME_WORD}){{0,2}})(?=[ \t]*[,.!;]|[ \t]+(?i:and|here|calling|writing|texting)\b)", 0.5),
        LabeledPattern("pronoun is name", rf"\b(?:[Ss]he|[Hh]e)(?:'s|’s|\s+is)[ \t]+(?P<value>{FULL_NAME})\b", 0.6),
        # "I'm his mom (Fatou Camara)": a relative's own name in brackets.
        LabeledPattern(
            "relative in brackets",
            rf"(?i:\b(?:i['’]?m|i\s+am)\s+(?:his|her|their|the)\s+{RELATIVE_NOUN})[ \t]*\([ \t]*(?P<value>{FULL_NAME})[ \t]*\)",
            0.85,
        ),
        # "I, Harold P. Greaves, am disputing ...": a formal letter's writer.
        LabeledPattern("formal letter writer", rf"\bI,[ \t]+(?P<value>{FULL_NAME}),[ \t]+(?i:am|do|hereby|request)\b", 0.85),
        # Chat transcripts: "Visitor (Ahmed): hi my father ...", 'Guest "Fatuma": my son ...'.
        LabeledPattern(
            "transcript visitor name",
            rf"(?i:\b(?:visitor|guest|caller))[ \t]*[(\"“][ \t]*(?P<value>{NAME_WORD}(?:[ \t]+{NAME_WORD})?)[ \t]*[)\"”][ \t]*:",
            0.8,
        ),
        # A portal message header: "Portal message from: JAMAL R. HASSAN".
        LabeledPattern("portal message sender", rf"(?i:\bportal\s+message\s+from)[ \t]*:?[ \t]*(?P<value>{CAPS_NAME}|{FULL_NAME})", 0.85),
        # Appointment reminders quoted in a ticket: "Reminder: Mateo has an appointment 6/21".
        LabeledPattern(
            "reminder name",
            rf"(?P<value>{NAME_WORD}(?:[ \t]+{NAME_WORD})?)[ \t]+(?:has|had)[ \t]+(?:an?[ \t]+)?(?:upcoming[ \t]+)?(?i:appointment|appt|visit)\b",
            0.6,
        ),
        # A sender written as "From: Name <address>" in a pasted or forwarded email.
        LabeledPattern("email header name", rf"(?im:^[>\s]*(?:from|to)\s*:[ \t]*)(?P<value>{FULL_NAME})[ \t]*<", 0.6),
        # Unlabeled all-caps "LAST, FIRST" as in pasted worklists and claim
        # tables. The surname needs 4+ letters so that "RN, BSN" or "PT, OT" do not match.
        # A CSV header ("NAME,DOB,MRN") is no name.
        LabeledPattern("caps last first", rf"(?<![\w^|,-])(?!(?:NAME|LAST|FIRST|PATIENT|FAMILY)\b)(?P<value>\p{{Lu}}{{4,}}(?:[-'’]\p{{Lu}}+)?,[ \t]?(?!(?:DOB|MRN|SSN|DOS|ZIP|PCP|NPI|PHONE|ADDRESS|SEX|GENDER|AGE)\b)(?!I[ \t]+\p{{Ll}})\p{{Lu}}*[AEIOUYÀ-ÖØ-Þ]\p{{Lu}}*(?:[ \t]+\p{{Lu}}{{2,}}(?=[,(\s])|[ \t]+\p{{Lu}}\.?)?)(?![\w^|-])", 0.6),
        LabeledPattern("given name pair", rf"\b(?P<value>{GIVEN_NAME_PAIR})\b(?!['’]s\s+(?i:team|office|group|clinic))", 0.5),
        # Names written in one case carry no capital to go by, so these
        # need a strong cue: a patient label or honorific before them, or a
        # birth date, record number or record word after them.
        LabeledPattern(
            "one-case name after label",
            r"(?i:\b(?:patient|pt|guarantor)\b(?:\s+(?:named|name))?)\s*[:#-]?\s*"
            r"(?:(?P<value>" + CAPS_NAME + r")(?=\s*(?:[,(;]|$|\b(?i:dob|d\.o\.b|born|mrn|age|booking)\b))"
            r"|(?P<value>" + LOWER_NAME + r")(?=\s*(?:'s\b|,?\s*\b(?i:dob|d\.o\.b|born|mrn|age|says|said|can't|cannot|is\s+in|in\s+(?:room|bed|bay|chair))\b)))",
            0.8,
        ),
        LabeledPattern("one-case honorific", rf"(?i:\b(?:mr|mrs|ms)\.?)[ \t]+(?P<value>(?=\p{{Ll}}){ANY_CASE_WORD}(?:[ \t]+(?=\p{{Ll}}){ANY_CASE_WORD})?)", 0.7),
        LabeledPattern(
            "one-case name before birth date",
            rf"(?P<value>{CAPS_NAME}|{LOWER_NAME})(?:[ \t]*[,(]?[ \t]*\b(?i:dob|d\.o\.b\.?|date\s+of\s+birth|birth\s*date|born)|[ \t]*[,(][ \t]*(?i:mrn))\b",
            0.8,
        ),
        LabeledPattern(
            "one-case possessive record",
            # "it opened DIAGO LOPEZ-RUIZ's record", "went out with maureen o'brien's report".
            rf"(?i:\b(?:on|for|of|at|about|re:?|with|opened|showed|pulled\s+up|brought\s+up|into)\s+)(?P<value>{CAPS_NAME}|{LOWER_NAME})['’]s\s+(?:[\w-]+\s+)?"
            r"(?i:chart|record|records|results?|labs?|account|statement|appointments?|appt|meds|medications?|refill|rx|prescription|portal|referral"
            r"|orders?|allergies|claim|bill|balance|report|x-?ray|file|avs|summary|info)\b",
            0.8,
        ),
        # A chart's "Family, Given" with a cue before it: "for Petrosyan, Armen resulted", "rm 517 (Kapoor,
        # Devika)", "a K of 6.8 on Whitely, Dorcas". The given name must be listed (see accept).
        LabeledPattern(
            "family comma given",
            rf"(?:\(|\b(?i:for|on|pt|patient|re|about|is)\s+|\b(?i:rm|room|bed|bay)\s*\d+\w?\s*[-,:]?\s*)"
            rf"(?P<value>{NAME_WORD},[ \t]*{NAME_WORD})(?=[ \t]*(?:[),.;:]|\s+(?i:in|on|at|to|resulted|who|was|is|has|had)\b))",
            0.6,
        ),
        # Newborns are registered before they are named: "BABYGIRL ADJEI", "Baby Boy Okoro".
        LabeledPattern("newborn name", r"(?:(?i:\bbaby[ -]?(?:girl|boy))|\bBB|\bBG|\bBOY|\bGIRL)[ \t]+(?P<value>\p{Lu}[\p{L}'’-]+)", 0.85),
        # "a man named Gerald", "a woman named Rosa Diaz": another person in a patient's story.
        LabeledPattern(
            "person named",
            rf"(?i:\b(?:(?:a|an|another)\s+(?:man|woman|boy|girl|gentleman|lady|person|patient|child|kid|teen|teenager)|someone|somebody)\s+(?:named|called))\s+(?P<value>{FULL_NAME}|{NAME_WORD})\b",
            0.85,
        ),
        # "a refill request from Nadia Petrenko never showed up": a patient's request or message.
        LabeledPattern(
            "request from name",
            rf"(?i:\b{REQUEST_WORDS}|\b(?:message|voicemail|complaint)s?)\s+(?i:from)\s+(?P<value>{FULL_NAME})\b",
            0.6,
        ),
        # "Caller Jun-seo Park, calling for his wife": a call summary's caller is a patient or
        # relative unless the policy finds a staff cue ("Caller: Ana Diaz from Dr. Lee's office").
        LabeledPattern("caller name", rf"(?i:\bcaller)(?:[ \t]+(?i:is|was|name))?[ \t]*[:-]?[ \t]*(?P<value>{LAST_FIRST}|{FULL_NAME})\b", 0.6),
        # "the Osei lady", "the Nguyen baby": a family name used to point at a patient.
        LabeledPattern(
            "the surname person",
            rf"\b(?i:the)[ \t]+(?P<value>{NAME_WORD})[ \t]+(?i:lady|gentleman|guy|woman|man|boy|girl|kid|kids|baby|twins|family)\b",
            0.7,
        ),
        LabeledPattern("quoted nickname", rf"(?<![\p{{L}}])(?P<value>{NICKNAME_NAME})(?![\p{{L}}])", 0.8),
        # "Bobby (that's what he goes by)": the nickname before the cue.
        LabeledPattern("nickname before goes by", rf"(?P<value>{NAME_WORD})[ \t]*\((?i:that'?s\s+what\s+)?(?i:he|she|they)\s+(?i:goes|go)\s+by\)", 0.8),
        # A name spelled out letter by letter after it: "that's A-D-E-B-A-Y-O".
        LabeledPattern("spelled name", r"(?i:\b(?:that's|that\s+is|spelled|spelling|spell\s+it))[\s,:]*(?P<value>(?:[A-Z][-. ]){3,}[A-Z])(?![\w-])", 0.85),
        # Key-value log lines: "name='Kaur Sandhu, Harpreet'", "pt_name=DOE, JANE".
        LabeledPattern(
            "log field name",
            rf"(?i:\b(?:pt_?name|patient_?name|pname|name))\s*=\s*['\"]?(?P<value>(?:{NAME_WORD}[ \t]+)?{LAST_FIRST}|{FULL_NAME}|{CAPS_LAST_FIRST})",
            0.85,
        ),
        # An app's JSON with a patient object: {"patient":{"first_name":"Tomás","last_name":"Ferreira"}}.
        LabeledPattern(
            "patient json first name",
            r"\"(?i:patient|pt|member|subscriber|guarantor)\"\s*:\s*\{[^{}]*?\"(?:first_?name|firstName|given_?name|givenName)\"\s*:\s*\"(?P<value>[^\"\n]{1,40})\"",
            0.85,
        ),
        LabeledPattern(
            "patient json last name",
            r"\"(?i:patient|pt|member|subscriber|guarantor)\"\s*:\s*\{[^{}]*?\"(?:last_?name|lastName|family_?name|familyName|surname)\"\s*:\s*\"(?P<value>[^\"\n]{1,40})\"",
            0.85,
        ),
        LabeledPattern("caret name", r"(?<![\w|^])(?P<value>[A-Za-z][A-Za-z'-]+\^[A-Za-z][A-Za-z'-]+(?:\^[A-Za-z'-]*)?)(?![\w^])", 0.9),
    )

    # A religious title with no possessive before it: "Thank you, Sister ...", not "my Sister ...".
    RELIGIOUS_TITLE_BEFORE = regex.compile(
        rf"(?<!\b(?i:my|her|his|their|our|the|patient['’]s|pt['’]s)\s)\b(?:{'|'.join(sorted(RELIGIOUS_TITLES))})[ \t]+$"
    )
    # Capitalized words that follow "patient" without being a name.
    NOT_NAMES = frozenset(
        {
            "Portal", "Room", "Chart", "List", "Lists", "Record", "Records", "Name", "Names", "Access", "Search", "Safety",
            "Care", "Intake", "Statement", "Statements", "Matching", "Merge", "Header", "Banner", "Summary", "Summaries",
            "Education", "Messaging", "Message", "Messages", "Id", "ID", "Is", "The", "An", "In", "On", "With", "From",
            "Experience", "Payments", "Payment", "Balance", "Index", "Master", "Registration", "Demographics", "Hub", "App",
            "Kiosk", "Check", "Medicare", "Medicaid", "Health", "Services", "Center", "Access", "Lookup", "Finder",
            "If", "When", "Also", "But", "And", "So", "Then", "Please", "Thanks", "Hi", "Hello", "Dear", "PS", "Our", "We", "They",
            # An NCPDP reject text: "Patient Is Not Covered".
            "Not", "Covered",
            # "Patient Rosa Delgado DOB ...": the label before a name is no part of it.
            "Patient", "Pt", "Client", "Resident",
        }
    )

    def accept(self, *, text: str, start: int, end: int, pattern_name: str) -> bool:
        """Drop matches whose words are product, screen or place names, or that follow a title."""
        value = text[start:end]
        if "^" in value:
            # "pertussis^LN" is coded text and its coding system, not a name.
            return value.split("^")[1].upper() not in CODING_SYSTEMS
        if TITLE_BEFORE.search(text[max(0, start - 10) : start]):
            return False
        words = NAME_SEPARATORS.split(value)
        if any(word in self.NOT_NAMES for word in words):
            return False
        # "Thank you, Sister Agnes Mbeki, Nurse Educator": a religious title, not a relative.
        if pattern_name == "family member named" and self.RELIGIOUS_TITLE_BEFORE.search(text, max(0, start - 30), start):
            return False
        if pattern_name == "name in room number":
            # Imported here: phi.names reads this module's word lists when it loads.
            from phi.names import fold, load_list

            if not any(fold(word) in load_list(file_name="given.txt") and word.lower() not in COMMON_WORDS for word in words):
                return False
        if pattern_name == "family comma given":
            # Imported here: phi.names reads this module's word lists when it loads.
            from phi.names import fold, load_list

            if fold(words[-1]) not in load_list(file_name="given.txt"):
                return False
        # After "patient" or a title a place word is still a surname ("pt Ellen Park", "Ms. Park").
        if pattern_name in ("patient label", "honorific", "caps last first", "patient in clause", "caller name"):
            return True
        # After a relative word, or beside a given name under a patient cue, a place word
        # may be a surname: "her husband Park Jae-won", "the chart for Park Ji-woo".
        given_beside = pattern_name != "given name pair" and any(word in GIVEN_NAMES or ROMANIZED_GIVEN.fullmatch(word) for word in words)
        allowed = PLACE_SURNAMES if pattern_name == "family member named" or given_beside else frozenset()
        # "June Castellanos (bed 3W-12)": before a patient fact a month is a given name.
        if pattern_name == "name before patient fact":
            allowed = allowed | MONTH_GIVEN_NAMES
        return not any(word.lower() in INSTITUTION_WORDS and word.lower() not in allowed for word in words)

    def trimmed_start(self, *, text: str, start: int, end: int) -> int | None:
        """Drop a sentence word taken as the first of three name words: "Also Tamsin Oduya" becomes "Tamsin Oduya"."""
        words = NAME_SEPARATORS.split(text[start:end])
        if len(words) < 3 or words[0] not in self.NOT_NAMES:
            return None
        return NAME_SEPARATORS.match(text, start + len(words[0])).end()



class LocalPhoneRecognizer(LabeledValueRecognizer):
    """Seven-digit local phone numbers such as 555-0193, bracketed area codes, and numbers read out digit by digit.

    Python's phonenumbers needs an area code for a US number. Voicemail
    transcripts spell numbers out ("five five five, oh one eight, two two
    nine oh"): seven to eleven digit words in a row count. The policy keeps
    these only next to patient words, so clinic lines stay in the ticket.
    NOTE: "double five" and "fifty-five" style readings are not matched.
    """

    ENTITY = "PHONE"
    PATTERNS = (
        # "1-555-0187": a long-distance 1 before a seven-digit number.
        LabeledPattern("seven digit", r"(?<![\w-])(?P<value>(?:1-)?\d{3}-\d{4})(?![\w-])", 0.4),
        # "his phone is 555 0139", "call me 555 0158": a space instead of the hyphen, only after a phone word.
        LabeledPattern("spaced after phone word", r"(?i:\b(?:phone|cell|mobile|number|call\s+me|callback|call\s+back|tel)\b[^\n\d]{0,12}?)(?<![\w-])(?P<value>\d{3} \d{4})(?![\w-])", 0.4),
        # "(555) 010-4478": an exchange starting with 0 or 1 is not a valid US
        # number, so Presidio's phone recognizer skips it, but sample tickets use such numbers.
        LabeledPattern("area code in brackets", r"(?<![\w-])(?P<value>\(\d{3}\)[ \t]?\d{3}[-. ]\d{4})(?![\w-])", 0.4),
        LabeledPattern("spoken digits", rf"(?i:\b(?P<value>{SPOKEN_DIGIT}(?:[\s,.-]+{SPOKEN_DIGIT}){{6,10}})\b)", 0.4),
    )
