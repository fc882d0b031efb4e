"""GIFT text -> `RawQuestion`s, by a hand-written parser.

No maintained Python GIFT parser was usable: pygiftparser 1.1 (2017, regular expressions)
pins Markdown < 3.1 through MarkdownSuperscript, which clashes with MkDocs;
pygiftparserrgmf 0.0.5 is AGPL and installs a top-level `pygiftparser` module of the same
name. The tests read our exports back with gift-pegjs (npm), an independent PEG grammar.

The grammar follows Moodle's own importer (qformat_gift), which is what GIFT means in
practice:

    file      := block (blank-line+ block)*      a blank line ends a question
    block     := lines; a line starting with // (after spaces) is a comment
    category  := "$CATEGORY:" path               its last names title the quiz and module
    question  := ["::" title "::"] ["[" format "]"] text ["{" answers "}" [text]]
    answers   := [ "####" general-feedback ] at the end, and then, by shape:
      ""                       essay
      "#" numeric              "#" (value[":"tolerance] | min".."max | ("="["%"w"%"]v...)+)
                               ["~" "#" wrong-feedback]
      contains "~"             multiple choice: ("=" | "~" ["%"w"%"]) text ["#" feedback]
      "=" ... "->" ...         matching: ("=" left "->" right)+, an empty left = distractor
      T | TRUE | F | FALSE     true/false ["#" feedback-if-wrong ["#" feedback-if-right]]
      otherwise                short answer: ("=" ["%"w"%"] text ["#" feedback])+
    text after "}"             missing-word format: the blank shows as "_____"

Escapes `\\~ \\= \\# \\{ \\} \\: \\\\` stand for the character itself and `\\n` for a
newline. They are swapped for two Unicode noncharacters of the same length before
parsing, so positions in error messages stay exact. `\\%` is no escape (Moodle shows
the backslash). A comment line `// option ids: a-id b-id` before a choice question
names its options' ids, in order: our exports write one, so a round trip keeps them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .build import RawAnswer, RawQuestion
from .common import MAX_ANSWERS, OPTION_IDS, Category, LmsFormatError, Notes, Problem
from .html_md import REMOVED_NOTE, to_markdown

_ESC = "\ufdd0"
_CODES = {"\\": "\ufdd1", "~": "\ufdd2", "=": "\ufdd3", "#": "\ufdd4", "{": "\ufdd5"}
_CODES |= {"}": "\ufdd6", ":": "\ufdd7", "n": "\ufdd8"}
_DECODE = {code: ("\n" if char == "n" else char) for char, code in _CODES.items()}
_ESCAPED = re.compile(r"\\([\\~=#{}:n])")
_BLANK = "\ufdd9"  # where the answers of a missing-word question stood
_RESERVED = re.compile("[\ufdd0-\ufdda]")
_WEIGHT = re.compile(r"^\s*%\s*(-?\d+(?:\.\d*)?)\s*%")
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]", re.I)
_TRUTH = {"T": True, "TRUE": True, "F": False, "FALSE": False}


def _protect(text: str) -> str:
    return _ESCAPED.sub(lambda m: _ESC + _CODES[m[1]], text)


def _release(text: str) -> str:
    return re.sub(f"{_ESC}(.)", lambda m: _DECODE.get(m[1], m[1]), text, flags=re.S)


@dataclass(slots=True)
class _Block:
    text: str
    lines: list[tuple[int, int, int]] = field(default_factory=list)  # offset, line, indent
    keys: list[str] = field(default_factory=list)  # from an `// option ids:` comment

    def where(self, offset: int) -> tuple[int, int]:
        start, line, indent = self.lines[0]
        for candidate in self.lines:
            if candidate[0] <= offset:
                start, line, indent = candidate
        return line, offset - start + indent + 1


class _Failure(Exception):
    def __init__(self, offset: int, message: str) -> None:
        self.offset, self.message = offset, message


def read_gift(
    text: str, notes: Notes, categories: list[Category] | None = None
) -> list[RawQuestion]:
    """The questions of a GIFT file; its `$CATEGORY:` lines are added to `categories`."""
    bad = _RESERVED.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise LmsFormatError(f"unsupported character U+{ord(bad[0]):04X}", line, 1)
    questions: list[RawQuestion] = []
    problems: list[Problem] = []
    found = categories if categories is not None else []
    for block in _blocks(text):
        try:
            if block.text.startswith("$CATEGORY:"):
                found.append(Category(_release(block.text[10:]).strip(), block.lines[0][1]))
                continue
            question = _question(block, notes)
        except _Failure as failure:
            line, col = block.where(failure.offset)
            problems.append((line, col, failure.message))
            continue
        if question is not None:
            questions.append(question)
            if found:
                found[-1].questions += 1
    if problems:
        raise LmsFormatError(problems[0][2], problems[0][0], problems[0][1], problems)
    return questions


def _blocks(text: str) -> list[_Block]:
    """Blank-line separated blocks of trimmed lines, comment lines left out."""
    blocks: list[_Block] = []
    parts: list[str] = []
    keys: list[str] = []
    size = 0

    def close() -> None:
        nonlocal size
        if parts:
            blocks[-1].text = "\n".join(parts)
            parts.clear()
        size = 0

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(lines, 1):
        stripped = raw.strip()
        if not stripped:
            close()
            continue
        if stripped.startswith("//"):
            if stripped.startswith(OPTION_IDS):
                keys = stripped[len(OPTION_IDS) :].split()
            continue
        if not parts:
            blocks.append(_Block(""))
        if keys:
            blocks[-1].keys, keys = keys, []
        indent = len(raw) - len(raw.lstrip())
        blocks[-1].lines.append((size, number, indent))
        parts.append(_protect(stripped))
        size += len(parts[-1]) + 1
    close()
    return blocks


def _md(text: str, fmt: str, pending: list[str]) -> str:
    marker = _FORMAT.match(text)
    if marker:
        fmt, text = marker[1].lower(), text[marker.end() :]
    try:
        converted, images, removed = to_markdown(_release(text), fmt)
    except LmsFormatError as error:  # HTML nested too deep to convert
        raise _Failure(0, error.message) from None
    if images:
        pending.append("images dropped: only their alt text is kept")
    if removed:
        pending.append(REMOVED_NOTE)
    return converted


def _question(block: _Block, notes: Notes) -> RawQuestion | None:
    text, pos, name = block.text, 0, None
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            raise _Failure(0, "the title opened with '::' is never closed with '::'")
        name, pos = _release(text[2:end]).strip() or None, end + 2
    line = block.lines[0][1]
    start, end = text.find("{", pos), text.find("}", pos)
    if start < 0 and end < 0:
        notes.add(name, "text without answers (a description) skipped", line)
        return None
    if start < 0 or (end >= 0 and end < start):
        raise _Failure(end, "'}' without an opening '{' (write \\} for a literal brace)")
    if end < 0:
        raise _Failure(start, "'{' is never closed with '}' (write \\{ for a literal brace)")
    if text.find("{", end + 1) >= 0:
        raise _Failure(text.find("{", end + 1), "only one answer block {...} per question")
    head, tail = text[pos:start], text[end + 1 :]
    marker = _FORMAT.match(head.lstrip())
    fmt = marker[1].lower() if marker else "moodle"
    prompt_text = head.lstrip() + _BLANK + tail.rstrip() if tail.strip() else head.strip()
    pending: list[str] = []
    prompt = _md(prompt_text, fmt, pending).replace(_BLANK, "_____")
    raw = RawQuestion(kind="", name=name, prompt=prompt, line=line, pending=pending)
    answer = text[start + 1 : end]
    general = answer.rfind("####")
    if general >= 0:
        raw.general_feedback = _md(answer[general + 4 :].strip(), fmt, pending) or None
        answer = answer[:general]
    _answers(raw, answer, start + 1, fmt)
    if raw.answers and len(block.keys) == len(raw.answers):
        for option, key in zip(raw.answers, block.keys, strict=True):
            option.key = key
    if raw.kind == "matching":  # the keys name the pairs with a left side, in order
        raw.pair_keys = list(block.keys)
    return raw


def _answers(raw: RawQuestion, answer: str, offset: int, fmt: str) -> None:
    body = answer.strip()
    offset += len(answer) - len(answer.lstrip())

    def md(text: str) -> str:
        return _md(text.strip(), fmt, raw.pending)

    if not body:
        raw.kind = "essay"
    elif body.startswith("#"):
        raw.kind = "numerical"
        _numeric(raw, body[1:], offset + 1, md)
    elif "~" in body:
        raw.kind, raw.single = "multichoice", "=" in body
        for mark, piece, at in _pieces(body, "=~", offset):
            # As in Moodle, only `~` takes a weight; the text after `=` is taken as written.
            weight, piece = (1.0, piece) if mark == "=" else _weight(piece, at, 0.0)
            text, feedback = _feedback(piece)
            raw.answers.append(RawAnswer(md(text), weight, md(feedback) if feedback else None))
    elif "=" in body and "->" in body:
        raw.kind = "matching"
        for _, piece, at in _pieces(body, "=", offset):
            if "->" not in piece:
                raise _Failure(at, "a matching answer needs 'left -> right'")
            left, right = piece.split("->", 1)
            raw.pairs.append((md(left), to_markdown(_release(right).strip(), "plain")[0]))
    elif body.split("#", 1)[0].strip() in _TRUTH:
        raw.kind = "truefalse"
        bits = body.split("#", 2)
        raw.truth = _TRUTH[bits[0].strip()]
        raw.feedback_incorrect = md(bits[1]) if len(bits) > 1 and bits[1].strip() else None
        raw.feedback_correct = md(bits[2]) if len(bits) > 2 and bits[2].strip() else None
    else:
        raw.kind = "shortanswer"
        for _, piece, at in _pieces(body, "=", offset):
            weight, piece = _weight(piece, at, 1.0)
            text, feedback = _feedback(piece)
            raw.answers.append(
                RawAnswer(_release(text).strip(), weight, md(feedback) if feedback else None)
            )


def _pieces(body: str, marks: str, offset: int) -> list[tuple[str, str, int]]:
    """Split answers at their leading `=` / `~`: (mark, text after it, its offset)."""
    starts = [i for i, char in enumerate(body) if char in marks]
    if not starts or body[: starts[0]].strip():
        raise _Failure(offset, f"each answer must start with {' or '.join(marks)}")
    if len(starts) > MAX_ANSWERS:
        raise _Failure(offset, f"more than {MAX_ANSWERS} answers in one question")
    return [
        (body[s], body[s + 1 : e], offset + s + 1)
        for s, e in zip(starts, [*starts[1:], len(body)], strict=True)
    ]


def _weight(piece: str, offset: int, default: float) -> tuple[float, str]:
    match = _WEIGHT.match(piece)
    if match is None:
        if piece.lstrip().startswith("%"):
            raise _Failure(offset, "a weight is written %50% (a number between % signs)")
        return default, piece
    weight = float(match[1])
    if not -100 <= weight <= 100:  # also infinity, from hundreds of digits
        raise _Failure(offset, f"a weight is a percentage from -100 to 100, not {match[1][:20]}")
    return weight / 100, piece[match.end() :]


def _feedback(piece: str) -> tuple[str, str | None]:
    text, _, feedback = piece.partition("#")
    return text, feedback.strip() or None


def _numeric(raw: RawQuestion, body: str, offset: int, md: Callable[[str], str]) -> None:
    wrong = body.find("~")
    if wrong >= 0:
        _, feedback = _feedback(body[wrong + 1 :])
        if feedback:
            raw.answers.append(RawAnswer("*", 0.0, md(feedback)))
        body = body[:wrong]
    pieces = body.split("=")
    at = offset
    for index, piece in enumerate(pieces):
        if index == 0 and not piece.strip():
            at += len(piece) + 1
            continue
        weight, rest = _weight(piece, at, 1.0)
        value_text, feedback = _feedback(rest)
        value, tolerance = _number(value_text, at)
        raw.answers.append(
            RawAnswer(
                value_text.strip(), weight, md(feedback) if feedback else None, value, tolerance
            )
        )
        at += len(piece) + 1
    if not any(a.value is not None for a in raw.answers):
        raise _Failure(offset - 1, "a numeric question needs an answer, e.g. {#42:0.5}")


def _number(text: str, offset: int) -> tuple[float, float]:
    text = _release(text).strip()
    try:
        if ".." in text:
            low, high = (float(part) for part in text.split("..", 1))
            value, tolerance = (low + high) / 2, abs(high - low) / 2
        elif ":" in text:
            first, second = text.split(":", 1)
            value, tolerance = float(first), abs(float(second))
        else:
            value, tolerance = float(text), 0.0
    except ValueError:
        value = tolerance = math.nan
    if not (math.isfinite(value) and math.isfinite(tolerance)):
        raise _Failure(offset, f"'{text}' is not a number, a number:tolerance or a min..max")
    return value, tolerance
