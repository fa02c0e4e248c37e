"""Turn analyzer results into the spans to remove, their placeholders and phi_risk.

Presidio reports candidates. This module decides, for each one, whether it
is patient data (removed, sets phi_risk), other personal data (removed, no
phi_risk) or staff and operational text that the classifier needs (kept).
"""

import functools
from dataclasses import dataclass, replace

import regex
from presidio_analyzer import RecognizerResult

from phi.base import LIST_JOINER
from phi.dates import ANY_DATE, MONTH, MONTH_ABBREVIATION, SPOKEN_DAY_OF_MONTH
from phi.fhir import PATIENT_RESOURCES, RESOURCE_TYPE
from phi.names import PATIENT_LABELS, PRODUCT_NAMES, fold, load_list
from phi.operational import find_operational_spans, find_shape_spans
from phi.recognizers import (
    CAPS_LAST_FIRST,
    COMMON_WORDS,
    FULL_NAME,
    INSTITUTION_WORDS,
    LAST_FIRST,
    NAME_WORD,
    ORGANIZATION_TYPE_WORDS,
    PLACE_SURNAMES,
    RELATIVE_NOUN,
    PortalUsernameRecognizer,
    REQUEST_WORDS,
    ROMANIZED_GIVEN,
    WRITING_FOR_RELATIVE,
)
from phi.tables import find_staff_roster_cells, find_table_cells
from phi.tagger import RECOGNIZER_NAME as TAGGER_NAME
from phi.tagger import TAGGED_PREFIX

PLACEHOLDERS = {
    "PATIENT_NAME": "<PATIENT_NAME>",
    "DOB": "<DOB>",
    "DATE_OF_SERVICE": "<DATE_OF_SERVICE>",
    "MRN": "<MRN>",
    "SSN": "<SSN>",
    "MEMBER_ID": "<MEMBER_ID>",
    "ACCOUNT_NUMBER": "<ACCOUNT_NUMBER>",
    "PHONE": "<PHONE>",
    "EMAIL": "<EMAIL>",
    "ADDRESS": "<ADDRESS>",
    "PORTAL_USERNAME": "<PORTAL_USERNAME>",
    "RX_NUMBER": "<RX_NUMBER>",
    # The serial of a pump, pacemaker or sensor that one patient wears.
    "DEVICE_ID": "<DEVICE_ID>",
    # An identifier the learned tagger found without a label that names its kind.
    "PATIENT_ID": "<PATIENT_ID>",
    "DRIVER_LICENSE": "<DRIVER_LICENSE>",
    "PASSPORT": "<PASSPORT>",
    "CREDIT_CARD": "<CREDIT_CARD>",
}

# Presidio entity names mapped to ours, with the lowest score accepted.
# Presidio's US license and passport patterns score 0.01 to 0.3 on any long
# number, so they count only after a context word raised them. NOTE: context
# words are matched on lemmas, and the lemmatizer is disabled (see
# phi.engine), so in practice license and passport numbers are not reported.
# The Medicare MBI format is specific enough to accept at its base score.
PRESIDIO_ENTITIES = {
    "PHONE_NUMBER": ("PHONE", 0.0),
    "EMAIL_ADDRESS": ("EMAIL", 0.0),
    "US_SSN": ("SSN", 0.5),
    "US_ITIN": ("SSN", 0.5),
    "CREDIT_CARD": ("CREDIT_CARD", 0.9),
    "US_DRIVER_LICENSE": ("DRIVER_LICENSE", 0.6),
    "US_PASSPORT": ("PASSPORT", 0.6),
    "US_MBI": ("MEMBER_ID", 0.3),
}

# Name patterns that guess from shape or nearby words, not from a patient label.
PATIENT_NAME_GUESSES = frozenset(
    {
        "PatientNameRecognizer:honorific",
        "PatientNameRecognizer:honorific initial",
        "PatientNameRecognizer:patient in clause",
        "PatientNameRecognizer:for name",
        "PatientNameRecognizer:example name",
        "PatientNameRecognizer:possessive any",
        "PatientNameRecognizer:dear name",
        "PatientNameRecognizer:name label",
        "PatientNameRecognizer:pronoun is name",
        "PatientNameRecognizer:reminder name",
        "PatientNameRecognizer:email header name",
        "PatientNameRecognizer:caps last first",
        "PatientNameRecognizer:given name pair",
        "PatientNameRecognizer:name here",
        "PatientNameRecognizer:speaker name",
        "PatientNameRecognizer:caps name label",
        "PatientNameRecognizer:the surname person",
        "PatientNameRecognizer:caller name",
        "PatientNameRecognizer:request from name",
        "PatientNameRecognizer:family comma given",
        "PatientNameRecognizer:bed bracket name",
    }
)
# Recognizers and patterns whose hits are checked against operational spans
# and staff context. Everything else was found after a patient label or in a
# structured patient field, so it is trusted.
WEAK_SOURCES = PATIENT_NAME_GUESSES | {
    "SpacyRecognizer",
    "PhoneRecognizer",
    "UsSsnRecognizer",
    "UsItinRecognizer",
    "UsLicenseRecognizer",
    "UsPassportRecognizer",
    "CreditCardRecognizer",
    "UsMbiRecognizer",
    "OfflineEmailRecognizer",
    "PatientDateRecognizer:old full date",
    "ListedNameRecognizer",
    "LocalPhoneRecognizer",
    "SocialSecurityNumberRecognizer:dashed",
    "StreetAddressRecognizer:number street suffix",
    "PortalUsernameRecognizer:bare username",
}
# Names that need the staff check: NER guesses, honorifics and name-list guesses.
NAME_GUESS_SOURCES = PATIENT_NAME_GUESSES | {
    "SpacyRecognizer",
    "ListedNameRecognizer:title case",
    "ListedNameRecognizer:one case",
    "ListedNameRecognizer:last first",
    "ListedNameRecognizer:given first",
    "ListedNameRecognizer:family surname",
    "ListedNameRecognizer:relative given name",
}

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "mme", "mlle", "sr", "sra", "srta", "jr"})
TITLES = frozenset(
    {"dr", "dr.", "doctor", "nurse", "prof", "prof.", "professor", "np", "pa", "rn", "ma", "lpn", "md", "do", "crna", "pharmacist", "st", "st.", "saint",
     "officer", "manager", "director", "coordinator", "counselor", "custodian", "supervisor", "administrator", "analyst", "therapist"}
)
TITLE_BEFORE = regex.compile(r"(?:\b(?i:dr|doctor|nurse|prof|professor|sgt|sergeant|lt|lieutenant|capt|captain|deputy|officer|det|detective)\.?|\b(?:NP|PA|PA-C|RN|MA|LPN|PharmD|CNM|CRNA|FNP|APRN|CNA|CMA|LCSW|DPT))[ \t]*$")

# "Example: Leocadia Ferraz, registration has 5RT2-KD8-XN41": a department that starts the next clause is no post of the name before it.
DEPARTMENT_AS_SUBJECT = r"(?![ \t]+(?i:has|had|shows|showed|sent|entered|keyed|typed|lists|listed|put)\b)"
ROLE_AFTER = regex.compile(
    # "Marie Etienne in clinic now" is where a patient is, not a staff role.
    r"^(?![ \t]+in\s+(?:the\s+)?(?:clinic|office|room|exam|bed|chair|waiting)\b)"
    # "Tom Becker, interface analyst": one or two lower-case words may come before the role.
    r"[ \t]*(?:[,(|/\-–—:]|\bfrom\b|\bin\b|\bat\b|\bwith\b|\bon\b)?[ \t]*\n?[ \t]*(?:the\s+|our\s+|vendor\s+|client\s+)?(?:[A-Z][A-Za-z&]*(?:\.|['’]s)?\s+){0,3}?(?:(?!(?:her|his|their|my|your)\b)[a-z]{3,}\s+(?:[a-z]{3,}\s+)?(?=\w+\b[ \t]*(?:[,.;)\n]|$)))?"
    # Credentials and IT are case-sensitive so that "it" and "do" are not roles.
    r"(?:(?:RN|MD|DO|NP|PA|PA-C|LPN|CNA|CMA|MA|FNP|DNP|PharmD|PhD|DDS|DMD|CRNA|APRN|LPC|LCSW|LICSW|LMFT|LMHC|PsyD|BCBA|MSW|RDH|OTR|SLP|IT|HR|PM|CISO|CTO|CPO|VP)\b"
    r"|(?i:manager|mgr|mgmt|director|dir\.|coord\.?|asst\.?|supv\.?|analyst|admin|administrator"
    r"|supervisor|coordinator|specialist|lead|nurse|physician|provider|doctor|surgeon|engineer|biller|billing|coder|coding|tech|technician"
    r"|receptionist|reception|scheduler|scheduling|officer|counsel|management|front\s+desk|registration|HIM|compliance|privacy|security"
    r"|informatics|pharmacist|pharmacy|charge|CEO|CFO|CIO|CMO|CMIO|CNO|COO|owner|consultant|dept|department|team|office|practice"
    r"|clinic|help\s*desk|support|operations|ops|on-call|hospitalist|resident|fellow|attending|staff|intern|assistant|auditor|investigator"
    r"|liaison|navigator|rep|representative|champion|superuser|trainer|educator|counselor"
    r"|posting|collections|credentialing|contracting|payroll|finance|accounting|clerk|sales)\b)"
    # "Agnes Wojcik   MA ID 5100238841": Pennsylvania's Medical Assistance ID, not a medical assistant.
    r"(?![ \t]*(?:ID\b|\#))"
    rf"{DEPARTMENT_AS_SUBJECT}"
    # "Dominic Okafor on your side", "Priya from our end", "Ana Ruiz from your onboarding team".
    r"|^[ \t]+(?:on|from|at|with)\s+(?:your|our|their|the\s+vendor)\s+(?:[\w-]+\s+){0,2}?(?:side|end|team|office|department|group|staff)\b"
)
ROLE_BEFORE = regex.compile(
    r"(?i:(?:\b(?:dr|doctor|nurse|provider|physician|surgeon|attending|colleague|coworker|co-worker|manager|director|admin"
    r"|administrator|supervisor|biller|coder|tech|receptionist|scheduler|coordinator|cc|attn|contact|call|ask\s+for|reach|paging|page"
    r"|user|staff|employee|hire|analyst|locum|resident|pharmacist|therapist|signed\s+by|thanks|thank\s+you|thx|regards|best"
    r"|cheers|sincerely|on-call|on\s+call|i\s+am|i'm|this\s+is|from|(?<!\bgoes\s)(?<!\bgo\s)by|for\s+user|prescriber|hospitalist|CMIO|CNO|CIO|counsel"
    # "Give Stella access to the coding queue? Same as Mike Ferris.": a colleague's setup to copy.
    r"|same(?:\s+\w+)?\s+as)\b\.?)[\s:,(]*)$"
    # "Front desk Ms. Harriet Fenn took the call".
    r"|(?i:\b(?:front\s+desk|receptionist)[\s:,(]*(?:(?:mr|mrs|ms|miss)\.?\s+)?)$"
    r"|(?i:\b(?:on-call|on\s+call|contact|manager|supervisor|lead|coordinator|analyst)\s+(?:is|was)\s+)$"
    # Credentials before a name are case-sensitive: "NP Carla", not "pa".
    # "OM Helen Cheng", "AM Boris": office and account managers; "our GC, Thomas Avery": general counsel.
    # "Our PIC Mona Alcott": a pharmacy's pharmacist in charge.
    r"|\b(?:NP|PA|RN|MA|LPN|OM|AM|PM|GC|PIC)[\s:,(]*$"
)
NEW_STAFF_BEFORE = regex.compile(
    # "our new aesthetician Giulia Romano": a new team member's job title, whatever it is.
    r"(?i:\bour\s+new\s+(?!patient|pt|client|member|resident)\w+(?:ian|ist|er|or|ant)s?\b)|"
    r"(?i:\b(?:new|our|locum|covering|traveling|travel|per\s+diem)\s+(?:grad(?:uate)?\s+)?(?:hire|MA|nurse|provider|staff|employee|user|biller|coder"
    r"|doc|doctor|physician|scheduler|receptionist|tech|resident|NP|PA|RN|manager|admin|scribe|intern|student|PTA|PT|OT|COTA|SLP|aide"
    r"|CNM|CRNA|midwife|hospitalist|pharmacist|therapist|LPN|CNA|LCSW|LPC|LMFT|LMHC|counselor|physicist|dosimetrist)s?\b)"
)
# "- Jane" or "— Priya S, HIM" signs off only when nothing but a role follows
# on the line; "- Darlene Huxley, member ID ..." is a bullet in a patient list.
DASH_BEFORE = regex.compile(r"(?:^|(?<=\s))[-–—~][ \t]*$")
# "the patient in L&D room 3 - Aisha Bello, G2P1": a dash after a room or bed number leads to its occupant.
ROOM_DASH_BEFORE = regex.compile(r"(?i:\b(?:room|rm|bed|bay|exam|stretcher|chair|pod)\b[ \t]*#?[ \t]*\w{0,4}[ \t]+[-–—][ \t]*)$")
# The closing "-- Role, Name, 555-0104" after the last dash of a ticket, up to the end of the text.
SIGN_OFF_BLOCK = regex.compile(r"(?:(?:^|\s)(?:--|[–—~]|-(?=\s))|(?<=[.!?])(?=[ \t]+\p{Lu}[^\n]{0,60}?(?:\d{3}-\d{4}|(?i:ext\.?)\s*\d)))[ \t]*(?P<block>(?:(?!\s(?:--|[–—~]|-\s))[^\n]){2,100}?)[ \t.]*\s*\Z")
# "patient" in lower case only: "Patient Access" and "Patient Relations" are departments.
PATIENT_FACT_IN_BLOCK = regex.compile(r"\b(?:patient|pt)\b|(?i:\b(?:DOB|MRN|acct|account|member|born|my|mom|dad|mother|father|son|daughter|wife|husband)\b)")
# "- TORRES, ADRIÁN (DOB ...)" is a list item about a patient, not a sign-off.
# A phone number after the name is a signature's, not a patient fact: "Terrence Hollis, 555-0128".
PATIENT_FACT_AFTER = regex.compile(
    r"[ \t]*[,(–—-]?[ \t]*(?i:DOB|D\.O\.B|born|MRN|acct|account|member|age\b|Rx\b|(?!(?:\(?\d{3}\)?[ .-]?)?\d{3}[ .-]\d{4}\b)\d)"
    # "- Trinity Vo, SSID 1029384756", "Curtis Lavigne / 9MD4-VT1-KC82", "Bodhi Sorensen – kit 2417733090": a
    # list row's identifier after the name. A staff line's NPI, extension, license or login is no patient fact.
    r"|[ \t]*[,/–—-][ \t]*(?:(?!(?i:NPI|DEA|ext|tel|phone|ph|cell|mobile|fax|pager|lic|license|badge|user|login|employee|staff|provider)\b)[A-Za-z]{2,10}(?:[ \t]+(?:ID|\#|no\.?))?[ \t]*[:#]?[ \t]*)?"
    r"(?!(?:\(?\d{3}\)?[ .-]?)?\d{3}[ .-]\d{4}\b)(?=[A-Z0-9-]*\d[A-Z0-9-]*\d[A-Z0-9-]*\d[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{4,19}\b"
)
# A second dash leads to a capitalized role ("- Priya S - HIM"), not to a
# sentence ("- Jayden Hernandez - is in the peds room").
DASH_SIGN_OFF_AFTER = regex.compile(r"[ \t]*(?:$|[,|(/]|[-–—][ \t]*\p{Lu})", regex.MULTILINE)
# A staff role named earlier in the clause: "Her supervisor is Ellen Marsh",
# "our only pharmacist on tonight, Ben Rutledge", "new HIM clerk, Sunita Rao".
ROLE_NOUN = regex.compile(
    r"(?i:\b(?:supervisor|manager|mgr|pharmacist|clerk|coder|biller|nurse|scheduler|specialist|auditor|analyst|coordinator|director"
    r"|administrator|admin|lead|physician|provider|hospitalist|LPN|tech|technician|receptionist|employee|hire|staff"
    # A "personal rep" acts for a patient or a decedent; other reps are staff or vendors.
    r"|user|colleague|consultant|resident|therapist|counsel|counselor|attorney|officer|(?<!personal\s)(?<!authorized\s)(?:rep|representative)|contact|intern|student|locum"
    r"|aide|custodian|liaison|navigator|caseworker|teacher|principal|coach|case\s+manager|social\s+worker|champion|superuser|trainer|educator|preceptor|mentor|abstractor|clinician|preventionist|epidemiologist|dietitian|nutritionist"
    r"|advocate|predecessor|successor"
    r"|phlebotomist|sonographer|technologist|radiographer|paramedic|EMT|replacement|operator|dispatcher|midwife|chaplain|interpreter|credentialer|(?:billing|office|desk)\s+(?:lady|guy|person)"
    r"|physicist|dosimetrist"
    r"|CNO|CMIO|CEO|CFO|CIO|CMO|COO|CISO|CTO|CSO|CPO|VP|president|owner|hygienist|assistant|dentist|chiropractor|optometrist|(?<!\b(?:her|his|their|my|your|domestic|life)\s+)partner|controller"
    r"|registrar|eng|engineer|engineering|informatics|relations|capture|RHIA|RHIT|scribe|compliance|systems|service\s+desk|help\s*desk"
    r"|doctors|providers|nurses|employees|users|schedulers|billers|coders|hires)s?\b)|\b(?:NP|PA|RN|MA|HR|IT|DON)s?\b|\bthe\s+AM\b"
)
# Staff cues after a name: "Kurt Lind effective today, he resigned",
# "Her name is Priya Das. Her manager set her up".
STAFF_AFTER = regex.compile(
    r"(?i:^[^\n]{0,30}?\b(?:he|she)(?:\s+(?:resigned|retired|quit|left|starts|started)\b|(?:\s+is|'s|’s)\s+(?:one\s+of\s+)?(?:our|the|a|an)\b"
    # "she's a new patient", "he is our youngest client" name a patient.
    r"(?!\s+(?:[\w-]+\s+){0,2}?(?:patient|pt|client|member|resident|minor|child|kid|baby|student|senior|veteran)s?\b))"
    r"|^[^\n]{0,40}?\b(?:her|his)\s+(?:manager|supervisor|role|roles|badge|permissions?|inbox|worklist|work\s+queue|templates|credentials)\b"
    r"|^[^\n.]{0,90}?\b(?:workspace|with\s+the\s+[\w -]{1,30}\s+role|security\s+group)\b"
    # A role in brackets in any case: "(site mgr)", "(night lead)".
    r"|^\s*\((?:[\w&.-]+\s+){0,3}(?:mgr|manager|lead|supervisor|director|coordinator|admin|charge)\))"
    # A pasted team chat line: "Alicia Romero 9:14 AM: how do I merge ...".
    # A chat export puts the message on the next line: "Ama Owusu-Ansah 9:02 AM".
    r"|^[ \t]+\d{1,2}:\d{2}[ \t]*(?i:[ap]\.?m\.?)?[ \t]*(?::|\n)"
    # "Ana Ruiz replied: on it": support or practice staff replying in a thread.
    r"|^[ \t]+(?i:replied|responded)\b"
    # "per Kevin O'Brien's instructions", "her name is Lourdes, starting monday".
    r"|^['’]s\s+(?i:instructions|team|office|desk|extension|approval|direction|signature|clinic|practice|patients|schedule|inbox|panel)\b"
    r"|^,?[ \t]+(?i:who\s+)?(?i:starts|starting|started|begins|joins|joined|onboarding)\b"
    # A staff role first in brackets, then more: "(unit clerk, 3 South)".
    r"|^[ \t]*\((?:[\w&.-]+[ \t]+){0,2}?(?:" + ROLE_NOUN.pattern + r")[,;)]"
)
# A department or team label right before a name: "Integration: Parker
# Ellis", "security team (Reagan Ford)", "Contact at HIE: Trent Baldwin".
DEPARTMENT_BEFORE = regex.compile(
    r"(?i:\b(?:team|audit|integration|receivable|payable|prevention|quality|security|privacy|compliance|side|legal|risk|informatics"
    r"|credentialing|contracting|owner|custodian|project\s+lead|contact(?:\s+(?:at|for|with|on)\s+[\w&.-]+)?|bank|lab|laboratory|pharmacy"
    r"|radiology|billing|registration|desk|department|dept|services|support|posting|collections|pharm|coding|office"
    r"|pathology|histology|cytology|microbiology|nursery)[ \t]*[:(][ \t]*)$"
    # Case-sensitive, so that "the name on it: Frances Lindgren" is no IT department.
    r"|\b(?:QI|IT|HIM|HR)[ \t]*[:(][ \t]*$"
    r"|(?i:\b(?:our|my)\s+(?:[\w-]+\s+){0,3}?(?:person|contact|rep)\s+(?:is|was)\s+)$"
    # "per my conversation with Dominic Okafor": a colleague at the vendor or the practice.
    r"|(?i:\bper\s+(?:my|our)\s+(?:conversation|call|discussion|email|chat|meeting)\s+with\s+)$"
)
# A greeting or a sentence start before an introduced name.
# "Hi team, Sandra Mitchell from ...": the greeting may name its readers.
INTRODUCTION_BEFORE = regex.compile(
    r"(?:^|[.!?\n][ \t]*|(?i:\b(?:hi|hello|hey|good\s+(?:morning|afternoon|evening))\b(?:[ \t]+(?:team|all|everyone|there|folks|support))?)[,!]?[ \t]+"
    # "Hey, it's Kimberly Nwosu from Grandview Physical Therapy".
    r"|(?i:\b(?:it'?s|it’s|this\s+is)[ \t]+))$"
)
ORGANIZATION_FROM_AFTER = regex.compile(r"[ \t]+from[ \t]+(?:the[ \t]+)?(?P<organization>(?:\p{Lu}[\w&'’.-]*[ \t]*){1,5})")
# "now the portal wont let me in": a writer's trouble with their own portal.
OWN_PORTAL = regex.compile(r"(?i:\b(?:i|my|me)\b[^.\n]{0,60}\bportal\b|\bportal\b[^.\n]{0,60}\b(?:i|my|me)\b)")
# After a closing name: nothing, or a role after a comma, dash or bracket, to the end of the ticket.
CLOSING_AFTER = regex.compile(r"[ \t]*(?:[,(–—-][^\n.!?]{0,50})?[ \t.)!]*\s*\Z")
# Before a closing name in its sentence: up to six words ending in a comma, colon or bracket ("Sunset Home Care,"), or nothing.
CLOSING_LEAD = regex.compile(r"[ \t]*(?:(?:[\w&'’./-]+[ \t]+){0,5}[\w&'’./-]+[ \t]*[,:(][ \t]*)?")
LINKING_WORD = regex.compile(r"(?i:\b(?:for|about|re|regarding|of|is|was|to|with|on|from|the|his|her|their|named|called)\b)")
# "Madison Carver is the analyst on our side", "Avery Knox is the project lead".
STAFF_IS_ROLE_AFTER = regex.compile(
    r"[ \t]+(?:is|was)\s+(?:the|our|an?|one\s+of\s+(?:our|the))\s+(?:[\w-]+\s+){0,3}?(?:" + ROLE_NOUN.pattern + r"|(?i:\b(?:person|owner)\b))"
)
# A staff login in brackets: "Marcus Lee (mlee4)", "Chloe Anders (username canders)".
# After "a client," or "patient" the login is a portal user's. A bare login
# is in lower case: "Mrs. Chowdhury (Nasrin)" gives a first name.
# "someone else (Miguel Torres, mtorres) to be admin": a staff member's name and login in brackets.
NAME_LOGIN_IN_BRACKETS_AFTER = regex.compile(r"[ \t]*,[ \t]*(?:(?:user(?:name)?|login|id)[ \t:]*)?[a-z][a-z0-9._-]{2,}[ \t]*\)")
STAFF_LOGIN_AFTER = regex.compile(
    r"^\s*\((?!(?i:mom|dad|mother|father|wife|husband|son|daughter|guardian|parent|self|patient|family)\))"
    r"(?:(?i:username|user|login)\s+[A-Za-z]|[a-z])[A-Za-z0-9._-]{2,}\)"
)
LOGIN_BEFORE = regex.compile(r"(?<![\w.@-])(?P<login>[a-z][a-z0-9._-]{2,})[ \t]*\([ \t]*$")


def _login_of(*, login: str, name: str) -> bool:
    """Tell whether a lower-case word is built from the name like a login: "sflores" or "sam.flores" for Sam Flores."""
    words = [fold(word) for word in NAME_SPLIT.split(name) if word]
    if len(words) < 2:
        return False
    letters = regex.sub(r"[^a-z]", "", login)
    first, last = words[0], words[-1]
    return letters.startswith(first[0]) and last in letters
