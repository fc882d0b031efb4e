"""`quizengine export` and `quizengine import`: thin shells over `api`.

Registered on the main parser by `add_commands`; each handler takes the argparse
Namespace and returns the exit code (0 done, 1 invalid input, 2 usage or unreadable path).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import Diagnostic, QuizEngineError, UsageError
from ..safeio import (
    FileRefused,
    check_output,
    child_path,
    read_regular,
    terminal_text,
    write_atomic,
)
from .common import (
    EXPORT_FORMATS,
    IMPORT_FORMATS,
    MAX_IMPORT_BYTES,
    ImportFormat,
    LmsFormatError,
    Note,
)

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
_GUESS: dict[str, ImportFormat] = {".gift": "gift", ".txt": "gift", ".xml": "moodle"}


def add_commands(subparsers: argparse._SubParsersAction[Any]) -> None:
    p = subparsers.add_parser(
        "export", help="write quizzes as Canvas QTI 1.2 (zip), Moodle XML or GIFT"
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="quiz files or folders")
    p.add_argument("--format", dest="fmt", required=True, choices=EXPORT_FORMATS)
    p.add_argument("--out", default=".", metavar="DIR", help="folder to write (default: here)")
    p.add_argument(
        "--bundle", metavar="NAME", help="one file NAME.zip/.xml/.gift holding every quiz"
    )
    p.add_argument("--force", action="store_true", help="replace files that already exist")
    p.set_defaults(run=_export)

    p = subparsers.add_parser("import", help="turn a GIFT or Moodle XML file into quiz YAML")
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--format", dest="fmt", choices=IMPORT_FORMATS, help="default: from the file extension"
    )
    p.add_argument("--id", dest="quiz_id", help="quiz id (default: from the file name)")
    p.add_argument("--title", help="quiz title (default: from the file's category, else its name)")
    p.add_argument("--out", metavar="FILE.yaml", help="write here instead of standard output")
    p.add_argument("--force", action="store_true", help="replace --out if it already exists")
    p.set_defaults(run=_import)


def _warn(note: Note, path: str | None = None) -> None:
    where = f"{path}:{note.line}:1: " if path and note.line else (f"{path}: " if path else "")
    # Notes quote the imported file (names, answers), which may hold terminal escapes.
    print(terminal_text(f"{where}warning: {note.format()}"), file=sys.stderr)


def _export(args: argparse.Namespace) -> int:
    from ..loader import load_paths
    from .api import export_quizzes

    report = load_paths(args.paths)
    unreadable = [d for d in report.diagnostics if not d.has_position]
    if unreadable:
        raise UsageError(unreadable)
    problems: list[Diagnostic] = [d for f in report.files for d in f.diagnostics]
    problems += report.diagnostics
    errors = [d for d in problems if d.severity == "error"]
    if errors:
        raise QuizEngineError(errors)
    if not report.files:
        raise UsageError("no quiz files found in " + ", ".join(args.paths))
    out = Path(args.out)
    try:
        if args.bundle is not None:
            child_path(out, args.bundle)  # a bundle is a name inside --out, never a path
        if out.is_symlink() and not out.exists():
            raise FileRefused(f"{out}: is a dangling symbolic link")
        media = {f.quiz.id: f.media for f in report.files if f.quiz is not None}
        result = export_quizzes(report.quizzes, args.fmt, bundle=args.bundle, media=media)
        out.mkdir(parents=True, exist_ok=True)
        targets = {child_path(out, name): data for name, data in result.files.items()}
        for target in targets:  # every target checked before the first is written
            check_output(target, force=args.force)
        for target, data in targets.items():
            write_atomic(target, data)
            print(f"wrote {target}")
    except FileRefused as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"cannot write to {out}: {exc.strerror or exc}") from None
    for note in result.notes:
        _warn(note)
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from .api import import_text
    from .common import slugify

    path = Path(args.file)
    fmt: ImportFormat | None = args.fmt or _GUESS.get(path.suffix.lower())
    if fmt is None:
        raise UsageError(
            f"cannot tell the format of {path.name}: use --format gift or --format moodle"
        )
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise QuizEngineError(
                [
                    Diagnostic.whole_file(
                        str(path),
                        f"larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB, so not read",
                    )
                ]
            )
        raw = read_regular(path, MAX_IMPORT_BYTES)
        if args.out:
            check_output(args.out, force=args.force)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    except FileRefused as exc:
        raise UsageError(str(exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise QuizEngineError(
            [Diagnostic(str(path), line, col, "not UTF-8 text (is it the exported file?)")]
        ) from None
    quiz_id = args.quiz_id or slugify(path.stem) or "imported"
    from_name = path.stem.replace("-", " ").replace("_", " ").strip().capitalize()
    try:
        result = import_text(
            text, fmt, quiz_id=quiz_id, title=args.title, fallback_title=from_name or quiz_id
        )
    except LmsFormatError as exc:
        raise QuizEngineError(
            [
                Diagnostic(str(path), line, col or 1, message)
                if line
                else Diagnostic.whole_file(str(path), message)
                for line, col, message in exc.problems
            ]
        ) from None
    for note in result.notes:
        _warn(note, str(path))
    if result.module:
        where = f"the category puts '{result.title}' in module '{result.module}'"
        print(f"{path}: {terminal_text(where)}", file=sys.stderr)
    if args.out:
        try:
            write_atomic(args.out, result.yaml_text)
        except OSError as exc:
            raise UsageError(f"cannot write {args.out}: {exc.strerror}") from None
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(result.yaml_text)
    return EXIT_OK
