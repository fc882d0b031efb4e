"""The `quizengine` command: a thin shell over the library (spec §5)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .console import print_result
from .errors import QuizEngineError, UsageError
from .grading import grade, parse_response
from .loader import load_paths, load_quiz
from .safeio import json_text, read_regular
from .schema import schema_text
from .source import MAX_BYTES

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _validate(args: argparse.Namespace) -> int:
    paths = args.paths or ["quizzes"]
    report = load_paths(paths)
    unreadable = [d for d in report.all_diagnostics if not d.has_position]
    shown = [d for d in report.all_diagnostics if d.has_position]
    for diagnostic in shown:
        print(diagnostic.format())
    errors = [d for d in shown if d.severity == "error"]
    warnings = [d for d in shown if d.severity == "warning"]
    if unreadable:
        raise UsageError(unreadable)
    count = len(report.files)
    print(
        f"{count} quiz file{'s' * (count != 1)} checked: "
        f"{len(errors)} error{'s' * (len(errors) != 1)}, "
        f"{len(warnings)} warning{'s' * (len(warnings) != 1)}",
        file=sys.stderr,
    )
    if errors or (args.strict and warnings):
        return EXIT_INVALID
    return EXIT_OK


def _lint(args: argparse.Namespace) -> int:
    from .lint import lint_paths

    report = lint_paths(args.paths or ["quizzes"])
    if args.json:
        print(json_text([f.to_json() for f in report.findings]))
    else:
        for finding in report.findings:
            print(finding.format())
            if finding.severity == "warning":
                print(f"  why: {finding.why}")
    if report.unreadable:
        raise UsageError(report.unreadable)
    count, found = report.files, len(report.findings)
    by_check = Counter(f.check for f in report.findings)
    detail = ", ".join(f"{n} {check}" for check, n in sorted(by_check.items()))
    print(
        f"{count} quiz file{'s' * (count != 1)} linted: {found} finding{'s' * (found != 1)}"
        + (f" ({detail})" if detail else ""),
        file=sys.stderr,
    )
    return EXIT_INVALID if found else EXIT_OK


def _grade(args: argparse.Namespace) -> int:
    quiz = load_quiz(args.quiz)
    raw = read_regular(args.response, MAX_BYTES)
    result = grade(quiz, parse_response(raw))
    if args.json:
        print(json_text(result.to_json_dict()))
    else:
        print_result(result, sys.stdout)
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_text("module" if args.module else "bank" if args.bank else "quiz"))
    return EXIT_OK


def _take(args: argparse.Namespace) -> int:
    from .take import run_take

    return run_take(load_quiz(args.quiz), args)


def _new(args: argparse.Namespace) -> int:
    from .scaffold import new_module, new_quiz

    words = list(args.name)
    if words[0] == "module" and len(words) == 2:
        created = new_module(words[1], Path(args.dir), force=args.force)
    elif len(words) == 1:
        created = [new_quiz(words[0], Path(args.dir), force=args.force)]
    else:
        raise UsageError("usage: quizengine new QUIZ_ID | new module NAME")
    for path in created:
        print(f"created {path}")
    return EXIT_OK


def _nav(args: argparse.Namespace) -> int:
    from .navigation import NavBlockMissing, sync_nav

    config = Path(args.config)
    report = load_paths(args.paths or ["quizzes"])
    modules = [m.module for m in report.modules if m.module is not None]
    try:
        text = config.read_text(encoding="utf-8")
        updated = sync_nav(text, modules)
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {config}: {_reason(exc)}") from None
    except NavBlockMissing as exc:
        raise UsageError(f"{config}: {exc}") from None
    if not args.write:
        if updated == text:
            return EXIT_OK
        print(
            f"{config}: the module navigation is out of date with the module manifests; "
            "run 'quizengine nav --write'",
            file=sys.stderr,
        )
        return EXIT_INVALID
    if updated != text:
        config.write_text(updated, encoding="utf-8")
        print(f"updated the module navigation in {config}")
    return EXIT_OK


def _reference(args: argparse.Namespace) -> int:
    from .reference import UnknownBlock, stale_pages

    try:
        stale = stale_pages(Path(args.root), write=args.write)
    except UnknownBlock as exc:
        raise UsageError(str(exc)) from None
    except (OSError, UnicodeDecodeError) as exc:
        where = getattr(exc, "filename", None)
        raise UsageError(f"cannot read {where or 'a docs page'}: {_reason(exc)}") from None
    for path in stale:
        if args.write:
            print(f"updated the generated tables in {path}")
        else:
            print(
                f"{path}: the generated tables are out of date; run 'quizengine reference --write'",
                file=sys.stderr,
            )
    return EXIT_INVALID if stale and not args.write else EXIT_OK


def _reason(exc: OSError | UnicodeDecodeError) -> str:
    """Why a file could not be read, in words (never Python's own exception text)."""
    if isinstance(exc, UnicodeDecodeError):
        return "it is not UTF-8 text"
    return exc.strerror or "it could not be opened"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quizengine", description="Validate, grade and take YAML quizzes."
    )
    parser.add_argument("--version", action="version", version=f"quizengine {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check quiz files and folders (default: quizzes/)")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.set_defaults(run=_validate)

    p = sub.add_parser(
        "lint",
        help="item-writing checks (default: quizzes/); exit 1 when anything is found",
        description="Valid quizzes that a learner could pass without reading: each finding "
        "names its check and why it matters. Exit 0: nothing found; 1: findings (or a quiz "
        "that does not validate); 2: usage error or unreadable path.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--json", action="store_true", help="print the findings as a JSON list")
    p.set_defaults(run=_lint)

    p = sub.add_parser("grade", help="grade a response file against a quiz")
    p.add_argument("quiz", metavar="QUIZ_FILE")
    p.add_argument("response", metavar="RESPONSE_FILE")
    p.add_argument("--json", action="store_true", help="print the grade result as JSON")
    p.set_defaults(run=_grade)

    p = sub.add_parser("schema", help="print the JSON Schema of a quiz file")
    p.add_argument("--module", action="store_true", help="the schema of a module manifest instead")
    p.add_argument("--bank", action="store_true", help="the schema of a question bank instead")
    p.set_defaults(run=_schema)

    p = sub.add_parser("take", help="take a quiz in the terminal")
    p.add_argument("quiz", metavar="QUIZ_FILE")
    p.add_argument("--seed", type=int, help="fix the shuffle and draw (for repeatable runs)")
    p.add_argument("--json", action="store_true", help="print the grade result as JSON at the end")
    p.add_argument("--save-response", metavar="FILE", help="write your answers as a response file")
    p.set_defaults(run=_take)

    p = sub.add_parser(
        "new", help="scaffold a quiz (new QUIZ_ID) or a whole module (new module NAME)"
    )
    p.add_argument("name", nargs="+", metavar="NAME")
    p.add_argument(
        "--dir",
        default=".",
        help="a quiz: the folder to write it in; a module: the project root (default: here)",
    )
    p.add_argument(
        "--force", action="store_true", help="replace files that already exist with fresh ones"
    )
    p.set_defaults(run=_new)

    p = sub.add_parser(
        "nav", help="check (or --write) the module sections of mkdocs.yml's nav, for Zensical"
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="quiz folders (default: quizzes/)")
    p.add_argument("--config", default="mkdocs.yml", help="the site config (default: mkdocs.yml)")
    p.add_argument("--write", action="store_true", help="rewrite the block between the markers")
    p.set_defaults(run=_nav)

    p = sub.add_parser(
        "reference", help="check (or --write) the format tables in the docs, made from the models"
    )
    p.add_argument("--root", default=".", help="the project root (default: here)")
    p.add_argument("--write", action="store_true", help="rewrite the blocks between the markers")
    p.set_defaults(run=_reference)

    from .lms import add_commands as add_lms_commands
    from .report import add_commands as add_report_commands

    add_lms_commands(sub)
    add_report_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except QuizEngineError as exc:  # every user error, whichever command met it
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
