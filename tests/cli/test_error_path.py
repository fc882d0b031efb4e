"""One path for user errors (issue 15): every user error is a `QuizEngineError` carrying its
exit code and diagnostics, `cli.main` prints them, and only `Diagnostic.format` writes the
`quizengine: error:` prefix."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from quizengine.cli import main
from quizengine.errors import Diagnostic, QuizEngineError, UsageError
from quizengine.scaffold import ScaffoldError

from ..conftest import DATA, ROOT

SRC = ROOT / "src" / "quizengine"


def test_only_diagnostic_format_writes_the_error_prefix() -> None:
    found = [
        f"{path.relative_to(SRC)}:{number}"
        for path in sorted(SRC.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"[\"']quizengine: (error|\{)", line)
    ]
    assert [where.split(":")[0] for where in found] == ["errors.py", "errors.py"], found
    format_lines = range(*_lines_of(SRC / "errors.py", "format"))
    assert all(int(where.split(":")[1]) in format_lines for where in found), found


def _lines_of(path: Path, function: str) -> tuple[int, int]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef) and node.name == function:
            return node.lineno, (node.end_lineno or node.lineno) + 1
    raise AssertionError(f"no {function} in {path}")


def test_no_command_returns_the_usage_exit_code_itself() -> None:
    """A usage error is raised (a `UsageError`), for cli.main to print and to exit 2 with."""
    for path in sorted(SRC.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Return) and isinstance(node.value, ast.Name):
                assert node.value.id != "EXIT_USAGE", f"{path}: return EXIT_USAGE, not raise"


def test_every_user_error_is_a_quizengine_error_with_its_exit_code() -> None:
    assert issubclass(ScaffoldError, UsageError)
    assert UsageError("x").exit_code == 2
    assert QuizEngineError("x").exit_code == 1
    assert QuizEngineError("x", exit_code=2).exit_code == 2
    error = UsageError([Diagnostic.whole_file("a.yaml", "no such file or folder")])
    assert [d.format() for d in error.diagnostics] == [
        "quizengine: error: a.yaml: no such file or folder"
    ]


def test_a_diagnostic_says_what_it_is_about() -> None:
    at = Diagnostic("q.yaml", 3, 5, "unknown key 'x'")
    whole = Diagnostic.whole_file("q.yaml", "a pipe (FIFO), not a regular file")
    general = Diagnostic.general("usage: quizengine new QUIZ_ID | new module NAME")
    assert (at.has_position, whole.has_position, general.has_position) == (True, False, False)
    assert at.format() == "q.yaml:3:5: error: unknown key 'x'"
    assert whole.format() == "quizengine: error: q.yaml: a pipe (FIFO), not a regular file"
    assert general.format().startswith("quizengine: error: usage: ")


@pytest.mark.parametrize(
    ("argv", "code", "line"),
    [
        (["validate", "nowhere"], 2, "quizengine: error: nowhere: no such file or folder"),
        (["new", "a", "b", "c"], 2, "quizengine: error: usage: quizengine new QUIZ_ID"),
        (["new", "Bad Id"], 2, "quizengine: error: 'Bad Id' is not a valid quiz id"),
        (["take", str(DATA / "malformed" / "06-two-correct-single.yaml")], 1, "06-two-corr"),
        (["nav", "--config", "no-such.yml"], 2, "quizengine: error: cannot read no-such.yml: "),
        (["export", "nowhere", "--format", "gift"], 2, "quizengine: error: nowhere: no such"),
        (["import", "notes.docx"], 2, "quizengine: error: cannot tell the format of notes.docx"),
        (["report", "nowhere"], 2, "quizengine: error: nowhere: no such file or folder"),
    ],
)
def test_each_command_reports_user_errors_through_main(
    argv: list[str], code: int, line: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(argv) == code
    err = capsys.readouterr().err
    assert line in err, err
    assert "Traceback" not in err and "Errno" not in err


def test_grade_prints_an_invalid_quiz_at_its_positions_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    response = tmp_path / "r.json"
    response.write_text('{"quiz": "q", "answers": {}}')
    quiz = DATA / "malformed" / "06-two-correct-single.yaml"
    assert main(["grade", str(quiz), str(response)]) == 1
    err = capsys.readouterr().err
    assert err == f"{quiz}:8:7: error: question 'q1': exactly one option must be correct, found 2\n"
