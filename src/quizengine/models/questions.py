"""One model per question type, joined in a union discriminated by `type`.

Cross-field rules (exactly one correct option, unique ids, ...) raise `PydanticCustomError`
whose context may hold `at`: a path below the field, so the diagnostic can point at the
exact YAML node (the second `id: q3`, say) rather than at the whole list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property
from typing import Annotated, Any, Literal, TypeGuard, assert_never, get_args

from pydantic import BeforeValidator, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .base import Markdown, Slug, StrictModel, default_id, reject_repeated_ids

Scoring = Literal["partial", "all_or_nothing"]


def _text_to_mapping(value: Any) -> Any:
    """Let authors write a bare string where a `{text: ...}` mapping is expected."""
    return {"text": value} if isinstance(value, str) else value


def _position_id(what: str, example: str) -> Any:
    """The optional id of an option, item or pair: one text for the three."""
    return Field(
        default=None,
        description=f"A stable name for this {what}; `a`, `b`, `c`, ... by position when "
        "unset. Set it only to keep answers valid when you reorder.",
        examples=[example],
    )


class Option(StrictModel):
    id: Slug | None = _position_id("option", "walk-away")
    text: Markdown = Field(
        description="The option as the learner sees it (Markdown).",
        examples=["Your walk-away point"],
    )
    correct: bool = Field(
        default=False, description="Whether choosing this option is right.", examples=[True]
    )
    feedback: Markdown | None = Field(
        default=None,
        description="Shown next to this option when the learner chose it.",
        examples=["Yes: decide it before the call, not during it."],
    )
    weight: float | None = Field(
        default=None,
        ge=-1,
        le=1,
        description="Partial credit, from -1 to 1: the share of the question's points that "
        "choosing this option earns (negative: takes off). `multiple`: a positive weight "
        "makes the option correct, and the positive weights add up to 1; `single`: the "
        "correct option is worth 1 and a wrong one its weight. Unset on every option: the "
        "usual scoring.",
        examples=[0.5],
    )

    @property
    def key(self) -> str:
        assert self.id is not None, "ids are assigned during validation"
        return self.id


class Item(StrictModel):
    id: Slug | None = _position_id("item", "research")
    text: Markdown = Field(
        description="The item as the learner sees it (Markdown).",
        examples=["Research the market rate"],
    )

    @property
    def key(self) -> str:
        assert self.id is not None, "ids are assigned during validation"
        return self.id


class TextAnswer(StrictModel):
    text: str = Field(
        description="An accepted answer; with `match: regex`, a pattern that must match the "
        "whole answer.",
        examples=["walk-away point"],
    )
    score: float = Field(
        default=1.0,
        gt=0,
        le=1,
        description="The credit for this answer, above 0 and up to 1.",
        examples=[0.5],
    )
    feedback: Markdown | None = Field(
        default=None,
        description="Shown when the learner's answer matched this one.",
        examples=["Also called your BATNA."],
    )


class Pair(StrictModel):
    id: Slug | None = _position_id("pair (its left-hand text)", "pto")
    left: Markdown = Field(
        description="The left-hand text, which the learner matches (Markdown).",
        examples=["Paid time off"],
    )
    right: Markdown = Field(
        description="Its match, shown in the drop-down list with the other right-hand texts.",
        examples=["Days you are paid while away"],
    )


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


TYPE_DESCRIPTION = "The question type, which decides the other keys the question takes."


class QuestionBase(StrictModel):
    id: Slug = Field(
        description="Unique within the quiz: lowercase letters, digits and hyphens. Response "
        "files and results refer to it, so avoid renaming it once learners have started.",
        examples=["q1"],
    )
    prompt: Markdown = Field(
        description="The question itself (Markdown).",
        examples=["What should you decide before the first call?"],
    )
    points: float = Field(  # at most a million: sums of scores stay finite
        default=1.0,
        gt=0,
        le=1_000_000,
        description="What the question is worth: a number above 0.",
        examples=[2],
    )
    tags: list[Slug] | None = Field(
        default=None,
        description="Labels a quiz drawing from a question bank can pick by (`tags:` in the "
        "quiz); reports group results by them too.",
        examples=[["numbers", "exam"]],
    )
    hint: Markdown | None = Field(
        default=None,
        description="Markdown the learner can open before answering.",
        examples=["Think about what happens if the talks fail."],
    )
    explanation: Markdown | None = Field(
        default=None,
        description="Markdown shown after answering, whatever the result: where the teaching "
        "happens.",
        examples=["Your walk-away point tells you when to say no."],
    )
    feedback_correct: Markdown | None = Field(
        default=None,
        description="Shown after a fully correct answer.",
        examples=["Right."],
    )
    feedback_incorrect: Markdown | None = Field(
        default=None,
        description="Shown after a partly correct or wrong answer.",
        examples=["Not quite: see the explanation."],
    )


class _ChoiceQuestion(QuestionBase):
    options: list[Option] = Field(
        min_length=2,
        description="The choices, at least 2. `single`: exactly one is correct; `multiple`: "
        "at least one.",
    )
    shuffle_options: bool = Field(
        default=True,
        description="Show the options in a random order; `false` when the order matters "
        '(a scale, "all of the above").',
        examples=[False],
    )

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
    def weighted(self) -> bool:
        """Whether any option sets a `weight`: then every option's weight decides the score."""
        return any(o.weight is not None for o in self.options)

    @cached_property
    def feedback_by_id(self) -> tuple[tuple[str, str], ...]:
        """(id, feedback) in authored order, for the options that have feedback."""
        return tuple((o.key, o.feedback) for o in self.options if o.feedback)


