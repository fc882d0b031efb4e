"""`::worksheet{#id}` in page Markdown: the directive, then the table or list after it.

Two steps, because the directive and what it applies to are separate blocks: the block
processor turns the directive line into an empty `<div data-qe="worksheet">` (or a problem
box), and after inline Markdown has run (so header text is final) the tree processor moves
the next table or list into it and adds the fields (render/worksheet.py). Blocks parsed after
the directive are whatever the host's extensions make of them, so a loose list split over
several blocks is still one list by then.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import Any

import markdown
from markdown.blockprocessors import BlockProcessor
from markdown.treeprocessors import Treeprocessor

from ..render.assets import inline_assets
from ..render.worksheet import build
from ..worksheets import LOOSE, parse

log = logging.getLogger("mkdocs.plugins.quizengine")


class WorksheetBlockProcessor(BlockProcessor):
    def __init__(self, parser: Any, problem: Callable[[str], str]) -> None:
        super().__init__(parser)
        self.problem = problem

    def test(self, parent: etree.Element, block: str) -> bool:
        return LOOSE.match(block.split("\n", 1)[0].rstrip()) is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        line, _, rest = blocks.pop(0).partition("\n")
        if rest.strip():  # the table or list may start on the very next line
            blocks.insert(0, rest)
        sheet_id, problem = parse(line)
        if problem is not None:
            paragraph = etree.SubElement(parent, "p")
            paragraph.text = self.parser.md.htmlStash.store(self.problem(problem))
            return True
        etree.SubElement(
            parent,
            "div",
            {"class": "qe-ws", "data-qe": "worksheet", "data-worksheet": sheet_id or ""},
        )
        return True


class WorksheetTreeprocessor(Treeprocessor):
    """Fills each directive's box; without the plugin, inlines the client before the first."""

    def __init__(
        self,
        md: markdown.Markdown,
        problem: Callable[[str], str],
        shipped: set[str] | None,
    ) -> None:
        super().__init__(md)
        self.problem = problem
        self.shipped = shipped

    def run(self, root: etree.Element) -> None:
        boxes = [
            (parent, box)
            for parent in root.iter()
            for box in parent
            if box.tag == "div" and box.get("data-qe") == "worksheet" and len(box) == 0
        ]
        for parent, box in boxes:
            siblings = list(parent)
            at = siblings.index(box)
            target = siblings[at + 1] if at + 1 < len(siblings) else etree.Element("p")
            problem = build(box.get("data-worksheet", ""), box, target)
            if problem is not None:
                paragraph = etree.Element("p")
                paragraph.text = self.md.htmlStash.store(self.problem(problem))
                parent.remove(box)
                parent.insert(at, paragraph)
                continue
            parent.remove(target)
            if self.shipped is not None:
                client = inline_assets('<div data-qe="worksheet">', self.shipped)
                if client:
                    paragraph = etree.Element("p")
                    paragraph.text = self.md.htmlStash.store(client)
                    parent.insert(at, paragraph)
