"""The shapes results analysis produces: plain frozen dataclasses, so they are cheap and printable.

`Graded` is the one exception: it is a `GradeResult` (so `collect` can honestly return a list of
grade results) that also remembers the learner's raw answers. The grade result alone cannot
feed a distractor analysis, because it records scores, not which options were ticked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import Field

from ..models import GradeResult
from .stats import ItemStats

ProblemKind = Literal["skipped", "duplicate"]
OptionFlag = Literal["never_chosen", "beats_key"]


class Graded(GradeResult):
    """A grade result plus what produced it; the extra fields never reach `to_json_dict`."""

    answers: dict[str, Any] | None = Field(default=None, exclude=True)
    source: str = Field(default="", exclude=True)
    learner: str | None = Field(default=None, exclude=True)


@dataclass(frozen=True, slots=True)
class Problem:
    """One input file (or one entry of a progress export) that was not analysed, and why."""

    path: str
    reason: str
    kind: ProblemKind = "skipped"

    def format(self) -> str:
        return f"{self.path}: skipped: {self.reason}"


@dataclass(frozen=True, slots=True)
class OptionCount:
    """How many learners picked one option; `share` is of the responses that saw the question."""

    id: str
    text: str
    correct: bool
    count: int
    share: float | None
    flag: OptionFlag | None = None


@dataclass(frozen=True, slots=True)
class Distractors:
    """Option counts for a single or multiple question, from re-graded responses only."""

    n: int
    options: tuple[OptionCount, ...]
    unanswered: int = 0
    invalid: int = 0


@dataclass(frozen=True, slots=True)
class AnswerCount:
    """One answer as the grader compares it (normalised), how many wrote it, and its score.

    `low` and `high` are the least and most points it got: equal unless the normalised form
    hides a difference the grader sees (a regex, say). `examples` are what learners actually
    typed, for the group of numeric answers that could not be read as a number.
    """

    answer: str
    count: int
    low: float
    high: float
    understood: bool = True
    examples: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Written:
    """What learners typed for a short text or numeric question: the most frequent answers."""

    n: int
    answers: tuple[AnswerCount, ...]
    others: int = 0  # learners whose answer is not among `answers`
    other_answers: int = 0  # how many distinct answers those are
    unanswered: int = 0
    invalid: int = 0
    hints: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Matched:
    """One left item of a matching question: which right items learners paired with it."""

    left: str
    text: str
    key: str
    chosen: tuple[OptionCount, ...]
    blank: int = 0


@dataclass(frozen=True, slots=True)
class Matches:
    n: int
    rows: tuple[Matched, ...]
    unanswered: int = 0
    invalid: int = 0


@dataclass(frozen=True, slots=True)
class LearnerQuiz:
    quiz: str
    attempts: int
    best: float  # percent
    passed: bool


@dataclass(frozen=True, slots=True)
class Learner:
    """One learner, by the name their exports carry (see docs/instructors/results.md)."""

    name: str
    quizzes: tuple[LearnerQuiz, ...]

    @property
    def passed(self) -> int:
        return sum(q.passed for q in self.quizzes)


@dataclass(frozen=True, slots=True)
class QuestionStats:
    """One question's row of the report: its classical item statistics (`stats`, computed by
    the `stats` module, `None` where undefined) and what learners answered.

    The properties read `stats` through, so readers (the HTML and JSON report, and the
    results-analysis notebook, which is public API in use) write `question.facility`.
    """

    id: str
    type: str
    points: float
    stats: ItemStats
    distractors: Distractors | None = None
    prompt: str = ""
    written: Written | None = None
    matches: Matches | None = None

    @property
    def n(self) -> int:
        return self.stats.n

    @property
    def mean_score(self) -> float | None:
        return self.stats.mean_score

    @property
    def facility(self) -> float | None:
        return self.stats.facility

    @property
    def sd(self) -> float | None:
        return self.stats.sd

    @property
    def discrimination(self) -> float | None:
        return self.stats.discrimination

    @property
    def efficiency(self) -> float | None:
        return self.stats.efficiency


@dataclass(frozen=True, slots=True)
class CheckRate:
    id: str
    passed: int
    run: int

    @property
    def rate(self) -> float | None:
        return self.passed / self.run if self.run else None


@dataclass(frozen=True, slots=True)
class StarStats:
    """Automatic STAR checks for one question, over the attempts in which they ran."""

    id: str
    n: int
    checks: tuple[CheckRate, ...]
    needs_self_review: int
    capped: int = 0  # reviews with a self-rating the failed evidence capped (spec §2)

    @property
    def self_review_share(self) -> float | None:
        return self.needs_self_review / self.n if self.n else None

    @property
    def capped_share(self) -> float | None:
        """How often learners rated above what their text supports: a rubric to discuss."""
        return self.capped / self.n if self.n else None


@dataclass(frozen=True, slots=True)
class QuizStats:
    """One quiz: the score distribution (in percent of each attempt's maximum) and its items."""

    id: str
    title: str
    pass_mark: float
    n: int
    percents: tuple[float, ...]
    mean: float
    median: float
    sd: float | None
    pass_rate: float
    with_answers: int
    questions: tuple[QuestionStats, ...]
    star: tuple[StarStats, ...] = ()


@dataclass(frozen=True, slots=True)
class QuizShare:
    """A bank question in one of the quizzes that drew it."""

    quiz: str
    n: int
    facility: float


@dataclass(frozen=True, slots=True)
class BankQuestionStats:
    """A bank question over every quiz that drew it (see `report.banks`)."""

    bank: str
    id: str
    type: str
    points: float
    n: int
    facility: float | None
    discrimination: float | None
    quizzes: tuple[QuizShare, ...]
    prompt: str = ""


@dataclass(frozen=True, slots=True)
class Analysis:
    """Every quiz that has at least one result, plus the inputs that were set aside."""

    quizzes: tuple[QuizStats, ...]
    problems: tuple[Problem, ...] = field(default=())
    files: int = 0
    learners: tuple[Learner, ...] = ()
    unnamed: int = 0  # attempts whose export carried no learner name
    banks: tuple[BankQuestionStats, ...] = ()  # bank questions over every quiz that drew them

    @property
    def n(self) -> int:
        return sum(q.n for q in self.quizzes)
