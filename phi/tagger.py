"""A learned token tagger for patient identifiers that no rule names.

The rules find values after a label or in a known field. Staff also write
identifiers with no cue the rules can read: a lone first name two sentences
after the full name, a username in brackets, a member ID in a misplaced
HL7 field, a surname in all lower case. This recognizer scores every word
token with a logistic model over nearby words, word shapes, name-list
membership and HL7 and X12 field positions, trained on the labeled
`phi_values` of the project's tickets (`phi/tagger_training.py`).

Limits:
- It reads three tokens either side and the words of the token's own
  line, so a cue further away ("the patient ... two lines later Sam") is lost.
- Its results are guesses. The policy sends each name through the same
  staff checks as spaCy's names, and operational spans (claim numbers,
  times, versions) veto the rest. A span scored 0.7 or more overrides
  the values marked only by their shape (error-code shapes, timestamps).
  A staff name with a role, title or sign-off cue stays even when the
  model scores it high, and so does a claim number after its label. A
  staff name with no cue can be removed.
- Words it never saw in training count only through their shape and list
  membership.
"""

import functools
import gzip
import json
import logging
import math
import os
from dataclasses import dataclass
from pathlib import Path

import regex
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts
from spacy.lang.en.stop_words import STOP_WORDS

from phi.dates import MONTH
from phi.names import NameLists, fold

log = logging.getLogger(__name__)

WEIGHTS_PATH = Path(__file__).with_name("artifacts") / "tagger_weights.json.gz"
# Another weights file (from `cliniqueue phi-tagger train --output`), or "off" for the rules alone.
WEIGHTS_ENVIRONMENT_VARIABLE = "CLINIQUEUE_PHI_TAGGER_WEIGHTS"

# A word with its inner joiners ("e.kowalski.rn", "03/10/2026", "MRN-4470019",
# "O'Neill", "12:30"), or one other character. A colon joins digits only, so
# "MRN:4470019" stays a label and a value.
TOKEN = regex.compile(r"[\p{L}\p{N}_]+(?:(?:[./'’@_-]|(?<=\d):(?=\d))[\p{L}\p{N}_]+)*|[^\s\p{L}\p{N}_]")
HL7_SEGMENT = regex.compile(r"[ \t]*([A-Z][A-Z0-9]{2})\|")
X12_SEGMENT = regex.compile(r"([A-Z][A-Z0-9]{1,2})\*")
RECOGNIZER_NAME = "PhiTaggerRecognizer"
TAGGED_PREFIX = "TAGGED_"
# Words that tie a line to a patient or to staff. Which kinds a line has is a feature of every token on it.
PATIENT_CUES = frozenset(
    {"patient", "patients", "pt", "pts", "dob", "mrn", "member", "subscriber", "guarantor", "mom", "dad", "mother", "father", "son",
     "daughter", "wife", "husband", "my", "chart", "acct", "account", "born", "resident", "client"}
)
STAFF_CUES = frozenset(
    {"dr", "md", "rn", "np", "pa", "lpn", "ma", "manager", "director", "analyst", "thanks", "regards", "coordinator", "nurse", "staff",
     "our", "hired", "user", "users", "employee", "provider", "physician", "supervisor", "tech", "admin"}
)
LABEL_MARKS = frozenset({":", "=", "#"})
CONTEXT = 3
EDGE = "<edge>"
# Lower-case English stop words ("the", "and", "of") are many of the word
# tokens and no patient identifier, so the model does not score them. They
# still count as neighbors. "may" and "will" stay scored because they are
# also given names.
UNSCORED_WORDS = frozenset(STOP_WORDS - {"may", "will"})
LENGTHS = [f"len={length}" for length in range(13)]
SENTENCE_ENDS = frozenset({".", "!", "?", EDGE})


@dataclass(frozen=True, slots=True)
class Token:
    """One token of the text: a word or a single other character."""

    start: int
    end: int
    text: str


def tokenize(*, text: str) -> list[Token]:
    """Split text into word tokens and single punctuation tokens."""
    return [Token(start=match.start(), end=match.end(), text=match.group()) for match in TOKEN.finditer(text)]


@functools.lru_cache(maxsize=65536)
def word_shape(word: str, run: int) -> str:
    """Map letters to X or x and digits to d, keeping at most `run` of each run: "Ng-77" -> "Xx-d"."""
    shape: list[str] = []
    for character in word:
        if character.isupper():
            kind = "X"
        elif character.isalpha():
            kind = "x"
        elif character.isdigit():
            kind = "d"
        else:
            kind = character
        if len(shape) >= run and all(previous == kind for previous in shape[-run:]):
            continue
        shape.append(kind)
    return "".join(shape)


