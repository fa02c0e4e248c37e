"""Reasoning sentences and drafted first replies for local verdicts.

Both are built from the scrubbed text only. Quoted cue words come from the
model's reasoning vocabulary (words seen in at least three training tickets),
so a value that appears in one ticket, such as a name the scrubber missed,
is never quoted. Replies are fixed templates and quote nothing.
"""

import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from classifier.features import PLACEHOLDER_PREFIX, matched_cue_phrase, normalize_text
from classifier.model import RAISE_CATEGORIES, LocalModel
from schemas.labels import TYPICAL_PRIORITY, Category, Priority

MAX_CUE_WORDS = 3

CATEGORY_LABELS: dict[Category, str] = {
    Category.CLINICAL_URGENCY: "care blocked right now",
    Category.PHI_EXPOSURE: "patient data possibly sent to the wrong person",
    Category.EHR_INTEGRATION: "a broken interface or data feed",
    Category.BILLING_CLAIMS: "a billing or claims problem",
    Category.ACCESS_LOGIN: "a sign-in or permission problem",
    Category.COMPLIANCE_REQUEST: "a request for compliance evidence or paperwork",
    Category.REGULATORY_DEADLINE: "an external reporting program or regulatory date",
    Category.TRAINING_ONBOARDING: "a how-to question with nothing broken",
}

RAISE_CUES: dict[str, str] = {
    "many_users": "many users affected",
    "whole_site": "a whole site affected",
    "deadline_soon": "a deadline within two business days",
}
LOWER_CUES: dict[str, str] = {"nothing_blocked": "nothing blocked"}

REPLIES: dict[Category, str] = {
    Category.CLINICAL_URGENCY: (
        "Thank you for reporting this. We understand care is blocked right now, so our clinical operations "
        "team is treating it as critical and will call you back within minutes. Please keep a phone line open."
    ),
    Category.PHI_EXPOSURE: (
        "Thank you for telling us right away. Our privacy office is treating this as a possible disclosure "
        "and will contact you shortly to preserve the relevant logs and walk through next steps. Please do "
        "not forward the affected records in this ticket."
    ),
    Category.EHR_INTEGRATION: (
        "Thank you for the report. Our integration engineers are reviewing the interface and will update you "
        "with what they find. If you have message timestamps or error codes, please add them here without "
        "patient details."
    ),
    Category.BILLING_CLAIMS: (
        "Thank you for reaching out. Our revenue cycle team is looking into the claims and remittance files "
        "you described and will follow up with findings. Batch or trace numbers help us, but please leave "
        "patient details out."
    ),
    Category.ACCESS_LOGIN: (
        "Thank you for contacting us. Our identity and access team is reviewing the account and will follow "
        "up shortly. For security we will verify the requester's identity before changing any credentials."
    ),
    Category.COMPLIANCE_REQUEST: (
        "Thank you for your request. Our compliance team will confirm the scope and prepare the documents or "
        "reports you asked for, and will let you know the expected delivery date."
    ),
    Category.REGULATORY_DEADLINE: (
        "Thank you for flagging this. Our regulatory team is reviewing it against your reporting deadline and "
        "will follow up with a plan so you can submit on time."
    ),
    Category.TRAINING_ONBOARDING: (
        "Thanks for your question. Our customer success team will send you step-by-step guidance and links to "
        "the relevant documentation shortly."
    ),
}
HIGH_PRIORITY_NOTE = " We have marked this as high priority."

_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")


def cue_words(*, model: LocalModel, text: str, category: Category) -> list[str]:
    """Return up to three vocabulary terms in text that most support the category in the text model."""
    words = model.text_vectorizer.words
    classifier = model.text_model
    labels = [Category(label) for label in classifier.classes_]
    if category not in labels or classifier.coef_.shape[0] != len(labels):
        return []

    row = words.transform([normalize_text(text)])
    vocabulary_size = len(words.vocabulary_)
    coefficients = classifier.coef_[:, :vocabulary_size]
    # Support for a class is its coefficient above the mean of all classes.
    support = coefficients[labels.index(category)] - coefficients.mean(axis=0)
    names = model.word_feature_names()
    scored = []
    for column, value in zip(row.indices, row.data):
        term = str(names[column])
        if term not in model.reasoning_vocabulary or PLACEHOLDER_PREFIX in term:
            continue
        # Words like "how" or "the" carry weight in the model but explain nothing.
        if all(word in ENGLISH_STOP_WORDS for word in term.split()):
            continue
        score = float(value * support[column])
        if score > 0:
            scored.append((score, term))
    scored.sort(reverse=True)

    chosen: list[str] = []
    for _score, term in scored:
        # Skip a unigram already inside a chosen bigram and the reverse.
        if any(term in other or other in term for other in chosen):
            continue
        chosen.append(term)
        if len(chosen) == MAX_CUE_WORDS:
            break
    return chosen


def priority_reason(*, model: LocalModel, text: str, category: Category, priority: Priority) -> str:
    """Return a clause naming why the priority was chosen."""
    typical = TYPICAL_PRIORITY[category]
    if category in (Category.CLINICAL_URGENCY, Category.PHI_EXPOSURE):
        return f"priority {priority.value}, as always for this category"
    if category is Category.TRAINING_ONBOARDING:
        return "priority low, as always for questions"
    cues = RAISE_CUES if category in RAISE_CATEGORIES else LOWER_CUES
    evidence = _cue_evidence(model=model, text=text, cues=cues)
    if priority != typical:
        detail = "; ".join(evidence) if evidence else "the overall wording"
        return f"priority {priority.value} rather than {typical.value} because of {detail}"
    if evidence:
        return f"priority {priority.value}, the typical level, although the text mentions {'; '.join(evidence)}"
    return f"priority {priority.value}, the typical level for this category"


def _cue_evidence(*, model: LocalModel, text: str, cues: dict[str, str]) -> list[str]:
    evidence = []
    for cue, description in cues.items():
        phrase = matched_cue_phrase(text, cue)
        if phrase is None:
            continue
        if _is_quotable(model=model, phrase=phrase):
            evidence.append(f'{description} ("{phrase}")')
        else:
            evidence.append(description)
    return evidence


def _is_quotable(*, model: LocalModel, phrase: str) -> bool:
    words = _WORD.findall(phrase)
    # Digits are quotable ("48 hours"), but every other word must be common.
    return bool(words) and all(word.isdigit() or word in model.reasoning_vocabulary for word in words)


def build_reasoning(
    *, model: LocalModel, text: str, category: Category, priority: Priority, confidence: float
) -> str:
    """Return one or two sentences naming the evidence for category and priority."""
    words = cue_words(model=model, text=text, category=category)
    if words:
        quoted = ", ".join(f'"{word}"' for word in words)
        first = f"Classified as {category.value} ({CATEGORY_LABELS[category]}) from cue words {quoted}"
    else:
        first = f"Classified as {category.value} ({CATEGORY_LABELS[category]}) from the overall wording"
    first += f", confidence {confidence:.2f}."
    second = priority_reason(model=model, text=text, category=category, priority=priority)
    return f"{first} {second[0].upper()}{second[1:]}."


def build_reply(*, category: Category, priority: Priority) -> str:
    """Return a short polite first reply for the category; it quotes nothing from the ticket."""
    reply = REPLIES[category]
    if priority is Priority.HIGH:
        reply += HIGH_PRIORITY_NOTE
    return reply

