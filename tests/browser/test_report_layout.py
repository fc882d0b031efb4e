"""The instructors' report in a 992 px window: every column visible, nothing clipped (issue 13).

A report of 30 simulated learners over the course's quizzes with every typed question type,
opened from disk as an instructor would. A table may scroll inside its own box, but the item
statistics (whose last column, "Worth a look", is what the instructor reads) must fit whole.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from qe_browser import ROOT

from quizengine import load_quiz
from quizengine.loader import load_paths
from quizengine.report import analyse, collect, render_html, simulate_class

pytestmark = pytest.mark.browser

QUIZZES = ("research", "contract-terms", "module-check")


def test_report_of_30_learners_fits_992_px(browser: Browser, tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    for name in QUIZZES:
        quiz = load_quiz(ROOT / "quizzes" / "benefits" / f"{name}.yaml")
        for index, response in enumerate(simulate_class(quiz, 30, seed=3)):
            hostile = {"learner": f"Learner {index + 1} <b>bold</b>"}
            (folder / f"{name}-{index}.json").write_text(json.dumps({**response, **hostile}))
    quizzes = {q.id: q for q in load_paths([ROOT / "quizzes" / "benefits"]).quizzes}
    results, _ = collect([folder], quizzes)
    report = tmp_path / "report.html"
    report.write_text(render_html(analyse(results, quizzes)), "utf-8")

    page = browser.new_page(viewport={"width": 992, "height": 900})
    try:
        page.goto(report.as_uri())
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 992  # the page itself never scrolls sideways
        boxes = page.evaluate(
            """() => [...document.querySelectorAll('.scroll')].map(d =>
                 [d.getAttribute('aria-label'), d.scrollWidth - d.clientWidth])"""
        )
        labels = [label for label, _ in boxes]
        assert sum(label.startswith("Item statistics") for label in labels) == len(QUIZZES)
        assert sum(label.startswith("Answers to question") for label in labels) >= 3
        assert sum(label.startswith("Pairs chosen") for label in labels) >= 3
        clipped = [label for label, over in boxes if over > 0 and "Learners" not in label]
        assert clipped == []
        look = page.locator("th", has_text="Worth a look").first
        box = look.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 992
        # A learner's name is text, never markup.
        assert page.locator("main b").count() == 0
        assert page.get_by_text("Learner 1 <b>bold</b>", exact=True).count() == 1
        page.locator("#learners-h").scroll_into_view_if_needed()
        page.screenshot(path=str(tmp_path / "learners.png"))
    finally:
        page.close()
