"""Every STAR exercise's `example_answer` passes every automatic check (spec §2, v2).

The example is what a learner sees as a model after submitting: if it failed `specific` or
`quantified_result`, the course would be teaching the opposite of its own grader. Structured
examples mark their parts with a bold label ("**Situation:**" or "**Situation.**"); free-mode
examples are graded as the one text they are.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quizengine.grading import grade_question
from quizengine.loader import load_paths
from quizengine.models import STAR_CHECK_IDS, StarQuestion
from quizengine.star import effective_rubric

ROOT = Path(__file__).parents[2]
LABEL = re.compile(r"\*\*(Situation|Task|Action|Result)[:.]\*\*")


def star_questions() -> list[tuple[str, StarQuestion]]:
    report = load_paths([ROOT / "quizzes"])
    assert report.ok, [d.format() for d in report.all_diagnostics]
    return [
        (f"{quiz.id}/{q.id}", q)
        for quiz in report.quizzes
        for q in quiz.questions
        if isinstance(q, StarQuestion)
    ]


def example_response(question: StarQuestion) -> dict[str, object]:
    text = question.example_answer or ""
    if question.mode == "free":
        return {"text": text}
    pieces = LABEL.split(text)
    labelled = dict(zip(pieces[1::2], pieces[2::2], strict=True))
    assert sorted(labelled) == ["Action", "Result", "Situation", "Task"], labelled
    return {part.lower(): body.strip() for part, body in labelled.items()}


QUESTIONS = star_questions()


def test_the_course_has_star_exercises() -> None:
    assert len(QUESTIONS) >= 5


@pytest.mark.parametrize("question", [q for _, q in QUESTIONS], ids=[n for n, _ in QUESTIONS])
def test_example_answer_passes_every_check_and_full_marks_when_rated_top(
    question: StarQuestion,
) -> None:
    answer = example_response(question)
    result = grade_question(question, answer)
    assert [c.id for c in result.checks if not c.passed] == [], result.checks
    assert [c.id for c in result.checks] == list(STAR_CHECK_IDS)
    top = {c.id: len(c.levels) - 1 for c in effective_rubric(question)}
    rated = grade_question(question, {**answer, "self_rating": top})
    assert rated.status == "correct"
    assert rated.score == pytest.approx(question.points)
    assert all(r.counted == r.chosen for r in rated.ratings or [])
