"""Shared building blocks: strict models and the slug type used for every id."""

from __future__ import annotations

import string
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=1, max_length=100)]
Markdown = Annotated[str, Field(description="Markdown text, rendered at build time.")]


class StrictModel(BaseModel):
    """Unknown keys are errors (almost always typos) and no type is silently coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, validate_default=False)


def default_id(index: int) -> str:
    """`a`, `b`, ... `z`, `aa`, `ab`, ...: the spec's ids for options, items and pairs."""
    letters = string.ascii_lowercase
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = letters[rem] + out
    return out
