"""quizengine: YAML practice quizzes and STAR self-reviews, validated with source positions."""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import Diagnostic, QuizEngineError, QuizFileError, ResponseError
from .grading import grade, grade_question, parse_response
from .loader import LoadReport, load_paths, load_quiz, load_quiz_file
from .models import GradeResult, Question, QuestionResult, Quiz, Response

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
