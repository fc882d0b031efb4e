"""Each module's navigation section, built from its manifest, for MkDocs and for Zensical.

The MkDocs plugin inserts the sections at build time. Zensical runs no MkDocs plugins, so
`mkdocs.yml` also carries the same sections as text between two marker comments, written by
`quizengine nav --write` and checked by `quizengine nav --check` (and the test suite): one
source, the manifest, and a generated copy that cannot drift unnoticed. The plugin replaces
a section titled like the module in place, so the copy never shows up twice.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .models.module import Module

BEGIN = "# BEGIN quizengine module nav"
END = "# END quizengine module nav"
_NOTE = " (generated from each module.yaml by `quizengine nav --write`; do not edit)"


class NavBlockMissing(ValueError):
    """The config has no marker comments to write the module sections between."""


def nav_section(module: Module) -> dict[str, list[Any]]:
    """A module as a MkDocs nav section of its chapters, in manifest order."""
    return {
        module.title: [
            {c.title: f"{module.docs_folder}/{c.page}"}
            if c.title
            else f"{module.docs_folder}/{c.page}"
            for c in module.chapters
        ]
    }


def with_modules(nav: list[Any], modules: Sequence[Module]) -> list[Any]:
    """The nav with each module's section: replaced in place when a section has its title.

    Otherwise the section goes after the first entry (the home page), so authors keep
    control of everything else in the nav.
    """
    out = list(nav)
    insert_at = min(1, len(out))
    for module in modules:
        section = nav_section(module)
        titles = [next(iter(e)) if isinstance(e, dict) else None for e in out]
        if module.title in titles:
            out[titles.index(module.title)] = section
        else:
            out.insert(insert_at, section)
            insert_at += 1
    return out


def _scalar(text: str) -> str:
    """A YAML scalar for a nav title or path: a JSON string is YAML that reads back as text
    whatever it holds (`true`, `1.0`, `a: b`, `#1`)."""
    return json.dumps(text, ensure_ascii=False)


def nav_block(modules: Sequence[Module], indent: str = "  ") -> str:
    """The YAML lines of every module's section, markers included, at `indent`."""
    lines = [f"{indent}{BEGIN}{_NOTE}"]
    for module in modules:
        lines.append(f"{indent}- {_scalar(module.title)}:")
        for entry in nav_section(module)[module.title]:
            if isinstance(entry, dict):
                ((title, page),) = entry.items()
                lines.append(f"{indent}    - {_scalar(title)}: {_scalar(page)}")
            else:
                lines.append(f"{indent}    - {_scalar(entry)}")
    lines.append(f"{indent}{END}")
    return "\n".join(lines) + "\n"


def sync_nav(config_text: str, modules: Sequence[Module]) -> str:
    """`mkdocs.yml`'s text with the block between the markers regenerated from `modules`."""
    lines = config_text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.strip().startswith(BEGIN)]
    ends = [i for i, line in enumerate(lines) if line.strip() == END]
    if len(starts) != 1 or len(ends) != 1 or ends[0] < starts[0]:
        raise NavBlockMissing(
            f"expected one '{BEGIN}' line and one '{END}' line after it under 'nav:'"
        )
    first = lines[starts[0]]
    indent = first[: len(first) - len(first.lstrip())]
    return "".join(lines[: starts[0]]) + nav_block(modules, indent) + "".join(lines[ends[0] + 1 :])
