"""`text` questions as essays, and back.

An LMS grades an essay by hand, so a `text` question leaves as an essay whose text ends
with its rubric (one line per criterion, its id in brackets) and the word minimum: the
learner sees what is expected and the grader has the rubric at hand. The block has a fixed
shape, so our importer rebuilds the rubric from it; any other essay becomes a `text`
question with a one-line rubric for the author to rewrite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..models import TextQuestion

RUBRIC_HEADER = "Rubric: a good answer does each of these."
DEFAULT_CRITERION = "My answer covers what the example answer covers"
_HEADER = re.compile(rf"^\**{re.escape(RUBRIC_HEADER)}\**\s*$", re.M)
_CRITERION = re.compile(r"^\s*[-*+]\s+(?P<text>.+?)\s+\\?\[(?P<id>[a-z0-9][a-z0-9-]*)\\?\]\s*$")
_LEAST = re.compile(r"^\s*Write at least (?P<n>\d{1,9}) words\.\s*$", re.M)


def essay_prompt(question: TextQuestion) -> str:
    """The prompt followed by the rubric block (Markdown)."""
    lines = [question.prompt.rstrip(), "", "---", "", f"**{RUBRIC_HEADER}**", ""]
    lines.extend(f"- {' '.join(c.criterion.split())} [{c.key}]" for c in question.rubric)
    if question.min_words > 1:
        lines.extend(["", f"Write at least {question.min_words} words."])
    return "\n".join(lines)


@dataclass(slots=True)
class TextFields:
    """What an essay's text says about the `text` question it came from."""

    prompt: str
    data: dict[str, Any] = field(default_factory=dict)
    ours: bool = False


def parse_text_essay(text: str) -> TextFields:
    """The prompt and the `text` fields of an essay; a default rubric when it has none."""
    match = _HEADER.search(text)
    if match is None:
        return TextFields(text.strip(), {"rubric": [DEFAULT_CRITERION]})
    prompt = text[: match.start()].rstrip()
    prompt = re.sub(r"\n\s*(?:-{3,}|\*{3,}|_{3,})\s*$", "", prompt).rstrip()
    rest = text[match.end() :]
    rubric: list[Any] = []
    for line in rest.splitlines():
        criterion = _CRITERION.match(line)
        if criterion:
            rubric.append({"id": criterion["id"], "criterion": criterion["text"]})
    data: dict[str, Any] = {"rubric": rubric or [DEFAULT_CRITERION]}
    least = _LEAST.search(rest)
    if least:
        data["min_words"] = max(1, int(least["n"]))
    return TextFields(prompt or text.strip(), data, ours=bool(rubric))
