"""The quiz directive as a Python-Markdown extension.

A paragraph that is exactly `::quiz{#research}` (the leaf-directive form of the CommonMark
generic directives proposal) becomes the quiz's HTML; `::quiz-progress` becomes the progress
widget. Being a block processor, it never sees fenced code, and it needs no MkDocs API, so
any Python-Markdown host (MkDocs, Zensical) renders quizzes from the same configuration.
`::offer-calculator` becomes the offer calculator (render/calculator.py), and
`::worksheet{#id}` makes the table or list after it a worksheet (mkdocs/worksheet.py).
`::module-contents{#module}` the module's contents table (`contents_table`).
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import html
import logging
import re
import sys
import xml.etree.ElementTree as etree
from collections.abc import Callable
from pathlib import Path
from typing import Any

import markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.util import AtomicString

from ..contents import WORDS_PER_MINUTE, Item, module_items
from ..directives import DIRECTIVE
from ..media import SITE_FOLDER, SITE_MARKER, QuizMedia
from ..models import Quiz
from ..models.module import Module
from ..modules import (
    MISSING_ID,
    docs_root_for,
    failed_to_load,
    module_requirements,
    progress_quizzes,
)
from ..render import inline_assets, render_progress, render_quiz
from ..render.calculator import render_calculator
from ..sanitize import clean_html, reads_files
from ..star.rubric import effective_rubric
from .bank import QuizBank
from .state import BuildState, default_state
from .worksheet import WorksheetBlockProcessor, WorksheetTreeprocessor

log = logging.getLogger("mkdocs.plugins.quizengine")

_PLAIN = re.compile(r"[\\`*_\[\]<>&#!|~\n:=+-]|^\s|\d\.")


def host_extensions(parent: markdown.Markdown) -> list[Extension]:
    """The host's Markdown extensions, for rendering quiz text the way its pages are rendered.

    Python-Markdown lists only the extensions that ask to be reset (`registeredExtensions`,
    with their settings); `tables`, `attr_list`, `def_list` and others never do. Those are
    found through the processors they installed and rebuilt from their modules with default
    settings. Modules without `makeExtension` (Markdown's core, MkDocs' own link rewriting)
    are not extensions a page author chose, and are left out; so is any extension that cannot
    work outside its host's page (Zensical's own need the page and config), and any that
    reads files (`pymdownx.snippets` and the like): quiz text must not print other files.
    """
    out: list[Extension] = []
    seen = {QuizExtension.__module__}
    for ext in parent.registeredExtensions:
        if isinstance(ext, QuizExtension) or reads_files(type(ext).__module__):
            continue
        seen.add(type(ext).__module__)
        _keep_if_usable(out, functools.partial(type(ext), **ext.getConfigs()))
    for name in _processor_modules(parent):
        if name in seen or reads_files(name):
            continue
        seen.add(name)
        make = getattr(sys.modules.get(name), "makeExtension", None)
        if callable(make):
            _keep_if_usable(out, make)
    return out


def _processor_modules(md: markdown.Markdown) -> list[str]:
    """The modules of every processor installed in `md`, in registry order, once each."""
    registries: list[Any] = [
        md.preprocessors,
        md.parser.blockprocessors,
        md.treeprocessors,
        md.inlinePatterns,
        md.postprocessors,
    ]
    return list(dict.fromkeys(type(p).__module__ for r in registries for p in r))


def _keep_if_usable(out: list[Extension], build: Callable[[], Any]) -> None:
    """Append `build()` if it builds and installs itself in a parser of its own.

    The probe uses an instance of its own: some extensions (pymdownx.superfences) keep
    per-parser state and silently stop working when installed in a second parser.
    """
    try:
        markdown.Markdown(extensions=[build()])
    except Exception:  # a host's internal extension: skip it, not the quiz
        return
    out.append(build())


class _MarkdownRenderer:
    """Author Markdown -> HTML with the host page's own extensions, one parser reused."""

    def __init__(self, parent: markdown.Markdown) -> None:
        self.extensions = host_extensions(parent)
        self.md = markdown.Markdown(extensions=self.extensions)
        self.cache: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        cached = self.cache.get(text)
        if cached is None:
            if not _PLAIN.search(text):  # plain prose: skip the parser, same output
                cached = f"<p>{html.escape(text.strip(), quote=False)}</p>"
            else:
                cached = self._convert(text)
            self.cache[text] = cached
        return cached

    def _convert(self, text: str) -> str:
        try:
            return self.md.reset().convert(text)
        except RecursionError:
            # Python-Markdown recurses once per level of lists or quotes: thousands of levels
            # exhaust the stack. A warning (the strict build stops on it) and the text as text,
            # never a traceback; the parser is left mid-document, so it is built anew.
            self.md = markdown.Markdown(extensions=self.extensions)
            start = " ".join(text.split())[:40]
            log.warning(
                f"quiz text is nested too deeply for Markdown; shown as plain text: '{start}…'"
            )
            return f"<p>{html.escape(text.strip(), quote=False)}</p>"


