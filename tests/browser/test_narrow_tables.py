"""Every page of the course module on a 375px phone: nothing scrolls the page sideways, and
every table fits its box, so no column hides past the screen's edge and no cell's text is cut
off. A screenshot of each page's widest table goes to test-artifacts/ for a look."""

from __future__ import annotations

from pathlib import Path

import pytest
from qe_browser import ROOT, OpenPage

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}
CHAPTERS = sorted(
    p.stem for p in (ROOT / "docs" / "benefits").iterdir() if p.suffix in (".md", ".ipynb")
)

# For each table shown on the page (a quiz shows only the questions it drew): how far its box
# must scroll to show it all, and the cells whose text is wider than the cell.
TABLES = """() => [...document.querySelectorAll('article table')]
  .filter(t => t.getClientRects().length > 0)
  .map(t => {
    const box = t.closest('.md-typeset__scrollwrap, .qe-calc-scroll') || t.parentElement;
    return {
      head: t.rows[0].textContent.trim().replace(/\\s+/g, ' ').slice(0, 50),
      hidden: box.scrollWidth - box.clientWidth,
      cut: [...t.querySelectorAll('th, td')]
        .filter(c => c.scrollWidth > c.clientWidth + 1)
        .map(c => c.textContent.trim().slice(0, 40)),
      width: t.getBoundingClientRect().width,
    };
  })"""


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_table_runs_off_a_phone_screen(
    open_course: OpenPage, artifacts: Path, chapter: str
) -> None:
    path = "benefits/" + ("" if chapter == "index" else chapter + "/")
    page = open_course(path, viewport=PHONE)
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    tables = page.evaluate(TABLES)
    problems = [t for t in tables if t["hidden"] > 1 or t["cut"]]
    assert problems == [], path
    if tables:
        widest = max(range(len(tables)), key=lambda i: tables[i]["width"])
        page.locator("article table:visible").nth(widest).scroll_into_view_if_needed()
        shot = artifacts / f"phone-table-{chapter}.png"
        page.screenshot(path=shot, animations="disabled")
        assert shot.stat().st_size > 1000
