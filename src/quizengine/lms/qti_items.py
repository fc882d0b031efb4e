"""One question -> one QTI 1.2 `<item>` in Canvas's flavour (as Canvas itself exports).

Canvas reads the `question_type` metadata field and the shape of `resprocessing`:
choices by `varequal` on a `response_lid`, text and numbers on a `response_str`, a
numeric margin as `vargte`/`varlte`, matching as one `response_lid` per left side with
`setvar action="Add"` per correct pair. Feedback goes in `itemfeedback` blocks that
`displayfeedback` links to: `general_fb` (our explanation), `correct_fb`,
`general_incorrect_fb`, and `<answer>_fb` per option.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from hashlib import sha256
from typing import assert_never

from ..models import (
    MatchingQuestion,
    MultipleQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    ShortTextQuestion,
    SingleQuestion,
    StarQuestion,
    TextQuestion,
    TrueFalseQuestion,
)
from ..models.questions import QuestionBase
from .common import Notes, fmt_number, md_to_html, md_to_inline_html, md_to_text, own_keys
from .media import media_notes, with_media
from .plan import field_notes, framing, ordering_as_pairs, short_answers, unit_words

FORMAT = "Canvas QTI"


def ident(*parts: str) -> str:
    """A stable XML identifier (letters and digits, never starting with a digit)."""
    return "g" + sha256("/".join(parts).encode()).hexdigest()[:32]


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, attrs)
    if text is not None:
        node.text = text
    return node


# Canvas's token for the package's `web_resources/` folder, where files for HTML text go.
FILEBASE = "$IMS-CC-FILEBASE$/"
WEB_RESOURCES = "web_resources/"


def _material(parent: ET.Element, text: str, *, html: bool = True) -> None:
    if html:
        text, _ = with_media(text, FILEBASE)
    mattext = _sub(_sub(parent, "material"), "mattext", text)
    mattext.set("texttype", "text/html" if html else "text/plain")


class _Item:
    """Builds one item; `feedback` collects the itemfeedback blocks to append at the end."""

    def __init__(self, question: Question, quiz_id: str, notes: Notes) -> None:
        self.q, self.notes = question, notes
        self.node = ET.Element("item", ident=ident(quiz_id, question.id), title=question.id)
        self.feedback: dict[str, str] = {}
        self.answer_ids: list[str] = []
        fields = _sub(_sub(self.node, "itemmetadata"), "qtimetadata")
        self.meta = fields
        self.presentation = ET.Element("presentation")
        self.processing = ET.Element("resprocessing")
        outcomes = _sub(self.processing, "outcomes")
        _sub(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")

    def field(self, label: str, entry: str) -> None:
        node = _sub(self.meta, "qtimetadatafield")
        _sub(node, "fieldlabel", label)
        _sub(node, "fieldentry", entry)

    def show(self, condition: ET.Element, key: str, text: str | None) -> None:
        if text:
            self.feedback[key] = text
            _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=key)

    def condition(self, *, stop: bool) -> tuple[ET.Element, ET.Element]:
        node = _sub(self.processing, "respcondition", **{"continue": "No" if stop else "Yes"})
        return node, _sub(node, "conditionvar")

    def otherwise(self, key: str, text: str | None) -> None:
        if text:
            node, var = self.condition(stop=False)
            _sub(var, "other")
            self.show(node, key, text)

    def finish(self, canvas_type: str) -> ET.Element:
        self.field("question_type", canvas_type)
        self.field("points_possible", fmt_number(self.q.points))
        if self.answer_ids:
            self.field("original_answer_ids", ",".join(self.answer_ids))
        self.field("assessment_question_identifierref", self.node.get("ident", "") + "r")
        self.node.append(self.presentation)
        self.node.append(self.processing)
        for key, text in self.feedback.items():
            block = _sub(_sub(self.node, "itemfeedback", ident=key), "flow_mat")
            _material(block, md_to_html(text))
        return self.node


# (key, text, correct, feedback)
_Choice = tuple[str, str, bool, str | None]


def item_xml(question: Question, quiz_id: str, notes: Notes) -> ET.Element:
    item = _Item(question, quiz_id, notes)
    framed = framing(question)
    _material(item.presentation, md_to_html(framed.prompt))
    item.otherwise("general_fb", framed.general)
    if question.hint:
        notes.add(question.id, f"hint dropped: {FORMAT} has no hints")
    media_notes(question, notes, carried=True, fmt=FORMAT)
    field_notes(question, notes, fmt=FORMAT, tags=False)
    match question:
        case SingleQuestion():
            _choices(item, question, _options(question), multiple=False)
            _part_credit(item, question)
            return item.finish("multiple_choice_question")
        case MultipleQuestion():
            _choices(item, question, _options(question), multiple=True)
            _part_credit(item, question)
            if question.scoring == "all_or_nothing":
                notes.add(
                    question.id,
                    "all-or-nothing scoring dropped: Canvas gives partial credit per option",
                )
            return item.finish("multiple_answers_question")
        case TrueFalseQuestion():
            choices: list[_Choice] = [
                ("true", "True", question.answer, None),
                ("false", "False", not question.answer, None),
            ]
            _choices(item, question, choices, multiple=False)
            return item.finish("true_false_question")
        case ShortTextQuestion():
            _short(item, question)
            return item.finish("short_answer_question")
        case NumericQuestion():
            _numeric(item, question)
            return item.finish("numerical_question")
        case MatchingQuestion():
            pairs = [(p.left, p.right) for p in question.pairs]
            _matching(item, question, pairs, [d.text for d in question.distractors])
            return item.finish("matching_question")
        case OrderingQuestion():
            _matching(item, question, ordering_as_pairs(question, notes, FORMAT), [])
            return item.finish("matching_question")
        case StarQuestion():
            _essay(item, question)
            return item.finish("essay_question")
        case TextQuestion():
            _fib(item, decimal=False)  # the essay's answer box; the rubric is in its text
            _sub(item.condition(stop=True)[1], "other")
            return item.finish("essay_question")
        case _:
            assert_never(question)


def _options(q: SingleQuestion | MultipleQuestion) -> list[_Choice]:
    return [(o.key, o.text, o.correct, o.feedback) for o in q.options]


def _choices(item: _Item, q: QuestionBase, choices: list[_Choice], *, multiple: bool) -> None:
    lid = _sub(item.presentation, "response_lid", ident="response1")
    lid.set("rcardinality", "Multiple" if multiple else "Single")
    render = _sub(lid, "render_choice")
    keys = {key: f"{item.node.get('ident')}_{key}" for key, *_ in choices}
    for key, text, _, feedback in choices:
        label = _sub(render, "response_label", ident=keys[key])
        _material(label, md_to_inline_html(text))
        item.answer_ids.append(keys[key])
        if feedback:
            node, var = item.condition(stop=False)
            _sub(var, "varequal", keys[key], respident="response1")
            item.show(node, f"{keys[key]}_fb", feedback)
    node, var = item.condition(stop=True)
    if multiple:
        both = _sub(var, "and")
        for key, _, correct, _ in choices:
            target = both if correct else _sub(both, "not")
            _sub(target, "varequal", keys[key], respident="response1")
    else:
        right = next(key for key, _, correct, _ in choices if correct)
        _sub(var, "varequal", keys[right], respident="response1")
    _sub(node, "setvar", "100", action="Set", varname="SCORE")
    item.show(node, "correct_fb", q.feedback_correct)
    item.otherwise("general_incorrect_fb", q.feedback_incorrect)


def _part_credit(item: _Item, q: SingleQuestion | MultipleQuestion) -> None:
    """Authored weights as QTI score rules: each chosen option adds its weight (the exact
    correct set still sets 100). Canvas applies its own rule to choice questions on import,
    so the note says the weights may not survive there."""
    if not q.weighted:
        return
    base = item.node.get("ident", "")
    for o in q.options:
        if o.weight and not (isinstance(q, SingleQuestion) and o.correct):
            node, var = item.condition(stop=False)
            _sub(var, "varequal", f"{base}_{o.key}", respident="response1")
            _sub(
                node, "setvar", fmt_number(round(o.weight * 100, 4)), action="Add", varname="SCORE"
            )
            item.processing.remove(node)
            item.processing.insert(1, node)  # before the exact-set rule, which stops
    item.notes.add(
        q.id,
        "option weights written as QTI score rules; Canvas grades choice questions by its own "
        "rule on import, so check the partial credit there",
    )


def _fib(item: _Item, *, decimal: bool) -> None:
    response = _sub(item.presentation, "response_str", ident="response1", rcardinality="Single")
    render = _sub(response, "render_fib")
    if decimal:
        render.set("fibtype", "Decimal")
        _sub(render, "response_label", ident="answer1")
    else:
        _sub(render, "response_label", ident="answer1", rshuffle="No")


def _short(item: _Item, q: ShortTextQuestion) -> None:
    _fib(item, decimal=False)
    answers = short_answers(q, item.notes, partial=False)
    for number, answer in enumerate(answers):
        if answer.feedback:
            node, var = item.condition(stop=False)
            _sub(var, "varequal", answer.text, respident="response1")
            item.show(node, f"answer{number}_fb", answer.feedback)
    node, var = item.condition(stop=True)
    for answer in answers:
        _sub(var, "varequal", answer.text, respident="response1")
    _sub(node, "setvar", "100", action="Set", varname="SCORE")
    item.otherwise("general_incorrect_fb", q.feedback_incorrect)


def _numeric(item: _Item, q: NumericQuestion) -> None:
    _fib(item, decimal=True)
    if q.spellings():
        item.notes.add(q.id, f"{unit_words(q)} dropped: Canvas numbers have no unit")
    tolerance = q.absolute_tolerance()
    if isinstance(q.tolerance, str):
        item.notes.add(
            q.id, f"relative tolerance {q.tolerance} written as ±{fmt_number(tolerance)}"
        )
    node, var = item.condition(stop=True)
    either = _sub(var, "or")  # exact value, or within the margin: Canvas's own shape
    _sub(either, "varequal", fmt_number(q.answer), respident="response1")
    both = _sub(either, "and")
    _sub(both, "vargte", fmt_number(q.answer - tolerance), respident="response1")
    _sub(both, "varlte", fmt_number(q.answer + tolerance), respident="response1")
    _sub(node, "setvar", "100", action="Set", varname="SCORE")
    item.show(node, "correct_fb", q.feedback_correct)
    item.otherwise("general_incorrect_fb", q.feedback_incorrect)


def _plain(item: _Item, text: str) -> str:
    plain = " ".join(md_to_text(text).split())
    if plain != " ".join(text.split()):
        item.notes.add(item.q.id, f"matching text '{plain}' loses its formatting (plain text)")
    return plain


def _matching(
    item: _Item,
    q: MatchingQuestion | OrderingQuestion,
    pairs: list[tuple[str, str]],
    distractors: list[str],
) -> None:
    if q.scoring == "all_or_nothing":
        item.notes.add(q.id, "all-or-nothing scoring dropped: Canvas grades matching per pair")
    base = item.node.get("ident", "")
    rights = [(f"{base}_r{n}", _plain(item, text)) for n, (_, text) in enumerate(pairs)]
    rights += [(f"{base}_d{n}", _plain(item, text)) for n, text in enumerate(distractors)]
    share = fmt_number(round(100 / len(pairs), 4))
    for number, (left, _) in enumerate(pairs):
        response = f"response_{base}_l{number}"
        item.answer_ids.append(f"{base}_l{number}")
        lid = _sub(item.presentation, "response_lid", ident=response)
        _material(lid, _plain(item, left), html=False)
        render = _sub(lid, "render_choice")
        for key, text in rights:
            _material(_sub(render, "response_label", ident=key), text, html=False)
        node, var = item.condition(stop=False)
        _sub(var, "varequal", rights[number][0], respident=response)
        _sub(node, "setvar", share, action="Add", varname="SCORE")
    if q.feedback_correct or q.feedback_incorrect:
        item.notes.add(q.id, "feedback_correct and feedback_incorrect dropped for matching")
    if isinstance(q, MatchingQuestion) and own_keys([p.id or "" for p in q.pairs])[0]:
        item.notes.add(q.id, "pair ids dropped: Canvas numbers the pairs")


def _essay(item: _Item, q: StarQuestion) -> None:
    item.notes.add(
        q.id,
        "STAR self-review exported as an essay: the STAR guidance and rubric are in the"
        " question text; the automatic STAR checks and self-rating are not carried",
    )
    _fib(item, decimal=False)
    _, var = item.condition(stop=True)
    _sub(var, "other")
