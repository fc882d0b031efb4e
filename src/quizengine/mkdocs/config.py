"""The plugin's options, one documented attribute each (mkdocs validates them)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class QuizEngineConfig(base.Config):
    quiz_dirs = c.ListOfItems(c.Type(str), default=["quizzes"])
    """Folders of quiz YAML files, relative to mkdocs.yml. Watched by `mkdocs serve`."""

    reading_time = c.Type(bool, default=True)
    """Show an estimated reading time under each chapter's title."""

    words_per_minute = c.Type(int, default=200)
    """Reading speed used for the estimate."""

    complete_button = c.Type(bool, default=True)
    """Add a "Mark as complete" button to every chapter (pages inside a section folder)."""

    module_nav = c.Type(bool, default=True)
    """Build each module's navigation section from its manifest (`module.yaml`)."""
