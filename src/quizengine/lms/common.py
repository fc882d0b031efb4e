"""What every LMS format shares: notes, errors, Markdown conversion, numbers and ids.

Each exporter and importer reports what it could not carry as `Note`s instead of failing,
so an instructor sees every loss at once and decides whether it matters for their course.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from ..errors import QuizEngineError
from ..models.base import SLUG_PATTERN, default_id
from ..render.markup import html_to_text
from ..sanitize import clean_html

if TYPE_CHECKING:
    import markdown

ExportFormat = Literal["qti", "moodle", "gift"]
ImportFormat = Literal["gift", "moodle"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("qti", "moodle", "gift")
IMPORT_FORMATS: tuple[ImportFormat, ...] = ("gift", "moodle")

# Import input is read whole; past this size it is rejected before parsing. The quiz it
# makes may hold at most 1 MB of YAML, and XML markup rarely doubles the text.
MAX_IMPORT_BYTES = 2 * 1024 * 1024
MAX_IMPORT_QUESTIONS = 5_000
MAX_ANSWERS = 500  # options, answers or pairs in one question; real ones have a handful


@dataclass(frozen=True, slots=True)
class Note:
    """One thing a format could not carry (or carried approximately), for one question."""

    quiz: str
    question: str | None
    message: str
    line: int | None = None

    def format(self) -> str:
        where = f"quiz '{self.quiz}'"
        if self.question is not None:
            where += f" question '{self.question}'"
        return f"{where}: {self.message}"


Problem = tuple[int, int, str]


@dataclass(slots=True)
class Category:
    """A question category of the file (GIFT `$CATEGORY:`, Moodle `type="category"`).

    `questions` counts the questions read while it was the current one: parents that
    Moodle lists on their own hold none, and only categories that hold questions name
    the quiz.
    """

    path: str
    line: int | None = None
    info: str | None = None  # Moodle's category description, as Markdown
    questions: int = 0

    def titles(self) -> list[str]:
        """The path's names, without the context (`$course$`) and Moodle's `top`.

        A `/` inside a name is written `//`, as Moodle does.
        """
        parts = [p.replace("\0", "/").strip() for p in self.path.replace("//", "\0").split("/")]
        if parts and re.fullmatch(r"\$\w+\$", parts[0]):
            parts = parts[1:]
        if parts and parts[0].lower() == "top":
            parts = parts[1:]
        return [p for p in parts if p]


def category_path(*names: str) -> str:
    """A Moodle category path under the course: `/` in a name doubled, as Moodle reads it."""
    return "/".join(["$course$", "top", *(" ".join(n.split()).replace("/", "//") for n in names)])


class LmsFormatError(QuizEngineError):
    """Import input that cannot be read (malformed GIFT or XML, hostile XML).

    `problems` lists every (line, col, message) found, 1-based, 0 when not known, so a
    file with several broken questions is reported in one go.
    """

    def __init__(
        self, message: str, line: int = 0, col: int = 0, problems: list[Problem] | None = None
    ) -> None:
        self.problems = problems or [(line, col, message)]
        self.message, self.line, self.col = message, line, col
        super().__init__(
            "; ".join(f"{p[0]}:{p[1]}: {p[2]}" if p[0] else p[2] for p in self.problems)
        )


class Notes:
    """Collects notes for one quiz; `add` is what every mapping function calls."""

    def __init__(self, quiz: str) -> None:
        self.quiz = quiz
        self.items: list[Note] = []

    def add(self, question: str | None, message: str, line: int | None = None) -> None:
        self.items.append(Note(self.quiz, question, message, line))


# --- Markdown ------------------------------------------------------------------------

_ONE_PARAGRAPH = re.compile(r"\A<p>(?P<body>.*)</p>\Z", re.S)


@lru_cache(maxsize=1)
def _markdown() -> markdown.Markdown:
    """One parser for every conversion, built on first use: the CLI starts no slower.

    It reads lists and code fences as the course's pages do (mkdocs.yml: no sane_lists,
    superfences), so an LMS shows the structure a learner saw on the site: with
    sane_lists, `- a` followed by `1. b` would be a list inside the item, not two items.
    """
    import markdown

    return markdown.Markdown(extensions=["tables", "fenced_code"])


@lru_cache(maxsize=4096)
def md_to_html(text: str) -> str:
    """Author Markdown as sanitised HTML for QTI and Moodle XML (one parser, reset per call)."""
    return clean_html(_markdown().reset().convert(text)).strip()


def md_to_inline_html(text: str) -> str:
    """HTML without the lone `<p>` around one paragraph: option labels stay compact."""
    rendered = md_to_html(text)
    match = _ONE_PARAGRAPH.match(rendered)
    if match and "<p>" not in match["body"]:
        return match["body"]
    return rendered


def md_to_text(text: str) -> str:
    """Markdown as plain text, for places a format shows text without formatting."""
    return html_to_text(md_to_html(text))


def comparable(text: str) -> str:
    """Markdown reduced to its words, for 'same prompt modulo formatting' comparisons."""
    return " ".join(md_to_text(text).split())


def escape_html(text: str) -> str:
    return html.escape(text, quote=False)


# --- ids and numbers -----------------------------------------------------------------


# A GIFT comment line naming a choice question's option ids, in order (Moodle skips it).
OPTION_IDS = "// option ids:"


def own_keys(keys: list[str]) -> list[str | None]:
    """The ids to write for options or items: none when every one is the positional default.

    Moodle ignores them (an `id` attribute on `<answer>`, a GIFT comment line) and our
    importers read them back, so response files made against our ids still grade after a
    round trip.
    """
    if all(key == default_id(index) for index, key in enumerate(keys)):
        return [None] * len(keys)
    return list(keys)


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, *, max_length: int = 60) -> str:
    """A slug from a title: ASCII letters and digits joined by single hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-")


