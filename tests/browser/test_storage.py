"""Progress that is never lost: reloads, STAR drafts, changed quizzes, corrupt storage."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect
from qe_browser import (
    QUIZ,
    RIGHT,
    WRONG,
    answer_by_mouse,
    flush,
    ids_in_order,
    question,
    stored,
)

pytestmark = pytest.mark.browser

STAR_PARTS = {
    "situation": "Last spring my team lost two people and the workload doubled.",
    "task": "I had to keep our releases on time without burning out.",
    "action": "I asked my manager for a training budget and I planned the handover myself.",
    "result": "We shipped 3 releases on time and I saved 10 hours a week.",
}


def test_reload_mid_quiz_restores_answers_checks_and_order(page: Page) -> None:
    for qid, kind in [("pick-many", "multiple"), ("word", "short_text"), ("pairs", "matching")]:
        answer_by_mouse(page, qid, kind, RIGHT[qid])
    answer_by_mouse(page, "steps", "ordering", WRONG["steps"])
    answer_by_mouse(page, "pick-one", "single", "b")
    question(page, "pick-one").locator("[data-act=check]").click()
    options = ids_in_order(question(page, "pick-one"))
    page.reload()
    assert ids_in_order(question(page, "pick-one")) == options
    expect(question(page, "pick-one").locator(".qe-st")).to_contain_text("✗ Incorrect")
    expect(question(page, "pick-one").locator("input[value=b]")).to_be_checked()
    expect(question(page, "pick-one").locator("input[value=b]")).to_be_disabled()
    expect(question(page, "pick-many").locator("input:checked")).to_have_count(2)
    expect(question(page, "word").locator("input")).to_have_value(RIGHT["word"])
    expect(question(page, "pairs").locator("select[data-left=b]")).to_have_value("b")
    assert ids_in_order(question(page, "steps")) == WRONG["steps"]


@pytest.mark.parametrize("mode", ["structured", "free"])
def test_star_draft_survives_an_immediate_reload(open_page: object, mode: str) -> None:
    page: Page = open_page("chapter/star/")  # type: ignore[operator]
    box = page.locator(f"#qe-star-{mode}")
    if mode == "free":
        box.locator("textarea").click()
        page.keyboard.type(" ".join(STAR_PARTS.values()))
    else:
        for part, text in STAR_PARTS.items():
            box.locator(f"textarea[data-k={part}]").fill(text)
    box.locator(".qe-crit").first.locator("input").last.check()
    expect(box.locator(".qe-total")).to_contain_text("words so far: within the range")
    page.reload()  # no wait: the pending save is flushed on pagehide
    if mode == "free":
        expect(box.locator("textarea")).to_have_value(" ".join(STAR_PARTS.values()))
    else:
        for part, text in STAR_PARTS.items():
            expect(box.locator(f"textarea[data-k={part}]")).to_have_value(text)
        expect(box.locator(f"#qe-star-{mode}-story-action-wc")).to_have_text("14 words")
    expect(box.locator(".qe-crit").first.locator("input").last).to_be_checked()


def test_changed_quiz_keeps_fitting_answers_and_says_so(page: Page) -> None:
    answer_by_mouse(page, "pick-one", "single", "a")
    answer_by_mouse(page, "word", "short_text", "walk-away point")
    flush(page)
    page.evaluate(
        """k => { const s = JSON.parse(localStorage.getItem(k));
        s.version = 'old'; s.answers.gone = 'x'; s.answers['pick-many'] = 'not a list';
        localStorage.setItem(k, JSON.stringify(s)); }""",
        f"qe:v1:quiz:{QUIZ}",
    )
    page.reload()
    note = page.locator(f"#qe-{QUIZ} .qe-note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("This quiz has changed")
    expect(note).to_contain_text("2 of 4 saved answers")  # the two given, two that no longer fit
    expect(question(page, "pick-one").locator("input[value=a]")).to_be_checked()
    expect(question(page, "word").locator("input")).to_have_value("walk-away point")
    state = stored(page)
    assert state["stale"] == {"gone": "x", "pick-many": "not a list"}  # set aside, not erased
    assert state["version"] == page.locator(f"#qe-{QUIZ}").get_attribute("data-version")


@pytest.mark.parametrize("raw", ["{not json", "[1, 2]", '{"quiz": "all-types", "answers": 3}'])
def test_corrupt_storage_is_reported_and_quarantined(page: Page, raw: str) -> None:
    key = f"qe:v1:quiz:{QUIZ}"
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, raw])
    page.reload()
    note = page.locator(f"#qe-{QUIZ} .qe-note")
    expect(note).to_contain_text("could not be read")
    moved = page.evaluate(
        "() => Object.keys(localStorage).filter(k => k.startsWith('qe:quarantine:'))"
    )
    assert len(moved) == 1 and moved[0] in note.inner_text()
    assert page.evaluate("k => localStorage.getItem(k)", moved[0]) == raw
    # The quiz still works and saves afresh.
    answer_by_mouse(page, "tf", "true_false", False)
    question(page, "tf").locator("[data-act=check]").click()
    expect(question(page, "tf").locator(".qe-st")).to_contain_text("✓ Correct")
    assert json.loads(page.evaluate("k => localStorage.getItem(k)", key))["answers"]["tf"] is False
