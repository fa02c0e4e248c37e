"""Build the folded name lists that `phi.names` reads.

Run by hand, in a separate virtual environment that has the sources:

    python -m venv /tmp/namesvenv
    /tmp/namesvenv/bin/pip install faker==40.54.0 names==0.3.0 english-words==2.0.2
    /tmp/namesvenv/bin/python phi/name_lists/build.py

The service never imports this script or its sources; it reads only the
text files written here. Sources, all MIT licensed:
- Faker 40.54.0, person providers of every locale written in Latin letters,
  plus Russian and Ukrainian names transliterated from Cyrillic.
- names 0.3.0, which ships the 1990 US Census first-name and surname
  frequency files (public domain); the most frequent surnames are kept.
- english-words 2.0.2, whose `web2` list is Webster's Second International
  word list (public domain). A name that is also a lower-case dictionary
  word goes to common.txt, unless it is among the most frequent Census
  names; those frequent names that are everyday words anyway ("Will",
  "Grace", "Brown") are listed by hand in supplement_common.txt.
- supplement_given.txt and supplement_surnames.txt in this folder, written
  by hand for origins that Faker covers poorly (among them Korean, Arabic,
  Somali, Haitian, Polish, Vietnamese, Filipino, Armenian, Persian, Welsh,
  Pacific Island, West African, South Asian and Native American names),
  one section per origin.
"""

import importlib
import os
import unicodedata
from pathlib import Path

import faker
import names
from english_words import get_english_words_set

HERE = Path(__file__).resolve().parent
CENSUS_SURNAMES_KEPT = 25_000
# Census names this frequent count as names even when they are dictionary words.
CENSUS_FREQUENT_GIVEN = 1_000
CENSUS_FREQUENT_SURNAMES = 3_000
LATIN_LETTERS = set("abcdefghijklmnopqrstuvwxyz'-")
CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяієїґ",
        ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts",
         "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "ye", "yi", "g"],
        strict=True,
    )
)


def fold(*, word: str) -> str:
    """Lower-case a name and strip its accents: "Nguyễn" -> "nguyen"."""
    decomposed = unicodedata.normalize("NFKD", word.replace("’", "'").lower())
    stripped = "".join(character for character in decomposed if not unicodedata.combining(character))
    return stripped.replace("ł", "l").replace("ø", "o").replace("æ", "ae").replace("ß", "ss").replace("đ", "d").replace("ı", "i")


def transliterate(*, word: str) -> str:
    """Write a Cyrillic name in Latin letters the way US registration desks usually do."""
    return "".join(CYRILLIC.get(character, character) for character in word.lower())


def provider_values(*, provider: type, prefixes: tuple[str, ...]) -> set[str]:
    """Collect the string values of a Faker person provider's name attributes."""
    found: set[str] = set()
    for attribute in dir(provider):
        if not attribute.startswith(prefixes):
            continue
        value = getattr(provider, attribute)
        if callable(value) or isinstance(value, (str, property)):
            continue
        items = value.keys() if isinstance(value, dict) else value
        try:
            found.update(item for item in items if isinstance(item, str))
        except TypeError:
            continue
    return found


def faker_names() -> tuple[set[str], set[str]]:
    """Return folded given names and surnames from every Faker person locale."""
    given: set[str] = set()
    surnames: set[str] = set()
    locales_dir = Path(faker.__file__).parent / "providers" / "person"
    for locale in sorted(os.listdir(locales_dir)):
        if locale.startswith("_") or not (locales_dir / locale).is_dir():
            continue
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        cyrillic = locale in {"ru_RU", "uk_UA"}
        for target, prefixes in ((given, ("first_names", "first_romanized", "first_name_", "middle_names")), (surnames, ("last_names", "last_romanized", "last_name_"))):
            for value in provider_values(provider=provider, prefixes=prefixes):
                for part in value.split():
                    word = fold(word=transliterate(word=part) if cyrillic else part)
                    if len(word) >= 2 and set(word) <= LATIN_LETTERS:
                        target.add(word)
    return given, surnames


def census_names(*, limit_given: int | None = None, limit_surnames: int = CENSUS_SURNAMES_KEPT) -> tuple[set[str], set[str]]:
    """Return Census given names and surnames, most frequent first up to each limit, folded."""
    folder = Path(names.__file__).parent
    given = set()
    for file_name in ("dist.female.first", "dist.male.first"):
        lines = (folder / file_name).read_text().splitlines()[:limit_given]
        given.update(line.split()[0].lower() for line in lines if line.strip())
    surname_lines = (folder / "dist.all.last").read_text().splitlines()[:limit_surnames]
    return given, {line.split()[0].lower() for line in surname_lines if line.strip()}


def common_words(*, lexicon: set[str]) -> set[str]:
    """Return the names in `lexicon` that are everyday English words."""
    dictionary = {word for word in get_english_words_set(["web2"], lower=False) if word.islower()}
    frequent_given, frequent_surnames = census_names(limit_given=CENSUS_FREQUENT_GIVEN, limit_surnames=CENSUS_FREQUENT_SURNAMES)
    # web2 lists stems only, so "fails" and "oaks" count through "fail" and "oak".
    inflected = {word for word in lexicon if any(word.endswith(suffix) and word[: -len(suffix)] in dictionary for suffix in ("s", "es", "ed", "ing", "er", "ers"))}
    words = ((lexicon & dictionary) | inflected) - frequent_given - frequent_surnames
    return words | read_supplement(file_name="supplement_common.txt")


def read_supplement(*, file_name: str) -> set[str]:
    """Read a hand-written supplement, one name per line, '#' comments allowed."""
    lines = (HERE / file_name).read_text(encoding="utf-8").splitlines()
    return {fold(word=line.strip()) for line in lines if line.strip() and not line.startswith("#")}


def write_list(*, file_name: str, words: set[str], header: str) -> None:
    """Write one sorted, folded name per line under a provenance header."""
    body = "\n".join(sorted(words))
    (HERE / file_name).write_text(f"{header}\n{body}\n", encoding="utf-8")


def main() -> None:
    """Build given.txt, surnames.txt and common.txt."""
    faker_given, faker_surnames = faker_names()
    census_given, census_surnames = census_names()
    given = faker_given | census_given | read_supplement(file_name="supplement_given.txt")
    surnames = faker_surnames | census_surnames | read_supplement(file_name="supplement_surnames.txt")
    common = common_words(lexicon=given | surnames)
    header = "# Generated by phi/name_lists/build.py (sources and licenses in its docstring). Lower case, accents stripped."
    write_list(file_name="given.txt", words=given, header=header)
    write_list(file_name="surnames.txt", words=surnames, header=header)
    write_list(file_name="common.txt", words=common, header=header)
    print(f"given.txt: {len(given)}, surnames.txt: {len(surnames)}, common.txt: {len(common)} words")


if __name__ == "__main__":
    main()
