"""`quizengine report RESULTS... [--quizzes DIR] [--out FILE] [--json] [--progress]`.

A thin shell over `collect`, `analyse` and `render_html`. Streams: one `PATH: skipped: reason`
line per set-aside file and the final tally on stderr; the summary (text or JSON) on stdout,
so `--json` output pipes cleanly. The HTML report is written to `--out` when it is given, and
to `report.html` when neither `--out` nor `--json` is: `--json` alone writes no file. Exit 0
when at least one attempt was analysed, 1 when none could be, 2 for usage errors (a missing
path, no loadable quiz, an output folder that does not exist), checked before the long part
of the run.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from typing import Any

from ..errors import Diagnostic, QuizEngineError, UsageError
from ..loader import load_paths
from ..safeio import FileRefused, check_output, json_text, terminal_text, write_atomic
from .analyse import analyse
from .collect import collect
from .page import render_html
from .progress_bar import ProgressBar
from .summary import summary_json, summary_text

EXIT_OK, EXIT_NONE, EXIT_USAGE = 0, 1, 2
DEFAULT_OUT = "report.html"


def add_commands(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Register `report` on the `quizengine` command's subparsers."""
    p = subparsers.add_parser(
        "report",
        help="analyse learners' exported results: scores, item statistics, distractors",
        description="Re-grade exported responses (files or folders of .json files) against the "
        "quizzes and write a self-contained HTML report.",
    )
    p.add_argument(
        "results",
        nargs="+",
        metavar="RESULTS",
        help="response files, progress exports or grade results, or folders of them",
    )
    p.add_argument("--quizzes", default="quizzes", metavar="DIR", help="default: quizzes/")
    p.add_argument(
        "--out",
        metavar="FILE",
        help=f"write the HTML report here (default: {DEFAULT_OUT}, unless --json is given)",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="print a JSON summary on stdout; writes no HTML unless --out is given",
    )
    p.add_argument(
        "--progress", action="store_true", help="show a progress bar even when not on a terminal"
    )
    p.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    out: str | None = args.out if args.out is not None or args.json else DEFAULT_OUT
    missing = [
        Diagnostic.whole_file(path, "no such file or folder")
        for path in args.results
        if not os.path.exists(path)
    ]
    if not os.path.isdir(args.quizzes):
        missing.append(Diagnostic.general(f"--quizzes {args.quizzes}: no such folder"))
    if out is not None:
        folder = os.path.dirname(os.path.abspath(out))
        if not os.path.isdir(folder):
            missing.append(Diagnostic.general(f"--out {out}: the folder {folder} does not exist"))
        else:
            try:
                check_output(out)
            except FileRefused as exc:
                missing.append(Diagnostic.general(f"--out {exc}"))
    if missing:
        raise UsageError(missing)

    loaded = load_paths([args.quizzes])
    for diagnostic in loaded.all_diagnostics:
        if diagnostic.severity == "error":
            print(f"{diagnostic.format()} (quiz left out)", file=sys.stderr)
    quizzes = {quiz.id: quiz for quiz in loaded.quizzes}
    if not quizzes:
        raise UsageError(f"--quizzes {args.quizzes}: no valid quiz file found")

    bar = ProgressBar(sys.stderr) if args.progress or sys.stderr.isatty() else None
    try:
        results, problems = collect(args.results, quizzes, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    for problem in problems:
        print(terminal_text(problem.format()), file=sys.stderr)
    files = len({getattr(r, "source", "") for r in results} | {p.path for p in problems})
    duplicates = sum(p.kind == "duplicate" for p in problems)
    tally = (
        f"{len(results)} attempts analysed, {len(problems) - duplicates} skipped, "
        f"{duplicates} duplicates counted once"
    )
    if not results:
        raise QuizEngineError(f"nothing to analyse: {tally}", exit_code=EXIT_NONE)

    analysis = analyse(results, quizzes)
    analysis = replace(analysis, problems=tuple(problems), files=files)
    if out is not None:
        try:
            # Rendered whole, then renamed into place: a failure never costs the last report.
            write_atomic(out, render_html(analysis).encode("utf-8", "replace"))
        except OSError as exc:
            raise UsageError(f"cannot write {out}: {exc.strerror or exc}") from None
    if args.json:
        print(json_text(summary_json(analysis, out)))
    else:
        sys.stdout.write(terminal_text(summary_text(analysis)))
        print(f"report written to {out}")
    print(tally, file=sys.stderr)
    return EXIT_OK
