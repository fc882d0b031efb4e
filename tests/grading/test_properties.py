"""Invariants over many generated answers (hypothesis) and over the real course quizzes."""

from __future__ import annotations

import functools
from typing import Any, assert_never

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizengine.grading import grade, grade_question
from quizengine.loader import load_paths
from quizengine.models import (
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    Quiz,
    Response,
    ShortTextQuestion,
    SingleQuestion,
    StarQuestion,
    TextQuestion,
    TrueFalseQuestion,
)

from ..conftest import QUIZZES

MULTIPLE = MultipleQuestion.model_validate(
    {
        "id": "m",
        "type": "multiple",
        "prompt": "P",
        "points": 3,
        "options": [
            {"text": t, "correct": c}
            for t, c in zip("ABCDE", [True, True, False, True, False], strict=True)
        ],
    }
)
ORDERING = OrderingQuestion.model_validate(
    {"id": "o", "type": "ordering", "prompt": "P", "points": 2, "items": list("ABCDEF")}
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=10,
)


@given(st.lists(st.sampled_from("abcde"), max_size=12))
def test_multiple_ignores_order_and_duplicates(answer: list[str]) -> None:
    base = grade_question(MULTIPLE, sorted(set(answer)))
    shuffled = grade_question(MULTIPLE, list(reversed(answer)) + answer)
    assert base.score == pytest.approx(shuffled.score)
    assert 0 <= base.score <= MULTIPLE.points


@given(st.permutations(list("abcdef")))
def test_ordering_score_in_range_and_deterministic(answer: list[str]) -> None:
    first = grade_question(ORDERING, answer)
    assert 0 <= first.score <= ORDERING.points
    assert grade_question(ORDERING, list(answer)) == first


@functools.cache
def _course_questions() -> list[Question]:
    """Loaded once: reloading the course for each of the examples cost half a minute."""
    report = load_paths([QUIZZES])
    return [q for quiz in report.quizzes for q in quiz.questions]


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_any_json_answer_scores_within_points(data: st.DataObject) -> None:
    questions = _course_questions()
    question = data.draw(st.sampled_from(questions))
    answer = data.draw(json_values)
    result = grade_question(question, answer)
    assert 0 <= result.score <= question.points + 1e-9
    assert result.status in ("correct", "partial", "incorrect", "invalid")
    assert grade_question(question, answer) == result


def reference_answer(question: Question) -> Any:
    """The answer each question itself defines as right: every grader must award full marks.
    A question type missing here fails the test below (assert_never) once the course uses it."""
    match question:
        case SingleQuestion():
            return next(o.key for o in question.options if o.correct)
        case MultipleQuestion():
            return sorted(question.correct_ids)
        case TrueFalseQuestion():
            return question.answer
        case ShortTextQuestion():
            best = max(question.answers, key=lambda a: a.score)
            return best.text if question.match != "regex" else None
        case NumericQuestion():
            return question.answer
        case OrderingQuestion():
            return [item.key for item in question.items]
        case MatchingQuestion():
            return question.answer_key()
        case StarQuestion():
            return None  # a self-review has no single right answer
        case TextQuestion():
            # The example answer, rated as meeting every line of the rubric.
            text = question.example_answer or " ".join(["word"] * question.min_words)
            return {"text": text, "met": [c.key for c in question.rubric]}
        case _:
            assert_never(question)


def test_every_course_question_grades_its_reference_answer_as_full_marks() -> None:
    report = load_paths([QUIZZES])
    assert report.ok, [d.format() for d in report.all_diagnostics]
    checked = 0
    for quiz in report.quizzes:
        for question in quiz.questions:
            answer = reference_answer(question)
            if answer is None:
                continue
            result = grade_question(question, answer)
            assert result.status == "correct", (quiz.id, question.id, result)
            assert result.score == pytest.approx(question.points)
            checked += 1
    assert checked >= 40


def test_presented_subset_and_unanswered() -> None:
    quiz = Quiz.model_validate(
        {
            "id": "q",
            "title": "T",
            "pass_mark": 0.5,
            "questions": [
                {"id": "a", "type": "true_false", "prompt": "P", "answer": True, "points": 2},
                {"id": "b", "type": "true_false", "prompt": "P", "answer": True},
                {"id": "c", "type": "true_false", "prompt": "P", "answer": True},
            ],
        }
    )
    result = grade(quiz, Response(quiz="q", presented=["a", "c"], answers={"a": True}))
    assert [r.id for r in result.questions] == ["a", "c"]
    assert [r.status for r in result.questions] == ["correct", "unanswered"]
    assert (result.score, result.max_score) == (2, 3)
    assert result.percent == pytest.approx(200 / 3)
    assert result.passed


def test_pass_mark_boundary_uses_tolerance() -> None:
    quiz = Quiz.model_validate(
        {
            "id": "q",
            "title": "T",
            "pass_mark": 0.7,
            "questions": [
                {"id": f"q{i}", "type": "true_false", "prompt": "P", "answer": True}
                for i in range(10)
            ],
        }
    )
    answers = {f"q{i}": i < 7 for i in range(10)}
    assert grade(quiz, Response(quiz="q", answers=answers)).passed  # 7 >= 0.7 * 10
    answers["q6"] = False
    assert not grade(quiz, Response(quiz="q", answers=answers)).passed
