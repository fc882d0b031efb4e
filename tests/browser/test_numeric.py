"""Numeric answers as people type them (contract v2): what the page reads, and what it does
with an answer it cannot read: it says so, keeps the box open, and records nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from qe_browser import OpenPage, flush, question, stored
from test_pages import AXE_RUN

pytestmark = pytest.mark.browser

QUIZ = "numbers"


@pytest.fixture
def numbers(open_page: OpenPage) -> Page:
    return open_page("chapter/numbers/")


def _check(page: Page, qid: str, typed: str) -> None:
    box = question(page, qid, QUIZ)
    box.locator("input[type=text]").fill(typed)
    box.locator("[data-act=check]").click()


def test_forms_people_type_are_graded(numbers: Page) -> None:
    hours = question(numbers, "hours", QUIZ)
    expect(hours.locator(".qe-unit")).to_have_text("hours")  # the first spelling, beside the box
    _check(numbers, "bonus", "1 900 dollars")
    expect(question(numbers, "bonus", QUIZ).locator(".qe-st")).to_contain_text("✓ Correct")
    hours.locator("input[type=text]").fill("138 hrs")
    hours.locator("input[type=text]").press("Enter")
    expect(hours.locator(".qe-st")).to_contain_text("✓ Correct")


def test_an_unreadable_answer_is_explained_and_not_recorded(numbers: Page) -> None:
    hours = question(numbers, "hours", QUIZ)
    field = hours.locator("input[type=text]")
    _check(numbers, "hours", "about 140")
    expect(hours.locator(".qe-res")).to_contain_text(
        "⚠ 'about 140' was not understood as a number. Nothing was recorded"
    )
    forms = hours.locator(".qe-nan")
    expect(forms).to_be_visible()
    expect(forms).to_contain_text("1 500")
    expect(forms).to_contain_text("“hours”")
    expect(numbers.locator(f"#qe-{QUIZ} .qe-live")).to_contain_text(
        "Question 2: 'about 140' was not understood as a number."
    )
    # Still open: not graded, not locked, not counted as checked.
    expect(field).to_be_editable()
    expect(field).to_be_focused()
    expect(hours.locator("[data-act=check]")).to_be_visible()
    assert hours.get_attribute("data-status") is None
    flush(numbers)
    assert "hours" not in (stored(numbers, QUIZ).get("checked") or [])

    # Corrected, it grades, and the help goes away.
    field.fill("138 h")
    expect(hours.locator(".qe-res")).to_be_hidden()
    hours.locator("[data-act=check]").click()
    expect(hours.locator(".qe-st")).to_contain_text("✓ Correct: 1 of 1 point")
    expect(forms).to_be_hidden()
    expect(field).to_be_disabled()
    assert stored(numbers, QUIZ)["checked"] == ["hours"]


def test_submit_with_an_unreadable_answer_records_nothing(numbers: Page) -> None:
    question(numbers, "bonus", QUIZ).locator("input[type=text]").fill("1,9k")
    question(numbers, "hours", QUIZ).locator("input[type=text]").fill("138 hours")
    submit = numbers.locator(f"#qe-{QUIZ} [data-act=submit]")
    submit.click()
    summary = numbers.locator(f"#qe-{QUIZ}-sum")
    expect(summary).to_contain_text("Question 1: '1,9k' was not understood as a number.")
    expect(summary).to_contain_text("Nothing was submitted: correct it, then submit again.")
    bonus = question(numbers, "bonus", QUIZ).locator("input[type=text]")
    expect(bonus).to_be_focused()
    expect(bonus).to_be_editable()
    expect(submit).to_be_visible()
    flush(numbers)
    saved = stored(numbers, QUIZ)
    assert not saved.get("submitted") and not saved.get("attempts")

    bonus.fill("$1.9k")
    submit.click()
    expect(summary).to_contain_text("You scored 2 of 2 points (100%). ✓ Passed")
    assert stored(numbers, QUIZ)["attempts"] == 1


def test_an_unreadable_draft_survives_a_reload(numbers: Page) -> None:
    """It is the learner's unfinished answer, not saved data that no longer fits the quiz."""
    question(numbers, "hours", QUIZ).locator("input[type=text]").fill("about")
    flush(numbers)
    numbers.reload()
    expect(question(numbers, "hours", QUIZ).locator("input[type=text]")).to_have_value("about")
    expect(numbers.locator(f"#qe-{QUIZ} .qe-note")).to_be_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_in_the_not_understood_state(
    open_page: OpenPage, axe_script: Path, scheme: str
) -> None:
    page = open_page("chapter/numbers/", color_scheme=scheme)
    _check(page, "bonus", "1 900 dollars")
    _check(page, "hours", "lots")
    page.locator(f"#qe-{QUIZ} [data-act=submit]").click()
    expect(question(page, "hours", QUIZ).locator(".qe-nan")).to_be_visible()
    page.add_script_tag(path=str(axe_script))
    assert page.evaluate(AXE_RUN) == []