class SingleQuestion(_ChoiceQuestion):
    type: Literal["single"] = Field(description=TYPE_DESCRIPTION)

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
        for index, option in enumerate(options):
            # The right answer earns full marks; a wrong one earns at most part of them.
            if option.weight is not None and option.correct != (option.weight >= 1):
                raise PydanticCustomError(
                    "single_weight",
                    "the correct option is worth 1 (leave its weight out)"
                    if option.correct
                    else "a wrong option's weight must be below 1 (only the correct one earns "
                    "full marks)",
                    {"at": (index, "weight")},
                )
        return options


class MultipleQuestion(_ChoiceQuestion):
    type: Literal["multiple"] = Field(description=TYPE_DESCRIPTION)
    scoring: Scoring = Field(
        default="partial",
        description="`partial`: correct options ticked minus wrong ones ticked, over the "
        "number of correct options (never below 0); `all_or_nothing`: 1 only for exactly the "
        "correct set.",
        examples=["all_or_nothing"],
    )

    @field_validator("options")
    @classmethod
    def _weights(cls, options: list[Option]) -> list[Option]:
        """With weights, an option is correct exactly when its weight is positive, and the
        positive weights add up to 1 (Moodle's rule; thirds written 0.33 are fine)."""
        if not any(o.weight is not None for o in options):
            return options
        for index, option in enumerate(options):
            weight = option.weight or 0.0
            if "correct" not in option.model_fields_set:
                option.correct = weight > 0
            elif option.correct != (weight > 0):
                raise PydanticCustomError(
                    "multiple_weight",
                    "a correct option needs a positive weight"
                    if option.correct
                    else "an option with a positive weight is correct: remove 'correct: false'",
                    {"at": (index, "weight" if option.correct else "correct")},
                )
        total = sum(o.weight for o in options if o.weight is not None and o.weight > 0)
        if total and abs(total - 1) > 0.01 + 1e-9:
            raise PydanticCustomError(
                "weight_total",
                "the positive weights add up to {total}, not 1: choosing every correct "
                "option must earn full marks",
                {"total": f"{total:g}"},
            )
        return options

    @model_validator(mode="after")
    def _weights_with_partial(self) -> MultipleQuestion:
        if self.weighted and self.scoring == "all_or_nothing":
            raise PydanticCustomError(
                "weight_scoring",
                "option weights give partial credit, so they cannot go with "
                "'scoring: all_or_nothing': remove one of the two",
                {"at": ("scoring",)},
            )
        return self

    @field_validator("options")
    @classmethod
    def _at_least_one_correct(cls, options: list[Option]) -> list[Option]:
        if not any(o.correct for o in options):
            raise PydanticCustomError(
                "multiple_correct_count", "at least one option must be correct, found 0"
            )
        return options


class TrueFalseQuestion(QuestionBase):
    type: Literal["true_false"] = Field(description=TYPE_DESCRIPTION)
    answer: bool = Field(
        description="Whether the statement in the prompt is true: `true` or `false` "
        "(not yes or no).",
        examples=[False],
    )


