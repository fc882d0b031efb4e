"""One error per mistake, each with its file (issue 13): `quizengine validate` on a course
whose every mistake is known, run for real from the course folder."""

from __future__ import annotations

import re

from ..conftest import DATA
from .test_cli import run

COURSE = DATA / "mistakes"
# Each mistake in tests/data/mistakes, and the one line that reports it.
EXPECTED = [
    "quizzes/raising/raise-prep.yaml:10:9: error: question 'when': unknown key 'corect' "
    "(did you mean 'correct'?)",
    "quizzes/offers/module.yaml:3:1: error: unknown key 'sumary' (did you mean 'summary'?)",
    "docs/index.md:6:1: warning: this line looks like a ::quiz directive but is shown as text: "
    "a directive needs a blank line before it (write ::quiz{#raise-star} as a paragraph of its "
    "own)",
    "docs/index.md:8:9: warning: this line looks like a ::quiz directive but is shown as text: "
    "a directive must be alone on its line; put ::quiz{#raise-star} on a line of its own, "
    "with a blank line before and after it",
    "docs/index.md:10:1: warning: this line looks like a ::quiz directive but is shown as text: "
    "no space may follow '#': write ::quiz{#raise-star}",
    "docs/index.md:12:1: warning: this line looks like a ::quiz directive but is shown as text: "
    "a directive starts with exactly two colons: write ::quiz{#raise-star}",
]
POSITION = re.compile(r"^[^:]+\.(yaml|md):\d+:\d+: (error|warning): ")


def test_validate_reports_each_mistake_once_with_its_file() -> None:
    proc = run("validate", cwd=COURSE)
    lines = proc.stdout.splitlines()
    assert sorted(lines) == sorted(EXPECTED), proc.stdout
    assert all(POSITION.match(line) for line in lines)
    # The quiz that failed to load is not "unknown" where the manifest and a page name it.
    assert "raise-prep'" not in proc.stdout.replace("raise-prep.yaml", "")
    assert "not listed" not in proc.stdout
    assert proc.stderr == "4 quiz files checked: 2 errors, 4 warnings\n"
    assert proc.returncode == 1


def test_validate_checks_pages_outside_module_chapters() -> None:
    """docs/index.md is in no manifest: its near misses are reported all the same."""
    proc = run("validate", cwd=COURSE)
    assert "docs/index.md" not in (COURSE / "quizzes" / "raising" / "module.yaml").read_text()
    assert sum(line.startswith("docs/index.md:") for line in proc.stdout.splitlines()) == 4
