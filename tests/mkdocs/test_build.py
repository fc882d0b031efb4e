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

import yaml

from quizengine.loader import load_paths

from ..conftest import QUIZZES, BuiltSite

MKDOCS = Path(sys.executable).with_name("mkdocs")


def _module() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((QUIZZES / "benefits" / "module.yaml").read_text())  # type: ignore[no-any-return]


def test_every_chapter_is_built_and_in_the_navigation(built_site: BuiltSite) -> None:
    home = (built_site.path / "index.html").read_text()
    for chapter in _module()["chapters"]:
        page = chapter if isinstance(chapter, str) else chapter["page"]
        stem = page.rsplit(".", 1)[0]
        target = built_site.path / "benefits" / ("" if stem == "index" else stem) / "index.html"
        assert target.is_file(), target
        href = "benefits/" + ("" if stem == "index" else stem + "/")
        assert f'href="{href}"' in home, f"{href} missing from the navigation"


def test_every_course_quiz_is_rendered_on_a_page(built_site: BuiltSite) -> None:
    html = "".join(p.read_text() for p in built_site.path.rglob("*.html"))
    embedded = set(re.findall(r'class="qe-quiz"[^>]*data-quiz-id="([a-z0-9-]+)"', html))
    embedded |= set(re.findall(r'data-quiz-id="([a-z0-9-]+)"[^>]*class="qe-quiz"', html))
    assert embedded == {q.id for q in load_paths([QUIZZES]).quizzes}


def test_quiz_text_is_rendered_with_the_sites_extensions(built_site: BuiltSite) -> None:
    """A prompt's table is a table, as on any page of the site (`tables` is in mkdocs.yml)."""
    research = (built_site.path / "benefits" / "research" / "index.html").read_text()
    prompt = re.search(r'id="qe-research-health-cost-compare-p">(.*?)</div>', research, re.S)
    assert prompt is not None and "<table>" in prompt.group(1)
    for page in built_site.path.rglob("*.html"):
        for quiz in re.findall(r'<section class="qe-quiz".*?</section>', page.read_text(), re.S):
            assert not re.search(r"\|\s*:?-{3,}", quiz), f"raw Markdown table in {page}"


def test_quiz_code_only_on_pages_with_a_quiz(built_site: BuiltSite) -> None:
    """A module page without a quiz loads the learner's path (path.js, path.css) and nothing
    else of ours; a page outside every module loads nothing at all."""
    glossary = (built_site.path / "benefits" / "glossary" / "index.html").read_text()
    research = (built_site.path / "benefits" / "research" / "index.html").read_text()
    home = (built_site.path / "index.html").read_text()
    loaded = set(re.findall(r"assets/quizengine/([a-z.-]+)\?v=", glossary))
    assert loaded == {"path.js", "path.css"}
    assert "assets/quizengine/quizengine.js" in research
    assert "assets/quizengine/" not in home
    assert list((built_site.path / "assets" / "quizengine").iterdir())


def test_the_part_model_ships_beside_free_mode_questions_only(built_site: BuiltSite) -> None:
    star = (built_site.path / "benefits" / "star-method" / "index.html").read_text()
    structured = (built_site.path / "instructors" / "question-types" / "index.html").read_text()
    assert star.count("assets/quizengine/star-model.js?v=") == 1
    assert "assets/quizengine/star.js?v=" in structured and "star-model.js" not in structured
    model = built_site.path / "assets" / "quizengine" / "star-model.js"
    assert "starModel=" in model.read_text()


def test_every_module_page_has_the_button_and_the_requirements_name_quiz_chapters(
    built_site: BuiltSite,
) -> None:
    """Every page the manifest lists (the module page and the notebook too) can be marked
    complete; the pages My progress requires are the chapters with a quiz, each with the
    quizzes that complete it."""
    html = {p: p.read_text() for p in built_site.path.rglob("*.html")}
    buttons = {
        b for t in html.values() for b in re.findall(r'"qe-complete qe-js" data-page="([^"]+)"', t)
    }
    chapters = [c if isinstance(c, str) else c["page"] for c in _module()["chapters"]]
    assert buttons == {f"benefits/{c}" for c in chapters}
    progress = (built_site.path / "progress" / "index.html").read_text()
    match = re.search(
        r'class="qe-finish" data-quizzes="([^"]*)" data-pages="([^"]*)" data-via="([^"]*)"',
        progress,
    )
    assert match is not None
    via = dict(x.split("=") for x in match.group(3).split())
    assert set(match.group(2).split()) == set(via) and len(via) >= 7
    assert via["benefits/star-method.md"].split(",") == [
        "star-benefits-request",
        "star-remote-work",
        "star-hearing-no",
        "star-team-disagreement",
    ]
    assert match.group(1).split() == _module()["pass_requirements"]["quizzes"]


def _contents(built_site: BuiltSite) -> dict[str, str]:
    """The module page's contents table: page -> its kind and time."""
    index = (built_site.path / "benefits" / "index.html").read_text()
    rows = re.findall(r'<tr data-qe-page="([^"]+)">.*?<td[^>]*>([^<]*)</td>\s*</tr>', index, re.S)
    return dict(rows)


def test_kind_and_time_agree_on_the_module_page_the_chapters_and_my_progress(
    built_site: BuiltSite,
) -> None:
    """One figure per page, in three places: the contents table, the line under each page's
    title, and the data My progress lists what is left from."""
    table = _contents(built_site)
    chapters = [c if isinstance(c, str) else c["page"] for c in _module()["chapters"]]
    assert list(table) == [f"benefits/{c}" for c in chapters]
    assert re.fullmatch(
        r"\d+ min reading \+ 5 min calculator \+ \d+ min quiz", table["benefits/research.md"]
    )
    assert re.fullmatch(
        r"\d+ min reading \+ \d+ min STAR practice", table["benefits/star-method.md"]
    )
    assert re.fullmatch(r"\d+ min notebook", table["benefits/offer-calculator.ipynb"])
    assert re.fullmatch(r"\d+ min reading", table["benefits/glossary.md"])
    progress = (built_site.path / "progress" / "index.html").read_text()
    data = re.search(r'<template class="qe-path-data">(.*?)</template>', progress, re.S)
    assert data is not None
    (module,) = json.loads(data.group(1))["modules"]
    assert {item["page"]: item["time"] for item in module["items"]} == table
    for page, time in table.items():
        stem = page.removeprefix("benefits/").rsplit(".", 1)[0]
        built = built_site.path / "benefits" / ("" if stem == "index" else stem) / "index.html"
        under_title = re.findall(r'class="qe-reading-time">About ([^<]*)<', built.read_text())
        assert under_title == [time], page


def test_notebook_page_shows_its_chart(built_site: BuiltSite) -> None:
    page = (built_site.path / "benefits" / "offer-calculator" / "index.html").read_text()
    assert "What is this offer worth?" in page
    assert re.search(r'<img[^>]+src="data:image/png;base64,', page), "chart missing"
    assert "+$6,331 in year 1 and +$1,331 a year after that" in page  # the chapter's example


def test_notebook_pages_link_their_notebook(built_site: BuiltSite) -> None:
    """Their text says to download the notebook: the link is there and leads to the file."""
    for folder in ("benefits/offer-calculator", "instructors/results-analysis"):
        page = (built_site.path / folder / "index.html").read_text()
        link = re.search(r'<p class="qe-nb-download">\s*<a href="([^"]+)" download>', page)
        assert link is not None, folder
        assert (built_site.path / folder / link.group(1)).is_file()
    research = (built_site.path / "benefits" / "research" / "index.html").read_text()
    assert "qe-nb-download" not in research


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
