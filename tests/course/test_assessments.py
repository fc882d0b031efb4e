"""The course's quizzes measure learning: no item-writing finding, nothing passable unread.

`lint: warn` in mkdocs.yml would make these build warnings, but the course's strict config
then stops `mkdocs serve` the moment an instructor scaffolds a module (its example text is
a finding until replaced), so the course keeps itself clean here instead.
"""

from __future__ import annotations

import subprocess
import sys

from quizengine.lint import lint_paths

from ..conftest import QUIZZES, ROOT


def test_the_course_quizzes_have_no_item_writing_findings() -> None:
    findings = lint_paths([QUIZZES]).findings
    assert not findings, [f"{f.path}:{f.line}: {f.message}" for f in findings]


def test_no_quiz_can_be_passed_or_half_scored_without_reading() -> None:
    """benchmarks/testwise_bench.py --check: every quiz of three or more questions scores at
    most 50% and below its pass mark under every no-reading strategy."""
    bench = ROOT / "benchmarks" / "testwise_bench.py"
    done = subprocess.run(
        [sys.executable, str(bench), "--check", str(QUIZZES)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
