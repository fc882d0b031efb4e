"""A learner's response file (spec §3). Answers stay untyped here: each grader checks its own."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Response(BaseModel):
    # Extra top-level keys (an export's timestamp, say) are kept, not rejected: they are
    # metadata, and rejecting them would make every future client export unreadable.
    model_config = ConfigDict(extra="allow")

    quiz: str = Field(
        description="The id of the quiz answered; a response for another quiz is rejected.",
        examples=["research"],
    )
    presented: list[str] | None = Field(
        default=None,
        description="Ids of the questions shown to the learner; every question of the quiz "
        "when absent. A presented question without an answer scores 0 (unanswered).",
        examples=[["q1", "q3"]],
    )
    answers: dict[str, Any] = Field(
        default_factory=dict,
        description="Question id to answer, in the shape each question type expects; an "
        "answer for a question id the quiz does not have rejects the whole file.",
        examples=[{"q1": "b", "q3": ["a", "c"]}],
    )
