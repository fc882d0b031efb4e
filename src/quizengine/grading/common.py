"""What every grader shares: turning a fraction into a result, and the invalid-answer path.

Graders are pure: (question, answer) -> QuestionResult. A malformed answer is not a wrong
answer: it raises `InvalidAnswer`, which `grade_question` turns into `status: invalid`.
"""

from __future__ import annotations

from ..models import QuestionResult, Status
from ..models.questions import QuestionBase

EPSILON = 1e-9


class InvalidAnswer(ValueError):
    """The answer's shape does not fit its question (spec §3): scores 0, `status: invalid`."""


def finish(
    question: QuestionBase,
    kind: str,
    fraction: float,
    feedback: list[str | None] | None = None,
) -> QuestionResult:
    """Scale a [0, 1] fraction by points and add the question-level feedback for its status."""
    status: Status
    if fraction >= 1 - EPSILON:
        fraction, status, closing = 1.0, "correct", question.feedback_correct
    elif fraction <= EPSILON:
        fraction, status, closing = 0.0, "incorrect", question.feedback_incorrect
    else:
        status, closing = "partial", question.feedback_incorrect
    notes = [f for f in feedback if f] if feedback else []
    if closing:
        notes.append(closing)
    return QuestionResult(
        id=question.id,
        type=kind,
        score=fraction * question.points,
        max_score=question.points,
        status=status,
        feedback=notes,
    )


def require_str(answer: object, what: str = "a string") -> str:
    if not isinstance(answer, str):
        raise InvalidAnswer(f"expected {what}, got {json_type(answer)}")
    return answer


def json_type(value: object, *, array: str = "a list") -> str:
    """Name a value by its JSON type, which is what a response author sees.

    The one wording for JSON values, shared by the graders and the results report. `array`
    is the word for a list: the graders say "a list" (the vectors pin it, and the answers they
    describe are lists of ids), the report says "an array" (it describes a file as a JSON
    document, and its tests pin that).
    """
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return array
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
