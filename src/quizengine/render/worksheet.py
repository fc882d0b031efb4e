"""A worksheet (`::worksheet{#id}`, worksheets.py): the author's table or list, with fields.

Works on the element tree Python-Markdown built for the page, after inline Markdown, so the
author's table stays the author's table: a blank body cell (empty, or only underscores such
as `___`) gets a text field, every other cell stays text; in a list each top-level item gets
one. Every field is a real `<textarea>` in the page, with an accessible name made from its
row and column headers (or its item's words), so without JavaScript the table still reads as
a table and the fields can still be typed in; the client (worksheet.js) saves them as the
learner types. A field's key is made from those same headers, never from its position:
answers saved under a key find their field again after the author adds a row, and are left
unshown (not shown in the wrong place) when the author renames one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from ..worksheets import no_blank_cell

_STASHED = re.compile("\x02[^\x03]*\x03")  # Python-Markdown's placeholders for raw HTML
_BLANK = re.compile(r"^(?:\s*|\s*_{3,}\s*)$")
_SLUG = re.compile(r"[^a-z0-9]+")
MAX_CHARS = 4000
"""Longest answer a field takes: the client enforces the same bound on what it reads back."""


def text_of(element: etree.Element) -> str:
    """The words a reader sees in `element`, on one line."""
    return " ".join(_STASHED.sub("", "".join(element.itertext())).split())


def slug(text: str, limit: int = 40) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")[:limit].strip("-")


def build(sheet_id: str, box: etree.Element, target: etree.Element) -> str | None:
    """Move `target` (a table or list) into `box` and add its fields; or say why it can't be.

    `box` is the directive's empty `<div data-qe="worksheet">`, already in the page.
    """
    if target.tag == "table":
        fields = _table_fields(sheet_id, target)
        if not fields:
            return no_blank_cell(sheet_id)
    elif target.tag in ("ol", "ul"):
        fields = _list_fields(sheet_id, target)
    else:
        return f"::worksheet{{#{sheet_id}}} must be followed by the table or list to fill in"
    note = etree.SubElement(box, "div", {"class": "qe-note", "role": "status"})
    note.set("hidden", "hidden")
    scroll = etree.SubElement(box, "div", {"class": "qe-ws-scroll"})
    scroll.append(target)
    status = etree.SubElement(box, "p", {"class": "qe-ws-status qe-js", "hidden": "hidden"})
    status.text = (
        "Your answers are saved in this browser as you type, and included when you export "
        "your progress."
    )
    nojs = etree.SubElement(box, "p", {"class": "qe-nojs qe-ws-status"})
    nojs.text = "You can type in this worksheet, but it is kept only with JavaScript on."
    return None


def _table_fields(sheet_id: str, table: etree.Element) -> int:
    head = table.find("thead")
    columns = [text_of(th) for th in head.iter("th")] if head is not None else []
    keys: set[str] = set()
    count = 0
    bodies = table.findall("tbody") or [table]
    for number, row in enumerate((tr for body in bodies for tr in body.findall("tr")), 1):
        cells = [c for c in row if c.tag in ("td", "th")]
        first = text_of(cells[0]) if cells else ""
        row_name = first if first and not _blank(cells[0]) else f"Row {number}"
        for index, cell in enumerate(cells):
            if cell.tag != "td" or not _blank(cell):
                continue
            column = columns[index] if index < len(columns) else f"Column {index + 1}"
            label = f"{row_name}: {column}" if column else row_name
            key = _unique(f"{slug(row_name) or 'row'}--{slug(column) or index + 1}", keys)
            cell.text = None
            _field(sheet_id, cell, key, label)
            count += 1
    return count


def _list_fields(sheet_id: str, items: etree.Element) -> int:
    keys: set[str] = set()
    count = 0
    for number, item in enumerate((li for li in items if li.tag == "li"), 1):
        words = text_of(item)
        short = words if len(words) <= 70 else words[:70].rsplit(" ", 1)[0] + "…"
        where = f"{number}. " if items.tag == "ol" else ""
        key = _unique(slug(" ".join(words.split()[:6])) or f"item-{number}", keys)
        _field(sheet_id, item, key, f"Your answer to {where}{short}")
        count += 1
    return count


def _blank(cell: etree.Element) -> bool:
    return len(cell) == 0 and _BLANK.match(_STASHED.sub("", cell.text or "")) is not None


def _unique(key: str, keys: set[str]) -> str:
    base, n = key, 1
    while key in keys:
        n += 1
        key = f"{base}-{n}"
    keys.add(key)
    return key


def _field(sheet_id: str, parent: etree.Element, key: str, label: str) -> None:
    """A textarea and, for print, a copy of its text (worksheet.js keeps it up to date)."""
    area = etree.SubElement(
        parent,
        "textarea",
        {
            "class": "qe-ws-in",
            "id": f"qe-ws-{sheet_id}-{key}",
            "data-key": key,
            "aria-label": label,
            "rows": "2",
            "maxlength": str(MAX_CHARS),
        },
    )
    area.text = ""
    etree.SubElement(parent, "div", {"class": "qe-ws-print", "aria-hidden": "true"}).text = ""
