"""numeric: read the forms people type ("$1,900", "1 500 dollars", "161k", "138 hrs"), then
compare within the tolerance.

The browser's copy (`numeric` in client/grader.js) follows these steps one for one and must
agree on every case in tests/vectors/numeric.json. So the whitespace trimmed is JavaScript's
(`trim()`, `\\s`), spelled out here, and only ASCII digits count. Every pattern is anchored
and has no nested quantifier over the same characters, so reading stays linear on long
hostile strings.
"""

from __future__ import annotations

import math
import re

from ..models import NumericQuestion, QuestionResult
from .common import InvalidAnswer, finish, json_type

# JavaScript's whitespace: what its trim() removes and its \s matches.
SPACES = "\t\n\x0b\x0c\r \xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
SPACES += "\u2028\u2029\u202f\u205f\u3000\ufeff"
_WS = f"[{SPACES}]"
# "dollars?" before "usd" and "euros?" before "eur": the longest mark that fits is taken.
_MARK = "(?:dollars?|pounds?|euros?|usd|eur|gbp|jpy|cad|aud|[$€£¥])"
_MARK_BEFORE = re.compile(f"([+-]?){_MARK}{_WS}*")
_MARK_AFTER = re.compile(rf"{_MARK}\Z")
# Thousands separators only between groups of exactly three digits; "." is the decimal mark.
_SEPARATOR = "[,' \xa0\u202f]"
_NUMBER = re.compile(
    rf"[+-]?(?=\.?[0-9])([0-9]{{1,3}}({_SEPARATOR}[0-9]{{3}})*|[0-9]*)(\.[0-9]*)?(e[+-]?[0-9]+)?"
)
_MULTIPLIERS = {"k": 1e3, "m": 1e6}
ECHO = 40
FORMS = "1500, 1 500, 1,500.50, $1,500 or 1.5k"
"""Examples of what is read, for the help shown to a learner whose answer was not."""


def read_number(text: str, spellings: list[str]) -> float | None:
    """The number a learner typed, or None when it cannot be read.

    Each step at most once: a unit spelling (longest first) or "%" at the end; a currency mark
    before the number (after a leading sign, so "-$5" reads) or else after it; a "k" or "m"
    multiplier unless that letter is a unit spelling; then the number itself.
    """
    units = sorted({u.strip(SPACES).lower() for u in spellings} - {""}, key=len, reverse=True)
    s = text.strip(SPACES).lower()
    unit = next((u for u in units if s.endswith(u)), None)
    s = (s[: len(s) - len(unit)] if unit else s.removesuffix("%")).strip(SPACES)
    mark = _MARK_BEFORE.match(s)
    s = mark[1] + s[mark.end() :] if mark else _MARK_AFTER.sub("", s, count=1).strip(SPACES)
    scale = 1.0
    if s[-1:] in _MULTIPLIERS and s[-1:] not in units:
        scale = _MULTIPLIERS[s[-1:]]
        s = s[:-1].strip(SPACES)
    if not _NUMBER.fullmatch(s):
        return None
    value = float(re.sub(_SEPARATOR, "", s)) * scale
    return value if math.isfinite(value) else None


def not_understood(text: str) -> str:
    """The error for an answer that cannot be read, echoing (the start of) what was typed."""
    shown = text.strip(SPACES)
    return f"'{shown[:ECHO]}{'…' if len(shown) > ECHO else ''}' was not understood as a number"


def grade_numeric(question: NumericQuestion, answer: object) -> QuestionResult:
    if isinstance(answer, bool) or not isinstance(answer, int | float | str):
        raise InvalidAnswer(f"expected a number or a string, got {json_type(answer)}")
    if isinstance(answer, str):
        value = read_number(answer, question.spellings())
        if value is None:
            raise InvalidAnswer(not_understood(answer))
    else:
        value = float(answer)
        if not math.isfinite(value):
            raise InvalidAnswer("expected a finite number")
    slack = 1e-9 * max(1.0, abs(question.answer))
    close = abs(value - question.answer) <= question.absolute_tolerance() + slack
    return finish(question, "numeric", 1.0 if close else 0.0)
