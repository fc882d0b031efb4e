"""The same mkdocs.yml under Zensical, Material's successor: the quiz directive still renders.

Zensical runs Python-Markdown extensions but not MkDocs plugins, which is why the directive
is an extension: without the plugin it renders the full quiz HTML in place.
"""

from __future__ import annotations

import re

from quizengine.loader import load_paths

from ..conftest import QUIZZES, BuiltSite


def test_zensical_builds_the_course_with_its_quizzes(zensical_site: BuiltSite) -> None:
    site = zensical_site.path
    html = "".join(p.read_text() for p in site.rglob("index.html"))
    rendered = set(re.findall(r'class="qe-quiz"[^>]*data-quiz-id="([a-z0-9-]+)"', html))
    assert rendered == {q.id for q in load_paths([QUIZZES]).quizzes}
    research = (site / "benefits" / "research" / "index.html").read_text()
    assert 'data-type="numeric"' in research
    assert "::quiz{#" not in research  # the directive was replaced, not printed


def test_without_the_plugin_quiz_pages_carry_the_client_inline(zensical_site: BuiltSite) -> None:
    """No plugin copies asset files under Zensical, so a quiz page inlines the client, once."""
    site = zensical_site.path
    research = (site / "benefits" / "research" / "index.html").read_text()
    # "qe:v1:" (the storage prefix) is in quizengine.js, "detectParts" in star.js
    assert research.count('"qe:v1:"') == 1 and "assets/quizengine/" not in research
    assert research.count("<style>") >= 1 and ".qe-quiz{" in research
    star = (site / "benefits" / "star-method" / "index.html").read_text()
    assert "detectParts" in star and "detectParts" not in research  # star.js only where needed
    # The free-mode part model only beside a free-mode question, once per page.
    assert star.count("starModel=") == 1 and star.index("detectParts") < star.index("starModel=")
    structured = (site / "instructors" / "question-types" / "index.html").read_text()
    assert "detectParts" in structured and "starModel=" not in structured
    glossary = (site / "benefits" / "glossary" / "index.html").read_text()
    assert '"qe:v1:"' not in glossary and ".qe-quiz{" not in glossary


def test_zensical_navigation_lists_the_module_chapters(zensical_site: BuiltSite) -> None:
    """Zensical runs no plugins: the module section comes from the nav block in mkdocs.yml."""
    from quizengine.loader import load_paths as load

    modules = [m.module for m in load([QUIZZES]).modules if m.module is not None]
    home = (zensical_site.path / "index.html").read_text()
    nav = home[home.index('class="md-nav') :]
    for module in modules:
        assert module.title in nav
        for chapter in module.chapters:
            stem, suffix = chapter.page.rsplit(".", 1)
            # Notebooks are copied raw (no mkdocs-jupyter under Zensical): linked as the file.
            page = chapter.page if suffix == "ipynb" else "" if stem == "index" else f"{stem}/"
            href = f"{module.docs_folder}/{page}"
            assert re.search(rf'href="(?:\./)?{re.escape(href)}"', nav), href
