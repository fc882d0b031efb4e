"""What the XSS tests share: the course's own Markdown set-up, a renderer of imported quizzes
through the real render path, and a checker for anything in HTML that could run script.

The checker also reads the quiz's data block: feedback HTML travels there as JSON and the
client inserts it with innerHTML, so it must be as clean as the markup around it.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import yaml

from quizengine.lms import import_text
from quizengine.mkdocs.extension import _MarkdownRenderer
from quizengine.models import Quiz
from quizengine.render import render_quiz
from quizengine.star import effective_rubric

ROOT = Path(__file__).resolve().parents[1]

# The course's markdown_extensions (mkdocs.yml), snippets included: quiz text must not get it.
SITE_EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.snippets",
    "pymdownx.superfences",
    "pymdownx.tabbed",
]
SITE_CONFIG = {
    "toc": {"permalink": True},
    "pymdownx.snippets": {"base_path": [str(ROOT)], "check_paths": True},
    "pymdownx.tabbed": {"alternate_style": True},
}

_ACTIVE_TAGS = {"script", "iframe", "object", "embed", "svg", "math", "frame", "frameset"}
_ACTIVE_TAGS |= {"base", "form", "meta", "link", "style", "template"}
_URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "cite"}
_BAD_SCHEME = re.compile(r"^(javascript|vbscript|data):", re.I)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]")


def site_markdown() -> markdown.Markdown:
    return markdown.Markdown(extensions=SITE_EXTENSIONS, extension_configs=SITE_CONFIG)


_RENDERER: list[_MarkdownRenderer] = []


def render(quiz: Quiz) -> str:
    """The quiz's HTML exactly as the site's quiz directive renders it."""
    if not _RENDERER:
        _RENDERER.append(_MarkdownRenderer(site_markdown()))
    return render_quiz(quiz, _RENDERER[0], rubric_for=lambda q: list(effective_rubric(q)))


def import_quiz(text: str, fmt: str) -> Quiz:
    result = import_text(text, fmt, quiz_id="imported", title="Imported")  # type: ignore[arg-type]
    return Quiz.model_validate(yaml.safe_load(result.yaml_text))


class _Hazards(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.text: list[str] = []
        self.data_blocks: list[str] = []
        self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "template" and ("class", "qe-data") in attrs:
            self._in_data = True
            return
        if tag in _ACTIVE_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            seen = _INVISIBLE.sub("", html.unescape(value or ""))
            if name in _URL_ATTRS and _BAD_SCHEME.match(seen):
                self.found.append(f"{tag}[{name}={value}]")

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self._in_data = False

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data_blocks.append(data)
        else:
            self.text.append(data)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def hazards(markup: str) -> list[str]:
    """Everything in `markup` (and in its quiz data block's HTML) that could run script."""
    parser = _Hazards()
    parser.feed(markup)
    parser.close()
    found = parser.found
    for block in parser.data_blocks:
        for text in _strings(json.loads(block)):
            if "<" in text:
                found += hazards(text)
    return found


def visible_text(markup: str) -> str:
    """The page text outside the data block, whitespace collapsed."""
    parser = _Hazards()
    parser.feed(markup)
    parser.close()
    return " ".join("".join(parser.text).split())
