"""Files and folders -> validated quizzes, with every problem of every file collected at once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .banks import resolve
from .contents import WORDS_PER_MINUTE, module_items
from .diagnostics import describe, quiz_diagnostics
from .errors import MAX_DIAGNOSTICS_PER_FILE, Diagnostic, QuizFileError, cap_diagnostics
from .media import QuizMedia, find_media, markdown_texts, references
from .models import Question, Quiz, ShortTextQuestion
from .models.bank import Bank
from .models.base import DUPLICATE_QUESTION_ID, repeated_ids
from .modules import MANIFEST_NAME, LoadedModule, check_course, docs_root_for, load_module_file
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
    # A bank file (`kind: bank`) loads here instead of `quiz`; its id is kept even when the
    # bank is invalid, so quizzes naming it are not told it does not exist.
    bank: Bank | None = None
    bank_id: str | None = None
    # Where a quiz's `bank`, `tags` and `draw` sit, for the checks that need every bank.
    positions: dict[tuple[str | int, ...], tuple[int, int]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        loaded = self.quiz is not None or self.bank is not None
        return loaded and not any(d.severity == "error" for d in self.diagnostics)

    def at(self, loc: tuple[str | int, ...]) -> tuple[int, int]:
        """The recorded position of `loc`, or of its nearest recorded parent."""
        while loc and loc not in self.positions:
            loc = loc[:-1]
        return self.positions.get(loc, self.id_position)


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

    @property
    def banks(self) -> list[Bank]:
        return [f.bank for f in self.files if f.bank is not None and f.ok]


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
    if "kind" in doc.data:
        return _validate_bank(doc, diagnostics)
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
    diagnostics.extend(_lint(quiz.questions, doc))
    return LoadedQuiz(
        doc.path,
        quiz,
        diagnostics,
        doc.position(("id",)),
        declared_id=quiz.id,
        positions=_bank_positions(quiz, doc),
    )


def _validate_bank(doc: SourceDocument, diagnostics: list[Diagnostic]) -> LoadedQuiz:
    assert isinstance(doc.data, dict)
    try:
        bank = Bank.model_validate(doc.data)
    except ValidationError as exc:
        room = max(0, MAX_DIAGNOSTICS_PER_FILE - len(diagnostics))
        listed, unlisted, _ = quiz_diagnostics(exc, doc, room=room)
        diagnostics.extend(listed)
        capped = cap_diagnostics(diagnostics, more=unlisted + doc.unlisted)
        name = doc.data.get("id")
        return LoadedQuiz(doc.path, None, capped, bank_id=name if isinstance(name, str) else None)
    diagnostics.extend(_lint(bank.questions, doc))
    return LoadedQuiz(
        doc.path, None, diagnostics, doc.position(("id",)), bank=bank, bank_id=bank.id
    )


def _bank_positions(
    quiz: Quiz, doc: SourceDocument
) -> dict[tuple[str | int, ...], tuple[int, int]]:
    if not quiz.bank:
        return {}
    locs: list[tuple[str | int, ...]] = [("draw",), ("tags",)]
    locs += [("tags", n) for n in range(len(quiz.tags or ()))]
    for index, entry in enumerate(quiz.bank):
        locs += [("bank", index), ("bank", index, "name"), ("bank", index, "draw")]
        locs += [("bank", index, "tags", n) for n in range(len(entry.tags or ()))]
    return {loc: doc.position(loc) for loc in locs}


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


def _lint(questions: Sequence[Question], doc: SourceDocument) -> list[Diagnostic]:
    """Valid but probably unintended: warnings, fatal only under `--strict`."""
    out = []
    for index, question in enumerate(questions):
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
    """One quiz file; a quiz that names banks finds them in its folder and the folders below."""
    loaded = _load_file(Path(path), display)
    if loaded.quiz is not None and loaded.quiz.bank and loaded.ok:
        resolve_banks([loaded], {}, folder=Path(path).parent)
    return loaded


def _load_file(path: Path, display: str | None = None) -> LoadedQuiz:
    """A quiz or bank file with the media its own text shows (read relative to the file)."""
    doc = read_document(path, display)
    loaded = validate_document(doc)
    model = loaded.quiz or loaded.bank
    if model is not None:
        loaded.media = find_media(model, path)
        loaded.diagnostics.extend(
            Diagnostic(doc.path, *doc.position(p.loc), p.message) for p in loaded.media.problems
        )
    return loaded


def resolve_banks(
    files: Sequence[LoadedQuiz],
    banks: dict[str, Bank | None],
    *,
    folder: Path | None = None,
    media: Mapping[str, QuizMedia] | None = None,
) -> None:
    """Fill in the bank questions of every quiz that names banks, or record why not.

    Banks come from `banks` (the course being loaded), their media (found relative to each
    bank file) from `media`; a name missing there is looked for beside the quiz, so a single
    quiz file still loads with the banks of its module.
    """
    nearby: dict[Path, tuple[dict[str, Bank | None], dict[str, QuizMedia]]] = {}
    for loaded in files:
        quiz = loaded.quiz
        if quiz is None or not quiz.bank or not loaded.ok:
            continue
        known, known_media = banks, media or {}
        if any(entry.name not in banks for entry in quiz.bank):
            where = folder or Path(loaded.path).parent
            if where not in nearby:
                nearby[where] = _banks_in(where)
            known = {**nearby[where][0], **banks}
            known_media = {**nearby[where][1], **known_media}
        resolved, problems = resolve(quiz, known, loaded.path, loaded.at)
        loaded.quiz = resolved
        loaded.diagnostics.extend(problems)
        if resolved is not None:
            loaded.diagnostics.extend(_add_bank_media(loaded, resolved, known_media))


def _add_bank_media(
    loaded: LoadedQuiz, quiz: Quiz, media: Mapping[str, QuizMedia]
) -> list[Diagnostic]:
    """The drawn questions' files join the quiz's, so the site and the exports carry them.

    A text names a file by the path written in it, read relative to the file the text is
    in; the quiz's page and packages look a file up by that path alone, so two different
    files written the same way (a quiz's `chart.png` and its bank's) cannot both be shown.
    """
    files = dict(loaded.media.files)
    owner = dict.fromkeys(files, "the quiz's own questions")
    problems: list[Diagnostic] = []
    for question in quiz.questions:
        bank = quiz.origin(question.id)
        if bank is None or bank not in media:
            continue
        for _, text, _ in markdown_texts(question):
            for ref in references(text):
                found = media[bank].files.get(ref.path)
                if found is None or files.get(ref.path) == found:
                    continue
                if ref.path in files:
                    index = next(i for i, e in enumerate(quiz.bank or ()) if e.name == bank)
                    problems.append(
                        Diagnostic(
                            loaded.path,
                            *loaded.at(("bank", index)),
                            f"question '{question.id}' of bank '{bank}' shows '{ref.path}', "
                            f"and so do {owner[ref.path]}, but from another folder: the two "
                            "are different files, so rename one of them",
                        )
                    )
                    continue
                files[ref.path] = found
                owner[ref.path] = f"the questions of bank '{bank}'"
    loaded.media = QuizMedia(files, list(loaded.media.problems))
    return problems


def _banks_in(folder: Path) -> tuple[dict[str, Bank | None], dict[str, QuizMedia]]:
    files, _ = discover([folder])
    loaded = [_load_file(p) for p in files if p.name != MANIFEST_NAME and _looks_like_bank(p)]
    return _bank_table(loaded), _bank_media(loaded)


def _bank_table(files: Iterable[LoadedQuiz]) -> dict[str, Bank | None]:
    """Bank id -> the bank, or None for a bank file that did not validate."""
    table: dict[str, Bank | None] = {}
    for loaded in files:
        if loaded.bank_id is not None and loaded.bank_id not in table:
            table[loaded.bank_id] = loaded.bank if loaded.ok else None
    return table


def _bank_media(files: Iterable[LoadedQuiz]) -> dict[str, QuizMedia]:
    """Bank id -> the files its questions show, found relative to the bank file."""
    table: dict[str, QuizMedia] = {}
    for loaded in files:
        if loaded.bank is not None and loaded.bank.id not in table:
            table[loaded.bank.id] = loaded.media
    return table


def _looks_like_bank(path: Path) -> bool:
    """A cheap look before parsing: only files with a top-level `kind:` line can be banks."""
    try:
        with path.open("rb") as handle:
            head = handle.read(1 << 20)
    except OSError:
        return False
    return any(line.startswith(b"kind:") for line in head.splitlines())


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
    report.files = [_load_file(p) for p in files if p.name != MANIFEST_NAME]
    report.modules = [load_module_file(p) for p in files if p.name == MANIFEST_NAME]
    report.diagnostics.extend(_duplicate_ids(report.files))
    resolve_banks(report.files, _bank_table(report.files), media=_bank_media(report.files))
    if report.modules:
        ids = {f.quiz.id: (Path(f.path), f.id_position) for f in report.files if f.quiz}
        report.diagnostics.extend(
            check_course(report.modules, ids, docs_root, report.failed_ids, pages=pages)
        )
        report.diagnostics.extend(_estimates(report, docs_root))
    return report


def _estimates(report: LoadReport, docs_root: Path | None) -> list[Diagnostic]:
    """A hand-written `estimated_minutes` that differs from the computed total, as a warning.

    Learners see the times contents.py works out (the contents table, the line under each
    page's title, My progress), so those are the one source; a manifest's own figure can
    only agree with them or mislead. A module with a missing page or a quiz that did not
    load has its own errors to fix first: its total would be wrong, so it is not compared.
    """
    quizzes = {quiz.id: quiz for quiz in report.quizzes}
    failed = report.failed_ids
    out = []
    for loaded in report.modules:
        module = loaded.module
        if module is None or module.estimated_minutes is None:
            continue
        root = docs_root or docs_root_for(loaded.path)
        pages = [root / module.docs_folder / chapter.page for chapter in module.chapters]
        if any(q in failed for q in module.quizzes) or not all(p.is_file() for p in pages):
            continue
        items = module_items(module, root, quizzes.get)
        total = sum(item.minutes for item in items)
        if total != module.estimated_minutes:
            out.append(
                Diagnostic(
                    str(loaded.path),
                    *loaded.at("estimated_minutes"),
                    f"estimated_minutes is {module.estimated_minutes}, but the module's pages "
                    f"and quizzes add up to {total} minutes (reading at {WORDS_PER_MINUTE} "
                    "words a minute), the times learners see: remove estimated_minutes, or "
                    f"set it to {total}",
                    "warning",
                )
            )
    return out


def _duplicate_ids(files: Iterable[LoadedQuiz]) -> list[Diagnostic]:
    first: dict[tuple[str, str], str] = {}
    out = []
    for loaded in files:
        if loaded.quiz is not None:
            kind, qid = "quiz", loaded.quiz.id
        elif loaded.bank is not None:
            kind, qid = "bank", loaded.bank.id
        else:
            continue
        if (kind, qid) in first:
            line, col = loaded.id_position
            out.append(
                Diagnostic(
                    loaded.path,
                    line,
                    col,
                    f"{kind} id '{qid}' is already used by {first[kind, qid]}: {kind} ids must "
                    "be unique across the course",
                )
            )
        else:
            first[kind, qid] = loaded.path
    return out