def is_word(token: Token) -> bool:
    """Tell whether a token starts with a letter or digit, which makes it a word the model scores."""
    return token.text[0].isalnum()


def token_line_offsets(*, text: str, tokens: list[Token]) -> list[int]:
    """Return the offset of the line each token starts on."""
    offsets = []
    line_offset = 0
    next_break = text.find("\n")
    for token in tokens:
        while 0 <= next_break < token.start:
            line_offset = next_break + 1
            next_break = text.find("\n", line_offset)
        offsets.append(line_offset)
    return offsets


@dataclass(frozen=True)
class LineContext:
    """Position of a token in its line: first on the line, HL7 or X12 field, last label before it."""

    line_start: bool
    segment_field: str | None
    label: str | None


def line_contexts(*, text: str, tokens: list[Token], folded: list[str], line_offsets: list[int]) -> list[LineContext]:
    """Read each token's line position: HL7 segment and field, X12 segment and element, last label."""
    contexts = []
    line_offset = -1
    hl7_segment = x12_segment = label = None
    field = element = component = 0
    since_label = CONTEXT + 1
    last_word = None
    for index, token in enumerate(tokens):
        offset = line_offsets[index]
        first_on_line = offset != line_offset
        if first_on_line:
            line_offset = offset
            match = HL7_SEGMENT.match(text, offset)
            hl7_segment = match.group(1) if match else None
            x12_segment = None
            field = element = component = 0
            label = None
            since_label = CONTEXT + 1
        character = token.text
        if character == "|":
            field += 1
            component = 0
        elif character == "^":
            component += 1
        elif character == "~":
            x12_segment = None
            element = 0
        elif character == "*":
            element += 1
        elif x12_segment is None and (index + 1 < len(tokens) and tokens[index + 1].text == "*") and X12_SEGMENT.match(text, token.start):
            x12_segment = token.text
            element = 0

        segment_field = None
        if hl7_segment:
            segment_field = f"{hl7_segment}:{field}:{component}"
        elif x12_segment:
            segment_field = f"{x12_segment}:{element}"
        contexts.append(LineContext(line_start=first_on_line, segment_field=segment_field, label=label if since_label <= CONTEXT else None))

        since_label += 1
        if character in LABEL_MARKS and last_word is not None:
            label = last_word
            since_label = 0
        if is_word(token):
            last_word = folded[index]
        elif character not in "\"'":
            last_word = None
    return contexts


def fold_tokens(*, tokens: list[Token]) -> list[str]:
    """Return each token's folded form: name folding for words with a letter, lower case for the rest."""
    return [fold(token.text) if any(c.isalpha() for c in token.text) else token.text.lower() for token in tokens]


