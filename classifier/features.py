"""Text normalization and hand-written cue features for the local classifier.

The cues target the priority rules. Many users or a whole site affected, or a
hard deadline within two business days, raise access, compliance and
regulatory tickets to high. A statement that nothing is blocked lowers billing
and interface tickets to medium. The linear models learn how much each cue
counts, so a cue is evidence, not a rule.
"""

import re

import numpy as np

# Scrubber placeholders such as <PATIENT_NAME> become one lower-case token
# ("zzphipatientname"), so the vectorizers treat them as words and the
# reasoning can recognize and skip them.
PLACEHOLDER_PATTERN = re.compile(r"<([A-Z][A-Z0-9_]*)>")
PLACEHOLDER_PREFIX = "zzphi"

# Words of two or more characters, keeping digits and placeholders whole.
TOKEN_PATTERN = r"(?u)\b\w\w+\b"

_NUMBER_WORDS = r"(?:two|three|four|five|six|seven|eight|nine|ten|dozen|several|multiple|many|hundreds?|dozens?|\d+)"
_PEOPLE = (
    r"(?:users?|providers?|physicians?|doctors?|nurses?|clinicians?|staff|employees|people|"
    r"schedulers?|billers?|coders?|front desk|accounts?|locations?|sites?|clinics?|offices?|"
    r"departments?|depts?|residents?|therapists?|techs?|pharmacists?|members?|agents?|clerks?|registrars?|"
    r"ppl|folks|workstations?|teams?|units?|floors?|hospitalists?|surgeons?|assistants?|MAs|RNs|NPs|CNAs)"
)