class ShortTextQuestion(QuestionBase):
    type: Literal["short_text"] = Field(description=TYPE_DESCRIPTION)
    answers: list[AnswerLike] = Field(
        min_length=1,
        description="The accepted answers, at least 1; each is plain text or "
        "`{text, score, feedback}`. When several match, the highest score counts.",
        examples=[["walk-away point", {"text": "BATNA", "score": 0.5}]],
    )
    match: Literal["normalized", "exact", "regex"] = Field(
        default="normalized",
        description="`normalized`: case, extra spaces and punctuation at either end are "
        "ignored; `exact`: identical apart from spaces at either end; `regex`: each answer is "
        "a pattern that must match the whole answer, ignoring case.",
        examples=["exact"],
    )
    typo_tolerance: int = Field(
        default=0,
        ge=0,
        description="How many typing slips to forgive (letters added, removed or changed); "
        "only with `match: normalized`.",
        examples=[1],
    )

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

    type: Literal["numeric"] = Field(description=TYPE_DESCRIPTION)
    answer: float = Field(description="The correct number.", examples=[138])
    tolerance: Annotated[float, Field(ge=0)] | Annotated[str, Field(pattern=PERCENT_PATTERN)] = (
        Field(
            default=0.0,
            description="How far off an answer may be and still count: a number (`5`: give or "
            'take 5) or a percentage of the answer in quotes (`"1%"`).',
            examples=[5, "1%"],
        )
    )
    unit: str | None = Field(
        default=None,
        description="The unit, shown beside the box and accepted after the number. "
        "For several spellings use `units` instead.",
        examples=["dollars"],
    )
    units: list[str] | None = Field(
        default=None,
        min_length=1,
        description="Spellings of one unit (`[hours, hrs, h]`): the first is shown beside the "
        "box; any of them is accepted after the number, in any case. Not together with `unit`.",
        examples=[["hours", "hrs", "h"]],
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
    type: Literal["ordering"] = Field(description=TYPE_DESCRIPTION)
    items: list[ItemLike] = Field(
        min_length=2,
        description="At least 2, written in the correct order; each is plain text or "
        "`{id, text}`. Learners see them shuffled.",
        examples=[["Research the market", "Get the offer in writing", "Negotiate"]],
    )
    scoring: Scoring = Field(
        default="partial",
        description="`partial`: the share of pairs of items in the right order relative to "
        "each other; `all_or_nothing`: 1 only for the exact order.",
        examples=["all_or_nothing"],
    )

    @field_validator("items")
    @classmethod
    def _ids(cls, items: list[Item]) -> list[Item]:
        assign_ids(items)
        return items


class MatchingQuestion(QuestionBase):
    type: Literal["matching"] = Field(description=TYPE_DESCRIPTION)
    pairs: list[Pair] = Field(
        min_length=2,
        description="At least 2 `{left, right}` pairs: the learner picks the right-hand text "
        "for each left-hand one.",
    )
    distractors: list[ItemLike] = Field(
        default_factory=list,
        description="Extra right-hand texts that match nothing, so the last match is no free "
        "gift; each is plain text or `{id, text}`.",
        examples=[["A signing bonus"]],
    )
    scoring: Scoring = Field(
        default="partial",
        description="`partial`: the share of left-hand texts matched correctly (unmatched "
        "counts as wrong); `all_or_nothing`: 1 only when every match is right.",
        examples=["all_or_nothing"],
    )

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
    id: Slug = Field(
        description="Unique within the rubric: lowercase letters, digits and hyphens.",
        examples=["impact"],
    )
    criterion: Markdown = Field(
        description="What the learner rates their answer on (Markdown).",
        examples=["The result is measurable"],
    )
    levels: list[Markdown] = Field(
        min_length=2,
        description="What each level looks like, at least 2, lowest level first.",
        examples=[["No result", "A result, not measured", "A measured result"]],
    )
    evidence: list[str] = Field(
        default_factory=list,
        description="Automatic checks that support this criterion (`parts_present`, `length`, "
        "`ownership`, `specific`, `quantified_result`, `action_focus`). When any of them "
        "failed, the self-rating counts at most the middle level, floor((levels - 1) / 2).",
        examples=[["quantified_result"]],
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
    type: Literal["star"] = Field(description=TYPE_DESCRIPTION)
    mode: Literal["structured", "free"] = Field(
        default="structured",
        description="`structured`: four boxes, one per part; `free`: one box, and the engine "
        "finds the parts.",
        examples=["free"],
    )
    min_words: int = Field(
        default=100,
        ge=0,
        description="Shortest total length, in words, that passes the length check.",
        examples=[80],
    )
    max_words: int = Field(
        default=400,
        ge=1,
        description="Longest total length, in words, that passes the length check; not below "
        "`min_words`.",
        examples=[300],
    )
    rubric: list[RubricCriterion] | None = Field(
        default=None,
        min_length=1,
        description="The criteria of the self-rating, at least one, ids unique; the engine's "
        "default rubric when unset.",
    )
    example_answer: Markdown | None = Field(
        default=None,
        description="A model answer shown after the learner submits (Markdown). Strongly "
        "recommended.",
        examples=["**Situation:** My offer from a logistics firm..."],
    )
    auto_weight: float = Field(
        default=0.5,
        ge=0,
        le=1,
        description="The share of the score, from 0 to 1, that comes from the automatic "
        "checks; the rest comes from the self-rating.",
        examples=[0.6],
    )

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


class Criterion(StrictModel):
    id: Slug | None = _position_id("criterion", "names-the-perk")
    criterion: Markdown = Field(
        description="One thing a good answer does, which the learner ticks when theirs does "
        "it (Markdown).",
        examples=["Names the perk and what it is worth to you"],
    )

    @property
    def key(self) -> str:
        assert self.id is not None, "ids are assigned during validation"
        return self.id


def _criterion_mapping(value: Any) -> Any:
    return {"criterion": value} if isinstance(value, str) else value


CriterionLike = Annotated[
    Criterion,
    BeforeValidator(_criterion_mapping, json_schema_input_type=str | Criterion),
]


class TextQuestion(QuestionBase):
    type: Literal["text"] = Field(description=TYPE_DESCRIPTION)
    rubric: list[CriterionLike] = Field(
        min_length=1,
        description="What a good answer does, at least 1 criterion; each is plain text or "
        "`{id, criterion}`. After writing, the learner ticks the ones their answer meets: the "
        "score is the share ticked.",
        examples=[["Names the perk", "Says what it is worth", "Ends with a question"]],
    )
    min_words: int = Field(
        default=1,
        ge=1,
        description="The shortest answer, in words, whose ticks count: a shorter one scores "
        "0, whatever is ticked.",
        examples=[30],
    )
    example_answer: Markdown | None = Field(
        default=None,
        description="A model answer shown after the learner checks theirs, to compare with "
        "before ticking the rubric (Markdown). Strongly recommended.",
        examples=["I'd like to talk about remote days: two a week would save me..."],
    )

    @field_validator("rubric")
    @classmethod
    def _ids(cls, rubric: list[Criterion]) -> list[Criterion]:
        for index, criterion in enumerate(rubric):
            if criterion.id is None:
                criterion.id = default_id(index)
        reject_repeated_ids((c.id for c in rubric), at=())
        return rubric


Question = Annotated[
    SingleQuestion
    | MultipleQuestion
    | TrueFalseQuestion
    | ShortTextQuestion
    | NumericQuestion
    | OrderingQuestion
    | MatchingQuestion
    | StarQuestion
    | TextQuestion,
    Field(discriminator="type"),
]


def self_rated(question: Question) -> TypeGuard[StarQuestion | TextQuestion]:
    """The types a learner rates against a rubric: scored once rated, with an example answer
    shown after checking; every other type is graded as soon as it is answered."""
    match question:
        case StarQuestion() | TextQuestion():
            return True
        case (
            SingleQuestion()
            | MultipleQuestion()
            | TrueFalseQuestion()
            | ShortTextQuestion()
            | NumericQuestion()
            | OrderingQuestion()
            | MatchingQuestion()
        ):
            return False
        case _:
            assert_never(question)


QUESTION_CLASSES: dict[str, type[QuestionBase]] = {
    get_args(cls.model_fields["type"].annotation)[0]: cls for cls in get_args(get_args(Question)[0])
}
QUESTION_TYPES: tuple[str, ...] = tuple(QUESTION_CLASSES)
