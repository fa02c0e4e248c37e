"""Text normalization and hand-written cue features for the local classifier.

The cues target the priority rules: many users or a whole site affected, a
hard deadline within two business days (both raise access, compliance and
regulatory tickets to high), and a statement that nothing is blocked (lowers
billing and interface tickets to medium). The linear models learn how much
each cue counts, so a cue is evidence, not a rule.
"""

import re

import numpy as np

# Scrubber placeholders such as <PATIENT_NAME> become one lower-case token
# ("zzphipatientname"), so the vectorizers treat them as words and the
# reasoning can recognise and skip them.
PLACEHOLDER_PATTERN = re.compile(r"<([A-Z][A-Z0-9_]*)>")
PLACEHOLDER_PREFIX = "zzphi"

# Words of two or more characters, keeping digits and placeholders whole.
TOKEN_PATTERN = r"(?u)\b\w\w+\b"

_NUMBER_WORDS = r"(?:two|three|four|five|six|seven|eight|nine|ten|dozen|several|multiple|many|hundreds?|dozens?|\d+)"
_PEOPLE = (
    r"(?:users?|providers?|physicians?|doctors?|nurses?|clinicians?|staff|employees|people|"
    r"schedulers?|billers?|coders?|front desk|accounts?|locations?|sites?|clinics?|offices?|"
    r"departments?|residents?|therapists?|techs?|pharmacists?|members?|agents?)"
)

CUES: dict[str, re.Pattern[str]] = {
    "many_users": re.compile(
        rf"\b(?:all|every|entire|whole)\s+(?:of\s+)?(?:our\s+|the\s+|my\s+)?(?:\w+\s+)?{_PEOPLE}\b"
        rf"|\b{_NUMBER_WORDS}\s+(?:of\s+our\s+)?(?:\w+\s+)?{_PEOPLE}\b"
        r"|\b(?:everyone|everybody|nobody|no one|no-one|anyone)\b"
        r"|\bacross\s+(?:all|the\s+(?:whole|entire))\b"
        r"|\b(?:site|org|organization|practice|clinic|system|company|enterprise)[- ]wide\b",
        re.IGNORECASE,
    ),
    "whole_site": re.compile(
        r"\b(?:whole|entire|all)\s+(?:of\s+)?(?:our\s+|the\s+)?(?:site|clinic|practice|hospital|"
        r"department|floor|unit|building|location|organization|facility|campus|region|network)s?\b"
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
        r"attestation|go-live|go live|audit(?:or)?s?\s+(?:arrive|on[- ]site|start)|must)\b",
        re.IGNORECASE,
    ),
    "deadline_far": re.compile(
        r"\b(?:next month|next quarter|next year|in (?:three|four|five|six|\d{2}) (?:weeks|months)|"
        r"(?:three|four|five|six|\d+) weeks|(?:two|three|several) months|no rush|not urgent|"
        r"whenever|at your convenience|when you (?:get|have) a (?:chance|moment|minute))\b",
        re.IGNORECASE,
    ),
    "nothing_blocked": re.compile(
        r"\b(?:nothing(?:'s| is)? (?:blocked|broken|down|urgent|stuck)|not (?:blocking|blocked|urgent|"
        r"holding|stopping|affecting)|no (?:rush|impact|hurry|urgency|patient impact)|"
        r"low priority|cosmetic|just (?:curious|wondering|a question|checking|want(?:ed)? to (?:know|understand|confirm))|"
        r"(?:still|otherwise) (?:works?|working|flowing|posting|crossing|going through|fine)|"
        r"works? fine|workaround|work around|minor|for (?:our|my) (?:own )?(?:records|understanding)|"
        r"(?:curious|wondering) (?:why|whether|if|about)|one (?:old|past|prior|previous)\b|"
        r"(?:old|past|prior|previous) claim|when you (?:get|have) a (?:chance|moment|minute)|"
        r"(?:only|just) (?:the|a) (?:display|label|font|color|colour|formatting|spacing|typo))\b",
        re.IGNORECASE,
    ),
    "blocked_now": re.compile(
        r"\b(?:can(?:no|')?t|cannot|unable to|won't|will not|unable|blocked|stuck|down|failing|failed|"
        r"stopped|not (?:posting|crossing|flowing|working|loading)|backlog|piling up|halted)\b",
        re.IGNORECASE,
    ),
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
