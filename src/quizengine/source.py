"""Safe YAML loading that remembers where every value came from.

Quiz YAML is a strict subset of YAML: libyaml's C parser composes the node graph (fast, and
nothing is ever constructed from a tag), our own resolver applies the YAML 1.2 core schema
(so `no` stays a string and `2024-01-01` stays text), and our converter turns nodes into
plain dicts and lists while enforcing the hostile-input limits of spec §6. The node graph
is kept so that a validation error can be mapped back to `line:col` only when one occurs:
positions cost nothing on the happy path.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import MAX_DIAGNOSTICS_PER_FILE, Diagnostic
from .safeio import FileRefused, read_regular

try:  # libyaml is almost always present; the pure parser is the fallback.
    from yaml import CSafeLoader as _BaseLoader
    from yaml._yaml import get_version as _libyaml_version

    # libyaml 0.2.6 refuses nesting past 1,000 levels itself, so composing cannot exhaust
    # the stack and the textual pre-scan (a tenth of a large file's parse) is not needed.
    _LIBYAML_LIMITS_NESTING = tuple(_libyaml_version()) >= (0, 2, 6)
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

    _LIBYAML_LIMITS_NESTING = False

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 64
MAX_NODES = 500_000
# Far above any real quiz value, far below Python's 4,300-digit int-string limit.
MAX_NUMBER_CHARS = 100
# libyaml's composer recurses in C: past some thousands of levels it overflows the stack.
# A cheap textual bound below this figure proves a document safe to compose directly.
_SAFE_COMPOSE_DEPTH = 1_000

_STR, _INT, _FLOAT, _BOOL, _NULL = "!qe/str", "!qe/int", "!qe/float", "!qe/bool", "!qe/null"
_SEQ, _MAP = "!qe/seq", "!qe/map"

_INT_RE = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT_RE = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL = {
    "": (_NULL, None),
    "~": (_NULL, None),
    "null": (_NULL, None),
    "Null": (_NULL, None),
    "NULL": (_NULL, None),
    "true": (_BOOL, True),
    "True": (_BOOL, True),
    "TRUE": (_BOOL, True),
    "false": (_BOOL, False),
    "False": (_BOOL, False),
    "FALSE": (_BOOL, False),
    ".inf": (_FLOAT, float("inf")),
    ".Inf": (_FLOAT, float("inf")),
    ".INF": (_FLOAT, float("inf")),
    "+.inf": (_FLOAT, float("inf")),
    "-.inf": (_FLOAT, float("-inf")),
    ".nan": (_FLOAT, float("nan")),
    ".NaN": (_FLOAT, float("nan")),
    ".NAN": (_FLOAT, float("nan")),
}
_NUMBER_START = frozenset("0123456789+-.")


class _Loader(_BaseLoader):
    """Composes nodes only; tags it did not resolve itself mark an explicit (forbidden) tag."""

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        # Called for every node of every file: YAML 1.2 core schema inline, one call less per value.
        if kind is ScalarNode:
            if not implicit[0]:
                return _STR
            special = _SPECIAL.get(value)
            if special is not None:
                return special[0]
            if value and value[0] in _NUMBER_START:
                if _INT_RE.fullmatch(value):
                    return _INT
                if _FLOAT_RE.fullmatch(value):
                    return _FLOAT
            return _STR
        return _SEQ if kind is SequenceNode else _MAP


@dataclass(slots=True)
class SourceDocument:
    """A parsed file: plain data for validation, and the nodes that say where it came from."""

    path: str
    root: Node | None
    data: Any
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # Problems found past the per-file cap: counted, not listed (see `cap_diagnostics`).
    unlisted: int = 0
    # Key lookups per mapping node, built on first use: a file with thousands of errors in
    # one mapping costs one pass over its keys, not one pass per error.
    _keys: dict[int, dict[str, tuple[Node, Node]]] = field(default_factory=dict, repr=False)

    def position(self, loc: tuple[int | str, ...], *, key: bool = False) -> tuple[int, int]:
        """1-based line and column of the node at `loc` (of its key when `key` is set).

        Path elements that are not in the data (a union's tag, say) are skipped, and the walk
        stops at the deepest node that exists, which is the most useful place to point at.
        """
        node = self.root
        key_node: Node | None = None
        for part in loc:
            if isinstance(node, MappingNode) and isinstance(part, str):
                found = self._key_index(node).get(part)
                if found is None:
                    continue
                key_node, node = found
            elif isinstance(node, SequenceNode) and isinstance(part, int):
                if not 0 <= part < len(node.value):
                    break
                key_node, node = None, node.value[part]
        target = key_node if key and key_node is not None else node
        if target is None:
            return 1, 1
        mark = target.start_mark
        return mark.line + 1, mark.column + 1

    def _key_index(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        index = self._keys.get(id(node))
        if index is None:
            index = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode):
                    index.setdefault(key_node.value, (key_node, value_node))
            self._keys[id(node)] = index
        return index


def read_document(path: Path, display: str | None = None) -> SourceDocument:
    """Read, decode and parse one YAML file; problems come back as diagnostics, never raised."""
    name = display or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return _failed(name, 1, 1, f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")
        raw = read_regular(path, MAX_BYTES)
    except OSError as exc:
        return _unreadable(name, f"cannot read file: {exc.strerror or exc}")
    except FileRefused as exc:
        return _unreadable(name, str(exc).removeprefix(f"{path}: "))
    return parse_bytes(raw, name)


def parse_bytes(raw: bytes, name: str) -> SourceDocument:
    if len(raw) > MAX_BYTES:
        return _failed(name, 1, 1, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return _failed(name, line, col, "file is not valid UTF-8 text (is it a binary file?)")
    return parse_text(text, name)


def parse_text(text: str, name: str) -> SourceDocument:
    if not _LIBYAML_LIMITS_NESTING:
        depth_problem = _depth_guard(text)
        if depth_problem is not None:
            return _failed(name, *depth_problem)
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        # Only a document that fails to compose can be one libyaml refused for its depth:
        # the guard then gives our own message and position, as it does before composing.
        if _LIBYAML_LIMITS_NESTING and (depth_problem := _depth_guard(text)) is not None:
            return _failed(name, *depth_problem)
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return _failed(name, line, col, f"YAML syntax error: {_yaml_reason(exc)}")
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        return _failed(name, line, col, f"file contains a character YAML forbids ({exc.reason})")
    except yaml.YAMLError as exc:
        return _failed(name, 1, 1, f"YAML error: {exc}")
    finally:
        loader.dispose()
    doc = SourceDocument(name, root, None)
    if root is None:
        doc.diagnostics.append(Diagnostic(name, 1, 1, "file is empty: expected a quiz mapping"))
        return doc
    converter = _Converter(name)
    doc.data = converter.convert(root, 0)
    doc.diagnostics.extend(converter.diagnostics)
    doc.unlisted = converter.unlisted
    if converter.aborted:
        doc.data = None
    return doc


# The YAML reader's own words name the rule, not the mistake an author made: each common
# one gets the usual cause and its fix. libyaml has no error codes; its messages are fixed
# strings in its C source (and PyYAML's pure reader words one of them differently).
_MAPPING_VALUES = (
    "a value holding ': ' (a colon and a space) must be in quotes, as in "
    'title: "Salary: how much?"; or a key is indented more than the keys above it'
)
_YAML_HINTS = {
    "mapping values are not allowed in this context": _MAPPING_VALUES,
    "mapping values are not allowed here": _MAPPING_VALUES,
    "found character that cannot start any token": (
        "indent with spaces, never tabs; a value starting with @ or ` must be in quotes"
    ),
    "found unexpected end of stream": "a quote or bracket is opened but never closed",
    "did not find expected key": (
        "a line is indented differently from the keys around it, or a quoted value goes on "
        "after its closing quote (to put \" inside a value, quote it with ' instead)"
    ),
    "did not find expected '-' indicator": (
        "a line in a list is indented differently from the '- ' entries: line each key up "
        "with the first key of its entry"
    ),
    "did not find expected node content": "a bracket [ or brace { is opened but never closed",
}


def _yaml_reason(exc: yaml.MarkedYAMLError) -> str:
    reason = exc.problem or "malformed YAML"
    if exc.context:
        reason += f" {exc.context}"
        start, end = exc.context_mark, exc.problem_mark
        if start and (not end or (start.line, start.column) != (end.line, end.column)):
            reason += f" started at line {start.line + 1}, column {start.column + 1}"
    hint = _YAML_HINTS.get(exc.problem or "")
    return f"{reason}; {hint}" if hint else reason


def _line_col(text: str, index: int) -> tuple[int, int]:
    index = max(0, min(index, len(text)))
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _failed(name: str, line: int, col: int, message: str) -> SourceDocument:
    return SourceDocument(name, None, None, [Diagnostic(name, line, col, message)])


def _unreadable(name: str, message: str) -> SourceDocument:
    return SourceDocument(name, None, None, [Diagnostic.whole_file(name, message)])


_DEEP_INDENT = re.compile(rf"^ {{{_SAFE_COMPOSE_DEPTH // 4}}}", re.MULTILINE)
_COMPACT_RUN = re.compile(rf"(?:[-?:][ \t]+){{{_SAFE_COMPOSE_DEPTH // 4}}}")


def _depth_guard(text: str) -> tuple[int, int, str] | None:
    """Reject nesting too deep to compose safely, before libyaml recurses into it.

    Nesting comes from flow brackets, indentation and compact `- - -` runs; when all three
    are small the document cannot be deep and we skip the exact (slower) event scan.
    """
    flow = text.count("[") + text.count("{")
    if (
        flow < _SAFE_COMPOSE_DEPTH // 2
        and not _DEEP_INDENT.search(text)
        and not _COMPACT_RUN.search(text)
    ):
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_BaseLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                    return line, col, f"nesting is deeper than {MAX_DEPTH} levels"
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # libyaml >= 0.2.6 refuses nesting past its own limit (1,000 levels) while scanning
        # ahead, before it hands us the events that would take us past ours. Whether that is
        # what happened is decided by our own count at the failing mark, not by its wording.
        mark = exc.problem_mark
        if mark is not None and _flow_depth(text, mark.index) > MAX_DEPTH:
            return mark.line + 1, mark.column + 1, f"nesting is deeper than {MAX_DEPTH} levels"
        return None  # the composer will report the syntax error with its position
    except yaml.YAMLError:
        return None
    return None


def _flow_depth(text: str, end: int) -> int:
    """Open flow brackets before `end`, counted textually (enough to tell a bracket bomb)."""
    head = text[:end]
    return head.count("[") + head.count("{") - head.count("]") - head.count("}")


class _Converter:
    """Nodes -> plain data, enforcing the strict subset and the size limits."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.diagnostics: list[Diagnostic] = []
        self.visited = 0
        self.aborted = False
        self.unlisted = 0

    def _error(self, node: Node, message: str) -> None:
        if len(self.diagnostics) >= MAX_DIAGNOSTICS_PER_FILE:
            self.unlisted += 1
            return
        mark = node.start_mark
        self.diagnostics.append(Diagnostic(self.name, mark.line + 1, mark.column + 1, message))

    def convert(self, node: Node, depth: int) -> Any:
        if self.aborted:
            return None
        self.visited += 1
        if self.visited > MAX_NODES:
            self._error(
                node,
                f"document expands to more than {MAX_NODES:,} values "
                "(an alias bomb?); simplify its anchors and aliases",
            )
            self.aborted = True
            return None
        if depth > MAX_DEPTH:
            self._error(node, f"nesting is deeper than {MAX_DEPTH} levels")
            self.aborted = True
            return None
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag == _MAP:
            return self._mapping(node, depth)
        if tag == _SEQ:
            return [self.convert(child, depth + 1) for child in node.value]
        if tag in (_INT, _FLOAT):
            return self._number(node)
        if tag in (_BOOL, _NULL):
            return _SPECIAL[node.value][1]
        self._error(node, f"YAML tags are not allowed in quiz files (found '{tag}')")
        return None

    def _number(self, node: Node) -> int | float | None:
        """Only finite numbers of sensible length: `.inf` or `1e999` would grade nonsense and
        print `Infinity` (not JSON), and a 5,000-digit integer trips Python's int-string limit
        wherever it is printed."""
        value: str = node.value
        if len(value) > MAX_NUMBER_CHARS:
            self._error(
                node,
                f"this number is {len(value):,} characters long; numbers in a quiz file may "
                f"have at most {MAX_NUMBER_CHARS} (put it in quotes if it is meant as text)",
            )
            return None
        if node.tag == _INT:
            if value.startswith(("0o", "0x")):
                return int(value[2:], 8 if value[1] == "o" else 16)
            return int(value)
        # The only floats among the specials are infinities and NaN.
        if value in _SPECIAL:
            self._error(node, f"'{value}' is not allowed: a quiz needs ordinary, finite numbers")
            return None
        if not math.isfinite(number := float(value)):
            self._error(node, f"'{value}' is too large to be a number in a quiz")
            return None
        return number

    def _mapping(self, node: Node, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in (
                _STR,
                _INT,
                _FLOAT,
                _BOOL,
                _NULL,
            ):
                self._error(key_node, "a key must be plain text")
                continue
            key = key_node.value
            if key == "<<" and not key_node.style:
                self._error(key_node, "merge keys (<<) are not supported; repeat the keys instead")
                continue
            if key in out:
                self._error(key_node, f"duplicate key '{key}': each key may appear once")
                continue
            out[key] = self.convert(value_node, depth + 1)
        return out
