"""Imported questions -> quiz YAML that reads like a hand-written file and validates.

Multi-line text is written as literal blocks (`|`), keys in the order authors use, and
the result is checked with the same loader as `quizengine validate` before it is returned.
"""

from __future__ import annotations

from typing import Any

import yaml

from ..loader import validate_document
from ..source import MAX_BYTES, parse_text
from .common import LmsFormatError

try:  # libyaml's emitter is many times faster than the pure-Python one
    from yaml import CSafeDumper as _BaseDumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]


class _Dumper(_BaseDumper):
    """Literal blocks for multi-line strings; never aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str(dumper: _Dumper, value: str) -> yaml.Node:
    if "\n" in value.strip():
        # PyYAML falls back to a quoted scalar where a block cannot hold the text exactly
        # (trailing spaces of a Markdown hard line break, say).
        return dumper.represent_scalar("tag:yaml.org,2002:str", value.strip(), style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def quiz_yaml(
    quiz_id: str,
    title: str,
    questions: list[dict[str, Any]],
    source: str,
    *,
    description: str | None = None,
) -> str:
    """The YAML text of a quiz; raises `LmsFormatError` if it would not validate."""
    if not questions:
        raise LmsFormatError("no question could be imported (see the warnings)")
    if sum(len(repr(q)) for q in questions) > MAX_BYTES:  # cheap, before the costly dump
        raise LmsFormatError(
            f"the quiz would be larger than the {MAX_BYTES // 1024} KiB a quiz file may hold:"
            " split the input into several files"
        )
    data: dict[str, Any] = {"id": quiz_id, "title": title}
    if description:
        data["description"] = description
    data["questions"] = questions
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88, indent=2)
    text = f"# Imported from {source}. Check the warnings printed during import.\n{body}"
    loaded = validate_document(parse_text(text, f"{quiz_id}.yaml"))
    errors = [d for d in loaded.diagnostics if d.severity == "error"]
    if errors or loaded.quiz is None:
        raise LmsFormatError(
            "the imported quiz does not validate: " + "; ".join(d.format() for d in errors)
        )
    return text
