"""The built course keeps learners on learners' pages: no previous/next footer link leads from
a learner's page into the instructors' section, which is reached on purpose (its tab, the home
page's link). Checked on the HTML of both builds, MkDocs and Zensical."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ..conftest import BuiltSite

INSTRUCTORS = "instructors/"


class _Links(HTMLParser):
    """The footer's previous/next links and the navigation tabs' links of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.footer: dict[str, str] = {}
        self.tabs: list[str] = []
        self._in_tabs = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if self._in_tabs:
            self._in_tabs += tag != "a" and tag not in ("img", "br", "input")
        elif tag == "nav" and "md-tabs" in classes:
            self._in_tabs = 1
        if tag != "a" or not found.get("href"):
            return
        href = str(found["href"])
        for kind in ("prev", "next"):
            if f"md-footer__link--{kind}" in classes:
                self.footer[kind] = href
        if self._in_tabs and "md-tabs__link" in classes:
            self.tabs.append(href)

    def handle_endtag(self, tag: str) -> None:
        if self._in_tabs and tag != "a":
            self._in_tabs -= 1


def _pages(site: Path) -> dict[str, _Links]:
    """Every page's links, by the page's path from the site root ("" for the home page)."""
    pages = {}
    for html in sorted(site.rglob("index.html")):
        relative = html.parent.relative_to(site).as_posix()
        links = _Links()
        links.feed(html.read_text(encoding="utf-8"))
        pages["" if relative == "." else relative + "/"] = links
    return pages


def _target(page: str, href: str) -> str:
    """Where a relative link on `page` leads, as a path from the site root."""
    joined = posixpath.normpath(posixpath.join(page, href.split("#")[0]))
    return "" if joined == "." else joined.rstrip("/") + "/"


@pytest.fixture(params=["mkdocs", "zensical"])
def site(request: pytest.FixtureRequest) -> BuiltSite:
    fixture = "built_site" if request.param == "mkdocs" else "zensical_site"
    return request.getfixturevalue(fixture)  # type: ignore[no-any-return]


def test_no_footer_link_leads_a_learner_into_the_instructors_section(site: BuiltSite) -> None:
    pages = _pages(site.path)
    learners = [p for p in pages if not p.startswith(INSTRUCTORS)]
    assert "benefits/glossary/" in learners and "progress/" in learners and len(learners) >= 15
    crossing = {
        page: (kind, _target(page, href))
        for page in learners
        for kind, href in pages[page].footer.items()
        if _target(page, href).startswith(INSTRUCTORS)
    }
    assert crossing == {}


def test_learners_pages_run_on_to_my_progress_and_the_instructors_section_links_back(
    site: BuiltSite,
) -> None:
    """The module's last page leads on to "My progress" (a learner's page), which is where the
    learners' sequence ends; the instructors' section starts with a link back, which is fine."""
    pages = _pages(site.path)
    glossary = pages["benefits/glossary/"].footer
    assert _target("benefits/glossary/", glossary["next"]) == "progress/"
    assert "next" not in pages["progress/"].footer
    assert _target(INSTRUCTORS, pages[INSTRUCTORS].footer["prev"]) == "progress/"
    modules = _target(INSTRUCTORS, pages[INSTRUCTORS].footer["next"])
    assert modules == "instructors/modules/"


def test_the_instructors_section_is_reached_on_purpose(built_site: BuiltSite) -> None:
    """Its own tab on every page, and a link from the home page's text."""
    pages = _pages(built_site.path)
    for page in ("", "benefits/research/", "progress/"):
        tabs = [_target(page, href) for href in pages[page].tabs]
        assert INSTRUCTORS in tabs and tabs.index(INSTRUCTORS) == len(tabs) - 1, (page, tabs)
    home = (built_site.path / "index.html").read_text(encoding="utf-8")
    assert 'href="instructors/"' in home.split('<article class="md-content__inner', 1)[1]
