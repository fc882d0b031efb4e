"""The library entry points: `export_quizzes` and `import_text`."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..media import QuizMedia
from ..models import Quiz
from ..models.base import SLUG_PATTERN
from .build import build_questions
from .common import (
    MAX_IMPORT_BYTES,
    MAX_IMPORT_QUESTIONS,
    Category,
    ExportFormat,
    ImportFormat,
    LmsFormatError,
    Note,
    Notes,
)
from .gift_read import read_gift
from .gift_write import write_gift
from .moodle_read import read_moodle
from .moodle_write import write_moodle
from .qti import write_qti
from .yaml_out import quiz_yaml

_EXTENSIONS = {"qti": "zip", "moodle": "xml", "gift": "gift"}


@dataclass(frozen=True, slots=True)
class ExportResult:
    """File name -> content, and every note about what the format could not carry."""

    files: dict[str, bytes]
    notes: list[Note]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """Quiz YAML text (it passes `quizengine validate`) and the notes about the import.

    `module` is the title the file's category gives the quiz's module (the category
    above the quiz's own), if it names one.
    """

    yaml_text: str
    notes: list[Note]
    title: str = ""
    module: str | None = None


def export_quizzes(
    quizzes: Sequence[Quiz],
    fmt: ExportFormat,
    *,
    bundle: str | None = None,
    media: Mapping[str, QuizMedia] | None = None,
) -> ExportResult:
    """One file per quiz (`ID.zip`, `ID.xml`, `ID.gift`), or all in `BUNDLE.ext`.

    A bundle is one Canvas package holding every assessment, or one Moodle XML / GIFT
    file with a question category per quiz. `media` (quiz id -> the files its text shows,
    as the loader found them: `LoadedQuiz.media`) puts images and sound in the Moodle XML
    and QTI files; GIFT cannot hold files and says so in a note per question.
    """
    if fmt not in _EXTENSIONS:
        raise ValueError(f"unknown export format {fmt!r}")
    notes = {quiz.id: Notes(quiz.id) for quiz in quizzes}
    for quiz in quizzes:
        _quiz_notes(quiz, notes[quiz.id])
    groups = [(bundle, list(quizzes))] if bundle else [(q.id, [q]) for q in quizzes]
    files: dict[str, bytes] = {}
    for name, group in groups:
        if not group:
            continue
        filename = f"{name}.{_EXTENSIONS[fmt]}"
        if fmt == "gift":
            files[filename] = write_gift(group, notes).encode("utf-8")
        elif fmt == "moodle":
            files[filename] = write_moodle(group, notes, media)
        else:
            files[filename] = write_qti(group, notes, package=name, media_for=media)
    return ExportResult(files, [note for quiz in quizzes for note in notes[quiz.id].items])


def _quiz_notes(quiz: Quiz, notes: Notes) -> None:
    """Quiz settings no question bank holds: set them again in the LMS's quiz."""
    if quiz.draw is not None:
        notes.add(None, f"draw ({quiz.draw}) not carried: set up random selection in the LMS")
    if quiz.shuffle_questions:
        notes.add(None, "shuffle_questions not carried: turn on shuffling in the LMS quiz")
    if quiz.exam:
        notes.add(None, "exam mode not carried: set the LMS quiz's review options instead")


def import_text(
    text: str,
    fmt: ImportFormat,
    *,
    quiz_id: str,
    title: str | None = None,
    fallback_title: str | None = None,
) -> ImportResult:
    """GIFT or Moodle XML text -> our quiz YAML; raises `LmsFormatError` on bad input.

    The quiz's title is `title` if given, else the last name of the file's category
    (`$course$/top/Module/Quiz`), else `fallback_title` (the CLI's is the file name).
    """
    if not re.match(SLUG_PATTERN, quiz_id):
        raise LmsFormatError(f"quiz id '{quiz_id}' must be lowercase letters, digits and '-'")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_IMPORT_BYTES:
        raise LmsFormatError(f"input is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB")
    notes = Notes(quiz_id)
    categories: list[Category] = []
    if fmt == "gift":
        raws = read_gift(text, notes, categories)
        source = "GIFT"
    elif fmt == "moodle":
        raws = read_moodle(text, notes, categories)
        source = "Moodle XML"
    else:
        raise ValueError(f"unknown import format {fmt!r}")
    if len(raws) > MAX_IMPORT_QUESTIONS:
        raise LmsFormatError(f"more than {MAX_IMPORT_QUESTIONS} questions")
    named = _named(categories, notes)
    chosen = title or (named[-1] if named else None) or fallback_title or quiz_id
    module = named[-2] if len(named) > 1 else None
    description = next((c.info for c in categories if c.questions and c.info), None)
    questions = build_questions(raws, notes)
    notes.items.sort(key=lambda note: note.line or 0)  # in file order, whatever found them
    yaml_text = quiz_yaml(quiz_id, chosen, questions, source, description=description)
    return ImportResult(yaml_text, notes.items, chosen, module)


def _named(categories: list[Category], notes: Notes) -> list[str]:
    """The names of the one category holding the questions; none when several do."""
    holding = [c for c in categories if c.questions]
    paths = list(dict.fromkeys(tuple(c.titles()) for c in holding))
    if len(paths) > 1:
        listed = "; ".join("/".join(p) or "top" for p in paths)
        notes.add(None, f"{len(paths)} categories merged into one quiz: {listed}", holding[1].line)
        return []
    return list(paths[0]) if paths else []
