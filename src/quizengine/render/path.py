"""The learner's path: ticks, "Mark this page complete", "Continue where you left off", and
what is left to do (client: `client/path.js`, loaded by every module page and My progress).

The build writes shells and the module's contents as data; the client fills them from what
this browser holds, because progress lives only there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..contents import Item
from .markup import esc, json_data


@dataclass(frozen=True, slots=True)
class PathModule:
    """A module as the client needs it: URLs are relative to the site root."""

    id: str
    title: str
    url: str  # the module page (its index.md), never counted as "where you left off"
    items: Sequence[Item]
    urls: Sequence[str]


def path_data(modules: Sequence[PathModule], root: str, page: str | None) -> str:
    """The modules' contents for path.js, with the site root relative to this page and the
    page's own source path (None on a page outside every module, such as My progress)."""
    data = {
        "root": root,
        "page": page,
        "modules": [
            {
                "id": m.id,
                "title": m.title,
                "url": m.url,
                "items": [
                    {
                        "page": item.page,
                        "url": url,
                        "title": item.title,
                        "time": item.time,
                        "quizzes": list(item.quizzes),
                    }
                    for item, url in zip(m.items, m.urls, strict=True)
                ],
            }
            for m in modules
        ],
    }
    return json_data(data).replace('class="qe-data"', 'class="qe-path-data"', 1)


def render_continue(module_id: str) -> str:
    """Hidden until the client finds somewhere to continue (nothing started: stays hidden)."""
    return (
        f'<p class="qe-continue" data-module="{esc(module_id)}" hidden>'
        '<a class="md-button md-button--primary" href="">Continue where you left off</a></p>'
    )


def render_path_progress(modules: Sequence[PathModule]) -> str:
    """My progress: per module, where to continue, what is left (with links) and what is done."""
    return "".join(
        f'<section class="qe-path" data-module="{esc(m.id)}" hidden>'
        f"<h2>{esc(m.title)}: your path</h2>{render_continue(m.id)}"
        '<h3>Still to do</h3><ul class="qe-left"></ul>'
        '<h3>Done</h3><ul class="qe-did"></ul></section>'
        for m in modules
    )


_H1_END = re.compile(r"</h1>")


def with_time(html: str, item: Item) -> str:
    """The item's time under the page's title (or first, when it has none)."""
    note = f'<p class="qe-reading-time">About {esc(item.time)}</p>'
    return _H1_END.sub("</h1>" + note, html, count=1) if "</h1>" in html else note + html


def after_title(html: str, extra: str) -> str:
    """`extra` right after the time under the title (or the title, or first)."""
    end = html.find('<p class="qe-reading-time">')
    if end >= 0:
        end = html.index("</p>", end) + 4
    elif "</h1>" in html:
        end = html.index("</h1>") + 5
    else:
        end = 0
    return html[:end] + extra + html[end:]
