"""STAR self-reviews as plain essays, and back.

No LMS runs our STAR checks, so a `star` question leaves as an essay whose text carries
the STAR guidance and the whole rubric (criteria and level descriptors): the learner
sees what is expected and the grader has the rubric at hand. The block has a fixed
shape, so our own importer can rebuild the `star` question from it; any other essay
that names all four STAR parts becomes a free-mode `star` with the default rubric.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..models import STAR_CHECK_IDS, StarQuestion, TextQuestion
from ..star.rubric import DEFAULT_RUBRIC, effective_rubric

HEADER = "STAR self-review"
EXAMPLE_HEADING = "Example answer"
_MODES = {
    "structured": "four parts, each in its own box or under its own heading",
    "free": "one piece of text, starting each part with a clear cue",
}
_HEADER_LINE = re.compile(
    r"^\**STAR self-review\**\s*\((?P<mode>structured|free)\)[.:]?\**\s*"
    r"(?P<rest>.*)$",
    re.I | re.M,
)
# Nine digits at most: Python refuses to convert thousands of digits to an int.
_WORDS = re.compile(r"(?<!\d)(?P<min>\d{1,9})\s+to\s+(?P<max>\d{1,9})\s+words", re.I)
_CRITERION = re.compile(
    r"^\s*\d+[.)]\s+\**(?P<name>.+?)\**\s+\\?\[(?P<id>[a-z0-9][a-z0-9-]*)\\?\]\s*$"
)
_LEVEL = re.compile(r"^\s*[-*+]\s+(?P<n>\d{1,9})\s*[:.)]\s*(?P<text>.+?)\s*$")
# A criterion's `evidence`: the checks that cap its rating when they fail.
_EVIDENCE_LINE = "Capped at the middle level when one of these checks fails:"
_EVIDENCE = re.compile(
    rf"^\s*(?:[-*+]\s+)?{re.escape(_EVIDENCE_LINE)}\s*(?P<ids>[a-z_, \\]+?)\.?\s*$"
)
_PARTS = ("situation", "task", "action", "result")


def essay_prompt(question: StarQuestion) -> str:
    """The prompt followed by the STAR block (Markdown)."""
    lines = [
        question.prompt.rstrip(),
        "",
        "---",
        "",
        f"**{HEADER} ({question.mode}).** Answer with one real experience in the STAR order:"
        f" Situation, Task, Action, Result, written as {_MODES[question.mode]}."
        f" Use {question.min_words} to {question.max_words} words.",
        "",
        "Rubric: rate the answer on each criterion, from level 0 (lowest) up.",
        "",
    ]
    for index, criterion in enumerate(effective_rubric(question), start=1):
        lines.append(f"{index}. **{_one_line(criterion.criterion)}** [{criterion.id}]")
        lines.extend(
            f"    - {level}: {_one_line(text)}" for level, text in enumerate(criterion.levels)
        )
        if criterion.evidence:
            lines.append(f"    - {_EVIDENCE_LINE} {', '.join(criterion.evidence)}.")
    return "\n".join(lines)


def general_feedback(question: StarQuestion | TextQuestion) -> str | None:
    """Explanation and example answer: both belong after the learner has written."""
    parts = [question.explanation or ""]
    if question.example_answer:
        parts.append(f"**{EXAMPLE_HEADING}**\n\n{question.example_answer.strip()}")
    text = "\n\n".join(p.strip() for p in parts if p.strip())
    return text or None


def _one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass(slots=True)
class StarFields:
    """What an essay's text says about the STAR question it came from."""

    prompt: str
    data: dict[str, Any] = field(default_factory=dict)
    ours: bool = False


def parse_essay(text: str) -> StarFields | None:
    """The `star` fields hidden in an essay, or None when the essay is not about STAR."""
    match = _HEADER_LINE.search(text)
    if match is None:
        words = set(re.findall(r"[a-z]+", text.lower()))
        if all(part in words for part in _PARTS):
            return StarFields(prompt=text.strip(), data={"mode": "free"})
        return None
    prompt = text[: match.start()].rstrip()
    prompt = re.sub(r"\n\s*(?:-{3,}|\*{3,}|_{3,})\s*$", "", prompt).rstrip()
    data: dict[str, Any] = {"mode": match["mode"].lower()}
    limits = _WORDS.search(match["rest"])
    if limits:
        data["min_words"] = int(limits["min"])
        data["max_words"] = int(limits["max"])
    rubric = _parse_rubric(text[match.end() :])
    if rubric and rubric != [c.model_dump(exclude_defaults=True) for c in DEFAULT_RUBRIC]:
        data["rubric"] = rubric
    return StarFields(prompt=prompt, data=data, ours=True)


def _parse_rubric(text: str) -> list[dict[str, Any]]:
    rubric: list[dict[str, Any]] = []
    for line in text.splitlines():
        criterion = _CRITERION.match(line)
        if criterion:
            rubric.append({"id": criterion["id"], "criterion": criterion["name"], "levels": []})
            continue
        evidence = _EVIDENCE.match(line)
        if evidence and rubric:
            ids = evidence["ids"].replace("\\", "").replace(",", " ").split()
            rubric[-1]["evidence"] = [i for i in ids if i in STAR_CHECK_IDS]
            continue
        level = _LEVEL.match(line)
        if level and rubric and int(level["n"]) == len(rubric[-1]["levels"]):
            rubric[-1]["levels"].append(level["text"])
    return [c for c in rubric if len(c["levels"]) >= 2]


def split_feedback(text: str | None) -> tuple[str | None, str | None]:
    """General feedback -> (explanation, example answer), undoing `general_feedback`."""
    if not text:
        return None, None
    match = re.search(rf"^\**{EXAMPLE_HEADING}\**\s*$", text, re.M)
    if match is None:
        return text.strip() or None, None
    before, after = text[: match.start()].strip(), text[match.end() :].strip()
    return before or None, after or None
