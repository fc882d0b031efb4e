"""The module sections of the nav: one builder for the plugin and for mkdocs.yml's copy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from quizengine.loader import load_paths
from quizengine.models.module import Module
from quizengine.navigation import BEGIN, END, NavBlockMissing, nav_block, sync_nav, with_modules
from quizengine.source import parse_text

ROOT = Path(__file__).resolve().parents[1]

MODULE = Module.model_validate(
    {
        "id": "pay",
        "title": "Pay: the basics",
        "summary": "S",
        "objectives": ["O"],
        "estimated_minutes": 5,
        "chapters": ["index.md", {"page": "one.md", "title": "1. One"}],
        "quizzes": [],
    }
)
CONFIG = f"""site_name: X
nav:
  - Home: index.md
  {BEGIN}
  - stale: x.md
  {END}
  - About: about.md
"""


def test_the_block_is_yaml_that_reads_back_as_the_plugins_section() -> None:
    text = sync_nav(CONFIG, [MODULE])
    nav = parse_text(text, "mkdocs.yml").data["nav"]
    assert nav == [{"Home": "index.md"}, with_modules([], [MODULE])[0], {"About": "about.md"}]
    assert nav[1] == {"Pay: the basics": ["pay/index.md", {"1. One": "pay/one.md"}]}
    assert "stale" not in text and sync_nav(text, [MODULE]) == text


def test_the_plugin_replaces_the_copy_in_place_instead_of_adding_a_second() -> None:
    nav = parse_text(sync_nav(CONFIG, [MODULE]), "mkdocs.yml").data["nav"]
    assert with_modules(nav, [MODULE]) == nav


def test_a_config_without_markers_is_refused() -> None:
    with pytest.raises(NavBlockMissing):
        sync_nav("nav:\n  - Home: index.md\n", [MODULE])
    with pytest.raises(NavBlockMissing):
        sync_nav(f"nav:\n  {END}\n  {BEGIN}\n", [MODULE])


def test_titles_that_yaml_would_misread_are_quoted() -> None:
    tricky = MODULE.model_copy(update={"title": "Yes: #1 - [draft]"})
    block = nav_block([tricky])
    assert parse_text("nav:\n" + block, "x").data["nav"][0] == {
        "Yes: #1 - [draft]": ["pay/index.md", {"1. One": "pay/one.md"}]
    }


def test_the_course_config_is_in_step_with_its_manifests() -> None:
    """Zensical reads this copy: a chapter added to a manifest must be added here too."""
    modules = [m.module for m in load_paths([ROOT / "quizzes"]).modules if m.module]
    text = (ROOT / "mkdocs.yml").read_text()
    assert sync_nav(text, modules) == text, "run: quizengine nav --write"


def test_the_command_checks_and_writes(tmp_path: Path) -> None:
    (tmp_path / "quizzes" / "pay").mkdir(parents=True)
    (tmp_path / "quizzes" / "pay" / "module.yaml").write_text(
        "id: pay\ntitle: Pay\nsummary: S\nobjectives: [O]\nestimated_minutes: 5\n"
        "chapters: [index.md]\nquizzes: []\n"
    )
    (tmp_path / "mkdocs.yml").write_text(CONFIG)

    def nav(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "quizengine.cli", "nav", *args]
        return subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=60)

    stale = nav()
    assert stale.returncode == 1 and "quizengine nav --write" in stale.stderr
    assert nav("--write").returncode == 0
    assert '- "Pay":' in (tmp_path / "mkdocs.yml").read_text()
    assert nav().returncode == 0
    (tmp_path / "mkdocs.yml").write_text("nav: []\n")
    missing = nav()
    assert missing.returncode == 2 and "BEGIN quizengine module nav" in missing.stderr


def test_titles_that_look_like_other_types_stay_text() -> None:
    odd = MODULE.model_copy(update={"title": "true"})
    assert parse_text("nav:\n" + nav_block([odd]), "x").data["nav"][0] == {
        "true": ["pay/index.md", {"1. One": "pay/one.md"}]
    }
