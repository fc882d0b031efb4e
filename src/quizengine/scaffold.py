"""`quizengine new`: starting points that validate with no edits."""

from __future__ import annotations

import os
import re
from importlib.resources import files
from pathlib import Path

from .models.base import SLUG_PATTERN

SCHEMA_IN_REPO = Path("src/quizengine/schema/quiz.schema.json")


class ScaffoldError(Exception):
    """The scaffold cannot be written (bad id, file exists): a usage error."""


def _template(name: str) -> str:
    return files("quizengine").joinpath("templates", name).read_text(encoding="utf-8")


def check_slug(value: str, what: str) -> None:
    if not re.fullmatch(SLUG_PATTERN, value):
        raise ScaffoldError(
            f"'{value}' is not a valid {what}: use lowercase letters, digits and hyphens, "
            "starting with a letter or digit"
        )


def render_quiz_template(quiz_id: str, title: str, filename: str, schema: str) -> str:
    return (
        _template("quiz.yaml")
        .replace("{quiz_id}", quiz_id)
        .replace("{title}", title.replace('"', "'"))
        .replace("{filename}", filename)
        .replace("{schema}", schema)
    )


def schema_reference(folder: Path) -> str:
    """Where an editor finds the schema: the repository's copy if the folder is inside one."""
    folder = folder.resolve()
    for parent in (folder, *folder.parents):
        candidate = parent / SCHEMA_IN_REPO
        if candidate.is_file():
            return os.path.relpath(candidate, folder).replace(os.sep, "/")
    return str(files("quizengine").joinpath("schema", "quiz.schema.json"))


def new_quiz(quiz_id: str, folder: Path, *, title: str | None = None) -> Path:
    check_slug(quiz_id, "quiz id")
    target = folder / f"{quiz_id}.yaml"
    if target.exists():
        raise ScaffoldError(f"{target} already exists; choose another id or remove it")
    folder.mkdir(parents=True, exist_ok=True)
    text = render_quiz_template(
        quiz_id,
        title or quiz_id.replace("-", " ").capitalize(),
        str(target),
        schema_reference(folder),
    )
    target.write_text(text, encoding="utf-8")
    return target
