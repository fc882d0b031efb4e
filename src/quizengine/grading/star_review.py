"""star: a STAR-method self-review, scored by automatic checks plus the learner's own rating.

Score (spec §2): `auto_weight × checks passed / 6 + (1 − auto_weight) × mean counted level`,
where an unrated criterion counts 0 and sets `needs_self_review`, and a rating counts at most
the middle level while its `evidence` failed (`star.rubric.rate`). Gate: a story missing a
part, outside the word range or told as what you would do scores at most 0.5 and is never
`correct`. Advice is coaching on top and never changes the score. `client/star.js` is a
line-by-line port of this module.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from ..models import STAR_GATE, STAR_PARTS, QuestionResult, RubricCriterion, StarPart, StarQuestion
from ..star.advice import reflection_missing, text_advice
from ..star.checks import Analysis, run_checks
from ..star.rubric import effective_rubric, rate, reflection_note
from .common import InvalidAnswer, finish, json_type

_FREE_KEYS = ("text", "self_rating")
# Spec §2's gate: a failure there means the story cannot pass, whatever the self-rating.
GATE = STAR_GATE
GATE_MAX = 0.5
_STRUCTURED_KEYS = (*STAR_PARTS, "self_rating")


def grade_star(question: StarQuestion, answer: object) -> QuestionResult:
    rubric = effective_rubric(question)
    texts, rating = parse_answer(question, answer, rubric)
    if question.mode == "free":
        analysis = Analysis.free_text(texts["text"])
    else:
        analysis = Analysis.structured(texts)
    checks = run_checks(analysis, question.min_words, question.max_words)

    failed = {check.id for check in checks if not check.passed}
    ratings, notes = rate(rubric, rating, failed)
    counted = {r.id: r.counted for r in ratings}
    auto = sum(check.passed for check in checks) / len(checks)
    self_part = sum(counted.get(c.id, 0) / (len(c.levels) - 1) for c in rubric) / len(rubric)
    fraction = question.auto_weight * auto + (1 - question.auto_weight) * self_part
    if not failed.isdisjoint(GATE):
        fraction = min(fraction, GATE_MAX)

    advice = text_advice(analysis)
    advice.extend(notes)
    advice.extend(reflection_note(rubric, rating, reflection_missing(advice)))

    result = finish(question, "star", fraction)
    result.checks = checks
    result.needs_self_review = any(c.id not in rating for c in rubric)
    result.advice = advice
    result.ratings = ratings or None
    if analysis.free:
        parts: dict[StarPart, str] = {part: analysis.text(part) for part in STAR_PARTS}
        result.parts = parts
    return result


def parse_answer(
    question: StarQuestion, answer: object, rubric: Sequence[RubricCriterion]
) -> tuple[dict[str, str], dict[str, int]]:
    """Check the answer's shape: texts by key (missing keys are "") and the self-rating.

    Keys are checked in sorted order so the error names the same key as the browser client.
    """
    free = question.mode == "free"
    allowed = _FREE_KEYS if free else _STRUCTURED_KEYS
    expected = "'text'" if free else "situation, task, action and result"
    if not isinstance(answer, dict):
        raise InvalidAnswer(f"expected an object with {expected}, got {json_type(answer)}")
    unknown = sorted(str(key) for key in answer if key not in allowed)
    if unknown:
        hint = (
            f" (this question is in {question.mode} mode: use {expected})"
            if any(key in (STAR_PARTS if free else ("text",)) for key in unknown)
            else ""
        )
        raise InvalidAnswer(f"unknown key '{unknown[0]}' in the answer{hint}")
    texts: dict[str, str] = {}
    for key in allowed[:-1]:
        value = answer.get(key, "")
        if not isinstance(value, str):
            raise InvalidAnswer(f"'{key}' must be a string, got {json_type(value)}")
        texts[key] = value
    rating = parse_rating(answer.get("self_rating"), rubric) if "self_rating" in answer else {}
    return texts, rating


def parse_rating(value: object, rubric: Sequence[RubricCriterion]) -> dict[str, int]:
    """`{rubric id: level index}`; JSON has one number type, so 2.0 is the level 2."""
    if not isinstance(value, Mapping):
        raise InvalidAnswer(
            f"'self_rating' must be an object of rubric id to level, got {json_type(value)}"
        )
    levels = {criterion.id: len(criterion.levels) for criterion in rubric}
    rating: dict[str, int] = {}
    for key in sorted(value, key=str):
        level = value[key]
        if key not in levels:
            known = ", ".join(levels)
            raise InvalidAnswer(f"self_rating: unknown rubric id '{key}' (expected {known})")
        if isinstance(level, bool) or not isinstance(level, int | float):
            raise InvalidAnswer(
                f"self_rating '{key}' must be a whole number, got {json_type(level)}"
            )
        if isinstance(level, float) and not (math.isfinite(level) and level.is_integer()):
            raise InvalidAnswer(f"self_rating '{key}' must be a whole number, got {level}")
        if not 0 <= level < levels[key]:
            raise InvalidAnswer(
                f"self_rating '{key}' must be between 0 and {levels[key] - 1}, got {int(level)}"
            )
        rating[key] = int(level)
    return rating


__all__ = ["grade_star", "parse_answer", "parse_rating"]
