"""`mkdocs build --strict` of the real course, and of small sites that must fail it."""

from __future__ import annotations

import os
import re
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


def test_the_progress_page_requires_exactly_the_chapters_with_a_button(
    built_site: BuiltSite,
) -> None:
    """Two mechanisms must agree: the pages the manifests' pass requirements ask the learner to
    mark complete, and the pages where the plugin put the "Mark as complete" button."""
    html = "".join(p.read_text() for p in built_site.path.rglob("*.html"))
    buttons = set(re.findall(r'data-qe="complete" data-page="([^"]+)"', html))
    progress = (built_site.path / "progress" / "index.html").read_text()
    finish = re.findall(r'class="qe-finish" data-quizzes="([^"]*)" data-pages="([^"]*)"', progress)
    assert [quizzes.split() for quizzes, _ in finish] == [m.required_quizzes() for m in _modules()]
    assert {page for _, pages in finish for page in pages.split()} == buttons


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
    assert "index.md:5: unknown quiz id 'okk'" in proc.stderr


def test_invalid_quiz_fails_strict_build_with_yaml_position(tmp_path: Path) -> None:
    proc = _site(
        tmp_path, "# Page\n\n::quiz{#ok}\n", GOOD_QUIZ.replace("answer: true", "answer: yes")
    )
    assert proc.returncode != 0
    assert re.search(
        r"quizzes/q\.yaml:4:\d+: error: question 'a': 'answer' should be true or false", proc.stderr
    ), proc.stderr
