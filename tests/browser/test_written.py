"""A `text` question answered in the page (write, check, rate against the rubric, check
again, submit) and a multiple-choice question with option weights."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from qe_browser import OpenPage, flush, question, stored

pytestmark = pytest.mark.browser

QUIZ = "written"
ANSWER = "Could we agree on two remote days a week? I would do the reports at home."


@pytest.fixture
def written(open_page: OpenPage) -> Page:
    return open_page("chapter/written/")


def test_a_written_answer_is_rated_after_checking(written: Page) -> None:
    ask = question(written, "ask", QUIZ)
    rubric = ask.locator(".qe-rub")
    expect(rubric).to_be_hidden()  # rated beside the example, not while writing
    ask.locator("textarea").fill(ANSWER)
    ask.locator("[data-act=check]").click()
    expect(ask.locator(".qe-st")).to_contain_text("Checked, not scored yet")
    expect(rubric).to_be_visible()
    expect(ask.locator(".qe-ex")).to_contain_text("Could we agree on two remote days")
    ask.get_by_label("Names the exact ask").check()
    ask.get_by_label("Ends with a question").check()
    ask.locator("[data-act=check]").click()
    expect(ask.locator(".qe-st")).to_contain_text("◐ Partly correct: 0.67 of 1 point.")
    flush(written)
    assert stored(written, QUIZ)["answers"]["ask"] == {"text": ANSWER, "met": ["a", "c"]}
    # The learner's text is never HTML, and the saved answer comes back on reload.
    written.reload()
    ask = question(written, "ask", QUIZ)
    expect(ask.locator("textarea")).to_have_value(ANSWER)
    expect(ask.get_by_label("Ends with a question")).to_be_checked()
    expect(ask.get_by_label("Says what it is worth to the employer")).not_to_be_checked()


def test_a_short_answer_scores_zero_whatever_is_ticked(written: Page) -> None:
    ask = question(written, "ask", QUIZ)
    ask.locator("textarea").fill("<b>Two days?</b>")
    ask.locator("[data-act=check]").click()
    for label in ("Names the exact ask", "Ends with a question"):
        ask.get_by_label(label).check()
    ask.locator("[data-act=check]").click()
    expect(ask.locator(".qe-st")).to_contain_text("✗ Incorrect: 0 of 1 point.")
    expect(ask.locator(".qe-res")).to_contain_text(
        "Your answer has 4 words; write at least 8 for your rubric ticks to count."
    )
    assert ask.locator(".qe-res b").count() == 0


def test_weighted_options_and_submitting_an_unrated_answer(written: Page) -> None:
    perks = question(written, "perks", QUIZ)
    expect(perks.locator(".qe-tip")).to_contain_text("Each right choice earns its share")
    perks.get_by_label("Remote days").check()
    perks.locator("[data-act=check]").click()
    expect(perks.locator(".qe-st")).to_contain_text("◐ Partly correct: 0.5 of 1 point.")
    expect(perks.locator(".qe-res, .qe-ofb").first).to_be_visible()
    ask = question(written, "ask", QUIZ)
    ask.locator("textarea").fill(ANSWER)
    written.locator(f"#qe-{QUIZ} [data-act=submit]").click()
    summary = written.locator(f"#qe-{QUIZ} .qe-sum")
    expect(summary).to_contain_text("You scored 0.5 of 2 points (25%)")
    expect(summary).to_contain_text("You submitted a written answer without rating it")
    expect(ask.locator(".qe-st")).to_contain_text("Submitted without rating your answer")
    expect(ask.locator("textarea")).to_be_disabled()
    written.locator(f"#qe-{QUIZ} [data-act=retry]").click()
    expect(ask.locator("textarea")).to_have_value(ANSWER)  # the writing is kept
    expect(ask.locator(".qe-rub")).to_be_hidden()


def test_instant_navigation_mounts_the_quiz_when_text_js_arrives_last(
    open_page: OpenPage,
) -> None:
    page = open_page("chapter/numbers/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.sameDocument = true")

    def late(route):  # type: ignore[no-untyped-def]
        page.wait_for_timeout(800)  # quizengine.js, cached, runs first
        route.continue_()

    page.route("**/text.js*", late)
    page.get_by_role("link", name="Written answers").first.click()
    quiz = page.locator(f"#qe-{QUIZ}[data-qe-on]")
    expect(quiz).to_be_attached()
    assert page.evaluate("window.sameDocument")  # Material swapped the page in place
    expect(quiz.locator(".qe-warn")).to_have_count(0)
    ask = question(page, "ask", QUIZ)
    ask.locator("textarea").fill(ANSWER)
    ask.locator("[data-act=check]").click()
    expect(ask.locator(".qe-st")).to_contain_text("Checked, not scored yet")
