"""A module manifest (`quizzes/<module>/module.yaml`): a course unit of chapters and quizzes."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from .base import Markdown, Slug, StrictModel


def _page_to_mapping(value: Any) -> Any:
    return {"page": value} if isinstance(value, str) else value


class Chapter(StrictModel):
    page: str = Field(description="Path of the page inside the module's docs folder.")
    title: str | None = Field(default=None, description="Navigation title; the page's H1 if unset.")


ChapterLike = Annotated[
    Chapter, BeforeValidator(_page_to_mapping, json_schema_input_type=str | Chapter)
]


class PassRequirements(StrictModel):
    quizzes: list[Slug] | Literal["all"] = Field(
        default="all", description="Quizzes a learner must pass; 'all' means every module quiz."
    )
    chapters_complete: bool = Field(
        default=True, description="Whether every chapter must be marked complete."
    )


class Module(StrictModel):
    id: Slug
    title: str
    summary: Markdown
    objectives: list[str] = Field(min_length=1, description="What a learner will be able to do.")
    estimated_minutes: int = Field(gt=0)
    docs: str | None = Field(
        default=None, description="Folder under docs/ holding the chapters; defaults to the id."
    )
    chapters: list[ChapterLike] = Field(min_length=1, description="Pages in reading order.")
    quizzes: list[Slug] = Field(default_factory=list, description="Quiz ids of this module.")
    pass_requirements: PassRequirements = Field(default_factory=PassRequirements)

    @property
    def docs_folder(self) -> str:
        return self.docs or self.id

    def required_quizzes(self) -> list[str]:
        wanted = self.pass_requirements.quizzes
        return list(self.quizzes) if wanted == "all" else list(wanted)
