"""A module's contents: each page's kind and time, worked out in one place.

The module page's contents table, the time under each chapter's title and the "My progress"
page all show these figures, so they are computed here and nowhere else: reading time from
the page's own words at the site's reading speed, quiz time from the questions a learner is
shown, and a fixed allowance for the offer calculator. Nothing here needs MkDocs, so the
extension (which renders the table) and the plugin (which writes the chapter headers) agree.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import assert_never

from .directives import Directive, PageScan, find_directives, scan_page
from .models import (
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    Quiz,
    ShortTextQuestion,
    SingleQuestion,
    StarQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from .models.module import Module

WORDS_PER_MINUTE = 200
CALCULATOR_MINUTES = 5
"""Entering two offers and reading the comparison: the calculator's own time, whatever
the page around it says."""


_WORD = re.compile(r"\w+")
_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n(?:---|\.\.\.)\s*(?:\n|\Z)", re.S)
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


@dataclass(frozen=True, slots=True)
class Part:
    """One kind of activity on a page and its minutes: reading, calculator, quiz, STAR."""

    kind: str
    minutes: int


@dataclass(frozen=True, slots=True)
class Item:
    """A page of a module as the learner's path shows it."""

    page: str  # the source path under docs/, e.g. "benefits/research.md"; the progress key
    title: str
    summary: str
    parts: tuple[Part, ...]
    quizzes: tuple[str, ...] = field(default=())

    @property
    def minutes(self) -> int:
        return sum(p.minutes for p in self.parts)

    @property
    def time(self) -> str:
        """The one wording of an item's kind and time, shown the same way wherever it
        appears: "8 min reading + 5 min calculator + 6 min quiz"."""
        return " + ".join(f"{p.minutes} min {p.kind}" for p in self.parts)


def reading_minutes(text: str, words_per_minute: int = WORDS_PER_MINUTE) -> int:
    """Minutes to read `text` (at least one), directive lines and front matter left out."""
    body = _FRONT_MATTER.sub("", text, count=1)
    return _reading(body, find_directives(body), words_per_minute)


def _reading(body: str, directives: Iterable[Directive], words_per_minute: int) -> int:
    lines = body.splitlines()
    for directive in directives:
        lines[directive.line - 1] = ""
    return max(1, math.ceil(len(_WORD.findall("\n".join(lines))) / max(1, words_per_minute)))


def _answering(question: Question) -> tuple[int, bool]:
    """Minutes to answer one question, and whether it makes its quiz STAR practice. A STAR
    answer is 100 to 400 words of the learner's own writing, rated against a rubric; a
    written answer (`text`) is a paragraph, rated."""
    match question:
        case StarQuestion():
            return 10, True
        case TextQuestion():
            return 5, False
        case OrderingQuestion() | MatchingQuestion():
            return 2, False
        case (
            SingleQuestion()
            | MultipleQuestion()
            | TrueFalseQuestion()
            | ShortTextQuestion()
            | NumericQuestion()
        ):
            return 1, False
        case _:
            assert_never(question)


def quiz_minutes(quiz: Quiz) -> int:
    """Minutes for one attempt: the questions shown (a drawn quiz shows `draw` of them), at
    the average time of the quiz's questions."""
    per = [_answering(q)[0] for q in quiz.questions]
    shown = quiz.draw or len(per)
    return max(1, math.ceil(sum(per) / max(1, len(per)) * shown))


def _notebook_text(path: Path) -> str:
    """Every cell's source: a notebook's reading is its prose and its code."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        return "\n".join(
            "".join(c["source"]) if isinstance(c.get("source"), list) else str(c.get("source"))
            for c in cells
            if isinstance(c, dict)
        )
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        return ""


def page_item(
    page: str,
    path: Path,
    title: str | None,
    quiz_for: Callable[[str], Quiz | None],
    words_per_minute: int = WORDS_PER_MINUTE,
    summary: str = "",
    scan: Callable[[str], PageScan] = scan_page,
) -> Item:
    """The item for one page file: what it holds and how long each part takes. `scan`: how
    the page is read for directives (the MkDocs plugin's reads each page once per build)."""
    if path.suffix == ".ipynb":
        text = _notebook_text(path)
        parts = [Part("notebook", reading_minutes(text, words_per_minute))]
        return Item(page, title or path.stem, summary, tuple(parts))
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        text = ""
    body = _FRONT_MATTER.sub("", text, count=1)
    heading = _H1.search(body)
    directives = scan(body).directives
    parts = [Part("reading", _reading(body, directives, words_per_minute))]
    if any(d.name == "offer-calculator" for d in directives):
        parts.append(Part("calculator", CALCULATOR_MINUTES))
    quiz_ids = [d.quiz_id for d in directives if d.name == "quiz" and d.quiz_id]
    quizzes = [q for q in map(quiz_for, quiz_ids) if q is not None]
    star = [q for q in quizzes if any(_answering(x)[1] for x in q.questions)]
    plain = [q for q in quizzes if q not in star]
    if plain:
        parts.append(Part("quiz", sum(quiz_minutes(q) for q in plain)))
    if star:
        parts.append(Part("STAR practice", sum(quiz_minutes(q) for q in star)))
    name = title or (heading.group(1) if heading else path.stem)
    return Item(page, name, summary, tuple(parts), tuple(quiz_ids))


def module_items(
    module: Module,
    docs_root: Path,
    quiz_for: Callable[[str], Quiz | None],
    words_per_minute: int = WORDS_PER_MINUTE,
    scan: Callable[[str], PageScan] = scan_page,
) -> list[Item]:
    """Every chapter of `module`, in reading order."""
    return [
        page_item(
            f"{module.docs_folder}/{c.page}",
            docs_root / module.docs_folder / c.page,
            c.title,
            quiz_for,
            words_per_minute,
            c.summary or "",
            scan,
        )
        for c in module.chapters
    ]
