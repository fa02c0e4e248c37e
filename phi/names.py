"""Person names found by name lists, for names the small NER model misses.

en_core_web_sm tags few names outside US and Western European use and
none written in one case ("abdullahi hassan", "HOANG VAN MINH"). This
recognizer reads runs of words against lists of given names and surnames
of many origins (`phi/name_lists/`, built by its `build.py`). Its results
are guesses: the policy sends each one through the same staff checks as
spaCy's names, so "Dr. Hassan" and a signature stay.
"""

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import regex
from presidio_analyzer import LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from phi.base import named_pattern_result
from phi.recognizers import COMMON_WORDS, INSTITUTION_WORDS, RELIGIOUS_TITLES, PatientNameRecognizer

LISTS_DIR = Path(__file__).with_name("name_lists")
# Words inside a name that are in neither list: "Ahmed bin Khalid", "Maria de la Cruz".
PARTICLES = frozenset({"bin", "binti", "bint", "ibn", "al", "el", "de", "del", "della", "la", "le", "da", "dos", "das", "van", "von", "der", "den", "ter", "y", "st"})
# Credentials, units and screen words that are also names somewhere ("Ma", "Er", "Pa").
NEVER_NAMES = frozenset(
    {
        "ma", "md", "do", "pa", "np", "rn", "er", "ed", "or", "icu", "ob", "gyn", "ent", "pt", "ot", "it", "hr", "ceo", "cfo", "cio", "ai",
        "dob", "mrn", "ssn", "dos", "eob", "era", "eft", "npi", "tin", "ehr", "emr", "api", "adt", "oru", "orm", "pid", "msh", "hl", "fhir",
        "epic", "cerner", "athena", "portal", "chart", "patient", "doctor", "nurse", "clinic", "hospital", "team", "desk", "front",
        "billing", "support", "thanks", "thank", "regards", "best", "hi", "hello", "dear", "urgent", "please", "kind", "sir", "madam",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may",
        "june", "july", "august", "september", "october", "november", "december", "today", "tomorrow", "yesterday", "tonight",
        # Signature and roster words after a comma: "Olusegun Bakare, Telehealth", "Fashola,Resident PGY1".
        "telehealth", "telemedicine", "resident", "attending", "hospitalist", "fellow", "intern", "locum", "paralegal", "counsel",
        "scribe", "clerk", "auditor", "consultant",
    }
)
# Words that make a listed name a place or a product: "Santa Rosa", "Rio Grande", "Welch Allyn".
PLACE_WORDS = frozenset(
    {
        "santa", "san", "santo", "rio", "los", "las", "fort", "port", "mount", "mt", "lake", "new", "north", "south", "east", "west",
        "ave", "avenue", "st", "rd", "blvd", "dr", "ln", "ct", "pl", "pkwy", "hwy", "vista", "foothills", "heights", "springs", "village",
        "plaza", "square", "terrace", "county", "city", "beach", "bay", "harbor", "meadows", "woods", "falls", "crossing",
    }
)
# A word shaped like a surname: capitalized, three letters or more ("Achterberg", "Ruiz-Park").
TITLE_SURNAME_SHAPE = regex.compile(r"^\p{Lu}\p{Ll}{2,}(?:[-'’]\p{Lu}?\p{Ll}+)*$")
# Products, companies and programs named after people ("Ryan White" is an HIV care program).
PRODUCT_NAMES = frozenset({"welch allyn", "hill rom", "becton dickinson", "johnson johnson", "stryker", "baxter", "ryan white", "wells fargo"})
# A quote before a word opens a quotation ("'LEE JUNG'"); after a letter it is inside a name ("O'Neill").
WORD = regex.compile(r"(?<![\p{L}\p{N}_@./-])(?<!\p{L}['’])\p{L}(?:\p{L}|['’](?=\p{L}))*(?:-\p{L}(?:\p{L}|['’](?=\p{L}))*)*(?![\p{L}\p{N}_@/])")
RELATIVE_NOUNS = frozenset(
    {"mom", "dad", "mother", "father", "son", "daughter", "sister", "brother", "wife", "husband", "grandma", "grandpa", "grandson",
     "granddaughter", "aunt", "uncle", "niece", "nephew", "stepson", "stepdaughter", "guardian", "widow", "widower", "fiance", "fiancee"}
)
# An HL7 name in any field, family^given^middle: a misplaced IN1-16 or an unknown
# segment. Provider names (XCN) start with an ID ("4471^NAIR^SUNIL") and do not match.
CARET_NAME = regex.compile(r"(?<=[|~]|^)(?P<family>[A-Za-z][A-Za-z'-]+)\^(?P<given>[A-Za-z][A-Za-z'-]+)(?:\^[A-Za-z'.-]*){0,3}(?=[|~\r\n]|$)", regex.MULTILINE)
# A lone capitalized first name that closes a ticket, after a dash or on its own
# line, with at most a relation in brackets and a phone number after it.
CLOSING_GIVEN_NAME = regex.compile(
    r"(?:(?:^|\n)[ \t]*|(?:--|[–—~]|-(?=\s))[ \t]*|(?<=[.!?])[ \t]+)(?P<name>\p{Lu}\p{Ll}{2,})[ \t]*(?:\([a-z ]{2,20}\))?[ \t,]*(?:\(?\d{3}\)?[-. ]?)?(?:\d{3}-\d{4})?[ \t.]*\Z"
)
PATIENT_LABELS = frozenset({"patient", "pt", "patients", "pts", "guarantor", "client"})
FAMILY_NOUNS = frozenset({"family", "families", "kids", "children", "twins", "household", "siblings", "boys", "girls"})
TITLE_WORD = regex.compile(r"^\p{Lu}\p{Ll}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*$|^(?:Mc|Mac|O['’])\p{Lu}\p{Ll}+$")
# Only spaces or tabs may join the words of one name; a comma joins "Last, First".
NAME_GAP = regex.compile(r"[ \t]+")
LAST_FIRST_GAP = regex.compile(r",[ \t]*")


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower-case a word, strip accents, apostrophes and hyphens: "O'Néill" -> "oneill"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    stripped = "".join(character for character in decomposed if not unicodedata.combining(character))
    for before, after in (("ł", "l"), ("ø", "o"), ("æ", "ae"), ("ß", "ss"), ("đ", "d"), ("ı", "i")):
        stripped = stripped.replace(before, after)
    return regex.sub(r"['’-]", "", stripped)


