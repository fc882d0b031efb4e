"""`quizengine lint`: valid quizzes that a test-wise learner could pass without reading.

Validation says whether a quiz *works*; these checks say whether it *measures* anything.
Every finding has a stable check id, a one-line reason (`why`) and the `path:line:col` of the
YAML node to edit, found with the same source positions as validation errors. Authors look
the ids up in docs/instructors/item-writing.md. A file that cannot be read has no node to
point at: its finding says so with the same `scope` as the engine's `Diagnostic`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Diagnostic, Scope, Severity
from ..loader import discover, resolve_banks, validate_document
from ..models import Quiz
from ..modules import MANIFEST_NAME
from ..source import SourceDocument, read_document
from .checks import CHECK_FUNCTIONS, CHECKS


@dataclass(frozen=True, slots=True)
class Finding:
    """One item-writing problem, at the YAML node an author should edit.

    `line` and `col` mean something only when `scope` is "position"; a file that could not
    be opened is a "file" finding, as it is a "file" `Diagnostic` everywhere else.
    """

    path: str
    line: int
    col: int
    check: str
    message: str
    severity: Severity = "warning"
    scope: Scope = "position"

    @classmethod
    def from_diagnostic(cls, diagnostic: Diagnostic, check: str) -> Finding:
        d = diagnostic
        return cls(d.path, d.line, d.col, check, d.message, d.severity, d.scope)

    @property
    def diagnostic(self) -> Diagnostic:
        """The same problem without its check id, printed and scoped as every other one."""
        return Diagnostic(self.path, self.line, self.col, self.message, self.severity, self.scope)

    @property
    def has_position(self) -> bool:
        return self.scope == "position"

    @property
    def why(self) -> str:
        return CHECKS.get(self.check, _INVALID_WHY)

    def format(self) -> str:
        return f"{self.diagnostic.format()} [{self.check}]"

    def to_json(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line if self.has_position else None,
            "col": self.col if self.has_position else None,
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
            "why": self.why,
        }


INVALID = "invalid-quiz"
_INVALID_WHY = "only quizzes that load can be linted; `quizengine validate` explains each error"


@dataclass(slots=True)
class LintReport:
    files: int = 0
    findings: list[Finding] = field(default_factory=list)
    # Paths that could not be read at all (missing, permission): a usage error, not a finding.
    unreadable: list[Diagnostic] = field(default_factory=list)


def lint_quiz(quiz: Quiz, doc: SourceDocument) -> list[Finding]:
    """Every item-writing finding for one valid quiz, in file order."""
    out: list[Finding] = []
    for check, run in CHECK_FUNCTIONS.items():

        def emit(loc: tuple[int | str, ...], message: str, check: str = check) -> None:
            out.append(Finding(doc.path, *doc.position(loc), check, message))

        run(quiz, doc.data, emit)
    return sorted(out, key=lambda f: (f.line, f.col, f.check))


def lint_file(path: Path, display: str | None = None) -> list[Finding]:
    """A quiz file's findings; a file that does not validate yields its errors instead."""
    doc = read_document(path, display)
    loaded = validate_document(doc)
    own = loaded.quiz
    if loaded.bank is not None and loaded.ok:  # a bank's questions, linted where they are written
        loaded.quiz = Quiz.model_construct(
            id=loaded.bank.id,
            title=loaded.bank.title or loaded.bank.id,
            questions=loaded.bank.questions,
        )
    elif own is not None and own.bank and loaded.ok:
        resolve_banks([loaded], {}, folder=Path(path).parent)
        if loaded.quiz is not None:  # its own questions only: bank files are linted on their own
            loaded.quiz = loaded.quiz.model_copy(update={"questions": own.questions})
    if loaded.quiz is None or not loaded.ok:
        return [
            Finding.from_diagnostic(d, INVALID) for d in loaded.diagnostics if d.severity == "error"
        ]
    return lint_quiz(loaded.quiz, doc)


def lint_paths(paths: Sequence[Path | str]) -> LintReport:
    """Every quiz file under the given files and folders (module manifests are skipped)."""
    files, problems = discover(paths)
    report = LintReport(unreadable=problems)
    for path in files:
        if path.name == MANIFEST_NAME:
            continue
        findings = lint_file(path)
        if any(f.scope == "file" for f in findings):  # read_document could not open it
            report.unreadable.extend(f.diagnostic for f in findings)
            continue
        report.files += 1
        report.findings.extend(findings)
    return report


__all__ = ["CHECKS", "INVALID", "Finding", "LintReport", "lint_file", "lint_paths", "lint_quiz"]
