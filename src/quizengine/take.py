"""`quizengine take`: a quiz in the terminal, one question at a time; works with piped input."""

from __future__ import annotations

import argparse
import io
import random
import sys
import textwrap
from collections.abc import Callable
from typing import Any, assert_never

from .console import question_lines, summary_line
from .errors import QuizEngineError, UsageError
from .grading import grade, grade_question
from .grading.numeric import FORMS, not_understood, read_number
from .models import (
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    Quiz,
    Response,
    ShortTextQuestion,
    SingleQuestion,
    StarQuestion,
    TextQuestion,
    TrueFalseQuestion,
    self_rated,
)
from .safeio import FileRefused, check_output, json_text, terminal_text, write_atomic
from .star import effective_rubric

Ask = Callable[[str], str | None]


class _EndOfInput(Exception):
    """stdin ran out: the remaining questions stay unanswered."""


def _say(text: str = "") -> None:
    print(terminal_text(text))


def _block(text: str) -> None:
    _say(textwrap.indent(text.strip(), "  "))


def _reader() -> Ask:
    if isinstance(sys.stdin, io.TextIOWrapper):  # bytes that are not UTF-8 become U+FFFD
        sys.stdin.reconfigure(errors="replace")

    def ask(prompt: str) -> str | None:
        sys.stdout.write(prompt)
        sys.stdout.flush()
        line = sys.stdin.readline()
        if not line:
            raise _EndOfInput
        if not sys.stdin.isatty():
            sys.stdout.write(terminal_text(line.rstrip("\n")) + "\n")
        return line.rstrip("\n")

    return ask


def _choose(ask: Ask, count: int, *, many: bool, hint: str | None) -> list[int]:
    """Numbers 1..count typed by the learner, re-asked until they make sense."""
    label = "Your choices (e.g. 1,3)" if many else "Your choice"
    while True:
        raw = (ask(f"{label}{' (? for a hint)' if hint else ''}: ") or "").strip()
        if raw == "?" and hint:
            _block(hint)
            continue
        parts = [p for p in raw.replace(",", " ").split() if p]
        numbers_ok = parts and all(p.isdigit() and 1 <= int(p) <= count for p in parts)
        if numbers_ok and (many or len(parts) == 1):
            return [int(p) - 1 for p in parts]
        _say(f"  Please type {'numbers' if many else 'a number'} from 1 to {count}.")


def _text(ask: Ask, label: str, hint: str | None) -> str:
    while True:
        raw = ask(f"{label}{' (? for a hint)' if hint else ''}: ") or ""
        if raw.strip() == "?" and hint:
            _block(hint)
            continue
        return raw


def _number(question: NumericQuestion, ask: Ask, hint: str | None) -> str:
    """Re-asked until it reads as a number: as on the page, not understood is not wrong."""
    unit = question.shown_unit()
    label = f"Your answer ({unit})" if unit else "Your answer"
    while True:
        raw = _text(ask, label, hint)
        if read_number(raw, question.spellings()) is not None:
            return raw
        then = f", with or without '{unit}' after it" if unit else ""
        _say(f"  {not_understood(raw)}. Type a number such as {FORMS}{then}.")


def _paragraph(ask: Ask, label: str) -> str:
    _say(f"{label} (finish with an empty line):")
    lines: list[str] = []
    while True:
        line = ask("  > ")
        if not line:
            return " ".join(lines)
        lines.append(line.strip())


def _answer(question: Question, ask: Ask, rng: random.Random) -> Any:
    hint = question.hint
    match question:
        case SingleQuestion():
            return _options(question, ask, rng, many=False)[0]
        case MultipleQuestion():
            return _options(question, ask, rng, many=True)
        case TrueFalseQuestion():
            _say("  1. True\n  2. False")
            return _choose(ask, 2, many=False, hint=hint)[0] == 0
        case ShortTextQuestion():
            return _text(ask, "Your answer", hint)
        case NumericQuestion():
            return _number(question, ask, hint)
        case OrderingQuestion():
            return _ordering(question, ask, rng, hint)
        case MatchingQuestion():
            return _matching(question, ask, rng, hint)
        case StarQuestion():
            return _star(question, ask)
        case TextQuestion():
            return _free_text(question, ask)
        case _:
            assert_never(question)


def _options(
    question: SingleQuestion | MultipleQuestion, ask: Ask, rng: random.Random, *, many: bool
) -> list[str]:
    options = list(question.options)
    if question.shuffle_options:
        rng.shuffle(options)
    for number, option in enumerate(options, 1):
        _say(f"  {number}. {option.text.strip()}")
    return [options[i].key for i in _choose(ask, len(options), many=many, hint=question.hint)]


def _ordering(
    question: OrderingQuestion, ask: Ask, rng: random.Random, hint: str | None
) -> list[str]:
    items = list(question.items)
    rng.shuffle(items)
    for number, item in enumerate(items, 1):
        _say(f"  {number}. {item.text.strip()}")
    _say("  Type every number once, in the right order (e.g. 3 1 2).")
    while True:
        picked = _choose(ask, len(items), many=True, hint=hint)
        if sorted(picked) == list(range(len(items))):
            return [items[i].key for i in picked]
        _say("  Use each number exactly once.")


