"""Shared fixtures: paths to the repository's data, and a helper to write small quiz files."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
VECTORS = ROOT / "tests" / "vectors"
QUIZZES = ROOT / "quizzes"


def need_node() -> str:
    """Node's path; a test that needs it fails in CI (where `make test` installs it), skips
    only on a machine without it."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is needed to check the shipped JavaScript")
        pytest.skip("node is not installed")
    return node


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented YAML text to a file in a temporary folder and return its path."""

    def write(text: str, name: str = "quiz.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


@dataclass(frozen=True)
class BuiltSite:
    path: Path
    url: str  # the site_url it was built for: serve it there (instant navigation needs it)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real course, built once per test session with `mkdocs build --strict`."""
    site = tmp_path_factory.mktemp("site")
    url = f"http://127.0.0.1:{free_port()}/"
    mkdocs = Path(sys.executable).with_name("mkdocs")
    proc = subprocess.run(
        [str(mkdocs), "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "QE_SITE_URL": url},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return BuiltSite(site, url)


def copy_course(target: Path, *extra: str) -> None:
    """What a site build of the course reads, copied into `target` (plus `extra` paths).

    tests/data/lint is there because the item-writing guide includes its examples from it
    (pymdownx.snippets)."""
    for name in ("mkdocs.yml", "docs", "quizzes", "overrides", "tests/data/lint", *extra):
        original = ROOT / name
        if original.is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(original, target / name, ignore=ignore)
        else:
            shutil.copy2(original, target / name)


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """A copy of the course built by `zensical build` from the same mkdocs.yml (no plugins run)."""
    source = tmp_path_factory.mktemp("zensical")
    copy_course(source)
    url = f"http://127.0.0.1:{free_port()}/"
    zensical = Path(sys.executable).with_name("zensical")
    proc = subprocess.run(
        [str(zensical), "build"],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "QE_SITE_URL": url},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return BuiltSite(source / "site", url)
