"""The course's module check in real Chromium: an exam that says nothing until it is submitted,
then shows the score, every explanation and the pass/fail status, and draws a new set of
questions for each new attempt."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import Locator, expect
from qe_browser import ROOT, OpenPage, ids_in_order

from quizengine.loader import load_quiz
from quizengine.models import (
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    ShortTextQuestion,
    SingleQuestion,
    TrueFalseQuestion,
)
from quizengine.modules import load_module_file

pytestmark = pytest.mark.browser

QUIZ = load_quiz(ROOT / "quizzes" / "benefits" / "module-check.yaml")
SHOWN = QUIZ.presented_count()
MODULE = load_module_file(ROOT / "quizzes" / "benefits" / "module.yaml").module
assert MODULE is not None
TRIES = 5  # new attempts to draw a different set: one from each bank makes a repeat unlikely


def reference(question: Question) -> Any:
    """The answer the question itself defines as right, as the page takes it."""
    if isinstance(question, SingleQuestion):
        return next(o.key for o in question.options if o.correct)
    if isinstance(question, MultipleQuestion):
        return sorted(question.correct_ids)
    if isinstance(question, TrueFalseQuestion):
        return question.answer
    if isinstance(question, ShortTextQuestion):
        return max(question.answers, key=lambda a: a.score).text
    if isinstance(question, NumericQuestion):
        return f"{question.answer:g}" + (f" {question.unit}" if question.unit else "")
    if isinstance(question, OrderingQuestion):
        return [item.key for item in question.items]
    assert isinstance(question, MatchingQuestion), question.type
    return question.answer_key()


def answer(q: Locator, kind: str, value: Any) -> None:
    """Answer with the mouse, as a learner would (the page shows options shuffled)."""
    if kind in ("single", "true_false"):
        want = json.dumps(value) if isinstance(value, bool) else value
        q.locator(f".qe-opt[data-id='{want}'] label").click()
    elif kind == "multiple":
        for option in value:
            q.locator(f".qe-opt[data-id='{option}'] label").click()
    elif kind in ("short_text", "numeric"):
        q.locator("input[type=text]").fill(value)
    elif kind == "ordering":
        if ids_in_order(q) == value:  # already shown in order: move one out and back
            q.locator(f"li[data-id='{value[0]}'] [data-act=down]").click()
            q.locator(f"li[data-id='{value[0]}'] [data-act=up]").click()
        for position, item in enumerate(value):
            for _ in range(ids_in_order(q).index(item) - position):
                q.locator(f"li[data-id='{item}'] [data-act=up]").click()
        assert ids_in_order(q) == value
    else:
        for left, right in value.items():
            q.locator(f"select[data-left='{left}']").select_option(right)


def presented(quiz: Locator) -> list[str]:
    """The question ids this attempt shows, in the order shown."""
    ids: list[str] = quiz.locator(".qe-q:not([hidden])").evaluate_all(
        "els => els.map(e => e.dataset.qid)"
    )
    return ids


def assert_nothing_revealed(quiz: Locator) -> None:
    """No result, status, explanation or score anywhere in the quiz."""
    for selector in (".qe-res", ".qe-expl", ".qe-ofb", ".qe-sum"):
        shown = quiz.locator(selector).evaluate_all("els => els.filter(e => !e.hidden).length")
        assert shown == 0, selector
    assert quiz.locator(".qe-q[data-status], .qe-mark").count() == 0
    text = quiz.inner_text()
    assert not re.search(r"\b(Correct|Incorrect|Partly correct|You scored|Passed)\b", text)


def open_check(open_course: OpenPage) -> Locator:
    quiz = open_course("benefits/module-check/").locator(".qe-quiz[data-quiz-id='module-check']")
    expect(quiz).to_have_attribute("data-qe-on", "")
    return quiz


def test_the_pool_is_large_enough_to_draw_afresh() -> None:
    assert QUIZ.exam and QUIZ.shuffle_questions
    assert len(QUIZ.questions) >= 24 and len(QUIZ.questions) >= 1.5 * SHOWN
    for ids, draw in QUIZ.pools():
        assert draw is not None and len(ids) >= 1.5 * draw
    assert all(q.explanation for q in QUIZ.questions)


def test_every_attempt_draws_from_every_chapters_bank() -> None:
    """The bank its practice quiz draws from serves the check too."""
    quizzes = [load_quiz(ROOT / "quizzes" / "benefits" / f"{q}.yaml") for q in MODULE.quizzes]
    practice = [
        q for q in quizzes if q.id != QUIZ.id and all(x.type != "star" for x in q.questions)
    ]
    drawn = [e.name for e in QUIZ.bank or () if e.draw]
    assert len(practice) >= 10 and len(drawn) == len(practice)
    for chapter in practice:
        [bank] = {chapter.origin(q.id) for q in chapter.questions}  # all from one bank
        assert bank in drawn, chapter.id
        assert {q.id for q in chapter.questions} == {
            q.id for q in QUIZ.questions if QUIZ.origin(q.id) == bank
        }


def test_exam_reveals_nothing_until_submitted_then_everything(open_course: OpenPage) -> None:
    quiz = open_check(open_course)
    expect(quiz.locator(".qe-info")).to_contain_text(f"{SHOWN} of {len(QUIZ.questions)} questions")
    expect(quiz.locator(".qe-info")).to_contain_text("exam mode")
    shown = presented(quiz)
    assert len(shown) == SHOWN and len(set(shown)) == SHOWN
    assert {QUIZ.origin(qid) for qid in shown} >= {e.name for e in QUIZ.bank or ()}
    assert quiz.locator("[data-act=check]").count() == 0  # no "Check answer" in exam mode

    for qid in shown:
        question = QUIZ.question(qid)
        assert question is not None
        q = quiz.locator(f".qe-q[data-qid='{qid}']")
        answer(q, question.type, reference(question))
        if question.type in ("short_text", "numeric"):
            q.locator("input[type=text]").press("Enter")  # checks a question outside exam mode
        assert_nothing_revealed(quiz)

    quiz.locator("[data-act=submit]").click()
    summary = quiz.locator(".qe-sum")
    expect(summary).to_be_visible()
    expect(summary.locator(".qe-st")).to_have_text(
        f"You scored {SHOWN} of {SHOWN} points (100%). "
        f"✓ Passed: the pass mark is {QUIZ.pass_mark * 100:g}%."
    )
    expect(summary).to_have_attribute("data-status", "correct")
    for qid in shown:
        q = quiz.locator(f".qe-q[data-qid='{qid}']")
        expect(q.locator(".qe-expl")).to_be_visible()
        expect(q.locator(".qe-res .qe-st")).to_have_text(re.compile(r"^✓ Correct: 1 of 1 point"))
        expect(q).to_have_attribute("data-status", "correct")


def test_a_new_attempt_draws_a_different_set(open_course: OpenPage) -> None:
    quiz = open_check(open_course)
    first = presented(quiz)
    quiz.locator("[data-act=submit]").click()  # nothing answered: a fail, shown as one
    expect(quiz.locator(".qe-sum .qe-st")).to_have_text(
        re.compile(r"^You scored 0 of \d+ points \(0%\)\. ✗ Not passed yet")
    )
    expect(quiz.locator(".qe-sum")).to_have_attribute("data-status", "incorrect")

    sets = []
    for _ in range(TRIES):
        quiz.locator("[data-act=retry]").click()
        again = presented(quiz)
        assert len(again) == SHOWN
        assert_nothing_revealed(quiz)
        sets.append(again)
        if set(again) != set(first):
            break
        quiz.locator("[data-act=submit]").click()
    assert any(set(s) != set(first) for s in sets), (first, sets)
