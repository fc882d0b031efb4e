"""Moodle XML -> `RawQuestion`s, parsed with defusedxml so hostile XML stays harmless.

Any DOCTYPE is refused outright (`forbid_dtd`): Moodle never writes one, and refusing it
shuts out entity expansion ("billion laughs") and external entities before they start.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from .build import RawAnswer, RawQuestion
from .common import MAX_ANSWERS, LmsFormatError, Notes
from .html_md import to_markdown

_FORMATS = {"html": "html", "moodle_auto_format": "moodle", "plain_text": "plain"}
_FORMATS |= {"markdown": "markdown"}
_KINDS = {
    "multichoice": "multichoice",
    "truefalse": "truefalse",
    "shortanswer": "shortanswer",
    "numerical": "numerical",
    "matching": "matching",
    "match": "matching",
    "ordering": "ordering",
    "essay": "essay",
}


def read_moodle(text: str, notes: Notes) -> list[RawQuestion]:
    try:
        root = fromstring(text, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        reason = f"refused: {type(exc).__name__} (DTDs and entities are not allowed)"
        raise LmsFormatError(reason) from None
    except ET.ParseError as exc:
        line, col = exc.position
        raise LmsFormatError(f"not well-formed XML: {_reason(exc)}", line, col + 1) from None
    if root.tag != "quiz":
        raise LmsFormatError(f"the root element is <{root.tag}>, Moodle XML has <quiz>", 1, 1)
    out: list[RawQuestion] = []
    for node in root.iter("question"):
        kind = node.get("type", "")
        name = _plain(node.find("name/text")) or None
        if kind == "category":
            continue
        if kind not in _KINDS:
            notes.add(name, f"Moodle question type '{kind}' has no equivalent here: skipped")
            continue
        if len(node) > MAX_ANSWERS:
            label = f"question '{name}'" if name else f"a {kind} question"
            raise LmsFormatError(f"{label} has more than {MAX_ANSWERS} parts")
        out.append(_question(node, _KINDS[kind], name))
    return out


def _reason(exc: ET.ParseError) -> str:
    return str(exc).split(":", 1)[0]


def _plain(node: ET.Element | None) -> str:
    return "".join(node.itertext()).strip() if node is not None else ""


def _md(node: ET.Element | None, pending: list[str], default: str = "html") -> str:
    """A Moodle text field (an element with format="..." holding <text>) as Markdown."""
    if node is None:
        return ""
    text_node = node.find("text")
    text = _plain(text_node) if text_node is not None else ""
    fmt = _FORMATS.get(node.get("format", default), "html")
    converted, images = to_markdown(text, fmt)
    if images or node.find("file") is not None:
        pending.append("images and attached files dropped: only their alt text is kept")
    return converted


def _number(node: ET.Element, path: str, default: float) -> float:
    try:
        return float(_plain(node.find(path)) or default)
    except ValueError:
        return default


def _truthy(node: ET.Element, path: str, default: bool) -> bool:
    value = _plain(node.find(path)).lower()
    return default if not value else value in ("1", "true", "yes")


def _question(node: ET.Element, kind: str, name: str | None) -> RawQuestion:
    pending: list[str] = []

    def md(tag: str, default: str = "html") -> str | None:
        return _md(node.find(tag), pending, default) or None

    raw = RawQuestion(
        kind=kind,
        name=name or _plain(node.find("idnumber")) or None,
        prompt=md("questiontext") or "",
        general_feedback=md("generalfeedback"),
        points=_number(node, "defaultgrade", 1.0),
        feedback_correct=md("correctfeedback"),
        feedback_incorrect=md("incorrectfeedback"),
        feedback_partial=md("partiallycorrectfeedback"),
        pending=pending,
    )
    hints = [_md(h, pending) for h in node.findall("hint")]
    raw.hint = "\n\n".join(h for h in hints if h) or None
    if node.find("shuffleanswers") is not None:
        raw.shuffle = _truthy(node, "shuffleanswers", True)
    raw.single = _truthy(node, "single", True)
    raw.case_sensitive = _truthy(node, "usecase", False)
    for answer in node.findall("answer"):
        raw.answers.append(_answer(answer, kind, pending))
    if kind == "truefalse":
        _truth(raw)
    elif kind == "matching":
        for sub in node.findall("subquestion"):
            left = _md(sub, pending)
            right = to_markdown(_plain(sub.find("answer/text")), "plain")[0]
            raw.pairs.append((left, right))
    elif kind == "ordering":
        raw.grading = _plain(node.find("gradingtype")) or None
        if raw.answers and all(a.value is not None for a in raw.answers):
            raw.answers.sort(key=lambda a: a.value or 0.0)
    elif kind == "numerical":
        # Units with multiplier 1 are spellings of the main unit ("hours", "h"): all kept.
        units = node.findall("units/unit")
        spellings: dict[str, str] = {}
        for unit in units:
            name = _plain(unit.find("unit_name"))
            if name and _number(unit, "multiplier", 1.0) == 1.0:
                spellings.setdefault(name.lower(), name)
        raw.units = list(spellings.values())
        if len(raw.units) < len(units):
            pending.append("only the main unit is kept (unit conversions dropped)")
    elif kind == "essay":
        raw.word_limits = (_limit(node, "minwordlimit"), _limit(node, "maxwordlimit"))
    return raw


def _answer(node: ET.Element, kind: str, pending: list[str]) -> RawAnswer:
    try:
        fraction = float(node.get("fraction", "0")) / 100
    except ValueError:
        fraction = 0.0
    if kind in ("shortanswer", "numerical", "truefalse"):
        text = _plain(node.find("text"))
    else:
        text = _md(node, pending)
    feedback = _md(node.find("feedback"), pending) or None
    answer = RawAnswer(text, fraction, feedback)
    if kind == "numerical" and text != "*":
        try:
            answer.value = float(text)
            answer.tolerance = abs(_number(node, "tolerance", 0.0))
        except ValueError:
            answer.value = None
    if kind == "ordering":
        try:
            answer.value = float(node.get("fraction", ""))
        except ValueError:
            answer.value = None
    return answer


def _truth(raw: RawQuestion) -> None:
    for answer in raw.answers:
        value = answer.text.strip().lower() == "true"
        if answer.fraction > 0:
            raw.truth = value
            raw.feedback_correct = answer.feedback or raw.feedback_correct
        else:
            raw.feedback_incorrect = answer.feedback or raw.feedback_incorrect
    raw.answers = []


def _limit(node: ET.Element, tag: str) -> int | None:
    text = _plain(node.find(tag))
    return int(text) if text.isdigit() else None
