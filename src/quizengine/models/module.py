"""A module manifest (`quizzes/<module>/module.yaml`): a course unit of chapters and quizzes."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from .base import Markdown, Slug, StrictModel


def _page_to_mapping(value: Any) -> Any:
    return {"page": value} if isinstance(value, str) else value


class Chapter(StrictModel):
    page: str = Field(
        description="Path of the page inside the module's docs folder.",
        examples=["research.md"],
    )
    title: str | None = Field(
        default=None,
        description="Navigation title; the page's first heading when unset.",
        examples=["1. Research"],
    )
    summary: str | None = Field(
        default=None,
        description="What the page covers, in one line, for the module's contents table "
        "(`::module-contents`).",
        examples=["Salary ranges, pay bands, and a yearly value for each benefit"],
    )


ChapterLike = Annotated[
    Chapter, BeforeValidator(_page_to_mapping, json_schema_input_type=str | Chapter)
]


class PassRequirements(StrictModel):
    quizzes: list[Slug] | Literal["all"] = Field(
        default="all",
        description="Quiz ids a learner must pass to complete the module; `all` means every "
        "quiz of the module.",
        examples=["all", ["benefits-check"]],
    )
    chapters_complete: bool = Field(
        default=True,
        description="Whether every chapter with a quiz must also be complete: its quizzes "
        "passed, or marked complete by the learner.",
        examples=[False],
    )


class Module(StrictModel):
    id: Slug = Field(
        description="The module's name: lowercase letters, digits and hyphens, unique in the "
        "course.",
        examples=["benefits"],
    )
    title: str = Field(
        description="The module's title in the navigation and on My progress.",
        examples=["Negotiating Benefits and Perks"],
    )
    summary: Markdown = Field(
        description="Markdown shown on the module's overview page.",
        examples=["How to weigh and negotiate everything in an offer beyond the salary."],
    )
    objectives: list[str] = Field(
        min_length=1,
        description="What a learner will be able to do after the module, at least one.",
        examples=[["Put a value on every benefit in an offer"]],
    )
    estimated_minutes: int | None = Field(
        default=None,
        gt=0,
        description="Best left out: the site shows times worked out from the pages and "
        "quizzes. When given (a whole number above 0), `quizengine validate` warns if it "
        "differs from their total.",
        examples=[90],
    )
    docs: str | None = Field(
        default=None,
        description="Folder under docs/ holding the chapters; the module id when unset.",
        examples=["benefits"],
    )
    chapters: list[ChapterLike] = Field(
        min_length=1,
        description="The pages in reading order, at least one; each is a page path or a "
        "`{page, title}` mapping.",
        examples=[["index.md", {"page": "research.md", "title": "1. Research"}]],
    )
    quizzes: list[Slug] = Field(
        default_factory=list,
        description="Ids of the quizzes that belong to this module.",
        examples=[["research", "timing"]],
    )
    pass_requirements: PassRequirements = Field(
        default_factory=PassRequirements,
        description="What completes the module: every quiz passed and every chapter read, "
        "unless set otherwise.",
    )

    @property
    def docs_folder(self) -> str:
        return self.docs or self.id

    def required_quizzes(self) -> list[str]:
        wanted = self.pass_requirements.quizzes
        return list(self.quizzes) if wanted == "all" else list(wanted)