PATIENT_NOUN = regex.compile(r"(?i:\b(?:patient|pt|client|member|guarantor|resident)s?\b)")
STAFF_ACTION_BEFORE = regex.compile(
    # A patient's portal account is not a staff account: "unlock portal for ..." names a patient.
    r"(?i:\b(?:disable|deactivate|terminate|remove|unlock|reset|provision|create|add)\s+(?!(?:\w+\s+){0,3}?portal\b)(?:\w+\s+){0,4}?for\s*$"
    r"|\b(?:grant|give)\s+(?:\w+\s+){0,3}?(?:role|access|rights|permissions?)\s+to\s*$|\bcovering\s+for\s*$|\bsame\s+(?:role|roles|template|access|permissions?|profile|rights)(?:\s+\w+)?\s+as\s*$"
    r"|\b(?:transfer|reassign|assign|forward|route)\s+(?:\w+\s+){0,4}?to\s*$|\b(?:copying|cc'?ing|looping\s+in)\s+(?:\w+\s+){0,3}?"
    # "I called on June 2 and talked to Brittany": the person a patient spoke with works at the practice.
    r"|\b(?:talked|spoke|spoken|speaking)\s+(?:to|with)\s*)$"
)
# Words between a role noun and a name that show the name is someone else's.
ROLE_BREAK = regex.compile(
    # "pt" in lower case or "Pt" only: "StrideWell PT" is a physical therapy practice.
    r"\b(?:pts?|Pts?)\b"
    r"|(?i:\b(?:patients?|for|of|records?|chart|results?|labs?|claim|statement|about|re|on\s+behalf|give|gave|giving|named|called"
    r"|(?:message|email|fax|letter|text)s?\s+from|it['’]s|it\s+is|saw|seen|visited|visiting|(?:went|go|going)\s+to\s+see"
    # "our MA handed Esperanza Quiñones the summary": the role's verb acts on someone else.
    r"|handed|told|showed|texted|roomed|registered|triaged|discharged|admitted|checked\s+(?:in|out)"
    # "Tele monitor tech: box T-4411 shows as assigned to rm 517 (Kapoor, Devika)": a room's occupant.
    r"|(?:rm|room|bed|bay)\s*\d+\w?"
    # "an authorized user on my account, I'm Jessica Tran": the writer, not the role, is named.
    r"|i['’]m|i\s+am|my\s+name\s+is)\b"
    # 'the nurse said "Mr. Kessler, your potassium ...': a quote the role spoke.
    r"|[\"“]"
    # "Our nurse Grace is trying to give Mr. Tobias Wendt ...": an honorific after two or more other words names the person cared for.
    r"|\s\w+\s+\w+\b.*\b(?:mr|mrs|ms|miss)\.?\s*$"
    # "our staff handed Mr. Arvid Nystrom the wrong summary": so does one past-tense verb.
    r"|\s\w+ed\s+(?:mr|mrs|ms|miss)\.?\s*$)"
    # "Nurse Obiageli: Mr. Nnamdi Ezeh was admitted": the role's own name and a colon end the speaker's label.
    r"|^[ \t]+\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’.-]*)?:[ \t]"
)
# "Names: ...", "List: ...", "Users: ..." introduce the people an account request is for.
NAMES_LABEL_BEFORE = regex.compile(r"(?i:\b(?:names?|list|users|staff|people)[ \t]*(?:are[ \t]*)?:[^\n.;:]{0,160})$")
ACCOUNT_SETUP = regex.compile(
    r"(?i:\b(?:accounts?|logins?|user\s*ids?|usernames?|credentials|new\s+hires?|onboard\w*|provision\w*|badges?|access|roles?|set\s*up|start(?:s|ing|ed))\b)"
)
DEPARTMENT_OF = regex.compile(r"\bof\s+(?:the\s+)?(?:\p{Lu}[\w&-]*\s+){1,3}(?=\S*$)")
# "a refill request from Nadia Petrenko": patients send refill and appointment requests.
PORTAL_MESSAGE_FROM = regex.compile(
    rf"(?i:\bportal\b[^\n]{{0,60}}\bmessages?\s+from\s+$|\b{REQUEST_WORDS}\s+from\s+$)"
)
PORTAL_USER = regex.compile(r"(?i:\b(?:patient|portal|mychart)\b[^\n.]{0,20}\busers?$)")
# "Dr. Vikram Rao here", "Fatou Ndiaye here.": a writer naming themselves.
HERE_AFTER = regex.compile(r"[ \t]+here\b")
LONG_TERM_CARE = regex.compile(
    r"(?i:\b(?:SNF|skilled\s+nursing|nursing\s+(?:home|facility|center)|assisted\s+living|memory\s+care|long[- ]term\s+care|LTC|care\s+(?:center|home)"
    # A care home's daily words: "the roommate in 15A", "an aide noticed", "Teeny to everyone on the hall".
    r"|roommates?|aides?|CNAs?|activities\s+(?:coordinator|director)|on\s+the\s+hall|family\s+lounge|admission\s+(?:agreement|packet)|group\s+home|resident\s+list)\b)"
)
HONORIFIC_BEFORE = regex.compile(r"\b(?i:mr|mrs|ms|miss)\.?[ \t]+$")
SPEAKER_BEFORE = regex.compile(r"(?i:\b(?:i\s+am|i'm|i’m|im|this\s+is)[ \t]+)$")
POSSESSIVE_AFTER = regex.compile(r"['’]s\b")
QUOTED_CODE = regex.compile(r"(['\"])[A-Z0-9]+(?:[-_][A-Z0-9]+)+\1")
MONTH_NAME = regex.compile(rf"(?i:{MONTH}|sept)")
MONTH_OR_DAY_WORD = regex.compile(rf"(?i:{MONTH}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|yesterday|since)")
DAY_AFTER = regex.compile(r"\.?[ \t]+\d{1,2}(?:st|nd|rd|th)?\b")
POSSESSIVE_END = regex.compile(r"\p{L}['’]s$")
LEADING_PATIENT_LABEL = regex.compile(r"(?:Patient|Pt\.?|Patients|PATIENT|PT)[ \t:]+(?=\p{Lu})")
# "Rachel Liang (term 8/14)": an employee's termination or start date.
EMPLOYMENT_AFTER = regex.compile(
    r"[ \t]*\((?i:term|termed|terminated|resigned|hired|start\s+date|starts|started)\b"
    # "Paula Greaves, who left our practice in October": a former employee.
    r"|[ \t]*,[ \t]*(?i:who|that)[ \t]+(?i:left|works|worked|joined|retired\s+from|resigned\s+from|was\s+let\s+go\s+from)[ \t]+(?i:our|the)[ \t]+(?i:practice|clinic|office|group|team|hospital|department|staff)\b"
)
# "Colm Brennan <colm.brennan82@gmail.com>" in a forwarded header counts like round brackets.
EMAIL_IN_BRACKETS_AFTER = regex.compile(r"[ \t]*[(<][ \t]*([\w.+-]+@[\w-]+(?:\.[\w-]+)+)[ \t]*[)>]")
# "— Arvind Venkatesan, arvind.v@outlook.com" at the end of a line.
EMAIL_AFTER_COMMA = regex.compile(r"[ \t]*,[ \t]*([\w.+-]+@[\w-]+(?:\.[\w-]+)+)[ \t]*(?=\n|$)")
EXTENSION_AFTER = regex.compile(r"[ \t]*,?[ \t]*(?i:ext\.?|extension|x)[ \t]*\d{3,5}\b")
# After a phone number an extension of any length counts ("555-0119 ext 22"). After a
# name it needs three digits, so that a count such as "Jane Roe x2" is not read as one.
PHONE_EXTENSION_AFTER = regex.compile(r"[ \t]*,?[ \t]*(?i:ext\.?|extension|x)[ \t]*\d{1,5}\b")
ORGANIZATION_AFTER = regex.compile(r"[ \t]*\(((?:\p{Lu}[\w&'.-]*[ \t]*){1,5})\)")
# The organization after the name in its own brackets: "Client (Yasmin Haddad, Al-Noor Clinic):".
ORGANIZATION_IN_BRACKET_AFTER = regex.compile(r"[ \t]*,[ \t]*((?:\p{Lu}[\w&'.-]*[ \t]*){1,5})\)")
# "Priscilla Dunn, Brookside Family Medicine, Tue/Thu afternoons are best."
ORGANIZATION_COMMA_AFTER = regex.compile(r"[ \t]*,[ \t]*((?:\p{Lu}[\w&'.-]*[ \t]*){1,5})(?=[,.;\n]|$)")
# The opening quote of a pasted message: at a line start or after a colon ("pasted by the clinic:\n\n"Hi, this is ...").
MESSAGE_OPENING_QUOTE = regex.compile(r"(?:^|:)[ \t]*(?:\n[ \t]*){0,2}[\"“]", regex.MULTILINE)
QUOTE_CLOSING = regex.compile(r"[\"”]")
# Lines quoted with ">" in a reply or a forward.
QUOTED_BLOCK = regex.compile(r"(?m:(?:^[ \t]*>[^\n]*(?:\n|\Z))+)")
FORWARDED_START = regex.compile(r"(?im:^[ \t]*(?:-{2,}[ \t]*(?:forwarded|original)[ \t]+message[ \t]*-{2,}|begin[ \t]+forwarded[ \t]+message:?)[ \t]*$)")
# A forwarded message ends at a rule of dashes, as mail clients close it, or at the end of the text.
FORWARDED_END = regex.compile(r"(?m:^[ \t]*-{5,}[ \t]*$)")


def forwarded_spans(*, text: str) -> list[tuple[int, int]]:
    """Return the spans of messages another person wrote inside a ticket: ">" quoted lines and forwarded blocks."""
    spans = [match.span() for match in QUOTED_BLOCK.finditer(text)]
    for start in FORWARDED_START.finditer(text):
        end = FORWARDED_END.search(text, start.end())
        spans.append((start.end(), end.start() if end else len(text)))
    return spans


def writer_is_patient_side(*, text: str) -> bool:
    """Tell whether a patient or relative wrote the ticket, by first-person cues outside the messages it quotes or forwards.

    "Forwarding a patient complaint. I'm the practice manager." above a
    patient's "at my appointment ..." is a staff ticket: the header and
    sign-off cues still apply to the staff member's own name.
    """
    spans = forwarded_spans(text=text)
    outside = text
    if spans:
        characters = list(text)
        for start, end in spans:
            characters[start:end] = " " * (end - start)
        outside = "".join(characters)
    return FIRST_PERSON_PATIENT.search(outside) is not None or _plain_patient_message(text=outside)


def _plain_patient_message(*, text: str) -> bool:
    """Tell whether a short first-person message is about the writer's own care, with nothing a staff member would write.

    "the reminder text says my appt is dec 9 but i booked dec 16": patients
    write short notes about their visits, bills and the app without the
    cues FIRST_PERSON_PATIENT needs. Staff write about their patients,
    their clinic and their systems, and any such word rules this out.
    """
    if len(text) > 600 or not FIRST_PERSON_WORD.search(text) or not OWN_CARE_WORD.search(text):
        return False
    return not (STAFF_MESSAGE_WORD.search(text) or STAFF_WRITER.search(text) or ROLE_NOUN.search(text))


# "Dr. Omar Haddad, 555-0122", "Wendell, RN 555-0133": a clinician's name or credential right before the phone.
CLINICIAN_SIGN_OFF = regex.compile(
    r"(?:\b(?i:dr|doctor)\.?[ \t]+\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+){0,2}|\b(?:RN|LPN|NP|PA-C|MD|DO|PharmD))[\s,.:-]*$"
)
FIRST_PERSON_WORD = regex.compile(r"(?i:\b(?:i|i'm|i’m|im|i've|my|me)\b)")
OWN_CARE_WORD = regex.compile(
    r"(?i:\b(?:appt|appointment|visit|bill|billed|charged|copay|refund|statement|portal|app|login|log\s+in|password|results?|records?"
    r"|insurance|refill|prescription|rx|shot|booster|vaccine|discharged?|surgery|therapy|checkup|check-in|kiosk|reminder|no-show|paperless)\b)"
)
# Words of a staff member's ticket: their patients and someone else's care ("patient called", "Mrs. Bui",
# "a caller"), their organization ("our new hygienist"), systems and roles, and credentials ("- Wendell, RN").
STAFF_MESSAGE_WORD = regex.compile(
    r"(?i:\b(?:patients|pts?|the\s+patient|our\s+(?:clinic|office|practice|staff|front\s+desk|providers?|users?|nurses?|team|site|location|hospital"
    r"|department|system|ehr|doctors?|physicians?|billing|schedulers?|MAs?)|my\s+(?:patients?|staff|team|nurses?|MA|providers?|clinic|office|practice|unit|users?)"
    r"|ehr|hl7|interface|claims|payer|payor|clearinghouse|tenant|admin|configuration|workflow|provider\s+portal|credentials|sso|mfa|2fa|npi"
    r"|(?:i'?m|i\s+am|i’m)\s+(?:a|an|the)\s+(?:\w+\s+)?(?:nurse|rn|lpn|ma|doctor|physician|provider|manager|biller|coder|scheduler|receptionist|tech|analyst|admin|coordinator|therapist))\b"
    r"|\b(?:patient|caller|client|resident|member|guarantor|subscriber)\b|\b(?:mr|mrs|ms|miss)\.?\s+\p{Lu}"
    r"|\bour\s+(?!number|home|son|daughter|kids?|family|phone|address|account|insurance|plan|email|appointments?|visit|bills?)\w+"
    r"|\bfrom\s+(?:dr\.?|doctor)\s+\p{Lu}[\w'’-]*['’]s\s+office|\bthis\s+is\s+\p{Lu}\p{Ll}+\s+(?:at|from|with)\s+\p{Lu}"
    r"|\b(?:hygienist|clerks?|documentation|configur\w+|workstation|domain|EFT|fax(?:ed)?|referral|on\s+call|front\s+desk|queue|dashboard"
    r"|encounters|charges|coded|timely\s+filing)\b"
    # "Dr. Ana Lucia Ferreira here": a clinician names themself.
    r"|\b(?:dr|doctor)\.?\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2}\s+here\b)"
    # Credentials in capitals only, so the verb "do" is no Doctor of Osteopathy.
    r"|,?\s+(?:RN|LPN|NP|PA-C|MD|DO|PharmD|RHIA|RHIT|CPC|CNA|LCSW)\b"
)


def _in_quoted_patient_message(*, text: str, start: int) -> bool:
    """Tell whether a name sits in a quoted message with first-person patient cues, as staff paste one.

    The message is in quotation marks, in a block of lines that start
    with ">" ("> From: Joyce Abernathy\n> I opened my after-visit summary
    ..."), or below a "Forwarded message" line.
    """
    for block_start, block_end in forwarded_spans(text=text):
        if block_start <= start < block_end:
            return FIRST_PERSON_PATIENT.search(text, block_start, block_end) is not None
    openings = list(MESSAGE_OPENING_QUOTE.finditer(text, 0, start))
    if not openings:
        return False
    message_start = openings[-1].end()
    if QUOTE_CLOSING.search(text, message_start, start):
        return False
    closing = QUOTE_CLOSING.search(text, start)
    message_end = closing.start() if closing else len(text)
    return FIRST_PERSON_PATIENT.search(text, message_start, message_end) is not None


# "Caller:" and "Patient (chat):" open the patient's lines of a transcript. A vendor
# chat's "Visitor:" or "Guest:" is often the clinic's own staff, so those do not count.
CALLER_LINE = regex.compile(r"[ \t>]*(?:\[[^\]\n]{1,30}\][ \t]*)?(?i:caller|patient[ \t]*\((?:chat|portal|phone|sms|text|web)\))[ \t]*:")
# "— Quality Dept, Granite Falls Medical Center, Bernadette Quinn": a dash
# sign-off that names the department or organization, then the writer.
DASH_SIGN_OFF_BEFORE = regex.compile(r"[—–][ \t]*(?P<organization>[^—–\n]{3,80}),[ \t]*$")
LINE_END_AFTER = regex.compile(r"[ \t.]*(?:\n|$)")
# "Lito (son)", "Marisol (daughter)": a relative signing for a patient.
RELATIVE_IN_BRACKETS_AFTER = regex.compile(rf"[ \t]*\([ \t]*(?i:{RELATIVE_NOUN})[ \t]*\)")
# "Caller: Dana Ruiz, says she is the daughter of ...", "Sung-min Park, calling about her husband".
CALLER_RELATION_AFTER = regex.compile(
    # "Mr. Dmitri Volkonsky called about his wife": the caller is the patient's relative.
    r"[ \t]*,?[ \t]*(?i:(?:says|said)[ \t]+)?(?i:(?:she|he|they)[ \t]+(?:is|was|are)|(?:she|he)['’]s|(?:call(?:ing|ed)[ \t]+)?(?:about|for|on[ \t]+behalf[ \t]+of))[ \t]+"
    rf"(?i:the[ \t]+|her[ \t]+|his[ \t]+|their[ \t]+|my[ \t]+)?(?i:{RELATIVE_NOUN}|patient|grand\w+)\b"
)
# "Dana Whitcomb - Radiology", "Ana Ruiz, Imaging": a clinical department after a dash or comma names staff.
OFFICE_POST = (
    r"(?:front[ \t]+desk|(?<!\bfront[ \t]+)desk|check-?in|check-?out|reception|registration|(?:the[ \t]+)?window|patient[ \t]+accounts|business[ \t]+office"
    r"|billing(?:[ \t]+office)?|medical[ \t]+records|answering[ \t]+service|(?:the[ \t]+)?office|scheduling)"
)
OFFICE_POST_AFTER = regex.compile(rf"[ \t]+(?i:(?:at|in|from)[ \t]+(?:the[ \t]+|your[ \t]+|our[ \t]+|their[ \t]+)?{OFFICE_POST})\b")
# "the girl at the reception, Paola", "the person at the desk was named Tiffany", "the office lady (her name is Mrs. Kaplan)".
OFFICE_POST_BEFORE = regex.compile(
    # "someone else named Tamsin Vollrath", "another person named ...": a second patient, not staff.
    r"(?i:\b(?<!\banother[ \t]+)(?:girl|guy|lady|woman|man|person|gentleman|someone(?![ \t]+else)|staffer|receptionist|clerk|front[ \t]+desk)\b[^.\n]{0,40}?"
    r"(?:,[ \t]*|\([ \t]*(?:(?:her|his)[ \t]+name[ \t]+is[ \t]+)?|\bnamed[ \t]+|\bname[ \t]+is[ \t]+))(?:(?:Mrs?|Ms|Miss)\.?[ \t]+)?$"
)
DEPARTMENT_AFTER = regex.compile(
    r"[ \t]*[-–—,|/][ \t]*(?i:radiology|imaging|lab|laboratory|rehab|surgery|oncology|cardiology|pediatrics|peds|scheduling|registration|pharmacy|dietary|transport|nursing)\b"
    rf"{DEPARTMENT_AS_SUBJECT}"
)
# Lower case only: "Andre Gibson, Patient Access Manager" and "Daniel Okoro, PT, DPT" are staff.
# "Rhiannon Pughsley (she works in our lab), is also a patient here": staff who are patients too.
PATIENT_AFTER = regex.compile(
    r"[ \t]*(?:,[ \t]*(?:(?:a|the|your|our)[ \t]+)?(?:patient|pt|client)[ \t]+(?:of|at|here)\b|\([ \t]*(?:patient|pt)[ \t]*\)"
    r"|(?:\([^()\n]{0,60}\))?,?[ \t]+(?:is|was)[ \t]+also[ \t]+(?:a[ \t]+|our[ \t]+)?patient)"
)
# Header lines of pasted mail, including a reply's "On Mon, Claudia Fenn wrote:".
EMAIL_HEADER = regex.compile(r"(?im:^[>\s]*(?:(?:from|to|cc|sent\s+by)\s*:[^\n]*|on\b[^\n]{0,80}\bwrote:[ \t]*)$)")
FIRST_PERSON_PATIENT = regex.compile(
    r"(?i:\bmy\s+(?:late\s+|elderly\s+|adult\s+|teenage\s+|minor\s+|newborn\s+|\d{1,2}[- ]year[- ]old\s+)?"
    r"(?:mother|mom|father|dad|son|daughter|kids?|child|children|husband|wife|family|grandmother|grandfather|grandma|grandpa|sister|brother"
    r"|aunt|uncle|spouse|partner|fianc[eé]e?|stepson|stepdaughter|baby|portal|chart|records?|appointments?"
    # "my sons lab results": the possessive is often typed without its apostrophe.
    r"|username|statements?|bills?|doctor|prescription|results|meds|name|mail|own|plan|insurance|colonoscopy|visit|copay|balance|address)(?:['’]?s)?\b"
    r"|\bmy\s+(?:lab|test)\s+results\b|\bmy\s+patient\s+portal\b|\b(?:i'?m|i\s+am|i\s+was)\s+a\s+(?:former\s+|new\s+|current\s+)?patient\b|\bon\s+behalf\s+of\s+my\b|\bi\s+owe\b|\bmy\s+(?:birthday|dob|date\s+of\s+birth)\b"
    # "I gave you my Cigna card", "my MRI", "im a 60 yr old man", "patient since 2010", "I am Tuan Pham's wife".
    r"|\bmy\s+(?:\w+\s+)?(?:insurance\s+)?card\b|\bmy\s+(?:lab|labs|bloodwork|mri|ct|x-?ray|biopsy|mammogram|ultrasound|surgery|procedure|refills?)\b"
    r"|\bi'?m\s+(?:a\s+)?\d{1,3}[- ]?(?:yr|year)s?[- ]old\b|\bpatient\s+since\s+(?:19|20)\d\d\b"
    r"|\b(?:i\s+am|i'm|i’m|im|this\s+is)\s+(?:\p{L}+\.?\s+){0,3}\p{L}+['’]s\s+(?:wife|husband|mother|mom|father|dad|son|daughter|sister|brother|caregiver|proxy|guardian"
    r"|niece|nephew|grandson|granddaughter|cousin|aunt|uncle|neighbor|friend)\b"
    # A caller about their own bill or mail: "I got a letter from your office", "my account 60044129", "I paid that".
    r"|\bi\s+(?:just\s+)?(?:got|received)\s+(?:a|an|this|the)\s+(?:[\w-]+\s+)?(?:letter|bill|statement|text|message|call|voicemail|e-?mail|notification)\b"
    r"|\b(?:i\s+am|i'm|i’m|im)\s+[^.\n]{3,40}?,\s+(?:born|dob|date\s+of\s+birth|birthday|bday|email)\b|\bmy\s+birth\b"
    r"|\bmy\s+account\s+(?:#|number|no\b|\d)|\bi\s+(?:already\s+)?paid\s+(?:that|this|it|my|the\s+bill)\b"
    # "I had a telehealth visit yesterday", "I have 1 pill left": the writer is the patient.
    r"|\bi\s+(?:had|have)\s+(?:a|an|my)\s+(?:[\w-]+\s+)?(?:appointment|appt|visit|procedure|surgery|colonoscopy|mammogram)\b"
    r"|\bi\s+(?:have|had)\s+(?:like\s+|only\s+|just\s+|about\s+)?(?:\d+|one|two|three|no)\s+(?:pills?|tablets?|doses?|days?\s+of\s+\w+)\s+left\b"
    # "refill my blood pressure meds".
    r"|\bmy\s+(?:[\w-]+\s+){1,2}(?:meds|medications?|prescriptions?|pills|inhaler|insulin)\b"
    r"|\bmy\s+(?:after[- ]visit|visit|discharge)\s+(?:summary|papers|paperwork|instructions)\b"
    # "My cardiologist Dr. Pradhan", "my blood pressure readings".
    r"|\bmy\s+(?:cardiologist|oncologist|dermatologist|pediatrician|surgeon|dentist|pcp|primary\s+care\s+(?:doctor|provider)|ob(?:-?gyn)?|psychiatrist|therapist)\b"
    # A relative's message: "Dad is Joseph 'Joe' Szabo, 91".
    # "My member ID is ...", "I had surgery on ...", "delete my account and all my data": a patient's own words.
    r"|\bmy\s+(?:member|subscriber|insurance|medicaid|medicare)\s+(?:id|card|number)\b|\bi\s+had\s+(?:surgery|a\s+(?:procedure|surgery|colonoscopy|mammogram|biopsy|baby|c-section))\b"
    r"|\ball\s+my\s+data\b|\bi\s+stopped\s+(?:going|seeing)\b|\bmy\s+health\s+app\b"
    # "Mom is in the room waiting" is a staff writer's view of a child patient's parent.
    r"|(?:^|[.!?\"“]\s*)(?:dad|mom)\s+(?:is|was|has)\b(?!\s+(?:\w+\s+)?(?:in\s+the\s+(?:room|lobby|waiting|exam)|here|at\s+the\s+(?:desk|counter|window|front)|waiting|on\s+the\s+(?:phone|line)))"
    r"|\bmy\s+(?:old|new|current|previous)\s+(?:insurance|plan)\b|\bmy\s+(?:video|telehealth|virtual|follow-?up|annual)\s+(?:visit|appointment|appt)\b"
    # "our daughter's account": parents write "our" too.
    r"|\bour\s+(?:son|daughter|kids?|child|children|baby|newborn|mother|father|mom|dad)\b"
    r"|\bmy\s+(?:blood\s+(?:pressure|sugar)|glucose|readings|weight|symptoms|diagnosis|rash|pain|wound|pregnancy|injury|condition)\b|\bmy\s+(?:[\w-]+\s+){0,2}(?:health|medical)\s+records?\b"
    r"|\b(?:reminding|texted|billed|charged)\s+me\b|\bi\s+was\s+(?:billed|charged|seen|discharged|admitted)\b|\bi'?m\s+not\s+(?:on|taking|a\s+patient)\b"
    r"|\b(?:i\s+am|i'm|i’m)\s+(?:the\s+|his\s+|her\s+|a\s+)?(?:licensed\s+|certified\s+)?(?:foster\s+|legal\s+)?(?:mother|mom|father|dad|parent|guardian|wife|husband|daughter|son|sister|brother|caregiver"
    r"|niece|nephew|grandson|granddaughter|aunt|uncle|cousin)\b"
    # "my next appointment is December 18", "my Dexcom readings", "my partner ...", "I'm pregnant", "sell my data".
    r"|\bmy\s+(?:next|last|upcoming|first)\s+(?:appointment|appt|visit)\b|\bmy\s+(?:dexcom|glucose|blood\s+sugar|insulin|cgm)\b"
    r"|\bmy\s+(?:partner|granddaughter|grandson|grandchild|grandkids?|boyfriend|girlfriend|fianc[eé]e?)\b|\bi'?m\s+pregnant\b|\b(?:share|sell)\s+my\s+data\b"
    r"|\bbefore\s+i\s+sign\s+up\b|\b(?:placed|living)\s+with\s+me\b"
    # "this is her grandson writing for her", "writing for my mom".
    r"|\bthis\s+is\s+(?:her|his|their)\s+(?:grandson|granddaughter|son|daughter|husband|wife|niece|nephew|caregiver|sister|brother)\b"
    rf"|\b{WRITING_FOR_RELATIVE}\b"
    # "Trying to log into the patient app": a patient's own app, as staff sign in to the EHR.
    r"|\b(?:i\s+(?:can['’]?t|cannot)|trying\s+to)\s+log\s*(?:in)?(?:to|into)?\s+(?:the\s+|my\s+)?(?:patient\s+app|mychart)\b"
    # "a letter ... addressed to me", "delete my account", "my preferred pharmacy".
    r"|\bmy\s+(?:covid|flu|strep|pregnancy|blood|urine|biopsy|pap|std|sti)\s+(?:test\s+)?results?\b"
    r"|\bi\s+(?:booked|scheduled|cancell?ed|rescheduled)\s+(?:an?\s+|my\s+)?(?:appointment|appt|visit)\b|\bi['’]?m\s+locked\s+out\s+of\s+(?:the\s+|my\s+)?(?:mychart|app|portal)\b"
    r"|\bverify\s+me\b|\bmy\s+security\s+questions\b|\bmy\s+(?:sleep\s+study|stress\s+test|flu\s+shot|vaccines?|shots?|scan|exam)\b|\bgood\s+faith\s+estimate\b"
    r"|\baddressed\s+to\s+me\b|\b(?:delete|close|deactivate|cancel)\s+my\s+account\b|\bmy\s+(?:preferred\s+|usual\s+)?pharmacy\b"
    # "I've been locked out of the MyHealth portal": a patient's own portal, not a provider or payer one.
    r"|\bi(?:'ve|’ve|\s+have)?\s+(?:been\s+)?locked\s+out\s+of\s+(?:the\s+|my\s+)?(?!provider\b|payer\b|vendor\b)(?:\w+\s+)?portal\b)"
)
# A phone or email is the patient's when a patient or relative owns it in
# the same clause: "patient's cell", "the number she gave us", "called from".
PATIENT_BEFORE = regex.compile(
    r"(?i:\b(?:patient|pt|mother|mom|father|dad|son|daughter|wife|husband|guardian|parent|member|subscriber|her|his|she|he)(?:'s)?"
    # "her ex-partner's phone": a relative of the patient, hyphenated or possessive.
    r"\s+(?:[\w'’-]+\s+){0,2}(?:(?:phone|number|cell|mobile|home|contact|callback|email|e-mail)\b|\#)"
    r"|\b(?:phone|number|cell)\s+(?:she|he)\s+gave\b|\bon\s+file\b|\b(?:called|calling|texted|texting)\s+(?:us\s+)?from\b"
    # "Could someone call her at 555-0165?", "he's at 555-0123", "the number on the text was hers, 555-0115".
    r"|\bcall\s+(?:her|him|them)\s+(?:back\s+)?(?:at|on)\s*$|\b(?:she|he)(?:'s|’s|\s+is)\s+at\s*$|\bwas\s+(?:hers|his)\s*,?\s*$"
    r"|^\s*(?:pt|patient)\s*[:,]?\s*$"
    # "Mom's # 612-555-0179": a parent's or patient's number after a bare "#".
    r"|\b(?:mom|mother|dad|father|parent|guardian|patient|pt)['’]?s?\s*(?:\#|no\.?)\s*$"
    # "texted her cousin's number (...) instead of her own (555-0197)".
    r"|\b(?:her|his|their)\s+own\s*\(?\s*$"
    # "a voicemail on the home line (555-0115)".
    r"|\bhome\s+(?:line|phone|number)\s*\(?\s*$"
    # "She can be reached at 808-555-0149", "We reached her at 555-0168", "Family at 555-0154 says".
    r"|\b(?:she|he|they)\s+can\s+be\s+reached\s+(?:at|on)\s*$|\breached\s+(?:her|him|them)\s+(?:at|on)\s*$|\bfamily\s+at\s*$"
    # "he only has a landline (555-0161)", "Old number 555-0129, new 555-0162".
    r"|\b(?:has|have)\s+(?:a\s+)?(?:landline|cell|mobile)\s*\(?\s*$|^\s*(?:old|new|previous)\s+(?:number|phone|cell)\s*:?\s*$|\b(?:old|previous)\s+(?:number|phone|cell)\s+\S+\s*,\s*new\s*$"
    # "Please call me, Solveig Arnesen, at 612-555-0186": the writer's own number after her name.
    r"|\bcall\s+me\s*,\s*[\p{L}.'’ -]{2,40},\s*at\s*$"
    # "GET /fhir/R4/Patient?telecom=555-0109": a search for a patient by phone.
    # The clause starts after the "?", so the FHIR search key itself is the cue.
    r"|\btelecom=\s*$"
    # "the chart has (330) 555-0198": the number on file in a patient's chart.
    # "his chart only has a landline, 555-0114", and "will call the patient directly at 555-0170".
    r"|\b(?:the|her|his|their)\s+chart\s+(?:only\s+)?(?:has|shows|says|lists)(?:\s+(?:a|an|the)\s+[\w-]+)?\s*[,:]?\s*$"
    r"|\bcall\s+(?:the\s+)?(?:patient|pt)\s+(?:\w+\s+)?(?:at|on)\s*$)"
)
# "the reminder went to 555-0174", "confirmations for Joaquin Medrano are going to 786-555-0115": a message
# to a patient's phone. "it went to" is left out: that is mostly a misdirected fax, and a fax number is an office's.
MESSAGE_SENT_TO = regex.compile(
    r"(?i:\b(?:texts?|sms|reminders?|confirmations?|notifications?|codes?)\b(?:\s+[\w'’-]+){0,4}?\s+"
    r"(?:(?:was|were|got|are|is|has\s+been|have\s+been|keeps?)\s+)?(?:went|go|goes|going|sent|delivered)\s+(?:out\s+)?to\s*)$"
)
FAX_WORD = regex.compile(r"(?i:\bfax)")
FIRST_PERSON_CONTACT = regex.compile(
    r"(?i:\b(?:(?:my|our)\s+(?:(?:new|old|previous|current|home|cell|mobile|own|real|correct|actual)\s+){0,2}(?:number|phone|cell|email|e-mail|address)|call\s+me|reach\s+me|text\s+me|email\s+me"
    r"|mi\s+(?:tel[eé]fono|n[uú]mero|celular))\b"
    # "New phone 555-0192. Old one was 555-0144."
    r"|\b(?:new|old|previous)\s+(?:one|number|phone|cell)\b)"
)
# "555-0108, which is her landline": the owner named right after the number.
PHONE_AFTER_PATIENT = regex.compile(
    r"^\s*\((?i:home|cell|mobile|h|c)\)|^,?[ \t]*(?i:which|that)[ \t]+(?i:is|was)[ \t]+(?i:her|his|their)[ \t]+(?:own[ \t]+)?(?i:landline|cell|home|mobile|number|phone)\b"
    # "Phone should be 555-0181 for her", "555-0107. That number used to belong to our patient ...".
    r"|^[ \t]*(?i:for)[ \t]+(?i:her|him|them|the[ \t]+patient|this[ \t]+patient)\b"
    r"|^[.,]?\s*(?i:that|this)[ \t]+(?i:number)[ \t]+(?i:used[ \t]+to[ \t]+belong|belonged|belongs)[ \t]+(?i:to)[ \t]+(?i:our|a|the)[ \t]+(?i:patient)"
)
EMAIL_PATIENT_BEFORE = regex.compile(r"(?i:\b(?:portal|on\s+file|patients?|pts?|personal)\b)")
ORGANIZATION_BEFORE = regex.compile(
    r"(?i:\b(?:our|clinic|office|practice|location|facility|hospital|site|remit|campus|building|suite|HQ|headquarters|vendor|warehouse)\b)"
)
# A period inside a token ("v24.1", "jo.doe@mail.com") or after a common
# abbreviation ("approx.", "Dr.") ends no sentence.
SENTENCE_BREAK = regex.compile(r"[!?\n;]|(?<!\b(?i:approx|appt|dr|mr|mrs|ms|st|vs|no|ext|dept|pt|acct|mgr|asst|coord|e\.g|i\.e))\.(?!\w)")


