"""Quiz media in LMS packages: which files a text uses, under which name, and notes.

The exporters see one quiz at a time through `exporting`, which says where that quiz's
files are (the loader found and checked them); `with_media` rewrites a text's `<img src>`
and `<a href>` to the package's address for each file and reports the files it used, so
Moodle XML embeds them beside the text and QTI puts them in the zip. Without the files
(a quiz built in code), the text keeps its relative paths and a note says so.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from ..media import MediaFile, QuizMedia, Reference, markdown_texts, references
from ..models import Question
from ..sanitize import clean_html
from .common import Notes


@dataclass(slots=True)
class _Export:
    media: QuizMedia
    names: dict[str, str]  # file path -> name in the package
    folder: str  # put before each name: the quiz's own folder in a package of several
    used: dict[str, MediaFile] = field(default_factory=dict)  # name -> file, in first use order


_CURRENT: ContextVar[_Export | None] = ContextVar("quizengine_export_media", default=None)


def package_names(media: QuizMedia) -> dict[str, str]:
    """Each file's own name, unless two different files of the quiz share it."""
    files = {str(f.path): f for f in media.files.values()}
    counts: dict[str, int] = {}
    for f in files.values():
        counts[f.name] = counts.get(f.name, 0) + 1
    return {key: f.name if counts[f.name] == 1 else f.site_name for key, f in files.items()}


@contextmanager
def exporting(media: QuizMedia | None, *, folder: str = "") -> Iterator[dict[str, MediaFile]]:
    """For the length of one quiz's export: its media; yields the files used, by name."""
    known = media or QuizMedia()
    state = _Export(known, package_names(known), folder)
    token = _CURRENT.set(state)
    try:
        yield state.used
    finally:
        _CURRENT.reset(token)


def with_media(html: str, prefix: str) -> tuple[str, list[tuple[str, MediaFile]]]:
    """`html` with each of the quiz's files at `prefix` + its package name, and those files."""
    state = _CURRENT.get()
    if state is None or not state.media.files or "<" not in html:
        return html, []
    used: dict[str, MediaFile] = {}

    def rewrite(url: str) -> str | None:
        found = state.media.get(url)
        if found is None:
            return None
        name = state.folder + state.names[str(found.path)]
        used[name] = found
        state.used.setdefault(name, found)
        return prefix + urllib.parse.quote(name)

    return clean_html(html, urls=rewrite), list(used.items())


def question_media(question: Question) -> list[Reference]:
    """The media a question's texts refer to, once each."""
    found: dict[str, Reference] = {}
    for _, text, _ in markdown_texts(question):
        for ref in references(text):
            found.setdefault(ref.path, ref)
    return list(found.values())


def media_notes(question: Question, notes: Notes, *, carried: bool, fmt: str) -> None:
    """Tell the instructor about files a format cannot carry, or that were not found."""
    refs = question_media(question)
    if not refs:
        return
    if not carried:
        listed = ", ".join(
            f"'{ref.url}'" + (f" (alt text '{ref.alt}' kept)" if ref.alt else "") for ref in refs
        )
        notes.add(
            question.id,
            f"{fmt} cannot carry files: {listed} stay relative paths the LMS cannot show; "
            "upload the files there and edit the question, or export Moodle XML or QTI, "
            "which include them",
        )
        return
    state = _CURRENT.get()
    for ref in refs:
        if state is None or state.media.get(ref.url) is None:
            what = "image" if ref.tag == "img" else "linked file"
            notes.add(
                question.id,
                f"the {what} '{ref.url}' was not included: export from the quiz files "
                "(`quizengine export`) so it can be found",
            )
