"""The same mkdocs.yml under Zensical, Material's successor: the quiz directive still renders.

Zensical runs Python-Markdown extensions but not MkDocs plugins, which is why the directive
is an extension: without the plugin it renders the full quiz HTML in place.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from quizengine.loader import load_paths

from ..conftest import QUIZZES, ROOT

ZENSICAL = Path(sys.executable).with_name("zensical")


def test_zensical_builds_the_course_with_its_quizzes(tmp_path: Path) -> None:
    for name in ("mkdocs.yml", "docs", "quizzes", "overrides"):
        source = ROOT / name
        copy = shutil.copytree if source.is_dir() else shutil.copy2
        copy(source, tmp_path / name)
    proc = subprocess.run(
        [str(ZENSICAL), "build"], cwd=tmp_path, capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    html = "".join(p.read_text() for p in (tmp_path / "site").rglob("index.html"))
    rendered = set(re.findall(r'class="qe-quiz"[^>]*data-quiz-id="([a-z0-9-]+)"', html))
    assert rendered == {q.id for q in load_paths([QUIZZES]).quizzes}
    research = (tmp_path / "site" / "benefits" / "research" / "index.html").read_text()
    assert 'data-type="numeric"' in research
    assert "::quiz{#" not in research  # the directive was replaced, not printed
