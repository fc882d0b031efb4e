"""The glossary: one heading per term with a stable id, so each term has its own link and its
own search result (Material's search splits a page at headings with ids), and the chapters'
links to terms land on a term."""

from __future__ import annotations

import json
import re

from ..conftest import ROOT, BuiltSite

GLOSSARY = ROOT / "docs" / "benefits" / "glossary.md"
TERM = re.compile(r"^## (?P<term>.+?) \{#(?P<id>[a-z0-9][a-z0-9-]*)\}$")


def _terms() -> dict[str, str]:
    """Term ids to terms, from the glossary's source."""
    terms = {}
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") and not line.startswith("# "):
            match = TERM.match(line)
            assert match, f"a glossary heading needs an explicit id ({{#id}}): {line!r}"
            assert match["id"] not in terms, f"two terms share the id {match['id']}"
            terms[match["id"]] = match["term"]
    return terms


def test_every_term_has_a_heading_with_its_own_id_in_alphabetical_order() -> None:
    terms = _terms()
    assert len(terms) >= 50 and terms["hsa"] == "HSA (health savings account)"
    names = [t.casefold() for t in terms.values()]
    assert names == sorted(names)


def test_each_term_is_its_own_search_result(built_site: BuiltSite) -> None:
    index = json.loads((built_site.path / "search" / "search_index.json").read_text())
    entries: dict[str, list[str]] = {}
    for doc in index["docs"]:
        page, _, anchor = doc["location"].partition("#")
        if page == "benefits/glossary/" and anchor:
            entries.setdefault(anchor, []).append(doc["title"])
    assert entries == {anchor: [term] for anchor, term in _terms().items()}
    hsa = next(d for d in index["docs"] if d["location"] == "benefits/glossary/#hsa")
    assert "rolls over each year" in hsa["text"] and "Deductible" not in hsa["text"]


def _glossary_links(html: str) -> list[str]:
    """The term ids that a page's links to the glossary point at."""
    return re.findall(r'href="(?:\.\./)*(?:benefits/)?glossary/#([^"]+)"', html)


def test_links_to_terms_land_on_a_term(built_site: BuiltSite) -> None:
    """MkDocs only reports a missing anchor at info level, so a renamed id would pass a strict
    build and leave the chapters' links landing at the top of the glossary."""
    terms = _terms()
    linked = {"glossary": re.findall(r"\]\(#([^)]+)\)", GLOSSARY.read_text(encoding="utf-8"))}
    for page in sorted((built_site.path / "benefits").glob("*/index.html")):
        ids = _glossary_links(page.read_text(encoding="utf-8"))
        if ids and page.parent.name != "glossary":
            linked[page.parent.name] = ids
    missing = {page: [i for i in ids if i not in terms] for page, ids in linked.items()}
    assert {page: ids for page, ids in missing.items() if ids} == {}
    assert len(linked["glossary"]) >= 5 and len(linked) >= 9, sorted(linked)
