"""numeric: lenient parsing of what people type ("$2,400", "15 %", "3.5 days"), then tolerance."""

from __future__ import annotations

import math
import re

from ..models import NumericQuestion, QuestionResult
from .common import InvalidAnswer, finish, json_type

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d)")
_CURRENCY = "$€£¥"


def parse_number(text: str, unit: str | None) -> float | None:
    """The spec's parsing steps, in order; None when what is left is not a number."""
    text = text.strip()
    if text[:1] in _CURRENCY and text:
        text = text[1:].strip()
    if unit and text.casefold().endswith(unit.casefold()):
        text = text[: len(text) - len(unit)].strip()
    elif text.endswith("%"):
        text = text[:-1].strip()
    text = _THOUSANDS.sub("", text)
    if not _NUMBER.fullmatch(text):
        return None
    value = float(text)
    return value if math.isfinite(value) else None


def grade_numeric(question: NumericQuestion, answer: object) -> QuestionResult:
    if isinstance(answer, bool) or not isinstance(answer, int | float | str):
        raise InvalidAnswer(f"expected a number or a string, got {json_type(answer)}")
    value = parse_number(answer, question.unit) if isinstance(answer, str) else float(answer)
    if value is None or not math.isfinite(value):
        return finish(question, "numeric", 0.0, [f"'{answer}' is not a number."])
    slack = 1e-9 * max(1.0, abs(question.answer))
    close = abs(value - question.answer) <= question.absolute_tolerance() + slack
    return finish(question, "numeric", 1.0 if close else 0.0)
