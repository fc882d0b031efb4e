"""Golden vectors shared with the JavaScript grader: both must agree on every case."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import TypeAdapter

from quizengine.grading import grade_question
from quizengine.models import QUESTION_TYPES, Question

from ..conftest import VECTORS

QUESTION = TypeAdapter(Question)
FILES = sorted(p for p in VECTORS.glob("*.json") if p.name not in ("star.json",))
CASES = [
    pytest.param(case, id=f"{path.stem}: {case['name']}")
    for path in FILES
    if "cases" in json.loads(path.read_text())
    for case in json.loads(path.read_text())["cases"]
]


def test_every_non_star_type_has_vectors() -> None:
    types = {case.values[0]["question"]["type"] for case in CASES}  # type: ignore[index]
    assert types == set(QUESTION_TYPES) - {"star"}


@pytest.mark.parametrize("case", CASES)
def test_vector(case: dict[str, Any]) -> None:
    question = QUESTION.validate_python(case["question"])
    result = (
        grade_question(question, case["answer"]) if "answer" in case else grade_question(question)
    )
    expected = case["expected"]
    assert result.score == pytest.approx(expected["score"], abs=1e-6)
    assert result.status == expected["status"]
    if "feedback" in expected:
        assert result.feedback == expected["feedback"]
    if expected.get("invalid"):
        assert result.error
    if "error" in expected:
        assert result.error == expected["error"]
    for key in ("needs_self_review", "met"):
        if key in expected:
            assert getattr(result, key) == expected[key]
