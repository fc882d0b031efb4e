"""`mkdocs build --strict` of the real course, and of small sites that must fail it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from quizengine.loader import load_paths
from quizengine.models.module import Module
from quizengine.modules import load_module_file

from ..conftest import QUIZZES, ROOT, BuiltSite

MKDOCS = Path(sys.executable).with_name("mkdocs")

# The course as it grows: these tests assert what stays true of any course (every chapter in
# the navigation, every quiz on a page, the strict build passing), not today's content. What
# the plugin does to a page is tested on small sites in test_plugin.py.


def _modules() -> list[Module]:
    loaded = [load_module_file(path) for path in sorted(QUIZZES.glob("*/module.yaml"))]
    assert loaded and all(m.module is not None and not m.diagnostics for m in loaded)
    return [m.module for m in loaded if m.module is not None]


def test_every_chapter_is_built_and_in_the_navigation(built_site: BuiltSite) -> None:
    home = (built_site.path / "index.html").read_text()
    for module in _modules():
        for chapter in module.chapters:
            stem = chapter.page.rsplit(".", 1)[0]
            path = module.docs_folder + "/" + ("" if stem == "index" else stem + "/")
            assert (built_site.path / path / "index.html").is_file(), path
            assert f'href="{path}"' in home, f"{path} missing from the navigation"


def test_every_course_quiz_is_rendered_on_a_page(built_site: BuiltSite) -> None:
    html = "".join(p.read_text() for p in built_site.path.rglob("*.html"))
    embedded = set(re.findall(r'class="qe-quiz"[^>]*data-quiz-id="([a-z0-9-]+)"', html))
    embedded |= set(re.findall(r'data-quiz-id="([a-z0-9-]+)"[^>]*class="qe-quiz"', html))
    assert embedded == {q.id for q in load_paths([QUIZZES]).quizzes}
    assert {q for m in _modules() for q in m.quizzes} <= embedded


def test_no_quiz_shows_raw_markdown(built_site: BuiltSite) -> None:
    """Quiz text goes through the site's extensions (a table in a prompt is a table)."""
    for page in built_site.path.rglob("*.html"):
        for quiz in re.findall(r'<section class="qe-quiz".*?</section>', page.read_text(), re.S):
            assert not re.search(r"\|\s*:?-{3,}", quiz), f"raw Markdown table in {page}"


def test_every_page_with_a_quiz_loads_the_client(built_site: BuiltSite) -> None:
    for page in built_site.path.rglob("*.html"):
        html = page.read_text()
        if 'class="qe-quiz"' in html:
            assert "assets/quizengine/quizengine.js?v=" in html, page


def test_every_module_page_has_the_button_and_the_requirements_name_quiz_chapters(
    built_site: BuiltSite,
) -> None:
    """Two mechanisms must agree: every page a manifest lists can be marked complete, and
    the pages My progress counts (beside each module's required quizzes) are among them."""
    html = "".join(p.read_text() for p in built_site.path.rglob("*.html"))
    buttons = set(re.findall(r'"qe-complete qe-js" data-page="([^"]+)"', html))
    modules = _modules()
    assert buttons == {f"{m.docs_folder}/{c.page}" for m in modules for c in m.chapters}
    progress = (built_site.path / "progress" / "index.html").read_text()
    finish = re.findall(r'class="qe-finish" data-quizzes="([^"]*)" data-pages="([^"]*)"', progress)
    assert [quizzes.split() for quizzes, _ in finish] == [m.required_quizzes() for m in modules]
    assert {page for _, pages in finish for page in pages.split()} <= buttons


def _contents(built_site: BuiltSite, module: Module) -> dict[str, str]:
    """A module page's contents table: page -> its kind and time."""
    index = (built_site.path / module.docs_folder / "index.html").read_text()
    rows = re.findall(r'<tr data-qe-page="([^"]+)">.*?<td[^>]*>([^<]*)</td>\s*</tr>', index, re.S)
    return dict(rows)


def test_kind_and_time_agree_on_the_module_page_the_chapters_and_my_progress(
    built_site: BuiltSite,
) -> None:
    """One figure per page, in three places: the contents table, the line under each page's
    title, and the data My progress lists what is left from."""
    progress = (built_site.path / "progress" / "index.html").read_text()
    data = re.search(r'<template class="qe-path-data">(.*?)</template>', progress, re.S)
    assert data is not None
    listed = {m["id"]: m for m in json.loads(data.group(1))["modules"]}
    for module in _modules():
        table = _contents(built_site, module)
        folder = module.docs_folder
        assert list(table) == [f"{folder}/{c.page}" for c in module.chapters]
        for time in table.values():
            assert re.fullmatch(
                r"\d+ min (reading|notebook)( \+ \d+ min (calculator|quiz|STAR practice))*", time
            ), time
        assert {i["page"]: i["time"] for i in listed[module.id]["items"]} == table
        for page, time in table.items():
            stem = page.removeprefix(f"{folder}/").rsplit(".", 1)[0]
            built = built_site.path / folder / ("" if stem == "index" else stem) / "index.html"
            under_title = re.findall(r'class="qe-reading-time">About ([^<]*)<', built.read_text())
            assert under_title == [time], page


