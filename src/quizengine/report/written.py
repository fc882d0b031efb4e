"""What learners wrote (short text, numeric) or matched, grouped the way the grader compares.

An item statistic says a question is hard; this says why. Answers are grouped by the form
the grader compares, so one group is one grading decision: short text by the question's
`match` (normalised: NFKC, casefolded, trimmed of spaces and punctuation; exact: trimmed;
regex: trimmed and casefolded, as the pattern ignores case), numeric by the value read from
what was typed (every answer that cannot be read is one group, "not understood"). The most
frequent answers come first, so an accepted answer the author forgot is one glance away.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar, assert_never

from ..grading.numeric import read_number
from ..grading.text import normalize
from ..models import (
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    QuestionResult,
    ShortTextQuestion,
    SingleQuestion,
    StarQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from .reading import plain_text as plain
from .records import AnswerCount, Matched, Matches, OptionCount, Written

TOP = 8
NOT_UNDERSTOOD = "not understood"
BLANK = "(blank)"
EXAMPLES = 3
ECHO = 40
# A zero-scoring answer is worth a hint when at least HINT_AT learners, and HINT_SHARE of
# those who answered, wrote it: below that it is noise in a class of 30.
HINT_AT = 3
HINT_SHARE = 0.1
_Read = TypeVar("_Read")


@dataclass(slots=True)
class _Seen:
    """Every tally's first counts, kept one way so "answered" means the same in each table:
    learners who met the question, those who left it blank, and those whose answer has a
    form the tally cannot read (it counts as invalid and is not grouped)."""

    n: int = 0
    unanswered: int = 0
    invalid: int = 0

    def read(
        self, result: QuestionResult, answer: object, form: Callable[[object], _Read | None]
    ) -> _Read | None:
        """Count one learner; their answer as `form` reads it, or None if nothing to group."""
        self.n += 1
        if result.status == "unanswered":
            self.unanswered += 1
            return None
        read = form(answer)
        if read is None:
            self.invalid += 1
        return read

    @property
    def answered(self) -> int:
        return self.n - self.unanswered - self.invalid


@dataclass(slots=True)
class _Group:
    count: int = 0
    low: float = float("inf")
    high: float = float("-inf")
    examples: list[str] = field(default_factory=list)

    def add(self, score: float) -> None:
        self.count += 1
        self.low = min(self.low, score)
        self.high = max(self.high, score)


@dataclass(slots=True)
class WrittenTally:
    question: ShortTextQuestion | NumericQuestion
    groups: dict[str, _Group] = field(default_factory=dict)
    seen: _Seen = field(default_factory=_Seen)

    def add(self, result: QuestionResult, answer: object) -> None:
        key = self.seen.read(result, answer, self._key)
        if key is None:
            return
        group = self.groups.setdefault(key, _Group())
        group.add(result.score)
        if key == NOT_UNDERSTOOD and isinstance(answer, str):
            shown = _echo(answer)
            if shown not in group.examples and len(group.examples) < EXAMPLES:
                group.examples.append(shown)

    def _key(self, answer: object) -> str | None:
        """The group of one answer, or None for an answer of the wrong JSON type."""
        match self.question:
            case ShortTextQuestion(match=how):
                return _text_key(how, answer)
            case NumericQuestion() as question:
                return _number_key(question, answer)
            case _ as never:
                assert_never(never)

    def result(self) -> Written:
        ranked = sorted(self.groups.items(), key=lambda kv: (-kv[1].count, -kv[1].high, kv[0]))
        top, rest = ranked[:TOP], ranked[TOP:]
        answers = tuple(
            AnswerCount(
                answer=key,
                count=g.count,
                low=g.low,
                high=g.high,
                understood=key != NOT_UNDERSTOOD or isinstance(self.question, ShortTextQuestion),
                examples=tuple(g.examples),
            )
            for key, g in top
        )
        seen = self.seen
        return Written(
            n=seen.n,
            answers=answers,
            others=sum(g.count for _, g in rest),
            other_answers=len(rest),
            unanswered=seen.unanswered,
            invalid=seen.invalid,
            hints=tuple(_hints(self.question, answers, seen.answered)),
        )


def _text_key(how: str, answer: object) -> str | None:
    if not isinstance(answer, str):
        return None
    match how:
        case "normalized":
            text = normalize(answer)
        case "exact":
            text = answer.strip()
        case _:  # regex: the pattern ignores case
            text = answer.strip().casefold()
    return text or BLANK


def _number_key(question: NumericQuestion, answer: object) -> str | None:
    if isinstance(answer, bool) or not isinstance(answer, int | float | str):
        return None
    value = read_number(answer, question.spellings()) if isinstance(answer, str) else answer
    if value is None or not math.isfinite(value):
        return NOT_UNDERSTOOD
    return f"{float(value):,.10g}"


def _hints(
    question: ShortTextQuestion | NumericQuestion, answers: tuple[AnswerCount, ...], answered: int
) -> Iterator[str]:
    for a in answers:
        if a.count < max(HINT_AT, HINT_SHARE * answered) or a.high > 0:
            continue
        learners = f"{a.count} learners"
        if not a.understood:
            shown = ", ".join(f"'{e}'" for e in a.examples)
            yield (
                f"{learners} typed an answer that could not be read as a number "
                f"(such as {shown}): does the prompt say what form to use?"
            )
        elif isinstance(question, ShortTextQuestion):
            yield f"{learners} wrote '{a.answer}', scored 0: add it to answers?"
        else:
            yield (
                f"{learners} answered {a.answer}, scored 0: a common slip worth teaching, "
                "or a value (or tolerance) to accept?"
            )


@dataclass(slots=True)
class MatchTally:
    question: MatchingQuestion
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    seen: _Seen = field(default_factory=_Seen)

    def add(self, result: QuestionResult, answer: object) -> None:
        # An answer the grader refused (an unknown id) is not read: its pairs are not counted.
        pairs = self.seen.read(result, None if result.status == "invalid" else answer, _mapping)
        if pairs is None:
            return
        for left in self.question.left_ids():
            right = pairs.get(left)
            row = self.counts.setdefault(left, {})
            key = right if isinstance(right, str) else ""
            row[key] = row.get(key, 0) + 1

    def result(self) -> Matches:
        question = self.question
        rights = dict(
            zip(
                question.right_ids(),
                [p.right for p in question.pairs] + [d.text for d in question.distractors],
                strict=True,
            )
        )
        seen = self.seen
        answered = seen.answered
        rows = []
        for pair, (left, key) in zip(question.pairs, question.answer_key().items(), strict=True):
            row = self.counts.get(left, {})
            chosen = sorted(
                ((rid, c) for rid, c in row.items() if rid), key=lambda kv: (-kv[1], kv[0])
            )
            rows.append(
                Matched(
                    left=left,
                    text=plain(pair.left),
                    key=key,
                    chosen=tuple(
                        OptionCount(
                            id=rid,
                            text=plain(rights.get(rid, rid)),
                            correct=rid == key,
                            count=count,
                            share=count / answered if answered else None,
                        )
                        for rid, count in chosen
                    ),
                    blank=row.get("", 0),
                )
            )
        return Matches(seen.n, tuple(rows), seen.unanswered, seen.invalid)


def _mapping(answer: object) -> dict[Any, Any] | None:
    return answer if isinstance(answer, dict) else None


Tally = WrittenTally | MatchTally


def tally_for(question: Question) -> Tally | None:
    """A tally for the question types whose answers are worth reading, else None."""
    match question:
        case ShortTextQuestion() | NumericQuestion():
            return WrittenTally(question)
        case MatchingQuestion():
            return MatchTally(question)
        case (
            SingleQuestion()
            | MultipleQuestion()
            | TrueFalseQuestion()
            | OrderingQuestion()
            | StarQuestion()
            | TextQuestion()
        ):
            return None  # choices have their distractor table; STAR its checks
        case _ as never:
            assert_never(never)


def _echo(text: str) -> str:
    shown = " ".join(text.split())
    return shown if len(shown) <= ECHO else shown[: ECHO - 1] + "…"
