"""A Presidio recognizer that reports the `value` group of labeled patterns."""

from dataclasses import dataclass

import regex
from presidio_analyzer import AnalysisExplanation, LocalRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

# Joins values in a list or range after one label: "MRNs 5520193 and 5520913",
# "MRN 5520193 instead of 5520913", "DOS 03/01/2024 through 03/15/2024".
LIST_JOINER = (
    r"\s*(?:,\s*(?:and\s+|or\s+)?|;\s*|/\s*|&\s*|\band\s+|\bor\s+|\binstead\s+of\s+|\bvs\.?\s+|\bnot\s+"
    # "prior MRN 5500132 -> surviving 5500987".
    r"|\bthrough\s+|\bthru\s+|\bto\s+|\binto\s+|(?:-+>|→|=>)\s*(?:(?:surviving|new|correct|old|target)\s+)?|[-–]\s*"
    # "was entered as MCD4410293 but card says MCD4410239".
    r"|\bbut\s+(?:the\s+)?(?:card|it|plan|payer|system|chart)\s+(?:says|shows|reads|has)\s+)"
)
# A claim adjustment group and reason code ("CO-50", "PR-3"): the denial, never a patient's ID,
# even right after one ("member id UHC-70019283, CO-50 not medically necessary").
CLAIM_ADJUSTMENT_CODE_PATTERN = r"(?:CO|PR|OA|PI|CR)-?\d{1,3}[A-Z]?"
CLAIM_ADJUSTMENT_CODE = regex.compile(CLAIM_ADJUSTMENT_CODE_PATTERN)


@dataclass(frozen=True)
class LabeledPattern:
    """A named regular expression whose `value` group is the reported span."""

    name: str
    pattern: str
    score: float
    # Regex of one more value after LIST_JOINER; None reports only the first value.
    list_value: str | None = None


class LabeledValueRecognizer(LocalRecognizer):
    """Report the `value` group of each pattern, never the label around it.

    Presidio's PatternRecognizer reports the whole match, so a label such as
    "MRN:" would be redacted with its value and the classifier would lose the
    word. Patterns here are compiled once, case-sensitive unless they use
    `(?i:...)`, with the `regex` module that Presidio also uses.
    """

    ENTITY = ""
    PATTERNS: tuple[LabeledPattern, ...] = ()

    def __init__(self, *, supported_language: str = "en") -> None:
        self._compiled = [
            (
                labeled,
                regex.compile(labeled.pattern, regex.MULTILINE),
                regex.compile(LIST_JOINER + f"(?P<value>{labeled.list_value})", regex.MULTILINE)
                if labeled.list_value
                else None,
            )
            for labeled in self.PATTERNS
        ]
        super().__init__(
            supported_entities=[self.ENTITY],
            supported_language=supported_language,
            name=type(self).__name__,
        )

    def load(self) -> None:
        """Load nothing: the patterns were compiled in the constructor."""

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        """Return one result per `value` span, including listed follow-on values."""
        results: list[RecognizerResult] = []
        for labeled, compiled, list_compiled in self._compiled:
            for match in compiled.finditer(text):
                start, end = match.span("value")
                if start < 0:
                    continue
                if not self.accept(text=text, start=start, end=end, pattern_name=labeled.name):
                    # "Also Tamsin Oduya (bed 4E-02)": a value may be taken again without a stray first word.
                    start = self.trimmed_start(text=text, start=start, end=end)
                    if start is None or not self.accept(text=text, start=start, end=end, pattern_name=labeled.name):
                        continue
                results.append(self._result(labeled=labeled, start=start, end=end))
                if list_compiled is None:
                    continue
                position = end
                while True:
                    more = list_compiled.match(text, position)
                    if more is None or CLAIM_ADJUSTMENT_CODE.fullmatch(more.group("value")):
                        break
                    results.append(self._result(labeled=labeled, start=more.start("value"), end=more.end("value")))
                    position = more.end("value")
        return results

    def accept(self, *, text: str, start: int, end: int, pattern_name: str) -> bool:
        """Return False to drop a match; subclasses check what a regex cannot."""
        return True

    def trimmed_start(self, *, text: str, start: int, end: int) -> int | None:
        """Return a later start for a rejected value to be checked again, or None to drop it. Subclasses decide."""
        return None

    def _result(self, *, labeled: LabeledPattern, start: int, end: int) -> RecognizerResult:
        return named_pattern_result(recognizer=self, entity=self.ENTITY, start=start, end=end, score=labeled.score, pattern_name=labeled.name)


def named_pattern_result(*, recognizer: LocalRecognizer, entity: str, start: int, end: int, score: float, pattern_name: str) -> RecognizerResult:
    """Build a result whose explanation names the pattern, which the policy reads as "Recognizer:pattern"."""
    explanation = AnalysisExplanation(
        recognizer=recognizer.name,
        original_score=score,
        pattern_name=pattern_name,
        textual_explanation=f"{recognizer.name}: {pattern_name}",
    )
    return RecognizerResult(
        entity_type=entity,
        start=start,
        end=end,
        score=score,
        analysis_explanation=explanation,
        recognition_metadata={
            RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name,
            RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
        },
    )
