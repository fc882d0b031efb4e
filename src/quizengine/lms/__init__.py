"""Export quizzes to LMS formats (QTI 1.2 for Canvas, Moodle XML, GIFT) and import them back.

Every format loses something; nothing is lost silently. Both directions return `Note`s
naming each question a format could not carry exactly, and the CLI prints them as
warnings. The module docstrings of gift_write, moodle_write and qti say what each keeps.
"""

from __future__ import annotations

from .api import ExportResult, ImportResult, export_quizzes, import_text
from .cli import add_commands
from .common import (
    EXPORT_FORMATS,
    IMPORT_FORMATS,
    ExportFormat,
    ImportFormat,
    LmsFormatError,
    Note,
)

__all__ = [
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "ExportFormat",
    "ExportResult",
    "ImportFormat",
    "ImportResult",
    "LmsFormatError",
    "Note",
    "add_commands",
    "export_quizzes",
    "import_text",
]
