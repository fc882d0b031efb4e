"""A learner's response file (spec §3). Answers stay untyped here: each grader checks its own."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Response(BaseModel):
    # Extra top-level keys (an export's timestamp, say) are kept, not rejected: they are
    # metadata, and rejecting them would make every future client export unreadable.
    model_config = ConfigDict(extra="allow")

    quiz: str
    presented: list[str] | None = Field(
        default=None, description="Question ids shown to the learner; all questions if absent."
    )
    answers: dict[str, Any] = Field(default_factory=dict)
