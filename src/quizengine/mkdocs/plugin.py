"""`plugins: - quizengine`: validates every quiz at build time, wires the directive, ships assets.

Thin on purpose: loading, validation and rendering live in the library; this file only
maps them onto MkDocs events.
"""

from __future__ import annotations

import logging
import math
import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..errors import Diagnostic
from ..lint import lint_paths
from ..media import SITE_FOLDER, SITE_MARKER
from ..modules import page_diagnostics
from ..navigation import with_modules
from ..render import bundle, inject_assets, render_complete_button
from ..worksheets import page_warnings
from .bank import QuizBank, bank_for
from .config import QuizEngineConfig
from .extension import fill_slots

log = logging.getLogger("mkdocs.plugins.quizengine")

_WORD = re.compile(r"\w+")
_H1_END = re.compile(r"</h1>")
ASSET_DIR = "assets/quizengine"


def _log(diagnostic: Diagnostic) -> None:
    (log.error if diagnostic.severity == "error" else log.warning)(diagnostic.format())


class QuizEnginePlugin(BasePlugin[QuizEngineConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.bank: QuizBank | None = None
        # Pages the module manifests list, computed once per build; None: no manifests.
        self.chapters: set[str] | None = None
        self.root = Path.cwd()
        self.worksheets: dict[str, str] = {}  # worksheet id -> where a page of this build used it

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        dirs = [str(self.root / d) for d in self.config.quiz_dirs]
        if "quizengine" not in config.markdown_extensions:
            config.markdown_extensions.append("quizengine")
        config.mdx_configs.setdefault("quizengine", {})
        config.mdx_configs["quizengine"]["quiz_dirs"] = dirs
        config.mdx_configs["quizengine"]["defer"] = True
        if self.config.complete_button:
            config.mdx_configs["quizengine"]["docs_dir"] = config.docs_dir
        for folder in dirs:
            if folder not in config.watch:
                config.watch.append(folder)
        if self.config.module_nav and config.nav is not None:
            modules = [m.module for m in bank_for(dirs, self.root).report.modules if m.module]
            config.nav = with_modules(config.nav, modules)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.bank = bank_for([str(self.root / d) for d in self.config.quiz_dirs], self.root)
        self.bank.refresh()
        self.bank.pinned = True
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

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Publish every file a valid quiz shows, once, under a name that changes with it."""
        assert self.bank is not None
        for media in self.bank.media_by_id.values():
            for found in media.files.values():
                uri = f"{SITE_FOLDER}/{found.site_name}"
                if files.get_file_from_path(uri) is None:
                    files.append(File.generated(config, uri, abs_src_path=str(found.path)))
        return files

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Check every page's directives, and its near misses, once, at `path:line:col`.

        The extension says nothing more where it renders the page: one message per mistake.
        """
        assert self.bank is not None
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
            self.bank.report.failed_ids,
            first_line=head.count("\n") + 1,
        ):
            _log(diagnostic)
        for warning in page_warnings(markdown, page.file.src_uri, self.worksheets):
            log.warning(warning)
        page.meta.setdefault("qe_words", len(_WORD.findall(markdown)))
        return markdown

    def _is_chapter(self, page: Page) -> bool:
        """A page a module manifest lists (notebooks aside): it gets reading time and the button.

        A site without manifests treats every page in a section folder as a chapter.
        """
        uri = page.file.src_uri
        if uri.endswith(".ipynb"):
            return False
        return "/" in uri if self.chapters is None else uri in self.chapters

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if not self._is_chapter(page):
            return html
        if self.config.reading_time:
            minutes = max(1, math.ceil(page.meta.get("qe_words", 0) / self.config.words_per_minute))
            note = f'<p class="qe-reading-time">About {minutes} min to read</p>'
            html = _H1_END.sub("</h1>" + note, html, count=1) if "</h1>" in html else note + html
        # Only where the client is loaded anyway: a page without a quiz ships no JS at all.
        if self.config.complete_button and 'class="qe-slot"' in html:
            html += render_complete_button(page.file.src_uri)
        return html

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        output = fill_slots(output)
        base = "../" * page.url.count("/") if page.url else ""
        output = output.replace(SITE_MARKER, f"{base}{SITE_FOLDER}/")
        return inject_assets(output, base)

    def on_build_error(self, *, error: Exception) -> None:
        if self.bank is not None:
            self.bank.pinned = False

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.bank is not None:
            self.bank.pinned = False
        target = Path(config.site_dir) / ASSET_DIR
        target.mkdir(parents=True, exist_ok=True)
        for name, content in bundle().items():
            (target / name).write_text(content, encoding="utf-8")
