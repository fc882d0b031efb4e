"""Files from outside, read and written defensively: the hostile-input limits of spec §6.

Every command reads its inputs through `read_regular`: only regular files (a FIFO would
hang the command, `/dev/zero` would fill memory), never more than a size cap. Outputs go
through `check_output` before the long part of a run (so a learner never answers a whole
quiz to lose it to a bad path) and `write_atomic` (so an interrupted run never leaves a
truncated report where the previous one was). `terminal_text` and `json_text` make learner
text safe to print and JSON output always valid.
"""

from __future__ import annotations

import json
import math
import os
import re
import stat
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from .errors import QuizEngineError


class FileRefused(QuizEngineError):
    """An input that is not a readable regular file within its size cap, or an output that
    cannot be written where it was asked for; the message says which and why."""


def read_regular(path: Path | str, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or `FileRefused` saying why."""
    name = os.fspath(path)
    try:
        info = os.stat(name)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused(f"{name}: {_kind(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise FileRefused(f"{name}: file is {info.st_size:,} bytes; the limit is {limit:,}")
        # O_NONBLOCK: should the file be swapped for a FIFO after the check, open() must
        # not wait for a writer; the fstat below then refuses it.
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise FileRefused(f"{name}: not a regular file")
            data = handle.read(limit + 1)
    except OSError as exc:
        raise FileRefused(f"cannot read {name}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise FileRefused(f"{name}: file is larger than the limit of {limit:,} bytes")
    return data


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def check_output(path: Path | str, *, force: bool = True) -> None:
    """Refuse an output path that cannot be written, before any work is done.

    The folder must exist; the path must not be a folder, a symlink (a dangling one would
    write wherever it points) or anything but a regular file; an existing file is replaced
    only with `force`.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FileRefused(f"{target}: the folder {folder} does not exist")
    if target.is_symlink():
        raise FileRefused(f"{target}: is a symbolic link; name a plain file instead")
    if target.exists():
        if not target.is_file():
            raise FileRefused(f"{target}: is a folder or a special file, not a file to write")
        if not force:
            raise FileRefused(f"{target}: already exists (use --force to replace it)")
    if not os.access(folder, os.W_OK):
        raise FileRefused(f"{target}: the folder {folder} is not writable")


def write_atomic(path: Path | str, data: bytes | str) -> None:
    """Write to a temporary file in the same folder, then rename it into place."""
    target = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def child_path(folder: Path, name: str) -> Path:
    """`folder/name` for a plain file name only: no separators, no `..`, nothing hidden."""
    if (
        not name
        or name in (".", "..")
        or "/" in name
        or "\\" in name
        or "\x00" in name
        or name.startswith(".")
    ):
        raise FileRefused(f"'{name}' is not a plain file name (no folders, no leading dot)")
    return folder / name


# C0 and C1 controls and DEL, except tab and newline; ESC starts every terminal sequence.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|.)?")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")


def terminal_text(text: str) -> str:
    """Learner text as harmless characters: escape sequences removed, other controls shown
    as `?`, lone surrogates as U+FFFD. A response file could otherwise retitle or clear the
    instructor's terminal, or worse."""
    if text.isascii() and text.isprintable():
        return text
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _CONTROL.sub("?", text)
    return _SURROGATE.sub("\ufffd", text)


def json_text(value: object, *, indent: int | None = 2) -> str:
    """JSON that any parser reads: never `NaN` or `Infinity`, never a lone surrogate."""
    try:
        text = json.dumps(value, indent=indent, ensure_ascii=False, allow_nan=False)
    except ValueError:  # a non-finite float slipped through: null is what JSON can say
        text = json.dumps(_finite(value), indent=indent, ensure_ascii=False, allow_nan=False)
    return _SURROGATE.sub("\ufffd", text)


def _finite(value: object) -> object:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, list | tuple):
        return [_finite(item) for item in value]
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    return value


class JsonRefused(ValueError):
    """JSON that Python reads but our outputs could not carry: `NaN`, `Infinity`, numbers
    too large for a float, integers past the int-string limit."""


_MAX_INT_DIGITS = 300  # past 10**308 an integer is no longer a finite float


def _constant(name: str) -> float:
    raise JsonRefused(f"{name} is not a number a response may hold")


def _float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise JsonRefused(f"the number {text[:20]}{'...' * (len(text) > 20)} is too large")
    return value


def _int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_INT_DIGITS:
        raise JsonRefused(f"a number with {len(text.lstrip('-')):,} digits is too large")
    return int(text)


def loads_json(data: str | bytes) -> object:
    """`json.loads` for files from outside: finite numbers only, lone surrogates replaced.

    Raises `ValueError` (a `JsonRefused`, a `json.JSONDecodeError` or a `UnicodeDecodeError`),
    or `RecursionError` for absurd nesting; callers turn them into one clear message.
    """
    value = json.loads(data, parse_constant=_constant, parse_float=_float, parse_int=_int)
    # A lone surrogate can only come from a \\uD8xx..\\uDFxx escape: skip the walk without one.
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return _clean(value) if _SURROGATE_ESCAPE.search(raw) else value


def _clean(value: object) -> object:
    if isinstance(value, str):
        return value if value.isascii() else _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, dict):
        return {_clean(key): _clean(item) for key, item in value.items()}
    return value


# Characters XML 1.0 forbids even as references: a control character in a title would make
# the whole export ill-formed, and the LMS would refuse the file.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_clean(root: ET.Element) -> ET.Element:
    """Replace XML-illegal characters in every text, tail and attribute with U+FFFD."""
    for element in root.iter():
        if element.text and _XML_ILLEGAL.search(element.text):
            element.text = _XML_ILLEGAL.sub("\ufffd", element.text)
        if element.tail and _XML_ILLEGAL.search(element.tail):
            element.tail = _XML_ILLEGAL.sub("\ufffd", element.tail)
        for key, value in element.attrib.items():
            if _XML_ILLEGAL.search(value):
                element.set(key, _XML_ILLEGAL.sub("\ufffd", value))
    return root
