"""Build-time HTML for quizzes, the progress page and the client assets.

The MkDocs plugin and Markdown extension call these; nothing here knows about MkDocs, so the
same functions serve any site generator (and the tests).
"""

from .assets import ASSET_DIR, ASSET_FILES, bundle, inject_assets, inline_assets
from .progress import render_complete_button, render_progress
from .quiz import client_data, render_quiz

__all__ = [
    "ASSET_DIR",
    "ASSET_FILES",
    "bundle",
    "client_data",
    "inject_assets",
    "inline_assets",
    "render_complete_button",
    "render_progress",
    "render_quiz",
]
