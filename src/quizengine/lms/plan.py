"""Format-neutral decisions every exporter shares, so the three formats lose the same things.

Each helper turns one of our questions into the plain facts an LMS can hold (weights,
answer lists, matching pairs) and records in `Notes` whatever it had to bend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any, assert_never

from ..models import (
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    ShortTextQuestion,
    SingleQuestion,
    StarQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from ..models.questions import QuestionBase
from .common import Notes, moodle_grade
from .star_essay import essay_prompt, general_feedback
from .text_essay import essay_prompt as text_prompt

_MAX_EXPANSIONS = 20


@dataclass(frozen=True, slots=True)
class Weighted:
    """One answer with its grade as a fraction of the mark, and the feedback it shows."""

    text: str
    fraction: float
    feedback: str | None = None


@dataclass(frozen=True, slots=True)
class Framing:
    """What every format shows around the answers: the question text, the feedback shown to
    all after answering, and whether the LMS leaves the grading to a person (an essay)."""

    prompt: str
    general: str | None
    by_hand: bool = False


def framing(question: Question) -> Framing:
    match question:
        case StarQuestion():
            # No LMS runs the STAR checks: the guidance and rubric travel in the essay's text.
            return Framing(essay_prompt(question), general_feedback(question), by_hand=True)
        case TextQuestion():
            # The rubric travels in the essay's text, for the learner and the grader.
            return Framing(text_prompt(question), general_feedback(question), by_hand=True)
        case (
            SingleQuestion()
            | MultipleQuestion()
            | TrueFalseQuestion()
            | ShortTextQuestion()
            | NumericQuestion()
            | OrderingQuestion()
            | MatchingQuestion()
        ):
            return Framing(question.prompt, question.explanation)
        case _:
            assert_never(question)


def unit_words(question: NumericQuestion) -> str:
    """The unit a note says was dropped, with its other spellings: "unit 'hours' (also
    written 'hrs', 'h')"."""
    first, *others = question.spellings()
    also = f" (also written {', '.join(repr(o) for o in others)})" if others else ""
    return f"unit '{first}'{also}"


def join_feedback(*parts: str | None) -> str | None:
    text = "\n\n".join(p.strip() for p in parts if p and p.strip())
    return text or None


def choice_weights(
    question: SingleQuestion | MultipleQuestion, notes: Notes, *, merge: bool = False
) -> list[Weighted]:
    """Per-option grades: 100/0 for single, ±1/N for partial multiple (Moodle's own sum).

    Moodle adds the grades of the chosen options and clamps to [0, 1], so +1/N for each
    correct and -1/N for each wrong option is exactly `max(0, (C - W) / N)`.
    All-or-nothing has no such sum; wrong options then cost the whole mark, which is the
    nearest an LMS gets (an incomplete but clean selection still earns part credit).
    With `merge`, a single-choice question's feedback_correct / feedback_incorrect join the
    options' own feedback, for formats without whole-question feedback.
    Authored weights travel as they are (snapped to the grades Moodle accepts): they are
    Moodle's own fractions, which is where imported ones came from.
    """
    if question.weighted:
        return _authored_weights(question, notes, merge=merge)
    if isinstance(question, SingleQuestion):
        return [
            Weighted(
                o.text,
                1.0 if o.correct else 0.0,
                join_feedback(
                    o.feedback,
                    (question.feedback_correct if o.correct else question.feedback_incorrect)
                    if merge
                    else None,
                ),
            )
            for o in question.options
        ]
    count = len(question.correct_ids)
    right = moodle_grade(1 / count)
    if abs(right - 1 / count) > 1e-6:
        notes.add(
            question.id,
            f"{count} correct options: each is worth {right:.2%} (the nearest grade an LMS "
            f"accepts), not exactly 1/{count}",
        )
    if question.scoring == "all_or_nothing":
        wrong = -1.0
        notes.add(
            question.id,
            "all-or-nothing scoring has no LMS equivalent: each correct option earns its share"
            " and any wrong option zeroes the mark, so an incomplete selection gets part credit",
        )
    else:
        wrong = -right
    return [Weighted(o.text, right if o.correct else wrong, o.feedback) for o in question.options]


def _authored_weights(
    question: SingleQuestion | MultipleQuestion, notes: Notes, *, merge: bool
) -> list[Weighted]:
    out = []
    for o in question.options:
        weight = o.weight if o.weight is not None else (1.0 if o.correct else 0.0)
        grade = moodle_grade(weight)
        if abs(grade - weight) > 1e-6:
            notes.add(
                question.id,
                f"option '{o.key}': weight {weight:g} rounded to {grade:g}, the nearest grade "
                "an LMS accepts",
            )
        closing = None
        if merge and isinstance(question, SingleQuestion):
            closing = question.feedback_correct if o.correct else question.feedback_incorrect
        out.append(Weighted(o.text, grade, join_feedback(o.feedback, closing)))
    return out


def combined_feedback_note(question: QuestionBase, notes: Notes, fmt: str) -> None:
    if question.feedback_correct or question.feedback_incorrect:
        notes.add(
            question.id,
            f"{fmt} has no whole-question feedback here: feedback_correct and"
            " feedback_incorrect are dropped (the explanation is kept)",
        )


