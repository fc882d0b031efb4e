"""Images and audio/video links in quiz text: found, confined, checked and named once.

A quiz file may show an image (`![A bar chart](img/chart.png)`) or link a sound or video
(`[Listen](clip.mp3)`) kept next to it. The path is read relative to the quiz file, and
the file must sit in the quiz file's folder or below it: quiz text is text from outside, so
it can never make the build read (and publish) any other file, whatever `..`, absolute paths
or symbolic links it tries. Everything that uses media (the site build, the LMS exports)
goes through `find_media`, which the loader runs; it never raises, it reports.
"""

from __future__ import annotations

import hashlib
import os
import re
import typing
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel

from .models import Quiz
from .models.bank import Bank
from .models.base import Markdown
from .models.questions import QuestionBase
from .safeio import FileRefused, read_regular
from .sanitize import render_core

# Suffix -> (kind, MIME type). Images are shown with `<img>`; sound and video are linked.
KINDS: dict[str, tuple[str, str]] = {
    ".png": ("image", "image/png"),
    ".jpg": ("image", "image/jpeg"),
    ".jpeg": ("image", "image/jpeg"),
    ".gif": ("image", "image/gif"),
    ".webp": ("image", "image/webp"),
    ".svg": ("image", "image/svg+xml"),
    ".mp3": ("audio", "audio/mpeg"),
    ".ogg": ("audio", "audio/ogg"),
    ".mp4": ("video", "video/mp4"),
    ".webm": ("video", "video/webm"),
}
# Per file: a quiz is a page, not a video library; LMS imports cap uploads near this too.
MAX_MEDIA_BYTES = 20 * 1024 * 1024
# Where the site build puts media, under the site root.
SITE_FOLDER = "quiz-media"
# Rendered quiz HTML is shared by every page that embeds the quiz, at any depth: media URLs
# start with this relative marker, which the plugin replaces page by page (`../../quiz-media/`).
SITE_MARKER = "__quizengine_site__/"
_ALLOWED = "png, jpg, gif, webp or svg images, or links to mp3, ogg, mp4 or webm files"

Loc = tuple[int | str, ...]


@dataclass(frozen=True, slots=True)
class Reference:
    """One `<img src>` or `<a href>` in rendered quiz text that names a file of ours."""

    tag: str  # "img" or "a"
    url: str  # as written
    path: str  # the URL's path, decoded: the key media is looked up by
    alt: str | None  # an image's alt text (None for a link)


@dataclass(frozen=True, slots=True)
class MediaFile:
    """A checked file: inside the quiz's folder, of an allowed kind, within the size cap."""

    path: Path  # resolved
    kind: str
    mime: str
    digest: str  # SHA-256 of the content, hex

    @property
    def name(self) -> str:
        """The file's own name, for LMS packages (which keep one folder per question)."""
        return self.path.name

    @property
    def site_name(self) -> str:
        """A content-addressed name: a changed file gets a new URL, so no cache shows the old."""
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", self.path.stem).strip("-") or "file"
        return f"{stem}.{self.digest[:12]}{self.path.suffix.lower()}"

    def read(self) -> bytes:
        return read_regular(self.path, MAX_MEDIA_BYTES)


@dataclass(frozen=True, slots=True)
class MediaProblem:
    loc: Loc
    message: str


@dataclass(slots=True)
class QuizMedia:
    """A quiz's media, keyed by the decoded path as written in its text."""

    files: dict[str, MediaFile] = field(default_factory=dict)
    problems: list[MediaProblem] = field(default_factory=list)

    def get(self, url: str) -> MediaFile | None:
        path = local_path(url)
        return None if path is None else self.files.get(path)

    def mapper(self, prefix: str) -> Callable[[str], str | None]:
        """A URL rewriter for `sanitize.clean_html`: our files -> `prefix` + their site name."""

        def rewrite(url: str) -> str | None:
            found = self.get(url)
            return None if found is None else prefix + urllib.parse.quote(found.site_name)

        return rewrite

    def stamp(self) -> tuple[tuple[str, int], ...]:
        """Modification times, so a changed image rebuilds the pages that show it."""
        out = []
        for media in self.files.values():
            try:
                out.append((str(media.path), media.path.stat().st_mtime_ns))
            except OSError:
                out.append((str(media.path), -1))
        return tuple(sorted(out))


