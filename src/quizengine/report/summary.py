"""The two stdout forms of an analysis: a JSON summary for scripts, a short text for people.

JSON units, chosen so every number reads as it does in the HTML report: `mean`, `median`,
`sd` and `facility` are percentages (0-100); `discrimination` runs from -100 to 100 and
`efficiency` is a percentage, both as Moodle prints them; `pass_rate`, `share` and check
`rate` are fractions (0-1). Undefined values are `null`.
"""

from __future__ import annotations

from typing import Any

from .model import Analysis, Distractors, QuestionStats, QuizStats
from .reading import fmt, hardest, least_discriminating


def summary_json(analysis: Analysis, report_path: str | None = None) -> dict[str, Any]:
    duplicates = sum(p.kind == "duplicate" for p in analysis.problems)
    out: dict[str, Any] = {
        "files": analysis.files,
        "attempts": analysis.n,
        "skipped": len(analysis.problems) - duplicates,
        "duplicates": duplicates,
        "quizzes": [_quiz(q) for q in analysis.quizzes],
        "problems": [
            {"path": p.path, "kind": p.kind, "reason": p.reason} for p in analysis.problems
        ],
    }
    if report_path is not None:
        out["report"] = report_path
    return out


def _quiz(quiz: QuizStats) -> dict[str, Any]:
    return {
        "quiz": quiz.id,
        "title": quiz.title,
        "n": quiz.n,
        "mean": quiz.mean,
        "median": quiz.median,
        "sd": quiz.sd,
        "pass_rate": quiz.pass_rate,
        "with_answers": quiz.with_answers,
        "questions": [_question(q) for q in quiz.questions],
        "star": [
            {
                "id": s.id,
                "n": s.n,
                "checks": {c.id: {"rate": c.rate, "passed": c.passed, "run": c.run}
                           for c in s.checks},
                "needs_self_review": s.self_review_share,
                "rating_capped": s.capped_share,
            }
            for s in quiz.star
        ],
    }  # fmt: skip


def _question(question: QuestionStats) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": question.id,
        "type": question.type,
        "points": question.points,
        "n": question.n,
        "facility": question.facility,
        "sd": question.sd,
        "discrimination": question.discrimination,
        "efficiency": question.efficiency,
    }
    if question.distractors is not None:
        out["distractors"] = _distractors(question.distractors)
    return out


def _distractors(data: Distractors) -> dict[str, Any]:
    return {
        "n": data.n,
        "unanswered": data.unanswered,
        "invalid": data.invalid,
        "options": [
            {"id": o.id, "correct": o.correct, "count": o.count, "share": o.share,
             "flag": o.flag}
            for o in data.options
        ],
    }  # fmt: skip


def summary_text(analysis: Analysis) -> str:
    """Per quiz: attempts, mean, pass rate, the three hardest and the least discriminating."""
    lines = []
    for quiz in analysis.quizzes:
        lines.append(
            f"{quiz.id}: {quiz.n} attempts, mean {quiz.mean:.1f}%, "
            f"pass rate {100 * quiz.pass_rate:.1f}%"
        )
        hard = ", ".join(f"{q.id} ({fmt(q.facility, '%')})" for q in hardest(quiz))
        lines.append(f"  hardest: {hard or 'none rated'}")
        weakest = least_discriminating(quiz)
        lines.append(
            "  least discriminating: "
            + (f"{weakest.id} ({fmt(weakest.discrimination)})" if weakest else "undefined")
        )
    return "\n".join(lines) + "\n"