@dataclass(frozen=True)
class Finding:
    """A span to remove, its entity type and whether it identifies a patient."""

    start: int
    end: int
    entity: str
    patient: bool
    weak: bool
    # Found by the learned tagger: its type gives way to a rule's in a merge.
    learned: bool = False


def source_of(result: RecognizerResult) -> str:
    """Return "Recognizer" or "Recognizer:pattern name" for a result."""
    name = result.recognition_metadata.get(RecognizerResult.RECOGNIZER_NAME_KEY, "")
    explanation = result.analysis_explanation
    pattern_name = getattr(explanation, "pattern_name", None) if explanation is not None else None
    return f"{name}:{pattern_name}" if pattern_name else name


SENTENCE_END = regex.compile(r"[.!?]\s")
THREE_LOWER_WORDS = regex.compile(r"\b[a-z]+\s+[a-z]+\s+[a-z]+\b")
TWO_LOWER_WORDS = regex.compile(r"[a-z]{3,}\s+[a-z]{3,}")
NAME_SPLIT = regex.compile(r"[\s,]+")
# Quotes and brackets split too: the nickname of 'Robert "Bobby" Kaczynski' spreads.
# A single quote splits only at a word's edge: "Patricia 'Trish' O'Rourke" gives "Trish" and keeps "O'Rourke".
NAME_PART_SPLIT = regex.compile(r"[\s^*,\"“”()-]+|(?<=\s)['‘’]|['‘’](?=\s)")


# Patterns built from a found value, compiled once per value. A module-level
# regex call goes through the package's cache lookup, which is slow next to a
# compiled pattern's method, and these run per name per ticket.
@functools.lru_cache(maxsize=4096)
def _whole_word(value: str) -> regex.Pattern:
    if " " in value:
        # A full name does not spread into a longer hyphenated one: "Amara Okafor" into "Amara Okafor-Bennett".
        return regex.compile(r"(?<!\w|\p{L}-)" + regex.escape(value) + r"(?!\w|-\p{L})")
    # One name part still matches inside a hyphenated name: "Jin" of "Jin-soo".
    return regex.compile(r"(?<!\w)" + regex.escape(value) + r"(?!\w)")


@functools.lru_cache(maxsize=4096)
def _standalone_word(value: str) -> regex.Pattern:
    """Return a pattern for a word on its own, not inside a login, mailbox or hyphenated name."""
    return regex.compile(r"(?<![\w.@-])" + regex.escape(value) + r"(?![\w@-]|\.\w)")


@functools.lru_cache(maxsize=4096)
def _spelled_out(value: str) -> regex.Pattern:
    return regex.compile(r"(?i)(?<![\w-])" + r"(?:-|\.?[ \t])".join(regex.escape(letter) for letter in value) + r"\.?(?![\w-])")


@functools.lru_cache(maxsize=4096)
def _whole_identifier(value: str) -> regex.Pattern:
    return regex.compile(r"(?<![\w-])" + regex.escape(value) + r"(?![\w-])")


@functools.lru_cache(maxsize=4096)
def _whole_date(value: str) -> regex.Pattern:
    return regex.compile(r"(?<![\w/.-])" + regex.escape(value) + r"(?![\w/-])")


def sentence_start(*, text: str, position: int) -> int:
    """Return the start of the sentence containing `position`: after the last sentence end on its line, or the line start."""
    line_start = text.rfind("\n", 0, position) + 1
    return max([line_start, *(end.end() for end in SENTENCE_END.finditer(text, line_start, position))])


def clause_before(*, text: str, start: int, width: int) -> str:
    """Return up to `width` characters before `start`, cut at the last sentence break."""
    window = text[max(0, start - width) : start]
    breaks = list(SENTENCE_BREAK.finditer(window))
    return window[breaks[-1].end() :] if breaks else window


def is_staff_name(*, text: str, start: int, end: int, first_person_patient: bool) -> bool:
    """Tell whether a name is a provider's or staff member's by its surroundings.

    In a ticket written by a patient or relative, a sign-off, an email
    header or "I'm ..." names that patient or relative, so those cues count
    only in tickets written by staff.
    """
    before = clause_before(text=text, start=start, width=60)
    line_start = text.rfind("\n", 0, start) + 1
    # "i am Nguyen Thi Mai, patient of Dr. Hoang" names the patient, whatever came before.
    if PATIENT_AFTER.match(text, end) or RELATIVE_IN_BRACKETS_AFTER.match(text, end) or CALLER_RELATION_AFTER.match(text, end):
        return False
    if _titled(text=text, start=start):
        return True
    # "I'm Nasra Abdi's caseworker": the speaker names someone else, their client or relative.
    if SPEAKER_BEFORE.search(before) and POSSESSIVE_AFTER.match(text, end):
        return False
    staff_after = STAFF_AFTER.match(text[end : end + 100])
    # "my mother's portal account (Agnes Lyle). ... in her inbox": a relative means the portal's inbox.
    if staff_after and first_person_patient and "inbox" in staff_after.group().lower():
        staff_after = None
    if ROLE_AFTER.match(text[end : end + 60]) or staff_after or STAFF_IS_ROLE_AFTER.match(text, end, end + 60):
        return True
    if DEPARTMENT_AFTER.match(text, end):
        return True
    # In a patient's own ticket "Name: ..., username dfngata" is the patient's portal login.
    logins_after = STAFF_LOGIN_AFTER.match(text[end : end + 60]) or NAME_LOGIN_IN_BRACKETS_AFTER.match(text, end)
    if logins_after and not first_person_patient and not PATIENT_NOUN.search(before):
        return True
    # A login and then the name in brackets: "sflores (Sam Flores) went home".
    login = LOGIN_BEFORE.search(text, max(line_start, start - 30), start)
    if login and _login_of(login=login.group("login"), name=text[start:end]) and not PATIENT_NOUN.search(before):
        return True
    # A name before an internal extension is staff: "Hank Moreau, ext 4410".
    if EXTENSION_AFTER.match(text, end) or EMPLOYMENT_AFTER.match(text, end):
        return True
    # "Samir Haddad (shaddad@kingsleyhealth.example)": a work mailbox in brackets. A
    # personal one ("Oksana Bondar (oksana.bondar@example.org)") is no cue either way.
    mailbox = EMAIL_IN_BRACKETS_AFTER.match(text, end) or EMAIL_AFTER_COMMA.match(text, end)
    if mailbox and (PRACTICE_DOMAIN.search(mailbox.group(1)) or ROLE_MAILBOX.match(mailbox.group(1))):
        return True
    # "Thanks, Beatrix Vanterpool (beatrix.v@icloud.com)": a consumer mailbox in
    # brackets marks a patient's or relative's sign-off, as staff sign with work addresses.
    if mailbox and CONSUMER_MAILBOX.search(mailbox.group(1)):
        return False
    # A sender with the organization in brackets: "Lena K (Westgate Oncology):".
    bracket = ORGANIZATION_AFTER.match(text, end) or ORGANIZATION_IN_BRACKET_AFTER.match(text, end) or ORGANIZATION_COMMA_AFTER.match(text, end)
    # "Emeka Nwosu, Cigna ID U84421902": a payer followed by an ID is the patient's plan, not an employer.
    if bracket and not any(character.isdigit() for character in bracket.group(1)) and any(word.lower() in INSTITUTION_WORDS for word in bracket.group(1).split()):
        return True
    dash_sign_off = DASH_SIGN_OFF_BEFORE.search(text, line_start, start)
    if dash_sign_off and LINE_END_AFTER.match(text, end) and any(word.lower() in INSTITUTION_WORDS for word in dash_sign_off.group("organization").split()):
        return True
    # A patient's own "Name: ..." in a portal ticket is no account request for staff.
    if STAFF_ACTION_BEFORE.search(before) or (not first_person_patient and _in_account_request_list(text=text, start=start)):
        return True
    # "Our reviewers: Ngozi Adichie-Pratt, Raymond Cho", "Who: Veronika Huskova (chair), Malik Johnson":
    # a committee's or meeting's people are staff, unless a patient word comes between.
    group = list(STAFF_GROUP_BEFORE.finditer(before))
    if group and not PATIENT_NOUN.search(before[group[-1].end() :]):
        return True
    # "our nurse and another patient, Terrence Blake": a patient word between
    # the role and the name makes the name someone else's.
    new_staff = list(NEW_STAFF_BEFORE.finditer(before))
    if (
        new_staff
        and not ROLE_BREAK.search(before[new_staff[-1].end() :])
        # "Our new resident, Archibald Nwosu, is in 15B" at a care home.
        and not _resident_of_care_home(text=text, role=new_staff[-1].group().split()[-1], start=start)
    ):
        return True
    role_nouns = list(ROLE_NOUN.finditer(before))
    if (
        role_nouns
        # "Director of Nursing Lorna Quist": a department after "of" is part of the title, no break.
        and not ROLE_BREAK.search(DEPARTMENT_OF.sub(" ", before[role_nouns[-1].end() :]))
        and not _resident_of_care_home(text=text, role=role_nouns[-1].group(), start=start)
        # "patient portal user ktrinh88 (Khanh Trinh)": a portal user is a patient.
        and not PORTAL_USER.search(before, max(0, role_nouns[-1].start() - 25), role_nouns[-1].end())
    ):
        return True
    # "i'm a PT at Motion Physical Therapy. name is Derek Chu": a staff writer names themself.
    if not first_person_patient and SELF_NAMING_BEFORE.search(before) and STAFF_WRITER.search(text):
        return True
    # A patient names the office's staff by where they sit: "Jackie at the front desk", "Yolanda in patient
    # accounts", "the girl at the reception, Paola". In a staff ticket "Ana Ruiz at the front desk" is a patient waiting.
    if first_person_patient and _at_office_post(text=text, start=start, end=end):
        return True
    # A patient's or relative's ticket, a transcript's "Caller:" line ("Caller: Hi, it's
    # Anh. Anh Thu Le.") and a quoted patient message name the patient's side.
    if first_person_patient or CALLER_LINE.match(text, line_start, start) or _in_quoted_patient_message(text=text, start=start):
        return False
    # "[9:02 AM] Priya Natarajan: is the 835 in yet?": a speaker in a staff chat.
    if CHAT_SPEAKER_BEFORE.fullmatch(text, line_start, start) and SPEAKER_COLON_AFTER.match(text, end) and not PATIENT_NOUN.search(text, line_start, start):
        return True
    # "call" and "user" name staff ("call Jane at x4410"), unless a patient
    # was named as the subject ("the patient on the call (Lucas Almeida)").
    # "replied to a portal message from Hyun-woo Choi": a portal's messages come from patients.
    if ROLE_BEFORE.search(text[max(line_start, start - 40) : start]) and not PATIENT_NOUN.search(before) and not PORTAL_MESSAGE_FROM.search(before):
        return True
    if DEPARTMENT_BEFORE.search(text, max(line_start, start - 40), start) and not PATIENT_NOUN.search(before):
        return True
    if is_introduction(text=text, start=start, end=end) or HERE_AFTER.match(text, end):
        return True
    if (
        DASH_BEFORE.search(text[line_start:start])
        and DASH_SIGN_OFF_AFTER.match(text, end)
        and not PATIENT_FACT_AFTER.match(text, end)
        and not ROOM_DASH_BEFORE.search(text, line_start, start)
    ):
        return True
    if any(header.start() <= start < header.end() for header in EMAIL_HEADER.finditer(text)):
        return True
    if in_sign_off_block(text=text, start=start, end=end) or in_closing_sentence(text=text, start=start, end=end):
        return True
    return is_signature(text=text, start=start, end=end)


CHAT_SPEAKER_BEFORE = regex.compile(r"[ \t]*(?:[\[(]?[\d:/ ]{3,20}(?i:[ap]\.?m\.?)?[\])]?[ \t]*[-–]?[ \t]*)?(?:@[ \t]*)?")
SPEAKER_COLON_AFTER = regex.compile(r"[ \t]*:[ \t]")


STAFF_GROUP_BEFORE = regex.compile(
    # "the patient in the chair", "patients on the panel" and a tracking "BOARD:" name patients, so those words are left out.
    r"(?i:\b(?:reviewers?|committee|attendees|auditors?|participants|invitees|escalation\s+contacts?)\b[ \t]*(?::|\(|,|\bis\b|\bare\b)"
    r"|\b(?:who|cc|present)[ \t]*:)"
)


def _in_account_request_list(*, text: str, start: int) -> bool:
    """Tell whether a name is listed after "Names:" in a request to set up staff accounts.

    "Can you create accounts with the Hygienist role? Names: Bethany Lowe
    and Marcus Oyelowo." A patient word before the list makes it a patient list.
    """
    window = text[max(0, start - 250) : start]
    label = NAMES_LABEL_BEFORE.search(window)
    if label is None:
        return False
    context = window[: label.start()]
    return ACCOUNT_SETUP.search(context) is not None and PATIENT_NOUN.search(window) is None


def _resident_of_care_home(*, text: str, role: str, start: int) -> bool:
    """Tell whether "resident" before a name means a care home's resident, not a physician in training.

    "Resident: Mr. Harold Beaumont, room 118B": a care-home word in the
    ticket, or an honorific before the name, makes the resident a patient.
    """
    if role.lower().rstrip("s") != "resident":
        return False
    return LONG_TERM_CARE.search(text) is not None or HONORIFIC_BEFORE.search(text, max(0, start - 6), start) is not None


def is_introduction(*, text: str, start: int, end: int) -> bool:
    """Tell whether a name opens a sentence or follows a greeting and comes "from" an organization.

    "Good morning, Erica Stone from Harbor Behavioral Health." The
    organization needs an institution word ("Health", "Clinic", "Billing"),
    so "Maria from accounting" is left to the other checks.
    """
    if not INTRODUCTION_BEFORE.search(text, max(0, start - 30), start):
        return False
    organization = ORGANIZATION_FROM_AFTER.match(text, end)
    return organization is not None and any(word.strip(".,'’").lower() in INSTITUTION_WORDS for word in organization.group("organization").split())


def in_closing_sentence(*, text: str, start: int, end: int) -> bool:
    """Tell whether a name is the sign-off of the ticket's last sentence.

    "... due by March 31. Spencer Hollis, QI.", "Accounts receivable:
    Carmen Diaz.", "Sunset Home Care, Liesl Brandt": the last sentence is
    only the name, a role or department, and separators. A patient fact or
    a linking word ("for", "about", "re") in it makes it a sentence about a
    patient, not a sign-off.
    """
    after = CLOSING_AFTER.match(text, end)
    if after is None or PATIENT_FACT_AFTER.match(text, end) or PATIENT_FACT_IN_BLOCK.search(after.group()):
        return False
    breaks = list(SENTENCE_BREAK.finditer(text, 0, start))
    if not breaks:
        # A one-sentence ticket has no sign-off sentence.
        return False
    lead = text[breaks[-1].end() : start]
    # A bare name as the last sentence is the writer's. It is a patient's
    # in a ticket a patient or relative wrote, which has first-person cues or
    # speaks of the portal in the first person ("now the portal wont let me in").
    if not lead.strip() and not after.group().strip(" \t\n.!)"):
        return FIRST_PERSON_PATIENT.search(text) is None and OWN_PORTAL.search(text) is None
    # "She has a client in crisis, Dwayne Fletcher, ..." names a patient.
    if PATIENT_NOUN.search(lead):
        return False
    return CLOSING_LEAD.fullmatch(lead) is not None and not PATIENT_FACT_IN_BLOCK.search(lead) and not LINKING_WORD.search(lead)


def in_sign_off_block(*, text: str, start: int, end: int) -> bool:
    """Tell whether a name sits in the closing "-- Department, Name, phone" of a ticket's last line.

    One-line tickets often end "-- Legal, Rachel Steinberg, 555-0104" or
    "- Dana Whitcomb, Hospital Quality": after the dash come only names,
    roles and contact numbers, never a patient fact.
    """
    # A block never crosses a line break, so only the last line is searched,
    # from the line break before it.
    last_line_start = text.rstrip().rfind("\n") + 1
    if start < last_line_start:
        return False

    # The last opening wins: "... fails. Need help ASAP. Nilufar Rashidova, 555-0145".
    blocks = list(SIGN_OFF_BLOCK.finditer(text, max(0, last_line_start - 1), overlapped=True))
    block = max(blocks, key=lambda match: match.start("block")) if blocks else None
    if block is None or not block.start("block") <= start < block.end("block"):
        return False

    words = block.group("block")
    # Two sentences are no sign-off ("Mrs. Nwosu-Blake's dose. Manager Olivia Grant, 555-0196").
    if SENTENCE_END.search(words):
        return False
    # Three lower-case words in a row make it a sentence ("- curious why claim ..."), not a sign-off.
    return PATIENT_FACT_IN_BLOCK.search(words) is None and THREE_LOWER_WORDS.search(words) is None