def test_notebook_pages_show_their_outputs_and_link_their_notebook(
    built_site: BuiltSite,
) -> None:
    """Notebooks are executed at build time, and their text says to download the notebook."""
    notebooks = sorted((ROOT / "docs").rglob("*.ipynb"))
    assert notebooks
    for notebook in notebooks:
        folder = notebook.relative_to(ROOT / "docs").with_suffix("").as_posix()
        page = (built_site.path / folder / "index.html").read_text()
        assert "jp-OutputArea-output" in page, folder
        link = re.search(r'<p class="qe-nb-download">\s*<a href="([^"]+)" download>', page)
        assert link is not None, folder
        assert (built_site.path / folder / link.group(1)).is_file()


def _site(tmp_path: Path, page: str, quiz: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "docs").mkdir()
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "docs" / "index.md").write_text(textwrap.dedent(page))
    (tmp_path / "quizzes" / "q.yaml").write_text(textwrap.dedent(quiz))
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nplugins:\n  - quizengine\nmarkdown_extensions:\n  - pymdownx.superfences\n"
    )
    return subprocess.run(
        [str(MKDOCS), "build", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


GOOD_QUIZ = """\
    id: ok
    title: OK
    questions:
      - {id: a, type: true_false, prompt: "Is **this** bold?", answer: true}
"""


def test_small_site_builds_and_leaves_code_fences_alone(tmp_path: Path) -> None:
    proc = _site(
        tmp_path,
        """\
        # Page

        ::quiz{#ok}

        ```markdown
        ::quiz{#ok}
        ```
        """,
        GOOD_QUIZ,
    )
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    assert html.count('data-quiz-id="ok"') >= 1
    assert "::quiz{#ok}" in html  # the fenced copy stays literal
    assert "<strong>this</strong>" in html  # prompt Markdown rendered at build time


def test_unknown_quiz_id_fails_strict_build_with_page_and_line(tmp_path: Path) -> None:
    proc = _site(tmp_path, "# Page\n\ntext\n\n::quiz{#okk}\n", GOOD_QUIZ)
    assert proc.returncode != 0
    assert "docs/index.md:5:1: error: the page embeds unknown quiz id 'okk'" in proc.stderr


def test_invalid_quiz_fails_strict_build_with_yaml_position(tmp_path: Path) -> None:
    proc = _site(
        tmp_path, "# Page\n\n::quiz{#ok}\n", GOOD_QUIZ.replace("answer: true", "answer: yes")
    )
    assert proc.returncode != 0
    assert re.search(
        r"quizzes/q\.yaml:4:\d+: error: question 'a': 'answer' should be true or false", proc.stderr
    ), proc.stderr


def test_strict_build_reports_each_mistake_once_with_its_file(tmp_path: Path) -> None:
    """The course of tests/data/mistakes: one log line per mistake, each naming its file;
    the page embedding the quiz that failed to load says so instead of guessing an id."""
    from ..cli.test_one_error_per_mistake import COURSE, EXPECTED

    site = tmp_path / "course"
    shutil.copytree(COURSE, site)
    proc = subprocess.run(
        [str(MKDOCS), "build", "--strict"],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    logged = [
        line.split("-  ", 1)[1].replace(f"{site.resolve()}/", "")
        for line in proc.stderr.splitlines()
        if line.startswith(("ERROR", "WARNING"))
    ]
    assert sorted(logged) == sorted(EXPECTED), proc.stderr
    assert "Aborted with 2 errors, 4 warnings in strict mode!" in proc.stdout + proc.stderr
    prep = (site / "site" / "raising" / "prep" / "index.html").read_text()
    assert "quiz &#x27;raise-prep&#x27; failed to load (see above" in prep
    assert "did you mean" not in prep


def test_page_lines_count_the_front_matter(tmp_path: Path) -> None:
    """MkDocs hands plugins the text after the front matter; positions are the file's."""
    page = "---\ntitle: Page\n---\n\n# Page\n\n::quiz{#okk}\n"
    proc = _site(tmp_path, page, GOOD_QUIZ)
    assert proc.returncode != 0
    assert "docs/index.md:7:1: error: the page embeds unknown quiz id 'okk'" in proc.stderr
    assert proc.stderr.count("okk") == 1, proc.stderr  # the extension adds no second line


def test_continue_link_and_path_lists_are_where_a_returning_learner_looks(
    built_site: BuiltSite,
) -> None:
    """The module page and My progress carry the (hidden until started) continue link; My
    progress the lists of what is left and done; every module page the path's data."""
    pages = {
        p.relative_to(built_site.path).as_posix(): p.read_text()
        for p in built_site.path.rglob("index.html")
    }
    with_link = {name for name, text in pages.items() if 'class="qe-continue"' in text}
    assert with_link == {"benefits/index.html", "progress/index.html"}
    module = pages["benefits/index.html"]
    assert module.index("</h1>") < module.index('class="qe-continue"') < module.index("<h2")
    assert '<section class="qe-path" data-module="benefits" hidden>' in pages["progress/index.html"]
    with_data = {name for name, text in pages.items() if 'class="qe-path-data"' in text}
    assert {"benefits/index.html", "benefits/glossary/index.html"} <= with_data
    assert "index.html" not in with_data and "instructors/index.html" not in with_data
