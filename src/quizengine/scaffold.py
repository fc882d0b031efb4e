"""`quizengine new`: starting points that validate with no edits.

Nothing is overwritten unless asked (`force`): an instructor's edited quiz is worth more than
a fresh template. Even then a symbolic link is never written through or replaced.
"""

from __future__ import annotations

import os
import re
from importlib.resources import files
from pathlib import Path

from .errors import UsageError
from .models.base import SLUG_PATTERN
from .safeio import write_atomic

SCHEMA_IN_REPO = Path("src/quizengine/schema/quiz.schema.json")


class ScaffoldError(UsageError):
    """The scaffold cannot be written (bad id, file exists): a usage error."""


def _template(*parts: str) -> str:
    return files("quizengine").joinpath("templates", *parts).read_text(encoding="utf-8")


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


def _make_folder(folder: Path) -> None:
    """Create `folder` (and its parents) or say plainly why it cannot be."""
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} is a file, not a folder; --dir must name a folder")
    if folder.is_symlink() and not folder.exists():
        raise ScaffoldError(f"{folder} is a symbolic link to nothing; name a real folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ScaffoldError(f"cannot create the folder {folder}: {exc.strerror or exc}") from None


def _check_new_file(target: Path, what: str, *, force: bool = False) -> None:
    """A new file, or with `force` an existing regular file; never a (dangling) symlink."""
    if target.is_symlink():
        raise ScaffoldError(f"{target} is a symbolic link; remove it or choose another {what}")
    if not target.exists():
        return
    if not force:
        raise ScaffoldError(
            f"{target} already exists; choose another {what}, remove it, "
            "or use --force to replace it"
        )
    if not target.is_file():
        raise ScaffoldError(f"{target} is not a file; remove it or choose another {what}")


def _write(target: Path, text: str, *, force: bool) -> None:
    """Write a file `_check_new_file` allowed: a replacement whole or not at all."""
    if force:
        write_atomic(target, text)
    else:
        with target.open("x", encoding="utf-8") as handle:  # "x": never an existing file
            handle.write(text)


def new_quiz(quiz_id: str, folder: Path, *, title: str | None = None, force: bool = False) -> Path:
    check_slug(quiz_id, "quiz id")
    target = folder / f"{quiz_id}.yaml"
    _check_new_file(target, "id", force=force)
    _make_folder(folder)
    text = render_quiz_template(
        quiz_id,
        title or quiz_id.replace("-", " ").capitalize(),
        str(target),
        schema_reference(folder),
    )
    try:
        _write(target, text, force=force)
    except OSError as exc:
        raise ScaffoldError(f"cannot write {target}: {exc.strerror or exc}") from None
    return target


def new_module(
    name: str, root: Path, *, title: str | None = None, force: bool = False
) -> list[Path]:
    """A module that builds and validates with no edits: manifest, two pages, two quizzes.

    With `force` the module's folders may exist: the files written here are replaced, and any
    other file in those folders is left as it is.
    """
    check_slug(name, "module name")
    quizzes, docs = root / "quizzes" / name, root / "docs" / name
    if root.exists() and not root.is_dir():
        raise ScaffoldError(f"{root} is a file, not a folder; --dir must name a folder")
    for folder in (quizzes, docs):
        if not force and (folder.exists() or folder.is_symlink()):
            raise ScaffoldError(
                f"{folder} already exists; choose another name, remove it, "
                "or use --force to replace the module's files"
            )
        if folder.exists() and not folder.is_dir():
            raise ScaffoldError(
                f"{folder} is a file, not a folder; remove it or choose another name"
            )
    title = title or name.replace("-", " ").capitalize()
    _make_folder(quizzes)
    _make_folder(docs)
    quiz_schema = schema_reference(quizzes)
    module_schema = quiz_schema.replace("quiz.schema.json", "module.schema.json")

    def fill(text: str, schema: str = quiz_schema) -> str:
        return text.replace("{name}", name).replace("{title}", title).replace("{schema}", schema)

    created = {
        quizzes / "module.yaml": fill(_template("module", "module.yaml"), module_schema),
        quizzes / f"{name}-practice.yaml": render_quiz_template(
            f"{name}-practice",
            f"{title}: practice",
            f"quizzes/{name}/{name}-practice.yaml",
            quiz_schema,
        ),
        quizzes / f"{name}-star.yaml": fill(_template("module", "star.yaml")),
        docs / "index.md": fill(_template("module", "index.md")),
        docs / "first-chapter.md": fill(_template("module", "first-chapter.md")),
    }
    for path in created:
        _check_new_file(path, "name", force=force)
    try:
        for path, text in created.items():
            _write(path, text, force=force)
    except OSError as exc:
        raise ScaffoldError(f"cannot write the module: {exc.strerror or exc}") from None
    return list(created)
