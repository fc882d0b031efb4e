"""Moodle XML -> `RawQuestion`s, parsed with defusedxml so hostile XML stays harmless.

Any DOCTYPE is refused outright (`forbid_dtd`): Moodle never writes one, and refusing it
shuts out entity expansion ("billion laughs") and external entities before they start.
The file is parsed a second time recording each element's line, so every error and
warning says where it is (the first parse stays at C speed).

Nothing is dropped silently: tags, an ID number other than the name, a penalty for
retries, hidden questions and any element this reader does not know are each named in a
warning. Only display settings with no meaning here (numbering, layout) pass unnamed.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, fromstring

from .build import RawAnswer, RawQuestion
from .common import MAX_ANSWERS, Category, LmsFormatError, Notes, Problem, percent
from .html_md import REMOVED_NOTE, to_markdown

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


class _Lines(ET.TreeBuilder):
    """A tree builder that remembers where each element starts: (line, column), 1-based."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[int, tuple[int, int]] = {}
        self.parser: DefusedXMLParser | None = None

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        element = super().start(tag, attrs)
        if self.parser is not None:
            expat = self.parser.parser
            self.lines[id(element)] = (expat.CurrentLineNumber, expat.CurrentColumnNumber + 1)
        return element


class _Bad(Exception):
    """A value that cannot be imported, with the element it stands on."""

    def __init__(self, node: ET.Element, message: str) -> None:
        self.node, self.message = node, message


