"""The plugin's hooks, run in this process on small sites: a hook regression fails here in
seconds, without a subprocess or a build of the course.

`built` runs MkDocs' own `build` (every hook, in MkDocs' order, `strict` on); the other
tests call one hook at a time on a plugin loaded from a fixture `mkdocs.yml`, as MkDocs does.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from quizengine.directives import PageScan
from quizengine.mkdocs.extension import QuizExtension
from quizengine.mkdocs.plugin import QuizEnginePlugin

from ..conftest import ROOT

STAR_QUIZZES = ROOT / "tests" / "browser" / "site" / "quizzes"

TABLE_QUIZ = """\
    id: table
    title: A table in a prompt
    questions:
      - id: a
        type: true_false
        prompt: |
          Is the second plan cheaper?

          | Plan | Cost |
          | ---- | ---: |
          | A    | 10   |
          | B    | 5    |
        answer: true
"""

PAGES = {
    "index.md": "# Home\n\nNo quiz here.\n",
    "ch/plain.md": "# Plain\n\nA chapter without a quiz.\n",
    "ch/structured.md": "# Structured\n\n::quiz{#star-structured}\n",
    "ch/free.md": "# Free\n\n::quiz{#star-free}\n",
    "ch/table.md": "# Table\n\n::quiz{#table}\n",
}


def _site(root: Path) -> Path:
    """A site with a chapter of each kind; returns its mkdocs.yml."""
    for name, text in PAGES.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    (root / "quizzes").mkdir()
    for name in ("star-free.yaml", "star-structured.yaml"):
        shutil.copy(STAR_QUIZZES / name, root / "quizzes" / name)
    (root / "quizzes" / "table.yaml").write_text(textwrap.dedent(TABLE_QUIZ), encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: t\nstrict: true\nplugins:\n  - quizengine\n"
        "markdown_extensions:\n  - tables\n  - pymdownx.superfences\n",
        encoding="utf-8",
    )
    return config


def _config(path: Path) -> MkDocsConfig:
    return load_config(str(path), site_dir=str(path.parent / "site"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hooks")
    build(_config(_site(root)))  # strict: a warning raises
    return root / "site"


def _page(built: Path, name: str) -> str:
    return (built / name / "index.html").read_text(encoding="utf-8")


def test_assets_only_on_pages_with_a_quiz(built: Path) -> None:
    assert "assets/quizengine/" not in _page(built, "ch/plain")
    assert "assets/quizengine/" not in (built / "index.html").read_text(encoding="utf-8")
    assert "assets/quizengine/quizengine.js?v=" in _page(built, "ch/table")
    assert list((built / "assets" / "quizengine").iterdir())


def test_the_part_model_ships_beside_free_mode_questions_only(built: Path) -> None:
    free, structured = _page(built, "ch/free"), _page(built, "ch/structured")
    assert free.count("assets/quizengine/star-model.js?v=") == 1
    assert "assets/quizengine/star.js?v=" in structured and "star-model.js" not in structured
    assert "star.js" not in _page(built, "ch/table")
    assert "starModel=" in (built / "assets" / "quizengine" / "star-model.js").read_text()


def test_quiz_text_is_rendered_with_the_sites_extensions(built: Path) -> None:
    """A prompt's table is a table, as on any page of the site (`tables` is in mkdocs.yml)."""
    prompt = re.search(r'id="qe-table-a-p">(.*?)</div>', _page(built, "ch/table"), re.S)
    assert prompt is not None and "<table>" in prompt.group(1)


def test_reading_time_and_button_on_chapters_only(built: Path) -> None:
    """Without manifests, a chapter is a page in a section folder: each gets its time under
    the title and "Mark this page complete"; the home page gets neither."""
    time = re.compile(r'<h1[^>]*>.*?</h1><p class="qe-reading-time">About 1 min reading', re.S)
    for name in ("ch/plain", "ch/structured", "ch/table"):
        assert time.search(_page(built, name)), name
        assert f'class="qe-complete qe-js" data-page="{name}.md"' in _page(built, name)
    home = (built / "index.html").read_text(encoding="utf-8")
    assert "qe-reading-time" not in home and "qe-complete" not in home


@pytest.fixture
def plugin(tmp_path: Path) -> tuple[QuizEnginePlugin, MkDocsConfig]:
    config = _config(_site(tmp_path))
    loaded = config.plugins["quizengine"]
    assert isinstance(loaded, QuizEnginePlugin)
    return loaded, config


def _md_page(config: MkDocsConfig, name: str) -> tuple[Page, Files]:
    file = File(name, config.docs_dir, config.site_dir, config.use_directory_urls)
    return Page(None, file, config), Files([file])


