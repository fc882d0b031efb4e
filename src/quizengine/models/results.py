"""The grade result (spec §4), produced by the graders and serialised for `grade --json`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Status = Literal["correct", "partial", "incorrect", "unanswered", "invalid"]
StarPart = Literal["situation", "task", "action", "result"]
STAR_PARTS: tuple[StarPart, ...] = ("situation", "task", "action", "result")


class Check(BaseModel):
    id: str = Field(
        description="Which automatic STAR check: `parts_present`, `length`, `ownership`, "
        "`specific`, `quantified_result` or `action_focus`.",
        examples=["length"],
    )
    passed: bool = Field(description="Whether the story passed the check.", examples=[True])
    message: str = Field(
        description="What the check found, in words for the learner.",
        examples=["182 words, within 100 to 400"],
    )


class Advice(BaseModel):
    """Coaching beyond the spec's checks: never changes the score."""

    id: str = Field(description="Which kind of advice.", examples=["rating-vs-evidence"])
    message: str = Field(
        description="The advice, in words for the learner.",
        examples=["Add a sentence on what you learned, or lower your rating."],
    )


class Rating(BaseModel):
    """A STAR self-rating: the level chosen, and the level counted once the evidence is in."""

    id: str = Field(description="The rubric criterion's id.", examples=["impact"])
    chosen: int = Field(description="The level the learner chose, 0 for the lowest.", examples=[3])
    counted: int = Field(
        description="The level that counts: at most the middle level while a check in the "
        "criterion's evidence failed.",
        examples=[1],
    )


class QuestionResult(BaseModel):
    id: str = Field(description="The question's id.", examples=["q1"])
    type: str = Field(description="The question's type.", examples=["single"])
    score: float = Field(
        description="Points earned: the question's score from 0 to 1 times its points.",
        examples=[0.5],
    )
    max_score: float = Field(description="The question's points.", examples=[1.0])
    status: Status = Field(
        description="`correct` (full marks), `partial`, `incorrect`, `unanswered` (presented "
        "but not answered) or `invalid` (the answer's shape does not fit the question).",
        examples=["partial"],
    )
    feedback: list[str] = Field(
        default_factory=list,
        description="The feedback texts the learner earned, in the order they are shown.",
        examples=[["Close: a counter-offer comes after the research."]],
    )
    checks: list[Check] = Field(
        default_factory=list,
        description="The automatic checks of a `star` question; empty for other types.",
    )
    bank: str | None = Field(
        default=None,
        description="The question bank the question was drawn from; absent for the quiz's "
        "own questions. With `id`, it names the question across every quiz that draws it.",
        examples=["negotiation-basics"],
    )
    error: str | None = Field(
        default=None,
        description="Why an `invalid` answer could not be graded; only with that status.",
        examples=["expected an option id, got a number"],
    )
    needs_self_review: bool | None = Field(
        default=None,
        description="`star` and `text`: true while the learner has not rated the answer "
        "against the rubric (a `star` criterion unrated; a `text` answer with no `met`).",
        examples=[False],
    )
    met: list[str] | None = Field(
        default=None,
        description="`text` only: the ids of the rubric criteria that counted as met (none "
        "while the answer is shorter than `min_words`).",
        examples=[["a", "c"]],
    )
    parts: dict[StarPart, str] | None = Field(
        default=None,
        description="`star` free mode only: the text the engine assigned to each of "
        "`situation`, `task`, `action` and `result` (whole sentences, possibly empty).",
    )
    advice: list[Advice] | None = Field(
        default=None,
        description="`star` only: coaching beyond the checks; it never changes the score.",
    )
    ratings: list[Rating] | None = Field(
        default=None,
        description="`star` only: the self-rating of each rubric criterion; absent when unrated.",
    )


class GradeResult(BaseModel):
    quiz: str = Field(description="The id of the quiz graded.", examples=["research"])
    score: float = Field(description="Points earned over the questions presented.", examples=[7.5])
    max_score: float = Field(
        description="Points available over the questions presented.", examples=[10.0]
    )
    percent: float = Field(description="`score` as a percentage of `max_score`.", examples=[75.0])
    passed: bool = Field(
        description="Whether `score` reaches the quiz's `pass_mark` times `max_score`.",
        examples=[True],
    )
    questions: list[QuestionResult] = Field(
        description="One result per question presented, in the quiz's order."
    )

    def to_json_dict(self) -> dict[str, object]:
        """The spec's shape: optional fields appear only where they mean something."""
        return self.model_dump(mode="json", exclude_none=True)
