"""A quiz that draws from a question bank, in real Chromium: each attempt shows the quiz's own
question plus so many from each bank entry, and a new attempt draws again from the bank."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, expect
from qe_browser import SITE_SOURCE, OpenPage

from quizengine.loader import load_quiz

pytestmark = pytest.mark.browser

QUIZ = load_quiz(SITE_SOURCE / "quizzes" / "banked.yaml")
ODD = {f"claim-{n}" for n in (1, 3, 5, 7)}
EVEN = {f"claim-{n}" for n in (2, 4, 6, 8)}
TRIES = 8  # C(4,2) x 4 = 24 sets: eight retries all drawing the first is very unlikely


def presented(quiz: Locator) -> list[str]:
    ids: list[str] = quiz.locator(".qe-q:not([hidden])").evaluate_all(
        "els => els.map(e => e.dataset.qid)"
    )
    return ids


def check_attempt(ids: list[str]) -> None:
    assert len(ids) == 4 and len(set(ids)) == 4, ids
    assert "own" in ids
    assert len(ODD.intersection(ids)) == 2 and len(EVEN.intersection(ids)) == 1, ids


def test_each_attempt_draws_from_the_bank_and_a_retry_draws_again(open_page: OpenPage) -> None:
    assert QUIZ.presented_count() == 4 and len(QUIZ.questions) == 9
    page = open_page("chapter/banks/")
    quiz = page.locator(".qe-quiz[data-quiz-id='banked']")
    expect(quiz).to_have_attribute("data-qe-on", "")
    expect(quiz.locator(".qe-info")).to_contain_text("4 of 9 questions, drawn afresh")
    first = presented(quiz)
    check_attempt(first)

    page.reload()  # the attempt is kept, not redrawn, when the page is opened again
    quiz = page.locator(".qe-quiz[data-quiz-id='banked']")
    expect(quiz).to_have_attribute("data-qe-on", "")
    assert presented(quiz) == first

    attempts = []
    for _ in range(TRIES):
        quiz.locator("[data-act=submit]").click()
        expect(quiz.locator(".qe-sum .qe-st")).to_have_text(re.compile(r"^You scored 0 of 4"))
        quiz.locator("[data-act=retry]").click()
        again = presented(quiz)
        check_attempt(again)
        attempts.append(again)
        if set(again) != set(first):
            break
    assert any(set(a) != set(first) for a in attempts), (first, attempts)
