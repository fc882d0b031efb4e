"""Terminal presentation: the one place that knows how results look as text."""

from __future__ import annotations

from typing import TextIO

from .models import STAR_GATE, GradeResult, QuestionResult
from .safeio import terminal_text

_MARKS = {
    "correct": "correct",
    "partial": "partly correct",
    "incorrect": "incorrect",
    "unanswered": "not answered",
    "invalid": "invalid answer",
}


def question_lines(result: QuestionResult) -> list[str]:
    lines = [
        f"{result.id}: {_MARKS[result.status]} ({result.score:g}/{result.max_score:g})",
    ]
    if result.error:
        lines.append(f"  problem: {result.error}")
    lines.extend(f"  {note.strip()}" for note in result.feedback)
    for check in result.checks:
        lines.append(f"  [{'x' if check.passed else ' '}] {check.message}")
    gate = [c.id for c in result.checks if not c.passed and c.id in STAR_GATE]
    if gate:
        lines.append(
            f"  this story cannot pass yet, whatever the self-rating: fix {', '.join(gate)} first"
        )
    for rating in result.ratings or []:
        why = " (see the tip on why)" if rating.counted < rating.chosen else ""
        lines.append(f"  rating {rating.id}: chose {rating.chosen}, counts {rating.counted}{why}")
    for advice in result.advice or []:
        lines.append(f"  tip: {advice.message}")
    if result.met is not None:
        lines.append(f"  rubric lines met: {', '.join(result.met) or 'none'}")
    if result.needs_self_review:
        lines.append("  rate yourself on the rubric to complete this self-review")
    return lines


def summary_line(result: GradeResult) -> str:
    verdict = "PASSED" if result.passed else "NOT PASSED"
    return f"Score: {result.score:g}/{result.max_score:g} ({result.percent:.1f}%) - {verdict}"


def print_result(result: GradeResult, out: TextIO) -> None:
    for question in result.questions:
        print(terminal_text("\n".join(question_lines(question))), file=out)
    print(summary_line(result), file=out)
