"""The quiz file: metadata plus a non-empty list of questions."""

from __future__ import annotations

import hashlib

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .base import DUPLICATE_QUESTION_ID, Markdown, Slug, StrictModel, reject_repeated_ids
from .questions import Question


class Quiz(StrictModel):
    id: Slug = Field(description="Unique across the whole course.")
    title: str
    description: Markdown | None = None
    pass_mark: float = Field(default=0.7, ge=0, le=1)
    shuffle_questions: bool = False
    draw: int | None = Field(default=None, ge=1, description="Questions presented per attempt.")
    exam: bool = Field(
        default=False, description="Exam mode: feedback waits until the whole quiz is submitted."
    )
    questions: list[Question] = Field(min_length=1)

    @field_validator("questions")
    @classmethod
    def _unique_ids(cls, questions: list[Question]) -> list[Question]:
        reject_repeated_ids((q.id for q in questions), message=DUPLICATE_QUESTION_ID)
        return questions

    @model_validator(mode="after")
    def _draw_fits(self) -> Quiz:
        if self.draw is not None and self.draw > len(self.questions):
            raise PydanticCustomError(
                "draw_too_large",
                "draw is {draw} but the quiz has only {count} questions",
                {"draw": self.draw, "count": len(self.questions), "at": ("draw",)},
            )
        return self

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def content_version(self) -> str:
        """A short hash of the quiz content, so saved progress notices when a quiz changes."""
        payload = self.model_dump_json(exclude_none=True).encode()
        return hashlib.sha256(payload).hexdigest()[:12]
