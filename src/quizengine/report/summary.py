"""The two stdout forms of an analysis: a JSON summary for scripts, a short text for people.

JSON units, chosen so every number reads as it does in the HTML report: `mean`, `median`,
`sd` and `facility` are percentages (0-100); `discrimination` runs from -100 to 100 and
`efficiency` is a percentage, both as Moodle prints them; `pass_rate`, `share` and check
`rate` are fractions (0-1). Undefined values are `null`. `written` (short text and numeric)
lists the most frequent answers as the grader compares them, with the least and most points
each got; `matches` (matching) lists, per left item, the right items chosen. `learners` has
one entry per learner name found in the exports, with their best percent per quiz. `banks`
has one entry per bank question, pooled over every quiz that drew it (see `report.banks`).
"""

from __future__ import annotations

from typing import Any

from .reading import fmt, hardest, least_discriminating
from .records import Analysis, Distractors, Matches, QuestionStats, QuizStats, Written


def summary_json(analysis: Analysis, report_path: str | None = None) -> dict[str, Any]:
    duplicates = sum(p.kind == "duplicate" for p in analysis.problems)
    out: dict[str, Any] = {
        "files": analysis.files,
        "attempts": analysis.n,
        "skipped": len(analysis.problems) - duplicates,
        "duplicates": duplicates,
        "quizzes": [_quiz(q) for q in analysis.quizzes],
        "learners": [
            {
                "name": learner.name,
                "quizzes": [
                    {"quiz": q.quiz, "attempts": q.attempts, "best": q.best, "passed": q.passed}
                    for q in learner.quizzes
                ],
            }
            for learner in analysis.learners
        ],
        "unnamed_attempts": analysis.unnamed,
        "banks": [
            {
                "bank": q.bank,
                "question": q.id,
                "type": q.type,
                "n": q.n,
                "facility": q.facility,
                "discrimination": q.discrimination,
                "quizzes": [{"quiz": s.quiz, "n": s.n, "facility": s.facility} for s in q.quizzes],
            }
            for q in analysis.banks
        ],
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
    if question.written is not None:
        out["written"] = _written(question.written)
    if question.matches is not None:
        out["matches"] = _matches(question.matches)
    return out


def _written(data: Written) -> dict[str, Any]:
    return {
        "n": data.n,
        "unanswered": data.unanswered,
        "invalid": data.invalid,
        "answers": [
            {"answer": a.answer, "count": a.count, "score_low": a.low, "score_high": a.high,
             "understood": a.understood, **({"examples": list(a.examples)} if a.examples else {})}
            for a in data.answers
        ],
        "other_learners": data.others,
        "other_answers": data.other_answers,
        "hints": list(data.hints),
    }  # fmt: skip


def _matches(data: Matches) -> dict[str, Any]:
    return {
        "n": data.n,
        "unanswered": data.unanswered,
        "invalid": data.invalid,
        "items": [
            {"left": row.left, "key": row.key, "blank": row.blank,
             "chosen": [{"right": o.id, "correct": o.correct, "count": o.count}
                        for o in row.chosen]}
            for row in data.rows
        ],
    }  # fmt: skip


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
    shared = [q for q in analysis.banks if len(q.quizzes) > 1]
    if shared:
        lines.append("bank questions drawn by more than one quiz:")
    for q in shared:
        each = ", ".join(f"{s.quiz} {s.n} at {s.facility:.0f}%" for s in q.quizzes)
        lines.append(f"  {q.bank}/{q.id}: {q.n} attempts, facility {fmt(q.facility, '%')} ({each})")
    return "\n".join(lines) + "\n"