def is_signature(*, text: str, start: int, end: int) -> bool:
    """Tell whether a name is alone on one of the last lines, as in a sign-off."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:start].strip(" \t-–—~,") or TWO_LOWER_WORDS.search(text[end:line_end]):
        return False
    # "Clara Benedetti got Clara Benedict's statement" opens a ticket, and a
    # sign-off name is followed by nothing or by punctuation and a role.
    rest = text[end:line_end].strip()
    if line_start == 0 or (rest and rest[0] not in ",|(/-–—:") or PATIENT_FACT_AFTER.match(text, end):
        return False
    remaining_lines = [line for line in text[line_end:].splitlines() if line.strip()]
    return len(remaining_lines) <= 3





FAMILY_COMMA_GIVEN = regex.compile(r"(?P<family>\p{Lu}[\p{L}'’-]+),[ \t]*(?P<given>\p{Lu}[\p{L}'’-]+)(?:[ \t]+\p{Lu}\.?)?")


def _family_comma_given(value: str) -> bool:
    """Tell whether a value is a chart's "FAMILY, Given" or "Family, Given" with a listed given name.

    "GRANT, Oluwaseyi": "Grant" alone could be a program, but an EHR writes
    the family name in capitals before the given name.
    """
    match = FAMILY_COMMA_GIVEN.fullmatch(value)
    if match is None:
        return False
    given_name = fold(match.group("given"))
    if given_name in COMMON_WORDS or given_name in INSTITUTION_WORDS:
        return False
    return match.group("family").isupper() or given_name in load_list(file_name="given.txt")


def _given_name_and_place_surname(words: list[str]) -> bool:
    """Tell whether two words are a given name and a place-word surname in either order: "Kendra Hill", "PARK MIN-JUN", not "Cedar Hill"."""
    if len(words) != 2:
        return False
    for surname, given_name in (words, list(reversed(words))):
        if surname not in PLACE_SURNAMES:
            continue
        # A romanized two-syllable given name ("Ji-woo", "Min-jun") is rarely a place.
        if ROMANIZED_GIVEN.fullmatch(given_name):
            return True
        folded = fold(given_name)
        if folded in load_list(file_name="given.txt") and folded not in COMMON_WORDS and folded not in INSTITUTION_WORDS:
            return True
    return False


SITE_WORD_AFTER = regex.compile(r"[ \t]+(?:location|site|campus|branch|facility|office|clinic)s?\b")
# "our survey vendor (Press Ganey)": a company in brackets after its kind.
COMPANY_BEFORE = regex.compile(r"(?i:\b(?:vendor|company|clearinghouse|payer|agency|firm|contractor|platform)[ \t]*\([ \t]*)$")


def _has_plain_word(value: str) -> bool:
    """Tell whether a span contains a common word that is never part of a name, such as "MY" or "AT"."""
    # One letter is an initial ("MARTIN, COREY A"), not the article.
    return any(len(word.strip(".,")) > 1 and word.strip(".,").lower() in NOT_IN_CAPS_NAMES for word in value.split())


def classify_name(
    *,
    text: str,
    start: int,
    end: int,
    first_person_patient: bool,
    honorific: bool = False,
    lone_word: bool = False,
    source_is_ner: bool = True,
    any_case: bool = False,
    place_words_ok: bool = False,
) -> str | None:
    """Return "PATIENT_NAME" for a patient's name, "STAFF" for a staff name, None for no name.

    A name after Mr., Mrs. or Ms. may be a single surname; other guesses
    need two capitalized words, or two listed name words in one case when
    `any_case` is set.
    """
    value = text[start:end]
    words = value.split()
    if any(character.isdigit() for character in value):
        return None
    # "this is Mrs. Oyelaran": the honorific alone is no name.
    if fold(value).rstrip(".") in HONORIFICS:
        return None
    if not any(character.islower() for character in value) and source_is_ner:
        # spaCy tags acronyms such as "ADT" or "QPP" as people; all-caps
        # names reach here only from a pattern ("e.g. ROSALIND KEATS").
        return None
    # A patient who writes in capitals ("I AM ENTERING MY DATE OF BIRTH",
    # "CALL ME AT") gives the name patterns plain words, and a name has none.
    if not any(character.islower() for character in value) and _has_plain_word(value):
        return None
    # "Welch Allyn Connex" when only "Allyn Connex" was found.
    previous = NEIGHBOR_BEFORE.search(text, max(0, start - 30), start)
    folded = [fold(word) for word in ([previous.group(1)] if previous else []) + words]
    if " ".join(fold(word) for word in words) in PRODUCT_NAMES or any(" ".join(pair) in PRODUCT_NAMES for pair in zip(folded, folded[1:])):
        return None
    # "Georgia Comprehensive Cancer Registry", "Sierra Foothills Ambulatory Surgery": a name-like pair that
    # runs into an institution word within the next three capitalized words.
    following = CAPITALIZED_WORDS_AFTER.match(text, end)
    if following and any(fold(word) in INSTITUTION_WORDS and not MONTH_OR_DAY_WORD.fullmatch(word) for word in following.group().split()):
        return None
    # "our new Glen Ellyn location": a place named before a site word.
    if SITE_WORD_AFTER.match(text, end):
        return None
    # After Mr. or Ms. a place word is a surname ("Ms. Park"), and so is a
    # month in "HOLLOWAY, JUNE".
    bare_words = [word.strip(".,'’").removesuffix("'s").lower() for word in words]
    institution = not (honorific or place_words_ok or _given_name_and_place_surname(bare_words) or _family_comma_given(value)) and any(
        word in INSTITUTION_WORDS for word in bare_words
    )
    # "Summit Physical Therapy" is a practice even after a patient label.
    institution = institution or any(word in ORGANIZATION_TYPE_WORDS for word in bare_words)
    if words[0].lower() in TITLES or institution or COMPANY_BEFORE.search(text, max(0, start - 30), start):
        return None
    # "Due Jan 15": a month before a day number is a date, not a surname.
    if MONTH_NAME.fullmatch(bare_words[-1]) and DAY_AFTER.match(text, end):
        return None
    words = [word for word in NAME_SPLIT.split(value) if word]
    if (len(words) < 2 and not (honorific or lone_word)) or not (any_case or all(word[:1].isupper() for word in words)):
        # A lone first name rarely identifies a patient; patient labels are
        # handled by PatientNameRecognizer.
        return None
    if is_staff_name(text=text, start=start, end=end, first_person_patient=first_person_patient):
        return "STAFF"
    return "PATIENT_NAME"


MESSAGE_HEADER_FROM = regex.compile(r"[ \t>]*(?i:voicemail|text|txt|sms)\b[^\n]{0,60}\bfrom[ \t]*$")


SENTENCE_END = regex.compile(r"[.?!][\"”’)]?\s")


def _patient_message_after(*, text: str, end: int) -> bool:
    """Tell whether the message after a header is a patient's: first person, and no office, role or staff word in it."""
    message = text[end : end + 400]
    if writer_is_patient_side(text=message):
        return True
    staff_words = (STAFF_WRITER, STAFF_MESSAGE_WORD, ROLE_NOUN, ORGANIZATION_BEFORE)
    return FIRST_PERSON_WORD.search(message) is not None and not any(pattern.search(message) for pattern in staff_words)


def is_patient_contact(*, text: str, start: int, end: int, entity: str, first_person_patient: bool) -> bool:
    """Tell whether a phone, email or address belongs to a patient by nearby words."""
    # "Please call me at ..." in a patient's message that staff forwarded or quoted.
    first_person_patient = first_person_patient or _in_quoted_patient_message(text=text, start=start)
    before = clause_before(text=text, start=start, width=45)
    if first_person_patient and FIRST_PERSON_CONTACT.search(before):
        return True
    # A phone in the closing words of a patient's or relative's own ticket is
    # theirs: "Thank you,\nFemi Adeyemi\n555-0174", "Phone 555-0157. - Adaeze".
    # A role or department in the closing lines makes it a staff signature ("HIM Supervisor | Pine Valley Clinic | 555-0172").
    if first_person_patient and entity == "PHONE" and len(text[end:].strip()) <= 30 and not ORGANIZATION_PHONE_LABEL.search(before):
        # The closing lines only, from the last sentence end: "my insurance should cover it. pls call ..." names no staff phone.
        closing = text[max(0, start - 100) : start]
        # A line break ends a sentence too: "...last week.\n\nLinda J Carr\n555-0133".
        closing = closing[max([0, *(match.end() for match in SENTENCE_END.finditer(closing))]) :]
        # "Dr. Omar Haddad, 555-0122": a clinician's sign-off.
        if not (ROLE_NOUN.search(closing) or STAFF_PHONE_WORD.search(closing) or CLINICIAN_SIGN_OFF.search(closing)):
            return True
    if entity == "PHONE":
        # A voicemail or text header names its caller's number, a patient's when the message is one:
        # "Voicemail transcription (auto) 12/04 07:12 from 555-0117:".
        line_start = text.rfind("\n", 0, start) + 1
        if MESSAGE_HEADER_FROM.match(text, line_start, start) and (first_person_patient or _patient_message_after(text=text, end=end)):
            return True
        # "the fax confirmation says delivered to 555-0198": a fax goes to an office.
        message_clause = clause_before(text=text, start=start, width=90)
        if MESSAGE_SENT_TO.search(message_clause) and not FAX_WORD.search(message_clause):
            return True
        return bool(PATIENT_BEFORE.search(before) or PHONE_AFTER_PATIENT.match(text[end : end + 60]))
    if entity == "EMAIL":
        if _staff_personal_mailbox(text=text, start=start):
            return False
        if EMAIL_PATIENT_BEFORE.search(before):
            return True
        # "~1,100 patients got the full list of addresses, e.g. ...": the
        # sentence's patients own a personal address further back too, but not
        # a practice's mailbox ("report of patient names was emailed to all-staff@...").
        email = text[start:end]
        personal = not (PRACTICE_DOMAIN.search(email) or ROLE_MAILBOX.match(email))
        return personal and EMAIL_PATIENT_BEFORE.search(clause_before(text=text, start=start, width=120)) is not None
    if entity == "ADDRESS":
        return not ORGANIZATION_BEFORE.search(before)
    return True


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Tell whether [start, end) overlaps any span."""
    return any(span_start < end and start < span_end for span_start, span_end in spans)


def resolve_findings(*, text: str, results: list[RecognizerResult]) -> list[Finding]:
    """Choose the spans to remove from analyzer results, merged and sorted."""
    firm_operational = find_operational_spans(text=text)
    operational = firm_operational + find_shape_spans(text=text)
    first_person_patient = writer_is_patient_side(text=text)
    candidates: list[Finding] = []
    contacts: list[Finding] = []
    staff_names: set[str] = set()
    results = _drop_tagged_in_table_columns(text=text, results=results)
    # The name cells of a pasted staff roster ("login | display_name | role") are staff, whichever recognizer found them.
    roster = list(find_staff_roster_cells(text=text))
    staff_names.update(text[start:end] for start, end in roster)
    for result in results:
        finding = _to_finding(text=text, result=result, first_person_patient=first_person_patient, staff_names=staff_names)
        if finding is None:
            continue
        # A sure tagger result is vetoed by labeled values, versions, times and segments, not by a shape alone.
        vetoes = firm_operational if _sure_tagger_result(result) else operational
        if finding.weak and _vetoed(finding=finding, operational=vetoes):
            continue
        if finding.entity == "PATIENT_NAME" and overlaps(roster, finding.start, finding.end):
            continue
        # "- Oluwadamilare (Dami) Ajayi, interface analyst": staff have nicknames too.
        if (
            source_of(result) == "PatientNameRecognizer:quoted nickname"
            and not first_person_patient
            and is_staff_name(text=text, start=finding.start, end=finding.end, first_person_patient=False)
        ):
            continue
        # "ZZTEST, DONOTUSE": a test record names no one.
        if finding.entity == "PATIENT_NAME" and TEST_RECORD_NAME.search(text, finding.start, finding.end):
            continue
        # "msgid=<vs-88120@mail.example>": a mail server's message ID, not a mailbox.
        if finding.entity == "EMAIL" and MESSAGE_ID_BEFORE.search(text, max(0, finding.start - 15), finding.start):
            continue
        # A toll-free number outside a patient field is an organization's, even in a patient's ticket.
        if finding.entity == "PHONE" and finding.weak and TOLL_FREE.match(text, finding.start, finding.end):
            continue
        if finding.entity in CONTACT_ENTITIES and not finding.patient:
            contacts.append(finding)
        else:
            candidates.append(finding)

    candidates = _drop_staff_namesakes(text=text, findings=candidates, staff_names=staff_names)
    candidates = _drop_names_listed_after_staff(text=text, findings=candidates, staff_names=staff_names)
    # After the staff drops: a list introduced as patients wins over a dash that looks like a sign-off.
    candidates.extend(_patient_list_items(text=text, findings=candidates))
    candidates.extend(_names_in_other_scripts(text=text, findings=candidates))
    candidates.extend(_names_in_brackets_after_patient_names(text=text, findings=candidates))
    candidates = _spread_patient_names(text=text, findings=candidates)
    candidates.extend(_nicknames_of_patient_names(text=text, findings=candidates))
    candidates.extend(_names_before_bracketed_patient_names(text=text, findings=candidates))
    candidates.extend(_siblings_of_patient_names(text=text, findings=candidates))
    if first_person_patient:
        # Before the contacts: the phone after a patient's closing name is theirs.
        candidates.extend(_patient_signature(text=text, findings=candidates))
        candidates.extend(_patient_self_introduction(text=text, findings=candidates))
    candidates.extend(_self_named_full_names(text=text, findings=candidates))
    patient_spans = [(f.start, f.end) for f in candidates if f.patient and f.entity != "DATE_OF_SERVICE"]
    organization_phones = {(c.start, c.end) for c in contacts if c.entity == "PHONE" and _is_organization_phone(text=text, phone=c)}
    for contact in contacts:
        # In a ticket with no patient data, an address at an organization's own domain is a staff member's or a mailbox's.
        work_mailbox = contact.entity == "EMAIL" and not patient_spans and _organization_mailbox(text=text, email=contact)
        if work_mailbox or (contact.entity == "EMAIL" and _is_practice_email(text=text, finding=contact, staff_names=staff_names)):
            # A shared or work address, even next to a patient's data, is
            # where a record went or who sent the request ("sent to
            # labresults@citylab.com"), and support replies to it.
            continue
        if (contact.start, contact.end) not in organization_phones and (
            _near_patient_data(text=text, finding=contact, patient_spans=patient_spans)
            or _labeled_patient_phone(text=text, finding=contact, patient_spans=patient_spans)
            or (contact.entity == "PHONE" and _beside_consumer_mailbox(text=text, finding=contact))
        ):
            candidates.append(Finding(start=contact.start, end=contact.end, entity=contact.entity, patient=True, weak=contact.weak))
        else:
            # Addresses and personal emails go, without phi_risk. Clinic,
            # desk and staff phone numbers stay because support replies to them.
            # The organization's own address ("remit-to address ... PO Box 4410") stays.
            address_before = clause_before(text=text, start=contact.start, width=45)
            own_address = contact.entity == "ADDRESS" and ORGANIZATION_BEFORE.search(address_before) and not PERSON_ADDRESS_BEFORE.search(address_before)
            if contact.entity in ("ADDRESS", "EMAIL") and not own_address:
                candidates.append(contact)

    candidates.extend(_names_in_patient_mailboxes(text=text, findings=candidates, staff_names=staff_names))
    candidates.extend(_usernames_of_patient_names(text=text, findings=candidates))
    candidates.extend(_phones_beside_patient_phones(text=text, findings=candidates, contacts=contacts, organization_phones=organization_phones))
    candidates.extend(_phone_variants(text=text, findings=candidates))
    candidates.extend(_ids_after_patient_names(text=text, findings=candidates))
    candidates.extend(_names_after_patient_ids(text=text, findings=candidates))
    candidates.extend(_identifier_list_continuations(text=text, findings=candidates))
    candidates.extend(_identifiers_of_same_shape_in_sentence(text=text, findings=candidates, operational=operational))
    candidates.extend(_record_number_lists(text=text, operational=operational))
    candidates.extend(_sql_filter_values(text=text))

    # A line that names a test patient keeps all its values, dates included: its MRN and birth date are test data too.
    test_lines = _test_record_lines(text=text)
    candidates = [f for f in candidates if not overlaps(test_lines, f.start, f.end)]
    if not any(f.patient and f.entity != "DATE_OF_SERVICE" for f in candidates):
        # A date of service is PHI only when tied to an identified patient.
        return _merge([f for f in candidates if f.entity != "DATE_OF_SERVICE"])
    date_ends = [f.end for f in candidates if f.entity == "DATE_OF_SERVICE"]
    occupied = operational + test_lines + [(f.start, f.end) for f in candidates]
    candidates.extend(_patient_ticket_dates(text=text, occupied_spans=occupied, date_ends=date_ends))
    candidates.extend(_short_forms_of_patient_dates(text=text, findings=candidates))
    return _merge(candidates)


CONTACT_ENTITIES = frozenset({"PHONE", "EMAIL", "ADDRESS"})
# "BABY GIRL SZABO" and "MR. ODUYA" are names in capitals; the other common words are not.
# "PATIENT WILL HUNTER": some common words are given names too.
NOT_IN_CAPS_NAMES = COMMON_WORDS - {"baby", "boy", "girl", "mr", "mrs", "ms", "miss", "dr", "will", "may"}
# A trauma alias ("ZZTRAUMA, ECHO") stands for a real patient whose name is not known yet, so it is no test record.
TEST_RECORD_NAME = regex.compile(r"(?i:\bzz(?!trauma|unknown|unk\b|alias)\w*|\btest\b|\bdo[ \t]*not[ \t]*use\b|\bdummy\b)")
# A test patient's family name in a name field: "ZZTEST^MICKEY", "TEST, PATIENT A", "ELRTEST^ALPHA", "TESTING, DO NOT USE".
# "DO NOT USE" counts only as a name field, after a separator or before one:
# a patient who writes in capitals ("I DO NOT USE EMAIL MUCH") names no test record.
TEST_RECORD_FIELD = regex.compile(
    r"(?<![\w^])(?:ZZ(?!TRAUMA|UNKNOWN|UNK\b|ALIAS)[A-Z0-9]*|[A-Z]*TEST(?:ING)?\d*)(?:\^|,[ \t]*)[A-Z]"
    r"|(?:(?<=[,^|\"'(][ \t]*)|^[ \t]*)DO[ \t]*NOT[ \t]*USE\b|\bDO[ \t]*NOT[ \t]*USE(?=[ \t]*(?:[,^|)\"']|$))",
    regex.MULTILINE,
)


def _test_record_lines(*, text: str) -> list[tuple[int, int]]:
    """Return the spans of the lines that name a test patient.

    "PID|1||T000101||ZZTEST^MICKEY||19500101|M" and "TEST, PATIENT A   MRN
    T000101" describe no one. NOTE: a real value on the same line as a
    test patient (a real MRN pasted into a test message) stays too.
    """
    spans = []
    for match in TEST_RECORD_FIELD.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end())
        spans.append((line_start, len(text) if line_end < 0 else line_end))
    return spans


MESSAGE_ID_BEFORE = regex.compile(r"(?i:\b(?:msg_?id|message-?id)\s*[:=]\s*<?)$")
# "Call me at 555-0135, Dr. Amara Eze": the phone of the clinician who signs.
TITLED_SIGNER_AFTER = regex.compile(r"[ \t]*[,-][ \t]*(?:Dr\.?|Nurse|NP|RN|PA)[ \t]+\p{Lu}")
MISDIRECTED_TO = regex.compile(r"(?i:\b(?:went|sent|faxed|texted|routed|delivered|forwarded|going|gone)\s+(?:\w+\s+){0,2}?to\s*$)")
# 1-800, 888, 877, 866, 855, 844 and 833 numbers are almost always an organization's.
TOLL_FREE = regex.compile(r"(?:\+?1[ .-]?)?\(?8(?:00|88|77|66|55|44|33)\)?[ .-]?\d{3}[ .-]?\d{4}$")
# "Our fax cover had his address 610 Eastern Pkwy": a person's address, even after "our".
PERSON_ADDRESS_BEFORE = regex.compile(r"(?i:\b(?:his|her|their|patient'?s|pt'?s|member'?s|home)\s+(?:\w+\s+)?address\b[^\n]{0,6}$)")


# A tagger probability at which a tagged span overrides the operational patterns
# that judge a value by its shape alone ("G-220185" looks like an error code).
# A label ("claim # CLM-2291847") still wins. See docs/phi.md, "Learned tagger".
TAGGER_SHAPE_OVERRIDE_SCORE = 0.7


def _sure_tagger_result(result: RecognizerResult) -> bool:
    """Tell whether a result is the tagger's, scored high enough to override values that only their shape marks as operational."""
    return source_of(result).startswith(TAGGER_NAME) and result.score >= TAGGER_SHAPE_OVERRIDE_SCORE


def _vetoed(*, finding: Finding, operational: list[tuple[int, int]]) -> bool:
    """Tell whether an operational span overrules a weak finding.

    An address keeps its span when the operational value covers only part of
    it: "at 2219 Kamehameha Hwy" reads "at 2219" as a time, and "on file 15
    Pilgrim Way" reads "file 15" as a file number.
    """
    if finding.entity != "ADDRESS":
        return overlaps(operational, finding.start, finding.end)
    length = finding.end - finding.start
    return any(start < finding.end and finding.start < end and (min(end, finding.end) - max(start, finding.start)) * 2 >= length for start, end in operational)
# Consumer mail services: an address there belongs to a person, never to a practice.
CONSUMER_MAILBOX = regex.compile(
    r"(?i:@(?:gmail|googlemail|yahoo|ymail|rocketmail|hotmail|outlook|live|msn|aol|icloud|me|mac|comcast|att|sbcglobal|bellsouth|verizon"
    r"|cox|charter|spectrum|earthlink|juno|netzero|protonmail|proton|pm|gmx|mail|zoho|yandex|hey|fastmail|optonline|frontier|windstream"
    r"|centurylink|q|roadrunner|rr|twc|mindspring|tutanota"
    # A bare "@example.com" is a personal address written out of caution; organizations write "@clinic.example.com".
    r"|example)\.(?:com|net|me|org|us|ch)\b)"
)
# Domains of care organizations and their vendors: "@lakeviewortho.org", "@cityhealthlab.com".
PRACTICE_DOMAIN = regex.compile(
    r"(?i:@[\w.-]*(?:health|clinic|medic|med\b|care|hosp|ortho|lab|pharm|physician|pediatric|peds|family|practice|associates|group|center|fq?hc\b|chc\b"
    r"|partners|regional|memorial|doctors|dental|smile|rehab|imaging|radiology|surg|oncology|cardio|derm|neuro|billing|rcm|hie|payer|plan|vendor"
    r"|obgyn|gyn|midwi|wellness"
    # "@riverbendhc.example": "hc" for health care at the end of the name.
    r"|hc(?=\.)))"
)
ROLE_MAILBOX = regex.compile(
    # "api-support@", "vendor-contracts@": a qualifier may come before the role.
    # "vendorrisk@", "patientrelations@": a long role word may also be glued to its qualifier.
    r"(?i:[a-z]{2,12}(?:support|billing|compliance|contracts|credentialing|quality|records|privacy|security|relations|audit|risk)@"
    # A Direct secure-messaging address of a provider: "dr.k.wong@direct.northpoint.example.org".
    r"|dr[._][\w.-]*@|[\w.-]+@direct\."
    r"|(?:[a-z0-9]+[._-])?(?:compliance|education|training|onboarding|implementation|audit|auditors?\d*|relations|referrals?|support|billing|accounts?|accounting|finance|contracts|credentialing|quality|info|admin|it|helpdesk|help|noreply"
    r"|no-reply|office|frontdesk|front\.desk|records|legal|grc|risk|ops|operations|admissions|intake|dispatch|nursing|payroll|purchasing"
    r"|him|roi|privacy|security|reception|scheduling|appointments|hr|contact|team|notifications?|alerts?|interfaces?|edi|rcm|lab|pharmacy|news|newsletter|marketing|group)"
    r"(?:[._-][a-z0-9]+)?@)"
)
PATIENT_TICKET_DATE = regex.compile(rf"(?<![\w/.-])(?P<value>{SPOKEN_DAY_OF_MONTH}|{ANY_DATE})(?![\w/-])")
# Words before a date that make it a deadline, a period or a system event.
OPERATIONAL_DATE_CUE = regex.compile(
    r"(?i:\b(?:since|by|before|until|till|due|deadline|close[sd]?|closing|cut-?off|effective|expire[sd]?|expiring|termed|terminated"
    r"|go-?live|live|starting|starts|started|through|thru|between|ending|ends|period|week\s+of|as\s+of|submitted|submit|sent|covering"
    r"|batch|file|run|ran|deployed|upgrade|update|patch|outage|down|from|to|discovered|mailed|noticed|found|cancell?ed|printed"
    r"|occurred|happened|reported|dated|posted|accepted|activated|refunded|told|paid|twice|online|charged|deposited|received|created|changed|approved|opening|opens"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun"
    # "mandate takes effect 1/1/2025", "cutover 12/15", "firmware 2.8.11" (a version, not a date).
    # "Valid: 11/01/2026 - 01/29/2027", "Coverage: 01/01/2026 - ...": an authorization's or a plan's period.
    r"|mandate|cutover|effect|firmware|version|ver|build|valid|validity|coverage|eligibility|authorized"
    # "before our surveillance review on January 15": a meeting's or an audit's day.
    r"|review|audit|surveillance|survey|meeting|webinar|demo|queued)\b"
    r"\W*(?:on\s+|the\s+|of\s+|(?:about|around|approximately|approx\.?)\s+)?$)"
    # "date" alone comes before patient dates too ("election date 11/01"), so only these kinds name a system's or a deadline's date.
    r"|(?i:\b(?:due|deadline|target|effective|go-?live|cut-?off|send|file|run|mandate|cutover|check|statement|deposit|draft)\s+date\W*$)"
    # "Timely filing for the oldest is 12/20": a payer's filing limit.
    r"|(?i:\b(?:timely\s+filing|filing\s+limit)\b[^.\n]{0,25}?(?:is|by|on)\s+$)"
    # "WHERE created_at > '2026-12-01'": a query's filter.
    r"|(?:[<>]=?|\bbetween)\s*'?$"
    # "Call summary 12/04 - Winslow from ...": when a call or chat took place.
    r"|(?i:\b(?:call|chat|phone)\s+(?:summary|notes?|log|transcript)\W*$)"
    # The Date: line of a quoted email header (the clause starts at its line).
    r"|(?i:^[> \t]*date[ \t]*:[ \t]*(?:\w+,[ \t]*)?$)"
    r"|(?i:\b(?:deadline|due\s+date|cut-?off|cutover|mandate|go-?live(?:\s+date)?)(?:\s+from\s+[\w'’]+)?\s+(?:is|was|of|on|set\s+for)"
    r"(?:\s+(?:supposed|scheduled|planned|set|moved|pushed)\s+(?:to\s+be|to|for))?\s+$)"
    # A system file's or feed's own date: "dispensary file for 12/01", "the census report from 3/2".
    r"|(?i:\b(?:file|batch|report|run|export|upload|feed|census|log|extract|claim|deposit|remit|835|837|ERA|EOB|EFT)s?\s+(?:for|from|of|dated)\s+$)"
    # Administrative events a few words before "on <date>": "filed a complaint
    # on 5/6", "cancelled auto-pay on 6/1", "left the practice 5/3".
    # A patient's payment or scan date is still the patient's ("paid at the window on 6/2").
    r"|(?i:\b(?:requested|request|filed|complaint|left|terminated|rotated|revoked|signed|disabled|enabled|changed|switch|switched"
    r"|upload|uploaded|faxed|resubmitted|go\s+live|go-live|went\s+live|mailed|printed|went\s+out|created|opening|opens|renewed|released|loss"
    r"|migrated|migration|cancell?ed|writing|stolen|lost|police|accessed|viewed|opened|due|respond|responding|response|reply"
    # "since the interface change on 3/19", "since we moved on Nov 4", "the court order was scanned on 6/11".
    r"|change|moved|upgraded|updated|installed|conversion|cutover|scanned|added|acceptance|mandate|hearing|live|onboarding|training|meeting|webinar"
    # "the AirView integration stopped updating on 6/9": when a system broke.
    r"|stopped|quit|crashed|broke|failing)"
    r"\b(?:\s+[^\s.;!?]+){0,5}?\s+(?:on|after|since)\s+(?:the\s+)?$)"
    r"|(?i:\b(?:left|rotated|terminated|revoked|effective|after|filed)\s+(?:the\s+\w+\s+)?$)"
    r"|(?i:\b(?:last\s+day|request\s+date|date\s+of\s+(?:the\s+)?request|request\s+(?:came|arrived|was\s+received))\b[^.\n]{0,15}?$)"
    # "mandated by the state for July 1", "Date range: January 1 to today", "next week (Dec 9)".
    r"|(?i:\b(?:mandated?|required|scheduled|planned|targeted)\b[^.\n]{0,25}?\b(?:for|on|by)\s+$|\bdate\s+range\W*$|\b(?:next|this)\s+(?:week|month)\W*$)"
    # "since approx. 08:30 on 03/11": a time between the word and the date.
    r"|(?i:\b(?:since|until|from|by|at|after|before)\s+(?:approx\.?\s+|about\s+|around\s+)?\d{1,2}:?\d{2}\s*(?:[ap]\.?m\.?)?\s+on\s+$)"
)
RANGE_AFTER = regex.compile(
    rf"^(?:\s*(?:through|thru|to|until|-|–)\s*{ANY_DATE}|\s+(?i:request|deadline|letter)\b"
    r"|\s+(?i:statement|print|batch|run|update|release|upgrade|file|deposit|ERA|835|837|upload|export|cutover|deadline|change|outage|patch|migration|go-?live|today|maintenance|downtime"
    # "the 12/01 remit", "the Dec 31 performance period", "06/01/2026 through today".
    r"|remit|remittance|performance\s+period|reporting\s+period|through\s+today|thru\s+today)\b)"
)
# "Our internal target is December 19", "Response date is 12/22", "due within 60 days of 11/20/2026".
DEADLINE_BEFORE = regex.compile(
    r"(?i:\b(?:deadline|due\s+date|cut-?off|target|response\s+(?:date|due))\b(?:\s+[\w'’]+){0,6}?\s+(?:is|was|by|on)\s+$"
    r"|\bwithin\s+\d+\s+(?:business\s+|calendar\s+)?days\s+(?:of|from|after)\s+$)"
)
RANGE_JOINER = regex.compile(r"[ \t]*(?:to|through|thru|until|-|–)[ \t]*")
PATIENT_RESULT_FROM = regex.compile(
    r"(?i:\b(?:results?|labs?|panel|bloodwork|x-?rays?|mri|ct|scan|imaging|ultrasound|mammogram|consult|biopsy|echo|ekg|ecg|report|note"
    # "her flu shot from 10/02/2026", "note dated 12/02/2026" for a named patient.
    r"|creatinine|glucose|a1c|cbc|tsh|potassium|stay|icu|hospitalization|admission|inpatient\s+stay|shot|vaccine|vaccination|immunization|dose"
    # "Annika Solvang's eval from 3/28", "whose POC from 7/1 is still unsigned".
    r"|injection|infusion|dictation|visit|surgery|procedure|eval|evaluation|re-?eval|POC|plan\s+of\s+care|encounter|exam|appointment|appt)"
    r"\s+(?:from|of|dated|given\s+on|done\s+on)\s+(?:the\s+)?$"
    # "was in your ICU from 2/10", "a hospital stay from 09/14/2026".
    r"|\b(?:in\s+(?:your|the)\s+(?:icu|hospital|er|ed)|hospitalized|admitted)\s+(?:from|since)\s+$)"
)
RANGE_BEFORE = regex.compile(r"(?i:\bbetween\b)")
# "every edit to the 09/18/2024 ED note", "the 10/14/2024 to 10/19/2024 admission": a date that
# names one patient's visit, note or stay, however the words before it read.
CLINICAL_EVENT_AFTER = regex.compile(
    # "the 08/04 and 08/18 visits": two dates before one noun.
    rf"(?:\s*(?:through|thru|to|until|and|&|-|–)\s*{ANY_DATE})?[ \t]+(?:[A-Z][A-Za-z&]{{1,4}}[ \t]+)?(?i:(?:(?:office\s+|clinic\s+|follow-?up\s+|telehealth\s+)?visit"
    r"|(?:visit\s+|progress\s+|clinic\s+|discharge\s+|op\s+|nursing\s+|therapy\s+)?note|admission|admit|encounter|inpatient\s+stay|stay|study|eval|evaluation"
    # "Valid: 11/01/2026 - 01/31/2027   Visits: 12": a column label after the dates names no visit.
    r"|H&P|consult|procedure|surgery|infusion|F2F|face-to-face)s?)\b(?![ \t]*:)"
)
CLOCK_TIME_AFTER = regex.compile(r"[ \t]+(?:@[ \t]*)?\d{1,2}:\d{2}(?:[ \t]*(?i:[ap]\.?m\.?))?(?![\w:])")
# "Phone note (support line, 12/03 14:25", "Spoke w/ ... 12/4 @ 9:15": a call note's own timestamp.
MESSAGE_WORD = regex.compile(
    r"(?i:\b(?:voicemail|vm|transcri\w*|message|msg|received|sent|logged|posted|chat|emailed|faxed|log|call|phone(?=[ \t]*(?:note|call|message|summary|,))|note|summary|spoke|spoken)\b)"
)


