"""Shared building blocks: strict models and the slug type used for every id."""

from __future__ import annotations

import string
from collections.abc import Iterable, Iterator
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

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


DUPLICATE_ID = "duplicate id '{id}': every entry needs its own id"
DUPLICATE_QUESTION_ID = "duplicate question id '{id}': question ids must be unique within a quiz"


def repeated_ids(ids: Iterable[object]) -> Iterator[tuple[int, str]]:
    """(index, id) of every id seen before in the list: the second `q3`, not the first.

    Entries that are not text (an id still missing, or mistyped in raw data) are skipped, so
    the loader can run the same rule over data the models have not accepted yet.
    """
    seen: set[str] = set()
    for index, entry_id in enumerate(ids):
        if not isinstance(entry_id, str):
            continue
        if entry_id in seen:
            yield index, entry_id
        seen.add(entry_id)


def reject_repeated_ids(
    ids: Iterable[object], *, at: tuple[str, ...] = (), message: str = DUPLICATE_ID
) -> None:
    """Raise for the first repeated id, with `at` pointing the diagnostic at its `id` key."""
    for index, entry_id in repeated_ids(ids):
        raise PydanticCustomError(
            "duplicate_id", message, {"id": entry_id, "at": (*at, index, "id")}
        )
