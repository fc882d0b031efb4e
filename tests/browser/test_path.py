"""The learner's path in the real course: ticks after passing a quiz and after "Mark this page
complete" (and after a reload), "Continue where you left off", My progress's lists of what is
left and done, axe on the module page and My progress, and screenshots at 1280 and 375 px."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect
from qe_browser import OpenPage, tab_to

pytestmark = pytest.mark.browser

MODULE = "benefits/"
NAV = ".md-nav--primary"
AXE_PAGE = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
  .filter(v => ['serious', 'critical'].includes(v.impact))
  .map(v => ({id: v.id, impact: v.impact,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""


def _nav_link(page: Page, slug: str) -> Locator:
    return page.locator(f"{NAV} a.md-nav__link[href$='{slug}/']").first


def _row(page: Page, src: str) -> Locator:
    return page.locator(f".qe-contents tr[data-qe-page='benefits/{src}']")


def _pass_quiz(page: Page, quiz_id: str) -> None:
    """Answer every shown question the quiz's own data says is right (orderings and matchings
    are left as they are: they are few, and the pass mark leaves room), then submit."""
    quiz = page.locator(f".qe-quiz[data-quiz-id='{quiz_id}'][data-qe-on]")
    data: dict[str, Any] = json.loads(
        quiz.locator(".qe-data").evaluate("t => t.content.textContent")
    )
    for q in data["questions"]:
        li = quiz.locator(f".qe-q[data-qid='{q['id']}']")
        if li.is_hidden():
            continue
        kind = q["type"]
        if kind in ("single", "multiple"):
            for option in q["options"]:
                if option["correct"]:
                    li.locator(f"input[value='{option['id']}']").check()
        elif kind == "true_false":
            li.locator(f"input[value='{str(q['answer']).lower()}']").check()
        elif kind == "numeric":
            li.locator("input[type=text]").fill(str(q["answer"]))
        elif kind == "short_text":
            li.locator("input[type=text]").fill(q["answers"][0]["text"])
    quiz.locator("[data-act=submit]").click()
    expect(quiz.locator(".qe-sum .qe-st")).to_contain_text("✓ Passed")


def test_passing_a_quiz_ticks_its_page_at_once_and_after_a_reload(open_course: OpenPage) -> None:
    page = open_course("benefits/timing/")
    link = _nav_link(page, "timing")
    expect(link.locator(".qe-tick")).to_have_count(0)
    _pass_quiz(page, "timing")
    # No reload: the quiz's save tells path.js.
    expect(link.locator(".qe-tick")).to_have_text("✓ (completed)")
    expect(link.locator(".qe-tick [aria-hidden=true]")).to_have_text("✓")
    expect(page.locator(".qe-complete .qe-done-note")).to_have_text(
        "✓ Complete: you passed this page's quiz."
    )
    expect(page.locator(".qe-complete button")).to_have_attribute("aria-pressed", "false")
    page.reload()
    expect(_nav_link(page, "timing").locator(".qe-tick")).to_have_count(1)
    expect(_nav_link(page, "research").locator(".qe-tick")).to_have_count(0)
    page.goto(MODULE)
    row = _row(page, "timing.md")
    expect(row.locator("td a .qe-tick")).to_have_count(1)
    expect(row.locator("[data-qe-quizzes] .qe-tick")).to_have_text("✓ (quiz passed)")
    expect(_row(page, "research.md").locator(".qe-tick")).to_have_count(0)


def test_any_module_page_is_marked_complete_by_keyboard_and_undone(
    open_course: OpenPage, tmp_path: Path
) -> None:
    page = open_course("benefits/glossary/")  # no quiz on it: path.js alone runs here
    assert page.locator(".qe-quiz").count() == 0
    button = page.locator(".qe-complete button")
    expect(button).to_have_text("Mark this page complete")
    expect(button).to_have_attribute("aria-pressed", "false")
    tab_to(page, ".qe-complete button", limit=400)
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-pressed", "true")
    expect(page.locator(".qe-complete .qe-live")).to_have_text("Page marked complete.")
    expect(_nav_link(page, "glossary").locator(".qe-tick")).to_have_count(1)
    page.reload()
    expect(page.locator(".qe-complete button")).to_have_attribute("aria-pressed", "true")
    expect(_nav_link(page, "glossary").locator(".qe-tick")).to_have_count(1)
    page.locator(".qe-complete button").focus()
    page.keyboard.press("Space")  # undo
    expect(page.locator(".qe-complete button")).to_have_attribute("aria-pressed", "false")
    expect(_nav_link(page, "glossary").locator(".qe-tick")).to_have_count(0)
    page.keyboard.press("Space")
    # Kept with the rest of the progress: exported from My progress.
    page.goto("progress/")
    with page.expect_download() as download:
        page.locator("[data-act=export]").click()
    saved = tmp_path / "progress.json"
    download.value.save_as(saved)
    exported = json.loads(saved.read_text())
    assert exported["complete"]["benefits/glossary.md"]["title"].startswith("Glossary")


def test_continue_where_you_left_off(open_course: OpenPage) -> None:
    page = open_course(MODULE)
    cont = page.locator(".qe-continue")
    expect(cont).to_be_hidden()  # nothing started yet
    page.goto("benefits/mutual-interests/")
    page.goto(MODULE)
    expect(cont).to_be_visible()
    link = cont.locator("a")
    expect(link).to_have_text("Continue where you left off: 3. Mutual interests")
    assert (link.get_attribute("href") or "").endswith("/benefits/mutual-interests/")
    page.goto("benefits/mutual-interests/")
    page.locator(".qe-complete button").click()
    page.goto(MODULE)
    # The last page visited is done: the first page not done (the module page aside) is next.
    expect(link).to_have_text("Continue where you left off: 1. Research")
    page.goto("progress/")
    expect(page.locator(".qe-path .qe-continue a")).to_have_text(
        "Continue where you left off: 1. Research"
    )
    page.locator(".qe-path .qe-continue a").click()
    expect(page).to_have_url(re.compile(r"/benefits/research/$"))


def test_my_progress_lists_what_is_left_and_what_is_done(open_course: OpenPage) -> None:
    page = open_course("progress/")
    path = page.locator(".qe-path[data-module='benefits']")
    expect(path).to_be_visible()
    left, did = path.locator(".qe-left > li"), path.locator(".qe-did > li")
    total = left.count()
    assert total == 17  # every page of the module, the module page included
    expect(did).to_have_text(["Nothing yet."])
    expect(path.locator(".qe-continue")).to_be_hidden()
    expect(left.nth(1)).to_contain_text("1. Research (")
    expect(left.nth(1)).to_contain_text(" min calculator + ")
    page.goto("benefits/checklist/")
    page.locator(".qe-complete button").click()
    page.goto("progress/")
    expect(left).to_have_count(total - 1)
    expect(did).to_have_count(1)
    expect(did.first.locator("a")).to_have_text("Offer-day checklist")
    assert (did.first.locator("a").get_attribute("href") or "").endswith("/benefits/checklist/")
    expect(did.first.locator(".qe-tick")).to_have_count(1)
    # The finishing line counts the same way: a chapter is done once its quiz is passed.
    finish = page.locator(".qe-finish span")
    todo = re.fullmatch(r"Still to do: (\d+) to pass, (\d+) to complete\.", finish.inner_text())
    assert todo is not None
    quizzes, pages = int(todo.group(1)), int(todo.group(2))
    page.goto("benefits/timing/")
    _pass_quiz(page, "timing")
    page.goto("progress/")
    expect(finish).to_have_text(f"Still to do: {quizzes - 1} to pass, {pages - 1} to complete.")
    expect(path.locator(".qe-did a")).to_have_text(["2. Timing", "Offer-day checklist"])
    items = path.locator(".qe-left a")
    first = items.nth(1)
    first.click()
    expect(page).to_have_url(re.compile(r"/benefits/research/$"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", [MODULE, "progress/"])
def test_axe_finds_nothing_serious_on_the_module_page_and_my_progress(
    open_course: OpenPage, axe_script: Path, path: str, scheme: str
) -> None:
    page = open_course("benefits/checklist/", color_scheme=scheme)
    page.locator(".qe-complete button").click()  # ticks, lists and the continue link show
    page.goto(path)
    expect(page.locator(".qe-continue").first).to_be_visible()
    page.add_script_tag(path=str(axe_script))
    assert page.evaluate(AXE_PAGE) == []


SHOTS = {
    "module": (MODULE, ".qe-contents"),
    "calculator": ("benefits/research/", ".qe-calc[data-qe-on]"),
    "progress": ("progress/", ".qe-path"),
}


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("name", list(SHOTS))
def test_screenshots(open_course: OpenPage, artifacts: Path, name: str, width: int) -> None:
    """Pictures to look at (test-artifacts/screenshots/), and what must hold in them."""
    folder = artifacts / "screenshots"
    folder.mkdir(exist_ok=True)
    page = open_course("benefits/checklist/", viewport={"width": width, "height": 900})
    page.locator(".qe-complete button").click()
    page.goto("benefits/timing/")
    path, key = SHOTS[name]
    page.goto(path)
    expect(page.locator(key)).to_be_visible()
    if name != "calculator":
        expect(page.locator(".qe-continue").first).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"the {name} page scrolls sideways at {width} px"
    top = folder / f"{name}-{width}-top.png"
    page.screenshot(path=top, animations="disabled")
    # Its top just below Material's fixed header.
    page.locator(key).evaluate("e => { e.scrollIntoView(); scrollBy(0, -70); }")
    shot = folder / f"{name}-{width}.png"
    page.screenshot(path=shot, animations="disabled")
    print(f"screenshots: {top} {shot}")
    assert shot.stat().st_size > 10_000 and top.stat().st_size > 10_000


def test_ticks_show_in_the_drawer_on_a_phone(open_course: OpenPage) -> None:
    page = open_course("benefits/glossary/", viewport={"width": 375, "height": 800})
    page.locator(".qe-complete button").click()
    page.goto(MODULE)
    page.locator("label.md-header__button[for=__drawer]").click()
    link = _nav_link(page, "glossary")
    link.scroll_into_view_if_needed()
    expect(link).to_be_visible()
    expect(link.locator(".qe-tick")).to_be_visible()
    expect(_nav_link(page, "checklist").locator(".qe-tick")).to_have_count(0)


def test_damaged_marks_are_set_aside_never_used_or_lost(open_course: OpenPage) -> None:
    """A `complete` record that is not what this page writes (changed by hand, say) ticks
    nothing and is kept under qe:quarantine: when the next mark is saved; a `visited` record
    naming no page of the module leads nowhere."""
    page = open_course("benefits/glossary/")
    bad = '{"benefits/glossary.md": {"title": {"nested": 1}}, "__proto__": {}}'
    page.evaluate(
        """bad => { localStorage.setItem('qe:v1:complete', bad);
        localStorage.setItem('qe:v1:visited', JSON.stringify({benefits: {page: '<b>x</b>'}})); }""",
        bad,
    )
    page.reload()
    expect(page.locator(".qe-complete button")).to_have_attribute("aria-pressed", "false")
    expect(page.locator(f"{NAV} .qe-tick")).to_have_count(0)
    page.locator(".qe-complete button").click()
    expect(page.locator(".qe-complete button")).to_have_attribute("aria-pressed", "true")
    stored = page.evaluate(
        """() => Object.keys(localStorage).filter(k => k.startsWith('qe:quarantine:complete:'))
        .map(k => localStorage.getItem(k))"""
    )
    assert stored == [bad]
    saved = json.loads(page.evaluate("localStorage.getItem('qe:v1:complete')"))
    assert list(saved) == ["benefits/glossary.md"]
    assert isinstance(saved["benefits/glossary.md"]["title"], str)
    page.goto(MODULE)
    # The glossary visit replaced the record naming no page; the glossary is done, so the
    # first page not done is next.
    expect(page.locator(".qe-continue a")).to_have_text("Continue where you left off: 1. Research")