CUES: dict[str, re.Pattern[str]] = {
    "many_users": re.compile(
        rf"\b(?:all|every|entire|whole|none of)\s+(?:of\s+)?(?:our\s+|the\s+|my\s+)?(?:\d+\+?\s+)?(?:[\w-]+\s+){{0,3}}?{_PEOPLE}\b"
        rf"|\b{_NUMBER_WORDS}\+?\s+(?:of\s+(?:our|the)\s+)?(?:[\w-]+\s+){{0,3}}?{_PEOPLE}\b"
        # "everyone else is fine" means the opposite, hence the lookahead.
        r"|\b(?:everyone|everybody|nobody|no one|no-one|anyone)\b(?!\s+else)"
        r"|\bacross\s+(?:all|the\s+(?:whole|entire))\b"
        r"|\b(?:about|around|roughly|approximately|over|~)\s*\d{2,}\b"
        r"|\b(?:site|org|organization|practice|clinic|system|company|enterprise)[- ]wide\b",
        re.IGNORECASE,
    ),
    "single_user": re.compile(
        r"\b(?:only (?:me|him|her|one|this (?:user|one))|just (?:me|him|her|one (?:user|person|nurse|provider|doctor))|"
        r"one (?:user|nurse|provider|doctor|physician|person|patient|employee|scheduler|biller)|"
        r"(?:everyone|everybody) else (?:is|are) (?:fine|ok|okay|working)|a (?:single|new) (?:user|hire|employee))\b",
        re.IGNORECASE,
    ),
    "whole_site": re.compile(
        r"\b(?:whole|entire|all)\s+(?:of\s+)?(?:our\s+|the\s+)?(?:\d+\s+)?(?:site|clinic|practice|hospital|"
        r"department|dept|floor|unit|building|location|organization|facility|campus|region|network|tenant|office)s?\b"
        r"|\b(?:site|org|organization|practice|clinic|hospital|enterprise)[- ]wide\b",
        re.IGNORECASE,
    ),
    "deadline_soon": re.compile(
        r"\b(?:today|tonight|tomorrow|tmrw|tmw|eod|end of (?:the )?day|end of business|cob|close of business|"
        r"this afternoon|this evening|by noon|(?:24|36|48)\s*(?:hours|hrs|h)\b|"
        r"(?:one|two|1|2)\s+(?:business\s+|working\s+)?days?|"
        r"(?:monday|tuesday|wednesday|thursday|friday|mon|tue|tues|wed|thu|thurs|fri)\b)",
        re.IGNORECASE,
    ),
    "deadline_word": re.compile(
        r"\b(?:deadline|due|closes|closing|expires?|expiring|cutoff|cut-off|window|submit|submission|"
        r"attestation|go-live|go live|audit(?:or)?s?\s+(?:arrive|on[- ]site|start)|survey|must)\b",
        re.IGNORECASE,
    ),
    "deadline_far": re.compile(
        r"\b(?:next (?:week|month|quarter|year)|in (?:three|four|five|six|\d{2}) (?:weeks|months|days)|"
        r"(?:three|four|five|six|\d+) (?:weeks|months)|(?:two|three|several) months|within (?:a|the) month|"
        r"end of (?:the|this) (?:month|quarter)|no rush|not urgent|whenever|at your convenience|"
        r"when you (?:get|have) a (?:chance|moment|minute))\b",
        re.IGNORECASE,
    ),
    "nothing_blocked": re.compile(
        r"\b(?:nothing(?:'s| is)? (?:blocked|broken|down|urgent|stuck|failing|delayed|lost)|"
        r"not (?:blocking|blocked|urgent|holding|stopping|affecting|a big deal|patient-facing|stopping anything)|"
        r"no (?:rush|impact|hurry|urgency|patient impact|clinical impact|outage)|low (?:priority|urgency)|"
        r"cosmetic|display only|purely visual|just (?:curious|wondering|a question|checking|flagging|confusing|sloppy|"
        r"fyi|letting you know|want(?:ed)? to (?:know|understand|confirm))|fyi|"
        r"(?:still|otherwise) (?:works?|working|flowing|posting|crossing|going through|fine|files|matches|getting|"
        r"goes out|go out|see|viewable|correct)|works? fine|(?:is|are) fine|workaround|work(?:ing)? around|minor|"
        r"for (?:our|my) (?:own )?(?:records|understanding)|(?:curious|wondering) (?:why|whether|if|about)|"
        r"one (?:old|past|prior|previous)\b|(?:old|past|prior|previous|historical) (?:claim|question)|"
        r"when you (?:get|have) a (?:chance|moment|minute)|harmless|can live with|next release|"
        r"(?:resolved|all set|fixed it|fixed by hand|by hand) ?(?:now)?|one account)\b",
        re.IGNORECASE,
    ),
    "blocked_now": re.compile(
        r"\b(?:can(?:no|')?t|cannot|unable to|won't|will not|unable|blocked|stuck|down|failing|failed|"
        r"stopped|not (?:posting|crossing|flowing|working|loading)|backlog|piling up|halted|unposted|"
        r"manual(?:ly)? (?:posting|entering|register)|every (?:claim|era|message|order|request|payer))\b",
        re.IGNORECASE,
    ),
    "money": re.compile(r"\$\s?\d[\d,]*(?:k|\.\d+)?", re.IGNORECASE),
    "urgent_words": re.compile(r"\b(?:urgent|asap|emergency|immediately|right now|critical|now)\b|!!", re.IGNORECASE),
    "question": re.compile(r"\?|\b(?:how (?:do|can|to|should)|is there a way|where (?:do|can|is)|what is)\b", re.IGNORECASE),
}
CUE_NAMES: tuple[str, ...] = tuple(CUES)


def normalize_text(text: str) -> str:
    """Return text with scrubber placeholders turned into single word tokens."""
    return PLACEHOLDER_PATTERN.sub(lambda match: f" {PLACEHOLDER_PREFIX}{match.group(1).lower().replace('_', '')} ", text)


def cue_vector(text: str) -> np.ndarray:
    """Return 0/1 indicators of each cue in CUE_NAMES for one text."""
    return np.asarray([1.0 if pattern.search(text) else 0.0 for pattern in CUES.values()], dtype=np.float64)


def cue_matrix(texts: list[str]) -> np.ndarray:
    """Return the cue indicators of many texts as a (len(texts), len(CUE_NAMES)) array."""
    if not texts:
        return np.zeros((0, len(CUE_NAMES)))
    return np.vstack([cue_vector(text) for text in texts])


def matched_cue_phrase(text: str, cue: str) -> str | None:
    """Return the first phrase of text that matches a cue, lower-cased, or None."""
    match = CUES[cue].search(text)
    if match is None:
        return None
    return match.group(0).lower().strip()
