"""Which grader grades which question, and the quiz-level rules of spec §3-4."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from ..errors import ResponseError
from ..models import GradeResult, Question, QuestionResult, Quiz, Response
from ..safeio import JsonRefused, loads_json
from .choice import grade_multiple, grade_single, grade_true_false
from .common import EPSILON, InvalidAnswer
from .matching import grade_matching
from .numeric import grade_numeric
from .ordering import grade_ordering
from .star import grade_star
from .text import grade_short_text

GRADERS: dict[str, Callable[[Any, object], QuestionResult]] = {
    "single": grade_single,
    "multiple": grade_multiple,
    "true_false": grade_true_false,
    "short_text": grade_short_text,
    "numeric": grade_numeric,
    "ordering": grade_ordering,
    "matching": grade_matching,
    "star": grade_star,
}

_MISSING: Any = object()


def grade_question(question: Question, answer: object = _MISSING) -> QuestionResult:
    """Grade one answer; a missing answer is `unanswered`, a malformed one `invalid`."""
    if answer is _MISSING:
        return QuestionResult(
            id=question.id,
            type=question.type,
            score=0.0,
            max_score=question.points,
            status="unanswered",
        )
    try:
        return GRADERS[question.type](question, answer)
    except InvalidAnswer as exc:
        return QuestionResult(
            id=question.id,
            type=question.type,
            score=0.0,
            max_score=question.points,
            status="invalid",
            error=str(exc),
        )


def grade(quiz: Quiz, response: Response) -> GradeResult:
    """Grade a whole response; raises `ResponseError` when it must be rejected whole."""
    if response.quiz != quiz.id:
        raise ResponseError(f"the response is for quiz '{response.quiz}', not '{quiz.id}'")
    known = {q.id for q in quiz.questions}
    unknown = [qid for qid in [*response.answers, *(response.presented or [])] if qid not in known]
    if unknown:
        raise ResponseError(f"quiz '{quiz.id}' has no question '{unknown[0]}'")
    presented = set(response.presented) if response.presented is not None else known
    results = [
        grade_question(q, response.answers.get(q.id, _MISSING))
        for q in quiz.questions
        if q.id in presented
    ]
    score = sum(r.score for r in results)
    max_score = sum(r.max_score for r in results)
    return GradeResult(
        quiz=quiz.id,
        score=score,
        max_score=max_score,
        percent=100.0 * score / max_score if max_score else 0.0,
        passed=score >= quiz.pass_mark * max_score - EPSILON,
        questions=results,
    )


def parse_response(text: str | bytes) -> Response:
    """A response file's text -> `Response`, or `ResponseError` saying why it is rejected."""
    try:
        data = loads_json(text)
    except JsonRefused as exc:
        raise ResponseError(f"the response file is rejected: {exc}") from None
    except UnicodeDecodeError:
        raise ResponseError("the response file is not UTF-8 text") from None
    except RecursionError:
        raise ResponseError("the response file is not valid JSON: nested too deeply") from None
    except ValueError as exc:
        raise ResponseError(f"the response file is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ResponseError("the response file must be a JSON object with 'quiz' and 'answers'")
    try:
        return Response.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"]) or "response"
        raise ResponseError(
            f"the response file is malformed at '{where}': {first['msg']}"
        ) from None