def _is_practice_email(*, text: str, finding: Finding, staff_names: set[str]) -> bool:
    """Tell whether an email belongs to the practice or its staff, not to a patient.

    Shared mailboxes and addresses at a care organization's domain count
    (a domain with a care word such as "health", "clinic", "med", "ortho"
    or "lab"), and so does an address in the same clause as a staff name
    ("- Olga Petrenko, Privacy, opetrenko@riverbend.org"). A consumer
    mailbox counts only as a staff member's "personal address" named with
    her role. A wrong recipient's work mailbox after "Recipient:" or a role
    counts too. A sender in a mail header is not enough: forwarded patient
    mail starts with the patient's own "From:" line.
    """
    value = text[finding.start : finding.end]
    if ROLE_MAILBOX.match(value):
        return True
    # "one of our MAs forwarded the list to her personal address x@gmail.com": a staff member's own mailbox.
    if _staff_personal_mailbox(text=text, start=finding.start):
        return True
    if CONSUMER_MAILBOX.search(value):
        return False
    if PRACTICE_DOMAIN.search(value):
        return True
    before = clause_before(text=text, start=finding.start, width=80)
    # "sent to the attorney ... Recipient: mkessler@kesslerlaw...", "a pharma sales rep (jlarkin@...)": a wrong recipient's work mailbox.
    if RECIPIENT_LABEL.search(before) or ROLE_NOUN.search(before[-40:]):
        return True
    if any(name in before for name in staff_names):
        return True
    # "Priya Raman / Privacy Officer / priya.raman@lakeshorehh.example", "Dr. Chukwu's
    # ... her email is n.chukwu@valleyfp.example": a staff surname in the mailbox name.
    mailbox = value.split("@", 1)[0].lower()
    surnames = {name.split()[-1].lower() for name in staff_names} | {match.group(1).lower() for match in TITLED_SURNAME.finditer(text)}
    return any(len(surname) >= 4 and surname in mailbox for surname in surnames)


def _staff_personal_mailbox(*, text: str, start: int) -> bool:
    """Tell whether an email is a staff member's own, named with her role: "one of our MAs ... to her personal address x@gmail.com"."""
    if not STAFF_PERSONAL_MAILBOX.search(clause_before(text=text, start=start, width=80)):
        return False
    sentence = sentence_start(text=text, position=start)
    return bool(ROLE_NOUN.search(text, sentence, start) or STAFF_CREDENTIAL.search(text, sentence, start))


STAFF_PERSONAL_MAILBOX = regex.compile(r"(?i:\b(?:her|his|their)\s+(?:own\s+)?personal\s+(?:e-?mail\s+)?(?:address|account|e-?mail|gmail|inbox)\b[^.\n]{0,20}$)")
# Credentials, titles and desks in capitals or a fixed phrase that ROLE_NOUN leaves out: "one of our MAs", "Florence Amadi RN", "Walter Green, CEO".
STAFF_CREDENTIAL = regex.compile(r"\b(?:RN|LPN|MD|DO|NP|PA|CNA|MAs?|CEO|CFO|COO|CIO|CMO|IT|HIM|PharmD)\b|(?i:\breception|\bfront\s+desk)")
RECIPIENT_LABEL = regex.compile(r"(?i:\brecipient\s*:\s*$)")
TITLED_SURNAME = regex.compile(rf"\b(?:Dr|Doctor|Nurse|NP|RN|PA)\.?[ \t]+(?:\p{{Lu}}\.?[ \t]+)?({NAME_WORD})")


# "SSO fails ... subject mismatch: aiyer@...", "Her new UPN is ...": an identity provider's account.
IDENTITY_WORD = regex.compile(r"(?i:\b(?:SSO|UPN|NameID|SAML|Okta|Azure|LDAP|AD|subject|agency\s+e-?mails?|work\s+e-?mail)\b)")


def _organization_mailbox(*, text: str, email: Finding) -> bool:
    """Tell whether an email is at an organization's own domain ("x@mercyvalley.example.org") or named as a work account."""
    value = text[email.start : email.end]
    if CONSUMER_MAILBOX.search(value):
        return False
    return value.split("@", 1)[1].count(".") >= 2 or IDENTITY_WORD.search(text, max(0, email.start - 80), email.start) is not None


def _beside_consumer_mailbox(*, text: str, finding: Finding) -> bool:
    """Tell whether a phone is given as an alternative to a consumer mailbox: "send it to 555-0175 or avasiliev.home@gmail.com"."""
    after = MAILBOX_AFTER_PHONE.match(text, finding.end)
    before = MAILBOX_BEFORE_PHONE.search(text, max(0, finding.start - 80), finding.start)
    return any(match is not None and CONSUMER_MAILBOX.search(match.group("mailbox")) for match in (after, before))


MAILBOX_AFTER_PHONE = regex.compile(r"[ \t]*(?:,|or|/|and)[ \t]*(?:(?:by[ \t]+)?e-?mail[ \t]*:?[ \t]*)?(?P<mailbox>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)")
MAILBOX_BEFORE_PHONE = regex.compile(r"(?P<mailbox>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)[ \t]*(?:,|or|/|and)[ \t]*(?:(?:by[ \t]+)?(?:phone|cell|text)[ \t]*:?[ \t]*)?$")


# "Odalys Fenwick / 418 Larkspur Court, Unit 2 / Boise, ID 83702 / 208-555-0133": the next line of a contact block.
NEXT_LINE = regex.compile(r"[ \t,]*\n[ \t]*")


def _near_patient_data(*, text: str, finding: Finding, patient_spans: list[tuple[int, int]]) -> bool:
    """Tell whether a contact value sits in the same clause as a patient identifier, or opens the line after one."""
    for start, end in patient_spans:
        between = text[end : finding.start]
        if 0 <= finding.start - end <= 50 and (not SENTENCE_BREAK.search(between) or NEXT_LINE.fullmatch(between)):
            return True
        if 0 <= start - finding.end <= 25 and not SENTENCE_BREAK.search(text[finding.end : start]):
            return True
    return False


# A bare phone label that names no owner: "Phone:", "cell", "my number is", "callback #".
CALLBACK = r"call\s*back(?:\s+(?:#|number|no\.?))?"
BARE_PHONE_LABEL = regex.compile(
    r"(?i:\b(?:phone|ph|tel|telephone|cell|mobile|home|my\s+(?:new\s+)?(?:number|phone|cell)|call\s+me(?:\s+(?:at|on))?|new\s+(?:one|number|phone|cell)"
    rf"|{CALLBACK}|cb\s*#?)(?:\s+(?:is|was))?\s*[:#=]?\s*)$"
)
# Words before a bare label that make the number a unit's or staff member's: "Unit phone", "desk cell".
STAFF_PHONE_WORD = regex.compile(
    r"(?i:\b(?:unit|desk|station|floor|ward|nurses?|main|direct|work|fax|line|ext|extension|pager|charge|triage|lab|front|my\s+desk"
    r"|payer|payor|insurance|plan|clearinghouse|vendor|pharmacy|billing|office|clinic|hospital|support|provider)\b)"
)
# An organization word right before the number, as its label: "payer phone is", "clinic line:".
ORGANIZATION_PHONE_LABEL = regex.compile(STAFF_PHONE_WORD.pattern + r"(?:[ \t]+[\w#]+){0,2}[ \t]*[:#]?[ \t]*$")
SIGN_OFF = regex.compile(r"(?im:^[ \t]*(?:thanks|thank\s+you|thx|regards|best|sincerely|cheers|--)\b)")


def _labeled_patient_phone(*, text: str, finding: Finding, patient_spans: list[tuple[int, int]]) -> bool:
    """Tell whether a phone after a bare label is the patient's, by a patient value just before it.

    "Patient: Nwosu, Emeka / DOB: ... / Phone: (713) 555-2290" in a pasted
    screen, or "username liwei_sf. phone 415-555-2287". The label must
    directly precede the number. A patient value must end at most 160
    characters before it, with no blank line between. A sign-off anywhere
    before it, or a staff, clinic, unit or desk word in its clause, keeps it.
    NOTE: a patient's phone after a bare label with no patient value before
    it ("I'm ... phone 773 555 4120" when the name was missed) still stays.
    """
    if finding.entity != "PHONE":
        return False
    line_start = text.rfind("\n", 0, finding.start) + 1
    if not BARE_PHONE_LABEL.search(text[max(line_start, finding.start - 30) : finding.start]):
        return False
    before = clause_before(text=text, start=finding.start, width=60)
    if ORGANIZATION_BEFORE.search(before) or ROLE_NOUN.search(before) or STAFF_PHONE_WORD.search(before) or SIGN_OFF.search(text[: finding.start]):
        return False
    # "pls call me 555-0158\n-Keisha RN": the number of the staff member who signs.
    if STAFF_SIGNATURE_AFTER.match(text, finding.end):
        return False
    # "Home health nurse here. ... My cell 555-0148": the writer's own number, and the writer is staff.
    if OWN_PHONE_LABEL.search(text, max(line_start, finding.start - 30), finding.start) and STAFF_WRITER.search(text):
        return False
    # A call summary's "Callback:" is the caller's number, however far back the caller's name came.
    call_summary = CALLER_WORD.search(text, 0, finding.start) is not None and CALLBACK_LABEL.search(text, max(line_start, finding.start - 30), finding.start) is not None
    for _, end in patient_spans:
        between = text[end : finding.start]
        if 0 <= finding.start - end <= 160 and "\n\n" not in between:
            return True
        if call_summary and end <= finding.start:
            return True
    return False


CALL_FROM = regex.compile(r"(?i:\bcall\b[^.\n]{0,20}?\bfrom\b)")
CALLED = regex.compile(r"(?i:\bcalled\b)")


def _is_organization_phone(*, text: str, phone: Finding) -> bool:
    """Tell whether a phone number is an organization's or a staff member's by its label and what follows it."""
    phone_before = clause_before(text=text, start=phone.start, width=40)
    return bool(
        # "the payer phone is ...", "clinic line": an organization's number, even next to a patient.
        ORGANIZATION_PHONE_LABEL.search(phone_before)
        # "the fax went to 555-0109, which is a pharmacy": a wrong recipient's number is not the patient's.
        or MISDIRECTED_TO.search(phone_before)
        or TITLED_SIGNER_AFTER.match(text, phone.end)
        # "Callback: 555-0119 ext 22": an extension is a desk's.
        or PHONE_EXTENSION_AFTER.match(text, phone.end)
        or _staff_callback(text=text, start=phone.start)
        # "FX-IN ... from=555-0131 file=...": the sending fax line in a fax server's log.
        or FAX_SENDER_KEY.search(phone_before) is not None
        # "to 555-0164, which is a dental office": a wrong recipient named after the number.
        or MISDIRECTED_AFTER.match(text, phone.end) is not None
        # "Call L&D 555-0145", "Trauma bay 1, 555-0170": a unit's number.
        or UNIT_PHONE_LABEL.search(phone_before) is not None
        # "Callback: 555-0176 (infusion nurses station)".
        or UNIT_AFTER_PHONE.match(text, phone.end) is not None
        # "Dr. Carmen Iglesias, Evergreen Hospice, cell 555-0103": a clinician's signature line.
        or TITLED_SIGNATURE_LINE.search(text, text.rfind("\n", 0, phone.start) + 1, phone.start) is not None
        or _role_signer_after(text=text, end=phone.end)
    )


# "which is a dental office", "which turned out to be a car dealership". "which is her cell" stays a patient's.
MISDIRECTED_AFTER = regex.compile(r"[ \t]*,?[ \t]*(?i:which|that)[ \t]+(?i:is|was|turned[ \t]+out[ \t]+to[ \t]+be|belongs[ \t]+to)[ \t]+(?i:a|an)[ \t]+(?!(?i:patient|pt|cell|mobile|landline|home)\b)")
# Hospital units spelled in capitals, compared case-sensitively so "or" and "ed" never match.
UNIT_PHONE_LABEL = regex.compile(r"(?:\b(?:L&D|ICU|NICU|PICU|PACU|CCU|ED|ER|OR|OB|PCU)\b|(?i:\b(?:trauma[ \t]+)?bay[ \t]+\d+\w?))[ \t]*[,:#]?[ \t]*(?i:at[ \t]+)?$")
UNIT_AFTER_PHONE = regex.compile(r"[ \t]*\((?i:(?:[\w&/-]+[ \t]+){0,3}(?:station|desk|unit|office|line|clinic|floor|pharmacy|lab|fax|main))\)")
TITLED_SIGNATURE_LINE = regex.compile(r"(?m)^[ \t]*[-–—]*[ \t]*(?:Dr\.?|Nurse)[ \t]+\p{Lu}[^\n]*$")
ROLE_SIGNER_AFTER = regex.compile(r"[ \t]*[-–—][ \t]*\p{Lu}[\p{L}'’-]+(?:[ \t]+\p{Lu}[\p{L}'’-]+)?[ \t]*,(?P<role>[^\n]{0,40})")


def _role_signer_after(*, text: str, end: int) -> bool:
    """Tell whether the number is followed by a signature with a role: "call me 555-0177 - Jolene, Visiting Nurse"."""
    signer = ROLE_SIGNER_AFTER.match(text, end)
    return signer is not None and ROLE_NOUN.search(signer.group("role")) is not None


FAX_SENDER_KEY = regex.compile(r"(?i:\b(?:from|sender|src|csid)[ \t]*=[ \t]*\+?$)")


def _staff_callback(*, text: str, start: int) -> bool:
    """Tell whether a call summary's "Callback" number is a staff caller's: "Caller Hector Ibarra, clinic manager at ..."."""
    line_start = text.rfind("\n", 0, start) + 1
    # "Phone call 14:02 from ICU charge nurse Magdalena Wiśniewska: ... Callback 555-0111".
    if not CALLBACK_LABEL.search(text, max(line_start, start - 30), start):
        return False
    caller = CALLER_WORD.search(text, 0, start) or CALL_FROM.search(text, 0, start)
    if caller is not None:
        return ROLE_NOUN.search(SENTENCE_END.split(text[caller.end() : caller.end() + 80])[0]) is not None
    # "Pharmacist April Nakamura called at 16:20": the role comes before "called" in its sentence.
    called = CALLED.search(text, 0, start)
    if called is None:
        return False
    return ROLE_NOUN.search(text, sentence_start(text=text, position=called.start()), called.start()) is not None


OWN_PHONE_LABEL = regex.compile(r"(?i:\b(?:my\s+(?:\w+\s+)?(?:number|phone|cell|mobile)|call\s+me|text\s+me|reach\s+me)\b[^\n\d]{0,12})$")
# The writer names a staff role: "Home health nurse here", "I'm the charge RN on 4 West".
STAFF_WRITER = regex.compile(
    r"(?i:(?:^|[.!?]\s+)(?:[\w&/-]+\s+){0,3}(?:nurse|rn|lpn|ma|doctor|physician|provider|therapist|tech|aide|coordinator|manager|biller|front\s+desk"
    r"|scheduler|pharmacist|paramedic|medic|team|staff|office)\s+here\b"
    # "This is Dr. Samira Haddadin at Eastside Urgent Care".
    r"|\b(?:i'?m|i’m|i\s+am|this\s+is)\s+(?:dr\.?|doctor|nurse)\s"
    # "my badge tap stopped working", "employee ID 118204": a staff member's own badge or ID.
    r"|\bmy\s+(?:new\s+)?badge\b|\bemployee\s+(?:id|#|number)\b"
    r"|\b(?:i'?m|i’m|i\s+am|this\s+is)\s+(?:the|a|an|one\s+of\s+the)\s+(?:[\w-]+\s+){0,2}(?:nurse|rn|lpn|tech|aide|therapist|physician|doctor|provider"
    r"|coordinator|pharmacist|paramedic|scheduler|receptionist|biller|manager)s?\b"
    # "i'm a PT at Motion Physical Therapy": a credential and a workplace.
    r"|\b(?:i'?m|i’m|i\s+am)\s+(?:a|an|the)\s+(?:PT|OT|PTA|SLP|MA|CNA|RN|LPN|NP|PA|MD|DO|RT)\s+(?:at|with|for|in)\b"
    # "hey its marisol at front desk": the writer's name and their desk.
    r"|\b(?:i'?m|i’m|it'?s|it’s|this\s+is)\s+\p{L}+\s+(?:at|from|in|on)\s+(?:the\s+)?(?:front\s+desk|billing|registration|scheduling|reception|nursing|pharmacy|the\s+lab)\b)"
)
# "name is", "my name is", "I'm", "this is" right before a name.
SELF_NAMING_BEFORE = regex.compile(r"(?i:\b(?:(?:my\s+)?name\s+is|name:|i\s+am|i'?m|i’m|this\s+is|it'?s|it’s)[ \t]*)$")
STAFF_SIGNATURE_AFTER = regex.compile(r"[ \t.]*\n?[ \t]*[-–—]?[ \t]*(?:\p{Lu}[\p{L}'’-]+[ \t]+){1,3}(?:RN|LPN|MD|DO|NP|PA|MA|CNA|CMA|PharmD)\b")
CALLER_WORD = regex.compile(r"(?i:\bcaller\b)")
CALLBACK_LABEL = regex.compile(rf"(?i:\b{CALLBACK}\s*[:#=]?\s*)$")


# Seven digits count too: "the number on file was 555-0193 ... the person at 555-0193 replied".
PHONE_TOKEN = regex.compile(r"(?<![\w.-])(?:(?:\+?1[ .-]?)?\(?\d{3}\)?[ .-]?)?\d{3}[ .-]?\d{4}(?![\w-])")


def _phone_variants(*, text: str, findings: list[Finding]) -> list[Finding]:
    """Find other spellings of a patient's phone number: "480.555.7731" sent as "4805557731"."""
    numbers = {regex.sub(r"\D", "", text[f.start : f.end])[-10:] for f in findings if f.entity == "PHONE" and f.patient}
    numbers.discard("")
    if not numbers:
        return []
    return [
        Finding(start=match.start(), end=match.end(), entity="PHONE", patient=True, weak=False)
        for match in PHONE_TOKEN.finditer(text)
        if regex.sub(r"\D", "", match.group())[-10:] in numbers
    ]


# Words before a second number of the patient's: "old number (ex's phone) was", "New number", "her other cell".
OTHER_NUMBER_WORD = regex.compile(r"(?i:\b(?:old|new|former|previous|prior|other|second|alternate|alt|backup|home|cell|mobile)\b)")


def _phones_beside_patient_phones(
    *, text: str, findings: list[Finding], contacts: list[Finding], organization_phones: set[tuple[int, int]]
) -> list[Finding]:
    """Find a patient's other number near the one already found: "new number is 555-0104, old number was 555-0197".

    The phone must be within 120 characters of a patient's phone on the
    same line, with a word such as old, new, other or cell in the 30
    characters before it. An organization's or staff number
    (`organization_phones`, found by `_is_organization_phone`) stays, so
    "our office cell" next to a patient's number is kept.
    """
    patient_phones = [f for f in findings if f.entity == "PHONE" and f.patient]
    if not patient_phones:
        return []
    found = []
    for contact in contacts:
        if contact.entity != "PHONE" or overlaps([(f.start, f.end) for f in patient_phones], contact.start, contact.end):
            continue
        if (contact.start, contact.end) in organization_phones:
            continue
        for phone in patient_phones:
            first, last = sorted(((phone.start, phone.end), (contact.start, contact.end)))
            if last[0] - first[1] > 120 or "\n" in text[first[1] : last[0]]:
                continue
            if OTHER_NUMBER_WORD.search(text, max(0, contact.start - 30), contact.start):
                found.append(Finding(start=contact.start, end=contact.end, entity="PHONE", patient=True, weak=True))
                break
    return found


# Cell separators of a pasted table row: a pipe, a tab, or a gap of two spaces between values.
TABLE_ROW_MARK = regex.compile(r"[|\t]|\S {2,}\S")
# An ID-shaped token: letters, digits and hyphens with at least five characters and a digit.
SHAPED_ID_TOKEN = regex.compile(r"(?<![\w/.-])(?=[A-Za-z-]*\d)[A-Za-z0-9][A-Za-z0-9-]{4,24}(?![\w-]|\.\w|/\d)")


# A sentence about charts, records or accounts, and a list of two or more numbers in it.
RECORD_SENTENCE_WORD = regex.compile(r"(?i:\b(?:charts?|MRNs?|medical\s+records?|records|accounts?|accts?|patients?|pts)\b)")
NUMBER_LIST = regex.compile(r"(?<![\w/.-])\d{6,12}(?:(?:[ \t]*,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)\d{6,12})+(?![\w/-]|\.\d)")
LIST_NUMBER = regex.compile(r"\d{6,12}")


# "WHERE mrn IN ('A-118204','A-120993')", "where pat_id = '4410297'": a query's filter on a patient column.
SQL_PATIENT_FILTER = regex.compile(
    r"(?i:\b(?:mrn|patient_?id|pat_?id|pt_?id|member_?id|subscriber_?id|ssn|acct(?:_?(?:no|num|id))?|account_?(?:no|num|number|id))"
    r"[ \t]*(?:=|\bin[ \t]*\())[ \t]*(?P<values>'[^'\n]{3,30}'(?:[ \t]*,[ \t]*'[^'\n]{3,30}')*)"
)
QUOTED_SQL_VALUE = regex.compile(r"'(?P<value>[^'\n]{3,30})'")


