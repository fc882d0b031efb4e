"""Every place that branches on the question type is one mypy can list.

A new question type must be handled in each dispatcher (a `match` ending in
`assert_never`). The first test adds a dummy type to a scratch copy of the package and checks
that mypy names exactly the dispatcher modules below, so CONTRIBUTING.md's list stays true
and a dispatcher that forgets the `assert_never` shows up as missing. The second catches the
ways of branching mypy cannot see: `isinstance` chains and comparisons of `.type` with a
type name.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from quizengine.models import QUESTION_TYPES

from .conftest import ROOT

SRC = ROOT / "src" / "quizengine"

# The modules with a `match` on the question model ending in `assert_never`, as listed in
# CONTRIBUTING.md ("Adding a question type").
DISPATCHERS = {
    "grading/dispatch.py",
    "render/questions.py",
    "take.py",
    "lms/plan.py",
    "lms/gift_write.py",
    "lms/moodle_write.py",
    "lms/qti_items.py",
    "lint/checks.py",
    "report/analyse.py",
    "report/written.py",
    "contents.py",
    "models/questions.py",
}
# The AST check below skips report/: simulate.py's simulated learners still compare type
# names (CONTRIBUTING.md says to handle a new type there by hand).
NOT_CHECKED = ("report/",)

DUMMY = """

class DummyQuestion(QuestionBase):
    type: Literal["dummy"]

"""
_UNION_END = re.compile(r"(\n    \| \w+Question),(\n    Field\(discriminator=\"type\"\),\n\])")
_ERROR = re.compile(r"^src/quizengine/(?P<module>[\w/]+\.py):\d+: error: (?P<message>.*)$")


def _with_dummy_type(source: str) -> str:
    """models/questions.py with DummyQuestion defined and added to the `Question` union."""
    head, union, tail = source.partition("\nQuestion = Annotated[")
    assert union, "models/questions.py no longer defines `Question = Annotated[...]`"
    tail, found = _UNION_END.subn(r"\1\n    | DummyQuestion,\2", tail, count=1)
    assert found == 1, "the `Question` union no longer ends as this test expects"
    return head + DUMMY + union + tail


def test_mypy_names_every_dispatcher_when_a_type_is_added(tmp_path: Path) -> None:
    copy = tmp_path / "src" / "quizengine"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__", "assets", "*.json"))
    questions = copy / "models" / "questions.py"
    questions.write_text(_with_dummy_type(questions.read_text(encoding="utf-8")), "utf-8")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MYPYPATH")}
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), "--no-color"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    errors = [m for line in run.stdout.splitlines() if (m := _ERROR.match(line))]
    assert run.returncode == 1 and errors, run.stdout + run.stderr
    unexpected = [m.group(0) for m in errors if '"assert_never"' not in m["message"]]
    assert not unexpected, "\n".join(unexpected)
    named = {m["module"] for m in errors}
    assert named == DISPATCHERS, (
        f"mypy named {sorted(named)}; expected the dispatchers {sorted(DISPATCHERS)}: "
        "update DISPATCHERS and CONTRIBUTING.md together"
    )
    # Each error is about the dummy type, not some other hole.
    assert all("DummyQuestion" in m["message"] for m in errors), run.stdout


def _question_classes() -> set[str]:
    from quizengine.models import QUESTION_CLASSES

    return {cls.__name__ for cls in QUESTION_CLASSES.values()}


def _names(node: ast.expr) -> set[str]:
    """Class names in an isinstance() second argument: `A`, `A | B`, `(A, B)`."""
    if isinstance(node, ast.Name):
        return {node.id}
    if isinstance(node, ast.BinOp):
        return _names(node.left) | _names(node.right)
    if isinstance(node, ast.Tuple):
        return set().union(*(_names(e) for e in node.elts))
    return set()


def _branching(path: Path, classes: set[str]) -> list[str]:
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        tested: set[str] = set()
        for node in ast.walk(function):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "isinstance"
                and len(node.args) == 2
            ):
                tested |= _names(node.args[1]) & classes
            if (
                isinstance(node, ast.Compare)
                and isinstance(node.left, ast.Attribute)
                and node.left.attr == "type"
                and any(
                    isinstance(c, ast.Constant) and c.value in QUESTION_TYPES
                    for c in node.comparators
                )
            ):
                found.append(f"{function.name}:{node.lineno} compares .type with a type name")
        if len(tested) > 1:
            found.append(f"{function.name}: isinstance chain over {sorted(tested)}")
    return found


def test_no_branching_on_the_type_that_mypy_cannot_check() -> None:
    classes = _question_classes()
    found = [
        f"{path.relative_to(SRC)}: {problem}"
        for path in sorted(SRC.rglob("*.py"))
        if not str(path.relative_to(SRC)).startswith(NOT_CHECKED)
        for problem in _branching(path, classes)
    ]
    assert not found, (
        "branch on the question type with a `match` ending in `case _: assert_never(q)` "
        "(see CONTRIBUTING.md):\n" + "\n".join(found)
    )


def test_the_branching_check_sees_a_chain_and_a_type_comparison(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f(q):\n"
        "    if isinstance(q, SingleQuestion):\n"
        "        return 1\n"
        "    if isinstance(q, (NumericQuestion, StarQuestion)):\n"
        "        return 2\n"
        "def g(q):\n"
        "    return q.type == 'star'\n"
        "def h(q):\n"
        "    return isinstance(q, StarQuestion)\n",
        encoding="utf-8",
    )
    assert _branching(sample, _question_classes()) == [
        "f: isinstance chain over ['NumericQuestion', 'SingleQuestion', 'StarQuestion']",
        "g:7 compares .type with a type name",
    ]
