"""Worksheet directives in chapter Markdown: reading them and checking them.

`::worksheet{#research-offer}` on a line of its own, directly before a table or a list, turns
that table's blank cells (or that list's items) into fields the learner fills in
(render/worksheet.py); the answers are kept with the learner's progress under the id. The id
is how saved answers find their worksheet again, so it must be well formed and used once per
module: two worksheets sharing an id would show each other's answers. One reader serves the
Markdown extension (a problem box and a build warning), the plugin (`page:line` warnings) and
`quizengine validate` (`path:line:col` errors through modules.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .directives import Directive, find_directives
from .errors import Diagnostic

NAME = "worksheet"
LOOSE = re.compile(r"^::(?P<name>work-?sheets?[^\s{]*)(?P<id>.*)$", re.I)
"""Anything an author may have meant as a worksheet directive, well formed or not, so that a
near miss (`::worksheets{#x}`, `::worksheet #x`, `::Worksheet{x}`) is reported, never shown
as a stray paragraph."""
_BRACES = re.compile(r"^\{\s*(?:#|id=\"?)(?P<id>[^\s}\"]*)\"?\s*\}$")
ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
_TABLE_OR_LIST = re.compile(r"^(?:\s{0,3}\||[^|]*\|.*|\s{0,3}(?:\d{1,9}[.)]|[-*+])\s)")
EXAMPLE = "::worksheet{#research-offer}"


@dataclass(frozen=True, slots=True)
class WorksheetLine:
    """A line that is (or was meant to be) a worksheet directive: its id, or what is wrong."""

    line: int
    col: int
    sheet_id: str | None
    problem: str | None


def parse(text: str) -> tuple[str | None, str | None]:
    """(id, None) for a well-formed directive line, else (None, why not); `text` is one line
    that LOOSE matched."""
    match = LOOSE.match(text.strip())
    if match is None:
        return None, f"not a worksheet directive; write it as {EXAMPLE}"
    name, rest = match.group("name"), match.group("id").strip()
    if name != NAME:
        return None, f"unknown directive '::{name}' (did you mean '::worksheet'?); write {EXAMPLE}"
    braces = _BRACES.match(rest)
    if not rest or braces is None or not braces.group("id"):
        return None, f"the worksheet directive needs an id, as in {EXAMPLE}"
    sheet_id = braces.group("id")
    if not ID.match(sheet_id):
        return None, (
            f"worksheet id '{sheet_id}' must be lowercase letters, digits and hyphens "
            "(at most 64), starting with a letter or digit"
        )
    return sheet_id, None


def find_worksheets(
    markdown: str, found: Iterable[Directive] | None = None
) -> Iterator[WorksheetLine]:
    """Every worksheet directive outside fenced code, with what is wrong with it, if anything:
    an ill-formed line, or no table or list right after it. `found`: the page's LOOSE lines,
    when a scan of the page (`scan_page(markdown, LOOSE).also`) has them already."""
    lines = markdown.splitlines()
    for found_line in find_directives(markdown, LOOSE) if found is None else found:
        sheet_id, problem = parse(lines[found_line.line - 1])
        if problem is None and not _followed_by_table_or_list(lines, found_line.line):
            problem = f"::worksheet{{#{sheet_id}}} must be followed by the table or list to fill in"
            sheet_id = None
        elif sheet_id is not None and _table_without_blanks(lines, found_line.line):
            problem, sheet_id = no_blank_cell(sheet_id), None
        yield WorksheetLine(found_line.line, found_line.col, sheet_id, problem)


def no_blank_cell(sheet_id: str) -> str:
    return (
        f"worksheet '{sheet_id}': its table has no blank cell to fill in "
        "(leave a cell empty, or write ___ in it)"
    )


def _followed_by_table_or_list(lines: list[str], number: int) -> bool:
    rest = [line for line in lines[number:] if line.strip()]
    return bool(rest) and _TABLE_OR_LIST.match(rest[0]) is not None


def _table_without_blanks(lines: list[str], number: int) -> bool:
    """A table (not a list) after the directive whose body has no empty or `___` cell: found
    in the source, so the page check reports it with its line, as the render would."""
    rest = lines[number:]
    while rest and not rest[0].strip():
        rest = rest[1:]
    rows = []
    for line in rest:
        if "|" not in line or not line.strip():
            break
        rows.append(line)
    if len(rows) < 2 or not _SEPARATOR.match(rows[1]):
        return False  # a list, or not a table Markdown would render
    for row in rows[2:]:
        cells = row.strip().removeprefix("|").removesuffix("|").split("|")
        if any(_BLANK_CELL.match(cell) for cell in cells):
            return False
    return True


_BLANK_CELL = re.compile(r"^\s*(?:_{3,}\s*)?$")  # as render/worksheet.py's fields
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")


def check_pages(pages: Iterable[Path]) -> list[Diagnostic]:
    """Problems in the worksheet directives of `pages` (one module's chapters): ill-formed or
    misplaced directives, and ids used twice anywhere among them."""
    out: list[Diagnostic] = []
    first: dict[str, tuple[Path, int]] = {}
    for page in pages:
        if page.suffix != ".md" or not page.is_file():
            continue
        try:
            text = page.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # modules.check_pages reports an unreadable page, once
        for sheet in find_worksheets(text):
            if sheet.problem is not None:
                out.append(Diagnostic(str(page), sheet.line, sheet.col, sheet.problem))
                continue
            assert sheet.sheet_id is not None
            if sheet.sheet_id in first:
                where, line = first[sheet.sheet_id]
                out.append(
                    Diagnostic(
                        str(page),
                        sheet.line,
                        sheet.col,
                        f"worksheet id '{sheet.sheet_id}' is already used at {where}:{line}; "
                        "each worksheet in a module needs an id of its own (its answers are "
                        "saved under it)",
                    )
                )
            else:
                first[sheet.sheet_id] = (page, sheet.line)
    return out


def page_warnings(
    markdown: str, uri: str, seen: dict[str, str], found: Iterable[Directive] | None = None
) -> list[str]:
    """The build's warnings for one page, as `uri:line:col: message`; `seen` (id -> where it
    was first used) carries ids across the pages of one build, to catch the same id twice.
    `found`: as for `find_worksheets`."""
    out = []
    for sheet in find_worksheets(markdown, found):
        where = f"{uri}:{sheet.line}:{sheet.col}"
        if sheet.problem is not None:
            out.append(f"{where}: {sheet.problem}")
        elif sheet.sheet_id in seen:
            out.append(
                f"{where}: worksheet id '{sheet.sheet_id}' is already used at "
                f"{seen[sheet.sheet_id]}; each worksheet needs an id of its own"
            )
        elif sheet.sheet_id is not None:
            seen[sheet.sheet_id] = where
    return out