def _sql_filter_values(*, text: str) -> list[Finding]:
    """Find the quoted values a pasted SQL query filters a patient column on."""
    return [
        Finding(start=value.start("value"), end=value.end("value"), entity="MRN", patient=True, weak=False)
        for match in SQL_PATIENT_FILTER.finditer(text)
        for value in QUOTED_SQL_VALUE.finditer(text, match.start("values"), match.end("values"))
    ]


def _record_number_lists(*, text: str, operational: list[tuple[int, int]]) -> list[Finding]:
    """Find a list of record numbers with no label right before them: "the three charts that got merged were 3318270, 3318271 and 3319004".

    The sentence must name charts, records, accounts or patients and no
    claims, orders, batches or other operational items, and every number in
    the list must have the same number of digits (six to twelve).
    """
    found = []
    for match in NUMBER_LIST.finditer(text):
        numbers = list(LIST_NUMBER.finditer(match.group()))
        if len({len(number.group()) for number in numbers}) != 1:
            continue
        sentence = text[sentence_start(text=text, position=match.start()) : match.start()]
        if not RECORD_SENTENCE_WORD.search(sentence) or OTHER_LIST_WORD.search(sentence):
            continue
        for number in numbers:
            start, end = match.start() + number.start(), match.start() + number.end()
            if not overlaps(operational, start, end):
                found.append(Finding(start=start, end=end, entity="PATIENT_ID", patient=True, weak=True))
    return found


def _identifiers_of_same_shape_in_sentence(*, text: str, findings: list[Finding], operational: list[tuple[int, int]]) -> list[Finding]:
    """Find a second record number shaped exactly like a patient's in the same sentence.

    "one with MRN 10448 and one with 10992", "surviving 30018872 (...), prior
    30018799": duplicate charts and merges name two numbers of one patient.
    The other value must have the found one's shape (digits, letters and
    hyphens in the same places) and at least five characters, and no
    operational rule may claim it (a claim number after its label stays).
    NOTE: a patient's number and a claim number of the same shape in one
    sentence, with no claim label, would both go.
    """
    found = []
    for finding in findings:
        if finding.entity not in LISTED_IDENTIFIERS or not finding.patient or finding.learned or finding.end - finding.start < 5:
            continue
        # A table row puts numbers of many kinds side by side ("charge_id | pt_acct"), and its header types them.
        line_start = text.rfind("\n", 0, finding.start) + 1
        line_end = text.find("\n", finding.end)
        if TABLE_ROW_MARK.search(text, line_start, line_end if line_end >= 0 else len(text)):
            continue
        shape = _shape(text[finding.start : finding.end])
        sentence_end = SENTENCE_END.search(text, finding.end)
        limit = min(finding.end + 100, sentence_end.start() if sentence_end else len(text))
        if line_end >= 0:
            limit = min(limit, line_end)
        # Earlier in the sentence too: "hers: 882031, the other one on the page was acct 880917".
        first = max(sentence_start(text=text, position=finding.start), finding.start - 100)
        for match in [*SHAPED_ID_TOKEN.finditer(text, first, finding.start), *SHAPED_ID_TOKEN.finditer(text, finding.end, limit)]:
            if _shape(match.group()) != shape or overlaps(operational, match.start(), match.end()):
                continue
            found.append(Finding(start=match.start(), end=match.end(), entity=finding.entity, patient=True, weak=True))
    return found


# An unlabeled record number in brackets or after a comma right behind a
# patient's name: "Dolores Quan (W01044728)", "Quan, Dolores, LFM-12201".
# "NWOSU*EMEKA (ID 88XK01234)", "Mei-Ling Zhou (cycle ID FC-20931)": an
# "ID" label, with one word before it, may come first.
ID_AFTER_NAME = regex.compile(
    # The word before "ID" or "#" may not name an operational number: "(acc# R88120991)", "(claim ID 55120)".
    r"(?:(?:[ \t]+[A-Z])?\.?[ \t]*(?:\([ \t]*|,[ \t]*)(?:(?!(?i:acc|accession|claim|order|ticket|case|ref|req|request|invoice|batch|npi|tax|ext|job)\b)"
    # "Keisha Monroe (acct 10045)", "Ramírez, Luis, cuenta 22019": a short account number counts after a patient's name.
    # "- Trinity Vo, SSID 1029384756": a state student ID joins its letters to "ID".
    r"(?:(?:[A-Za-z]+[ \t]+)?[A-Z]{0,4}ID[ \t]*[#:]?[ \t]*|(?:[A-Za-z]+[ \t]*)?\#[ \t]*|(?i:acct|account|cuenta)[ \t]*[#:]?[ \t]*))?"
    r"(?P<value>[A-Z]{0,4}-?\d{5,12}[A-Z]?(?:-[A-Z\d]{1,3})?|(?=(?:[A-Z]*\d){5})[0-9]{1,4}[A-Z]{1,4}\d{3,10})"
    # "also Chioma Eze RD-448377": a prefixed ID after a plain space, at the end of its line or clause.
    # "Kept: Oyelowo, Babatunde - G-55120 - 14 Heron Way": a prefixed ID between dashes.
    # "1. Oyinlola Adebanjo - 4410288 - breast": six or more bare digits between dashes or at the end of the row.
    # "• Bodhi Sorensen – kit 2417733090": one lower-case word may name the number's kind.
    r"|[ \t]+(?P<value>[A-Z]{1,4}-\d{5,12})|[ \t]+[-–—][ \t]+(?:(?!(?:claim|order|ticket|case|batch|invoice|ext|job|ref)\b)[a-z]{2,12}[ \t]+)?(?P<value>[A-Z]{1,4}-\d{5,12}|\d{6,12})(?=[ \t]+[-–—][ \t]|[ \t]*$)"
    # "Faith Summers 9120048816 and Will Okafor 9120331057": a long bare number between two names.
    r"|[ \t]+(?P<value>\d{8,12})(?=[ \t]+(?:and|&)[ \t]+\p{Lu}))"
    r"(?=[ \t]*[),;.]|[ \t]*$|[ \t]+[-–—][ \t]|[ \t]+(?:and|&)[ \t]+\p{Lu})",
    regex.MULTILINE,
)


# A given name or nickname in brackets right behind a patient's name: "Mrs. Chowdhury (Nasrin)".
# "Ms. Oduya (Blessing Oduya, 28, ...)" and "ms. adeyemi-cole (folasade)" too.
NAME_IN_BRACKETS_AFTER = regex.compile(r"[ \t]*\([ \t]*(?P<value>\p{L}\p{Ll}+(?:[-'’]\p{L}?\p{Ll}+)?(?:[ \t]+\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)?){0,2})[ \t]*[),]")


# Scripts other than Latin. In a US support ticket, words in them are almost
# always a person's name as written at home ("Patient is محمد الحسن,
# registered as Mohammed Al-Hassan"); the exceptions are greetings and thanks.
OTHER_SCRIPTS = (
    r"\p{Han}\p{Hangul}\p{Hiragana}\p{Katakana}\p{Cyrillic}\p{Arabic}\p{Hebrew}\p{Greek}\p{Thai}\p{Devanagari}"
    r"\p{Bengali}\p{Gujarati}\p{Gurmukhi}\p{Tamil}\p{Telugu}\p{Ethiopic}\p{Armenian}\p{Georgian}\p{Khmer}\p{Lao}\p{Myanmar}"
)
# "CHEN, MEILING (陈美玲)": the name in its own script, in brackets after the romanized one.
SCRIPT_NAME_IN_BRACKETS_AFTER = regex.compile(rf"[ \t]*[(（][ \t]*(?P<value>[{OTHER_SCRIPTS}][{OTHER_SCRIPTS}\p{{M}} ·・-]{{1,30}})[ \t]*[)）]")


OTHER_SCRIPT_WORD = rf"[{OTHER_SCRIPTS}][{OTHER_SCRIPTS}\p{{M}}·・'’-]*"
# Up to three words; a longer run is a sentence in that language, not a name.
OTHER_SCRIPT_RUN = regex.compile(rf"(?<![{OTHER_SCRIPTS}\p{{M}}·・'’-][ \t]*)(?P<value>{OTHER_SCRIPT_WORD}(?:[ \t]+{OTHER_SCRIPT_WORD}){{0,2}})(?![ \t]*{OTHER_SCRIPT_WORD}|\p{{M}})")
GREEK_ONLY = regex.compile(r"[\p{Greek}\p{M}'’ -]+")
PUNCTUATION_AFTER = regex.compile(r"[ \t]*[.,!:،。！]")
# Words of the greetings and thanks that patients who write in two languages open or close with.
OTHER_SCRIPT_COURTESIES = frozenset(
    "안녕하세요 감사합니다 감사해요 고맙습니다 السلام عليكم شكرا شكراً مرحبا Здравствуйте Спасибо Привет Дякую Доброго дня Добрый день "
    "Ассалому алайкум 你好 您好 谢谢 謝謝 こんにちは ありがとう ありがとうございます ሰላም नमस्ते धन्यवाद สวัสดี ขอบคุณ ขอบคุณค่ะ ขอบคุณครับ שלום תודה "
    "Γεια σας Ευχαριστώ".split()
)


def _names_in_other_scripts(*, text: str, findings: list[Finding]) -> list[Finding]:
    """Find words in a non-Latin script, one to three of them, as a patient's name, unless they are a greeting or a lone opening line.

    NOTE: a staff member's name written in their own script is removed too.
    The labeled tickets use other scripts only for patients and relatives.
    Greek needs three letters, so that "μg" and "β-hCG" stay.
    """
    found = []
    occupied = [(finding.start, finding.end) for finding in findings]
    for match in OTHER_SCRIPT_RUN.finditer(text):
        start, end = match.span("value")
        value = match.group("value")
        if overlaps(occupied, start, end):
            continue
        if len(value.replace(" ", "")) < 2 or (GREEK_ONLY.fullmatch(value) and len(value) < 3):
            continue
        if all(word in OTHER_SCRIPT_COURTESIES for word in value.split()):
            continue
        # "안녕하세요." or "Здравствуйте!" opening the ticket is a greeting we do not list.
        if not text[:start].strip() and PUNCTUATION_AFTER.match(text, end):
            continue
        found.append(Finding(start=start, end=end, entity="PATIENT_NAME", patient=True, weak=False))
        # "박영수 (Park Young-soo)": the romanized form in brackets, whatever its words.
        romanized = NAME_IN_BRACKETS_AFTER.match(text, end)
        if romanized is not None:
            found.append(Finding(start=romanized.start("value"), end=romanized.end("value"), entity="PATIENT_NAME", patient=True, weak=False))
    return found


# "Henrietta Castellano ("Bunny")", "Andre Washington ("Lil' Dre" on the board)": a quoted nickname in brackets after the name.
QUOTED_NICKNAME_AFTER = regex.compile(r"[ \t]*\([ \t]*[\"“](?P<value>[\p{L}][\p{L}'’ .-]{0,18}[\p{L}'’.])[\"”]")


def _names_in_brackets_after_patient_names(*, text: str, findings: list[Finding]) -> list[Finding]:
    """Find a name of one to three words, or a quoted nickname, in brackets right behind a patient's name, so it spreads like a labeled name."""
    found = []
    for finding in findings:
        if finding.entity != "PATIENT_NAME" or not finding.patient:
            continue
        match = NAME_IN_BRACKETS_AFTER.match(text, finding.end)
        # A name in another script, or a quoted nickname, needs no word check.
        script = SCRIPT_NAME_IN_BRACKETS_AFTER.match(text, finding.end) or QUOTED_NICKNAME_AFTER.match(text, finding.end)
        if script is not None:
            found.append(Finding(start=script.start("value"), end=script.end("value"), entity="PATIENT_NAME", patient=True, weak=False, learned=finding.learned))
            continue
        if match is None:
            continue
        words = match.group("value").lower().split()
        if any(word in COMMON_WORDS or word in INSTITUTION_WORDS or word in TITLES for word in words):
            continue
        found.append(Finding(start=match.start("value"), end=match.end("value"), entity="PATIENT_NAME", patient=True, weak=False, learned=finding.learned))
    return found


# "MRN 7730-4418, Rahimi, Shirin.": the name right after a record number and a comma.
NAME_AFTER_ID = regex.compile(
    r"[ \t]*,[ \t]*(?P<value>\p{Lu}[\p{L}'’-]+,[ \t]*\p{Lu}[\p{L}'’-]+|\p{Lu}\p{Ll}+[ \t]+\p{Lu}[\p{L}'’-]+)(?=[ \t]*(?:[.,;)]|$))",
    regex.MULTILINE,
)


def _names_after_patient_ids(*, text: str, findings: list[Finding]) -> list[Finding]:
    """Find a two-word name right after a patient's record number and a comma, unless a word is a title or an everyday word."""
    found = []
    for finding in findings:
        if finding.entity not in LISTED_IDENTIFIERS or not finding.patient:
            continue
        match = NAME_AFTER_ID.match(text, finding.end)
        if match is None:
            continue
        words = [fold(word) for word in NAME_SPLIT.split(match.group("value")) if word]
        if any(word in COMMON_WORDS or word in INSTITUTION_WORDS or word in TITLES or word.rstrip(".") in HONORIFICS for word in words):
            continue
        found.append(Finding(start=match.start("value"), end=match.end("value"), entity="PATIENT_NAME", patient=True, weak=True))
    return found


def _ids_after_patient_names(*, text: str, findings: list[Finding]) -> list[Finding]:
    """Find unlabeled IDs beside a patient's name: behind it, before it when the name is in brackets, or heading its list row."""
    found = []
    for finding in findings:
        if finding.entity != "PATIENT_NAME" or not finding.patient:
            continue
        match = (
            ID_AFTER_NAME.match(text, finding.end)
            or ID_UNDER_NAME.match(text, finding.end)
            or CARET_ID_AFTER_NAME.match(text, finding.end)
            or LABELED_ID_AFTER_NAME.match(text, finding.end)
            or (WIDE_GAP_ID_AFTER_NAME.match(text, finding.end) if " " in text[finding.start : finding.end].strip() else None)
        )
        if match is not None:
            found.append(Finding(start=match.start("value"), end=match.end("value"), entity="MRN", patient=True, weak=True))
        # "patient accounts like 4410093 (Castillo, Rafael)": the ID, then the name in brackets.
        before = ID_BEFORE_BRACKETED_NAME.search(text, max(0, finding.start - 30), finding.start)
        if before is not None:
            found.append(Finding(start=before.start("value"), end=before.end("value"), entity="PATIENT_ID", patient=True, weak=True))
        line_start = text.rfind("\n", 0, finding.start) + 1
        row = ID_HEADING_ROW.match(text, line_start, finding.start)
        if row is None:
            continue
        # Only a list of accounts or records: a claim or order list leads its rows with claim or order numbers.
        heading = text[max(0, line_start - 150) : line_start]
        if RECORD_LIST_WORD.search(heading) and not OTHER_LIST_WORD.search(heading):
            found.append(Finding(start=row.start("value"), end=row.end("value"), entity="PATIENT_ID", patient=True, weak=True))
    return found


# A worklist or fixed-width screen puts the record number in the next column:
# "ANTONELLI, ROSARIA   0071842  -> ...", "SCHWARTZ, ELIAS        RO-22871  PROSTATE".
# A claim, order or invoice prefix marks another kind of number.
WIDE_GAP_ID_AFTER_NAME = regex.compile(
    # Spaces only: a tab-separated export has a header, and the table reader types its columns.
    r"[ ]{2,}(?:(?:MBR|MRN|ID|PT|ACCT)[ ]+)?(?!(?:CLM|CL|ORD|ACC|INV|BATCH|ERA|EFT|TRN|REF|PA|RX|LO)-?\d)(?P<value>[A-Z]{0,4}-?\d{5,12}[A-Z]?)(?=[ ]{2,}|[ \t]*$)",
    regex.MULTILINE,
)
# "Jovanović, Milica, ID PBX7702188 shows active": an "ID" label after the name needs no closing punctuation.
LABELED_ID_AFTER_NAME = regex.compile(r"[ \t]*,[ \t]*(?:member[ \t]+|subscriber[ \t]+|patient[ \t]+)?ID[ \t]*[#:]?[ \t]*(?P<value>[A-Z]{0,4}-?\d{5,12}[A-Z]?)\b")
# "ZHANG,WEI^0051873": a middleware's patient reference joins the name and the record number with a caret.
CARET_ID_AFTER_NAME = regex.compile(r"\^(?P<value>[A-Z]{0,4}-?\d{4,12})(?![\w-])")
ID_BEFORE_BRACKETED_NAME = regex.compile(r"(?<![\w-])(?P<value>[A-Z]{0,4}-?\d{5,12}[A-Z]?)[ \t]*\([ \t]*$")
# "- UC-88120 Taylor, Brianna  DOS 12/01": an unlabeled ID heading a bulleted row of a list of accounts.
# Fixed-width exports lead a row with the ID and no bullet: "77410023  PHAM, QUANG VINH".
ID_HEADING_ROW = regex.compile(
    r"[ \t]*(?:(?:[-*•]|\d{1,2}[.)])[ \t]*(?P<value>[A-Z]{0,4}-?\d{5,12})[ \t]+|(?P<value>[A-Z]{0,4}-?\d{5,12})(?:[ \t]{2,}|\t))$"
)
RECORD_LIST_WORD = regex.compile(r"(?i:\b(?:accounts?|accts?|MRNs?|charts?|records?)\b)")
OTHER_LIST_WORD = regex.compile(r"(?i:\b(?:claims?|orders?|requests?|req|roi|msg|message|batch|invoices?)\b|claim\s*#)")
# "ANDERSON, KAYLA J under 100245": a record number the name is filed under.
ID_UNDER_NAME = regex.compile(r"[ \t]+under[ \t]+(?:(?:MRN|chart|acct|account|ID)[ \t]*#?[ \t]*)?(?P<value>\d{5,12})\b")
# Another value after a found identifier: "acct 44190 vs 44109", "policy IDs 2HB4-TY9-MM31 and 5RK1-PL3-QQ08".
LIST_CONTINUATION = regex.compile(LIST_JOINER + r"(?P<value>[A-Za-z0-9][A-Za-z0-9-]{3,24})(?![\w-])")


def _shape(value: str) -> str:
    """Map digits to 9 and letters to A: "2HB4-TY9-MM31" -> "9AA9-AA9-AA99"."""
    return regex.sub(r"\p{L}", "A", regex.sub(r"\d", "9", value))


def _identifier_list_continuations(*, text: str, findings: list[Finding]) -> list[Finding]:
    """Find values of the same shape listed right after a patient identifier.

    A label often heads a list ("account numbers 10922, 10923 and 10931"),
    and the recognizers take only its first value when the value is short.
    The next value must have the found one's shape exactly, so "MRN 100245
    and 3 claims" stops at "3".
    """
    found = []
    for finding in findings:
        if finding.entity not in LISTED_IDENTIFIERS or not finding.patient:
            continue
        shape = _shape(text[finding.start : finding.end])
        position = finding.end
        while (match := LIST_CONTINUATION.match(text, position)) is not None and _shape(match.group("value")) == shape:
            found.append(Finding(start=match.start("value"), end=match.end("value"), entity=finding.entity, patient=True, weak=finding.weak, learned=finding.learned))
            position = match.end("value")
    return found


INCIDENT_ON = regex.compile(r"(?i:[\s>*-]*on\s+)")


def _is_operational_date(*, text: str, start: int, end: int) -> bool:
    """Tell whether a bare date is a deadline, system date, range end or incident date by the words around it."""
    before = clause_before(text=text, start=start, width=30)
    # "my MRI results from April 22", "her lipid panel from 5/2": a patient's test, not a system's run.
    if PATIENT_RESULT_FROM.search(before) or CLINICAL_EVENT_AFTER.match(text, end):
        return False
    if OPERATIONAL_DATE_CUE.search(before) or RANGE_BEFORE.search(before) or RANGE_AFTER.match(text[end : end + 20]):
        return True
    # "State deadline to correct October visits is 11/10": the cue sits further back.
    if DEADLINE_BEFORE.search(clause_before(text=text, start=start, width=70)):
        return True
    # "Voicemail transcription (auto), 12/04 8:12 AM": a message's timestamp.
    if CLOCK_TIME_AFTER.match(text, end) and MESSAGE_WORD.search(text, max(0, start - 50), start):
        return True
    # "STC*A7:562:71*20261204*U~", "PLB*...*20261231*": an X12 status, payment or file date.
    if X12_OPERATIONAL_SEGMENT.search(text, text.rfind("\n", 0, start) + 1, start):
        return True
    # "On 3/21 your letter service printed ..." dates an incident, not a visit.
    return INCIDENT_ON.fullmatch(before) is not None


# X12 segments whose dates belong to the file, the payment or a claim's status, not to a patient's care.
X12_OPERATIONAL_SEGMENT = regex.compile(r"(?m)(?:^|[~\s])(?:BPR|PLB|GS|ISA|BHT|STC|TRN|CUR|DTM\*(?:405|009|036|050|097)|DTP\*(?:007|050|009|097))\*[^~\n]*$")


# "template 1500-02-12 not found": no one's visit is dated before 1900.
BEFORE_1900 = regex.compile(r"1[0-8]\d\d\b")
SLASHED_NUMBERS = regex.compile(r"(\d{1,2})/(\d{1,2})(?!\d)")


def _possible_month_day(value: str) -> bool:
    """Tell whether a numeric "a/b" date can be a month and day in either order: "28/39 fx" is a fraction."""
    numbers = SLASHED_NUMBERS.match(value)
    if numbers is None:
        return True
    first, second = int(numbers.group(1)), int(numbers.group(2))
    return (1 <= first <= 12 and 1 <= second <= 31) or (1 <= second <= 12 and 1 <= first <= 31)


def _patient_ticket_dates(*, text: str, occupied_spans: list[tuple[int, int]], date_ends: list[int]) -> list[Finding]:
    """Find visit, result and payment dates in a ticket that names a patient.

    Once a ticket identifies a patient, a bare date such as "seen on 3/3" or
    "her 04/03 A1c" is that patient's date of service. Dates after deadline
    and system words ("since 3/4", "closes 12/31", "expired on 01/31") stay.
    """
    findings: list[Finding] = []
    operational_ends: list[int] = []
    for match in PATIENT_TICKET_DATE.finditer(text):
        start, end = match.span("value")
        if overlaps(occupied_spans, start, end) or not _possible_month_day(text[start:end]) or BEFORE_1900.match(text[start:end]):
            continue
        # "in your ICU from 2/10 to 2/19": the end of a patient's range is theirs too,
        # and the end of an operational range ("Valid: 11/01/2026 - 01/29/2027") is operational.
        if any(RANGE_JOINER.fullmatch(text, date_end, start) for date_end in operational_ends if date_end < start):
            operational_ends.append(end)
            continue
        range_end = any(RANGE_JOINER.fullmatch(text, date_end, start) for date_end in [*date_ends, *(f.end for f in findings)] if date_end < start)
        if not range_end and _is_operational_date(text=text, start=start, end=end):
            # Only a cue word carries over to the range's end; a bare range ("9/1–10/15") does not.
            if OPERATIONAL_DATE_CUE.search(clause_before(text=text, start=start, width=30)):
                operational_ends.append(end)
            continue
        findings.append(Finding(start=start, end=end, entity="DATE_OF_SERVICE", patient=True, weak=True))
    return findings


def _end_before_possessive(*, text: str, start: int, end: int) -> int:
    """Return the end of a name span without its possessive ending: "printed Oksana Kravchenko's name" keeps "'s"."""
    return end - 2 if POSSESSIVE_END.search(text, start, end) else end


def _to_finding(*, text: str, result: RecognizerResult, first_person_patient: bool, staff_names: set[str]) -> Finding | None:
    source = source_of(result)
    recognizer = source.split(":", 1)[0]
    weak = source in WEAK_SOURCES or recognizer in WEAK_SOURCES
    entity = result.entity_type
    start, end = result.start, result.end

    if source == "ListedNameRecognizer:closing given name":
        # In a patient's or relative's ticket the closing first name is
        # theirs ("-- Omar"); in a staff ticket it is a sign-off and stays.
        # The first-person cue must be in the closing paragraph: staff often
        # forward a patient's message above their own signed note.
        paragraph_start = max(text.rfind("\n\n", 0, start), text.rfind("\n---", 0, start), 0)
        if not FIRST_PERSON_PATIENT.search(text, paragraph_start, start):
            return None
        return Finding(start=start, end=end, entity="PATIENT_NAME", patient=True, weak=True)

    if recognizer == TAGGER_NAME:
        return _tagged_finding(
            text=text, entity=entity.removeprefix(TAGGED_PREFIX), start=start, end=end, score=result.score, first_person_patient=first_person_patient, staff_names=staff_names
        )

    if source == "ListedNameRecognizer:caret name":
        # A family^given field pasted from HL7 is a patient's or relative's name, never a sign-off,
        # unless an ID comes first: "1326489901^OKONJO^EMEKA" is a provider's NPI and name.
        if ID_FIRST_FIELD_BEFORE.search(text, max(0, start - 40), start):
            return None
        return Finding(start=start, end=end, entity="PATIENT_NAME", patient=True, weak=True)

    if entity == "PERSON" or source in NAME_GUESS_SOURCES:
        if recognizer not in ("SpacyRecognizer", "PatientNameRecognizer", "ListedNameRecognizer"):
            return None
        # spaCy sometimes takes the label into the name ("Patient Alma
        # Quintero"); the label stays in the text.
        label = LEADING_PATIENT_LABEL.match(text, start, end)
        if label:
            start = label.end()
        # spaCy runs names across line breaks ("Louis Ferrand\nVP"); a name
        # ends at its line, which is what the sign-off check reads.
        line_break = text.find("\n", start, end)
        if line_break >= 0:
            end = line_break
        end = start + len(text[start:end].rstrip())
        end = _end_before_possessive(text=text, start=start, end=end)
        if end <= start:
            return None
        entity = classify_name(
            text=text,
            start=start,
            end=end,
            first_person_patient=first_person_patient,
            honorific=source
            in (
                "PatientNameRecognizer:honorific",
                "PatientNameRecognizer:honorific initial",
                "PatientNameRecognizer:the surname person",
                "PatientNameRecognizer:reminder name",
                "ListedNameRecognizer:family surname",
                "ListedNameRecognizer:relative given name",
                "PatientNameRecognizer:speaker name",
            ),
            source_is_ner=recognizer == "SpacyRecognizer",
            # The name lists checked the case already, and particles stay lower case ("Ahmed bin Khalid").
            any_case=recognizer == "ListedNameRecognizer",
            place_words_ok=source in ("PatientNameRecognizer:caps last first", "PatientNameRecognizer:patient in clause", "PatientNameRecognizer:caller name"),
        )
        if entity == "STAFF":
            staff_names.add(text[start:end])
            return None
        if entity is None:
            return None
        return Finding(start=start, end=end, entity=entity, patient=True, weak=True)

    if entity in PRESIDIO_ENTITIES:
        entity, minimum_score = PRESIDIO_ENTITIES[entity]
        if result.score < minimum_score:
            return None
    elif entity not in PLACEHOLDERS:
        # DATE_TIME, LOCATION, NRP, URL, IP_ADDRESS, IBAN and the rest: dates
        # and places are operational unless a patient label claimed them.
        return None

    trusted_field = recognizer in ("Hl7SegmentRecognizer", "FhirPatientRecognizer", "X12PatientRecognizer", "PastedTableRecognizer")
    # "I AM ENTERING MY DATE OF BIRTH": in capitals, a name pattern can take plain words.
    value = text[start:end]
    if entity == "PATIENT_NAME" and not trusted_field and not any(c.islower() for c in value) and _has_plain_word(value):
        return None
    patient = True
    if entity in CONTACT_ENTITIES and not trusted_field:
        patient = is_patient_contact(text=text, start=start, end=end, entity=entity, first_person_patient=first_person_patient)
    return Finding(start=start, end=end, entity=entity, patient=patient, weak=weak)


