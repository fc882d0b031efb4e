"""Quizzes -> Moodle XML (`<quiz><question type="...">`), one category per quiz.

Markdown becomes HTML. Types map to Moodle's core types: multichoice (single and
multiple), truefalse, shortanswer, numerical (with the unit), matching, ordering (core
since Moodle 4.4; older sites need the qtype_ordering plugin) and essay for STAR
self-reviews. Hints, marks, shuffling, whole-question feedback and explanations (general
feedback) all have a Moodle field. Grades are snapped to Moodle's fixed list, which its
importer insists on. Option and item ids we set travel as an `id` attribute on each
`<answer>` (Moodle's importer ignores it; ours reads it back).
"""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from typing import assert_never

from ..media import QuizMedia
from ..models import (
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    Quiz,
    ShortTextQuestion,
    SingleQuestion,
    StarQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from ..safeio import xml_clean
from .common import (
    Notes,
    category_path,
    fmt_number,
    md_to_html,
    md_to_inline_html,
    md_to_text,
    own_keys,
    percent,
)
from .media import exporting, media_notes, with_media
from .plan import Weighted, choice_weights, field_notes, framing, short_answers, star_literal
from .pools import by_origin, random_notes
from .pools import category as pool_category


def write_moodle(
    quizzes: Iterable[Quiz],
    notes_for: dict[str, Notes],
    media_for: Mapping[str, QuizMedia] | None = None,
) -> bytes:
    root = ET.Element("quiz")
    written: set[tuple[str, str]] = set()
    for quiz in quizzes:
        with exporting((media_for or {}).get(quiz.id)):
            category = ET.SubElement(root, "question", type="category")
            _text(ET.SubElement(category, "category"), category_path(quiz.title))
            if quiz.description:
                _rich(ET.SubElement(category, "info", format="html"), md_to_html(quiz.description))
            banks = by_origin(quiz)
            for question in banks.pop(None, []):
                root.append(_question(question, notes_for[quiz.id]))
            for bank, questions in banks.items():  # a category per bank, each question once
                if bank is None or all((bank, q.id) in written for q in questions):
                    continue
                category = ET.SubElement(root, "question", type="category")
                _text(ET.SubElement(category, "category"), pool_category(quiz.bank_title(bank)))
                for question in questions:
                    if (bank, question.id) not in written:
                        written.add((bank, question.id))
                        root.append(_question(question, notes_for[quiz.id]))
            random_notes(quiz, notes_for[quiz.id], "Moodle XML")
    ET.indent(xml_clean(root))
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body


def _tagged(node: ET.Element, question: Question) -> ET.Element:
    """Moodle question tags, so a random draw can pick by tag as the quiz did (and our
    importer reads them back)."""
    if question.tags:
        tags = ET.SubElement(node, "tags")
        for tag in question.tags:
            _text(ET.SubElement(tags, "tag"), tag)
    return node


def _text(parent: ET.Element, value: str) -> ET.Element:
    ET.SubElement(parent, "text").text = value
    return parent


def _rich(parent: ET.Element, html: str) -> ET.Element:
    """HTML text with the files it shows embedded beside it, as Moodle's own export does."""
    html, used = with_media(html, "@@PLUGINFILE@@/")
    _text(parent, html)
    for name, media in used:
        embedded = ET.SubElement(parent, "file", name=name, path="/", encoding="base64")
        embedded.text = base64.b64encode(media.read()).decode("ascii")
    return parent


def _html(parent: ET.Element, tag: str, markdown: str | None, *, inline: bool = False) -> None:
    html = (md_to_inline_html if inline else md_to_html)(markdown) if markdown else ""
    _rich(ET.SubElement(parent, tag, format="html"), html)


def _value(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def _question(question: Question, notes: Notes) -> ET.Element:
    node = ET.Element("question")  # its type attribute comes with the body, below
    _text(ET.SubElement(node, "name"), question.id)
    framed = framing(question)
    _html(node, "questiontext", framed.prompt)
    _html(node, "generalfeedback", framed.general)
    _value(node, "defaultgrade", fmt_number(question.points))
    _value(node, "penalty", "0")  # no penalty for a retry here; the importer warns of others
    _value(node, "hidden", "0")
    _value(node, "idnumber", question.id)
    node.set("type", _body(node, question, notes))
    media_notes(question, notes, carried=True, fmt="Moodle XML")
    field_notes(question, notes, fmt="Moodle XML", tags=True)
    if question.hint:
        _html(node, "hint", question.hint)
    return _tagged(node, question)


def _body(node: ET.Element, question: Question, notes: Notes) -> str:
    """Writes the fields of Moodle's type for the question; returns that type's name."""
    match question:
        case SingleQuestion():
            _choice(node, question, notes, single=True)
            return "multichoice"
        case MultipleQuestion():
            _choice(node, question, notes, single=False)
            return "multichoice"
        case TrueFalseQuestion():
            _true_false(node, question)
            return "truefalse"
        case ShortTextQuestion():
            _short(node, question, notes)
            return "shortanswer"
        case NumericQuestion():
            _numeric(node, question, notes)
            return "numerical"
        case MatchingQuestion():
            _matching(node, question, notes)
            return "matching"
        case OrderingQuestion():
            _ordering(node, question, notes)
            return "ordering"
        case StarQuestion():
            _essay(node, question, notes)
            return "essay"
        case TextQuestion():
            _text_essay(node, question)
            return "essay"
        case _:
            assert_never(question)


def _combined(node: ET.Element, question: Question) -> None:
    _html(node, "correctfeedback", question.feedback_correct)
    _html(node, "partiallycorrectfeedback", question.feedback_incorrect)
    _html(node, "incorrectfeedback", question.feedback_incorrect)
    ET.SubElement(node, "shownumcorrect")


def _answer(node: ET.Element, w: Weighted, fmt: str = "html") -> ET.Element:
    answer = ET.SubElement(node, "answer", fraction=percent(w.fraction), format=fmt)
    if fmt == "html":
        _rich(answer, md_to_inline_html(w.text))
    else:
        _text(answer, w.text)
    _html(answer, "feedback", w.feedback)
    return answer


def _choice(
    node: ET.Element, question: SingleQuestion | MultipleQuestion, notes: Notes, *, single: bool
) -> None:
    _value(node, "single", "true" if single else "false")
    _value(node, "shuffleanswers", "true" if question.shuffle_options else "false")
    _value(node, "answernumbering", "abc")
    _value(node, "showstandardinstruction", "0")
    _combined(node, question)
    keys = own_keys([o.key for o in question.options])
    for weighted, key in zip(choice_weights(question, notes), keys, strict=True):
        answer = _answer(node, weighted)
        if key:
            answer.set("id", key)


def _true_false(node: ET.Element, question: TrueFalseQuestion) -> None:
    for value in (True, False):
        right = value == question.answer
        feedback = question.feedback_correct if right else question.feedback_incorrect
        weighted = Weighted("true" if value else "false", 1.0 if right else 0.0, feedback)
        _answer(node, weighted, "moodle_auto_format")


def _short(node: ET.Element, question: ShortTextQuestion, notes: Notes) -> None:
    _value(node, "usecase", "1" if question.match == "exact" else "0")
    for weighted in short_answers(question, notes):
        literal = Weighted(star_literal(weighted.text), weighted.fraction, weighted.feedback)
        _answer(node, literal, "moodle_auto_format")
    if question.feedback_incorrect:
        _answer(node, Weighted("*", 0.0, question.feedback_incorrect), "moodle_auto_format")


def _numeric(node: ET.Element, question: NumericQuestion, notes: Notes) -> None:
    answer = Weighted(fmt_number(question.answer), 1.0, question.feedback_correct)
    tolerance = question.absolute_tolerance()
    if isinstance(question.tolerance, str):
        notes.add(
            question.id,
            f"relative tolerance {question.tolerance} written as ±{fmt_number(tolerance)}",
        )
    _value(_answer(node, answer, "moodle_auto_format"), "tolerance", fmt_number(tolerance))
    if question.feedback_incorrect:
        catch_all = _answer(
            node, Weighted("*", 0.0, question.feedback_incorrect), "moodle_auto_format"
        )
        _value(catch_all, "tolerance", "0")
    # Every spelling is a unit with multiplier 1: Moodle accepts any of them, shows the first.
    spellings = question.spellings()
    if spellings:
        units = ET.SubElement(node, "units")
        for spelling in spellings:
            unit = ET.SubElement(units, "unit")
            _value(unit, "multiplier", "1")
            _value(unit, "unit_name", spelling)
    _value(node, "unitgradingtype", "0")
    _value(node, "unitpenalty", "0.1000000")
    _value(node, "showunits", "0" if spellings else "3")
    _value(node, "unitsleft", "0")


def _matching(node: ET.Element, question: MatchingQuestion, notes: Notes) -> None:
    _value(node, "shuffleanswers", "true")
    _combined(node, question)
    if question.scoring == "all_or_nothing":
        notes.add(question.id, "all-or-nothing scoring dropped: Moodle grades matching per pair")
    keys = own_keys([p.id or "" for p in question.pairs])  # an `id` Moodle ignores, as on answers
    rights = [(p.left, p.right, key) for p, key in zip(question.pairs, keys, strict=True)]
    rights += [("", d.text, None) for d in question.distractors]
    for left, right, key in rights:
        sub = ET.SubElement(node, "subquestion", format="html")
        if key is not None:
            sub.set("id", key)
        _rich(sub, md_to_inline_html(left) if left else "")
        plain = " ".join(md_to_text(right).split())
        if plain != " ".join(right.split()):
            notes.add(question.id, f"matching answer '{plain}' loses its formatting")
        _text(ET.SubElement(sub, "answer"), plain)


def _ordering(node: ET.Element, question: OrderingQuestion, notes: Notes) -> None:
    notes.add(
        question.id,
        "exported as Moodle's ordering question: part of Moodle core since 4.4, older"
        " sites need the qtype_ordering plugin",
    )
    _value(node, "layouttype", "VERTICAL")
    _value(node, "selecttype", "ALL")
    _value(node, "selectcount", "0")
    all_or_nothing = question.scoring == "all_or_nothing"
    _value(
        node,
        "gradingtype",
        "ALL_OR_NOTHING" if all_or_nothing else "RELATIVE_ALL_PREVIOUS_AND_NEXT",
    )
    _value(node, "showgrading", "SHOW")
    _value(node, "numberingstyle", "none")
    _combined(node, question)
    keys = own_keys([item.key for item in question.items])
    for position, (item, key) in enumerate(zip(question.items, keys, strict=True), start=1):
        answer = ET.SubElement(node, "answer", fraction=str(position), format="html")
        if key:
            answer.set("id", key)
        _rich(answer, md_to_inline_html(item.text))


def _text_essay(node: ET.Element, question: TextQuestion) -> None:
    """Moodle's essay, graded by hand; the rubric is in the question text (`framing`)."""
    _value(node, "responseformat", "editor")
    _value(node, "responserequired", "1")
    _value(node, "responsefieldlines", "10")
    _value(node, "minwordlimit", str(question.min_words) if question.min_words > 1 else "")
    _value(node, "maxwordlimit", "")
    for tag, value in (("attachments", "0"), ("attachmentsrequired", "0"), ("maxbytes", "0")):
        _value(node, tag, value)
    _value(node, "filetypeslist", "")
    _html(node, "graderinfo", question.example_answer)
    _html(node, "responsetemplate", None)


def _essay(node: ET.Element, question: StarQuestion, notes: Notes) -> None:
    notes.add(
        question.id,
        "STAR self-review exported as an essay: the STAR guidance and rubric are in the"
        " question text; the automatic STAR checks and self-rating are not carried",
    )
    _value(node, "responseformat", "editor")
    _value(node, "responserequired", "1")
    _value(node, "responsefieldlines", "15")
    _value(node, "minwordlimit", str(question.min_words))
    _value(node, "maxwordlimit", str(question.max_words))
    for tag, value in (("attachments", "0"), ("attachmentsrequired", "0"), ("maxbytes", "0")):
        _value(node, tag, value)
    _value(node, "filetypeslist", "")
    _html(node, "graderinfo", question.example_answer)
    template = (
        "\n\n".join(f"**{part}:**" for part in ("Situation", "Task", "Action", "Result"))
        if question.mode == "structured"
        else None
    )
    _html(node, "responsetemplate", template)
