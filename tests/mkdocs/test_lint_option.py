"""The plugin's `lint` option, built in-process on a copy of the small browser-test site."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from quizengine.lint import lint_paths

from ..conftest import ROOT

SITE = ROOT / "tests" / "browser" / "site"
PLUGIN = "  - quizengine:\n      quiz_dirs: [quizzes]\n"


def _copy(tmp_path: Path, option: str | None) -> Path:
    root = tmp_path / "src"
    shutil.copytree(SITE, root)
    config = root / "mkdocs.yml"
    text = config.read_text()
    assert PLUGIN in text
    if option is not None:
        config.write_text(text.replace(PLUGIN, PLUGIN + f"      lint: {option}\n"))
    return root


def _build(root: Path, tmp_path: Path, *, strict: bool) -> None:
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "out"), strict=strict)
    build(config)


def _quiz_warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == "mkdocs.plugins.quizengine" and r.levelno == logging.WARNING
    ]


@pytest.mark.parametrize("option", ["warn", "on"])  # YAML 1.1 reads a bare `on` as true
def test_warn_logs_every_finding_with_its_position(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, option: str
) -> None:
    root = _copy(tmp_path, option)
    expected = [f.format() for f in lint_paths([(root / "quizzes").resolve()]).findings]
    assert len(expected) >= 5
    with caplog.at_level(logging.WARNING):
        _build(root, tmp_path, strict=False)
    logged = _quiz_warnings(caplog)
    assert logged == expected
    assert logged[0] == (
        f"{(root / 'quizzes' / 'all-types.yaml').resolve()}:17:9: warning: question "
        "'pick-one': wrong option 'The office snack budget' has no feedback "
        "[wrong-option-feedback]"
    )
    assert (tmp_path / "out" / "chapter" / "types" / "index.html").is_file()


def test_warn_fails_a_strict_build(tmp_path: Path) -> None:
    with pytest.raises(Abort, match="warnings in strict mode"):
        _build(_copy(tmp_path, "warn"), tmp_path, strict=True)


@pytest.mark.parametrize("option", [None, "off", "'off'", "false"])
def test_off_by_default_so_strict_builds_still_pass(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, option: str | None
) -> None:
    with caplog.at_level(logging.WARNING):
        _build(_copy(tmp_path, option), tmp_path, strict=True)
    assert _quiz_warnings(caplog) == []


def test_an_unknown_value_is_a_configuration_error(tmp_path: Path) -> None:
    root = _copy(tmp_path, "loud")
    with pytest.raises(Abort, match="configuration error"):
        load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "out"))