@functools.cache
def load_list(*, file_name: str) -> frozenset[str]:
    """Read one folded name list; lines starting with '#' are comments."""
    lines = (LISTS_DIR / file_name).read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line.strip()) for line in lines if line.strip() and not line.startswith("#"))


@dataclass(frozen=True)
class Word:
    """One word of the text with its folded form."""

    start: int
    end: int
    text: str
    folded: str


class NameLists:
    """Given names, surnames and the names that are also everyday words."""

    def __init__(self) -> None:
        self.given = load_list(file_name="given.txt")
        self.surnames = load_list(file_name="surnames.txt")
        blocked = COMMON_WORDS | INSTITUTION_WORDS | NEVER_NAMES | PLACE_WORDS | {word.lower() for word in PatientNameRecognizer.NOT_NAMES}
        self.blocked = frozenset(fold(word) for word in blocked)
        self.common = load_list(file_name="common.txt")

    def parts(self, word: Word) -> list[str]:
        """Return the folded forms to look up: the word, then its hyphenated parts when each is a listed name.

        "Halvorsen-Aziz" counts through "aziz"; "sign-in" does not, because "sign" is in neither list.
        """
        if "-" not in word.text:
            return [word.folded]
        pieces = [fold(piece) for piece in word.text.split("-") if piece]
        listed = all(piece in self.given or piece in self.surnames for piece in pieces) and not any(piece in self.blocked for piece in pieces)
        return [word.folded] + (pieces if len(pieces) > 1 and listed else [])

    def is_given(self, word: Word) -> bool:
        """Tell whether a word, or a part of a hyphenated word, is a given name."""
        return any(part in self.given for part in self.parts(word))

    def is_surname(self, word: Word) -> bool:
        """Tell whether a word, or a part of a hyphenated word, is a surname."""
        return any(part in self.surnames for part in self.parts(word))

    def is_name(self, word: Word) -> bool:
        """Tell whether a word can be part of a name at all."""
        return word.folded not in self.blocked and (self.is_given(word) or self.is_surname(word))

    def is_common(self, word: Word) -> bool:
        """Tell whether a name word is also an everyday English word ("will", "brown")."""
        return word.folded in self.common