def short_answers(
    question: ShortTextQuestion, notes: Notes, *, partial: bool = True
) -> list[Weighted]:
    """Accepted answers with LMS grades; regexes expanded when their language is finite."""
    if question.typo_tolerance:
        notes.add(
            question.id,
            f"typo tolerance ({question.typo_tolerance}) dropped: the LMS needs the exact"
            " text (ignoring case)",
        )
    out: list[Weighted] = []
    for answer in question.answers:
        texts = [answer.text]
        if question.match == "regex":
            expanded = expand_regex(answer.text)
            if expanded is None:
                notes.add(
                    question.id,
                    f"regular expression '{answer.text}' has no finite list of matches:"
                    " this answer is dropped",
                )
                continue
            notes.add(
                question.id,
                f"regular expression '{answer.text}' exported as {len(expanded)} exact answers",
            )
            texts = expanded
        fraction = moodle_grade(answer.score)
        if not partial and fraction < 1:
            notes.add(
                question.id,
                f"answer '{answer.text}' ({answer.score:g} credit) dropped: partial credit for"
                " short answers is not supported",
            )
            continue
        if abs(fraction - answer.score) > 1e-6:
            notes.add(
                question.id,
                f"answer '{answer.text}': credit {answer.score:g} rounded to {fraction:g}",
            )
        closing = question.feedback_correct if fraction >= 1 else question.feedback_incorrect
        out.extend(Weighted(t, fraction, join_feedback(answer.feedback, closing)) for t in texts)
    if question.match == "exact":
        notes.add(question.id, "exact matching becomes case-sensitive matching")
    return out


def star_literal(text: str) -> str:
    """Moodle reads `*` in a short answer as a wildcard; `\\*` is a literal asterisk."""
    return text.replace("*", "\\*")


def expand_regex(pattern: str) -> list[str] | None:
    """Every string a simple regex matches (alternatives, optional parts, literals).

    None when the pattern has repetition, classes or anything else whose matches cannot
    be listed in a handful of exact answers.
    """
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError):
        return None
    found = _expand(list(parsed))
    if found is None or len(found) > _MAX_EXPANSIONS:
        return None
    return list(dict.fromkeys(" ".join(s.split()) for s in found if s.strip()))


def _expand(items: list[Any]) -> list[str] | None:
    options: list[list[str]] = []
    for op, arg in items:
        part = _expand_one(op, arg)
        if part is None:
            return None
        options.append(part)
        total = 1
        for o in options:
            total *= len(o)
        if total > _MAX_EXPANSIONS:
            return None
    return ["".join(combo) for combo in product(*options)] if options else [""]


def _expand_one(op: Any, arg: Any) -> list[str] | None:
    if op is sre_constants.LITERAL:
        return [chr(arg)]
    if op is sre_constants.SUBPATTERN:
        return _expand(list(arg[-1]))
    if op is sre_constants.BRANCH:
        out: list[str] = []
        for branch in arg[1]:
            sub = _expand(list(branch))
            if sub is None:
                return None
            out.extend(sub)
        return out
    if op is sre_constants.MAX_REPEAT or op is sre_constants.MIN_REPEAT:
        low, high, body = arg
        if high > 1:
            return None
        sub = _expand(list(body))
        if sub is None:
            return None
        return ([""] if low == 0 else []) + sub
    if op is sre_constants.IN and all(kind is sre_constants.LITERAL for kind, _ in arg):
        return [chr(code) for _, code in arg]
    if op is sre_constants.AT:
        return [""]
    return None


POSITION_LABEL = "Position {n}"


def ordering_as_pairs(question: OrderingQuestion, notes: Notes, fmt: str) -> list[tuple[str, str]]:
    """An ordering question as matching: 'Position 1' -> first item, and so on."""
    notes.add(
        question.id,
        f"{fmt} has no ordering question: exported as matching ('Position 1' -> first item,"
        " ...); it is scored per position, not per pair of items in the right order",
    )
    return [(POSITION_LABEL.format(n=n), item.text) for n, item in enumerate(question.items, 1)]


def common_notes(question: QuestionBase, notes: Notes, *, fmt: str, hints: bool) -> None:
    """Losses that do not depend on the question type."""
    if question.hint and not hints:
        notes.add(question.id, f"hint dropped: {fmt} has no hints")


def field_notes(question: Question, notes: Notes, *, fmt: str, tags: bool) -> None:
    """Fields every format leaves out or carries only in part, each named by its key.

    tests/lms/test_every_field.py walks every field of every question type: each one
    comes back from our own import or is named here (or by the format's own notes).
    """
    if question.tags and not tags:
        notes.add(question.id, f"tags dropped: {fmt} has no question tags")
    match question:
        case ShortTextQuestion():
            if question.feedback_correct or (
                question.feedback_incorrect and any(a.score < 1 for a in question.answers)
            ):
                notes.add(
                    question.id,
                    "feedback_correct and feedback_incorrect added to the accepted answers'"
                    " feedback (full credit and part credit)",
                )
        case StarQuestion() | TextQuestion():
            if question.feedback_correct or question.feedback_incorrect:
                notes.add(
                    question.id,
                    "feedback_correct and feedback_incorrect dropped: an essay graded by hand is"
                    " not right or wrong",
                )
            if isinstance(question, StarQuestion) and question.auto_weight != _AUTO_WEIGHT:
                notes.add(
                    question.id,
                    f"auto_weight ({question.auto_weight:g}) dropped: no LMS runs the automatic"
                    " STAR checks it weighs",
                )
        case (
            SingleQuestion()
            | MultipleQuestion()
            | TrueFalseQuestion()
            | NumericQuestion()
            | OrderingQuestion()
            | MatchingQuestion()
        ):
            pass
        case _:
            assert_never(question)


_AUTO_WEIGHT = StarQuestion.model_fields["auto_weight"].default
