"""Bank questions in the report: one entry per bank question, pooled over every quiz that drew
it, with the count and facility in each quiz."""

from __future__ import annotations

from quizengine.grading import grade
from quizengine.loader import load_paths
from quizengine.models import Response
from quizengine.report.analyse import analyse
from quizengine.report.summary import summary_json, summary_text

from ..conftest import DATA

QUIZZES = {q.id: q for q in load_paths([DATA / "banks" / "good"]).quizzes}


def _attempt(quiz: str, answers: dict[str, object]) -> Response:
    return Response(quiz=quiz, presented=list(answers), answers=answers)


def test_a_bank_question_is_pooled_across_the_quizzes_that_drew_it() -> None:
    responses = [
        _attempt("practice", {"day-rate": "200", "counter": "a"}),
        _attempt("practice", {"day-rate": "150", "walk-away": True}),
        _attempt(
            "check", {"own": True, "day-rate": "200", "leave-value": "1500", "when-to-ask": True}
        ),
        _attempt("numbers", {"day-rate": "200", "leave-value": "10"}),
    ]
    results = [grade(QUIZZES[r.quiz], r) for r in responses]
    analysis = analyse(results, QUIZZES)
    by_key = {(q.bank, q.id): q for q in analysis.banks}
    assert ("basics", "own") not in by_key and ("", "own") not in by_key  # the quiz's own
    day_rate = by_key["basics", "day-rate"]
    assert day_rate.n == 4 and day_rate.facility == 75.0
    assert [(s.quiz, s.n, s.facility) for s in day_rate.quizzes] == [
        ("practice", 2, 50.0),
        ("check", 1, 100.0),
        ("numbers", 1, 100.0),
    ]
    assert by_key["timing", "when-to-ask"].n == 1
    assert sorted(by_key) == sorted(set(by_key))

    data = summary_json(analysis)
    entry = next(b for b in data["banks"] if b["question"] == "day-rate")
    assert entry["bank"] == "basics" and entry["n"] == 4
    assert [q["quiz"] for q in entry["quizzes"]] == ["practice", "check", "numbers"]
    text = summary_text(analysis)
    assert "bank questions drawn by more than one quiz:" in text
    assert "  basics/day-rate: 4 attempts, facility 75.0% (practice 2 at 50%, check 1 at " in text
