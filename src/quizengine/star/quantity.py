"""Which numbers in a result measure the outcome, and which only date it.

Spec §2 `quantified_result`: a digit or number word counts unless it is only a date or the time
at which something happened. Each number is judged by its neighbours in its own sentence, so
one pass over the words decides (linear time):

- a year, 1900-2099 (optionally "2023's"), after a dating word ("in 2023", "since 2019",
  "March 2024") or opening the sentence;
- a number next to a month name ("3 March", "March 3rd");
- a clock time ("5pm", "9 am", "6 o'clock") or a quarter ("Q3");
- "double" or "triple" checking ("double-check", "triple checked"): checking again measures
  nothing;
- a number of time units that says when, not how much: after a timing word ("after two
  weeks", "until two years ago") or before one ("two weeks later", "3 months ago"). "Cut
  hiring time by two weeks", "two weeks early" and "within ten days" measure.

Mirrored in `client/star.js` (`dates`, `measures`), with the word lists copied verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .text import DIGIT_RE, Sentence, fold

# Spec §2's number words, kept as one string so star.js can carry the identical list, and
# "doubled", "tripled", "halved": "sign-ups doubled" measures the outcome as "twice as many" does.
NUMBER_WORDS_SPEC = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    "|sixteen|seventeen|eighteen|nineteen|twenty|hundred|thousand|million|half|double|twice"
    "|triple|doubled|tripled|halved"
)
NUMBER_WORDS = frozenset(NUMBER_WORDS_SPEC.split("|"))
MONTHS_SPEC = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# Words before a year that make it a date: "in 2023", "spring 2024", "early 2019".
YEAR_BEFORE_SPEC = (
    "in|since|until|till|during|from|by|before|after|around|early|late|mid|spring|summer"
    "|autumn|fall|winter"
)
TIME_UNITS_SPEC = (
    "second|seconds|minute|minutes|hour|hours|day|days|week|weeks|fortnight|fortnights|month"
    "|months|quarter|quarters|year|years|decade|decades"
)
# "after two weeks", "until two years ago": when it happened. Not "in" or "within": "it
# passed in two days" and "their first change within ten days" measure how fast.
WHEN_BEFORE_SPEC = "after|during|until|till|since"
# "two weeks later", "3 months ago". Not "earlier" or "before": "two weeks early" measures.
WHEN_AFTER_SPEC = "later|ago|after|afterwards|afterward"
CLOCK_SPEC = "am|pm|o'clock"
# "double-check", "double check", "triple-checked": a number word that only says "again".
AGAIN_SPEC = "double|triple"

MONTHS = frozenset(MONTHS_SPEC.split("|"))
YEAR_BEFORE = frozenset(YEAR_BEFORE_SPEC.split("|")) | MONTHS
TIME_UNITS = frozenset(TIME_UNITS_SPEC.split("|"))
WHEN_BEFORE = frozenset(WHEN_BEFORE_SPEC.split("|"))
WHEN_AFTER = frozenset(WHEN_AFTER_SPEC.split("|"))
CLOCK = frozenset(CLOCK_SPEC.split("|"))
AGAIN = frozenset(AGAIN_SPEC.split("|"))
YEAR_RE = re.compile(r"(?:19|20)[0-9]{2}(?:'s)?")
ORDINAL_RE = re.compile(r"[0-9]+(?:st|nd|rd|th)?")
CLOCK_RE = re.compile(r"[0-9]{1,2}(?:am|pm)|q[1-4]")


def is_number_word(token: str) -> bool:
    """A number word as the whole word or one hyphen-separated piece ("twenty-five")."""
    return not NUMBER_WORDS.isdisjoint(piece.strip("'") for piece in fold(token).split("-"))


def is_quantity(token: str) -> bool:
    return DIGIT_RE.search(token) is not None or is_number_word(token)


def rechecks(bare: Sequence[str], index: int) -> bool:
    """Whether the word at `index` is "double" or "triple" checking: "double-check(ed)" as one
    word, or "double" then "check", "checked", "checking"… as the next word."""
    pieces = bare[index].split("-")
    if pieces[0] not in AGAIN:
        return False
    then = pieces[1] if len(pieces) > 1 else bare[index + 1] if index + 1 < len(bare) else ""
    return then.startswith("check")


def dates(bare: Sequence[str], index: int) -> bool:
    """Whether the number at `index` (of folded, quote-stripped words) only dates an event."""
    word = bare[index]
    before = bare[index - 1] if index else ""
    after = bare[index + 1] if index + 1 < len(bare) else ""
    if YEAR_RE.fullmatch(word) and (not before or before in YEAR_BEFORE):
        return True
    if ORDINAL_RE.fullmatch(word) and (before in MONTHS or after in MONTHS):
        return True
    if CLOCK_RE.fullmatch(word) or (ORDINAL_RE.fullmatch(word) and after in CLOCK):
        return True
    if after in TIME_UNITS:
        then = bare[index + 2] if index + 2 < len(bare) else ""
        return before in WHEN_BEFORE or then in WHEN_AFTER
    return False


def measures(sentences: Sequence[Sentence]) -> tuple[str | None, str | None]:
    """The first number that measures the outcome, and the first that only dates it."""
    dating: str | None = None
    for sentence in sentences:
        bare = [fold(word).strip("'-") for word in sentence.words]
        for index, word in enumerate(sentence.words):
            if not is_quantity(word) or rechecks(bare, index):
                continue
            if not dates(bare, index):
                return word, dating
            dating = dating or word
    return None, dating