def _matching(
    question: MatchingQuestion, ask: Ask, rng: random.Random, hint: str | None
) -> dict[str, str]:
    rights = list(
        zip(
            question.right_ids(),
            [p.right for p in question.pairs] + [d.text for d in question.distractors],
            strict=True,
        )
    )
    rng.shuffle(rights)
    for number, (_, text) in enumerate(rights, 1):
        _say(f"  {number}. {text.strip()}")
    mapping: dict[str, str] = {}
    for pair in question.pairs:
        _say(f"  {pair.left.strip()}")
        mapping[pair.id or ""] = rights[_choose(ask, len(rights), many=False, hint=hint)[0]][0]
    return mapping


def _star(question: StarQuestion, ask: Ask) -> dict[str, Any]:
    _say(f"  Aim for {question.min_words}-{question.max_words} words.")
    if question.mode == "free":
        answer: dict[str, Any] = {"text": _paragraph(ask, "Your answer")}
    else:
        answer = {
            part: _paragraph(ask, part.capitalize())
            for part in ("situation", "task", "action", "result")
        }
    checks = grade_question(question, answer)
    for line in question_lines(checks)[1:]:
        _say(line)
    _say("Now rate yourself (Enter to skip a criterion):")
    rating: dict[str, int] = {}
    for criterion in effective_rubric(question):
        _say(f"  {criterion.criterion.strip()}")
        for level, descriptor in enumerate(criterion.levels):
            _say(f"    {level}. {descriptor.strip()}")
        while True:
            raw = (ask("  Level: ") or "").strip()
            if not raw:
                break
            if raw.isdigit() and int(raw) < len(criterion.levels):
                rating[criterion.id] = int(raw)
                break
            _say(f"  Type a level from 0 to {len(criterion.levels) - 1}.")
    if rating:
        answer["self_rating"] = rating
    return answer


def _free_text(question: TextQuestion, ask: Ask) -> dict[str, Any]:
    """Write, then compare with the example answer and tick the rubric lines it meets."""
    if question.min_words > 1:
        _say(f"  Write at least {question.min_words} words.")
    text = _paragraph(ask, "Your answer")
    if question.example_answer:
        _say("An example answer, to compare with yours:")
        _block(question.example_answer)
    _say("Does your answer do this? Type y or n for each line.")
    met = []
    for criterion in question.rubric:
        while True:
            raw = (ask(f"  {criterion.criterion.strip()} (y/n): ") or "").strip().lower()
            if raw in ("y", "yes", "n", "no"):
                break
            _say("  Type y or n.")
        if raw.startswith("y"):
            met.append(criterion.key)
    return {"text": text, "met": met}


def run_take(quiz: Quiz, args: argparse.Namespace, ask: Ask | None = None) -> int:
    if args.save_response:
        try:  # before the first question: answers must never be lost to a bad path
            check_output(args.save_response)
        except FileRefused as exc:
            raise UsageError(f"--save-response {exc}") from None
    ask = ask or _reader()
    rng = random.Random(args.seed)
    questions = quiz.draw_attempt(rng)
    _say(quiz.title)
    if quiz.description:
        _block(quiz.description)
    answers: dict[str, Any] = {}
    at_end = {q.id for q in questions if self_rated(q)}
    try:
        for number, question in enumerate(questions, 1):
            _say(f"\nQuestion {number} of {len(questions)} ({question.points:g} pt)")
            _block(question.prompt)
            answers[question.id] = _answer(question, ask, rng)
            if not quiz.exam and question.id not in at_end:
                checked = grade_question(question, answers[question.id])
                for line in question_lines(checked):
                    _say(line)
                if question.explanation:
                    _block(question.explanation)
    except _EndOfInput:
        _say("\n(end of input: the remaining questions are left unanswered)")
    response = Response(quiz=quiz.id, presented=[q.id for q in questions], answers=answers)
    result = grade(quiz, response)
    _say("")
    for question_result in result.questions:
        # A self-review is only scored once rated: show what each rating counted, and why.
        if quiz.exam or question_result.id in at_end:
            _say("\n".join(question_lines(question_result)))
    _say(summary_line(result))
    unsaved: QuizEngineError | None = None
    if args.save_response:
        try:
            write_atomic(args.save_response, json_text(response.model_dump(exclude_none=True)))
            _say(f"Response saved to {args.save_response}")
        except OSError as exc:
            # Still show the result below; the answers are printed so nothing is lost.
            unsaved = QuizEngineError(
                f"cannot save to {args.save_response}: {exc.strerror or exc}; your answers "
                "are printed above, as the response file's text"
            )
            print(json_text(response.model_dump(exclude_none=True)), file=sys.stderr)
    if args.json:
        print(json_text(result.to_json_dict()))
    if unsaved is not None:
        raise unsaved
    return 0
