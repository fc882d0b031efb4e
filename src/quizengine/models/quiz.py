"""The quiz file: metadata plus a non-empty list of questions."""

from __future__ import annotations

import hashlib
import json
import random
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PrivateAttr, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .base import DUPLICATE_QUESTION_ID, Markdown, Slug, StrictModel, reject_repeated_ids
from .questions import Question


class BankDraw(StrictModel):
    name: Slug = Field(
        description="The bank's id (its `id:` in the bank file).", examples=["negotiation-basics"]
    )
    draw: int | None = Field(
        default=None,
        ge=1,
        description="Questions this bank adds to each attempt, picked at random. Unset: its "
        "questions join the quiz's own pool, from which the quiz's `draw` picks.",
        examples=[3],
    )
    tags: list[Slug] | None = Field(
        default=None,
        min_length=1,
        description="Only the bank's questions carrying at least one of these tags; unset: "
        "the quiz's `tags`, or every question.",
        examples=[["exam"]],
    )


def _names_to_mappings(value: Any) -> Any:
    """`bank: name`, `bank: {name: ...}` and `bank: [name, ...]` are short for
    `[{name: ...}, ...]`."""
    if isinstance(value, str | dict):
        return [{"name": value} if isinstance(value, str) else value]
    if isinstance(value, list):
        return [{"name": item} if isinstance(item, str) else item for item in value]
    return value


BankList = Annotated[
    list[BankDraw],
    BeforeValidator(
        _names_to_mappings, json_schema_input_type=Slug | BankDraw | list[Slug | BankDraw]
    ),
]


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
    bank: BankList | None = Field(
        default=None,
        description="Question banks the quiz draws from: a bank id, or a list of bank ids and "
        "`{name, draw, tags}` mappings. A bank without its own `draw` adds its questions to "
        "the quiz's pool; one with a `draw` adds that many questions, picked afresh for each "
        "attempt.",
        examples=["negotiation-basics", [{"name": "research", "draw": 3}]],
    )
    tags: list[Slug] | None = Field(
        default=None,
        min_length=1,
        description="With `bank`: take only the bank questions carrying at least one of these "
        "tags (a bank entry's own `tags` take precedence).",
        examples=[["numbers"]],
    )
    questions: list[Question] = Field(
        default_factory=list,
        min_length=1,
        description="The questions, at least one unless the quiz draws from a `bank`; question "
        "ids must be unique within the quiz, bank questions included.",
    )

    # Set by the loader when it fills in a quiz's bank questions: the groups an attempt draws
    # from (ids, how many; None = all) and the bank each drawn question came from.
    _pools: list[tuple[list[str], int | None]] | None = PrivateAttr(default=None)
    _origins: dict[str, str] = PrivateAttr(default_factory=dict)
    _bank_titles: dict[str, str] = PrivateAttr(default_factory=dict)

    @field_validator("questions")
    @classmethod
    def _unique_ids(cls, questions: list[Question]) -> list[Question]:
        reject_repeated_ids((q.id for q in questions), message=DUPLICATE_QUESTION_ID)
        return questions

    @model_validator(mode="after")
    def _draw_fits(self) -> Quiz:
        if not self.questions and not self.bank:
            raise PydanticCustomError(
                "no_questions",
                "missing required key 'questions' (or name a question bank in 'bank')",
                {"at": ()},
            )
        if self.tags and not self.bank:
            raise PydanticCustomError(
                "tags_without_bank",
                "tags picks questions from a bank, but the quiz names no bank",
                {"at": ("tags",)},
            )
        if self.bank:  # checked once the bank's questions are known (quizengine.banks)
            return self
        if self.draw is not None and self.draw > len(self.questions):
            raise PydanticCustomError(
                "draw_too_large",
                "draw is {draw} but the quiz has only {count} questions",
                {"draw": self.draw, "count": len(self.questions), "at": ("draw",)},
            )
        return self

    def pools(self) -> list[tuple[list[str], int | None]]:
        """What an attempt draws: from each group of question ids, that many (None: all)."""
        if self._pools is not None:
            return self._pools
        return [([q.id for q in self.questions], self.draw)]

    def draw_attempt(self, rng: random.Random) -> list[Question]:
        """One attempt's questions, drawn as the browser draws them: that many from each
        pool, in the authored order unless `shuffle_questions` is set."""
        picked = {
            qid for ids, n in self.pools() for qid in (ids if n is None else rng.sample(ids, n))
        }
        questions = [q for q in self.questions if q.id in picked]
        if self.shuffle_questions:
            rng.shuffle(questions)
        return questions

    def presented_count(self) -> int:
        return sum(len(ids) if n is None else n for ids, n in self.pools())

    def origin(self, question_id: str) -> str | None:
        """The bank a question was drawn from; None for the quiz's own questions."""
        return self._origins.get(question_id)

    def bank_title(self, bank_id: str) -> str:
        """A bank's title (its id when it has none): the category name in LMS exports."""
        return self._bank_titles.get(bank_id, bank_id)

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def content_version(self) -> str:
        """A short hash of the quiz content, so saved progress notices when a quiz changes.

        It hashes what a learner meets (the questions and how an attempt draws them), not
        where the questions are kept: moving a quiz's questions into a bank it draws whole
        keeps the version, so saved progress survives the move untouched.
        """
        payload = self.model_dump_json(exclude_none=True, exclude={"bank"})
        pools = self.pools()
        if pools != [([q.id for q in self.questions], self.draw)]:
            payload += json.dumps(pools)
        return hashlib.sha256(payload.encode()).hexdigest()[:12]
