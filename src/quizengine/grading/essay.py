"""text: a free response the learner writes and then rates against the author's rubric.

No machine can tell whether an essay is good, so the learner ticks the rubric criteria their
answer meets (`met`), after comparing it with the example answer. A self-rating alone is not
evidence, so the ticks count only for an answer of at least `min_words` words, the one thing
the engine checks: a blank or token answer scores 0 whatever is ticked. Without `met` the
answer is written but not yet rated: it scores 0 and says `needs_self_review`, as a STAR
answer does. `client/text.js` is the same rules in the browser.
"""

from __future__ import annotations

import re

from ..models import QuestionResult, TextQuestion
from ..star.text import words
from .common import InvalidAnswer, finish, json_type

_KEYS = ("text", "met")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")  # JavaScript: /[\p{L}\p{N}]/u


def word_count(text: str) -> int:
    """STAR's words (runs of letters, digits, apostrophes and hyphens) that hold a letter or
    a digit: a row of dashes is not an answer."""
    return sum(1 for word in words(text) if _LETTER_OR_DIGIT.search(word))


def grade_text(question: TextQuestion, answer: object) -> QuestionResult:
    text, met = parse_answer(question, answer)
    count = word_count(text)
    short = count < question.min_words
    counted = [] if short else [c.key for c in question.rubric if c.key in (met or ())]
    result = finish(question, "text", len(counted) / len(question.rubric))
    if short:
        result.feedback.insert(0, too_short(count, question.min_words))
    result.needs_self_review = met is None and not short
    result.met = counted if met is not None else None
    return result


def too_short(count: int, least: int) -> str:
    """The message a too-short answer gets: the same words in the browser (text.js)."""
    have = f"{count} word" + ("" if count == 1 else "s")
    return f"Your answer has {have}; write at least {least} for your rubric ticks to count."


def parse_answer(question: TextQuestion, answer: object) -> tuple[str, list[str] | None]:
    """`{text, met?}` -> the text and the ticked criterion ids (None: not rated yet)."""
    if not isinstance(answer, dict):
        raise InvalidAnswer(f"expected an object with 'text' and 'met', got {json_type(answer)}")
    unknown = sorted(str(key) for key in answer if key not in _KEYS)
    if unknown:
        raise InvalidAnswer(f"unknown key '{unknown[0]}' in the answer")
    text = answer.get("text", "")
    if not isinstance(text, str):
        raise InvalidAnswer(f"'text' must be a string, got {json_type(text)}")
    if "met" not in answer:
        return text, None
    met = answer["met"]
    if not isinstance(met, list) or not all(isinstance(m, str) for m in met):
        raise InvalidAnswer("'met' must be a list of rubric criterion ids")
    known = [c.key for c in question.rubric]
    for key in met:
        if key not in known:
            raise InvalidAnswer(f"unknown rubric criterion '{key}' (expected {', '.join(known)})")
    return text, met


__all__ = ["grade_text", "parse_answer", "too_short", "word_count"]
