"""One quiz open in two tabs of the same browser: neither tab ever erases the other's work.

Both tabs are real pages in one browser context, so they share localStorage and see each
other's `storage` events, exactly as a learner's two tabs do.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect
from qe_browser import QUIZ, RIGHT, OpenPage, answer_by_mouse, flush, question, stored

pytestmark = pytest.mark.browser

KINDS = {
    "pick-one": "single",
    "pick-many": "multiple",
    "tf": "true_false",
    "word": "short_text",
    "days": "numeric",
    "steps": "ordering",
    "pairs": "matching",
}
# A tab that has not heard of the other's save yet (a frozen background tab, or the event
# still on its way): the check made before every save is then all that protects the record.
DEAF = "addEventListener('storage', e => e.stopImmediatePropagation(), true)"


def _second_tab(first: Page, errors: list[str]) -> Page:
    """Another tab in the first one's browser context (same storage), on the same quiz."""
    tab = first.context.new_page()
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    tab.goto("chapter/types/")
    return tab


def _submit_all_right(tab: Page) -> None:
    for qid, kind in KINDS.items():
        answer_by_mouse(tab, qid, kind, RIGHT[qid])
    tab.locator(f"#qe-{QUIZ} [data-act=submit]").click()
    expect(tab.locator(f"#qe-{QUIZ}-sum")).to_contain_text("You scored 7 of 7 points")


def _assert_submission_kept(record: dict[str, Any]) -> None:
    assert record["submitted"] is True
    assert record["attempts"] == 1
    assert record["best"]["percent"] == 100 and record["best"]["passed"] is True
    assert record["last"] == record["best"]
    assert record["answers"]["tf"] is RIGHT["tf"]


def _assert_progress_page(tab: Page, attempts: int = 1) -> None:
    tab.goto("progress/")
    row = tab.locator(f"tr[data-quiz={QUIZ}]")
    expect(row).to_contain_text("100% (7 of 7 points)")
    expect(row).to_contain_text("✓ Passed")
    expect(row.locator("td").last).to_have_text(str(attempts))


def test_a_stale_tab_saving_never_undoes_a_submission(open_page: OpenPage) -> None:
    a = open_page("chapter/types/")
    a.add_init_script(DEAF)
    a.reload()
    answer_by_mouse(a, "tf", "true_false", True)  # an answer from before, then left open
    flush(a)
    errors: list[str] = []
    b = _second_tab(a, errors)
    expect(question(b, "tf").locator("input[value=true]")).to_be_checked()
    _submit_all_right(b)
    _assert_submission_kept(stored(b))

    # Tab A never heard of it: it edits an answer, and its save reads the record first.
    answer_by_mouse(a, "word", "short_text", "something else")
    flush(a)
    _assert_submission_kept(stored(a))
    assert stored(a)["answers"]["word"] == RIGHT["word"]
    # ...and it now shows the submission instead of the stale attempt, and says why.
    expect(a.locator(f"#qe-{QUIZ} .qe-note")).to_contain_text("in another tab or window")
    expect(a.locator(f"#qe-{QUIZ}-sum")).to_contain_text("You scored 7 of 7 points")
    expect(question(a, "word").locator("input")).to_have_value(RIGHT["word"])
    expect(question(a, "word").locator("input")).to_be_disabled()
    _assert_progress_page(a)
    assert not errors, errors


def test_an_open_tab_shows_a_submission_made_in_another(open_page: OpenPage) -> None:
    a = open_page("chapter/types/")
    errors: list[str] = []
    b = _second_tab(a, errors)
    _submit_all_right(b)
    # No action in tab A: the storage event alone brings the result in.
    expect(a.locator(f"#qe-{QUIZ}-sum")).to_contain_text("You scored 7 of 7 points")
    expect(a.locator(f"#qe-{QUIZ} .qe-note")).to_contain_text("in another tab or window")
    expect(a.locator(f"#qe-{QUIZ} [data-act=retry]")).to_be_visible()
    # A new attempt started in tab A reaches tab B the same way; the record keeps the count.
    a.locator(f"#qe-{QUIZ} [data-act=retry]").click()
    expect(b.locator(f"#qe-{QUIZ} [data-act=submit]")).to_be_visible()
    expect(b.locator(f"#qe-{QUIZ}-sum")).to_be_hidden()
    record = stored(b)
    assert record["submitted"] is False and record["attempts"] == 1
    assert record["best"]["percent"] == 100
    # "Mark chapter as complete" follows too, so a click in tab A never undoes tab B's.
    b.locator(".qe-complete button").click()
    expect(a.locator(".qe-complete button")).to_have_attribute("aria-pressed", "true")
    # A second submission elsewhere: tab A follows again, and says so once, not twice.
    b.locator(f"#qe-{QUIZ} [data-act=submit]").click()
    expect(a.locator(f"#qe-{QUIZ} [data-act=retry]")).to_be_visible()
    expect(a.locator(f"#qe-{QUIZ} .qe-note p")).to_have_count(1)
    _assert_progress_page(b, attempts=2)
    assert not errors, errors


def test_edits_to_different_questions_in_two_tabs_both_survive(open_page: OpenPage) -> None:
    a = open_page("chapter/types/")
    a.add_init_script(DEAF)
    a.reload()
    errors: list[str] = []
    b = _second_tab(a, errors)
    b.add_init_script(DEAF)
    b.reload()
    answer_by_mouse(a, "pick-one", "single", "b")
    flush(a)
    answer_by_mouse(b, "word", "short_text", "walk-away point")
    flush(b)
    answer_by_mouse(a, "days", "numeric", "20")
    flush(a)
    answers = stored(a)["answers"]
    assert answers["pick-one"] == "b" and answers["word"] == "walk-away point"
    assert answers["days"] == "20"
    # The same question edited in both: the later save keeps its tab's latest edit.
    answer_by_mouse(b, "pick-one", "single", "c")
    flush(b)
    assert stored(b)["answers"]["pick-one"] == "c"
    assert not errors, errors
