"""One model per question type, joined in a union discriminated by `type`.

Cross-field rules (exactly one correct option, unique ids, ...) raise `PydanticCustomError`
whose context may hold `at`: a path below the field, so the diagnostic can point at the
exact YAML node (the second `id: q3`, say) rather than at the whole list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property
from typing import Annotated, Any, Literal, get_args

from pydantic import BeforeValidator, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .base import Markdown, Slug, StrictModel, default_id, reject_repeated_ids

Scoring = Literal["partial", "all_or_nothing"]


def _text_to_mapping(value: Any) -> Any:
    """Let authors write a bare string where a `{text: ...}` mapping is expected."""
    return {"text": value} if isinstance(value, str) else value


class Option(StrictModel):
    id: Slug | None = Field(default=None, description="Defaults to a, b, c... by position.")
    text: Markdown
    correct: bool = False
    feedback: Markdown | None = Field(default=None, description="Shown when this option is chosen.")

    @property
    def key(self) -> str:
        assert self.id is not None, "ids are assigned during validation"
        return self.id


class Item(StrictModel):
    id: Slug | None = Field(default=None, description="Defaults to a, b, c... by position.")
    text: Markdown

    @property
    def key(self) -> str:
        assert self.id is not None, "ids are assigned during validation"
        return self.id


class TextAnswer(StrictModel):
    text: str
    score: float = Field(default=1.0, gt=0, le=1, description="Credit for this answer.")
    feedback: Markdown | None = None


class Pair(StrictModel):
    id: Slug | None = Field(default=None, description="The left id; defaults to a, b, c...")
    left: Markdown
    right: Markdown


ItemLike = Annotated[Item, BeforeValidator(_text_to_mapping, json_schema_input_type=str | Item)]
AnswerLike = Annotated[
    TextAnswer, BeforeValidator(_text_to_mapping, json_schema_input_type=str | TextAnswer)
]


def assign_ids(
    entries: Sequence[Option | Item | Pair], *, start: int = 0, at: tuple[str, ...] = ()
) -> None:
    """Fill missing ids by authored position and reject duplicates, pointing at the second."""
    for index, entry in enumerate(entries):
        if entry.id is None:
            entry.id = default_id(start + index)
    reject_repeated_ids((entry.id for entry in entries), at=at)


class QuestionBase(StrictModel):
    id: Slug
    prompt: Markdown
    points: float = Field(default=1.0, gt=0, le=1_000_000)  # sums of scores stay finite
    hint: Markdown | None = Field(default=None, description="Shown on request, before answering.")
    explanation: Markdown | None = Field(default=None, description="Shown after answering.")
    feedback_correct: Markdown | None = None
    feedback_incorrect: Markdown | None = None


class _ChoiceQuestion(QuestionBase):
    options: list[Option] = Field(min_length=2)
    shuffle_options: bool = True

    @field_validator("options")
    @classmethod
    def _ids(cls, options: list[Option]) -> list[Option]:
        assign_ids(options)
        return options

    @cached_property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(o.key for o in self.options if o.correct)

    @cached_property
    def option_ids(self) -> frozenset[str]:
        return frozenset(o.key for o in self.options)

    @cached_property
    def by_id(self) -> dict[str, Option]:
        return {o.key: o for o in self.options}

    @cached_property
    def feedback_by_id(self) -> tuple[tuple[str, str], ...]:
        """(id, feedback) in authored order, for the options that have feedback."""
        return tuple((o.key, o.feedback) for o in self.options if o.feedback)


class SingleQuestion(_ChoiceQuestion):
    type: Literal["single"]

    @field_validator("options")
    @classmethod
    def _exactly_one_correct(cls, options: list[Option]) -> list[Option]:
        found = sum(o.correct for o in options)
        if found != 1:
            raise PydanticCustomError(
                "single_correct_count",
                "exactly one option must be correct, found {found}",
                {"found": found},
            )
        return options


class MultipleQuestion(_ChoiceQuestion):
    type: Literal["multiple"]
    scoring: Scoring = "partial"

    @field_validator("options")
    @classmethod
    def _at_least_one_correct(cls, options: list[Option]) -> list[Option]:
        if not any(o.correct for o in options):
            raise PydanticCustomError(
                "multiple_correct_count", "at least one option must be correct, found 0"
            )
        return options


class TrueFalseQuestion(QuestionBase):
    type: Literal["true_false"]
    answer: bool


class ShortTextQuestion(QuestionBase):
    type: Literal["short_text"]
    answers: list[AnswerLike] = Field(min_length=1)
    match: Literal["normalized", "exact", "regex"] = "normalized"
    typo_tolerance: int = Field(default=0, ge=0, description="Normalized mode only.")

    @model_validator(mode="after")
    def _patterns_compile(self) -> ShortTextQuestion:
        if self.match == "regex":
            for index, answer in enumerate(self.answers):
                try:
                    re.compile(answer.text)
                except re.error as exc:
                    raise PydanticCustomError(
                        "bad_regex",
                        "answer is not a valid regular expression: {reason}",
                        {"reason": str(exc), "at": ("answers", index)},
                    ) from None
        return self


PERCENT_PATTERN = r"^[0-9]+(\.[0-9]+)?%$"


class NumericQuestion(QuestionBase):
    # Editors flag `unit` with `units` as the loader does.
    model_config = ConfigDict(json_schema_extra={"not": {"required": ["unit", "units"]}})

    type: Literal["numeric"]
    answer: float
    tolerance: Annotated[float, Field(ge=0)] | Annotated[str, Field(pattern=PERCENT_PATTERN)] = (
        Field(default=0.0, description='Absolute (a number) or relative to answer ("5%").')
    )
    unit: str | None = Field(
        default=None,
        description="The unit, shown beside the box and accepted after the number. "
        "For several spellings use `units` instead.",
    )
    units: list[str] | None = Field(
        default=None,
        min_length=1,
        description="Spellings of one unit (`[hours, hrs, h]`): the first is shown beside the "
        "box; any of them is accepted after the number, in any case. Not together with `unit`.",
    )

    @model_validator(mode="after")
    def _one_unit_key(self) -> NumericQuestion:
        # Two keys for one idea would leave the author guessing which one the page shows.
        if self.unit is not None and self.units is not None:
            raise PydanticCustomError(
                "unit_and_units",
                "give either 'unit' or 'units', not both: list every spelling in 'units', "
                "the one to show learners first",
                {"at": ("units",)},
            )
        if self.units:
            seen: set[str] = set()
            for index, spelling in enumerate(self.units):
                if not spelling.strip():
                    raise PydanticCustomError(
                        "blank_unit",
                        "a unit spelling must not be blank",
                        {"at": ("units", index)},
                    )
                if spelling.strip().lower() in seen:
                    raise PydanticCustomError(
                        "duplicate_unit",
                        "'{spelling}' is already in 'units' (case is ignored)",
                        {"spelling": spelling, "at": ("units", index)},
                    )
                seen.add(spelling.strip().lower())
        return self

    def spellings(self) -> list[str]:
        """Every accepted spelling of the unit, the one shown to learners first."""
        if self.units:
            return list(self.units)
        return [self.unit] if self.unit else []

    def shown_unit(self) -> str | None:
        return next(iter(self.spellings()), None)

    def absolute_tolerance(self) -> float:
        if isinstance(self.tolerance, str):
            return abs(self.answer) * float(self.tolerance[:-1]) / 100.0
        return self.tolerance


class OrderingQuestion(QuestionBase):
    type: Literal["ordering"]
    items: list[ItemLike] = Field(min_length=2, description="In the correct order.")
    scoring: Scoring = "partial"

    @field_validator("items")
    @classmethod
    def _ids(cls, items: list[Item]) -> list[Item]:
        assign_ids(items)
        return items


class MatchingQuestion(QuestionBase):
    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=2)
    distractors: list[ItemLike] = Field(default_factory=list, description="Extra right-hand texts.")
    scoring: Scoring = "partial"

    @model_validator(mode="after")
    def _ids(self) -> MatchingQuestion:
        assign_ids(self.pairs, at=("pairs",))
        assign_ids(self.distractors, start=len(self.pairs), at=("distractors",))
        return self

    def left_ids(self) -> list[str]:
        return [p.id or "" for p in self.pairs]

    def right_ids(self) -> list[str]:
        """Right ids: pairs by position, then distractors, which continue the sequence."""
        return [default_id(i) for i in range(len(self.pairs))] + [d.key for d in self.distractors]

    def answer_key(self) -> dict[str, str]:
        return {p.id or "": default_id(i) for i, p in enumerate(self.pairs)}


# The automatic STAR checks (spec §2), in the order they run and are reported. Kept here so a
# rubric's `evidence` can be validated at load time, with the YAML position of a typo.
STAR_CHECK_IDS = (
    "parts_present",
    "length",
    "ownership",
    "specific",
    "quantified_result",
    "action_focus",
)
# Spec §2's gate: when one of these failed, the story scores at most 0.5 and is not correct.
STAR_GATE = ("parts_present", "length", "specific")


class RubricCriterion(StrictModel):
    id: Slug
    criterion: Markdown
    levels: list[Markdown] = Field(min_length=2, description="Descriptors, lowest level first.")
    evidence: list[str] = Field(
        default_factory=list,
        description="Automatic checks that support this criterion. When any of them failed,"
        " the self-rating counts at most the middle level, floor((levels - 1) / 2).",
        # Editors offer the check ids; the validator below reports a typo at its position.
        json_schema_extra={"items": {"enum": list(STAR_CHECK_IDS), "type": "string"}},
    )

    @field_validator("evidence")
    @classmethod
    def _known_checks(cls, value: list[str]) -> list[str]:
        for index, check in enumerate(value):
            if check not in STAR_CHECK_IDS:
                raise PydanticCustomError(
                    "unknown_check",
                    "unknown check '{check}' in evidence (expected one of {known})",
                    {"check": check, "known": ", ".join(STAR_CHECK_IDS), "at": (index,)},
                )
        return value


class StarQuestion(QuestionBase):
    type: Literal["star"]
    mode: Literal["structured", "free"] = "structured"
    min_words: int = Field(default=100, ge=0)
    max_words: int = Field(default=400, ge=1)
    rubric: list[RubricCriterion] | None = Field(
        default=None, min_length=1, description="Omit for the engine's default rubric."
    )
    example_answer: Markdown | None = Field(default=None, description="Shown after submission.")
    auto_weight: float = Field(default=0.5, ge=0, le=1)

    @model_validator(mode="after")
    def _consistent(self) -> StarQuestion:
        if self.min_words > self.max_words:
            raise PydanticCustomError(
                "word_range",
                "min_words ({min}) is larger than max_words ({max})",
                {"min": self.min_words, "max": self.max_words, "at": ("min_words",)},
            )
        reject_repeated_ids((criterion.id for criterion in self.rubric or []), at=("rubric",))
        return self


Question = Annotated[
    SingleQuestion
    | MultipleQuestion
    | TrueFalseQuestion
    | ShortTextQuestion
    | NumericQuestion
    | OrderingQuestion
    | MatchingQuestion
    | StarQuestion,
    Field(discriminator="type"),
]

QUESTION_CLASSES: dict[str, type[QuestionBase]] = {
    get_args(cls.model_fields["type"].annotation)[0]: cls for cls in get_args(get_args(Question)[0])
}
QUESTION_TYPES: tuple[str, ...] = tuple(QUESTION_CLASSES)
