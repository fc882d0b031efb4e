"""The real course in a real browser: every page accessible in light and dark mode, no console
errors, no request leaving 127.0.0.1, and quizzes that work after instant navigation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from qe_browser import OpenPage

pytestmark = pytest.mark.browser

AXE_PAGE = """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
  .filter(v => ['serious', 'critical'].includes(v.impact))
  .map(v => ({id: v.id, impact: v.impact,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""


def _pages(site: Path) -> list[str]:
    """Every HTML page of the built course, as a path relative to the site root."""
    pages = []
    for html in sorted(site.rglob("index.html")):
        relative = html.parent.relative_to(site).as_posix()
        pages.append("" if relative == "." else relative + "/")
    return pages


def test_every_page_is_listed(built_site) -> None:  # type: ignore[no-untyped-def]
    pages = _pages(built_site.path)
    assert "benefits/research/" in pages and "progress/" in pages and len(pages) >= 15


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_on_any_page(
    built_site, open_course: OpenPage, axe_script: Path, scheme: str
) -> None:  # type: ignore[no-untyped-def]
    problems = {}
    paths = _pages(built_site.path)
    page = open_course(paths[0], color_scheme=scheme)  # one tab, as a learner reads on
    for path in paths:
        page.goto(path)
        page.wait_for_load_state("load")
        page.add_script_tag(path=str(axe_script))
        if found := page.evaluate(AXE_PAGE):
            problems[path] = found
    assert problems == {}


def test_instant_navigation_between_chapters_then_a_quiz(open_course: OpenPage) -> None:
    page = open_course("benefits/")
    # Instant navigation starts once the theme has fetched sitemap.xml; a click before that
    # is an ordinary page load.
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")
    page.locator("nav.md-nav a[href$='research/']").first.click()
    expect(page.locator(".qe-quiz[data-quiz-id='research']")).to_be_visible()
    page.locator("nav.md-nav a[href$='timing/']").first.click()
    quiz = page.locator(".qe-quiz[data-quiz-id='timing']")
    expect(quiz).to_have_attribute("data-qe-on", "")
    assert page.evaluate("window.__sameDocument") is True  # instant, not a full reload
    first = quiz.locator(".qe-q:is([data-type=true_false],[data-type=single]):not([hidden])").first
    first.locator("input").first.check()
    first.locator("[data-act=check]").click()
    expect(first.locator(".qe-res .qe-st")).to_have_text(re.compile(r"(Correct|Incorrect): \d+ of"))
    expect(first).to_have_attribute("data-status", re.compile("^(correct|incorrect)$"))


def test_progress_page_adds_up_the_module_requirements(
    open_course: OpenPage, tmp_path: Path
) -> None:
    """The manifest's pass requirements, counted against what this browser holds: a chapter
    marked complete by its button, then the rest brought in by importing a backup (a chapter
    also counts as complete once its quizzes are passed)."""
    page = open_course("progress/")
    finish = page.locator(".qe-finish")
    quizzes = finish.get_attribute("data-quizzes").split()  # type: ignore[union-attr]
    pages = finish.get_attribute("data-pages").split()  # type: ignore[union-attr]
    assert "benefits/research.md" in pages and len(quizzes) >= 2
    status = finish.locator("span")
    todo = "Still to do: {} to pass, {} to complete."
    expect(status).to_have_text(todo.format(len(quizzes), len(pages)))
    page.goto("benefits/research/")
    page.locator(".qe-complete button").click()
    page.goto("progress/")
    expect(status).to_have_text(todo.format(len(quizzes), len(pages) - 1))
    best = {"score": 5, "max_score": 5, "percent": 100, "passed": True}
    backup = {
        "format": "quizengine-progress",
        "version": 1,
        "responses": [{"quiz": q, "answers": {}} for q in quizzes],
        "progress": {q: {"attempts": 1, "best": best} for q in quizzes[:-1]},
        "complete": {p: {"title": p} for p in pages},
    }
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(backup))
    page.locator("input[type=file]").set_input_files(path)
    expect(status).to_have_text("Still to do: 1 to pass.")
    backup["progress"] = {quizzes[-1]: {"attempts": 1, "best": best}}
    path.write_text(json.dumps(backup))
    page.locator("input[type=file]").set_input_files(path)
    expect(status).to_have_text("✓ Finished.")