# --- finding references ----------------------------------------------------------------


def local_path(url: str) -> str | None:
    """The decoded path of a URL with no scheme and no host (a file of ours); else None."""
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme or parts.netloc or url.strip().startswith("//") or not parts.path:
        return None
    return urllib.parse.unquote(parts.path)


_MAYBE = re.compile(r"!\[|<(img|a)\b|\.(png|jpe?g|gif|webp|svg|mp3|ogg|mp4|webm)\b", re.I)


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Reference] = []
        self.images: list[tuple[str, str | None]] = []  # every image: (src, alt)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "img":
            self.images.append((values.get("src", ""), values.get("alt")))
        if tag == "img" and "src" in values:
            url = values["src"]
            path = local_path(url)
            if path is not None:
                self.found.append(Reference("img", url, path, values.get("alt")))
        elif tag == "a" and "href" in values:
            url = values["href"]
            path = local_path(url)
            if path is not None and PurePosixPath(path).suffix.lower() in KINDS:
                self.found.append(Reference("a", url, path, None))


def references(markdown: str) -> list[Reference]:
    """Every image (any local `src`) and media link (a local `href` to an allowed suffix).

    Read from the plainest rendering of the text, so Markdown images, reference-style images
    and raw `<img>` tags are all found, and code spans and blocks are not.
    """
    return _parse(markdown).found


def images(markdown: str) -> list[tuple[str, str | None]]:
    """(src, alt) of every image in the text, from this site or not; alt None when missing."""
    return _parse(markdown).images


def _parse(markdown: str) -> _Refs:
    parser = _Refs()
    if _MAYBE.search(markdown):  # nearly all quiz text has no media: skip the parser
        parser.feed(render_core(markdown))
        parser.close()
    return parser


@cache
def _markdown_fields(model: type[BaseModel]) -> frozenset[str]:
    """The fields declared as `Markdown` (or lists of it): the texts a page renders."""
    marker = typing.get_args(Markdown)[1]
    hints = typing.get_type_hints(model, include_extras=True)

    def holds(hint: Any) -> bool:
        if marker in getattr(hint, "__metadata__", ()):
            return True
        return any(holds(arg) for arg in typing.get_args(hint))

    return frozenset(name for name in model.model_fields if holds(hints.get(name)))


def markdown_texts(model: BaseModel) -> Iterator[tuple[Loc, str, str | None]]:
    """(YAML path, Markdown, question id) for every Markdown text of a quiz (or a question),
    in file order; found by the `Markdown` type, so a new field or question type is covered."""
    yield from _walk(model, (), None)


def _walk(model: BaseModel, loc: Loc, qid: str | None) -> Iterator[tuple[Loc, str, str | None]]:
    if isinstance(model, QuestionBase):
        qid = model.id
    texts = _markdown_fields(type(model))
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name in texts:
            if isinstance(value, str):
                yield (*loc, name), value, qid
            elif isinstance(value, list):
                for index, text in enumerate(value):
                    if isinstance(text, str):
                        yield (*loc, name, index), text, qid
        elif isinstance(value, BaseModel):
            yield from _walk(value, (*loc, name), qid)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk(item, (*loc, name, index), qid)


# --- checking files ----------------------------------------------------------------------


def find_media(quiz: Quiz | Bank, quiz_file: Path) -> QuizMedia:
    """Every media reference of a quiz (or a bank) resolved against its file, with a problem
    per bad one."""
    out = QuizMedia()
    folder = quiz_file.parent
    for loc, text, qid in markdown_texts(quiz):
        refused: set[str] = set()  # one problem per text and path, however often it repeats
        for ref in references(text):
            if ref.path in out.files or ref.path in refused:
                continue
            found = resolve(folder, ref, "bank file" if isinstance(quiz, Bank) else "quiz file")
            if isinstance(found, MediaFile):
                out.files[ref.path] = found
            else:
                refused.add(ref.path)
                where = f"question '{qid}': " if qid else ""
                out.problems.append(MediaProblem(loc, where + found))
    return out


