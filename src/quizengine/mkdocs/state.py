"""What one site's build keeps: the quiz bank, the quiz-text renderers, the rendered quizzes,
the quiz HTML waiting for its page, and each page's directives as read once.

The MkDocs plugin makes one `BuildState` in `on_config` and hands it to the Markdown
extension instance it registers (as mkdocstrings hands its extension the handlers). The
plugin defines `on_startup`, so MkDocs keeps that one plugin, and its state, across the
rebuilds of `mkdocs serve`: a rebuild after an edit re-renders only what changed.

Hosts that load the extension by name and run no plugin (Zensical) get `default_state()`,
the one module-level state, reset when the host starts a new build.

Every cache is bounded by a build: `reset()`, at the start of each build, empties what is
per build (the waiting quiz HTML, the page reads, the course's items) and keeps, of the
rendered quizzes and the renderers, only those the last build used. A cache keyed by
content and settings only grows under `mkdocs serve`, each edit adding an entry the next
build never asks for again; a size-capped LRU would bound it, but a build renders every
quiz in turn, the one access pattern where an LRU smaller than the site misses every time
and one larger than it bounds nothing. What the last build used is exactly what the next
one needs (the edited quiz aside), so keeping that keeps every warm rebuild warm and holds
at most two builds' worth.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Hashable
from pathlib import Path

from ..contents import Item
from ..directives import PageScan, scan_page
from ..worksheets import LOOSE
from .bank import QuizBank

Renderer = Callable[[str], str]
"""Author Markdown -> HTML, with the host page's own extensions (extension.py)."""


class BuildState:
    def __init__(self) -> None:
        self.banks: dict[tuple[str, ...], QuizBank] = {}
        # Set by the plugin for the length of a build, whose bank it refreshes once at the
        # start; without the plugin (Zensical), each page checks file times instead.
        self.pinned = False
        self.renderers: dict[tuple[str, ...], Renderer] = {}
        self.rendered: dict[Hashable, str] = {}
        self._used: set[Hashable] = set()
        self._used_renderers: set[tuple[str, ...]] = set()
        # Page -> slot token -> the quiz HTML that the plugin splices in after the search
        # index has been built (extension.py's `defer`); emptied as each page is written.
        self.deferred: dict[str, dict[str, str]] = {}
        self.page = ""  # the page being converted, whose slots `defer` files
        self.scans: dict[str, PageScan] = {}
        # Chapter page -> its item (contents.py), worked out once a build by the plugin.
        self.items: dict[str, Item] | None = None
        self._host_build: object = None

    def reset(self) -> None:
        """Start a build: forget what was per build, keep what the last build used."""
        self.deferred.clear()
        self.scans.clear()
        self.items = None
        self.page = ""
        self.rendered = {k: v for k, v in self.rendered.items() if k in self._used}
        self._used.clear()
        kept = self._used_renderers
        self.renderers = {k: v for k, v in self.renderers.items() if k in kept}
        self._used_renderers = set()
        for renderer in self.renderers.values():
            cache = getattr(renderer, "cache", None)
            if isinstance(cache, dict):  # texts of quizzes rendered again are few
                cache.clear()

    def bank(self, folders: list[str] | tuple[str, ...], base: Path | None = None) -> QuizBank:
        """The up-to-date bank for these folders (relative ones resolved from `base`)."""
        root = base or Path.cwd()
        key = tuple(str((root / f).resolve()) for f in folders)
        bank = self.banks.get(key)
        if bank is None:
            bank = self.banks[key] = QuizBank(key)
        if not self.pinned:
            bank.refresh()
        return bank

    def renderer(self, key: tuple[str, ...], build: Callable[[], Renderer]) -> Renderer:
        self._used_renderers.add(key)
        found = self.renderers.get(key)
        if found is None:
            found = self.renderers[key] = build()
        return found

    def rendered_quiz(self, key: Hashable, render: Callable[[], str]) -> str:
        self._used.add(key)
        found = self.rendered.get(key)
        if found is None:
            found = self.rendered[key] = render()
        return found

    def defer(self, token: str, html_text: str) -> None:
        self.deferred.setdefault(self.page, {})[token] = html_text

    def slots(self, page: str) -> Callable[[str], str | None]:
        """The deferred HTML of `page`'s slots, which are then forgotten; a slot filed under
        another page (a page converted outside the plugin's hooks) is looked up there."""
        mine = self.deferred.pop(page, {})

        def lookup(token: str) -> str | None:
            found = mine.get(token)
            if found is None:
                found = next((s[token] for s in self.deferred.values() if token in s), None)
            return found

        return lookup

    def scan(self, markdown: str) -> PageScan:
        """A page's directives, near misses and worksheet lines, read once a build.

        Keyed by the text itself, not the page's name: a plugin that rewrites a page between
        hooks then gets a read of the text it wrote, never a stale one.
        """
        found = self.scans.get(markdown)
        if found is None:
            found = self.scans[markdown] = scan_page(markdown, LOOSE)
        return found

    def follow_host(self, build: object) -> None:
        """Reset when the host, running no plugin, has started a new build (`build` is that
        build's configuration object)."""
        if build is not None and build is not self._host_build:
            self.reset()
            self._host_build = build


_DEFAULT = BuildState()


def default_state() -> BuildState:
    """The state of a host that loads the extension by name (Zensical).

    Zensical parses its configuration to start a build and hands every page the parsed
    object (`zensical.config.get_config()`), so a new object marks a new build, and
    `reset()` runs then. Any other host keeps one state for the life of its process.
    """
    host = sys.modules.get("zensical.config")
    get_config = getattr(host, "get_config", None)
    if callable(get_config):
        _DEFAULT.follow_host(get_config())
    return _DEFAULT
