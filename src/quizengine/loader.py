"""Files and folders -> validated quizzes, with every problem of every file collected at once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .diagnostics import describe, quiz_diagnostics
from .errors import MAX_DIAGNOSTICS_PER_FILE, Diagnostic, QuizFileError, cap_diagnostics
from .media import QuizMedia, find_media
from .models import Quiz, ShortTextQuestion
from .models.base import DUPLICATE_QUESTION_ID, repeated_ids
from .modules import MANIFEST_NAME, LoadedModule, check_course, load_module_file
from .patterns import risky_pattern
from .source import SourceDocument, read_document

QUIZ_SUFFIXES = (".yaml", ".yml")


@dataclass(slots=True)
class LoadedQuiz:
    path: str
    quiz: Quiz | None
    diagnostics: list[Diagnostic]
    # Where the quiz id sits, for cross-file checks; the node tree itself is not kept,
    # so a large bank costs the memory of its models, not of its YAML.
    id_position: tuple[int, int] = (1, 1)
    # The images and media links of a valid quiz, resolved against its file (`find_media`).
    media: QuizMedia = field(default_factory=QuizMedia)
    # The id the file gives itself, even when it fails to load: a manifest or a page that
    # names it then says it failed to load instead of calling the id unknown.
    declared_id: str | None = None

    @property
    def ok(self) -> bool:
        return self.quiz is not None and not any(d.severity == "error" for d in self.diagnostics)


@dataclass(slots=True)
class LoadReport:
    files: list[LoadedQuiz] = field(default_factory=list)
    modules: list[LoadedModule] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def all_diagnostics(self) -> list[Diagnostic]:
        return (
            [d for f in self.files for d in f.diagnostics]
            + [d for m in self.modules for d in m.diagnostics]
            + self.diagnostics
        )

    @property
    def ok(self) -> bool:
        return not any(d.severity == "error" for d in self.all_diagnostics)

    @property
    def quizzes(self) -> list[Quiz]:
        return [f.quiz for f in self.files if f.quiz is not None and f.ok]

    @property
    def failed_ids(self) -> dict[str, str]:
        """Quiz id -> file, for the files that name an id but failed to load."""
        return {f.declared_id: f.path for f in self.files if f.declared_id and not f.ok}


def validate_document(doc: SourceDocument) -> LoadedQuiz:
    diagnostics = list(doc.diagnostics)
    if doc.data is None:
        return LoadedQuiz(doc.path, None, cap_diagnostics(diagnostics, more=doc.unlisted))
    if not isinstance(doc.data, dict):
        diagnostics.append(
            Diagnostic(
                doc.path,
                *doc.position(()),
                f"a quiz file must be a mapping with id, title and questions, "
                f"found {describe(doc.data)}",
            )
        )
        return LoadedQuiz(doc.path, None, cap_diagnostics(diagnostics, more=doc.unlisted))
    declared = doc.data.get("id")
    declared_id = declared if isinstance(declared, str) and declared else None
    try:
        quiz = Quiz.model_validate(doc.data)
    except ValidationError as exc:
        room = max(0, MAX_DIAGNOSTICS_PER_FILE - len(diagnostics))
        listed, unlisted, kinds = quiz_diagnostics(exc, doc, room=room)
        # A value the YAML reader already refused (`.inf`, a tag) reaches the model as
        # nothing: its own message says more than "should be a number, found nothing".
        refused = {(d.line, d.col) for d in doc.diagnostics}
        diagnostics.extend(d for d in listed if (d.line, d.col) not in refused)
        if "duplicate_id" not in kinds:
            diagnostics.extend(_repeated_question_ids(doc.data, doc))
        return LoadedQuiz(
            doc.path,
            None,
            cap_diagnostics(diagnostics, more=unlisted + doc.unlisted),
            declared_id=declared_id,
        )
    diagnostics.extend(_lint(quiz, doc))
    return LoadedQuiz(doc.path, quiz, diagnostics, doc.position(("id",)), declared_id=quiz.id)


def _repeated_question_ids(data: dict[str, Any], doc: SourceDocument) -> list[Diagnostic]:
    """The model's duplicate-id check, over the raw data: pydantic runs the model's check only
    once every question is valid, and an author fixing one error should see them all."""
    questions = data.get("questions")
    if not isinstance(questions, list):
        return []
    ids = (item.get("id") if isinstance(item, dict) else None for item in questions)
    return [
        Diagnostic(
            doc.path,
            *doc.position(("questions", index, "id")),
            DUPLICATE_QUESTION_ID.format(id=qid),
        )
        for index, qid in repeated_ids(ids)
    ]


def _lint(quiz: Quiz, doc: SourceDocument) -> list[Diagnostic]:
    """Valid but probably unintended: warnings, fatal only under `--strict`."""
    out = []
    for index, question in enumerate(quiz.questions):
        if isinstance(question, ShortTextQuestion) and question.match == "regex":
            for number, answer in enumerate(question.answers):
                if risky_pattern(answer.text):
                    out.append(
                        Diagnostic(
                            doc.path,
                            *doc.position(("questions", index, "answers", number)),
                            f"question '{question.id}': the pattern '{answer.text}' repeats a "
                            "group that itself holds a repeat (like (a+)+), which can take "
                            "minutes on some answers: grading gives up after a moment and "
                            "counts it wrong, and a browser may freeze; rewrite it without the "
                            "nested repeat",
                            "warning",
                        )
                    )
        if (
            isinstance(question, ShortTextQuestion)
            and question.match != "normalized"
            and question.typo_tolerance
        ):
            line, col = doc.position(("questions", index, "typo_tolerance"))
            out.append(
                Diagnostic(
                    doc.path,
                    line,
                    col,
                    f"question '{question.id}': typo_tolerance only applies to "
                    f"match: normalized and is ignored with match: {question.match}",
                    "warning",
                )
            )
    return out


def load_quiz_file(path: Path | str, display: str | None = None) -> LoadedQuiz:
    doc = read_document(Path(path), display)
    loaded = validate_document(doc)
    if loaded.quiz is not None:  # media is read relative to the file, so only files have it
        loaded.media = find_media(loaded.quiz, Path(path))
        loaded.diagnostics.extend(
            Diagnostic(doc.path, *doc.position(p.loc), p.message) for p in loaded.media.problems
        )
    return loaded


def load_quiz(path: Path | str) -> Quiz:
    """Load one quiz or raise `QuizFileError` carrying every diagnostic."""
    loaded = load_quiz_file(path)
    if loaded.quiz is None or not loaded.ok:
        raise QuizFileError([d for d in loaded.diagnostics if d.severity == "error"])
    return loaded.quiz


def discover(paths: Sequence[Path | str]) -> tuple[list[Path], list[Diagnostic]]:
    """YAML files under the given files and folders, in a stable order, manifests included."""
    found: list[Path] = []
    problems: list[Diagnostic] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*")) if p.suffix in QUIZ_SUFFIXES and p.is_file()
            )
        elif path.is_file() or path.exists():
            found.append(path)  # a pipe or a device is refused, with why, when it is read
        else:
            problems.append(Diagnostic.whole_file(str(path), "no such file or folder"))
    return found, problems


def load_paths(
    paths: Sequence[Path | str], docs_root: Path | None = None, *, pages: bool = True
) -> LoadReport:
    """Quizzes and module manifests, each validated, then every cross-reference checked.

    With `pages`, every Markdown page of the docs is checked for its directives too; the
    MkDocs plugin checks each page as it is built instead, so it asks for no page checks.
    """
    files, problems = discover(paths)
    report = LoadReport(diagnostics=problems)
    report.files = [load_quiz_file(p) for p in files if p.name != MANIFEST_NAME]
    report.modules = [load_module_file(p) for p in files if p.name == MANIFEST_NAME]
    report.diagnostics.extend(_duplicate_ids(report.files))
    if report.modules:
        ids = {f.quiz.id: (Path(f.path), f.id_position) for f in report.files if f.quiz}
        report.diagnostics.extend(
            check_course(report.modules, ids, docs_root, report.failed_ids, pages=pages)
        )
    return report


def _duplicate_ids(files: Iterable[LoadedQuiz]) -> list[Diagnostic]:
    first: dict[str, str] = {}
    out = []
    for loaded in files:
        if loaded.quiz is None:
            continue
        qid = loaded.quiz.id
        if qid in first:
            line, col = loaded.id_position
            out.append(
                Diagnostic(
                    loaded.path,
                    line,
                    col,
                    f"quiz id '{qid}' is already used by {first[qid]}: quiz ids must be "
                    "unique across the course",
                )
            )
        else:
            first[qid] = loaded.path
    return out