def _places(text: str, root: ET.Element) -> dict[int, tuple[int, int]]:
    """id(element of `root`) -> (line, column), by parsing `text` again with positions."""
    builder = _Lines()
    parser = DefusedXMLParser(
        target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    builder.parser = parser
    parser.feed(text)
    again = parser.close()
    return {
        id(first): builder.lines.get(id(second), (0, 0))
        for first, second in zip(root.iter(), again.iter(), strict=True)
    }


def read_moodle(
    text: str, notes: Notes, categories: list[Category] | None = None
) -> list[RawQuestion]:
    """The questions of a Moodle XML file; its categories are added to `categories`."""
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
    problems: list[tuple[ET.Element, str]] = []
    places = _places(text, root)  # every warning names its line
    found = categories if categories is not None else []
    for node in root.iter("question"):
        kind = node.get("type", "")
        name = _plain(node.find("name/text")) or None
        where = places[id(node)][0] or None
        if kind == "category":
            info = _md(node.find("info"), [], "moodle") or None
            found.append(Category(_plain(node.find("category/text")), where, info))
            continue
        if kind not in _KINDS:
            notes.add(name, f"Moodle question type '{kind}' has no equivalent here: skipped", where)
            continue
        if len(node) > MAX_ANSWERS:
            label = f"question '{name}'" if name else f"a {kind} question"
            raise LmsFormatError(f"{label} has more than {MAX_ANSWERS} parts")
        try:
            out.append(_question(node, _KINDS[kind], name))
            out[-1].line = where
            if found:
                found[-1].questions += 1
        except _Bad as bad:
            problems.append((bad.node, bad.message))
        except LmsFormatError as error:  # from the HTML inside a text field
            problems.append((node, error.message))
    if problems:
        found_at: list[Problem] = [(*places[id(n)], message) for n, message in problems]
        raise LmsFormatError(found_at[0][2], found_at[0][0], found_at[0][1], found_at)
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
    converted, images, removed = to_markdown(text, fmt)
    if images or node.find("file") is not None:
        pending.append("images and attached files dropped: only their alt text is kept")
    if removed:
        pending.append(REMOVED_NOTE)
    return converted


# Moodle's own limits are far inside these; past them a number is a mistake or an attack.
_LIMIT = 1e9


def _finite(node: ET.Element, text: str, what: str, low: float, high: float) -> float:
    """`text` as a number in [low, high], or `_Bad` naming it: never NaN or infinity."""
    try:
        value = float(text)
    except ValueError:
        raise _Bad(node, f"{what} '{text[:40]}' is not a number") from None
    if not math.isfinite(value) or not low <= value <= high:
        span = f"from {low:,.0f} to {high:,.0f}"
        raise _Bad(node, f"{what} '{text[:40]}' must be a number {span}")
    return value


def _maybe(node: ET.Element, text: str, what: str, low: float, high: float) -> float | None:
    """None for text that is no number at all (the caller's default applies)."""
    text = text.strip()
    try:
        float(text)
    except ValueError:
        return None
    return _finite(node, text, what, low, high)


def _number(node: ET.Element, path: str, default: float) -> float:
    found = node.find(path)
    if found is None:
        return default
    value = _maybe(found, _plain(found), f"<{path.rsplit('/', 1)[-1]}>", -_LIMIT, _LIMIT)
    return default if value is None else value


def _truthy(node: ET.Element, path: str, default: bool) -> bool:
    value = _plain(node.find(path)).lower()
    return default if not value else value in ("1", "true", "yes")


def _question(node: ET.Element, kind: str, name: str | None) -> RawQuestion:
    pending: list[str] = []

    def md(tag: str, default: str = "html") -> str | None:
        return _md(node.find(tag), pending, default) or None

    _dropped(node, name, pending)
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
    if any(child.tag not in ("text", "file") for h in node.findall("hint") for child in h):
        pending.append("hint settings (show the number right, clear wrong answers) dropped")
    raw.hint = "\n\n".join(h for h in hints if h) or None
    tags = [_plain(tag.find("text")) or _plain(tag) for tag in node.findall("tags/tag")]
    raw.tags = [tag for tag in tags if tag]
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
            if left.strip() and sub.get("id"):  # a pair id our export kept
                raw.pair_keys.append(sub.get("id"))
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
        raw.grader_info = md("graderinfo")
        raw.answer_template = md("responsetemplate")
    return raw


# Question elements this reader maps (or weighs in `_dropped`).
_READ = frozenset(
    {"name", "questiontext", "generalfeedback", "defaultgrade", "correctfeedback"}
    | {"incorrectfeedback", "partiallycorrectfeedback", "hint", "shuffleanswers", "single"}
    | {"usecase", "answer", "subquestion", "gradingtype", "units", "minwordlimit"}
    | {"maxwordlimit", "idnumber", "penalty", "tags", "hidden", "graderinfo"}
    | {"responsetemplate"}
)
# How Moodle shows a question, with nothing to carry here; and the essay's own settings.
_DISPLAY = frozenset(
    {"answernumbering", "showstandardinstruction", "shownumcorrect", "layouttype"}
    | {"showgrading", "numberingstyle", "showunits", "unitsleft", "unitgradingtype"}
    | {"unitpenalty", "selecttype", "selectcount"}
    | {"responseformat", "responserequired", "responsefieldlines", "attachments"}
    | {"attachmentsrequired", "maxbytes", "filetypeslist"}
)


def _dropped(node: ET.Element, name: str | None, pending: list[str]) -> None:
    """Name everything of the question that the import leaves out."""
    idnumber = _plain(node.find("idnumber"))
    if idnumber and name and idnumber != name:
        pending.append(f"ID number '{idnumber}' dropped: the question id comes from its name")
    penalty = _maybe(node, _plain(node.find("penalty")) or "0", "<penalty>", 0, 1) or 0.0
    if penalty:
        pending.append(f"penalty of {percent(penalty)}% per retry dropped: retries cost nothing")
    if _truthy(node, "hidden", False):
        pending.append("hidden in Moodle: imported as a visible question")
    if node.find("selectcount") is not None and _number(node, "selectcount", 0) > 0:
        pending.append("Moodle shows only some of the items: here every item is ordered")
    unknown = sorted({child.tag for child in node} - _READ - _DISPLAY)
    if unknown:
        pending.append("dropped: " + ", ".join(f"<{tag}>" for tag in unknown))


def _answer(node: ET.Element, kind: str, pending: list[str]) -> RawAnswer:
    # Ordering answers carry their position in `fraction`; the others a percentage.
    low, high = (-_LIMIT, _LIMIT) if kind == "ordering" else (-100, 100)
    number = _maybe(node, node.get("fraction", ""), "an answer's fraction", low, high)
    fraction = (number or 0.0) / 100  # not a number at all: no credit, as Moodle reads it
    if kind in ("shortanswer", "numerical", "truefalse"):
        text = _plain(node.find("text"))
    else:
        text = _md(node, pending)
    feedback = _md(node.find("feedback"), pending) or None
    answer = RawAnswer(text, fraction, feedback)
    answer.key = node.get("id")  # an option or item id our export kept
    if kind == "numerical" and text != "*":
        answer.value = _maybe(node, text, "a numerical answer", -(_LIMIT**2), _LIMIT**2)
        if answer.value is not None:
            answer.tolerance = abs(_number(node, "tolerance", 0.0))
    if kind == "ordering":
        answer.value = number
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
    found = node.find(tag)
    text = _plain(found)
    if found is None or not text.isdigit():
        return None
    return int(_finite(found, text[:20], f"<{tag}>", 0, _LIMIT))
