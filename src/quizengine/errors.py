"""User errors carry diagnostics; internal bugs stay ordinary exceptions.

Every error a user can cause is a `QuizEngineError` carrying its diagnostics and its exit
code, so the CLI prints them in one place (`cli.main`), as `PATH:LINE:COL: error: ...` where
there is a position, while a genuine bug still surfaces loudly in tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
# What a diagnostic is about: a place in a file (`path:line:col`), a whole file (missing,
# unreadable), or neither (a command's arguments, an input rejected as a whole).
Scope = Literal["position", "file", "general"]

EXIT_INVALID, EXIT_USAGE = 1, 2


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem; `line` and `col` are 1-based and mean something only for a position."""

    path: str
    line: int
    col: int
    message: str
    severity: Severity = "error"
    scope: Scope = "position"

    @classmethod
    def whole_file(cls, path: str, message: str, severity: Severity = "error") -> Diagnostic:
        """A problem with a file as a whole, such as a path that does not exist."""
        return cls(path, 0, 0, message, severity, "file")

    @classmethod
    def general(cls, message: str, severity: Severity = "error") -> Diagnostic:
        """A problem with no file to name: a usage error, an input rejected whole."""
        return cls("", 0, 0, message, severity, "general")

    @property
    def has_position(self) -> bool:
        return self.scope == "position"

    def format(self) -> str:
        """One printable line: a key or value quoted in the message may hold escape codes.

        This is the only place that writes the `quizengine: error:` prefix of the lines
        that have no position; a test keeps it so.
        """
        from .safeio import terminal_text  # safeio imports this module

        if self.scope == "position":
            line = f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"
        elif self.scope == "file":
            line = f"quizengine: {self.severity}: {self.path}: {self.message}"
        else:
            line = f"quizengine: {self.severity}: {self.message}"
        return terminal_text(line)


# Past this many problems in one file the rest are counted, not listed: a generated file with
# thousands of errors would otherwise bury the first (usually the cause of the others).
MAX_DIAGNOSTICS_PER_FILE = 100


def cap_diagnostics(diagnostics: list[Diagnostic], more: int = 0) -> list[Diagnostic]:
    """The first problems of a file, then one line counting the rest (and `more` unlisted)."""
    limit = MAX_DIAGNOSTICS_PER_FILE
    hidden = diagnostics[limit:]
    extra = len(hidden) + more
    if extra <= 0 or not diagnostics:
        return diagnostics
    at = hidden[0] if hidden else diagnostics[-1]
    severity: Severity = (
        "error" if more or any(d.severity == "error" for d in hidden) else "warning"
    )
    summary = Diagnostic(
        at.path,
        at.line,
        at.col,
        f"... and {extra:,} more problem{'s' * (extra != 1)} in this file "
        "(fix the ones above first; they often cause the rest)",
        severity,
        at.scope,
    )
    return [*diagnostics[:limit], summary]


class QuizEngineError(Exception):
    """Base of every error a user can cause; never a bug in the engine.

    It carries what to print (`diagnostics`: one general line when made from a message) and
    the command's exit code (1: invalid input, 2: usage error or unreadable path).
    """

    exit_code: int = EXIT_INVALID

    def __init__(
        self, problem: str | Sequence[Diagnostic] = "", *, exit_code: int | None = None
    ) -> None:
        if isinstance(problem, str):
            self.diagnostics = [Diagnostic.general(problem)]
            text = problem
        else:
            self.diagnostics = list(problem)
            text = "\n".join(d.format() for d in self.diagnostics)
        if exit_code is not None:
            self.exit_code = exit_code
        super().__init__(text)


class UsageError(QuizEngineError):
    """The command cannot run as asked: a bad argument, a path that is not there."""

    exit_code = EXIT_USAGE


class QuizFileError(QuizEngineError):
    """A quiz file (or several) could not be loaded; `diagnostics` says where and why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(diagnostics)


class ResponseError(QuizEngineError):
    """A response file is rejected whole (not JSON, not an object, another quiz, unknown id)."""
