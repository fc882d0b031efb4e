"""The HTML report: self-contained, accessible, escaped, and stable (golden file)."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from quizengine import GradeResult, Quiz, grade, load_quiz
from quizengine.models import Response
from quizengine.report import Analysis, Problem, analyse, collect, render_html, simulate_class

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "report"
GOLDEN = DATA / "golden" / "hand-class.html"
VOID = {"meta", "br", "hr", "img", "input", "link", "line", "rect"}


@pytest.fixture(scope="module")
def hand() -> Analysis:
    quiz = load_quiz(DATA / "quizzes" / "hand-class.yaml")
    results, _ = collect([DATA / "class"], {quiz.id: quiz})
    problems = (Problem("uploads/<b>odd</b>.json", "not valid JSON (line 1, column 1: x)"),)
    return Analysis(analyse(results, {quiz.id: quiz}).quizzes, problems, files=9)


class Checker(HTMLParser):
    """Balanced tags, and a record of what an accessibility review looks for."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unbalanced </{tag}>")


def check(html: str) -> Checker:
    checker = Checker()
    checker.feed(html)
    assert checker.errors == [] and checker.stack == []
    return checker


def test_golden(hand: Analysis) -> None:
    html = render_html(hand)
    if os.environ.get("QE_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(html, "utf-8")
    assert html == GOLDEN.read_text("utf-8"), "run with QE_UPDATE_GOLDEN=1 to accept changes"


def test_structure_and_accessibility(hand: Analysis) -> None:
    html = render_html(hand)
    checker = check(html)
    tags = [tag for tag, _ in checker.tags]
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    assert tags.count("h1") == 1 and tags.count("title") >= 1
    # summary, items, 2 option tables, and the answers typed for the numeric q4
    assert html.count("<table>") == html.count("<caption>") == 5
    svgs = [attrs for tag, attrs in checker.tags if tag == "svg"]
    assert len(svgs) == 3  # the histogram and one chart per choice question
    for attrs in svgs:
        assert attrs["role"] == "img"
        for ident in (attrs["aria-labelledby"] or "").split():
            assert f'id="{ident}"' in html
    headers = [attrs for tag, attrs in checker.tags if tag == "th"]
    assert all(attrs.get("scope") in {"col", "row"} for attrs in headers)


def test_self_contained(hand: Analysis) -> None:
    html = render_html(hand)
    assert "<script" not in html and " src=" not in html and "url(" not in html
    assert re.findall(r"https?://[^\"' ]+", html) == ["http://www.w3.org/2000/svg"] * 3


def test_content(hand: Analysis) -> None:
    html = render_html(hand)
    for text in ("Score distribution of 8 attempts", "Facility", "Discrimination",
                 "Discriminative efficiency", "nobody picks it", "picked more often than the key",
                 "50.0%", "34.2", "69.2%", "7 of 8 attempts came with their answers",
                 "Only 8 attempts"):  # fmt: skip
        assert text in html, text
    # Problem lines are learner-controlled text: escaped, never markup.
    assert "uploads/&lt;b&gt;odd&lt;/b&gt;.json: skipped" in html and "<b>odd" not in html


def test_hostile_titles_are_escaped() -> None:
    quiz = Quiz.model_validate(
        {
            "id": "x",
            "title": "<script>alert(1)</script>",
            "questions": [{"id": "q", "type": "true_false", "prompt": "p", "answer": True}],
        }
    )
    results = [grade(quiz, Response(quiz="x", answers={"q": True}))]
    html = render_html(analyse(results, {"x": quiz}))
    assert "<script>" not in html and "&lt;script&gt;" in html
    check(html)


def test_zero_variance_and_star_sections() -> None:
    star = load_quiz(ROOT / "quizzes" / "benefits" / "star-benefits-request.yaml")
    results: list[GradeResult] = [
        grade(star, Response.model_validate(r)) for r in simulate_class(star, 40, seed=5)
    ]
    analysis = analyse(results, {star.id: star})
    (stats,) = analysis.quizzes
    (review,) = stats.star
    assert [c.id for c in review.checks] == [
        "parts_present", "length", "ownership", "specific", "quantified_result", "action_focus",
    ]  # fmt: skip
    assert review.n <= 40 and all(c.run == review.n for c in review.checks)
    assert review.self_review_share is not None and 0 < review.self_review_share < 1
    assert review.capped_share is not None and 0 <= review.capped_share <= 1
    capped = sum(
        any(r.counted < r.chosen for r in q.ratings or []) for g in results for q in g.questions
    )
    assert review.capped == capped > 0  # the simulated class over-rates some stories
    # One question: the rest of the test is always 0, so discrimination is undefined.
    assert stats.questions[0].discrimination is None
    html = render_html(analysis)
    check(html)
    assert "STAR self-reviews" in html and "quantified result" in html and "undefined" in html
    assert "Rating capped" in html


def test_bare_grade_results_have_no_distractor_counts() -> None:
    quiz = load_quiz(DATA / "quizzes" / "hand-class.yaml")
    results, _ = collect([DATA / "class"], {quiz.id: quiz})
    bare = [GradeResult.model_validate(r.to_json_dict()) for r in results]
    (stats,) = analyse(bare, {quiz.id: quiz}).quizzes
    assert stats.with_answers == 0
    q1 = stats.questions[0]
    assert q1.facility == 50.0 and q1.distractors is not None and q1.distractors.n == 0
    assert {o.flag for o in q1.distractors.options} == {None}
    html = render_html(analyse(bare, {quiz.id: quiz}))
    check(html)
    assert "0 of 8 attempts came with their answers" in html


def test_results_for_an_unknown_quiz_are_a_programming_error() -> None:
    quiz = load_quiz(DATA / "quizzes" / "hand-class.yaml")
    result = grade(quiz, Response(quiz="hand-class", answers={}))
    with pytest.raises(ValueError, match="hand-class"):
        analyse([result], {})
