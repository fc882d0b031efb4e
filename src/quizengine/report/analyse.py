"""Grade results -> per-quiz and per-question statistics. Pure: no files, no printing.

The formulas live in `stats`. Conventions that are ours rather than Moodle's:

- A question's statistics use only the attempts that presented it (a quiz with `draw` shows
  each learner a subset). Unanswered and invalid answers count, as score 0.
- Percentages are of each attempt's own maximum, so attempts with different draws compare.
- Distractor counts come from re-graded responses only (a bare grade result does not say which
  option was chosen). `share` = learners who picked the option / responses that presented the
  question; unanswered and invalid answers are counted apart, so shares need not sum to 1 (and
  exceed it for multiple-answer questions). Flags: `never_chosen`, a wrong option nobody
  picked although some learners answered; `beats_key`, a wrong option picked more often than
  the key (for multiple-answer questions: than the least-picked correct option).
- STAR checks are rated over the attempts in which they ran (answered, well-formed ones);
  `needs_self_review` is the share of those without a complete self-rating.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import assert_never

from ..models import (
    GradeResult,
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    QuestionResult,
    Quiz,
    ShortTextQuestion,
    SingleQuestion,
    StarQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from .banks import bank_stats
from .reading import plain_text
from .records import (
    Analysis,
    CheckRate,
    Distractors,
    Graded,
    Learner,
    LearnerQuiz,
    OptionCount,
    OptionFlag,
    QuestionStats,
    QuizStats,
    StarStats,
)
from .stats import item_stats, mean, median, sample_sd
from .written import MatchTally, Tally, WrittenTally, tally_for

_DIGITS = re.compile(r"(\d+)")


def analyse(results: Iterable[GradeResult], quizzes: Mapping[str, Quiz]) -> Analysis:
    """Statistics for every quiz with at least one result, in the order of `quizzes`.

    Results for a quiz that is not in `quizzes` are a programming error (collect() never
    produces them), so they raise `ValueError` rather than vanish from the report.
    """
    by_quiz: dict[str, list[GradeResult]] = {}
    for result in results:
        if result.quiz not in quizzes:
            raise ValueError(f"a result is for quiz '{result.quiz}', which was not given")
        by_quiz.setdefault(result.quiz, []).append(result)
    learners, unnamed = _learners(by_quiz, quizzes)
    return Analysis(
        tuple(_quiz_stats(quiz, by_quiz[qid]) for qid, quiz in quizzes.items() if qid in by_quiz),
        learners=learners,
        unnamed=unnamed,
        banks=bank_stats((r for rs in by_quiz.values() for r in rs), quizzes),
    )


def _learners(
    by_quiz: Mapping[str, list[GradeResult]], quizzes: Mapping[str, Quiz]
) -> tuple[tuple[Learner, ...], int]:
    """Per named learner and quiz: attempts, best percent, passed (on any attempt).

    Names are matched ignoring case and spacing ("Ana  Lee" is "ana lee"), shown as first
    seen; the learners come back in name order, their quizzes in the order of `quizzes`.
    """
    names: dict[str, str] = {}
    tallies: dict[str, dict[str, list[float]]] = {}  # learner -> quiz -> [attempts, best, passed]
    unnamed = 0
    for qid in quizzes:
        for result in by_quiz.get(qid, ()):
            name = result.learner if isinstance(result, Graded) else None
            if not name:
                unnamed += 1
                continue
            key = " ".join(name.split()).casefold()
            names.setdefault(key, name)
            percent = 100.0 * result.score / result.max_score if result.max_score else 0.0
            tally = tallies.setdefault(key, {}).setdefault(qid, [0, 0.0, 0])
            tally[0] += 1
            tally[1] = max(tally[1], percent)
            tally[2] = max(tally[2], float(result.passed))
    learners = tuple(
        Learner(
            names[key],
            tuple(LearnerQuiz(qid, int(t[0]), t[1], bool(t[2])) for qid, t in tallies[key].items()),
        )
        for key in sorted(tallies, key=_natural)
    )
    return learners, unnamed


@dataclass(slots=True)
class _Choice:
    question: SingleQuestion | MultipleQuestion
    counts: dict[str, int]
    n: int = 0
    unanswered: int = 0
    invalid: int = 0


@dataclass(slots=True)
class _Star:
    n: int = 0
    checks: dict[str, list[int]] = field(default_factory=dict)
    self_review: int = 0
    capped: int = 0

    def add(self, result: QuestionResult) -> None:
        if not result.checks:  # unanswered or invalid: no check ran
            return
        self.n += 1
        self.self_review += bool(result.needs_self_review)
        self.capped += any(r.counted < r.chosen for r in result.ratings or [])
        for check in result.checks:
            tally = self.checks.setdefault(check.id, [0, 0])
            tally[0] += check.passed
            tally[1] += 1


@dataclass(slots=True)
class _Column:
    """Everything gathered for one question, so the hot loop does one lookup per answer."""

    scores: list[float] = field(default_factory=list)
    totals: list[float] = field(default_factory=list)
    choice: _Choice | None = None
    star: _Star | None = None
    written: Tally | None = None


def _column(question: Question) -> _Column:
    match question:
        case SingleQuestion() | MultipleQuestion():
            return _Column(choice=_Choice(question, dict.fromkeys(question.by_id, 0)))
        case StarQuestion():
            return _Column(star=_Star())
        case ShortTextQuestion() | NumericQuestion() | MatchingQuestion():
            return _Column(written=tally_for(question))
        case TrueFalseQuestion() | OrderingQuestion() | TextQuestion():
            return _Column()  # a text answer's score is the learner's own rating
        case _ as never:
            assert_never(never)


def _quiz_stats(quiz: Quiz, results: list[GradeResult]) -> QuizStats:
    percents = [100.0 * r.score / r.max_score if r.max_score else 0.0 for r in results]
    columns = {q.id: _column(q) for q in quiz.questions}
    with_answers = 0
    for result in results:
        answers = result.answers if isinstance(result, Graded) else None
        with_answers += answers is not None
        for qr in result.questions:
            column = columns.get(qr.id)
            if column is None:
                continue
            column.scores.append(qr.score)
            column.totals.append(result.score)
            if column.choice is not None and answers is not None:
                _count_choice(column.choice, qr.status, answers.get(qr.id))
            elif column.star is not None:
                column.star.add(qr)
            elif column.written is not None and answers is not None:
                column.written.add(qr, answers.get(qr.id))
    questions = []
    for question in quiz.questions:
        column = columns[question.id]
        choice, tally = column.choice, column.written
        questions.append(
            QuestionStats(
                id=question.id,
                type=question.type,
                points=question.points,
                stats=item_stats(column.scores, column.totals, question.points),
                distractors=_distractors(choice) if choice is not None else None,
                prompt=plain_text(question.prompt, 160),
                written=tally.result() if isinstance(tally, WrittenTally) else None,
                matches=tally.result() if isinstance(tally, MatchTally) else None,
            )
        )
    return QuizStats(
        id=quiz.id,
        title=quiz.title,
        pass_mark=quiz.pass_mark,
        n=len(results),
        percents=tuple(percents),
        mean=mean(percents),
        median=median(percents),
        sd=sample_sd(percents),
        pass_rate=sum(r.passed for r in results) / len(results),
        with_answers=with_answers,
        questions=tuple(questions),
        star=tuple(
            StarStats(
                id=qid,
                n=star.n,
                checks=tuple(CheckRate(cid, t[0], t[1]) for cid, t in star.checks.items()),
                needs_self_review=star.self_review,
                capped=star.capped,
            )
            for qid, star in ((qid, c.star) for qid, c in columns.items())
            if star is not None
        ),
    )


def _natural(name: str) -> list[tuple[int, str]]:
    """Sort key putting "learner 2" before "learner 10"."""
    return [(0, part) if i % 2 == 0 else (int(part), "") for i, part in
            enumerate(_DIGITS.split(name))]  # fmt: skip


def _count_choice(choice: _Choice, status: str, answer: object) -> None:
    choice.n += 1
    if status == "unanswered":
        choice.unanswered += 1
    elif status == "invalid":
        choice.invalid += 1
    elif isinstance(answer, str):
        _bump(choice.counts, answer)
    elif isinstance(answer, list):
        for option_id in {item for item in answer if isinstance(item, str)}:
            _bump(choice.counts, option_id)


def _bump(counts: dict[str, int], option_id: object) -> None:
    # Graded answers only hold known ids; the check keeps a hand-made result from crashing.
    if isinstance(option_id, str) and option_id in counts:
        counts[option_id] += 1


def _distractors(choice: _Choice) -> Distractors:
    question, counts, n = choice.question, choice.counts, choice.n
    answered = n - choice.unanswered - choice.invalid
    least_key = min(counts[key] for key in question.correct_ids)
    options = []
    for option in question.options:
        count = counts[option.key]
        flag: OptionFlag | None = None
        if not option.correct and answered:
            if count == 0:
                flag = "never_chosen"
            elif count > least_key:
                flag = "beats_key"
        options.append(
            OptionCount(
                id=option.key,
                text=plain_text(option.text),
                correct=option.correct,
                count=count,
                share=count / n if n else None,
                flag=flag,
            )
        )
    return Distractors(n, tuple(options), choice.unanswered, choice.invalid)
