"""What learners wrote and matched: grouping as the grader compares, counts, hints, escaping."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from quizengine import GradeResult, Quiz, grade, load_quiz
from quizengine.models import Response
from quizengine.report import analyse, render_html, summary_json
from quizengine.report.records import Graded, Matches, QuestionStats, Written
from quizengine.report.written import NOT_UNDERSTOOD, TOP

DATA = Path(__file__).resolve().parents[1] / "data" / "report"


@pytest.fixture(scope="module")
def quiz() -> Quiz:
    return load_quiz(DATA / "written" / "written.yaml")


def graded(quiz: Quiz, answers: dict[str, Any], learner: str | None = None) -> Graded:
    """A re-graded response, as `collect` makes it (answers kept for the breakdowns)."""
    response = Response.model_validate({"quiz": quiz.id, "answers": answers})
    result = grade(quiz, response)
    return Graded.model_construct(**result.__dict__, answers=response.answers, learner=learner)


def stats_of(quiz: Quiz, results: list[Graded], qid: str) -> QuestionStats:
    (stats,) = analyse(results, {quiz.id: quiz}).quizzes
    return next(q for q in stats.questions if q.id == qid)


def written(quiz: Quiz, qid: str, answers: list[object]) -> Written:
    results = [graded(quiz, {qid: a}) for a in answers]
    data = stats_of(quiz, results, qid).written
    assert data is not None
    return data


def table(data: Written) -> list[tuple[str, int, float, float]]:
    return [(a.answer, a.count, a.low, a.high) for a in data.answers]


def test_short_text_groups_as_the_grader_normalises(quiz: Quiz) -> None:
    data = written(
        quiz,
        "walk",
        ["BATNA", " batna. ", "Batna", "walkaway point", "Walkaway  Point", "WALKAWAY POINT!",
         "", "reservation point"],
    )  # fmt: skip
    assert table(data) == [
        ("batna", 3, 1.0, 1.0),
        ("walkaway point", 3, 0.0, 0.0),
        ("reservation point", 1, 1.0, 1.0),  # ties: the higher score first
        ("(blank)", 1, 0.0, 0.0),
    ]
    assert (data.n, data.others, data.other_answers) == (8, 0, 0)
    assert data.hints == ("3 learners wrote 'walkaway point', scored 0: add it to answers?",)


def test_exact_matching_keeps_case_apart(quiz: Quiz) -> None:
    data = written(quiz, "code", ["Offer-2", " Offer-2 ", "offer-2", "offer-2", "offer-2"])
    assert table(data) == [("offer-2", 3, 0.0, 0.0), ("Offer-2", 2, 1.0, 1.0)]


def test_numeric_groups_by_value_and_not_understood(quiz: Quiz) -> None:
    data = written(
        quiz,
        "hours",
        [90, "90", "90 hours", "90.0", 180, "180 hrs", 180, "about half", "?", "about half",
         True, "1,500"],
    )  # fmt: skip
    assert table(data) == [
        ("90", 4, 1.0, 1.0),
        ("180", 3, 0.0, 0.0),
        (NOT_UNDERSTOOD, 3, 0.0, 0.0),
        ("1,500", 1, 0.0, 0.0),
    ]
    unread = data.answers[2]
    assert not unread.understood and unread.examples == ("about half", "?")
    assert data.invalid == 1  # true is not a number at all: the wrong JSON type
    assert data.hints == (
        "3 learners answered 180, scored 0: a common slip worth teaching, "
        "or a value (or tolerance) to accept?",
        "3 learners typed an answer that could not be read as a number (such as 'about half', "
        "'?'): does the prompt say what form to use?",
    )


def test_top_answers_then_the_rest(quiz: Quiz) -> None:
    answers: list[object] = [f"guess {i}" for i in range(TOP + 3) for _ in range(TOP + 3 - i)]
    results = [graded(quiz, {"walk": a}) for a in answers] + [graded(quiz, {})]
    data = stats_of(quiz, results, "walk").written
    assert data is not None
    assert [a.answer for a in data.answers] == [f"guess {i}" for i in range(TOP)]
    assert (data.other_answers, data.others) == (3, 3 + 2 + 1)
    assert data.unanswered == 1 and data.n == len(answers) + 1
    assert sum(a.count for a in data.answers) + data.others + data.unanswered == data.n


def test_matching_pairs_chosen_per_left_item(quiz: Quiz) -> None:
    answers: list[dict[str, str]] = [
        {"a": "a", "b": "b"},
        {"a": "a", "b": "b"},
        {"a": "b", "b": "a"},
        {"a": "c", "b": "b"},
        {"a": "a"},
    ]
    results = [graded(quiz, {"clauses": a}) for a in answers]
    results.append(graded(quiz, {"clauses": {"a": "zzz"}}))  # invalid: not counted as pairs
    data = stats_of(quiz, results, "clauses").matches
    assert isinstance(data, Matches) and (data.n, data.invalid, data.unanswered) == (6, 1, 0)
    first, second = data.rows
    assert (first.left, first.text, first.key) == ("a", "Non-compete", "a")
    assert [(o.id, o.text, o.correct, o.count) for o in first.chosen] == [
        ("a", "Stops you joining a competitor", True, 3),
        ("b", "Paid notice away from work", False, 1),
        ("c", "Repay a bonus", False, 1),
    ]
    assert [(o.id, o.count) for o in second.chosen] == [("b", 3), ("a", 1)]
    assert second.blank == 1 and first.blank == 0


def test_bare_grade_results_give_no_breakdown(quiz: Quiz) -> None:
    result = GradeResult.model_validate(graded(quiz, {"walk": "batna"}).to_json_dict())
    (stats,) = analyse([result], {quiz.id: quiz}).quizzes
    walk = next(q for q in stats.questions if q.id == "walk")
    assert walk.written is not None and walk.written.n == 0 and walk.written.answers == ()


def test_json_carries_the_breakdowns(quiz: Quiz) -> None:
    results = [
        graded(quiz, {"walk": "walkaway point", "hours": "x", "clauses": {"a": "b"}}),
        graded(quiz, {"walk": "BATNA", "hours": 90, "clauses": {"a": "a", "b": "b"}}),
    ]
    out = summary_json(analyse(results, {quiz.id: quiz}))
    questions = {q["id"]: q for q in out["quizzes"][0]["questions"]}
    assert questions["walk"]["written"]["answers"][0] == {
        "answer": "batna",
        "count": 1,
        "score_low": 1.0,
        "score_high": 1.0,
        "understood": True,
    }
    unread = questions["hours"]["written"]["answers"][1]
    assert unread["answer"] == NOT_UNDERSTOOD and unread["examples"] == ["x"]
    assert unread["understood"] is False
    items = questions["clauses"]["matches"]["items"]
    assert items[0] == {
        "left": "a",
        "key": "a",
        "blank": 0,
        "chosen": [{"right": "a", "correct": True, "count": 1},
                   {"right": "b", "correct": False, "count": 1}],
    }  # fmt: skip
    assert "written" not in questions["clauses"] and "matches" not in questions["walk"]


class Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_hostile_learner_text_shows_as_text(quiz: Quiz) -> None:
    hostile = "<script>alert(1)</script>"
    results = [
        graded(quiz, {"walk": hostile, "hours": '<img src=x onerror="alert(1)">'}, hostile)
        for _ in range(3)
    ]
    html = render_html(analyse(results, {quiz.id: quiz}))
    parser = Text()
    parser.feed(html)
    assert "script" not in parser.tags and "img" not in parser.tags
    text = "".join(parser.text)
    # Shown as typed (normalised): in the table, the hint, and as the learner's name.
    assert "<script>alert(1)</script>" in text
    assert "wrote '<script>alert(1)</script>', scored 0" in text
    assert '“<img src=x onerror="alert(1)">”' in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