def test_on_config_wires_the_extension_and_watches_the_quizzes(
    plugin: tuple[QuizEnginePlugin, MkDocsConfig], tmp_path: Path
) -> None:
    hooks, config = plugin
    config = hooks.on_config(config)
    ours = [e for e in config.markdown_extensions if isinstance(e, QuizExtension)]
    assert len(ours) == 1 and ours[0].state is hooks.state  # the instance, with its state
    assert "quizengine" not in config.markdown_extensions  # the name would get the default
    quizzes = str(tmp_path / "quizzes")
    assert ours[0].getConfig("quiz_dirs") == [quizzes]
    assert quizzes in config.watch


def test_on_page_markdown_names_page_and_line_of_an_unknown_quiz(
    plugin: tuple[QuizEnginePlugin, MkDocsConfig], caplog: pytest.LogCaptureFixture
) -> None:
    hooks, config = plugin
    config = hooks.on_config(config)
    hooks.on_pre_build(config)
    page, files = _md_page(config, "ch/plain.md")
    text = "# Plain\n\n::quiz{#table}\n\n::quiz{#tabel}\n"
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.quizengine"):
        assert hooks.on_page_markdown(text, page=page, config=config, files=files) == text
    assert [r.getMessage() for r in caplog.records] == [
        "docs/ch/plain.md:5:1: error: the page embeds unknown quiz id 'tabel' "
        "(did you mean 'table'?)"
    ]


def test_on_page_content_skips_notebooks_and_times_chapters(
    plugin: tuple[QuizEnginePlugin, MkDocsConfig],
) -> None:
    hooks, config = plugin
    config = hooks.on_config(config)
    hooks.on_pre_build(config)
    page, files = _md_page(config, "ch/plain.md")
    hooks.on_files(files, config=config)
    html = hooks.on_page_content("<h1>Plain</h1><p>x</p>", page=page, config=config, files=files)
    assert html.startswith('<h1>Plain</h1><p class="qe-reading-time">About 1 min reading</p>')
    assert 'class="qe-complete qe-js" data-page="ch/plain.md"' in html
    notebook, files = _md_page(config, "ch/calc.ipynb")
    assert hooks.on_page_content("<p>x</p>", page=notebook, config=config, files=files) == (
        "<p>x</p>"
    )


def test_many_rebuilds_in_one_process_keep_the_build_state_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`mkdocs serve` rebuilds with a fresh config each time; MkDocs keeps this plugin (it has
    `on_startup`) and so its state. An edited quiz renders anew, the old version is dropped
    at the next build, every page's slots are used up, and each page is read once a build."""
    import quizengine.mkdocs.state as state_module

    reads: list[str] = []
    real_scan = state_module.scan_page

    def counting_scan(markdown: str, also: re.Pattern[str] | None = None) -> PageScan:
        reads.append(markdown)
        return real_scan(markdown, also)

    monkeypatch.setattr(state_module, "scan_page", counting_scan)
    path = _site(tmp_path)
    quiz, page = tmp_path / "quizzes" / "table.yaml", tmp_path / "docs" / "ch" / "plain.md"
    states, sizes = set(), []
    for n in range(12):
        edited = textwrap.dedent(TABLE_QUIZ).replace("cheaper?", f"cheaper (edit {n})?")
        quiz.write_text(edited, encoding="utf-8")
        os.utime(quiz, ns=(quiz.stat().st_atime_ns, 10**18 + n * 10**9))  # a new stamp
        page.write_text(f"# Plain\n\nEdited {n} times.\n", encoding="utf-8")
        reads.clear()
        config = _config(path)
        build(config)
        hooks = config.plugins["quizengine"]
        assert isinstance(hooks, QuizEnginePlugin) and hooks.state is not None
        state = hooks.state
        states.add(id(state))
        assert f"cheaper (edit {n})?" in _page(tmp_path / "site", "ch/table")
        assert state.deferred == {}  # every page's slots were filled, then forgotten
        assert sorted(reads) == sorted(set(reads)) and len(reads) == len(PAGES)
        renderer_texts = sum(len(getattr(r, "cache", {})) for r in state.renderers.values())
        sizes.append((len(state.rendered), len(state.scans), len(state.renderers), renderer_texts))
    assert len(states) == 1  # one state for every rebuild, as under `mkdocs serve`
    # Three quizzes: the last build's three, plus the edited one's new version at most.
    assert all(rendered <= 4 for rendered, *_ in sizes), sizes
    assert all(scans == len(PAGES) and renderers == 1 for _, scans, renderers, _ in sizes)
    assert sizes[-1] == sizes[2], sizes  # steady: nothing grows with the number of rebuilds
