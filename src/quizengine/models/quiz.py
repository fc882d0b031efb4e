"""The quiz file: metadata plus a non-empty list of questions."""

from __future__ import annotations

import hashlib

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .base import DUPLICATE_QUESTION_ID, Markdown, Slug, StrictModel, reject_repeated_ids
from .questions import Question


class Quiz(StrictModel):
    id: Slug = Field(
        description="The quiz's name in pages (`::quiz{#id}`): lowercase letters, digits and "
        "hyphens, starting with a letter or digit. Unique across the whole course; by "
        "convention the file is called `<id>.yaml`.",
        examples=["salary-research"],
    )
    title: str = Field(
        description="Shown above the questions and on My progress.",
        examples=["Researching the offer"],
    )
    description: Markdown | None = Field(
        default=None,
        description="Markdown shown under the title.",
        examples=["Five questions on what to find out before you negotiate."],
    )
    pass_mark: float = Field(
        default=0.7,
        ge=0,
        le=1,
        description="The share of the maximum score needed to pass, from 0 to 1 "
        "(`0.7` means 70%, not `70`).",
        examples=[0.7],
    )
    shuffle_questions: bool = Field(
        default=False,
        description="Show the questions in a random order for each attempt.",
        examples=[True],
    )
    draw: int | None = Field(
        default=None,
        ge=1,
        description="Show only this many questions per attempt, picked at random (at least 1, "
        "at most the number of questions). Unset: every question.",
        examples=[5],
    )
    exam: bool = Field(
        default=False,
        description="Exam mode: no Check answer button; all feedback waits until the learner "
        "submits the whole quiz.",
        examples=[True],
    )
    questions: list[Question] = Field(
        min_length=1,
        description="The questions, at least one; question ids must be unique within the quiz.",
    )

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
