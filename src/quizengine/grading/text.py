"""short_text: normalised, exact or regex matching; the best-scoring matching answer wins."""

from __future__ import annotations

import logging
import re
import unicodedata
from functools import lru_cache

import regex
from rapidfuzz.distance import Levenshtein

from ..models import QuestionResult, ShortTextQuestion, TextAnswer
from .common import finish, require_str

_SPACE_RUN = re.compile(r"\s+")


def _is_edge(char: str) -> bool:
    return char.isspace() or unicodedata.category(char).startswith("P")


def normalize(text: str) -> str:
    """NFKC, casefold, collapse whitespace, strip punctuation and space at both ends."""
    text = _SPACE_RUN.sub(" ", unicodedata.normalize("NFKC", text).casefold().strip())
    start, end = 0, len(text)
    while start < end and _is_edge(text[start]):
        start += 1
    while end > start and _is_edge(text[end - 1]):
        end -= 1
    return text[start:end]


# An author's pattern such as `(\w+\s?)+ principle` backtracks for minutes on a 31-character
# answer. The `regex` package (a drop-in for `re`) can stop a match after a time limit; a
# match that runs out of time counts as no match and is logged for the author.
REGEX_TIMEOUT = 0.1  # seconds; a sane pattern answers in microseconds
log = logging.getLogger("quizengine.grading")


@lru_cache(maxsize=1024)
def _pattern(source: str) -> regex.Pattern[str]:
    return regex.compile(source, regex.IGNORECASE | regex.VERSION0)


def regex_fullmatch(source: str, given: str) -> bool:
    try:
        return _pattern(source).fullmatch(given, timeout=REGEX_TIMEOUT) is not None
    except TimeoutError:
        log.warning(
            "quizengine: warning: the pattern %r took more than %g s on a %d-character answer "
            "and counts as no match; rewrite it without nested quantifiers such as (a+)+",
            source,
            REGEX_TIMEOUT,
            len(given),
        )
        return False


def _matches(question: ShortTextQuestion, expected: TextAnswer, given: str) -> bool:
    if question.match == "exact":
        return given.strip() == expected.text.strip()
    if question.match == "regex":
        return regex_fullmatch(expected.text, given.strip())
    distance = Levenshtein.distance(
        normalize(given), normalize(expected.text), score_cutoff=question.typo_tolerance
    )
    return distance <= question.typo_tolerance


def grade_short_text(question: ShortTextQuestion, answer: object) -> QuestionResult:
    given = require_str(answer)
    best: TextAnswer | None = None
    for expected in question.answers:
        if (best is None or expected.score > best.score) and _matches(question, expected, given):
            best = expected
    if best is None:
        return finish(question, "short_text", 0.0)
    return finish(question, "short_text", best.score, [best.feedback])
