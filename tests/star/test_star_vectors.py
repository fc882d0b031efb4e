"""Golden vectors shared with the browser client (tests/js/star.test.mjs).

Expected values in tests/vectors/star.json were worked out by hand; this runs them through the
Python grader, both with the rubric omitted (the engine's default) and with the default rubric
written out, as the renderer hands it to the browser.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quizengine.grading.common import InvalidAnswer
from quizengine.grading.star_review import grade_star
from quizengine.models import StarQuestion
from quizengine.star import rubric_json

VECTORS = Path(__file__).parents[1] / "vectors"
CASES: list[dict[str, Any]] = json.loads((VECTORS / "star.json").read_text("utf-8"))["cases"]


def test_enough_cases() -> None:
    assert len(CASES) >= 60
    assert len({case["name"] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_question_is_a_full_model_dump(case: dict[str, Any]) -> None:
    question = StarQuestion.model_validate(case["question"])
    assert question.model_dump(mode="json") == case["question"]


def _check(question: StarQuestion, case: dict[str, Any]) -> None:
    expected = case["expected"]
    if expected.get("invalid"):
        with pytest.raises(InvalidAnswer):
            grade_star(question, case["answer"])
        return
    result = grade_star(question, case["answer"])
    assert result.score == pytest.approx(expected["score"], abs=1e-6)
    assert result.max_score == question.points
    assert result.status == expected["status"]
    assert {c.id: c.passed for c in result.checks} == expected["checks"]
    assert [c.id for c in result.checks] == list(expected["checks"])
    assert result.needs_self_review is expected["needs_self_review"]
    if question.mode == "free":
        assert result.parts == expected["parts"]
    else:
        assert result.parts is None
    if "advice" in expected:
        assert [a.id for a in result.advice or []] == expected["advice"]
    if "feedback" in expected:
        assert result.feedback == expected["feedback"]
    if "ratings" in expected:
        got = None if result.ratings is None else [r.model_dump() for r in result.ratings]
        assert got == expected["ratings"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_vector(case: dict[str, Any]) -> None:
    _check(StarQuestion.model_validate(case["question"]), case)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_vector_with_default_rubric_written_out(case: dict[str, Any]) -> None:
    data = dict(case["question"])
    if data["rubric"] is None:
        data["rubric"] = rubric_json()
    _check(StarQuestion.model_validate(data), case)


def test_default_rubric_file_is_current() -> None:
    """tests/js reads this copy; regenerate it from `quizengine.star.rubric_json()`."""
    committed = json.loads((VECTORS / "default_rubric.json").read_text("utf-8"))
    assert committed == rubric_json()
