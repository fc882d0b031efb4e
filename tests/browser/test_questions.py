"""Every question type answered right and wrong, with the keyboard only and with the mouse."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from qe_browser import (
    QUIZ,
    RIGHT,
    WRONG,
    OpenPage,
    active_matches,
    answer_by_keyboard,
    answer_by_mouse,
    question,
    stored,
    tab_to,
)

pytestmark = pytest.mark.browser

TYPES = {
    "pick-one": "single",
    "pick-many": "multiple",
    "tf": "true_false",
    "word": "short_text",
    "days": "numeric",
    "steps": "ordering",
    "pairs": "matching",
}
# What each question must say after a right (True) or a wrong (False) answer.
FEEDBACK = {
    ("pick-one", True): "Yes, the range anchors everything else.",
    ("pick-one", False): "Correct answer",
    ("pick-many", True): "Both can be priced.",
    ("pick-many", False): "Pleasant but hard to price.",
    ("tf", False): "Ask for it in writing.",
    ("word", False): "An accepted answer: walk-away point",
    ("days", False): "The answer: 20 days.",
    ("steps", False): "Belongs at position 1",
    ("pairs", False): "Should be: Retirement",
}


@pytest.mark.parametrize("right", [True, False], ids=["right", "wrong"])
@pytest.mark.parametrize("method", ["keyboard", "mouse"])
def test_each_type_checked_then_quiz_submitted(page: Page, method: str, right: bool) -> None:
    answers = RIGHT if right else WRONG
    for qid, kind in TYPES.items():
        q = question(page, qid)
        if method == "keyboard":
            answer_by_keyboard(page, qid, kind, answers[qid])
            if kind in ("short_text", "numeric"):
                page.keyboard.press("Enter")  # checks, as a one-line form would
            else:
                tab_to(page, f"#qe-{QUIZ}-{qid} [data-act=check]")
                page.keyboard.press("Enter")
            assert active_matches(page, f"#qe-{QUIZ}-{qid}-res")  # focus follows the result
        else:
            answer_by_mouse(page, qid, kind, answers[qid])
            q.locator("[data-act=check]").click()
        status = q.locator(".qe-res .qe-st")
        expect(status).to_contain_text("✓ Correct: 1 of" if right else "✗ Incorrect: 0 of")
        expect(q).to_have_attribute("data-status", "correct" if right else "incorrect")
        if (qid, right) in FEEDBACK:
            expect(q).to_contain_text(FEEDBACK[qid, right])
        expect(q.locator("[data-act=check]")).to_be_hidden()
    expect(question(page, "pick-one").locator(".qe-expl")).to_be_visible()
    expect(page.locator(f"#qe-{QUIZ} .qe-live")).to_contain_text("Question 7:")

    submit = page.locator(f"#qe-{QUIZ} [data-act=submit]")
    if method == "keyboard":
        tab_to(page, f"#qe-{QUIZ} [data-act=submit]")
        page.keyboard.press("Enter")
    else:
        submit.click()
    summary = page.locator(f"#qe-{QUIZ}-sum")
    expected = "You scored 7 of 7 points (100%). ✓ Passed" if right else "✗ Not passed yet"
    expect(summary).to_contain_text(expected)
    expect(page.locator(f"#qe-{QUIZ} .qe-live")).to_contain_text("You scored")
    assert stored(page)["attempts"] == 1
    expect(submit).to_be_hidden()
    expect(page.locator(f"#qe-{QUIZ} [data-act=retry]")).to_be_visible()


def test_retry_reshuffles_and_clears(page: Page) -> None:
    for qid, kind in TYPES.items():
        answer_by_mouse(page, qid, kind, RIGHT[qid])
    page.locator("[data-act=submit]").click()
    before = stored(page)
    page.locator("[data-act=retry]").click()
    after = stored(page)
    assert after["attempts"] == 1 and not after["submitted"]
    assert after["answers"] == {}  # a fresh shuffle of the ordering is not an answer
    assert after["order"]["steps"] != ["a", "b", "c", "d"]
    assert after["order"] != before["order"]
    expect(page.locator(".qe-res").first).to_be_hidden()
    expect(page.locator(".qe-mark")).to_have_count(0)
    expect(question(page, "pick-one").locator("input").first).to_be_enabled()


def test_learner_text_is_never_html(page: Page) -> None:
    payload = '<img src=x onerror="window.qeHacked=1">'
    for qid in ("word", "days"):
        answer_by_mouse(page, qid, "short_text", payload)
        question(page, qid).locator("[data-act=check]").click()
    expect(question(page, "days")).to_contain_text(f"'{payload}' was not understood as a number")
    assert page.locator(".qe-quiz img").count() == 0
    assert page.evaluate("window.qeHacked") is None
    # The prompt's literal </script> did not end the data block early.
    expect(question(page, "pick-one").locator(".qe-prompt")).to_contain_text("</script>")


def test_hint_on_request_and_exam_mode(open_page: OpenPage) -> None:
    page = open_page("chapter/types/")
    hint = question(page, "pick-one").locator(".qe-hint")
    expect(hint.get_by_text("budgeted")).to_be_hidden()
    hint.locator("summary").click()
    expect(hint.get_by_text("budgeted")).to_be_visible()

    exam = open_page("chapter/exam/")
    shown = exam.locator("#qe-exam .qe-q:not([hidden])")
    expect(shown).to_have_count(2)  # draw: 2
    expect(exam.locator("#qe-exam [data-act=check]")).to_have_count(0)
    first = shown.first.locator("input").first
    if first.get_attribute("type") == "text":
        first.fill("200")
    else:
        first.check()
    expect(exam.locator("#qe-exam .qe-res:not([hidden])")).to_have_count(0)
    exam.locator("#qe-exam [data-act=submit]").click()
    expect(exam.locator("#qe-exam .qe-res:not([hidden])")).to_have_count(2)
    assert stored(exam, "exam")["presented"] == [q.get_attribute("data-qid") for q in shown.all()]


def test_an_untouched_ordering_is_not_an_answer_until_checked(page: Page) -> None:
    """Its shuffled start is never the right order, so counting it gave points for nothing."""
    assert "steps" not in stored(page)["answers"]
    page.locator(f"#qe-{QUIZ} [data-act=submit]").click()
    expect(page.locator(f"#qe-{QUIZ}-sum")).to_contain_text("You scored 0 of 7 points")
    expect(question(page, "steps")).to_have_attribute("data-status", "unanswered")


def test_checking_an_ordering_answers_with_the_order_shown(page: Page) -> None:
    shown = (
        question(page, "steps")
        .locator("li[data-id]")
        .evaluate_all("items => items.map(i => i.dataset.id)")
    )
    question(page, "steps").locator("[data-act=check]").click()
    expect(question(page, "steps").locator(".qe-res .qe-st")).to_contain_text("of 1 point")
    assert stored(page)["answers"]["steps"] == shown


def test_checking_without_an_answer_says_so_on_screen(page: Page) -> None:
    q = question(page, "word")
    q.locator("[data-act=check]").click()
    expect(q.locator(".qe-res")).to_have_text("No answer yet: answer the question, then check it.")
    expect(q.locator("input[type=text]")).to_be_enabled()  # nothing was locked
    q.locator("input[type=text]").fill("walk-away point")
    expect(q.locator(".qe-res")).to_be_hidden()
    q.locator("[data-act=check]").click()
    expect(q.locator(".qe-res .qe-st")).to_contain_text("✓ Correct")
