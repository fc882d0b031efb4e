"""The hand-computed class in tests/data/report: every number must match to 1e-6."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from quizengine import grade, load_quiz
from quizengine.models import Response
from quizengine.report import Analysis, QuizStats, analyse, collect, summary_text

DATA = Path(__file__).resolve().parents[1] / "data" / "report"
EXPECTED: dict[str, Any] = yaml.safe_load((DATA / "expectations.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    quiz = load_quiz(DATA / "quizzes" / "hand-class.yaml")
    results, problems = collect([DATA / "class"], {quiz.id: quiz})
    assert problems == []
    return analyse(results, {quiz.id: quiz})


@pytest.fixture(scope="module")
def stats(analysis: Analysis) -> QuizStats:
    (only,) = analysis.quizzes
    return only


def close(actual: float | None, expected: float) -> bool:
    return actual is not None and math.isclose(actual, expected, rel_tol=0, abs_tol=1e-6)


def test_quiz_level(stats: QuizStats) -> None:
    want = EXPECTED["quiz"]
    assert stats.n == want["n"]
    assert stats.with_answers == want["with_answers"]
    for key in ("mean", "median", "sd", "pass_rate"):
        assert close(getattr(stats, key), want[key]), key
    assert sorted(stats.percents) == [0, 20, 40, 40, 40, 60, 80, 100]


@pytest.mark.parametrize("question_id", ["q1", "q2", "q3", "q4"])
def test_item_statistics(stats: QuizStats, question_id: str) -> None:
    question = next(q for q in stats.questions if q.id == question_id)
    assert question.n == 8
    for key, value in EXPECTED["questions"][question_id].items():
        assert close(getattr(question, key), value), (question_id, key, getattr(question, key))


@pytest.mark.parametrize("question_id", ["q1", "q2"])
def test_distractors(stats: QuizStats, question_id: str) -> None:
    question = next(q for q in stats.questions if q.id == question_id)
    assert question.distractors is not None
    assert question.distractors.n == 7
    got = {o.id: o for o in question.distractors.options}
    for option_id, (count, share, flag) in EXPECTED["distractors"][question_id].items():
        assert (got[option_id].count, got[option_id].flag) == (count, flag), option_id
        assert close(got[option_id].share, share), option_id


def test_only_choice_questions_get_distractors(stats: QuizStats) -> None:
    assert [q.id for q in stats.questions if q.distractors is not None] == ["q1", "q2"]


def test_text_summary(analysis: Analysis) -> None:
    assert summary_text(analysis) == (
        "hand-class: 8 attempts, mean 47.5%, pass rate 25.0%\n"
        "  hardest: q2 (37.5%), q1 (50.0%), q3 (50.0%)\n"
        "  least discriminating: q1 (9.2)\n"
    )


def test_the_grade_result_file_matches_what_grading_gives() -> None:
    # L8's hand-written grade result is what re-grading its answers would have produced.
    quiz = load_quiz(DATA / "quizzes" / "hand-class.yaml")
    answers = {"q1": "b", "q2": ["b", "c"], "q3": False, "q4": "abc"}
    regraded = grade(quiz, Response(quiz="hand-class", answers=answers))
    stored = json.loads((DATA / "class" / "L8-grade-result.json").read_text("utf-8"))
    assert regraded.score == stored["score"] and regraded.max_score == stored["max_score"]
    assert [(q.id, q.score, q.status) for q in regraded.questions] == [
        (q["id"], q["score"], q["status"]) for q in stored["questions"]
    ]


def test_question_stats_read_their_item_stats(stats: QuizStats) -> None:
    """One record of the numbers: a question's properties are its `ItemStats`, not a copy."""
    for question in stats.questions:
        for name in ("n", "mean_score", "facility", "sd", "discrimination", "efficiency"):
            assert getattr(question, name) == getattr(question.stats, name), name
