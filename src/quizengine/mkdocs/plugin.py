"""`plugins: - quizengine`: validates every quiz at build time, wires the directive, ships assets.

Thin on purpose: loading, validation and rendering live in the library; this file only
maps them onto MkDocs events.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..contents import Item, module_items, page_item
from ..directives import scan_page
from ..errors import Diagnostic
from ..lint import lint_paths
from ..media import SITE_FOLDER, SITE_MARKER
from ..models import Quiz
from ..modules import page_diagnostics
from ..navigation import with_modules
from ..render import bundle, inject_assets, render_complete_button
from ..render.assets import path_assets
from ..render.path import (
    PathModule,
    after_title,
    path_data,
    render_continue,
    render_path_progress,
    with_time,
)
from ..worksheets import page_warnings
from .bank import QuizBank
from .config import QuizEngineConfig
from .extension import QuizExtension, fill_slots
from .state import BuildState

log = logging.getLogger("mkdocs.plugins.quizengine")

ASSET_DIR = "assets/quizengine"


def _log(diagnostic: Diagnostic) -> None:
    (log.error if diagnostic.severity == "error" else log.warning)(diagnostic.format())


class QuizEnginePlugin(BasePlugin[QuizEngineConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.bank: QuizBank | None = None
        # Pages the module manifests list, computed once per build; None: no manifests.
        self.chapters: set[str] | None = None
        # Each module's pages with their kind and time, and URLs (computed once per build).
        self.path: list[PathModule] = []
        self.items: dict[str, Item] = {}
        self.root = Path.cwd()
        self.worksheets: dict[str, str] = {}  # worksheet id -> where a page of this build used it
        self.state: BuildState | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps this plugin, and so its build state, across the
        rebuilds of `mkdocs serve` (it keeps plugins that have this hook)."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        dirs = [str(self.root / d) for d in self.config.quiz_dirs]
        if self.state is None:
            self.state = BuildState()
        settings = dict(config.mdx_configs.pop("quizengine", {}))
        settings.update(quiz_dirs=dirs, defer=True, words_per_minute=self.config.words_per_minute)
        if self.config.complete_button:
            settings["docs_dir"] = config.docs_dir
        # The instance, not the name (which Zensical uses): it renders with this build's state.
        # MkDocs types the list as names; Python-Markdown takes instances too (as mkdocstrings').
        config.markdown_extensions[:] = [
            e for e in config.markdown_extensions if e != "quizengine" and not _ours(e)
        ]
        ours = QuizExtension(state=self.state, **settings)
        config.markdown_extensions.append(ours)  # type: ignore[arg-type]
        for folder in dirs:
            if folder not in config.watch:
                config.watch.append(folder)
        if self.config.module_nav and config.nav is not None:
            modules = [
                m.module for m in self.state.bank(dirs, self.root).report.modules if m.module
            ]
            config.nav = with_modules(config.nav, modules)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        assert self.state is not None
        self.state.reset()
        self.state.pinned = False
        self.bank = self.state.bank([str(self.root / d) for d in self.config.quiz_dirs], self.root)
        self.state.pinned = True
        self.worksheets.clear()
        modules = [m.module for m in self.bank.report.modules if m.module is not None]
        self.chapters = (
            {f"{m.docs_folder}/{c.page}" for m in modules for c in m.chapters} if modules else None
        )
        for diagnostic in self.bank.diagnostics:
            _log(diagnostic)
        if self.config.lint == "warn":  # quizzes that fail validation were reported above
            for finding in lint_paths(self.bank.folders).findings:
                if finding.severity == "warning":
                    log.warning(finding.format())

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Check every page's directives, and its near misses, once, at `path:line:col`.

        The extension says nothing more where it renders the page: one message per mistake.
        """
        assert self.bank is not None and self.state is not None
        self.state.page = page.file.src_uri  # the page the extension files its slots under
        scan = self.state.scan(markdown)
        source = page.file.abs_src_path or page.file.src_uri
        try:
            shown = os.path.relpath(source, self.root)
        except ValueError:  # another drive
            shown = source
        whole = page.file.content_string if page.file.abs_src_path else markdown
        head = whole[: len(whole) - len(markdown)] if whole.endswith(markdown) else ""
        for diagnostic in page_diagnostics(
            shown,
            markdown,
            self.bank.known_ids(),
            self.bank.failed_ids,
            first_line=head.count("\n") + 1,
            scanned=scan.found,
        ):
            _log(diagnostic)
        for warning in page_warnings(markdown, page.file.src_uri, self.worksheets, scan.also):
            log.warning(warning)
        return markdown

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Publish every file a valid quiz shows, once, under a name that changes with it;
        then each module's items and their URLs, for the learner's path (render/path.py)."""
        assert self.bank is not None and self.state is not None
        for media in self.bank.media_by_id.values():
            for found in media.files.values():
                uri = f"{SITE_FOLDER}/{found.site_name}"
                if files.get_file_from_path(uri) is None:
                    files.append(File.generated(config, uri, abs_src_path=str(found.path)))
        self.path, self.items = [], {}
        for loaded in self.bank.report.modules:
            module = loaded.module
            if module is None:
                continue
            items = module_items(
                module,
                Path(config.docs_dir),
                self.bank.get,
                self.config.words_per_minute,
                self.state.scan,
            )
            urls = [_url(files, item.page) for item in items]
            index = f"{module.docs_folder}/index.md"
            home = _url(files, index) if files.get_file_from_path(index) else urls[0]
            self.path.append(PathModule(module.id, module.title, home, items, urls))
            self.items.update((item.page, item) for item in items)
        self.state.items = self.items  # the chapters with a quiz, for the progress page
        return files

    def _is_chapter(self, page: Page) -> bool:
        """A page a module manifest lists: it gets its time and "Mark this page complete".

        A site without manifests treats every page in a section folder (notebooks aside) as
        a chapter.
        """
        uri = page.file.src_uri
        if self.chapters is None:
            return "/" in uri and not uri.endswith(".ipynb")
        return uri in self.chapters

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if not self._is_chapter(page):
            return html
        uri = page.file.src_uri
        item = self.items.get(uri) or page_item(
            uri,
            Path(page.file.abs_src_path or ""),
            None,
            self._quiz,
            self.config.words_per_minute,
            scan=self.state.scan if self.state else scan_page,
        )
        if self.config.reading_time:
            html = with_time(html, item)
        for module in self.path:
            if page.url == module.url:  # the module page: where a returning learner lands
                html = after_title(html, render_continue(module.id))
        if self.config.complete_button:
            html += render_complete_button(uri)
        return html

    def _quiz(self, quiz_id: str) -> Quiz | None:
        return self.bank.get(quiz_id) if self.bank else None

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if self.state is not None:
            output = fill_slots(output, self.state.slots(page.file.src_uri))
        base = "../" * page.url.count("/") if page.url else ""
        output = output.replace(SITE_MARKER, f"{base}{SITE_FOLDER}/")
        chapter = self._is_chapter(page)
        progress = 'data-qe="progress"' in output
        if chapter or progress:
            at = output.find('<div class="qe-progress"')
            if progress and self.path and at >= 0:
                output = output[:at] + render_path_progress(self.path) + output[at:]
            mine = page.file.src_uri if chapter else None
            output = path_assets(output, path_data(self.path, base, mine), base)
        return inject_assets(output, base)

    def on_build_error(self, *, error: Exception) -> None:
        if self.state is not None:
            self.state.pinned = False

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.state is not None:
            self.state.pinned = False
        target = Path(config.site_dir) / ASSET_DIR
        target.mkdir(parents=True, exist_ok=True)
        for name, content in bundle().items():
            (target / name).write_text(content, encoding="utf-8")


def _ours(extension: object) -> bool:
    """A QuizExtension a previous load of this configuration registered."""
    return isinstance(extension, QuizExtension)


def _url(files: Files, src_uri: str) -> str:
    """The page's URL relative to the site root ("" for the home page)."""
    found = files.get_file_from_path(src_uri)
    return found.url if found is not None else ""