def _renderer_key(md: markdown.Markdown) -> tuple[str, ...]:
    return tuple(
        f"{type(e).__module__}.{type(e).__name__}:{sorted(map(str, e.getConfigs().items()))}"
        for e in md.registeredExtensions
        if not isinstance(e, QuizExtension)
    ) + tuple(_processor_modules(md))  # what host_extensions reads, so hosts never share wrongly


def _with_media(
    render: Callable[[str], str], mapper: Callable[[str], str | None]
) -> Callable[[str], str]:
    def render_with_media(text: str) -> str:
        return clean_html(render(text), urls=mapper)

    return render_with_media


def quiz_html(
    quiz: Quiz,
    md: markdown.Markdown,
    media: QuizMedia | None = None,
    state: BuildState | None = None,
) -> str:
    """Rendered once per quiz content and Markdown configuration, whatever the page count.

    The quiz's own images and media links point at their published copies, below
    `SITE_MARKER`, which the plugin turns into the way up from each page to the site root.
    """
    state = state or default_state()
    host = _renderer_key(md)
    renderer = state.renderer(host, lambda: _MarkdownRenderer(md))
    files = media.files if media else {}
    key = (quiz.id, quiz.content_version(), host, tuple(f.digest for f in files.values()))

    def render() -> str:
        text = renderer
        if media is not None and files:
            text = _with_media(renderer, media.mapper(SITE_MARKER))
        return render_quiz(quiz, text, rubric_for=lambda q: list(effective_rubric(q)))

    return state.rendered_quiz(key, render)


# With `defer` (set by the MkDocs plugin) a directive becomes a small placeholder and the quiz
# HTML waits in the build state (its page's `deferred`) until the plugin splices it in after
# the page is indexed for search: the search plugin then never parses quiz markup (which it
# must not index anyway, since it holds the answers), and that parsing was most of what
# quizzes added to build time.
SLOT = re.compile(r'<div class="qe-slot" data-qe-slot="([0-9a-f]+)"></div>')


def defer(html_text: str, state: BuildState) -> str:
    token = hashlib.sha1(html_text.encode()).hexdigest()[:16]
    state.defer(token, html_text)
    return f'<div class="qe-slot" data-qe-slot="{token}"></div>'


def fill_slots(page_html: str, slots: Callable[[str], str | None]) -> str:
    """Put each deferred quiz back where its placeholder stands (`slots`: token -> HTML)."""
    return SLOT.sub(lambda m: slots(m.group(1)) or m.group(0), page_html)


def contents_table(module: Module, items: list[Item]) -> etree.Element:
    """Each page (with what it covers, when the manifest says) and its kind and time, in two
    columns that fit a phone's width; path.js adds the ticks."""
    box = etree.Element("div", {"class": "qe-contents", "data-module": module.id})
    table = etree.SubElement(box, "table")  # no class: Material wraps it to scroll sideways
    head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
    for name in ("Page", "Kind and time"):
        etree.SubElement(head, "th").text = name
    body = etree.SubElement(table, "tbody")
    for chapter, item in zip(module.chapters, items, strict=True):
        row = etree.SubElement(body, "tr", {"data-qe-page": item.page})
        cell = etree.SubElement(row, "td")
        # AtomicString: plain text, never parsed as Markdown or HTML by the inline pass.
        etree.SubElement(cell, "a", {"href": chapter.page}).text = AtomicString(item.title)
        if item.summary:
            etree.SubElement(cell, "br").tail = AtomicString(item.summary)
        time = etree.SubElement(row, "td")
        if item.quizzes:
            time.set("data-qe-quizzes", " ".join(item.quizzes))
        time.text = AtomicString(item.time)
    return box


def problem_html(message: str) -> str:
    return (
        '<div class="admonition failure qe-problem"><p class="admonition-title">Quiz problem</p>'
        f"<p>{html.escape(message)}</p></div>"
    )


class QuizBlockProcessor(BlockProcessor):
    def __init__(self, parser: Any, extension: QuizExtension) -> None:
        super().__init__(parser)
        self.extension = extension

    def test(self, parent: etree.Element, block: str) -> bool:
        # No lstrip: an indented block is code, and code is never a directive.
        return DIRECTIVE.match(block.rstrip()) is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        match = DIRECTIVE.match(blocks.pop(0).rstrip())
        assert match is not None
        if match.group("name") == "module-contents":
            table = self.extension.contents(match.group("id") or "")
            if table is not None:
                parent.append(table)
                return True
            message = f"unknown module id '{match.group('id') or ''}' in ::module-contents"
            produced = self.extension._problem(message)
            paragraph = etree.SubElement(parent, "p")
            paragraph.text = self.parser.md.htmlStash.store(produced)
            return True
        produced = self.extension.directive(match.group("name"), match.group("id"), self.parser.md)
        placeholder = self.parser.md.htmlStash.store(produced)
        paragraph = etree.SubElement(parent, "p")
        paragraph.text = placeholder
        return True