class TokenFeatures:
    """Feature strings for each token; the tagger's weights are keyed by them."""

    def __init__(self, *, lists: NameLists) -> None:
        self.lists = lists

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one instance lives for the process
    def list_flags(self, folded: str) -> str:
        """Return which name lists hold a folded word: G(iven), S(urname), C(ommon), B(locked)."""
        flags = ""
        if folded in self.lists.given:
            flags += "G"
        if folded in self.lists.surnames:
            flags += "S"
        if folded in self.lists.common:
            flags += "C"
        if folded in self.lists.blocked:
            flags += "B"
        return flags or "-"

    @staticmethod
    def line_cues(*, folded: list[str], line_offsets: list[int]) -> list[str]:
        """Return, per token, "PS", "P-", "-S" or "--": whether its line has a patient cue word and a staff cue word."""
        words_by_line: dict[int, set[str]] = {}
        for word, offset in zip(folded, line_offsets, strict=True):
            words_by_line.setdefault(offset, set()).add(word)

        marks_by_line = {}
        for offset, words in words_by_line.items():
            patient_mark = "P" if words & PATIENT_CUES else "-"
            staff_mark = "S" if words & STAFF_CUES else "-"
            marks_by_line[offset] = patient_mark + staff_mark
        return [marks_by_line[offset] for offset in line_offsets]

    def for_text(self, *, text: str, tokens: list[Token], first_person: bool) -> list[list[str] | None]:
        """Return the features of each word token, None for punctuation."""
        folded = fold_tokens(tokens=tokens)
        short_shapes = [word_shape(token.text, 1) for token in tokens]
        flags = [self.list_flags(word) for word in folded]
        line_offsets = token_line_offsets(text=text, tokens=tokens)
        contexts = line_contexts(text=text, tokens=tokens, folded=folded, line_offsets=line_offsets)
        line_cues = self.line_cues(folded=folded, line_offsets=line_offsets)
        seen: dict[str, int] = {}
        for word in folded:
            seen[word] = seen.get(word, 0) + 1
        count = len(tokens)

        # Neighbors past either end of the text read as EDGE. The features are
        # built by concatenation in one list literal, because in a cProfile
        # run this loop took most of the tagger's time.
        words = [EDGE] * CONTEXT + folded + [EDGE] * CONTEXT
        shapes = [EDGE] * CONTEXT + short_shapes + [EDGE] * CONTEXT
        marks = [EDGE] * CONTEXT + flags + [EDGE] * CONTEXT
        features: list[list[str] | None] = []
        for index, token in enumerate(tokens):
            if not is_word(token) or token.text in UNSCORED_WORDS:
                features.append(None)
                continue
            at = index + CONTEXT
            word = words[at]
            shape = shapes[at]
            cue = line_cues[index]
            row = [
                "bias",
                "w=" + word,
                "s=" + shape,
                "S=" + word_shape(token.text, 3),
                "L=" + marks[at],
                "sL=" + shape + marks[at],
                "pre=" + word[:3],
                "suf=" + word[-3:],
                LENGTHS[min(len(token.text), 12)],
                "w-2=" + words[at - 2],
                "w-1=" + words[at - 1],
                "w+1=" + words[at + 1],
                "w+2=" + words[at + 2],
                "s-3=" + shapes[at - 3],
                "s-2=" + shapes[at - 2],
                "s-1=" + shapes[at - 1],
                "s+1=" + shapes[at + 1],
                "s+2=" + shapes[at + 2],
                "s+3=" + shapes[at + 3],
                "L-3=" + marks[at - 3],
                "L-2=" + marks[at - 2],
                "L-1=" + marks[at - 1],
                "L+1=" + marks[at + 1],
                "L+2=" + marks[at + 2],
                "L+3=" + marks[at + 3],
                "w-1|w=" + words[at - 1] + "|" + word,
                "w-2|w-1=" + words[at - 2] + "|" + words[at - 1],
                "w|w+1=" + word + "|" + words[at + 1],
                "line_cues=" + cue,
                "line_cues=" + cue + ":" + shape,
            ]
            context = contexts[index]
            if context.line_start:
                row.append("line_start")
            elif words[at - 1] in SENTENCE_ENDS:
                # After a full stop every word is capitalized, so the capital is weaker evidence of a name.
                row.append("sentence_start:" + shape)
            if context.segment_field:
                row.append("field=" + context.segment_field)
                row.append("field=" + context.segment_field + ":" + shape)
            if context.label:
                row.append("label=" + context.label)
                row.append("label=" + context.label + ":" + shape)
            if seen[word] > 1:
                row.append("repeats:" + shape)
            if first_person:
                row.append("first_person")
                row.append("first_person:" + shape)
            features.append(row)
        return features


