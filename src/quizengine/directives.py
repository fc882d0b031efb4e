"""Finding quiz directives in page Markdown: one definition for the extension, plugin and validator.

A directive is a line `::quiz{#id}` (or `::quiz-progress`, `::offer-calculator`,
`::module-contents{#module}`) outside
fenced code.
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


@dataclass(frozen=True, slots=True)
class Directive:
    line: int
    col: int
    name: str
    quiz_id: str | None


def find_directives(markdown: str) -> Iterator[Directive]:
    """Directives with 1-based positions, skipping fenced code blocks."""
    fence: str | None = None
    for number, line in enumerate(markdown.splitlines(), 1):
        opened = _FENCE.match(line)
        if opened:
            marker = opened.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            continue
        if fence is not None:
            continue
        match = DIRECTIVE.match(line.rstrip())
        if match:
            yield Directive(number, 1, match.group("name"), match.group("id"))
