"""Regular expressions for the calendar dates that appear in tickets."""

MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)

MONTH_ABBREVIATION = r"(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"

# A full date: 04/12/1961, 3/3/50, 1961-04-12, 1961/4/12, 1961.04.12,
# 19610412, April 12, 1961, 12 Apr 1961, 12-Apr-1961 and the military 12APR1961.
FULL_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})(?!\d)"
    r"|\d{4}(?:-\d{1,2}-|/\d{1,2}/|\.\d{1,2}\.)\d{1,2}(?!\d)"
    rf"|\d{{1,2}}(?i:{MONTH_ABBREVIATION})\d{{2}}(?:\d{{2}})?(?!\d)"
    rf"|\d{{1,2}}-(?i:{MONTH_ABBREVIATION})-(?:\d{{4}}|\d{{2}})(?!\d)"
    r"|(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d)"
    rf"|(?i:{MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?i:{MONTH}),?\s+\d{{4}})"
)

# A date read aloud, as voicemail transcripts write it: "April ninth nineteen
# fifty-two", "the fifth of January nineteen sixty", "March 3rd, two thousand five".
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_ORDINAL_UNITS = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
SPOKEN_DAY = (
    rf"(?:(?:twenty|thirty)[- ]?(?:{_ORDINAL_UNITS})|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth"
    rf"|eighteenth|nineteenth|twentieth|thirtieth|{_ORDINAL_UNITS}|\d{{1,2}}(?:st|nd|rd|th)?)"
)
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
SPOKEN_YEAR = (
    rf"(?:nineteen[- ](?:(?:{_TENS})(?:[- ](?:{_UNITS}))?|oh[- ](?:{_UNITS})|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
    rf"|two[- ]thousand(?:[- ](?:and[- ])?(?:{_UNITS}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[- ](?:{_UNITS}))?))?"
    r"|(?:19|20)\d{2})"
)
# "thirty first dec nineteen ninety six" drops the "of".
SPOKEN_DATE = (
    rf"(?i:(?:the\s+)?{SPOKEN_DAY}\s+(?:of\s+)?{MONTH}|{MONTH}\s+(?:the\s+)?{SPOKEN_DAY})(?i:,?\s+{SPOKEN_YEAR})"
)
# A numeric date read aloud after a birth label: "eleven twelve eighty-one",
# "oh-three, fifteen, nineteen sixty". Month, day and year are number
# words, and the year has two digits or four. Without a label such words are
# too common to read as a date.
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_SPOKEN_MONTH_NUMBER = rf"(?:oh[- ]?(?:{_UNITS})|{_UNITS}|ten|eleven|twelve)"
_SPOKEN_DAY_NUMBER = rf"(?:(?:twenty|thirty)(?:[- ](?:{_UNITS}))?|{_TEENS}|oh[- ]?(?:{_UNITS})|{_UNITS})"
_SPOKEN_SHORT_YEAR = rf"(?:(?:{_TENS})(?:[- ](?:{_UNITS}))?|oh[- ](?:{_UNITS}))"
# Two digits read one by one: "one one" for 11, "oh five" for 05.
_SPOKEN_DIGIT_PAIR = rf"(?:oh|zero|{_UNITS})[ -](?:oh|zero|{_UNITS})"
SPOKEN_NUMERIC_DATE = (
    rf"(?i:(?:{_SPOKEN_DIGIT_PAIR}|{_SPOKEN_MONTH_NUMBER})[,\s]+(?:{_SPOKEN_DIGIT_PAIR}|{_SPOKEN_DAY_NUMBER})[,\s]+"
    rf"(?:{SPOKEN_YEAR}|{_SPOKEN_SHORT_YEAR}|{_SPOKEN_DIGIT_PAIR}))(?![\w-])"
)
# A day read aloud without its year: "March ninth", "the third of November".
SPOKEN_DAY_OF_MONTH = rf"(?i:(?:the\s+)?{SPOKEN_DAY}\s+of\s+{MONTH}|{MONTH}\s+(?:the\s+)?{SPOKEN_DAY})(?i:,?\s+{SPOKEN_YEAR})?"

# A date that may lack the year, as in "seen on 3/3" or "DOS 1/22". Only used
# after a label that ties it to a patient, because "since 3/4" is operational.
ANY_DATE = (
    rf"(?:{FULL_DATE}"
    r"|\d{1,2}/\d{1,2}(?![/\d])"
    r"|(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}(?![/\d])"
    rf"|(?i:{MONTH})\s+\d{{1,2}}(?:st|nd|rd|th)?(?![\d,])"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?i:{MONTH}))"
)
