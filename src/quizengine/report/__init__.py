"""Results analysis for instructors: re-grade learners' exports and report on the quiz.

Data flows one way: `collect` (files -> re-graded results + problems, each attempt once),
`analyse` (results -> statistics, what learners wrote, the learners table; pure),
`render_html` / `summary_json` / `summary_text` (statistics -> output). The statistics
follow Moodle's quiz statistics report (facility index, discrimination index, discriminative
efficiency); the exact formulas are in `quizengine.report.stats`, the conventions for draws,
distractors and STAR checks in `quizengine.report.analyse`, attempt identity in
`quizengine.report.collect` and the grouping of typed answers in `quizengine.report.written`.
"""

from __future__ import annotations

from .analyse import analyse
from .collect import collect
from .command import add_commands, run_report
from .page import render_html
from .records import (
    Analysis,
    AnswerCount,
    CheckRate,
    Distractors,
    Graded,
    Learner,
    LearnerQuiz,
    Matched,
    Matches,
    OptionCount,
    Problem,
    QuestionStats,
    QuizStats,
    StarStats,
    Written,
)
from .simulate import simulate_class
from .summary import summary_json, summary_text

__all__ = [
    "Analysis",
    "AnswerCount",
    "CheckRate",
    "Distractors",
    "Graded",
    "Learner",
    "LearnerQuiz",
    "Matched",
    "Matches",
    "OptionCount",
    "Problem",
    "QuestionStats",
    "QuizStats",
    "StarStats",
    "Written",
    "add_commands",
    "analyse",
    "collect",
    "render_html",
    "run_report",
    "simulate_class",
    "summary_json",
    "summary_text",
]
