"""User errors carry diagnostics with a source position; internal bugs stay ordinary exceptions.

Keeping the two apart lets the CLI print every user problem as `PATH:LINE:COL: error: ...`
and exit 1, while a genuine bug still surfaces loudly in tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in one file, 1-based line and column (0 when the position is unknown)."""

    path: str
    line: int
    col: int
    message: str
    severity: Severity = "error"

    def format(self) -> str:
        """One printable line: a key or value quoted in the message may hold escape codes."""
        from .safeio import terminal_text  # safeio imports this module

        line = f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"
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
    )
    return [*diagnostics[:limit], summary]


class QuizEngineError(Exception):
    """Base of every error a user can cause; never a bug in the engine."""


class QuizFileError(QuizEngineError):
    """A quiz file (or several) could not be loaded; `diagnostics` says where and why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.format() for d in diagnostics))


class ResponseError(QuizEngineError):
    """A response file is rejected whole (not JSON, not an object, another quiz, unknown id)."""
