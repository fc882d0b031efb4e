"""STAR coaching tells the truth about the score (issue 10): no score before the learner has
rated, each rating shown as chosen and counted with the reason, and a story told as what the
learner would do cannot pass, however it is rated. Driven with the keyboard where it matters.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from qe_browser import OpenPage
from test_pages import AXE_RUN

QUIZ = "#qe-star-structured"
SETTING = {
    "situation": "Last year our hiring process was slow and good candidates dropped out.",
    "task": "My manager asked me to find a way to make hiring faster.",
}
WOULD = {
    **SETTING,
    "action": "I would ask my manager for a bigger budget. I would then call every agency on"
    " our list. I would also set up a weekly review with the team.",
    "result": "After two weeks my manager said yes and everyone was happy with it.",
}
STRONG = {
    **SETTING,
    "action": "I mapped every step of our process with the recruiters. I found that approvals"
    " took nine days, so I proposed one weekly approval meeting. I ran the first meetings"
    " myself and I wrote a short checklist for the hiring managers.",
    "result": "Time to hire fell from 41 to 26 days, and two more candidates accepted our"
    " offers that quarter. I learned to measure a process before changing it.",
}


def write(box: Locator, story: dict[str, str]) -> None:
    for part, text in story.items():
        box.locator(f"textarea[data-k={part}]").fill(text)


def rate_top_by_keyboard(page: Page, box: Locator) -> None:
    """Space picks the first level, the arrow keys move up the scale: no mouse involved."""
    for criterion in box.locator(".qe-crit").all():
        radios = criterion.locator("input[type=radio]")
        radios.first.focus()
        page.keyboard.press("Space")
        for _ in range(radios.count() - 1):
            page.keyboard.press("ArrowDown")
        expect(radios.last).to_be_checked()


def check_by_keyboard(page: Page, box: Locator) -> None:
    box.locator("[data-act=check]").focus()
    page.keyboard.press("Enter")


def test_no_score_is_shown_before_the_learner_has_rated(open_page: OpenPage) -> None:
    page = open_page("chapter/star/")
    box = page.locator(QUIZ)
    write(box, STRONG)
    check_by_keyboard(page, box)
    status = box.locator(".qe-res .qe-st").first
    expect(status).to_have_text(re.compile(r"^Checked, not scored yet: rate your answer"))
    expect(box.locator(".qe-res")).not_to_contain_text("Partly correct")
    expect(box.locator(".qe-res")).not_to_contain_text(re.compile(r"\d of \d+ points?"))
    expect(box.locator(".qe-res")).to_contain_text("✓ Your action tells what you did")


def test_a_hypothetical_story_rated_top_does_not_pass_and_says_why(open_page: OpenPage) -> None:
    page = open_page("chapter/star/")
    box = page.locator(QUIZ)
    write(box, WOULD)
    check_by_keyboard(page, box)
    res = box.locator(".qe-res")
    expect(res).to_contain_text("This story cannot pass yet, whatever your rating.")
    rate_top_by_keyboard(page, box)
    check_by_keyboard(page, box)
    expect(res.locator(".qe-st").first).to_have_text("◐ Partly correct: 0.5 of 1 point.")
    expect(res).to_contain_text("This story cannot pass yet, whatever your rating.")
    expect(res).to_contain_text(
        "You rated Action 3; it counts as 1 because your action tells what you would do,"
        " not what you did."
    )
    expect(res).to_contain_text(
        "You rated Result 3; it counts as 1 because your result states no measured outcome."
    )
    expect(res).to_contain_text("✓ You rated Example 3 of 3: it counts in full.")
    expect(res).to_contain_text("Your result's only number ('two') says when something happened")
    box.locator("[data-act=submit]").click()
    expect(box.locator(".qe-sum .qe-st")).to_contain_text("✗ Not passed yet")


def test_a_strong_story_rated_top_passes_without_nagging(open_page: OpenPage) -> None:
    page = open_page("chapter/star/")
    box = page.locator(QUIZ)
    write(box, STRONG)
    rate_top_by_keyboard(page, box)
    check_by_keyboard(page, box)
    res = box.locator(".qe-res")
    expect(res.locator(".qe-st").first).to_have_text("✓ Correct: 1 of 1 point.")
    expect(res).not_to_contain_text("cannot pass")
    expect(res).not_to_contain_text("counts as")
    expect(res.locator("li", has_text="✗")).to_have_count(0)
    expect(res.locator(".qe-warn")).to_have_count(0)
    expect(res.locator("li", has_text="it counts in full.")).to_have_count(6)
    box.locator("[data-act=submit]").click()
    expect(box.locator(".qe-sum .qe-st")).to_contain_text("✓ Passed")


def test_rubric_levels_show_their_number_in_dark_mode_too(open_page: OpenPage) -> None:
    page = open_page("chapter/star/", color_scheme="dark")
    box = page.locator(QUIZ)
    level = box.locator(".qe-crit").first.locator("label").last
    expect(level).to_have_text(re.compile(r"^3 One specific event"))
    badge = level.locator(".qe-lv")
    text, fill = badge.evaluate(
        "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]"
    )
    assert text != fill  # Material's variables: the number stays readable in either scheme


def test_submitting_unrated_shows_no_question_score_and_says_how_to_rate(
    open_page: OpenPage,
) -> None:
    page = open_page("chapter/star/")
    box = page.locator(QUIZ)
    write(box, STRONG)
    box.locator("[data-act=submit]").click()
    status = box.locator(".qe-res .qe-st").first
    expect(status).to_have_text(re.compile(r"^Submitted without a full rating"))
    expect(box.locator(".qe-res")).not_to_contain_text("Partly correct")
    box.locator("[data-act=retry]").click()
    rate_top_by_keyboard(page, box)
    check_by_keyboard(page, box)
    expect(status).to_have_text("✓ Correct: 1 of 1 point.")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_in_the_coaching(
    open_page: OpenPage, axe_script: Path, scheme: str
) -> None:
    """The gate warning, the ratings and the numbered levels, in both colour schemes."""
    page = open_page("chapter/star/", color_scheme=scheme)
    box = page.locator(QUIZ)
    write(box, WOULD)
    rate_top_by_keyboard(page, box)
    check_by_keyboard(page, box)
    expect(box.locator(".qe-res")).to_contain_text("it counts as 1")
    page.add_script_tag(path=str(axe_script))
    assert page.evaluate(AXE_RUN) == []
