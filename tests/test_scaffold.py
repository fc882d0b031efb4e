"""`quizengine new`: a scaffolded module builds clean with its contents table; --force."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from quizengine.loader import load_paths
from quizengine.scaffold import ScaffoldError, new_module, new_quiz

from .conftest import ROOT

SITE = ROOT / "tests" / "browser" / "site"


def test_a_scaffolded_module_page_shows_its_contents_and_builds_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "src"
    shutil.copytree(SITE, root)
    new_module("pay-talks", root, title="Pay talks")
    index = (root / "docs" / "pay-talks" / "index.md").read_text()
    assert "\n::module-contents{#pay-talks}\n" in index
    monkeypatch.chdir(root)  # quiz_dirs are relative to where the build runs
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "out"), strict=True)
    build(config)  # strict: any warning (an unknown module id, a broken link) aborts
    page = (tmp_path / "out" / "pay-talks" / "index.html").read_text()
    table = re.search(r'<div class="qe-contents" data-module="pay-talks">.*?</div>', page, re.S)
    assert table, "no contents table on the module page"
    rows = re.findall(r'<tr data-qe-page="([^"]+)"', table.group(0))
    assert rows == ["pay-talks/index.md", "pay-talks/first-chapter.md"]
    assert 'data-qe-quizzes="pay-talks-practice pay-talks-star">1 min reading + ' in page
    assert "Quiz problem" not in page


def test_a_quiz_is_never_replaced_unless_forced(tmp_path: Path) -> None:
    target = new_quiz("q1", tmp_path)
    fresh = target.read_text()
    target.write_text("# my edits\n")
    with pytest.raises(ScaffoldError, match=r"already exists; .*use --force to replace it"):
        new_quiz("q1", tmp_path)
    assert target.read_text() == "# my edits\n"
    assert new_quiz("q1", tmp_path, force=True) == target
    assert target.read_text() == fresh


def test_force_never_writes_through_or_replaces_a_symlink(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text("kept\n")
    (tmp_path / "q1.yaml").symlink_to(elsewhere)
    with pytest.raises(ScaffoldError, match="is a symbolic link"):
        new_quiz("q1", tmp_path, force=True)
    assert (tmp_path / "q1.yaml").is_symlink() and elsewhere.read_text() == "kept\n"


def test_force_does_not_replace_a_folder_with_a_file(tmp_path: Path) -> None:
    (tmp_path / "q1.yaml").mkdir()
    with pytest.raises(ScaffoldError, match="is not a file"):
        new_quiz("q1", tmp_path, force=True)


def test_a_module_is_refused_then_forced_back_to_its_scaffold(tmp_path: Path) -> None:
    created = new_module("mod", tmp_path)
    fresh = {path: path.read_text() for path in created}
    manifest = tmp_path / "quizzes" / "mod" / "module.yaml"
    manifest.write_text("# my edits\n")
    extra = tmp_path / "docs" / "mod" / "second-chapter.md"
    extra.write_text("# Mine\n")
    with pytest.raises(ScaffoldError, match=r"already exists; .*use --force"):
        new_module("mod", tmp_path)
    assert manifest.read_text() == "# my edits\n"
    assert new_module("mod", tmp_path, force=True) == created
    assert {path: path.read_text() for path in created} == fresh
    assert extra.read_text() == "# Mine\n"  # files the scaffold did not write are left alone
    report = load_paths([tmp_path / "quizzes"], tmp_path / "docs")
    assert [d.format() for d in report.all_diagnostics if d.severity == "error"] == []


def test_a_forced_module_still_refuses_a_file_where_its_folder_goes(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "mod").write_text("")
    with pytest.raises(ScaffoldError, match="is a file, not a folder"):
        new_module("mod", tmp_path, force=True)
    assert not (tmp_path / "quizzes" / "mod").exists()
