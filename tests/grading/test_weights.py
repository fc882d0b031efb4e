"""Per-option `weight` on single and multiple: validation that points at the YAML node, and
grading that stays exactly as before when no option has a weight."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from quizengine.grading import grade_question
from quizengine.loader import load_quiz_file
from quizengine.models import MultipleQuestion, Question

QUESTION = TypeAdapter(Question)


def _errors(write_yaml: Callable[[str], Path], options: str, extra: str = "") -> list[str]:
    path = write_yaml(
        f"""
        id: w
        title: W
        questions:
          - id: q1
            type: multiple
            prompt: Pick{extra}
            options:
{options}
        """
    )
    loaded = load_quiz_file(path)
    return [f"{d.line}:{d.col} {d.message}" for d in loaded.diagnostics if d.severity == "error"]


def test_a_positive_weight_makes_an_option_correct() -> None:
    q = QUESTION.validate_python(
        {
            "id": "q",
            "type": "multiple",
            "prompt": "P",
            "options": [{"text": "A", "weight": 0.5}, {"text": "B", "weight": 0.5}, {"text": "C"}],
        }
    )
    assert isinstance(q, MultipleQuestion)
    assert q.correct_ids == {"a", "b"}
    assert q.weighted


def test_weights_that_do_not_add_up_to_one_are_reported(write_yaml) -> None:  # type: ignore[no-untyped-def]
    options = "              - {text: A, weight: 0.5}\n              - {text: B, weight: 0.2}"
    (error,) = _errors(write_yaml, options)
    assert "the positive weights add up to 0.7, not 1" in error
    assert error.startswith("8:7 ")


def test_a_correct_option_without_a_positive_weight_is_reported_at_its_weight(write_yaml) -> None:  # type: ignore[no-untyped-def]
    options = (
        "              - {text: A, weight: 1}\n"
        "              - {text: B, correct: true, weight: -0.5}"
    )
    (error,) = _errors(write_yaml, options)
    assert error.startswith("9:42 ") and "a correct option needs a positive weight" in error


def test_correct_false_with_a_positive_weight_is_reported_at_correct(write_yaml) -> None:  # type: ignore[no-untyped-def]
    options = (
        "              - {text: A, weight: 0.5}\n"
        "              - {text: B, correct: false, weight: 0.5}"
    )
    (error,) = _errors(write_yaml, options)
    assert error.startswith("9:28 ") and "remove 'correct: false'" in error


def test_weights_and_all_or_nothing_do_not_mix(write_yaml) -> None:  # type: ignore[no-untyped-def]
    options = "              - {text: A, weight: 1}\n              - {text: B}"
    (error,) = _errors(write_yaml, options, "\n            scoring: all_or_nothing")
    assert error.startswith("7:14 ") and "cannot go with 'scoring: all_or_nothing'" in error


@pytest.mark.parametrize("weight", [1.5, -2])
def test_a_weight_lies_between_minus_one_and_one(write_yaml, weight: float) -> None:  # type: ignore[no-untyped-def]
    options = f"              - {{text: A, weight: {weight}}}\n              - {{text: B}}"
    (error,) = _errors(write_yaml, options)
    assert "weight" in error and ("at most 1" in error or "at least -1" in error), error


def test_single_the_correct_option_is_worth_one(write_yaml) -> None:  # type: ignore[no-untyped-def]
    path = write_yaml(
        """
        id: w
        title: W
        questions:
          - id: q1
            type: single
            prompt: Pick
            options:
              - {text: A, correct: true, weight: 0.5}
              - {text: B, weight: 1}
        """
    )
    errors = [f"{d.line}:{d.col} {d.message}" for d in load_quiz_file(path).diagnostics]
    assert len(errors) == 1 and errors[0].startswith("8:42 ")
    assert "the correct option is worth 1" in errors[0]


def test_without_weights_multiple_grades_as_before() -> None:
    plain = QUESTION.validate_python(
        {
            "id": "q",
            "type": "multiple",
            "prompt": "P",
            "options": [
                {"text": "A", "correct": True},
                {"text": "B", "correct": True},
                {"text": "C"},
            ],
        }
    )
    assert grade_question(plain, ["a", "c"]).score == 0.0
    assert grade_question(plain, ["a"]).score == 0.5
