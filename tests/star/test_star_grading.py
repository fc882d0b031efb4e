"""grade_star: answer shapes, scoring arithmetic, and the result's fields."""

from __future__ import annotations

from typing import Any

import pytest

from quizengine.grading.common import InvalidAnswer
from quizengine.grading.star_review import grade_star
from quizengine.models import StarQuestion

ANSWER = {
    "situation": "Last year our team missed every deadline.",
    "task": "My goal was to fix the schedule.",
    "action": "I mapped each task and I asked my manager for help.",
    "result": "Deadlines slipped 40% less within two months.",
}


def question(**fields: Any) -> StarQuestion:
    return StarQuestion.model_validate(
        {"id": "q", "type": "star", "prompt": "p", "min_words": 20, **fields}
    )


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (["x"], "expected an object with situation, task, action and result, got a list"),
        ({"text": "x"}, "unknown key 'text' in the answer (this question is in structured mode"),
        ({**ANSWER, "zeta": 1, "alpha": 2}, "unknown key 'alpha' in the answer"),
        ({**ANSWER, "action": 3}, "'action' must be a string, got a number"),
        ({**ANSWER, "self_rating": [1]}, "'self_rating' must be an object"),
        ({**ANSWER, "self_rating": {"nope": 1}}, "unknown rubric id 'nope' (expected example,"),
        ({**ANSWER, "self_rating": {"result": True}}, "must be a whole number, got a boolean"),
        ({**ANSWER, "self_rating": {"result": 1.5}}, "must be a whole number, got 1.5"),
        ({**ANSWER, "self_rating": {"result": 4}}, "must be between 0 and 3, got 4"),
        ({**ANSWER, "self_rating": {"result": -1}}, "must be between 0 and 3, got -1"),
    ],
)
def test_invalid_answers_say_why(answer: object, message: str) -> None:
    with pytest.raises(InvalidAnswer) as info:
        grade_star(question(), answer)
    assert message in str(info.value)


def test_free_mode_rejects_structured_keys() -> None:
    with pytest.raises(InvalidAnswer, match="in free mode: use 'text'"):
        grade_star(question(mode="free"), {"situation": "x"})


def test_integral_float_rating_is_a_level() -> None:
    """JSON has one number type: 2.0 and 2 are the same level (the browser cannot tell)."""
    a = grade_star(question(), {**ANSWER, "self_rating": {"result": 2.0}})
    b = grade_star(question(), {**ANSWER, "self_rating": {"result": 2}})
    assert a == b


def test_missing_text_in_free_mode_is_empty() -> None:
    result = grade_star(question(mode="free"), {})
    assert result.parts == {"situation": "", "task": "", "action": "", "result": ""}


def test_result_fields() -> None:
    result = grade_star(question(points=2.5), ANSWER)
    assert result.id == "q" and result.type == "star"
    assert result.max_score == 2.5
    assert result.score == pytest.approx(1.25)
    assert result.status == "partial"
    assert result.needs_self_review is True
    assert result.parts is None
    assert result.error is None
    dumped = result.model_dump(mode="json", exclude_none=True)
    assert set(dumped) == {
        "id", "type", "score", "max_score", "status", "feedback", "checks",
        "needs_self_review", "advice",
    }  # fmt: skip


def test_unrated_criteria_count_zero() -> None:
    rubric = [
        {"id": "a", "criterion": "A", "levels": ["0", "1", "2"]},
        {"id": "b", "criterion": "B", "levels": ["0", "1"]},
    ]
    q = question(rubric=rubric, auto_weight=0.0)
    half = grade_star(q, {**ANSWER, "self_rating": {"a": 2}})
    assert half.score == pytest.approx(0.5)
    assert half.needs_self_review is True
    full = grade_star(q, {**ANSWER, "self_rating": {"a": 2, "b": 1}})
    assert full.status == "correct" and full.needs_self_review is False


def test_dispatcher_marks_invalid_answers() -> None:
    from quizengine.grading import grade_question

    result = grade_question(question(), "just text")
    assert result.status == "invalid"
    assert result.score == 0.0
    assert result.error and "expected an object" in result.error