@dataclass(frozen=True)
class TaggerWeights:
    """A fitted logistic model: one weight per feature string (with "bias") and the accept thresholds.

    `name_threshold` applies to spans shaped like names, `other_threshold`
    to IDs, dates, usernames and contacts, whose false hits cost more
    (claim and transaction numbers look the same as account numbers).
    """

    weights: dict[str, float]
    name_threshold: float
    other_threshold: float
    trained_on: tuple[str, ...]

    def threshold_for(self, entity: str) -> float:
        """Return the probability a span of this type needs."""
        return self.name_threshold if entity == "PATIENT_NAME" else self.other_threshold

    def probability(self, features: list[str]) -> float:
        """Return the model's probability that a token is part of a patient identifier."""
        # map() and filter() run in C. Unknown features map to None and drop out.
        score = sum(filter(None, map(self.weights.get, features)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


WEIGHTS_FIX = f"set {WEIGHTS_ENVIRONMENT_VARIABLE} to a file written by `cliniqueue phi-tagger train --output`, or to off"


def configured_weights_path() -> Path | None:
    """Return the weights file CLINIQUEUE_PHI_TAGGER_WEIGHTS names, the shipped file when it is unset, None for "off"."""
    value = os.environ.get(WEIGHTS_ENVIRONMENT_VARIABLE, "").strip()
    if not value:
        return WEIGHTS_PATH
    if value.lower() == "off":
        return None
    return Path(value)


def save_weights(*, weights: TaggerWeights, path: Path = WEIGHTS_PATH) -> None:
    """Write the weights as gzipped JSON, rounded so the file stays small and diffs stay stable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "name_threshold": weights.name_threshold,
        "other_threshold": weights.other_threshold,
        "trained_on": list(weights.trained_on),
        "weights": {feature: round(value, 4) for feature, value in sorted(weights.weights.items())},
    }
    # An empty name and mtime=0 keep the file name and write time out of the
    # gzip header, so the same training data gives a byte-identical file.
    with path.open("wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", compresslevel=9, mtime=0) as compressed:
        compressed.write(json.dumps(document, separators=(",", ":")).encode("utf-8"))


def load_weights(*, path: Path = WEIGHTS_PATH) -> TaggerWeights:
    """Read the weights file written by `save_weights`."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        document = json.load(handle)
    return TaggerWeights(
        weights=document["weights"],
        name_threshold=float(document["name_threshold"]),
        other_threshold=float(document["other_threshold"]),
        trained_on=tuple(document["trained_on"]),
    )


FIRST_PERSON = regex.compile(r"(?i:\b(?:my|i'm|i am|me)\b)")
EMAIL_SHAPE = regex.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$")
PHONE_SHAPE = regex.compile(r"^(?:\+?1[ .-]?)?(?:\(?\d{3}\)?[ .-]?)?\d{3}[ .-]\d{4}$")
# "October 3rd": the tagger may take the day alone, which is a date, not a username.
ORDINAL_DAY = regex.compile(r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)")
# "November 23": a day number after a month name.
DAY_NUMBER = regex.compile(r"(?:0?[1-9]|[12]\d|3[01])")
MONTH_BEFORE = regex.compile(rf"(?i:\b{MONTH})[ \t]+$")
DATE_SHAPE = regex.compile(
    r"^(?:\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?|\d{4}-\d{2}-\d{2}|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))$"
)
NAME_SHAPE = regex.compile(r"^[\p{L}'’.-]+(?:[ \t,^]+[\p{L}'’.-]+)*$")
# Lower case with a digit or an inner dot or underscore: "jess.b.rivera", "bigmike_1975".
USERNAME_SHAPE = regex.compile(r"^(?=.*\p{Ll})(?=.*(?:\d|[\p{L}\d][._][\p{L}\d]))[\p{L}\d._-]+$")
BIRTH_CUE = regex.compile(r"(?i:dob|d\.o\.b|birth|born|bday)")
POSSESSIVE = regex.compile(r"(?<=\p{L}\p{L})['’]s$")
# Tokens that join the words of one span: spaces, a comma in "LEE, GRACE", a caret in "DOE^JANE".
NAME_JOINER = regex.compile(r"^(?:[ \t]+|[ \t]*,[ \t]*|\^)\Z")


def read_configured_weights(*, path: Path | None) -> TaggerWeights | None:
    """Load the weights a setting names; None when it is off or the shipped file is missing, ValueError when a named file is unusable."""
    if path is None:
        log.info("PHI tagger is off", extra={"setting": WEIGHTS_ENVIRONMENT_VARIABLE})
        return None
    try:
        return load_weights(path=path)
    except FileNotFoundError:
        if path != WEIGHTS_PATH:
            raise ValueError(f"PHI tagger weights {path} not found; {WEIGHTS_FIX}") from None
        log.warning("PHI tagger weights not found; the tagger is off", extra={"path": str(path)})
        return None
    except (OSError, ValueError, KeyError, TypeError) as error:
        # gzip and json report a damaged file as OSError or ValueError, a file of another shape as KeyError or TypeError.
        raise ValueError(f"PHI tagger weights {path} are unreadable ({type(error).__name__}); {WEIGHTS_FIX}") from None


def _is_date(*, text: str, start: int, value: str) -> bool:
    """Tell whether a tagged value is a date: a date shape, an ordinal day, or a day number after a month name."""
    if DATE_SHAPE.match(value) or ORDINAL_DAY.fullmatch(value):
        return True
    return DAY_NUMBER.fullmatch(value) is not None and MONTH_BEFORE.search(text, max(0, start - 12), start) is not None


def entity_for(*, text: str, start: int, end: int) -> str:
    """Name the placeholder type of a tagged span by its shape."""
    value = text[start:end]
    if EMAIL_SHAPE.match(value):
        return "EMAIL"
    if PHONE_SHAPE.match(value):
        return "PHONE"
    if _is_date(text=text, start=start, value=value):
        return "DOB" if BIRTH_CUE.search(text, max(0, start - 30), start) else "DATE_OF_SERVICE"
    if USERNAME_SHAPE.match(value) and sum(c.isalpha() for c in value) > sum(c.isdigit() for c in value):
        return "PORTAL_USERNAME"
    if NAME_SHAPE.match(value):
        return "PATIENT_NAME"
    return "PATIENT_ID"


@dataclass(frozen=True)
class TaggedSpan:
    """A run of tagged tokens, its placeholder type and its lowest token probability."""

    start: int
    end: int
    entity: str
    score: float


def tag_spans(*, text: str, weights: TaggerWeights, features: TokenFeatures) -> list[TaggedSpan]:
    """Score every word token and join accepted neighbors into spans typed by shape."""
    tokens = tokenize(text=text)
    rows = features.for_text(text=text, tokens=tokens, first_person=FIRST_PERSON.search(text) is not None)

    lowest = min(weights.name_threshold, weights.other_threshold)
    accepted: list[tuple[int, int, float]] = []
    for token, row in zip(tokens, rows, strict=True):
        if row is None:
            continue
        probability = weights.probability(row)
        if probability < lowest:
            continue
        if accepted and NAME_JOINER.match(text[accepted[-1][1] : token.start]) and NAME_SHAPE.match(token.text):
            previous_start, previous_end, previous_score = accepted[-1]
            # A possessive ends a name: "Bobby's refill" is a name and a word.
            if NAME_SHAPE.match(text[previous_start:previous_end]) and not POSSESSIVE.search(text, previous_start, previous_end):
                accepted[-1] = (previous_start, token.end, min(previous_score, probability))
                continue
        accepted.append((token.start, token.end, probability))

    # "Bobby's refill": the possessive ending stays in the text.
    accepted = [(start, end - 2 if POSSESSIVE.search(text, start, end) else end, score) for start, end, score in accepted]
    spans = [TaggedSpan(start=start, end=end, entity=entity_for(text=text, start=start, end=end), score=score) for start, end, score in accepted]
    return [span for span in spans if span.score >= weights.threshold_for(span.entity)]


class PhiTaggerRecognizer(LocalRecognizer):
    """Patient names, IDs, usernames, dates and contacts scored by the learned token tagger.

    See the module docstring for what it reads and where it stops. The
    weights load when the recognizer is built, from the file that
    `configured_weights_path()` names. Without the shipped file the
    recognizer reports nothing and logs a warning. A configured file that is
    missing or unreadable raises ValueError, and `None` turns the tagger off.
    """

    # Presidio drops a result that repeats or sits inside another of the
    # same entity type with a higher score. Under the rules' own type names a
    # tagger result could replace a rule's result and then fail the policy's
    # checks, so the tagger reports its own types and the policy maps them back.
    ENTITIES = [TAGGED_PREFIX + entity for entity in ("PATIENT_NAME", "PATIENT_ID", "PORTAL_USERNAME", "DOB", "DATE_OF_SERVICE", "PHONE", "EMAIL")]

    def __init__(self, *, weights_path: Path | None = WEIGHTS_PATH) -> None:
        self.weights_path = weights_path
        self.weights: TaggerWeights | None = None
        self.features: TokenFeatures | None = None
        super().__init__(supported_entities=self.ENTITIES, name=RECOGNIZER_NAME, supported_language="en")

    def load(self) -> None:
        """Read the weights and name lists, or disable the recognizer when it is off or the weights file is missing."""
        self.weights = read_configured_weights(path=self.weights_path)
        if self.weights is not None:
            self.features = TokenFeatures(lists=NameLists())

    def use_weights(self, weights: TaggerWeights | None) -> None:
        """Swap in other weights, as cross-validation does for each held-out file."""
        self.weights = weights
        if self.features is None:
            self.features = TokenFeatures(lists=NameLists())

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """Return one result per tagged span."""
        if self.weights is None or self.features is None:
            return []
        return [
            RecognizerResult(
                entity_type=TAGGED_PREFIX + span.entity,
                start=span.start,
                end=span.end,
                score=round(span.score, 3),
                analysis_explanation=None,
                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: self.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id},
            )
            for span in tag_spans(text=text, weights=self.weights, features=self.features)
            if TAGGED_PREFIX + span.entity in entities or not entities
        ]
