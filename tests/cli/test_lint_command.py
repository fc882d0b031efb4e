"""`quizengine lint` run for real: golden output, JSON for tools, exit codes."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from quizengine.lint import CHECKS

from ..conftest import DATA, ROOT
from .test_cli import LINE, assert_no_traceback, run

GOLDEN = Path(__file__).parent / "golden" / "lint.txt"
FIXTURES = DATA / "lint"


def test_output_matches_golden_file() -> None:
    proc = run("lint", "tests/data/lint")
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout == GOLDEN.read_text()
    assert proc.stderr == (
        "22 quiz files linted: 14 findings (1 draw-pool, 2 image-alt, 2 longest-correct, "
        "1 missing-explanation, 1 negated-prompt, 1 numeric-unit, 1 of-the-above, "
        "2 scaffold-text, 1 text-example, 1 true-false-balance, 1 wrong-option-feedback)\n"
    )


def test_every_finding_line_points_at_a_node_and_is_followed_by_its_reason() -> None:
    lines = GOLDEN.read_text().splitlines()
    for finding, why in zip(lines[::2], lines[1::2], strict=True):
        match = LINE.match(finding)
        assert match and match["sev"] == "warning", finding
        check = re.search(r"\[([a-z-]+)\]$", finding)
        assert check and why == f"  why: {CHECKS[check.group(1)]}"
        text = (ROOT / match["path"]).read_text().splitlines()
        assert text[int(match["line"]) - 1][int(match["col"]) - 1 :].strip()


def test_json_lists_the_same_findings() -> None:
    proc = run("lint", "--json", "tests/data/lint")
    assert proc.returncode == 1
    found = json.loads(proc.stdout)
    text_lines = GOLDEN.read_text().splitlines()[::2]
    assert [
        f"{f['path']}:{f['line']}:{f['col']}: {f['severity']}: {f['message']} [{f['check']}]"
        for f in found
    ] == text_lines
    assert all(f["why"] == CHECKS[f["check"]] for f in found)
    assert {tuple(sorted(f)) for f in found} == {
        ("check", "col", "line", "message", "path", "severity", "why")
    }


def test_clean_files_exit_zero_with_no_output() -> None:
    good = sorted(str(p.relative_to(ROOT)) for p in FIXTURES.glob("*-good.yaml"))
    proc = run("lint", *good)
    assert (proc.returncode, proc.stdout) == (0, "")
    assert proc.stderr == "11 quiz files linted: 0 findings\n"
    assert json.loads(run("lint", "--json", *good).stdout) == []


def test_invalid_quiz_is_reported_as_its_errors_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "junk.yaml").write_bytes(b"\xff\xfe not text")
    (tmp_path / "typo.yaml").write_text("id: t\ntitle: T\nquestionz: []\n")
    proc = run("lint", str(tmp_path))
    assert proc.returncode == 1
    assert_no_traceback(proc)
    lines = proc.stdout.splitlines()
    assert lines[0] == (
        f"{tmp_path}/junk.yaml:1:1: error: file is not valid UTF-8 text (is it a binary file?) "
        "[invalid-quiz]"
    )
    assert all(LINE.match(line) and line.endswith("[invalid-quiz]") for line in lines)
    assert "why:" not in proc.stdout


def test_missing_path_is_a_usage_error() -> None:
    proc = run("lint", "does/not/exist")
    assert proc.returncode == 2
    assert proc.stderr == "quizengine: error: does/not/exist: no such file or folder\n"


def test_a_file_that_cannot_be_opened_is_a_usage_error_without_a_position(
    tmp_path: Path,
) -> None:
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    proc = run("lint", str(pipe))
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"quizengine: error: {pipe}: a pipe (FIFO), not a regular file\n"


def test_the_course_lints_by_default_and_every_line_is_well_formed() -> None:
    proc = run("lint")
    assert_no_traceback(proc)
    lines = proc.stdout.splitlines()
    assert proc.returncode == (1 if lines else 0)
    for finding in lines[::2]:
        assert LINE.match(finding) and finding.startswith("quizzes/"), finding