_ID = re.compile(SLUG_PATTERN)
MAX_ID_LENGTH = 100


class UniqueIds:
    """Hands out slugs unique within one quiz: `name`, `name-2`, `name-3`, ..."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    @staticmethod
    def base(title: str, fallback: str) -> str:
        """The id a title asks for: itself when it is one already (our own export's question
        names are our ids, `a--b` and long ones included), else its slug."""
        if _ID.match(title) and len(title) <= MAX_ID_LENGTH:
            return title
        return slugify(title) or fallback

    def take(self, title: str, fallback: str) -> str:
        base = self.base(title, fallback)
        candidate, counter = base, 2
        while candidate in self.used:
            candidate = f"{base}-{counter}"
            counter += 1
        self.used.add(candidate)
        return candidate


def fmt_number(value: float) -> str:
    """Shortest faithful decimal text: `1500`, `813.8`, `0.5` (never `1500.0` or `1e3`)."""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = format(value, ".15g")
    if "e" in text:
        text = format(value, ".15f").rstrip("0").rstrip(".")
    return text


# Moodle accepts only these answer grades (fractions of the mark); imports must match one
# of them to within 1e-7, so every exported weight is snapped to this list.
_MOODLE_GRADES = (
    1.0,
    0.9,
    0.8333333,
    0.8,
    0.75,
    0.7,
    0.6666667,
    0.6,
    0.5,
    0.4,
    0.3333333,
    0.3,
    0.25,
    0.2,
    0.1666667,
    0.1428571,
    0.125,
    0.1111111,
    0.1,
    0.05,
    0.0,
)
MOODLE_GRADES: tuple[float, ...] = _MOODLE_GRADES + tuple(-g for g in _MOODLE_GRADES if g)


def moodle_grade(fraction: float) -> float:
    """The Moodle grade closest to `fraction` (a value in [-1, 1])."""
    return min(MOODLE_GRADES, key=lambda grade: abs(grade - fraction))


def percent(fraction: float) -> str:
    """A Moodle grade as the percentage text both GIFT and Moodle XML use: `33.33333`."""
    return fmt_number(round(fraction * 100, 5))


def close(a: float, b: float, tolerance: float = 1e-4) -> bool:
    return abs(a - b) <= tolerance
