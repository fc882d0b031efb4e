"""Grading: one pure function per question type (a module per family), and the quiz-level rules
of spec §3-4 in `dispatch.py`.

The names below load on first use, so that importing one family's module (the renderer reads
the numeric reading rules' help text, say) does not import every grader and the STAR analysis.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dispatch import grade, grade_question, parse_response

__all__ = ["grade", "grade_question", "parse_response"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        value = getattr(importlib.import_module(".dispatch", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'quizengine.grading' has no attribute '{name}'")
