"""Fixtures for the renderer tests: a quiz of every type, Markdown, and an HTML tree to query."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest

from quizengine.models import Quiz, RubricCriterion, StarQuestion
from quizengine.render import render_quiz

HERE = Path(__file__).resolve().parent
VOID = {"input", "br", "hr", "img", "meta", "link", "source", "wbr", "col", "area", "base"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node] = field(default_factory=list)
    text: str = ""

    def iter(self) -> Any:
        yield self
        for child in self.children:
            yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        def fits(n: Node) -> bool:
            if tag and n.tag != tag:
                return False
            for key, want in attrs.items():
                have = n.attrs.get(key.rstrip("_").replace("_", "-"))
                if have is None or (want != "*" and want not in have.split() and want != have):
                    return False
            return True

        return [n for n in self.iter() if fits(n)]

    def find(self, tag: str | None = None, **attrs: str) -> Node:
        found = self.find_all(tag, **attrs)
        assert found, f"no <{tag}> with {attrs}"
        return found[0]

    def all_text(self) -> str:
        return self.text + "".join(c.all_text() for c in self.children)


class TreeBuilder(HTMLParser):
    """A strict little tree builder: every non-void tag must be closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(Node("#text", {}, text=data))


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    assert len(builder.stack) == 1, "unclosed elements"
    return builder.root


def md(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list"])


def rubric_stub(q: StarQuestion) -> list[RubricCriterion]:
    """Stands in for the STAR module's default rubric when a question has none."""
    return q.rubric or [
        RubricCriterion(id="clarity", criterion="Clear *story*", levels=["Unclear", "Clear"]),
        RubricCriterion(id="impact", criterion="Impact", levels=["None", "Some", "Plenty"]),
    ]


ALL_TYPES: dict[str, Any] = {
    "id": "every",
    "title": "Every <type>",
    "description": "Read **this** first.",
    "questions": [
        {
            "id": "one",
            "type": "single",
            "prompt": "Pick *one*",
            "hint": "A hint",
            "explanation": "Because.",
            "options": [
                {"text": "Right", "correct": True, "feedback": "Well done"},
                {"text": "Wrong"},
            ],
        },
        {
            "id": "many",
            "type": "multiple",
            "prompt": "Pick some",
            "options": [
                {"text": "A", "correct": True},
                {"text": "B", "correct": True},
                {"text": "C"},
            ],
        },
        {"id": "tf", "type": "true_false", "prompt": "True?", "answer": True},
        {
            "id": "text",
            "type": "short_text",
            "prompt": "Name it",
            "answers": ["walk-away", {"text": "reservation", "feedback": "Also *fine*"}],
        },
        {"id": "num", "type": "numeric", "prompt": "How many?", "answer": 20, "unit": "days"},
        {"id": "ord", "type": "ordering", "prompt": "Order", "items": ["First", "Second", "Third"]},
        {
            "id": "match",
            "type": "matching",
            "prompt": "Match",
            "points": 2,
            "pairs": [{"left": "L1", "right": "R1"}, {"left": "L2", "right": "R2"}],
            "distractors": ["R3"],
        },
        {"id": "story", "type": "star", "prompt": "Tell a story", "example_answer": "Like *this*."},
        {
            "id": "free",
            "type": "star",
            "mode": "free",
            "prompt": "Tell it freely",
            "rubric": [{"id": "own", "criterion": "Own words", "levels": ["No", "Yes"]}],
        },
    ],
}


@pytest.fixture
def parse_html() -> Any:
    """`parse_html(text)` -> the root `Node` of a strictly nested tree."""
    return parse


@pytest.fixture
def markdown_() -> Any:
    return md


@pytest.fixture
def quiz() -> Quiz:
    return Quiz.model_validate(json.loads(json.dumps(ALL_TYPES)))


@pytest.fixture
def rendered(quiz: Quiz) -> str:
    return render_quiz(quiz, md, rubric_for=rubric_stub)


@pytest.fixture
def tree(rendered: str) -> Node:
    return parse(rendered)
