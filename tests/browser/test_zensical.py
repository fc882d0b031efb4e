"""The course as `zensical build` makes it: no MkDocs plugin runs there, so the quiz pages
carry the client inline. Quizzes must work all the same, after instant navigation too, and
keep progress across a reload."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect
from qe_browser import OpenPage

pytestmark = pytest.mark.browser


def _answer_true_false(page: Page, quiz_id: str) -> Locator:
    """Answer the quiz's first presented true/false or single-choice question with the keyboard
    and check it (a quiz with `draw` may leave every true/false question out of an attempt)."""
    quiz = page.locator(f".qe-quiz[data-quiz-id='{quiz_id}']")
    expect(quiz).to_have_attribute("data-qe-on", "")
    question = quiz.locator(
        ".qe-q:is([data-type=true_false],[data-type=single]):not([hidden])"
    ).first
    question.locator("input").first.focus()
    page.keyboard.press("Space")
    question.locator("[data-act=check]").focus()
    page.keyboard.press("Enter")
    expect(question.locator(".qe-res .qe-st")).to_have_text(
        re.compile(r"^. (Correct|Incorrect): \d+ of \d+ points?\.$")
    )
    return question


def test_a_quiz_works_and_its_progress_survives_a_reload(open_zensical: OpenPage) -> None:
    page = open_zensical("benefits/research/")
    question = _answer_true_false(page, "research")
    status = question.get_attribute("data-status")
    assert status in ("correct", "incorrect")
    assert (
        page.evaluate(
            "performance.getEntriesByType('resource')"
            ".filter(e => e.name.includes('quizengine')).length"
        )
        == 0
    )
    page.reload()
    again = page.locator(f"#{question.get_attribute('id')}")
    expect(again).to_have_attribute("data-status", status)
    expect(again.locator("input:checked")).to_have_count(1)


def test_instant_navigation_mounts_the_next_widget(open_zensical: OpenPage) -> None:
    # Under Zensical the module's chapters are reached from the landing page's links: the
    # navigation entries for them come from the plugin, which does not run there.
    page = open_zensical("benefits/")
    # Instant navigation starts once the theme has fetched sitemap.xml; a click before that
    # is an ordinary page load.
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")
    page.locator("article a[href$='/research/']").first.click()
    _answer_true_false(page, "research")
    page.locator("nav a[href$='/progress/']:visible").first.click()
    row = page.locator(".qe-progress tr[data-quiz='research']")
    expect(row.locator("td").nth(1)).to_have_text("In progress")
    assert page.evaluate("window.__sameDocument") is True  # instant, not a full reload


def test_the_star_self_review_works_inline(open_zensical: OpenPage) -> None:
    page = open_zensical("benefits/star-method/")
    question = page.locator(".qe-q[data-type='star']").first
    expect(question.locator("xpath=ancestor::section[@data-qe-on]")).to_have_count(1)
    situation = "Last year I was a new analyst at a small firm, and my offer had no budget."
    question.locator("textarea").first.fill(situation)
    expect(question.locator(".qe-total")).to_have_text(re.compile(r"^\d+ words so far"))
    question.locator("[data-act=check]").click()
    expect(question.locator(".qe-res")).to_contain_text("Missing or too short")
