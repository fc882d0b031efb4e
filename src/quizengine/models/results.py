"""The grade result (spec §4), produced by the graders and serialised for `grade --json`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Status = Literal["correct", "partial", "incorrect", "unanswered", "invalid"]
StarPart = Literal["situation", "task", "action", "result"]
STAR_PARTS: tuple[StarPart, ...] = ("situation", "task", "action", "result")


class Check(BaseModel):
    id: str
    passed: bool
    message: str


class Advice(BaseModel):
    """Coaching beyond the spec's checks: never changes the score."""

    id: str
    message: str


class Rating(BaseModel):
    """A STAR self-rating: the level chosen, and the level counted once the evidence is in."""

    id: str
    chosen: int
    counted: int


class QuestionResult(BaseModel):
    id: str
    type: str
    score: float
    max_score: float
    status: Status
    feedback: list[str] = Field(default_factory=list)
    checks: list[Check] = Field(default_factory=list)
    error: str | None = None
    needs_self_review: bool | None = None
    parts: dict[StarPart, str] | None = None
    advice: list[Advice] | None = None
    ratings: list[Rating] | None = None


class GradeResult(BaseModel):
    quiz: str
    score: float
    max_score: float
    percent: float
    passed: bool
    questions: list[QuestionResult]

    def to_json_dict(self) -> dict[str, object]:
        """The spec's shape: optional fields appear only where they mean something."""
        return self.model_dump(mode="json", exclude_none=True)
