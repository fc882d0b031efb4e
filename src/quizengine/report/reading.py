"""How to read the numbers: shared by the HTML report, the text summary and the notebook.

The thresholds are rules of thumb for spotting questions worth a second look, not verdicts:
a hard question can be a good one, and a small class makes every index noisy.
"""

from __future__ import annotations

import re

from .records import QuestionStats, QuizStats

HARD, EASY = 30.0, 90.0  # facility, percent
WEAK = 20.0  # discrimination index
FEW = 30  # attempts below which item statistics are shaky

_MARKUP = re.compile(r"[*`]+")
_SPACE = re.compile(r"\s+")


def fmt(value: float | None, suffix: str = "", digits: int = 1) -> str:
    """A number for people: `undefined` instead of None, one decimal by default."""
    return "undefined" if value is None else f"{value:.{digits}f}{suffix}"


def question_notes(question: QuestionStats) -> list[str]:
    """Short, actionable remarks on one question's statistics (empty when nothing stands out)."""
    notes: list[str] = []
    if question.facility is not None:
        if question.facility < HARD:
            notes.append("hard: check the key, the wording and whether the chapter covers it")
        elif question.facility > EASY:
            notes.append("easy: fine as a warm-up, tells little about who has learned")
    if question.discrimination is not None:
        if question.discrimination < 0:
            notes.append("negative discrimination: strong learners miss it, check the key")
        elif question.discrimination < WEAK:
            notes.append("weak discrimination: look for ambiguity or guessable wording")
    elif question.n >= 2:
        notes.append("discrimination undefined: everyone scored the same on it or on the rest")
    if question.distractors is not None:
        flags = {option.flag for option in question.distractors.options}
        if "beats_key" in flags:
            notes.append("a distractor is more popular than the key")
        if "never_chosen" in flags:
            notes.append("a distractor nobody picks")
    return notes


def hardest(quiz: QuizStats, count: int = 3) -> list[QuestionStats]:
    """The lowest-facility questions, ties in quiz order."""
    rated = [q for q in quiz.questions if q.facility is not None]
    return sorted(rated, key=lambda q: q.facility or 0.0)[:count]


def least_discriminating(quiz: QuizStats) -> QuestionStats | None:
    rated = [q for q in quiz.questions if q.discrimination is not None]
    return min(rated, key=lambda q: q.discrimination or 0.0, default=None)


def plain_text(markdown: str, limit: int = 90) -> str:
    """Option text for a table cell: markup stripped, one line, cut at `limit` characters."""
    text = _SPACE.sub(" ", _MARKUP.sub("", markdown)).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
