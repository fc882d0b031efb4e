"""Statistics per bank question, over every quiz that drew it.

A bank question answered in the practice quiz and in the module check is one question: its
facility and discrimination here pool the attempts of both, and `quizzes` keeps the count
and facility in each, so an instructor sees whether it behaves the same way in both. To pool
attempts of quizzes with different maxima, the rest of each attempt (its score without this
question) is taken as a percentage of that attempt's maximum.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..models import GradeResult, Question, Quiz
from .reading import plain_text
from .records import BankQuestionStats, QuizShare
from .stats import item_stats


@dataclass(slots=True)
class _Pooled:
    question: Question
    scores: list[float] = field(default_factory=list)
    totals: list[float] = field(default_factory=list)
    per_quiz: dict[str, list[float]] = field(default_factory=dict)


def bank_stats(
    results: Iterable[GradeResult], quizzes: Mapping[str, Quiz]
) -> tuple[BankQuestionStats, ...]:
    """One entry per (bank, question id) that some result presented, sorted by both."""
    pooled: dict[tuple[str, str], _Pooled] = {}
    for result in results:
        quiz = quizzes[result.quiz]
        for qr in result.questions:
            bank = quiz.origin(qr.id)
            question = quiz.question(qr.id)
            if bank is None or question is None:
                continue
            entry = pooled.setdefault((bank, qr.id), _Pooled(question))
            rest = 100.0 * (result.score - qr.score) / result.max_score if result.max_score else 0
            entry.scores.append(qr.score)
            entry.totals.append(qr.score + rest)
            entry.per_quiz.setdefault(result.quiz, []).append(qr.score)
    out = []
    for (bank, qid), entry in sorted(pooled.items()):
        points = entry.question.points
        item = item_stats(entry.scores, entry.totals, points)
        shares = tuple(
            QuizShare(quiz_id, len(scores), 100.0 * sum(scores) / len(scores) / points)
            for quiz_id, scores in entry.per_quiz.items()
        )
        out.append(
            BankQuestionStats(
                bank=bank,
                id=qid,
                type=entry.question.type,
                points=points,
                n=item.n,
                facility=item.facility,
                discrimination=item.discrimination,
                quizzes=shares,
                prompt=plain_text(entry.question.prompt, 160),
            )
        )
    return tuple(out)
