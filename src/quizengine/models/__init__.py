"""Pydantic models: the single source of truth for the quiz format and the result shapes."""

from .base import Slug, StrictModel, default_id
from .questions import (
    QUESTION_CLASSES,
    QUESTION_TYPES,
    Item,
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    Option,
    OrderingQuestion,
    Pair,
    Question,
    RubricCriterion,
    ShortTextQuestion,
    SingleQuestion,
    StarQuestion,
    TextAnswer,
    TrueFalseQuestion,
)
from .quiz import Quiz
from .responses import Response
from .results import STAR_PARTS, Advice, Check, GradeResult, QuestionResult, StarPart, Status

__all__ = [
    "QUESTION_CLASSES",
    "QUESTION_TYPES",
    "STAR_PARTS",
    "Advice",
    "Check",
    "GradeResult",
    "Item",
    "MatchingQuestion",
    "MultipleQuestion",
    "NumericQuestion",
    "Option",
    "OrderingQuestion",
    "Pair",
    "Question",
    "QuestionResult",
    "Quiz",
    "Response",
    "RubricCriterion",
    "ShortTextQuestion",
    "SingleQuestion",
    "Slug",
    "StarPart",
    "StarQuestion",
    "Status",
    "StrictModel",
    "TextAnswer",
    "TrueFalseQuestion",
    "default_id",
]
