"""HTML helpers shared by every renderer: escaping, inline Markdown, plain text, safe JSON.

Author Markdown is rendered by the caller's `markdown` callable (the site's own extensions)
and sanitised (`render_quiz` does both); everything else that reaches the page goes through
`esc`, so no text is ever trusted as HTML.
"""

from __future__ import annotations

import html
import json
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TypeVar

from ..models import Quiz, RubricCriterion, StarQuestion
from ..models.questions import QuestionBase

T = TypeVar("T")

_ONE_PARAGRAPH = re.compile(r"\A\s*<p>(?P<body>.*)</p>\s*\Z", re.S)
# A JSON string may hold anything; these escapes keep `</template>`, `</script>`, `<!--` and
# character references inert in HTML, and stay valid JSON.
# (old, new) pairs applied with str.replace: much faster than str.translate with a dict.
_SCRIPT_SAFE = (
    ("&", "\\u0026"),
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def esc(text: str) -> str:
    """Escape text for element content and quoted attribute values alike."""
    return html.escape(text, quote=True)


def inline(markup: str) -> str:
    """Drop the lone `<p>` Markdown wraps around one paragraph, so the text fits a label."""
    match = _ONE_PARAGRAPH.match(markup)
    if match and "<p>" not in match["body"]:
        return match["body"]
    return markup


class _TextOnly(HTMLParser):
    _BLOCKS = frozenset({"p", "div", "li", "tr", "br", "h1", "h2", "h3", "h4", "h5", "h6", "pre"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Visible text of HTML, paragraphs on their own lines, spaces collapsed within them."""
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def plain(markup: str) -> str:
    """Rendered Markdown as plain text, for `<option>` and `aria-label`, which cannot hold tags."""
    return " ".join(html_to_text(markup).split())


def json_data(data: object) -> str:
    """The client's data as JSON text in an inert `<template>`, unbreakable whatever it holds.

    Not `<script type="application/json">`: Material's instant navigation re-creates every
    script in the content *without its attributes*, so JSON in a script would be run as
    JavaScript (a syntax error) and lose its class. A template is never run or re-created,
    and with `<`, `>` and `&` escaped the JSON is plain text to the HTML parser.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for old, new in _SCRIPT_SAFE:
        text = text.replace(old, new)
    return f'<template class="qe-data">{text}</template>'


def points(value: float) -> str:
    """`1 point`, `2.5 points`: integers without a trailing `.0`."""
    number = f"{value:g}"
    return f"{number} point" + ("" if value == 1 else "s")


@dataclass(frozen=True, slots=True)
class Ctx:
    """What every question renderer needs: ids unique on the page, Markdown, the STAR rubric."""

    quiz: Quiz
    md: Callable[[str], str]
    rubric_for: Callable[[StarQuestion], list[RubricCriterion]]

    def uid(self, question: QuestionBase, *parts: str) -> str:
        # Quiz ids are unique across the course and question ids within a quiz, so this is
        # unique on any page, even one with several quizzes.
        return "-".join(("qe", self.quiz.id, question.id, *parts))

    def md_inline(self, text: str) -> str:
        return inline(self.md(text))

    def shuffled(self, question: QuestionBase, entries: Sequence[T]) -> list[T]:
        """A fixed, non-identity order, so the page never shows the answer before JS runs."""
        out = list(entries)
        random.Random(f"{self.quiz.id}/{question.id}").shuffle(out)
        if len(out) > 1 and out == list(entries):
            out = out[1:] + out[:1]
        return out
