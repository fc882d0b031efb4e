"""Free mode in a real browser: the part model reaches star.js, also after instant navigation."""

from __future__ import annotations

from playwright.sync_api import expect
from qe_browser import OpenPage

from quizengine.star import detect_parts

TEXT = (
    "I was running the front desk at a small hotel when our booking system went down."
    " Forty guests were due that evening and nobody knew which rooms were free."
    " I printed the last backup of the room list and called each guest to confirm."
    " Everyone had a room by nine, and the manager asked me to write up the steps."
)


def test_free_mode_splits_the_answer_as_python_does(open_page: OpenPage) -> None:
    page = open_page("")
    page.wait_for_load_state("networkidle")  # Material's instant navigation is set up
    page.evaluate("window.sameDocument = true")
    page.get_by_role("link", name="Every question type").first.click()
    expect(page.locator("[data-qe-on]").first).to_be_attached()
    page.get_by_role("link", name="STAR practice").last.click()
    box = page.locator("#qe-star-free[data-qe-on]")
    expect(box).to_be_attached()
    assert page.evaluate("window.sameDocument")  # the scripts were re-run, not reloaded
    box.locator("textarea").fill(TEXT)
    box.locator("[data-act=check]").click()
    expect(box).to_contain_text("How your answer was split into parts")
    expect(box.locator("dd")).to_have_text(list(detect_parts(TEXT).values()))
