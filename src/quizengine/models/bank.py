"""A question bank: questions kept apart from any quiz, so several quizzes can draw on them.

A bank file says `kind: bank`. Quizzes name it in `bank:` and draw from it; the questions
keep their own ids, unique within the bank, and a quiz that draws them refers to them by
those ids (the loader rejects a quiz whose own and drawn questions would share an id).
"""

from __future__ import annotations

import difflib
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .base import Slug, StrictModel, reject_repeated_ids
from .questions import Question

DUPLICATE_BANK_QUESTION_ID = (
    "duplicate question id '{id}': question ids must be unique within a bank"
)


class Bank(StrictModel):
    kind: Literal["bank"] = Field(
        description="Always `bank`: what makes this file a question bank rather than a quiz.",
        examples=["bank"],
    )
    id: Slug = Field(
        description="The bank's name, which quizzes give in `bank:`: lowercase letters, digits "
        "and hyphens, unique across the course (quiz ids and bank names may coincide).",
        examples=["negotiation-basics"],
    )
    title: str | None = Field(
        default=None,
        description="A name for instructors: the category name in Moodle and QTI exports.",
        examples=["Negotiation basics"],
    )
    tags: list[Slug] | None = Field(
        default=None,
        description="The tags the bank's questions may carry. When set, a question tag not in "
        "the list is an error (it is almost always a typo); unset, any tag is allowed.",
        examples=[["numbers", "exam"]],
    )
    questions: list[Question] = Field(
        min_length=1,
        description="The questions, at least one, each with an id unique within the bank and "
        "optional `tags`.",
    )

    @field_validator("questions")
    @classmethod
    def _unique_ids(cls, questions: list[Question]) -> list[Question]:
        reject_repeated_ids((q.id for q in questions), message=DUPLICATE_BANK_QUESTION_ID)
        return questions

    @model_validator(mode="after")
    def _known_tags(self) -> Bank:
        if self.tags is None:
            return self
        for index, question in enumerate(self.questions):
            for number, tag in enumerate(question.tags or ()):
                if tag not in self.tags:
                    raise PydanticCustomError(
                        "unknown_tag",
                        "question '{question}': tag '{tag}' is not in the bank's tags "
                        "({known}){close}",
                        {
                            "question": question.id,
                            "tag": tag,
                            "known": ", ".join(self.tags),
                            "close": close_match(tag, self.tags),
                            "at": ("questions", index, "tags", number),
                        },
                    )
        return self

    def with_tags(self, tags: list[str] | None) -> list[Question]:
        """The questions a tag filter lets through: any one of the tags is enough."""
        if not tags:
            return list(self.questions)
        wanted = set(tags)
        return [q for q in self.questions if wanted.intersection(q.tags or ())]

    def all_tags(self) -> list[str]:
        return sorted({t for q in self.questions for t in q.tags or ()} | set(self.tags or ()))


def close_match(word: str, choices: list[str]) -> str:
    """` (did you mean 'x'?)`, or nothing when no choice is close."""
    match = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean '{match[0]}'?)" if match else ""