PO_BOX = regex.compile(r"(?i:\bP\.?\s?O\.?\s+Box\b)")


def _drop_tagged_in_table_columns(*, text: str, results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Drop tagger results in the untyped columns of a pasted patient table, and a tagged "Box" of a PO box.

    The table reader already typed every column it recognizes, so a "Claim ID"
    or "Status" column it left untyped stays, whatever the tagger scored.
    """
    tagged = {id(result) for result in results if source_of(result).startswith(TAGGER_NAME)}
    if not tagged:
        return results
    # "PO Box 4410": "Box" is a word of the address, not a name, and must not make the address a patient's.
    boxes = [(match.start(), match.end()) for match in PO_BOX.finditer(text)]
    results = [r for r in results if not (id(r) in tagged and r.entity_type.endswith("PATIENT_NAME") and any(s <= r.start and r.end <= e for s, e in boxes))]
    untyped = [(start, end) for start, end, entity in find_table_cells(text=text, include_untyped=True) if entity is None]
    if not untyped:
        return results
    return [result for result in results if not (id(result) in tagged and overlaps(untyped, result.start, result.end))]


PRACTICE_ACCOUNT_BEFORE = regex.compile(
    # "our patient acct 12933" is a patient's: only a bank, deposit or vendor word marks the practice's own.
    r"(?i:\b(?:bank|eft|deposit|merchant|clearinghouse|submitter|lockbox|vendor|checking|operating)\s+(?:\w+\s+)?(?:account|acct)\s*(?:number|\#|no\.?)?\s*[:#]?\s*$)"
)
PLACE_PREPOSITION_BEFORE = regex.compile(r"\b(?:at|to|in|from|near)[ \t]+$")
ERROR_WORD_BEFORE = regex.compile(r"(?i:\b(?:error|errors|exception|code|status|hresult|fault|reason)\b[^\n.;]*$)")
PERSON_AFTER_ID = regex.compile(r"\^[A-Za-z'-]{2,}\^[A-Za-z'-]{2,}")
ID_FIRST_FIELD_BEFORE = regex.compile(r"(?:[|~\s=:]|^)[A-Za-z]{0,4}\d[\w-]*\^(?:[^|^~\n]*\^){0,3}$")
NAME_WORD_BEFORE = regex.compile(r"(?:\p{Lu}[\p{L}'’-]*\.?|\p{Lu}\.)[ \t]+$")
NAME_WORD_AFTER = regex.compile(r"[ \t]+(?:\p{Lu}[\p{L}'’-]*|\p{Lu}\.)")


def _whole_name(*, text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span over up to two capitalized words on each side, within its line."""
    for _ in range(2):
        before = NAME_WORD_BEFORE.search(text, max(0, start - 30), start)
        if not before or before.group().strip(" \t.").lower() in TITLES | NOT_IN_CAPS_NAMES:
            break
        start = before.start()
    for _ in range(2):
        after = NAME_WORD_AFTER.match(text, end)
        if not after or after.group().strip(" \t.").lower() in NOT_IN_CAPS_NAMES:
            break
        end = after.end()
    return start, end


def _is_name_word(word: str) -> bool:
    """Tell whether a capitalized word beside a tagged name can be part of it."""
    bare = word.strip(".,'’")
    folded = fold(bare)
    return (
        len(bare) >= 2
        and bare[:1].isupper()
        and any(character.islower() for character in bare)
        and folded not in COMMON_WORDS
        and folded not in INSTITUTION_WORDS
        and folded not in TITLES
        and folded.rstrip(".") not in HONORIFICS
        and folded not in WEEKDAYS
        and folded not in PATIENT_LABEL_WORDS
        and not MONTH_WORD.fullmatch(folded)
    )


# "Client Marisol Vega, DOB ...": the label before a tagged name stays.
PATIENT_LABEL_WORDS = PATIENT_LABELS | {"resident", "member"}


NON_SPACE_RUN = regex.compile(r"\S+")


def _widen_over_name_words(*, text: str, start: int, end: int, whole_start: int, whole_end: int) -> tuple[int, int]:
    """Widen a tagged name over the plain name words of its whole-name span, stopping at the first other word."""
    for match in reversed(list(NON_SPACE_RUN.finditer(text[whole_start:start]))):
        if not _is_name_word(match.group()) or text[whole_start + match.end() : start].strip():
            break
        start = whole_start + match.start()
    for match in NON_SPACE_RUN.finditer(text[end:whole_end]):
        if not _is_name_word(match.group()) or text[end : end + match.start()].strip():
            break
        end = end + match.start() + len(match.group().rstrip(".,;:'’"))
    return start, end


def _tagged_finding(*, text: str, entity: str, start: int, end: int, score: float, first_person_patient: bool, staff_names: set[str]) -> Finding | None:
    """Check a learned tagger span the way the rules' guesses are checked."""
    finding = _checked_tagged_finding(text=text, entity=entity, start=start, end=end, score=score, first_person_patient=first_person_patient, staff_names=staff_names)
    return replace(finding, learned=True) if finding else None


# Claim adjustment group codes and US state abbreviations.
CODE_WORDS = frozenset(
    "CO PR OA PI CR AL AK AZ AR CA CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split()
)
STAFF_JSON_OBJECT_BEFORE = regex.compile(
    r"\"(?i:provider|practitioner|physician|doctor|clinician|nurse|staff|user|author|performer|attending|referring\w*|ordering\w*)\"\s*:\s*\{[^{}]*$"
)


MONTHS_ONLY = regex.compile(rf"(?i:{MONTH})(?:[ \t]*[-–/][ \t]*(?i:{MONTH}))*")
NEWBORN_PLACEHOLDERS = frozenset({"babyboy", "babygirl"})


STAFF_XML_ELEMENT_BEFORE = regex.compile(
    r"<(?P<element>Prescriber|Pharmacist|Pharmacy|Provider|Practitioner|Supervisor|Author|Performer)\b[^>]*>(?:(?!</(?P=element)>).){0,300}$",
    regex.DOTALL,
)


# A tagger probability at which the tagger outvotes the staff and contact cues
# below. The tagger reads the same cue words as features, so a span it scores
# this high has already weighed them. On holdout60 to holdout63, before the
# tagger trained on them, 0.95 removed 3 more values and lost no keep value.
# 0.9 removed one more there but lost 7 staff names and phones elsewhere.
TAGGER_OVERRIDE_SCORE = 0.95


def _titled(*, text: str, start: int) -> bool:
    """Tell whether a title or credential comes right before a name on its line: "Dr. Olawale", "RN Kim"."""
    line_start = text.rfind("\n", 0, start) + 1
    return TITLE_BEFORE.search(text, max(line_start, start - 12), start) is not None


def _at_office_post(*, text: str, start: int, end: int) -> bool:
    """Tell whether a name is placed at an office post: "Jackie at the front desk", "the girl at the reception, Paola"."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(OFFICE_POST_AFTER.match(text, end) or OFFICE_POST_BEFORE.search(text, max(line_start, start - 60), start))


def _firm_staff_cue(*, text: str, start: int, end: int, first_person_patient: bool) -> bool:
    """Tell whether a staff cue is one the tagger never outvotes: a title, or an office post in a patient's ticket."""
    return _titled(text=text, start=start) or (first_person_patient and _at_office_post(text=text, start=start, end=end))


def _checked_tagged_finding(*, text: str, entity: str, start: int, end: int, score: float, first_person_patient: bool, staff_names: set[str]) -> Finding | None:
    # A name in a Practitioner, Organization or other non-patient FHIR resource is no patient's.
    resources = [match.group("type") for match in RESOURCE_TYPE.finditer(text, 0, start)]
    if entity == "PATIENT_NAME" and resources and resources[-1] not in PATIENT_RESOURCES:
        return None
    # So is a name in an app's JSON object for a provider or user: {"provider":{"last_name":"Okafor"}}.
    if entity == "PATIENT_NAME" and STAFF_JSON_OBJECT_BEFORE.search(text, max(0, start - 200), start):
        return None
    # And in an XML element for a prescriber, pharmacist or provider: "<Prescriber><LastName>Shah</LastName>".
    if entity == "PATIENT_NAME" and STAFF_XML_ELEMENT_BEFORE.search(text, max(0, start - 300), start):
        return None
    if entity == "PATIENT_NAME":
        # The tagger's names are often one word ("Sharon" after "Sharon
        # Kowalczyk-Reed"), so a lone word is allowed, but staff cues still win unless the tagger is sure (TAGGER_OVERRIDE_SCORE).
        # An HL7 field that starts with an ID contains a provider's name
        # ("|4471^NAIR^SUNIL^^^DR|") or an assigning authority ("|MRN55102^^^HOSP|").
        if ID_FIRST_FIELD_BEFORE.search(text, max(0, start - 40), start):
            return None
        # "hard edits 'MUE-EXCEEDED'": a quoted code in capitals, not a name.
        if QUOTED_CODE.fullmatch(text, max(0, start - 1), min(len(text), end + 1)):
            return None
        # "4410 CO 22": a claim adjustment group or a state, not a name.
        if text[start:end] in CODE_WORDS:
            return None
        # An honorific or title alone ("Mr" of "Mr. Okafor") is no name, nor is one letter ("patient class 'Z'").
        if fold(text[start:end]).rstrip(".") in HONORIFICS | TITLES or end - start < 2:
            return None
        # "Q3 (July-September)" and "\"Babyboy\" + mom's last name" are months and a newborn placeholder, no one's name.
        if MONTHS_ONLY.fullmatch(text[start:end]) or fold(text[start:end]) in NEWBORN_PLACEHOLDERS:
            return None
        # "a patient at Westlake", "I go to Eastwood": a lone word after a place
        # preposition is a place or a site, unless it is a given name.
        if PLACE_PREPOSITION_BEFORE.search(text, max(0, start - 8), start) and " " not in text[start:end] and fold(text[start:end]) not in load_list(file_name="given.txt"):
            return None
        end = _end_before_possessive(text=text, start=start, end=end)
        # The staff check reads the whole name: "Dr. Rebecca Stein" when only "Stein" was tagged.
        whole_start, whole_end = _whole_name(text=text, start=start, end=end)
        # A staff verdict is not added to staff_names: a tagged word is often
        # one part of a name, and the patient's full name elsewhere must stay found.
        kind = classify_name(text=text, start=whole_start, end=whole_end, first_person_patient=first_person_patient, lone_word=True, source_is_ner=False, any_case=True)
        if kind != "PATIENT_NAME" and (
            score < TAGGER_OVERRIDE_SCORE or _firm_staff_cue(text=text, start=whole_start, end=whole_end, first_person_patient=first_person_patient)
        ):
            return None
        # "— Kaveh Mansouri —" when only "Mansouri" was tagged: the given name beside it goes too.
        start, end = _widen_over_name_words(text=text, start=start, end=end, whole_start=whole_start, whole_end=whole_end)
        return Finding(start=start, end=end, entity=entity, patient=True, weak=True)
    if entity == "PHONE" and ORGANIZATION_PHONE_LABEL.search(clause_before(text=text, start=start, width=40)):
        return None
    if entity in CONTACT_ENTITIES:
        # Like a rule's phone or email: the patient's when a patient word owns
        # it, otherwise kept unless it sits next to other patient data
        # (resolve_findings decides), so a signature's phone stays.
        patient = score >= TAGGER_OVERRIDE_SCORE or is_patient_contact(text=text, start=start, end=end, entity=entity, first_person_patient=first_person_patient)
        return Finding(start=start, end=end, entity=entity, patient=patient, weak=True)
    # "I'm a respiratory therapist, login rt.mahlangu": a login in a staff member's own ticket.
    if entity == "PORTAL_USERNAME" and (STAFF_WRITER.search(text) or PortalUsernameRecognizer.STAFF_NEAR.search(text, max(0, start - 80), start)):
        return None
    # One or two characters are no identifier, whatever the tagger scored.
    if entity == "PATIENT_ID" and end - start < 3:
        return None
    # "error LDAP-49 80090308": a code's number, not a patient's.
    if entity == "PATIENT_ID" and ERROR_WORD_BEFORE.search(text, max(0, start - 25), start):
        return None
    # "our bank account 88120034": the practice's own account, as the account rule reads it.
    if entity == "PATIENT_ID" and PRACTICE_ACCOUNT_BEFORE.search(text, max(0, start - 40), start):
        return None
    # "1326489901^OKONJO^EMEKA": an ID followed by a family and given name is a provider's NPI in an HL7 XCN field.
    if entity == "PATIENT_ID" and PERSON_AFTER_ID.match(text, end):
        return None
    if entity == "DATE_OF_SERVICE" and _is_operational_date(text=text, start=start, end=end):
        return None
    return Finding(start=start, end=end, entity=entity, patient=True, weak=True)


def _drop_staff_namesakes(*, text: str, findings: list[Finding], staff_names: set[str]) -> list[Finding]:
    """Drop guessed patient names that are written elsewhere in the ticket with a staff cue.

    A sender's name in an email header and again above "Clinic Manager" in
    the signature is one staff member, and so is a lone first or last name
    of a staff member written later.
    """
    if not staff_names:
        return findings
    # "Thandiwe has a fix ready" after "Thandiwe Mokoena (vendor interface team)": one word of a staff name is that staff member.
    staff_words = {word for name in staff_names for word in name.split() if len(word) >= 3 and word[0].isupper()}
    return [
        f
        for f in findings
        if not (f.weak and f.entity == "PATIENT_NAME" and (text[f.start : f.end] in staff_names or text[f.start : f.end] in staff_words))
    ]


# The rest of a list after a name: ", Wei Lin, Fatima Haidari and Connor Brady".
LIST_TAIL = regex.compile(r"(?:[ \t]*(?:,|;|&|\band\b)[ \t]*(?:and[ \t]+)?(?:\p{Lu}[\p{L}'’-]*\.?(?:[ \t]+|(?=[,;&)]|$))){1,4})+", regex.MULTILINE)


def _drop_names_listed_after_staff(*, text: str, findings: list[Finding], staff_names: set[str]) -> list[Finding]:
    """Drop guessed patient names that continue a list of staff names.

    "4 new travel RNs (Jasmine Cole, Wei Lin, Fatima Haidari, Connor Brady)":
    once the first name is staff by its cue, the rest of the list is too.
    """
    if not staff_names:
        return findings
    regions = []
    for name in staff_names:
        for match in _whole_word(name).finditer(text):
            tail = LIST_TAIL.match(text, match.end())
            if tail:
                regions.append((tail.start(), tail.end()))
    if not regions:
        return findings
    return [
        f
        for f in findings
        if not (f.weak and f.entity == "PATIENT_NAME" and any(start <= f.start and f.end <= end for start, end in regions))
    ]


# Common English, Spanish, Russian and Polish diminutives whose spelling does not start the
# given name: "Bobby" for Robert, "Lupe" for Guadalupe. Nicknames that do
# ("Stan" for Stanislaw) are found by prefix.
DIMINUTIVES = {
    "bob": ("robert", "roberto"), "bobby": ("robert", "roberto"), "rob": ("robert",), "robbie": ("robert",),
    "bill": ("william",), "billy": ("william",), "will": ("william",), "liam": ("william",),
    "dick": ("richard",), "rick": ("richard", "ricardo"), "ricky": ("richard", "ricardo"), "rich": ("richard",),
    "peggy": ("margaret",), "maggie": ("margaret",), "meg": ("margaret",), "betty": ("elizabeth",), "beth": ("elizabeth",),
    "liz": ("elizabeth",), "lizzie": ("elizabeth",), "jim": ("james",), "jimmy": ("james",), "jack": ("john",), "johnny": ("john",),
    "joe": ("joseph", "giuseppe", "jose"), "joey": ("joseph",), "tony": ("anthony", "antonio"), "chuck": ("charles",),
    "charlie": ("charles",), "kate": ("katherine", "catherine", "kathryn"), "katie": ("katherine", "catherine", "kathryn"),
    "kathy": ("katherine", "catherine", "kathryn"), "sally": ("sarah",), "ted": ("edward", "theodore"), "teddy": ("edward", "theodore"),
    "ned": ("edward",), "hank": ("henry",), "terry": ("terrence", "terence", "teresa", "theresa"), "rudy": ("rodolfo", "rudolph"),
    "lupe": ("guadalupe",), "pepe": ("jose",), "paco": ("francisco",), "pancho": ("francisco",), "nacho": ("ignacio",),
    "chuy": ("jesus",), "beto": ("alberto", "roberto", "humberto"), "lalo": ("eduardo",), "memo": ("guillermo",),
    "mike": ("michael", "miguel"), "mikey": ("michael",), "nick": ("nicholas", "nicolas"), "sasha": ("alexander", "aleksandr", "alexandra"),
    "dima": ("dmitri", "dmitry"), "misha": ("mikhail",), "kasia": ("katarzyna",), "gosia": ("malgorzata",), "peggie": ("margaret",),
    "bud": ("buddy",), "dot": ("dorothy",), "dottie": ("dorothy",), "patsy": ("patricia",), "patty": ("patricia",), "trish": ("patricia",),
    "sandy": ("sandra",), "sue": ("susan",), "susie": ("susan",), "jenny": ("jennifer",), "larry": ("lawrence",), "harry": ("harold", "henry"),
}
CAPITALIZED_WORD = regex.compile(r"(?<![\p{L}'’-])\p{Lu}\p{Ll}{2,}(?![\p{L}'’-])")
MONTH_WORD = regex.compile(rf"(?i:{MONTH_ABBREVIATION}|sept)")


def _nicknames_of_patient_names(*, text: str, findings: list[Finding]) -> list[Finding]:
    """Find a patient's nickname written alone: "Stan is in ED bay 4" after "KOWALSKI, STANISLAW".

    A capitalized word counts when it starts one of the patient's name parts
    and is at least two letters shorter ("Fola", "Stan"), or is a common
    diminutive of one ("Bobby" for Robert). Titles, months and everyday
    words never count, and neither does a word next to another capitalized
    name word ("Dana Kirk" when the patient is Daniel).
    """
    parts = set()
    for finding in findings:
        if finding.entity == "PATIENT_NAME" and finding.patient:
            parts.update(fold(part) for part in NAME_PART_SPLIT.split(text[finding.start : finding.end]) if len(part) >= 3 and part.isalpha())
    if not parts:
        return []
    found = []
    for match in CAPITALIZED_WORD.finditer(text):
        word = fold(match.group())
        if word in parts or word in COMMON_WORDS or word in INSTITUTION_WORDS or word in TITLES or MONTH_WORD.fullmatch(word):
            continue
        shortened = any(part.startswith(word) and len(part) - len(word) >= 2 for part in parts)
        if not (shortened or any(part in DIMINUTIVES.get(word, ()) for part in parts)):
            continue
        if _next_to_other_name(text=text, start=match.start(), end=match.end(), names=set()):
            continue
        found.append(Finding(start=match.start(), end=match.end(), entity="PATIENT_NAME", patient=True, weak=True))
    return found


# The closing name of a patient's own ticket, with optional contact details: "Can you help? Katya Petrova 555-0163".
PATIENT_SIGNATURE = regex.compile(
    r"(?:^|[.!?][ \t]+|\n|(?i:thanks|thank\s+you|regards|sincerely|best)[,!.]?[ \t]+|[-–—~][ \t]*)"
    # "Marjolein de Groot": a particle may come before a family name.
    r"(?P<name>\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?(?:[ \t]+\p{Lu}\.?)?"
    r"(?:(?:[ \t]+(?:de|da|do|dos|van|von|der|den|del|della|di|du|la|le|bin|al|el|ter|ten|ap))?[ \t]+\p{Lu}\p{Ll}*(?:['’-]\p{Lu}?\p{Ll}+)*){1,2})"
    r"[ \t,]*(?:(?i:phone|cell|tel|ph|mobile)?[ \t:.#]*\+?[\d(][\d() .-]{6,}\d)?[ \t.]*"
    # Comma-separated contact details on the same line: "Gwenllian ap Thomas, 41 Heol y Bryn, phone 555-0114."
    r"(?:,[ \t]*[^\n,.!?]{0,30}\d[^\n,.!?]{0,12}){0,3}[ \t.]*"
    # Or a mailbox: "— Ravindra Subramaniam, ravi.sub@outlook.com".
    r"(?:[,(][ \t]*[\w.+-]+@[\w-]+(?:\.[\w-]+)+[ \t]*\)?[ \t.]*)?"
    # An address, phone or email on the next lines: "Noelani Makoa\n45-112 Kamehameha Hwy, ...".
    r"(?:\n[ \t]*[^\n]*(?:\d|@)[^\n]*){0,2}\s*\Z"
)


# The line a phone, an app or a portal adds under a message: "Sent from my iPhone", "Heritage Pharmacy app",
# "(Buckeye Home Medical patient portal)", or "(Pinewood Pharmacy)" on the signature's own line.
MESSAGE_SOURCE_TAIL = regex.compile(
    r"(?:[ \t]*\([^()\n]{0,40}?\b(?i:portal|app|pharmacy|website)\)|\s*\n[ \t]*(?:(?i:sent\s+(?:from|via)\b)[^\n]{0,40}"
    r"|\(?[^()\n]{0,40}?\b(?i:portal|app|website)\)?))[ \t.]*\s*\Z"
)


def _patient_signature(*, text: str, findings: list[Finding]) -> list[Finding]:
    """Find the name a patient or relative signs their own ticket with, when no rule or list knew it.

    Only in a ticket written in the first person by a patient's side, only
    as its last words (a phone, address or email may follow), and only two
    or three words none of which is an everyday, institution or title word.
    """
    # "-Sheila\n\nSent from my iPhone": the sign-off ends before the line its phone or app adds.
    source_line = MESSAGE_SOURCE_TAIL.search(text)
    if source_line is not None:
        text = text[: source_line.start()]
    match = PATIENT_SIGNATURE.search(text) or CAPS_PATIENT_SIGNATURE.search(text)
    if match is None:
        match = ONE_WORD_PATIENT_SIGNATURE.search(text)
        if match is None:
            return _loose_patient_signature(text=text, findings=findings)
        # A first name alone signs a patient's message only when the closing
        # paragraph is the patient's own: staff forwarding a patient's email
        # add a paragraph of their own ("Routing to CS. -Benji").
        paragraph_start = max(text.rfind("\n\n", 0, match.start("name")), 0)
        if fold(match.group("name")) in CLOSING_WORDS or not writer_is_patient_side(text=text[paragraph_start : match.start("name")]):
            return []
    if any(f.start <= match.start("name") and match.end("name") <= f.end for f in findings):
        return []
    if TITLE_BEFORE.search(text, max(0, match.start("name") - 12), match.start("name")):
        return []
    words = [fold(word.strip(".")) for word in match.group("name").split()]
    # "Joon-ho Park": a given name beside a place-word surname is still a name.
    institution = not _given_name_and_place_surname([word.lower() for word in match.group("name").split()]) and any(word in INSTITUTION_WORDS for word in words)
    if institution or any(word in COMMON_WORDS or word in TITLES or MONTH_WORD.fullmatch(word) for word in words):
        return []
    return [Finding(start=match.start("name"), end=match.end("name"), entity="PATIENT_NAME", patient=True, weak=True)]


# "... my number 555-0163. Thandi", "Thanks, Rosa (rquispe84)", "- Karen": a patient or relative
# often signs with a first name alone, which may be in no name list.
ONE_WORD_PATIENT_SIGNATURE = regex.compile(
    r"(?:[.!?][ \t]+|\n[ \t]*|(?i:thanks|thank\s+you|regards|best|cheers|sincerely)[,!.]?[ \t]+|[ \t][-–—~][ \t]*|(?i:me)[ \t]*:[ \t]*)"
    # A login or phone may follow in brackets, not an employer: "Rosemary (BrightPath)" is an agency's caregiver.
    # A bare phone may follow too: "Please check urgent. Farrukh 555-0166", "Me: Yesenia 555-0132".
    r"(?P<name>\p{Lu}\p{Ll}{2,}(?:-\p{Lu}\p{Ll}+)?)[ \t]*(?:\([ \t]*(?:[a-z0-9][\w.@-]*|[\d() .+-]{7,})[ \t]*\)|(?<=[ \t])\(?\d[\d() .+-]{6,}\d)?[ \t.!]*\Z"
)
# "- dre", "- aisha k", "- marcus, her son. 555-0184", "- lil (Lilibeth Soriano)": a dash, then a
# short signature in any case, then perhaps the relation, a bracket, a phone or a mailbox.
LOOSE_PATIENT_SIGNATURE = regex.compile(
    r"(?:^|[ \t\n])[-–—~][ \t]*(?P<name>\p{L}[\p{L}'’]+(?:[ \t]+\p{L}\.?)?)"
    r"[ \t]*(?P<relation>,[ \t]*(?:her|his|their|my|the)[ \t]+[\w-]+(?:[ \t]+[\w-]+)?)?[ \t]*(?:\([^()\n]{2,40}\))?"
    r"[ \t]*(?:[.,;]?[ \t]*(?:[\d() .+-]{7,}|[\w.+-]+@[\w-]+(?:\.[\w-]+)+))?[ \t.!]*\Z"
)
# "my insurance", "my visit summary", "my baby": the writer's own care or family.
MY_CARE = regex.compile(
    r"(?i:\bmy\s+(?:[\w-]+\s+)?(?:appt|appointment|visit|insurance|copay|results?|labs?|meds?|medications?|prescriptions?|refills?|bill|statement"
    r"|doctor|dr|chart|records?|baby|son|daughter|mom|dad|mother|father|wife|husband|kids?|child|card|login|password|summary)\b)"
)
# "i'm max.", "hi its chance.", "grace here.": a patient naming themselves as they start.
SELF_INTRODUCTION = regex.compile(
    # Only as the message opens: "It's Oscar, member ID ..." later on names a health plan.
    r"\A[ \t\"'“]*(?:(?i:hi|hey|hello|yo)[,!]?[ \t]+)?(?i:i'?m|i’m|its|it'?s|it’s|this[ \t]+is)[ \t]+(?P<name>\p{L}{3,})(?=[ \t]*[.,!]|[ \t]+(?i:here|from)\b)"
    r"|\A[ \t\"'“]*(?P<name>\p{L}{3,})[ \t]+(?i:here)[ \t]*[.,!]"
)


def _loose_patient_signature(*, text: str, findings: list[Finding]) -> list[Finding]:
    """Find a patient's short sign-off in any case after a dash ("- dre"), when no stricter signature matched."""
    match = LOOSE_PATIENT_SIGNATURE.search(text)
    if match is None or any(f.start < match.end("name") and match.start("name") < f.end for f in findings):
        return []
    # The closing paragraph must be a patient's own note about their care, or the signer names their relation
    # to the patient ("- marcus, her son"): a bare "-tina" also closes staff questions.
    paragraph_start = max(text.rfind("\n\n", 0, match.start("name")), 0)
    paragraph = text[paragraph_start : match.start("name")]
    own_care = len(paragraph) <= 600 and MY_CARE.search(paragraph) and not (STAFF_WRITER.search(paragraph) or ROLE_NOUN.search(paragraph))
    if not (match.group("relation") or own_care):
        return []
    words = [fold(word.strip(".")) for word in match.group("name").split()]
    if words[0] in CLOSING_WORDS or any(word in COMMON_WORDS or word in TITLES or word in INSTITUTION_WORDS for word in words):
        return []
    if ROLE_NOUN.search(match.group("name")) or MONTH_WORD.fullmatch(words[0]):
        return []
    return [Finding(start=match.start("name"), end=match.end("name"), entity="PATIENT_NAME", patient=True, weak=True)]


# "I am Rodel Manalo.", "I am Pa Houa Lee, I take care of my grandma": a patient or relative naming themselves in full.
SELF_NAMED_FULL_NAME = regex.compile(rf"(?:\b(?i:i\s+am|i'?m|i’m|my\s+name\s+is|call\s+me\s*,|(?:hi|hello|hey)[ \t,]+(?:it'?s|it’s|this\s+is))|\b(?i:me)[ \t]*:)[ \t]+(?P<name>{NAME_WORD}(?:[ \t]+(?:{NAME_WORD}|\p{{Lu}}\.)){{1,3}})(?![\p{{L}}'’-])")


STAFF_AFTER_SELF_NAME = regex.compile(r"[ \t]*,?[ \t]*(?i:from|with|your|our|in|on)\b|[ \t]*,?[ \t]*(?i:at)[ \t]+(?:(?i:the)[ \t]+)?\p{Lu}|[ \t]*,[ \t]*[^.\n]{0,40}?(?i:manager|nurse|director|coordinator|admin|billing|office|clinic|RN|MD)\b"
    r"|[ \t]*[,.]?[ \t]*(?i:i\s+work|we\s+work|our\s+(?:clinic|office|practice|team))\b")


def _self_named_full_names(*, text: str, findings: list[Finding]) -> list[Finding]:
    """Find the full name a patient or relative gives for themselves: "I am Sunita Deshpande."."""
    # Staff name themselves the same way: "I'm Dana Reyes, the practice manager", "this is ... at the front desk".
    if STAFF_WRITER.search(text):
        return []
    found = []
    for match in SELF_NAMED_FULL_NAME.finditer(text):
        start, end = match.span("name")
        if STAFF_AFTER_SELF_NAME.match(text, end):
            continue
        # "Call me: Walter Green, CEO, 555-0180", "I'm Florence Amadi RN", "(harriet.oyelowo@sunviewclinic.example)".
        # Only the rest of the sentence counts: in "I am Rodel Manalo. Yesterday ... the nurse say" the nurse is someone else.
        after = SENTENCE_END.split(text[end : end + 60], maxsplit=1)[0].split("\n", 1)[0]
        # Only capitalized words name a workplace: "Birchview Medical", not "the pharmacy says".
        words_after = {fold(word) for word in regex.findall(r"\p{Lu}\p{L}+", after)}
        work_mailbox = any(not CONSUMER_MAILBOX.search(mailbox) for mailbox in regex.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", after))
        if ROLE_NOUN.search(after) or STAFF_CREDENTIAL.search(after) or words_after & INSTITUTION_WORDS or work_mailbox:
            continue
        words = [fold(word.strip(".")) for word in match.group("name").split()]
        if any(word in COMMON_WORDS or word in TITLES or word in INSTITUTION_WORDS for word in words) or ROLE_NOUN.search(match.group("name")):
            continue
        if not any(f.start < end and start < f.end for f in findings):
            found.append(Finding(start=start, end=end, entity="PATIENT_NAME", patient=True, weak=True))
    return found


def _patient_self_introduction(*, text: str, findings: list[Finding]) -> list[Finding]:
    """Find the listed given name a patient introduces themselves with: "i'm max.", "grace here."."""
    # "hi its Precious from the front desk": a staff member introduces herself the same way.
    if STAFF_WRITER.search(text) or ROLE_NOUN.search(text[:120]):
        return []
    given_names = load_list(file_name="given.txt")
    found = []
    for match in SELF_INTRODUCTION.finditer(text):
        start, end = match.span("name")
        word = fold(match.group("name"))
        if word not in given_names or word in COMMON_WORDS or word in TITLES or word in INSTITUTION_WORDS or MONTH_WORD.fullmatch(word):
            continue
        if not any(f.start < end and start < f.end for f in findings):
            found.append(Finding(start=start, end=end, entity="PATIENT_NAME", patient=True, weak=True))
    return found


# Words that close a message and name no one.
CLOSING_WORDS = frozenset(
    "thanks thank thx ty regards best cheers sincerely please help urgent asap ok okay bye goodbye tia appreciated respectfully blessings".split()
)
# A ticket typed in capitals closes with the name in capitals too: "... FIX IT.\nDARNELL WOODS".
CAPS_PATIENT_SIGNATURE = regex.compile(r"\n[ \t]*[-–—]?[ \t]*(?P<name>\p{Lu}{2,}(?:[-'’]\p{Lu}{2,})?(?:[ \t]+\p{Lu}\.?)?(?:[ \t]+\p{Lu}{2,}(?:[-'’]\p{Lu}{2,})?){1,2})[ \t.]*\Z")


# A line that introduces a list of patients: "20 client charts were cached, including at least:", "class roster:".
PATIENT_LIST_HEADING = regex.compile(
    r"(?i:\b(?:patients?|pts|clients?|charts?|roster|residents?|members|individuals|people|persons|affected|records)\b[^\n]{0,120}:[ \t]*\n)"
)
STAFF_LIST_WORD = regex.compile(r"(?i:\b(?:staff|users?|employees?|providers?|physicians|nurses|team|hires?|logins?|accounts\s+for|access\s+for)\b)")
PATIENT_LIST_ITEM = regex.compile(
    rf"[ \t]*(?:[-*•]|\d{{1,3}}[.)])?[ \t]*(?P<name>{LAST_FIRST}|{CAPS_LAST_FIRST}|{FULL_NAME})(?=[ \t]*(?:[,(–—-]|\n|$))"
)


def _patient_list_items(*, text: str, findings: list[Finding]) -> list[Finding]:
    """Find the names (or bulleted record numbers) that open the lines of a list introduced as patients, clients, charts or a roster.

    "She thinks about 20 client charts were cached, including at least:"
    followed by "- Beckett Alvarez", or a lost roster's "Pua Kealoha,
    808-555-0141" lines. The list runs to the first line that does not
    open with a name. A heading with a staff word ("new users:") is no
    patient list, and words of an institution end the item.
    """
    found = []
    for heading in PATIENT_LIST_HEADING.finditer(text):
        # Only the heading's own sentence: "Hi team, ... These members came back ...:" is still a patient list.
        if STAFF_LIST_WORD.search(text, sentence_start(text=text, position=heading.start()), heading.end()):
            continue
        # One blank line may sit between the heading and the list.
        position = heading.end() + (1 if text.startswith("\n", heading.end()) else 0)
        while (item := PATIENT_LIST_ITEM.match(text, position) or PATIENT_LIST_ID_ITEM.match(text, position)) is not None:
            start, end = item.span("name")
            words = [fold(word.strip(".,")) for word in item.group("name").split()]
            if any(word in INSTITUTION_WORDS or word in TITLES for word in words):
                break
            entity = "PATIENT_ID" if item.re is PATIENT_LIST_ID_ITEM else "PATIENT_NAME"
            if not any(f.start <= start and end <= f.end for f in findings):
                found.append(Finding(start=start, end=end, entity=entity, patient=True, weak=True))
            line_end = text.find("\n", end)
            if line_end < 0:
                break
            position = line_end + 1
    return found


# A bulleted record number in such a list: "  - 884102277 (kid, 6)".
PATIENT_LIST_ID_ITEM = regex.compile(r"[ \t]*(?:[-*•]|\d{1,3}[.)])[ \t]*(?P<name>[A-Z]{0,4}-?\d{6,12})(?=[ \t]*(?:[,(–—-]|\n|$))")


MAILBOX_PART_SPLIT = regex.compile(r"[._+\d-]+")


def _names_in_patient_mailboxes(*, text: str, findings: list[Finding], staff_names: set[str]) -> list[Finding]:
    """Find a patient's name written alone that also makes up the patient's email or username.

    "sent to another patient's email (grace.t.okoro@example.com). Grace
    joined the waiting room": "Grace" is that patient. A part counts when it
    is a listed given name or surname of three or more letters and no
    everyday or institution word. Only capitalized words in the text are
    taken, and not next to another capitalized name word. A part of a staff
    name ("- Jordan Lee, billing" with jordan.lee@...) is never taken.
    """
    given_names, surnames = load_list(file_name="given.txt"), load_list(file_name="surnames.txt")
    parts = set()
    for finding in findings:
        if finding.entity not in ("EMAIL", "PORTAL_USERNAME") or not finding.patient:
            continue
        local = text[finding.start : finding.end].split("@")[0]
        for part in MAILBOX_PART_SPLIT.split(local.lower()):
            if len(part) >= 3 and part.isalpha() and part not in COMMON_WORDS and part not in INSTITUTION_WORDS and (part in given_names or part in surnames):
                parts.add(part)
    parts -= {fold(word) for name in staff_names for word in name.split()}
    found = []
    titled = {part.title() for part in parts}
    for part in titled:
        for match in _whole_word(part).finditer(text):
            if _next_to_other_name(text=text, start=match.start(), end=match.end(), names=titled):
                continue
            found.append(Finding(start=match.start(), end=match.end(), entity="PATIENT_NAME", patient=True, weak=True))
    return found


def _usernames_of_patient_names(*, text: str, findings: list[Finding]) -> list[Finding]:
    """Find a login built from a patient's name: "rcienfuegos" for Rafael Cienfuegos, "kazimierz.lewandowski", "cienfuegosr2".

    The forms are given name and family name joined (with nothing, a dot,
    an underscore or a hyphen), the first initial and the family name, and
    the family name and the initial, each with optional trailing digits.
    Only lower-case words are taken, so a capitalized name is left to the
    name rules. Only in a ticket about the patient portal, and not after a
    staff login's label ("user tdunmore (front desk)", "login": ...), since
    a staff member who is also a patient logs in under the same name.
    """
    if PortalUsernameRecognizer.TOPIC.search(text) is None:
        return []
    forms = set()
    for finding in findings:
        # Only a name a rule found: a learned guess at a staff name would take the staff login with it.
        if finding.entity != "PATIENT_NAME" or not finding.patient or finding.learned:
            continue
        parts = [fold(part).lower() for part in NAME_PART_SPLIT.split(text[finding.start : finding.end]) if part.isalpha()]
        if len(parts) < 2:
            continue
        # "Cienfuegos, Rafael" lists the family name first.
        given_name, family_name = (parts[-1], parts[0]) if "," in text[finding.start : finding.end] else (parts[0], parts[-1])
        if len(family_name) < 3:
            continue
        for joiner in ("", ".", "_", "-"):
            forms.add(given_name + joiner + family_name)
        initial = given_name[0]
        forms.update({initial + family_name, initial + "." + family_name, family_name + initial, family_name + "." + initial})
    if not forms:
        return []
    pattern = regex.compile(r"(?<![\w.@-])(?:" + "|".join(regex.escape(form) for form in sorted(forms, key=len, reverse=True)) + r")\d{0,4}(?![\w@-]|\.\w)")
    return [
        Finding(start=match.start(), end=match.end(), entity="PORTAL_USERNAME", patient=True, weak=True)
        for match in pattern.finditer(text)
        if not STAFF_LOGIN_BEFORE.search(text, max(0, match.start() - 40), match.start())
    ]


# "His portal login qfarrowby" is still the patient's: a portal word before the label.
STAFF_LOGIN_BEFORE = regex.compile(r"(?i:\b(?<!portal\s)(?:user|users|login|employee|staff|badge|AD|by)\b[^\n]{0,30}$)")


WORD_BEFORE_BRACKET = regex.compile(r"(?<![\p{L}'’-])(\p{Lu}\p{Ll}+)[ \t]*\([ \t]*$")


SCRIPT_NAME_BEFORE_BRACKET = regex.compile(
    rf"(?P<value>[{OTHER_SCRIPTS}][{OTHER_SCRIPTS}\p{{M}} ·・-]{{1,30}}?)[ \t]*[(（][ \t]*(?i:(?:transliterated|romanized|spelled|in\s+English)[ \t]*:?[ \t]*)?$"
)


def _names_before_bracketed_patient_names(*, text: str, findings: list[Finding]) -> list[Finding]:
    """Find the name a patient goes by, written before their full name in brackets: "Kiki (Kirsten Abernethy-Lowe)", or in its own script."""
    found = []
    for finding in findings:
        if finding.entity != "PATIENT_NAME" or not finding.patient:
            continue
        # "Оксана Коваленко (transliterated Oksana Kovalenko, MRN ...)", "王秀英 (Wang Xiuying)": the name in its own script.
        script = SCRIPT_NAME_BEFORE_BRACKET.search(text, max(0, finding.start - 60), finding.start)
        if script is not None:
            found.append(Finding(start=script.start("value"), end=script.end("value"), entity="PATIENT_NAME", patient=True, weak=True))
            continue
        if not regex.match(r"[ \t]*\)", text[finding.end : finding.end + 3]):
            continue
        word = WORD_BEFORE_BRACKET.search(text, max(0, finding.start - 30), finding.start)
        if word is None:
            continue
        folded = fold(word.group(1))
        if folded in COMMON_WORDS or folded in INSTITUTION_WORDS or folded in TITLES or MONTH_WORD.fullmatch(folded):
            continue
        found.append(Finding(start=word.start(1), end=word.end(1), entity="PATIENT_NAME", patient=True, weak=True))
    return found


# "twins Olamide and Oluwatoyin Adeyinka-Brooks": a given name joined by "and" to a patient's full name.
GIVEN_NAME_BEFORE_AND = regex.compile(r"(?<![\p{L}'’.-])(\p{Lu}\p{Ll}{2,}(?:-\p{Lu}\p{Ll}+)?)[ \t]+(?:and|&)[ \t]+$")


def _siblings_of_patient_names(*, text: str, findings: list[Finding]) -> list[Finding]:
    """Find a lone given name joined by "and" to a patient's full name, as siblings and twins are written."""
    found = []
    for finding in findings:
        if finding.entity != "PATIENT_NAME" or not finding.patient or " " not in text[finding.start : finding.end].strip():
            continue
        word = GIVEN_NAME_BEFORE_AND.search(text, max(0, finding.start - 40), finding.start)
        if word is None or TITLE_BEFORE.search(text, max(0, word.start(1) - 12), word.start(1)):
            continue
        folded = fold(word.group(1))
        if folded in COMMON_WORDS or folded in INSTITUTION_WORDS or folded in TITLES or MONTH_WORD.fullmatch(folded) or folded in WEEKDAYS:
            continue
        found.append(Finding(start=word.start(1), end=word.end(1), entity="PATIENT_NAME", patient=True, weak=True))
    return found


WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


# Words of a trauma alias ("TRAUMA, ZULU", "UNKNOWN EIGHT") that are no one's name in lower case.
ALIAS_WORDS = frozenset(
    "trauma unknown alias doe zulu alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo "
    "sierra tango uniform victor whiskey xray yankee one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty".split()
)


@functools.cache
def everyday_words() -> frozenset[str]:
    """Return the folded name words that are also everyday English words ("will", "rose", "mark")."""
    return load_list(file_name="common.txt") | {fold(word) for word in COMMON_WORDS}


def _spread_patient_names(*, text: str, findings: list[Finding]) -> list[Finding]:
    """Also remove other mentions of a name already found as a patient's.

    Each part of a found name spreads too ("Ronald" after "Ronald Pike"),
    when it is capitalized, alphabetic and 3+ letters. A one-word name spreads
    only from structured sources (HL7, FHIR, X12, a patient label). Parts of
    all-caps names also spread in title case ("MAXIME" to "Maxime").
    """
    names = set()
    lower_names = set()
    # Names that only the learned tagger found spread as learned findings, so
    # a rule's type wins where they overlap ("19 Laurel St Apt 3B" is an address).
    rule_names = set()
    for finding in findings:
        if finding.entity != "PATIENT_NAME":
            continue
        value = text[finding.start : finding.end]
        # Hyphenated surnames spread by part too: "Vogt-Hartmann" goes out as "VOGT".
        # A name typed in lower case ("jose luis ferreira") spreads by its lower-case parts.
        parts = [part for part in NAME_PART_SPLIT.split(value) if len(part) >= 3 and (part[:1].isupper() or value.islower()) and part.isalpha()]
        spread = {value} if " " in value.strip() else set()
        if len(parts) >= 2 or not finding.weak:
            spread.update(parts)
            spread.update(part.title() for part in parts if part.isupper())
            spread.update(part.upper() for part in parts if len(part) >= 4 and not part.isupper())
            # "im not darnell lol" after "DARNELL W.": a lower-case mention of a name a rule found, unless it is an everyday word.
            if not finding.learned:
                lower_names.update(
                    part.lower() for part in parts if len(part) >= 4 and fold(part) not in everyday_words() | ALIAS_WORDS and part.lower() not in spread
                )
        names.update(spread)
        if not finding.learned:
            rule_names.update(spread)
    extra = []
    # A name spelled out letter by letter: "Obi, O-B-I", "P E L L E T I E R".
    for name in {name for name in names if " " not in name and name.isalpha()}:
        for match in _spelled_out(name.lower()).finditer(text):
            extra.append(Finding(start=match.start(), end=match.end(), entity="PATIENT_NAME", patient=True, weak=False, learned=name not in rule_names))
    for name in names:
        for match in _whole_word(name).finditer(text):
            if " " not in name and _next_to_other_name(text=text, start=match.start(), end=match.end(), names=names):
                continue
            extra.append(Finding(start=match.start(), end=match.end(), entity="PATIENT_NAME", patient=True, weak=False, learned=name not in rule_names))
    # A lower-case mention is a word of its own, never part of a login, mailbox or hyphenated name.
    for name in lower_names - names:
        for match in _standalone_word(name).finditer(text):
            extra.append(Finding(start=match.start(), end=match.end(), entity="PATIENT_NAME", patient=True, weak=False))
    # Identifiers repeat too, e.g. a FHIR Patient id in the request URL.
    identifiers = {(text[f.start : f.end], f.entity) for f in findings if f.entity in REPEATED_IDENTIFIERS and not f.weak and f.end - f.start >= 5}
    for identifier, entity in identifiers:
        for match in _whole_identifier(identifier).finditer(text):
            extra.append(Finding(start=match.start(), end=match.end(), entity=entity, patient=True, weak=False))
    extra.extend(_identifier_variants(text=text, identifiers={identifier for identifier, _ in identifiers}))
    # A labeled birth or service date repeats too ("visit was on 8/2 ... refers to 8/2").
    dates = {(text[f.start : f.end], f.entity) for f in findings if f.entity in ("DOB", "DATE_OF_SERVICE") and not f.weak}
    for value, entity in dates:
        for match in _whole_date(value).finditer(text):
            extra.append(Finding(start=match.start(), end=match.end(), entity=entity, patient=True, weak=False))
    return findings + extra


NUMERIC_FULL_DATE = regex.compile(r"(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?:\d{4}|\d{2})")


def _short_forms_of_patient_dates(*, text: str, findings: list[Finding]) -> list[Finding]:
    """Find a patient's numeric date repeated without its year.

    "seen in our ED on 11/22/2026 ... the access log from 11/22 through
    today": the short form gives the same date away.
    """
    forms = {
        (short, finding.entity)
        for finding in findings
        if finding.patient and finding.entity in ("DOB", "DATE_OF_SERVICE")
        for short in _month_day_forms(text[finding.start : finding.end])
    }
    # "since 11/25" and "the 11/30 release" stay: the day may be the patient's, but the ticket's point is the system's.
    return [
        Finding(start=match.start(), end=match.end(), entity=entity, patient=True, weak=True)
        for short, entity in forms
        for match in _whole_date(short).finditer(text)
        if not _is_operational_date(text=text, start=match.start(), end=match.end())
    ]


def _month_day_forms(value: str) -> set[str]:
    """Return the month/day forms of a numeric date: "03/07/2026" gives "03/07" and "3/7"."""
    match = NUMERIC_FULL_DATE.fullmatch(value)
    if match is None:
        return set()
    month, day = match.group("month"), match.group("day")
    return {f"{month}/{day}", f"{int(month)}/{int(day)}"}


REPEATED_IDENTIFIERS = frozenset({"MRN", "MEMBER_ID", "ACCOUNT_NUMBER", "SSN", "PORTAL_USERNAME", "RX_NUMBER", "DEVICE_ID"})
# Identifiers that other values of the same shape may follow in a list; a username list is rare.
LISTED_IDENTIFIERS = (REPEATED_IDENTIFIERS - {"PORTAL_USERNAME"}) | {"PATIENT_ID"}
LONG_DIGIT_RUN = regex.compile(r"\d{7,}")
ID_TOKEN = regex.compile(r"(?<![\w-])[A-Z]{0,4}\d[\dA-Z-]{5,20}(?![\w-])")


def _identifier_variants(*, text: str, identifiers: set[str]) -> list[Finding]:
    """Find other forms of a found identifier: the same run of 7+ digits with another prefix or suffix.

    Tickets about payer ID formats quote the ID as sent and as mangled:
    "XOF881720034 goes out as 881720034", "W881920034-01 but the claim used
    W881920034-00". Claim and trace numbers rarely share a 7-digit run with a
    patient identifier.
    """
    cores = {run for identifier in identifiers for run in LONG_DIGIT_RUN.findall(identifier)}
    if not cores:
        return []
    findings = []
    for match in ID_TOKEN.finditer(text):
        if any(core in run or run in core for run in LONG_DIGIT_RUN.findall(match.group()) for core in cores if len(run) >= 7):
            findings.append(Finding(start=match.start(), end=match.end(), entity="MEMBER_ID", patient=True, weak=False))
    return findings
# Capitalized words next to a name part that do not make it someone else's name.
NON_NAME_NEIGHBORS = frozenset(
    {"Mr", "Mrs", "Ms", "Miss", "Patient", "Pt", "The", "A", "An", "Example", "Also", "And", "But", "Then", "When", "If", "So", "Our", "Her", "His", "I", "Hi", "Dear",
     # Generational suffixes: "ST. CROIX III BEATRICE".
     "Jr", "Sr", "II", "III", "IV"}
)
NEIGHBOR_BEFORE = regex.compile(r"(\p{Lu}[\p{L}'’-]*)[ \t]+$")
NEIGHBOR_AFTER = regex.compile(r"^[ \t]+(\p{Lu}[\p{L}'’-]*)")
CAPITALIZED_WORDS_AFTER = regex.compile(r"(?:[ \t]+\p{Lu}[\p{L}'’-]*){1,3}")


def _next_to_other_name(*, text: str, start: int, end: int, names: set[str]) -> bool:
    """Tell whether a lone name part touches a capitalized word that is not a patient's name part.

    "Kirk" of patient "Paul Kirk" must not spread into staff member "Dana Kirk".
    """
    if TITLE_BEFORE.search(text[max(0, start - 12) : start]):
        return True
    before = NEIGHBOR_BEFORE.search(text[max(0, start - 30) : start])
    after = NEIGHBOR_AFTER.match(text[end : end + 30])
    return any(
        neighbor is not None and len(neighbor.group(1)) > 1 and neighbor.group(1) not in names and neighbor.group(1) not in NON_NAME_NEIGHBORS
        for neighbor in (before, after)
    )


def _merge(findings: list[Finding]) -> list[Finding]:
    """Merge overlapping findings into one span typed by its strongest member."""
    merged: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if merged and finding.start < merged[-1].end:
            last = merged[-1]
            keep = min((last, finding), key=lambda member: (member.learned, member.weak))
            merged[-1] = Finding(
                start=last.start,
                end=max(last.end, finding.end),
                entity=keep.entity,
                patient=last.patient or finding.patient,
                weak=last.weak and finding.weak,
                learned=last.learned and finding.learned,
            )
            continue
        merged.append(finding)
    return merged
