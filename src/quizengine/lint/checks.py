"""The checks themselves: each a pure function of a valid quiz and its raw data.

A check reports through `emit(loc, message)`, where `loc` is a path into the YAML (as for
validation errors), so the caller maps it to `line:col` and the checks never see positions.
Thresholds are constants here and documented in docs/instructors/item-writing.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache
from importlib.resources import files
from typing import Any, assert_never

import yaml

from ..media import images, markdown_texts
from ..models import (
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    Option,
    OrderingQuestion,
    Question,
    Quiz,
    ShortTextQuestion,
    SingleQuestion,
    StarQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from ..scaffold import render_quiz_template

# longest-correct: the correct option (or, in `multiple`, the shortest correct one) is at least
# this many times as long as the longest wrong option, and at least this many characters longer.
LONGEST_RATIO = 1.3
LONGEST_MIN_CHARS = 10
# true-false-balance: from this many true/false questions, all one way is flagged; from
# BALANCE_MIN_CLEAR on, a majority of at least BALANCE_SHARE is flagged too.
BALANCE_MIN = 3
BALANCE_MIN_CLEAR = 5
BALANCE_SHARE = 0.8
# negated-prompt: a longer "sentence" is not a question a learner reads; skipping it keeps the
# check linear on hostile input.
MAX_STEM = 2_000
# draw-pool: the pool should hold at least this many times the draw.
POOL_RATIO = 1.5

CHECKS: dict[str, str] = {
    "longest-correct": (
        "test-wise learners pick the longest option without reading; make the wrong options "
        "as long and as careful as the right one"
    ),
    "of-the-above": (
        "spotting two true options (or one false one) gives the answer away without knowing "
        "the rest; and with shuffled options 'above' can point at nothing"
    ),
    "true-false-balance": (
        "a learner who answers the same way every time scores well without reading; mix true "
        "and false answers"
    ),
    "negated-prompt": (
        "a reader who skims misses a plain 'not' and answers the opposite question; write it "
        "as **not** (or reword the question positively)"
    ),
    "wrong-option-feedback": (
        "a learner who picks this option learns only that it is wrong, not why; feedback is "
        "where a practice quiz teaches"
    ),
    "missing-explanation": (
        "after answering, the learner sees no reason for the right answer; one or two "
        "sentences turn a guess into learning"
    ),
    "scaffold-text": (
        "example text from `quizengine new` is still in the quiz; replace it with your own "
        "or delete it"
    ),
    "draw-pool": (
        f"a draw gives each retry different questions only when the pool holds at least "
        f"{POOL_RATIO:g} times the draw"
    ),
    "image-alt": (
        "a learner who cannot see the image (a screen reader, a slow connection, an LMS "
        "that lost the file) gets nothing from it; say in the alt text what it shows: "
        "`![Bar chart: offer B pays most](img/chart.png)`"
    ),
    "text-example": (
        "learners score a written answer by comparing it with an example and ticking the "
        "rubric; without an example they rate it against nothing"
    ),
    "numeric-unit": (
        "a learner who answers in the unit the prompt names ('20 days') is told the answer "
        "was not understood; list that unit's spellings in `units`"
    ),
}


Emit = Callable[[tuple[int | str, ...], str], None]


def _visible(text: str) -> str:
    """The text a learner sees, near enough: whitespace collapsed, emphasis marks dropped."""
    return " ".join(re.sub(r"[*_`]", "", text).split())


def _short(text: str, limit: int = 40) -> str:
    text = _visible(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _options(q: Question) -> list[Option] | None:
    """The options a learner picks from, which the option checks (longest-correct,
    of-the-above, negated-prompt, wrong-option-feedback) read; None where they do not apply."""
    match q:
        case SingleQuestion() | MultipleQuestion():
            return q.options
        case (
            TrueFalseQuestion()
            | ShortTextQuestion()
            | NumericQuestion()
            | OrderingQuestion()
            | MatchingQuestion()
            | StarQuestion()
            | TextQuestion()
        ):
            return None
        case _:
            assert_never(q)


def _longest_correct(quiz: Quiz, data: Any, emit: Emit) -> None:
    for qi, q in enumerate(quiz.questions):
        options = _options(q)
        if options is None:
            continue
        right = [(i, len(_visible(o.text))) for i, o in enumerate(options) if o.correct]
        wrong = [len(_visible(o.text)) for o in options if not o.correct]
        if not wrong:
            continue
        index, shortest_right = min(right, key=lambda pair: pair[1])
        longest_wrong = max(wrong)
        if (
            shortest_right >= LONGEST_RATIO * longest_wrong
            and shortest_right - longest_wrong >= LONGEST_MIN_CHARS
        ):
            what = (
                "the correct option is the longest"
                if len(right) == 1
                else "every correct option is longer than every wrong one"
            )
            emit(
                ("questions", qi, "options", index, "text"),
                f"question '{q.id}': {what} ({shortest_right} characters; the longest wrong "
                f"one has {longest_wrong})",
            )


_ABOVE = re.compile(r"\b(all|none|both|neither)\s+of\s+(?:the\s+)?(above|these|them|those)\b", re.I)


def _of_the_above(quiz: Quiz, data: Any, emit: Emit) -> None:
    for qi, q in enumerate(quiz.questions):
        options = _options(q)
        if options is None:
            continue
        for oi, option in enumerate(options):
            match = _ABOVE.search(_visible(option.text))
            if match:
                emit(
                    ("questions", qi, "options", oi, "text"),
                    f"question '{q.id}': an option reads '{match.group(0)}'",
                )


def _true_false_balance(quiz: Quiz, data: Any, emit: Emit) -> None:
    answers = [
        (qi, q.answer) for qi, q in enumerate(quiz.questions) if isinstance(q, TrueFalseQuestion)
    ]
    total = len(answers)
    if total < BALANCE_MIN:
        return
    trues = sum(answer for _, answer in answers)
    majority = trues >= total - trues
    count = trues if majority else total - trues
    if count < total and (total < BALANCE_MIN_CLEAR or count < BALANCE_SHARE * total):
        return
    word = "true" if majority else "false"
    first = next(qi for qi, answer in answers if answer == majority)
    amount = f"all {total}" if count == total else f"{count} of {total}"
    emit(
        ("questions", first, "answer"),
        f"{amount} true/false answers in this quiz are {word}",
    )


_NEGATION = re.compile(r"\b(?:not|never|except|cannot|\w+n't)\b", re.I)
# Spans are bounded so that a prompt full of unclosed markers costs linear time, not quadratic.
_EMPHASIS = re.compile(
    r"\*\*(?!\s).{1,300}?\*\*|__(?!\s).{1,300}?__|\*(?![\s*]).{1,300}?\*"
    r"|(?<!\w)_(?![\s_]).{1,300}?_(?!\w)|<(strong|em|b|i)>.{0,300}?</\1>",
    re.S,
)
_SENTENCE_END = re.compile(r"[.?!:](?=\s|$)|\n\s*\n")


def _stems(prompt: str) -> list[tuple[int, int]]:
    """Spans of the sentences that ask the question: those ending in '?' or ':', or else the
    last one. The scenario before them may say "not" without changing what is asked."""
    start, spans, asking = 0, [], []
    for match in _SENTENCE_END.finditer(prompt):
        spans.append((start, match.end()))
        if match.group(0) in ("?", ":"):
            asking.append(spans[-1])
        start = match.end()
    if prompt[start:].strip():
        spans.append((start, len(prompt)))
    return asking or spans[-1:]


def _negated_prompt(quiz: Quiz, data: Any, emit: Emit) -> None:
    for qi, q in enumerate(quiz.questions):
        if _options(q) is None:
            continue
        for begin, end in _stems(q.prompt):
            if end - begin > MAX_STEM:
                continue
            emphasised = [m.span() for m in _EMPHASIS.finditer(q.prompt, begin, end)]
            plain = [
                m
                for m in _NEGATION.finditer(q.prompt, begin, end)
                if not any(a <= m.start() and m.end() <= b for a, b in emphasised)
            ]
            if plain:
                word = plain[0].group(0)
                emit(
                    ("questions", qi, "prompt"),
                    f"question '{q.id}': the question turns on a plain '{word}'; "
                    f"emphasise it as **{word}**",
                )
                break


def _wrong_option_feedback(quiz: Quiz, data: Any, emit: Emit) -> None:
    for qi, q in enumerate(quiz.questions):
        options = _options(q)
        if options is None:
            continue
        for oi, option in enumerate(options):
            if not option.correct and not (option.feedback or "").strip():
                emit(
                    ("questions", qi, "options", oi),
                    f"question '{q.id}': wrong option '{_short(option.text)}' has no feedback",
                )


def _missing_explanation(quiz: Quiz, data: Any, emit: Emit) -> None:
    for qi, q in enumerate(quiz.questions):
        if not (q.explanation or "").strip():
            emit(("questions", qi), f"question '{q.id}' has no explanation")


@cache
def scaffold_texts() -> frozenset[str]:
    """Every sentence-sized text the templates of `quizengine new` put into a quiz."""
    sources = [
        render_quiz_template("x", "x", "x", "x"),
        files("quizengine")
        .joinpath("templates", "module", "star.yaml")
        .read_text(encoding="utf-8")
        .replace("{name}", "x")
        .replace("{title}", "x"),
    ]
    found: set[str] = set()
    for source in sources:
        for loc, text in _strings(yaml.safe_load(source), ()):
            if loc[-1] not in _NOT_PROSE and len(_visible(text)) >= 20:
                found.add(_visible(text))
    return frozenset(found)


_NOT_PROSE = frozenset({"id", "type", "title", "mode", "match", "scoring", "unit", "tolerance"})


def _strings(data: Any, loc: tuple[int | str, ...]) -> Iterator[tuple[tuple[int | str, ...], str]]:
    if isinstance(data, str) and loc:
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*loc, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*loc, index))


def _scaffold_text(quiz: Quiz, data: Any, emit: Emit) -> None:
    """One finding per question (and one for the quiz itself), at its first leftover text."""
    known = scaffold_texts()
    reported: set[object] = set()
    for loc, text in _strings(data, ()):
        owner = loc[1] if len(loc) > 2 and loc[0] == "questions" else None
        if owner in reported or loc[-1] in _NOT_PROSE or _visible(text) not in known:
            continue
        reported.add(owner)
        where = "" if owner is None else f"question '{quiz.questions[int(owner)].id}': "
        name = next(part for part in reversed(loc) if isinstance(part, str))
        emit(loc, f"{where}{name} '{_short(text)}' is example text from `quizengine new`")


def _text_example(quiz: Quiz, data: Any, emit: Emit) -> None:
    for qi, q in enumerate(quiz.questions):
        if isinstance(q, TextQuestion) and not q.example_answer:
            emit(("questions", qi), f"question '{q.id}' is a written answer with no example_answer")


def _draw_pool(quiz: Quiz, data: Any, emit: Emit) -> None:
    pools = quiz.pools()
    drawn: list[tuple[int | str, ...]] = [
        ("bank", i, "draw") for i, e in enumerate(quiz.bank or ()) if e.draw is not None
    ]
    own: list[tuple[int | str, ...]] = [("draw",)] if len(pools) > len(drawn) else []
    whole = "the whole pool" if quiz.bank else "the whole quiz"
    for (ids, draw), loc in zip(pools, [*own, *drawn], strict=True):
        if draw is None:
            continue
        total = len(ids)
        if draw >= total:
            emit(loc, f"draw is {draw}, {whole}: every attempt shows every question")
        elif total < POOL_RATIO * draw:
            emit(
                loc,
                f"draw is {draw} of {total} questions: two attempts share about "
                f"{100 * draw / total:.0f}% of their questions",
            )


# numeric-unit: units a prompt asks for in so many words ("in days", "how many hours", "(weeks)"),
# each with the spellings a learner types for it. Money and percent need nothing: currency
# marks and words, and a trailing %, are always read.
_UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "minute": ("minutes", "minute", "mins", "min"),
    "hour": ("hours", "hour", "hrs", "hr", "h"),
    "day": ("days", "day"),
    "week": ("weeks", "week", "wks"),
    "month": ("months", "month"),
    "year": ("years", "year", "yrs"),
    "mile": ("miles", "mile", "mi"),
    "kilometre": ("km", "kilometres", "kilometers", "kilometre", "kilometer"),
}
_ASKED_UNIT = re.compile(r"\b(?:in|how many|number of)\s+(\w+)|\((\w+)\)", re.IGNORECASE)


def _unit_of(word: str) -> str | None:
    word = word.casefold()
    return next((unit for unit, spellings in _UNIT_WORDS.items() if word in spellings), None)


def _numeric_unit(quiz: Quiz, data: Any, emit: Emit) -> None:
    for qi, q in enumerate(quiz.questions):
        if not isinstance(q, NumericQuestion):
            continue
        accepted = {s.strip().casefold() for s in (q.units or ([q.unit] if q.unit else []))}
        for match in _ASKED_UNIT.finditer(_visible(q.prompt)[:MAX_STEM]):
            unit = _unit_of(match.group(1) or match.group(2))
            if unit is None or accepted & set(_UNIT_WORDS[unit]):
                continue
            spellings = ", ".join(_UNIT_WORDS[unit][:3])
            emit(
                ("questions", qi, "prompt"),
                f"question '{q.id}': the prompt asks for {_UNIT_WORDS[unit][0]}, which the "
                f"answer box does not accept (add units: [{spellings}])",
            )
            break


# In the order the guide lists them.
def _image_alt(quiz: Quiz, data: Any, emit: Emit) -> None:
    for loc, text, qid in markdown_texts(quiz):
        for src, alt in images(text):
            if not (alt or "").strip():
                where = f"question '{qid}': " if qid else ""
                emit(loc, f"{where}the image '{src}' has no alt text")


CHECK_FUNCTIONS: dict[str, Callable[[Quiz, Any, Emit], None]] = {
    "longest-correct": _longest_correct,
    "of-the-above": _of_the_above,
    "true-false-balance": _true_false_balance,
    "negated-prompt": _negated_prompt,
    "wrong-option-feedback": _wrong_option_feedback,
    "missing-explanation": _missing_explanation,
    "scaffold-text": _scaffold_text,
    "draw-pool": _draw_pool,
    "numeric-unit": _numeric_unit,
    "image-alt": _image_alt,
    "text-example": _text_example,
}
