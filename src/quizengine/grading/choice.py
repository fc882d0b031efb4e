"""single, multiple and true_false: choices by id, so shuffling never changes a grade."""

from __future__ import annotations

from ..models import MultipleQuestion, QuestionResult, SingleQuestion, TrueFalseQuestion
from .common import InvalidAnswer, finish, json_type, require_str


def grade_single(question: SingleQuestion, answer: object) -> QuestionResult:
    chosen = require_str(answer, "an option id (a string)")
    option = question.by_id.get(chosen)
    if option is None:
        raise InvalidAnswer(f"unknown option id '{chosen}'")
    if option.weight is not None:  # a wrong option's part credit (never below 0)
        fraction = min(1.0, max(0.0, option.weight))
    else:
        fraction = 1.0 if option.correct else 0.0
    return finish(question, "single", fraction, [option.feedback])


def grade_multiple(question: MultipleQuestion, answer: object) -> QuestionResult:
    if not isinstance(answer, list):
        raise InvalidAnswer(f"expected a list of option ids, got {json_type(answer)}")
    known = question.option_ids
    try:
        chosen = set(answer)
    except TypeError:  # a list or object inside the list
        chosen = {None}
    if not chosen <= known:
        bad = next(e for e in answer if not isinstance(e, str) or e not in known)
        shown = bad if isinstance(bad, str) else json_type(bad)
        raise InvalidAnswer(f"unknown option id '{shown}'")
    correct = question.correct_ids
    if question.weighted:
        fraction = weighted_fraction(question, chosen)
    elif question.scoring == "all_or_nothing":
        fraction = 1.0 if chosen == correct else 0.0
    else:
        right, wrong = len(chosen & correct), len(chosen - correct)
        fraction = max(0.0, (right - wrong) / len(correct))
    feedback: list[str | None] = [fb for key, fb in question.feedback_by_id if key in chosen]
    return finish(question, "multiple", fraction, feedback)


def weighted_fraction(question: MultipleQuestion, chosen: set[str]) -> float:
    """Moodle's rule: the chosen options' weights summed, clamped to [0, 1]; scaled by the
    positive weights' total, so thirds written 0.33 still give the full set full marks.

    Plain loops in authored order, not `sum()` (compensated since Python 3.12), so the sums
    are the browser grader's to the last bit."""
    total = got = 0.0
    for option in question.options:
        weight = option.weight or 0.0
        if weight > 0:
            total += weight
        if option.key in chosen:
            got += weight
    return min(1.0, max(0.0, got / total))


def grade_true_false(question: TrueFalseQuestion, answer: object) -> QuestionResult:
    if not isinstance(answer, bool):
        raise InvalidAnswer(f"expected true or false, got {json_type(answer)}")
    return finish(question, "true_false", 1.0 if answer == question.answer else 0.0)
