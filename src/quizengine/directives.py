"""Finding quiz directives in page Markdown: one definition for the extension, plugin and validator.

A directive is a line `::quiz{#id}` (or `::quiz-progress`, `::offer-calculator`,
`::module-contents{#module}`) outside fenced code, alone in its paragraph: that is what the
Markdown extension renders. A line that looks like one but is not (text before it, three
colons, a space after `#`, no blank line before it) would show as literal text with a passing
build, so it is found too, with why.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

DIRECTIVE = re.compile(
    r"^::(?P<name>quiz|quiz-progress|offer-calculator|module-contents)"
    r"(?:\{\s*(?:#|id=\"?)(?P<id>[^\s}\"]*)\"?\s*\})?[ \t]*$"
)
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
# Colons, then a name: a directive's shape. Whether the name is a directive's is asked of
# DIRECTIVE itself, so a directive added there is recognised here too.
_SHAPED = re.compile(r"(?<![\w:])(?P<colons>:{2,})[ \t]*(?P<name>[a-z][a-z0-9-]*)")
_CODE_SPAN = re.compile(r"(`+).*?\1")
_CONTAINER = re.compile(r"^(?:[ ]{0,3}(?:>[ ]?|[-*+][ ]+|\d+[.)][ ]+))+")
_HEADING = re.compile(r"^[ ]{0,3}#{1,6}(?:[ \t]|$)")


@dataclass(frozen=True, slots=True)
class Directive:
    line: int
    col: int
    name: str
    quiz_id: str | None


@dataclass(frozen=True, slots=True)
class Misfire:
    """A line shaped like a directive that the page would show as text."""

    line: int
    col: int
    name: str
    reason: str

    @property
    def message(self) -> str:
        return f"this line looks like a ::{self.name} directive but is shown as text: {self.reason}"


def find_directives(markdown: str, pattern: re.Pattern[str] = DIRECTIVE) -> Iterator[Directive]:
    """Directives with 1-based positions, skipping fenced code blocks (`pattern`: another
    directive's line, with groups `name` and `id`, as worksheets.py's)."""
    for found in scan_directives(markdown, pattern):
        if isinstance(found, Directive):
            yield found


def find_misfires(markdown: str) -> Iterator[Misfire]:
    """Directive-shaped lines that are not directives, each with the reason."""
    for found in scan_directives(markdown):
        if isinstance(found, Misfire):
            yield found


def _is_directive_name(name: str) -> bool:
    return DIRECTIVE.match(f"::{name}") is not None


def _blank_or_heading(line: str | None) -> bool:
    return line is None or not line.strip() or _HEADING.match(line) is not None


def scan_directives(
    markdown: str, pattern: re.Pattern[str] = DIRECTIVE
) -> Iterator[Directive | Misfire]:
    """Every directive and every near miss, in page order, outside fenced code.

    The blank-line rules and near misses are the block directives' (DIRECTIVE); another
    pattern (a worksheet's line sits directly above its table) is matched as it is."""
    if pattern is DIRECTIVE:
        yield from scan_page(markdown).found
        return
    lines = markdown.splitlines()
    for index in _open_lines(lines):
        if (found := _matched(lines, index, pattern)) is not None:
            yield found


@dataclass(frozen=True, slots=True)
class PageScan:
    """One page read once: its directives and near misses (`found`) and the lines another
    pattern matched (`also`: worksheets.py's), so a build reads each page a single time."""

    found: tuple[Directive | Misfire, ...]
    also: tuple[Directive, ...] = ()

    @property
    def directives(self) -> list[Directive]:
        return [d for d in self.found if isinstance(d, Directive)]


def scan_page(markdown: str, also: re.Pattern[str] | None = None) -> PageScan:
    """`scan_directives(markdown)` and `find_directives(markdown, also)` in one pass."""
    lines = markdown.splitlines()
    found: list[Directive | Misfire] = []
    extra: list[Directive] = []
    for index in _open_lines(lines):
        if also is not None and (line := _matched(lines, index, also)) is not None:
            extra.append(line)
        checked = _check(lines, index)
        if checked is not None:
            found.append(checked)
    return PageScan(tuple(found), tuple(extra))


def _open_lines(lines: list[str]) -> Iterator[int]:
    """The indexes of the lines a directive may stand on: outside fenced code, not indented."""
    fence: str | None = None
    for index, line in enumerate(lines):
        opened = _FENCE.match(line)
        if opened:
            marker = opened.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            continue
        if fence is not None or line.startswith(("    ", "\t")):
            continue  # code, or the body of an admonition or list item: not checked
        yield index


def _matched(lines: list[str], index: int, pattern: re.Pattern[str]) -> Directive | None:
    """Another directive's line (`pattern`, as worksheets.py's), taken as it is."""
    match = pattern.match(lines[index].rstrip())
    return Directive(index + 1, 1, match.group("name"), match.group("id")) if match else None


def _check(lines: list[str], index: int) -> Directive | Misfire | None:
    """The block directive on `lines[index]`, the near miss, or None when it is neither."""
    line, number = lines[index], index + 1
    match = DIRECTIVE.match(line.rstrip())
    if match is None:
        return _misfire(line, number)
    before = lines[index - 1] if index else None
    after = lines[index + 1] if index + 1 < len(lines) else None
    name, quiz_id = match.group("name"), match.group("id")
    fixed = f"::{name}{{#{quiz_id}}}" if quiz_id else f"::{name}"
    if not _blank_or_heading(before):
        return Misfire(number, 1, name, _ALONE.format(fixed=fixed, where="before"))
    if not _blank_or_heading(after):
        return Misfire(number, 1, name, _ALONE.format(fixed=fixed, where="after"))
    return Directive(number, 1, name, quiz_id)


_ALONE = "a directive needs a blank line {where} it (write {fixed} as a paragraph of its own)"


def _misfire(line: str, number: int) -> Misfire | None:
    """Why `line` is not the directive it looks like, or None when it looks like none."""
    prose = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)  # `::quiz{#id}` in prose
    container = _CONTAINER.match(prose)
    inner_start = container.end() if container else 0
    if container and DIRECTIVE.match(line[inner_start:].rstrip()):
        return None  # in a quote or list item, where Markdown renders it as a directive
    for shaped in _SHAPED.finditer(prose):
        name = shaped.group("name")
        if not _is_directive_name(name):
            continue
        col = shaped.start() + 1
        fixed = _fixed(name, line[shaped.end() :])
        colons = shaped.group("colons")
        if len(colons) != 2:
            reason = f"a directive starts with exactly two colons: write {fixed}"
        elif prose[inner_start : shaped.start()].strip():
            reason = (
                f"a directive must be alone on its line; put {fixed} on a line of its own, "
                "with a blank line before and after it"
            )
        elif re.match(r"\{\s*#\s+\S", line[shaped.end() :]):
            reason = f"no space may follow '#': write {fixed}"
        else:
            reason = f"write it exactly as {fixed}, alone on its line"
        return Misfire(number, col, name, reason)
    return None


def _fixed(name: str, rest: str) -> str:
    """The directive the author most likely meant, from what follows its name."""
    braces = re.match(r"\{\s*(?:#|id=)?\s*\"?([a-z0-9][a-z0-9-]*)", rest)
    if braces:
        return f"::{name}{{#{braces.group(1)}}}"
    return "::quiz{#research}" if name == "quiz" else f"::{name}"
