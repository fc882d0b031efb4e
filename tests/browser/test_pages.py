"""Whole pages: accessibility (axe), instant navigation, small screens, motion, screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from qe_browser import QUIZ, RIGHT, WRONG, OpenPage, answer_by_mouse, ids_in_order, question

pytestmark = pytest.mark.browser

# Our widgets only: the rest of the page (header, navigation) is the theme's and the palette's.
AXE_RUN = """async () => (await axe.run({include: [...document.querySelectorAll('[data-qe]')]},
  {resultTypes: ['violations']})).violations
  .filter(v => ['serious', 'critical'].includes(v.impact))
  .map(v => ({id: v.id, impact: v.impact,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""


def _answer_some(page: Page) -> None:
    """Leave results of every kind on the page, so axe sees them too."""
    for qid, kind, answers in [
        ("pick-one", "single", RIGHT),
        ("pick-many", "multiple", WRONG),
        ("steps", "ordering", WRONG),
        ("pairs", "matching", WRONG),
    ]:
        answer_by_mouse(page, qid, kind, answers[qid])
        question(page, qid).locator("[data-act=check]").click()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["chapter/types/", "chapter/star/", "progress/"])
def test_axe_finds_nothing_serious(
    open_page: OpenPage, axe_script: Path, scheme: str, path: str
) -> None:
    page = open_page(path, color_scheme=scheme)
    slate = page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert slate == (scheme == "dark")
    if path == "chapter/types/":
        _answer_some(page)
    page.add_script_tag(path=str(axe_script))
    assert page.evaluate(AXE_RUN) == []


def test_pages_without_a_quiz_load_no_quiz_code(open_page: OpenPage) -> None:
    """The home page loads nothing of ours; a chapter without a quiz loads only the learner's
    path (path.js and path.css), for its "Mark this page complete" button."""
    loaded: dict[str, set[str]] = {}
    for path in ("", "chapter/reading/"):
        requested: list[str] = []
        page = open_page(path)
        page.on("request", lambda r, requested=requested: requested.append(r.url))
        page.reload()
        page.wait_for_load_state("networkidle")
        loaded[path] = {u.split("/")[-1].split("?")[0] for u in requested if "quizengine" in u}
    assert loaded == {"": set(), "chapter/reading/": {"path.js", "path.css"}}
    expect(page.locator(".qe-complete button")).to_be_visible()
    expect(page.locator(".qe-quiz")).to_have_count(0)


def test_instant_navigation_mounts_once(open_page: OpenPage) -> None:
    page = open_page("")
    # Material intercepts links only once its instant-navigation setup (which fetches the
    # sitemap) is done; a click before that is an ordinary page load.
    page.wait_for_load_state("networkidle")
    page.evaluate("window.sameDocument = true")
    page.get_by_role("link", name="Every question type").first.click()
    quiz = page.locator(f"#qe-{QUIZ}[data-qe-on]")
    expect(quiz).to_be_attached()
    assert page.evaluate("window.sameDocument")  # Material swapped the page in place
    expect(page.locator("head link[href*='quizengine.css']")).to_have_count(1)
    expect(quiz.locator("[data-act=check]").first).to_be_visible()
    assert quiz.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"

    page.get_by_role("link", name="STAR practice").last.click()
    expect(page.locator("#qe-star-free[data-qe-on]")).to_be_attached()
    page.get_by_role("link", name="every question type").last.click()
    steps = question(page, "steps")
    expect(steps.locator("[data-act=up]").first).to_be_visible()
    assert page.evaluate("window.sameDocument")
    before = ids_in_order(steps)
    steps.locator(f"li[data-id='{before[2]}'] [data-act=up]").click()
    after = ids_in_order(steps)
    assert after == [before[0], before[2], before[1], *before[3:]]  # one move: bound once
    answer_by_mouse(page, "tf", "true_false", False)
    question(page, "tf").locator("[data-act=check]").click()
    expect(question(page, "tf").locator(".qe-st")).to_have_count(1)


@pytest.mark.parametrize("width", [320, 375])
def test_narrow_screens_do_not_scroll_sideways(open_page: OpenPage, width: int) -> None:
    for path in ("chapter/types/", "chapter/star/", "progress/"):
        page = open_page(path, viewport={"width": width, "height": 800})
        if path == "chapter/types/":
            _answer_some(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # Nothing of ours sticks out of its widget (Material's table wrapper bleeds on purpose).
        sticking_out = page.evaluate(
            """() => [...document.querySelectorAll('[data-qe]')].flatMap(root => {
              const edge = root.getBoundingClientRect().right + 1;
              return [...root.querySelectorAll('*')]
                .filter(e => !e.closest('.md-typeset__scrollwrap'))
                .filter(e => e.getBoundingClientRect().right > edge)
                .map(e => e.outerHTML.slice(0, 80));
            })"""
        )
        assert sticking_out == [], path


def test_reduced_motion_is_respected(open_page: OpenPage) -> None:
    page = open_page("chapter/types/", reduced_motion="reduce")
    answer_by_mouse(page, "tf", "true_false", True)
    question(page, "tf").locator("[data-act=check]").click()
    res = question(page, "tf").locator(".qe-res")
    assert res.evaluate("e => getComputedStyle(e).animationName") == "none"


def test_star_checks_on_a_draft(open_page: OpenPage) -> None:
    page = open_page("chapter/star/")
    box = page.locator("#qe-star-structured")
    box.locator("textarea[data-k=situation]").fill("Two people left my team last spring.")
    box.locator("[data-act=check]").click()
    expect(box.locator(".qe-res li").first).to_be_visible()
    expect(box.locator("[data-act=check]")).to_be_visible()  # a draft can be revised


@pytest.mark.parametrize(("name", "width"), [("desktop", 1280), ("phone", 375)])
def test_screenshots(open_page: OpenPage, artifacts: Path, name: str, width: int) -> None:
    page = open_page("chapter/types/", viewport={"width": width, "height": 900})
    _answer_some(page)
    # The element shot scrolls through the quiz: Material's fixed header would be painted
    # over it wherever the scroll stopped, so it is hidden for that shot only.
    page.locator(f"#qe-{QUIZ}").screenshot(
        path=artifacts / f"quiz-{name}.png",
        animations="disabled",
        style=".md-header{visibility:hidden}",
    )
    page.screenshot(path=artifacts / f"quiz-page-{name}.png", animations="disabled")
    assert (artifacts / f"quiz-{name}.png").stat().st_size > 1000
