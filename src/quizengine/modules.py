"""Module manifests and the cross-references between manifests, quizzes and chapter pages.

Positions the cross-reference checks need are recorded while the manifest is validated, so
the checks can run after every file is loaded (they need all of them) without keeping trees.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from .contents import Item
from .diagnostics import describe, from_validation_error
from .directives import Directive, Misfire, find_directives, scan_directives
from .errors import Diagnostic
from .models import Quiz
from .models.module import Module
from .source import read_document
from .worksheets import check_pages as check_worksheets

MANIFEST_NAME = "module.yaml"


@dataclass(slots=True)
class LoadedModule:
    path: Path
    module: Module | None
    diagnostics: list[Diagnostic]
    positions: dict[tuple[str | int, ...], tuple[int, int]] = field(default_factory=dict)

    def at(self, *loc: str | int) -> tuple[int, int]:
        return self.positions.get(tuple(loc), (1, 1))


def load_module_file(path: Path) -> LoadedModule:
    doc = read_document(path)
    diagnostics = list(doc.diagnostics)
    if doc.data is None:
        return LoadedModule(path, None, diagnostics)
    if not isinstance(doc.data, dict):
        message = f"a module manifest must be a mapping, found {describe(doc.data)}"
        return LoadedModule(path, None, [*diagnostics, Diagnostic(str(path), 1, 1, message)])
    try:
        module = Module.model_validate(doc.data)
    except ValidationError as exc:
        return LoadedModule(path, None, diagnostics + from_validation_error(exc, doc))
    positions: dict[tuple[str | int, ...], tuple[int, int]] = {
        (key,): doc.position((key,)) for key in ("id", "estimated_minutes")
    }
    for key in ("quizzes", "chapters"):
        for index in range(len(getattr(module, key))):
            positions[(key, index)] = doc.position((key, index))
    if isinstance(module.pass_requirements.quizzes, list):
        for index in range(len(module.pass_requirements.quizzes)):
            loc = ("pass_requirements", "quizzes", index)
            positions[loc] = doc.position(loc)
    return LoadedModule(path, module, diagnostics, positions)


def docs_root_for(manifest: Path) -> Path:
    """`quizzes/<module>/module.yaml` -> the `docs/` folder beside `quizzes/`."""
    return manifest.resolve().parent.parent.parent / "docs"


def check_course(
    modules: Sequence[LoadedModule],
    quiz_ids: dict[str, tuple[Path, tuple[int, int]]],
    docs_root: Path | None = None,
    failed: Mapping[str, str] | None = None,
    *,
    pages: bool = True,
) -> list[Diagnostic]:
    """Every cross-reference problem between manifests, quizzes and pages, at once.

    A quiz in `failed` (id -> file) was already reported where its mistake is; naming it
    is no second mistake, so no reference to it is reported again.
    """
    failed = failed or {}
    out: list[Diagnostic] = []
    seen_modules: dict[str, Path] = {}
    owner: dict[str, str] = {}
    # Quizzes a manifest meant but misspelt ('my-quizz' for 'my-quiz'): that one mistake is
    # reported where it is, with "did you mean"; the quiz is not also "not listed".
    misspelt: set[str] = set()
    for loaded in modules:
        module = loaded.module
        if module is None:
            continue
        name = str(loaded.path)
        meant = {
            match
            for typo in module.quizzes
            if typo not in quiz_ids and typo not in failed
            for match in difflib.get_close_matches(typo, list(quiz_ids), n=1)
        }
        misspelt |= meant
        if module.id in seen_modules:
            out.append(
                _d(
                    name,
                    loaded.at("id"),
                    f"module id '{module.id}' is already used by {seen_modules[module.id]}",
                )
            )
        seen_modules.setdefault(module.id, loaded.path)
        for index, quiz_id in enumerate(module.quizzes):
            if quiz_id in failed:
                pass
            elif quiz_id not in quiz_ids:
                out.append(
                    _d(
                        name,
                        loaded.at("quizzes", index),
                        f"unknown quiz id '{quiz_id}'{_close(quiz_id, quiz_ids)}",
                    )
                )
            elif quiz_id in owner and owner[quiz_id] != module.id:
                out.append(
                    _d(
                        name,
                        loaded.at("quizzes", index),
                        f"quiz '{quiz_id}' already belongs to module '{owner[quiz_id]}'",
                    )
                )
            owner.setdefault(quiz_id, module.id)
        required = module.pass_requirements.quizzes
        for index, quiz_id in enumerate(required if isinstance(required, list) else []):
            if quiz_id not in module.quizzes and quiz_id not in meant:
                out.append(
                    _d(
                        name,
                        loaded.at("pass_requirements", "quizzes", index),
                        f"pass requirement names quiz '{quiz_id}', which is not in "
                        "this module's quizzes",
                    )
                )
        root = docs_root or docs_root_for(loaded.path)
        out.extend(_check_chapters(loaded, module, quiz_ids, root, failed))
    # A manifest that failed to load lists nothing we can read: its own error says why.
    loaded_manifests = {m.path.resolve() for m in modules if m.module is not None}
    for quiz_id, (path, position) in quiz_ids.items():
        manifest = path.parent / MANIFEST_NAME
        listed = any(m.module and quiz_id in m.module.quizzes for m in modules)
        if not listed and quiz_id not in misspelt and manifest.resolve() in loaded_manifests:
            out.append(
                _d(
                    str(path),
                    position,
                    f"quiz '{quiz_id}' is in a module folder but not listed in {manifest}",
                )
            )
    if pages:
        roots = [docs_root] if docs_root else [docs_root_for(m.path) for m in modules]
        for root in dict.fromkeys(r.resolve() for r in roots):
            out.extend(check_pages(root, quiz_ids, failed))
    return out


def check_pages(
    docs_root: Path, known: Collection[str], failed: Mapping[str, str]
) -> list[Diagnostic]:
    """The directives of every Markdown page under `docs_root`, module chapter or not."""
    out: list[Diagnostic] = []
    if not docs_root.is_dir():
        return out
    for page in sorted(p for p in docs_root.rglob("*.md") if p.is_file()):
        try:
            text = page.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = "it is not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else exc
            out.append(Diagnostic(_shown(page), 1, 1, f"cannot read this page: {reason}"))
            continue
        out.extend(page_diagnostics(_shown(page), text, known, failed))
    return out


def _shown(page: Path) -> str:
    """A page as the author typed the command: relative to here when it is below here."""
    try:
        return str(page.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(page)


def page_diagnostics(
    path: str,
    markdown: str,
    known: Collection[str],
    failed: Mapping[str, str],
    *,
    first_line: int = 1,
    scanned: Iterable[Directive | Misfire] | None = None,
) -> list[Diagnostic]:
    """One page's directive problems: an unknown id is an error, a near miss a warning.

    A directive naming a quiz that failed to load says nothing here: that quiz's own error,
    at its own position, is the one to fix. `first_line` is the page line the text starts
    on (MkDocs hands plugins the text after the front matter). `scanned`: the page's
    `scan_directives`, when the caller has read the page already.
    """
    out: list[Diagnostic] = []
    shift = first_line - 1
    for found in scan_directives(markdown) if scanned is None else scanned:
        line = found.line + shift
        if isinstance(found, Misfire):
            out.append(Diagnostic(path, line, found.col, found.message, "warning"))
        elif found.name != "quiz" or (found.quiz_id and found.quiz_id in failed):
            continue
        elif not found.quiz_id:
            out.append(Diagnostic(path, line, found.col, MISSING_ID))
        elif found.quiz_id not in known:
            out.append(
                Diagnostic(
                    path,
                    line,
                    found.col,
                    f"the page embeds unknown quiz id '{found.quiz_id}'"
                    f"{_close(found.quiz_id, known)}",
                )
            )
    return out


MISSING_ID = "the quiz directive needs an id, as in ::quiz{#research}"


def failed_to_load(quiz_id: str) -> str:
    """What a page shows where a quiz that failed to load would be."""
    return (
        f"quiz '{quiz_id}' failed to load (see above: the error reported for its file, in "
        "the build log or by quizengine validate, says what to fix)"
    )


def quiz_directives(page: Path) -> list[Directive]:
    """The `::quiz{#id}` lines of a Markdown chapter page; none for a notebook or a missing file."""
    if page.suffix != ".md" or not page.is_file():
        return []
    try:
        text = page.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):  # check_pages says why, at the page
        return []
    return [d for d in find_directives(text) if d.name == "quiz"]


Requirement = tuple[str, list[str], list[str], dict[str, list[str]]]
"""A module's finishing rule for the progress page: (title, quiz ids to pass, chapter pages
to complete, page -> the quizzes on it)."""


def module_requirements(
    modules: Iterable[Module], items: Mapping[str, Item] | None
) -> list[Requirement]:
    """Each module's `Requirement`, in manifest order.

    The pages are the chapters that embed a quiz, as their `Item`s say (contents.py: the one
    reading of each page that the contents table and the learner's path use too). One is
    complete when its quizzes are all passed or it is marked complete with the button the
    plugin adds to every chapter. `items` (page -> item) None: there is no button (no
    plugin, or `complete_button: false`), so no page can be required.
    """
    out: list[Requirement] = []
    for module in modules:
        via: dict[str, list[str]] = {}
        if items is not None and module.pass_requirements.chapters_complete:
            for chapter in module.chapters:
                uri = f"{module.docs_folder}/{chapter.page}"
                item = items.get(uri)
                if item is not None and item.quizzes:
                    via[uri] = list(item.quizzes)
        out.append((module.title, module.required_quizzes(), list(via), via))
    return out


def progress_quizzes(modules: Sequence[Module], quizzes: Sequence[Quiz]) -> list[tuple[str, str]]:
    """The learner's quizzes as (id, title): the modules', in manifest order (all, if there
    are no modules)."""
    if not modules:
        return [(q.id, q.title) for q in quizzes]
    by_id = {q.id: q for q in quizzes}
    return [
        (quiz.id, quiz.title)
        for module in modules
        for quiz_id in module.quizzes
        if (quiz := by_id.get(quiz_id)) is not None
    ]


def _check_chapters(
    loaded: LoadedModule,
    module: Module,
    quiz_ids: dict[str, tuple[Path, tuple[int, int]]],
    docs_root: Path,
    failed: Mapping[str, str],
) -> Iterable[Diagnostic]:
    shown: set[str] = set()
    folder = docs_root / module.docs_folder
    for index, chapter in enumerate(module.chapters):
        page = folder / chapter.page
        if not page.is_file():
            yield _d(
                str(loaded.path),
                loaded.at("chapters", index),
                f"chapter page {_shown(page)} not found",
            )
            continue
        shown.update(d.quiz_id or "" for d in quiz_directives(page))
    # A page embedding 'my-quizz' is reported at the page, with "did you mean 'my-quiz'?":
    # that one mistake does not also make 'my-quiz' "listed but embedded by no chapter".
    meant = {
        match
        for typo in shown
        if typo not in quiz_ids and typo not in failed
        for match in difflib.get_close_matches(typo, list(quiz_ids), n=1)
    }
    for index, quiz_id in enumerate(module.quizzes):
        if quiz_id in quiz_ids and quiz_id not in shown and quiz_id not in meant:
            yield _d(
                str(loaded.path),
                loaded.at("quizzes", index),
                f"quiz '{quiz_id}' is listed but no chapter page embeds it "
                f"(add ::quiz{{#{quiz_id}}} to a chapter)",
            )
    yield from check_worksheets(folder / chapter.page for chapter in module.chapters)


def _close(word: str, choices: Iterable[str]) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean '{match[0]}'?)" if match else ""


def _d(path: str, position: tuple[int, int], message: str) -> Diagnostic:
    return Diagnostic(path, position[0], position[1], message)