def case_style(words: list[Word]) -> str | None:
    """Return "title", "lower" or "upper" when all words share it, else None.

    Particles may stay in lower case inside a title-case name ("Ahmed bin Khalid").
    """
    core = [word.text for word in words if word.folded not in PARTICLES]
    if not core:
        return None
    if all(text.isupper() and len(text) >= 2 for text in core):
        return "upper"
    if all(text.islower() for text in core):
        return "lower"
    # Particles are lower case ("bin", "de") or capitalized ("Van" in "Nguyen Van Minh").
    particles_ok = all(word.text.islower() or TITLE_WORD.match(word.text) for word in words if word.folded in PARTICLES)
    if all(TITLE_WORD.match(text) for text in core) and particles_ok:
        return "title"
    return None


def has_given_and_surname(*, lists: NameLists, words: list[Word]) -> bool:
    """Tell whether one word is a given name and another a surname."""
    named = [word for word in words if word.folded not in PARTICLES]
    return any(
        lists.is_given(given) and lists.is_surname(surname) for given in named for surname in named if given is not surname
    )


class ListedNameRecognizer(LocalRecognizer):
    """Two to four words that the name lists read as a given name and a surname.

    Title case ("Kazimierz Pawlak", "Vu Thi Mai", "Ahmed bin Khalid
    Al-Mansouri"): every word is a listed name or a particle, one is a given
    name and another a surname, and at least one is not an everyday word,
    so "Will Call" and "Grace Hall" stay.
    One case ("abdullahi hassan", "PHAM QUOC BAO"): two or three listed
    words, none of them an everyday word, so "mark brown" is missed.
    "Last, First" ("Wiśniewska, Agnieszka", "kim, soo-jin", "ABDEL-RAHMAN,
    Youssef"): a surname, a comma, a given name, neither an everyday word.
    An HL7 name field whose first two components are a listed surname and
    given name ("|VILLANUEVA^ROSALINDA^M|") is read as a name in any segment.
    A listed given name right after a relative word ("their dad ahmed",
    "grandma rosa") is read as a name.
    A listed surname between "the" and a household word ("the kowalski
    family", "the Hassan kids") is read as a name too.
    A listed given name before an unlisted capitalized word ("Tatiana
    Achterberg") is read as a name too, since surnames vary far more than
    given names.
    Limits: names from origins missing from the lists, and names whose
    words are all everyday words, are missed. A listed name of a product or
    place ("Jackson Memorial" with an institution word excepted) can be
    removed. The policy separates staff names from patient names afterwards.
    """

    ENTITY = "PATIENT_NAME"
    SCORE = 0.5

    def __init__(self, *, supported_language: str = "en") -> None:
        self._lists: NameLists | None = None
        super().__init__(supported_entities=[self.ENTITY], supported_language=supported_language, name=type(self).__name__)

    def load(self) -> None:
        """Read the name lists once."""
        self._lists = NameLists()

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """Return one result per name found in a run of words."""
        lists = self._lists or NameLists()
        results = [
            self._result(start=match.start(), end=match.end(), pattern_name="caret name")
            for match in CARET_NAME.finditer(text)
            if self._is_caret_name(match=match, lists=lists)
        ]
        results.extend(self._result(start=start, end=end, pattern_name="closing given name") for start, end in self._closing_given_names(text=text, lists=lists))
        words = [Word(start=m.start(), end=m.end(), text=m.group(), folded=fold(m.group())) for m in WORD.finditer(text)]
        index = 0
        while index < len(words):
            found = self._name_at(text=text, words=words, index=index, lists=lists)
            if found is None:
                index += 1
                continue
            pattern_name, length = found
            results.append(self._result(start=words[index].start, end=words[index + length - 1].end, pattern_name=pattern_name))
            index += length
        return results

    @staticmethod
    def _is_caret_name(*, match: regex.Match, lists: NameLists) -> bool:
        """Tell whether an HL7 name field such as "VILLANUEVA^ROSALINDA^M" starts with a listed surname and given name."""
        surname = Word(start=0, end=0, text=match.group("family"), folded=fold(match.group("family")))
        given = Word(start=0, end=0, text=match.group("given"), folded=fold(match.group("given")))
        return lists.is_surname(surname) and lists.is_given(given) and not (lists.is_common(surname) and lists.is_common(given))

    @staticmethod
    def _closing_given_names(*, text: str, lists: NameLists) -> list[tuple[int, int]]:
        """Return a lone listed given name that closes the ticket ("-- Omar", "Leila (daughter) 555-0191")."""
        match = CLOSING_GIVEN_NAME.search(text)
        if match is None:
            return []
        word = Word(start=match.start("name"), end=match.end("name"), text=match.group("name"), folded=fold(match.group("name")))
        if not lists.is_given(word) or word.folded in lists.blocked:
            return []
        return [(word.start, word.end)]

    def _name_at(self, *, text: str, words: list[Word], index: int, lists: NameLists) -> tuple[str, int] | None:
        """Return (pattern name, word count) of the longest name starting at `index`, or None."""
        if not lists.is_name(words[index]):
            return None

        found = self._relative_or_household(text=text, words=words, index=index, lists=lists)
        if found is None:
            found = self._last_first(text=text, words=words, index=index, lists=lists)
        if found is None:
            found = self._word_run(text=text, words=words, index=index, lists=lists)
        return found

    @staticmethod
    def _relative_or_household(*, text: str, words: list[Word], index: int, lists: NameLists) -> tuple[str, int] | None:
        """Return a one-word name after a relative word or inside "the ... family"."""
        word = words[index]
        before = words[index - 1] if index > 0 else None
        after = words[index + 1] if index + 1 < len(words) else None

        # "their dad ahmed", "my daughter priya": a relative's given name in any case.
        alone = after is None or not NAME_GAP.fullmatch(text[word.end : after.start]) or not lists.is_name(after)
        if (
            before is not None
            and before.folded in RELATIVE_NOUNS
            # "Sister Agnes", "Father Michael": a capitalized religious title, not a relative.
            and text[before.start : before.end] not in RELIGIOUS_TITLES
            and NAME_GAP.fullmatch(text[before.end : word.start])
            and lists.is_given(word)
            and not lists.is_common(word)
            and alone
        ):
            return "relative given name", 1

        # "the kowalski family", "the Hassan kids": a surname that names a household.
        if (
            before is not None
            and before.folded == "the"
            and after is not None
            and after.folded in FAMILY_NOUNS
            and lists.is_surname(word)
            and not lists.is_common(word)
        ):
            return "family surname", 1
        return None

    @staticmethod
    def _last_first(*, text: str, words: list[Word], index: int, lists: NameLists) -> tuple[str, int] | None:
        """Return a "Last, First" or "Last Last, First" name starting at `index`."""
        # "GARCIA LOPEZ, ESPERANZA": two surnames, as Hispanic registrations write them.
        triple = words[index : index + 3]
        if (
            len(triple) == 3
            and NAME_GAP.fullmatch(text[triple[0].end : triple[1].start])
            and LAST_FIRST_GAP.fullmatch(text[triple[1].end : triple[2].start])
            and case_style(triple) in ("upper", "title")
            and lists.is_surname(triple[0])
            and lists.is_surname(triple[1])
            and lists.is_given(triple[2])
            and lists.is_name(triple[1])
            and lists.is_name(triple[2])
            and not all(lists.is_common(word) for word in triple)
        ):
            return "last first", 3

        pair = words[index : index + 2]
        if len(pair) < 2 or not LAST_FIRST_GAP.fullmatch(text[pair[0].end : pair[1].start]):
            return None
        # Registration screens write "ABDEL-RAHMAN, Youssef": surname in capitals, given name in title case.
        style = case_style(pair) or (case_style(pair[:1]) == "upper" and case_style(pair[1:]) == "title")
        if style and lists.is_surname(pair[0]) and lists.is_given(pair[1]) and lists.is_name(pair[1]) and not any(map(lists.is_common, pair)):
            return "last first", 2

        # "Ogunleye, Folasade": a listed surname that is never a given name
        # (so not "Keith, Clinical Systems"), then an unlisted word in title case.
        unlisted_given = TITLE_SURNAME_SHAPE.match(pair[1].text) and not lists.is_name(pair[1]) and pair[1].folded not in lists.blocked
        surname_only = lists.is_surname(pair[0]) and not lists.is_given(pair[0]) and not lists.is_common(pair[0])
        if style == "title" and surname_only and unlisted_given and not lists.is_common(pair[1]):
            return "last first", 2
        return None

    def _word_run(self, *, text: str, words: list[Word], index: int, lists: NameLists) -> tuple[str, int] | None:
        """Return the longest run of two to four listed words that reads as a name."""
        run = [words[index]]
        for word in words[index + 1 : index + 4]:
            if not NAME_GAP.fullmatch(text[run[-1].end : word.start]):
                break
            run.append(word)

        # After "patient" one everyday word may stay: "patient hyun-woo park".
        after_label = index > 0 and words[index - 1].folded in PATIENT_LABELS
        for length in range(len(run), 1, -1):
            candidate = run[:length]
            if candidate[-1].folded in PARTICLES:
                continue
            if not all(word.folded in PARTICLES or lists.is_name(word) for word in candidate):
                continue
            style = case_style(candidate)
            if style is None or not has_given_and_surname(lists=lists, words=candidate):
                continue
            if " ".join(word.folded for word in candidate) in PRODUCT_NAMES:
                return None
            common = [lists.is_common(word) for word in candidate if word.folded not in PARTICLES]
            if style == "title" and not all(common):
                return "title case", length
            if style in ("lower", "upper") and length <= 3 and (not any(common) or (after_label and not all(common))):
                return "one case", length
        return self._given_then_unlisted(words=run, lists=lists)

    @staticmethod
    def _given_then_unlisted(*, words: list[Word], lists: NameLists) -> tuple[str, int] | None:
        """Return ("given first", 2) for a listed given name before an unlisted capitalized word.

        Surnames are far more varied than given names, so "Tatiana Achterberg"
        is read as a name when "Tatiana" is a listed given name that is not an
        everyday word and "Achterberg" is no listed, blocked or everyday word.
        """
        if len(words) < 2:
            return None
        given, surname = words[0], words[1]
        if case_style([given]) != "title" or not lists.is_given(given) or lists.is_common(given):
            return None
        if not TITLE_SURNAME_SHAPE.match(surname.text) or surname.folded in lists.blocked or lists.is_common(surname) or lists.is_name(surname):
            return None
        return "given first", 2

    def _result(self, *, start: int, end: int, pattern_name: str) -> RecognizerResult:
        return named_pattern_result(recognizer=self, entity=self.ENTITY, start=start, end=end, score=self.SCORE, pattern_name=pattern_name)
