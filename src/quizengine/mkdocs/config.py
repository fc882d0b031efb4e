"""The plugin's options, one documented attribute each (mkdocs validates them)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class _LintMode(c.Choice[str]):
    """`off` or `warn`. YAML 1.1 (which MkDocs reads) turns a bare `off` into false and `on`
    into true, so the booleans are accepted as those two words."""

    def run_validation(self, value: object) -> str:
        if isinstance(value, bool):
            value = "warn" if value else "off"
        return super().run_validation(value)


class QuizEngineConfig(base.Config):
    quiz_dirs = c.ListOfItems(c.Type(str), default=["quizzes"])
    """Folders of quiz YAML files, relative to mkdocs.yml. Watched by `mkdocs serve`."""

    reading_time = c.Type(bool, default=True)
    """Show each chapter's kind and time under its title ("About 8 min reading + 6 min
    quiz"), the same figures as the module's contents table (`quizengine/contents.py`)."""

    words_per_minute = c.Type(int, default=200)
    """Reading speed used for the estimate."""

    complete_button = c.Type(bool, default=True)
    """Add a "Mark this page complete" button to every page a module manifest lists (without
    manifests: every page inside a section folder)."""

    module_nav = c.Type(bool, default=True)
    """Build each module's navigation section from its manifest (`module.yaml`)."""

    lint = _LintMode(("off", "warn"), default="off")
    """`warn`: run `quizengine lint` over the quizzes and log each finding as a warning with
    its file:line:col, which `mkdocs build --strict` turns into a failed build. `off` (the
    default): only validation problems are reported."""