class _NewDocument(Preprocessor):
    """Forget which client files this document has inlined: hosts may reuse one parser."""

    def __init__(self, md: markdown.Markdown, shipped: set[str]) -> None:
        super().__init__(md)
        self.shipped = shipped

    def run(self, lines: list[str]) -> list[str]:
        self.shipped.clear()
        return lines


class QuizExtension(Extension):
    """Without the MkDocs plugin (`defer` off), a page inlines the client with its first quiz.

    What it keeps between pages is the build's (state.py): the plugin hands the instance it
    registers its own state; loaded by name (Zensical), it uses `default_state()`.
    """

    def __init__(self, state: BuildState | None = None, **kwargs: Any) -> None:
        # The MkDocs plugin hands its build's state; loaded by name (Zensical), the default.
        self.state = state or default_state()
        self.config = {
            "quiz_dirs": [["quizzes"], "Folders (relative to the working directory) of quizzes."],
            "defer": [False, "Emit placeholders for fill_slots() (the MkDocs plugin does this)."],
            "docs_dir": ["", "The site's docs folder (set by the plugin, which adds the buttons)."],
            "words_per_minute": [WORDS_PER_MINUTE, "Reading speed for the contents' times."],
        }
        super().__init__(**kwargs)
        self.shipped: set[str] = set()

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.registerExtension(self)
        md.preprocessors.register(_NewDocument(md, self.shipped), "quizengine-reset", 40)
        md.parser.blockprocessors.register(QuizBlockProcessor(md.parser, self), "quizengine", 95)
        # `::worksheet{#id}` (mkdocs/worksheet.py): after inline Markdown, before prettify.
        shipped = None if self.getConfig("defer") else self.shipped
        sheets = WorksheetBlockProcessor(md.parser, self._problem)
        md.parser.blockprocessors.register(sheets, "quizengine-worksheet", 96)
        md.treeprocessors.register(WorksheetTreeprocessor(md, self._problem, shipped), "qe-ws", 15)

    def _problem(self, message: str) -> str:
        # With the MkDocs plugin (`defer`), the plugin has reported this mistake already, with
        # its page and line; alone (Zensical), a warning: a strict build fails on it. Either
        # way the page shows the box where the quiz would be.
        if not self.getConfig("defer"):
            log.warning(message)
        return problem_html(message)

    def directive(self, name: str, quiz_id: str | None, md: markdown.Markdown) -> str:
        if name == "offer-calculator":
            return self._out(render_calculator())
        bank = self.state.bank(list(self.getConfig("quiz_dirs")), Path.cwd())
        if name == "quiz-progress":
            modules = [m.module for m in bank.report.modules if m.module is not None]
            rules = module_requirements(modules, self._items(bank, modules))
            return self._out(render_progress(progress_quizzes(modules, bank.report.quizzes), rules))
        if not quiz_id:
            return self._problem(MISSING_ID)
        quiz = bank.get(quiz_id)
        if quiz is None and quiz_id in bank.failed_ids:
            return self._problem(failed_to_load(quiz_id))
        if quiz is None:
            close = difflib.get_close_matches(quiz_id, bank.known_ids(), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            broken = [d for d in bank.diagnostics if d.severity == "error"]
            extra = " Some quiz files are invalid: run `quizengine validate`." if broken else ""
            return self._problem(f"unknown quiz id '{quiz_id}'{hint}.{extra}")
        return self._out(quiz_html(quiz, md, bank.media(quiz_id), self.state))

    def _items(self, bank: QuizBank, modules: list[Module]) -> dict[str, Item] | None:
        """The chapters' items: the plugin's, worked out once a build; None without a docs
        folder (no plugin, or no "Mark this page complete" button), when none is needed."""
        docs_dir = str(self.getConfig("docs_dir"))
        if not docs_dir:
            return None
        if self.state.items is None:
            wpm = int(self.getConfig("words_per_minute"))
            self.state.items = {
                item.page: item
                for module in modules
                for item in module_items(module, Path(docs_dir), bank.get, wpm, self.state.scan)
            }
        return self.state.items

    def contents(self, module_id: str) -> etree.Element | None:
        """The module's contents table as elements, not stashed HTML: the host then resolves
        its `.md` links like any other (MkDocs turns them into page URLs and checks them).
        Links are relative to the module's folder, where its index.md (the module page) is."""
        bank = self.state.bank(list(self.getConfig("quiz_dirs")), Path.cwd())
        found = [m for m in bank.report.modules if m.module and m.module.id == module_id]
        if not found or found[0].module is None:
            return None
        module = found[0].module
        wpm = int(self.getConfig("words_per_minute"))
        items = module_items(module, docs_root_for(found[0].path), bank.get, wpm, self.state.scan)
        return contents_table(module, items)

    def _out(self, produced: str) -> str:
        if self.getConfig("defer"):  # the plugin ships the client as cached files
            return defer(produced, self.state)
        # Without the plugin no page depth is known (nor are the files copied): site-relative.
        produced = produced.replace(SITE_MARKER, SITE_FOLDER + "/")
        return inline_assets(produced, self.shipped) + produced


def makeExtension(**kwargs: Any) -> QuizExtension:
    return QuizExtension(**kwargs)