def _what(ref: Reference) -> str:
    return f"the image '{ref.url}'" if ref.tag == "img" else f"the linked file '{ref.url}'"


def resolve(folder: Path, ref: Reference, holder: str = "quiz file") -> MediaFile | str:
    """The checked file `ref` names, or a message saying what is wrong and how to fix it.

    The path is confined before the file system is touched (no `..` past the folder, no
    absolute path), and again after symbolic links are followed.
    """
    what = _what(ref)
    raw = ref.path
    if raw.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", raw) or "\x00" in raw:
        return (
            f"{what} is an absolute path: write a path relative to the {holder}, like img/chart.png"
        )
    base = Path(os.path.abspath(folder))
    lexical = Path(os.path.normpath(base / raw.replace("\\", "/")))
    if not lexical.is_relative_to(base):
        return (
            f"{what} is outside the {holder}'s folder: keep media files in that folder "
            "or one below it"
        )
    suffix = PurePosixPath(raw).suffix.lower()
    if suffix not in KINDS:
        return f"{what} is not a kind of file quizzes can hold: use {_ALLOWED}"
    kind, mime = KINDS[suffix]
    if ref.tag == "img" and kind != "image":
        return (
            f"{what} is {kind}, which cannot be shown as an image: link it instead, "
            f"as in [Listen]({ref.url})"
        )
    if not lexical.exists():
        return f"{what} was not found at {lexical} (paths are relative to the {holder})"
    try:
        real = lexical.resolve(strict=True)
    except (OSError, RuntimeError):
        return f"{what} cannot be read (a broken or looping symbolic link?)"
    if not real.is_relative_to(base.resolve()):
        return (
            f"{what} is a symbolic link to a file outside the {holder}'s folder: "
            "copy the file there instead"
        )
    try:
        data = read_regular(real, MAX_MEDIA_BYTES)
    except FileRefused as exc:
        return f"{what} cannot be used: {str(exc).removeprefix(f'{real}: ')}"
    if suffix == ".svg":
        problem = svg_problem(data)
        if problem:
            return f"{what} {problem}"
    return MediaFile(real, kind, mime, hashlib.sha256(data).hexdigest())


# --- SVG ---------------------------------------------------------------------------------

# An SVG opened on its own (a learner's "open image in new tab") is a document of the site's
# origin and runs its scripts; as <img> it never does. So an SVG must hold no script, no
# event handler, no embedded document and no reference to another file.
_SVG_ACTIVE = frozenset(
    {"script", "foreignobject", "iframe", "embed", "object", "handler", "listener", "set"}
)
_CSS_URL = re.compile(r"url\s*\(\s*['\"]?\s*(?!#)", re.I)
_CSS_IMPORT = re.compile(r"@import", re.I)
# A fragment of the same drawing, or a raster image embedded in it (as drawing tools save).
_INTERNAL = re.compile(r"\s*(#|data:image/(png|jpeg|gif|webp);)", re.I)


def svg_problem(data: bytes) -> str | None:
    """Why an SVG file is not safe to publish, or None when it is plain drawing."""
    if b"<!DOCTYPE" in data.upper() or b"<!ENTITY" in data.upper():
        return "declares a DOCTYPE or entities, which quizzes do not allow in SVG files"
    try:
        root = ET.fromstring(data)
    except ET.ParseError:
        return "is not a well-formed SVG file"
    if root.tag.rsplit("}", 1)[-1] != "svg":
        return "is not an SVG image (its root element is not <svg>)"
    for node in root.iter():
        tag = str(node.tag).rsplit("}", 1)[-1].lower()
        if tag in _SVG_ACTIVE:
            return f"holds a <{tag}> element, which could run script: quizzes allow plain drawing"
        if tag == "style" and (
            _CSS_URL.search(node.text or "") or _CSS_IMPORT.search(node.text or "")
        ):
            return "loads other files from its styles, which quizzes do not allow"
        for name, value in node.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                return f"has an event handler ({local}), which could run script"
            if local == "href" and not _INTERNAL.match(value):
                return "links to another file or address, which quizzes do not allow in SVG files"
            if local == "style" and _CSS_URL.search(value):
                return "loads other files from its styles, which quizzes do not allow"
    return None
