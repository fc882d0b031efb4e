"""Which grader grades which question, and the quiz-level rules of spec §3-4."""

from __future__ import annotations

from typing import Any, assert_never

from pydantic import ValidationError

from ..errors import ResponseError
from ..models import (
    GradeResult,
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    QuestionResult,
    Quiz,
    Response,
    ShortTextQuestion,
    SingleQuestion,
    StarQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from ..safeio import JsonRefused, loads_json
from .choice import grade_multiple, grade_single, grade_true_false
from .common import EPSILON, InvalidAnswer
from .essay import grade_text
from .matching import grade_matching
from .numeric import grade_numeric
from .ordering import grade_ordering
from .star_review import grade_star
from .text import grade_short_text


def _graded(question: Question, answer: object) -> QuestionResult:
    """The grader named after the question's type. A new type that is missing here is a mypy
    error (`assert_never`), as in every other place that branches on the type."""
    match question:
        case SingleQuestion():
            return grade_single(question, answer)
        case MultipleQuestion():
            return grade_multiple(question, answer)
        case TrueFalseQuestion():
            return grade_true_false(question, answer)
        case ShortTextQuestion():
            return grade_short_text(question, answer)
        case NumericQuestion():
            return grade_numeric(question, answer)
        case OrderingQuestion():
            return grade_ordering(question, answer)
        case MatchingQuestion():
            return grade_matching(question, answer)
        case StarQuestion():
            return grade_star(question, answer)
        case TextQuestion():
            return grade_text(question, answer)
        case _:
            assert_never(question)


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
        return _graded(question, answer)
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
    for result in results:
        result.bank = quiz.origin(result.id)
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
        from ..diagnostics import plain_message  # only a rejected file pays for its import

        raise ResponseError(f"the response file is malformed: {plain_message(exc)}") from None
