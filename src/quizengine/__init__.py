"""quizengine: YAML practice quizzes and STAR self-reviews, validated with source positions."""

from __future__ import annotations

__version__ = "0.1.0"

import importlib
from typing import TYPE_CHECKING, Any

from .errors import Diagnostic, QuizEngineError, QuizFileError, ResponseError
from .loader import LoadReport, load_paths, load_quiz, load_quiz_file
from .models import GradeResult, Question, QuestionResult, Quiz, Response

if TYPE_CHECKING:
    from .grading import grade, grade_question, parse_response

# Grading (and the STAR analysis behind it) loads on first use: a site build, which only
# validates and renders, never pays for importing it.
_LAZY = {"grade": ".grading", "grade_question": ".grading", "parse_response": ".grading"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'quizengine' has no attribute '{name}'")


__all__ = [
    "Diagnostic",
    "GradeResult",
    "LoadReport",
    "Question",
    "QuestionResult",
    "Quiz",
    "QuizEngineError",
    "QuizFileError",
    "Response",
    "ResponseError",
    "__version__",
    "grade",
    "grade_question",
    "load_paths",
    "load_quiz",
    "load_quiz_file",
    "parse_response",
]
