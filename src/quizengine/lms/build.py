"""LMS questions (as both readers see them) -> our question mappings.

The GIFT and Moodle XML readers only parse syntax into `RawQuestion`s; every decision
about meaning (which weights make partial credit, what a wildcard is, when an essay is
a STAR self-review) lives here, so both formats import the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..models.base import SLUG_PATTERN
from .common import Notes, UniqueIds, close, comparable, fmt_number
from .star_essay import parse_essay, split_feedback
from .text_essay import parse_text_essay


@dataclass(slots=True)
class RawAnswer:
    text: str
    fraction: float
    feedback: str | None = None
    value: float | None = None  # numerical answers
    tolerance: float = 0.0
    key: str | None = None  # our option or item id, where our own export wrote it


@dataclass(slots=True)
class RawQuestion:
    kind: str  # multichoice, truefalse, shortanswer, numerical, matching, ordering, essay
    name: str | None
    prompt: str
    line: int | None = None
    general_feedback: str | None = None
    points: float = 1.0
    hint: str | None = None
    feedback_correct: str | None = None
    feedback_incorrect: str | None = None
    feedback_partial: str | None = None
    single: bool = True
    answers: list[RawAnswer] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    shuffle: bool | None = None
    case_sensitive: bool = False
    units: list[str] = field(default_factory=list)  # spellings of one unit, shown one first
    grading: str | None = None  # ordering grading method
    word_limits: tuple[int | None, int | None] = (None, None)
    truth: bool | None = None
    tags: list[str] = field(default_factory=list)
    pair_keys: list[str | None] = field(default_factory=list)  # our pair ids, left ones
    grader_info: str | None = None  # an essay's information for graders (Moodle XML)
    answer_template: str | None = None  # an essay's pre-filled answer box (Moodle XML)
    pending: list[str] = field(default_factory=list)  # reader notes, until the id is known


def build_questions(raws: list[RawQuestion], notes: Notes) -> list[dict[str, Any]]:
    ids = UniqueIds()
    out = []
    for index, raw in enumerate(raws, start=1):
        qid = ids.take(raw.name or _first_words(raw.prompt), f"q{index}")
        if raw.name and qid != "-".join(raw.name.lower().split()):  # more than case, spaces
            notes.add(qid, _renamed(raw.name, ids.base(raw.name, f"q{index}"), qid), raw.line)
        built = _build(raw, qid, notes)
        if built is not None:
            out.append(built)
    return out


def _renamed(name: str, base: str, qid: str) -> str:
    """Why a question's id is not its name: response files and pages use the id."""
    if base == qid:
        return f"the name '{name}' became the id '{qid}' (ids hold a-z, 0-9 and hyphens)"
    if base == name:
        return f"the name '{name}' is another question's id already: this one's is '{qid}'"
    return f"the name '{name}' became the id '{qid}': '{base}' is another question's already"


def _first_words(text: str) -> str:
    return " ".join(re.findall(r"[A-Za-z0-9]+", text)[:6])


NoteFn = Callable[[str], None]
Builder = Callable[[RawQuestion, NoteFn], dict[str, Any] | None]
_BUILDERS: dict[str, Builder] = {}


def _build(raw: RawQuestion, qid: str, notes: Notes) -> dict[str, Any] | None:
    def note(message: str) -> None:
        notes.add(qid, message, raw.line)

    for message in dict.fromkeys(raw.pending):
        note(message)

    builder = _BUILDERS.get(raw.kind)
    if builder is None:
        note(f"{raw.kind} questions have no equivalent here: skipped")
        return None
    body: dict[str, Any] | None = builder(raw, note)
    if body is None:
        return None
    data: dict[str, Any] = {"id": qid, "type": body.pop("type"), "prompt": raw.prompt or qid}
    if raw.points > 0 and not close(raw.points, 1.0, 1e-9):
        data["points"] = raw.points
    elif raw.points <= 0:
        note(f"mark {fmt_number(raw.points)} is not positive: 1 point used")
    data.update(body)
    if raw.hint:
        data["hint"] = raw.hint
    tags = _tags(raw.tags, note)
    if tags:
        data["tags"] = tags
    if raw.general_feedback and "explanation" not in data:
        data["explanation"] = raw.general_feedback
    for key in ("feedback_correct", "feedback_incorrect"):
        value = getattr(raw, key)
        if value and key not in data:
            data[key] = value
    if raw.feedback_partial and raw.feedback_partial != raw.feedback_incorrect:
        note("feedback for partly correct answers dropped (only correct/incorrect exist)")
    return data


def _tags(names: list[str], note: NoteFn) -> list[str]:
    """Moodle's tags as ours (ids, so a bank draw can pick by them), each change named."""
    tags: list[str] = []
    for name in names:
        tag = UniqueIds.base(name, "")
        if tag != name:
            note(f"tag '{name}' became '{tag}'" if tag else f"tag '{name}' dropped: no id in it")
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def _register(kind: str) -> Callable[[Builder], Builder]:
    def wrap(func: Builder) -> Builder:
        _BUILDERS[kind] = func
        return func

    return wrap


def _ids(answers: list[RawAnswer]) -> list[dict[str, str]]:
    """`{"id": key}` per answer when an export of ours kept every id (distinct and valid,
    or the quiz would not validate); `{}` each otherwise, for positional ids."""
    keys = [a.key for a in answers]
    valid = [k for k in keys if k is not None and re.match(SLUG_PATTERN, k)]
    if len(valid) == len(keys) and len(set(valid)) == len(valid):
        return [{"id": key} for key in valid]
    return [{} for _ in answers]


@_register("truefalse")
def _true_false(raw: RawQuestion, note: NoteFn) -> dict[str, Any] | None:
    return {"type": "true_false", "answer": bool(raw.truth)}


@_register("multichoice")
def _choice(raw: RawQuestion, note: NoteFn) -> dict[str, Any] | None:
    if len(raw.answers) < 2:
        note("a choice question needs at least two options: skipped")
        return None
    options: list[dict[str, Any]] = [
        {**key, "text": a.text or "(empty)"}
        for key, a in zip(_ids(raw.answers), raw.answers, strict=True)
    ]
    for option, answer in zip(options, raw.answers, strict=True):
        if answer.feedback:
            option["feedback"] = answer.feedback
    body: dict[str, Any] = {"options": options}
    if raw.shuffle is False:
        body["shuffle_options"] = False
    if raw.single:
        best = max(a.fraction for a in raw.answers)
        if best <= 0:
            note("no option is marked correct: skipped")
            return None
        top = [i for i, a in enumerate(raw.answers) if close(a.fraction, best, 1e-6)]
        if len(top) > 1:
            note(f"{len(top)} options give full marks; only the first stays correct")
        if not close(best, 1.0):
            note(f"the best option earns {best:.0%}: imported as the correct one")
        options[top[0]]["correct"] = True
        partial = [i for i, a in enumerate(raw.answers) if i not in top and a.fraction != 0]
        if partial and close(best, 1.0):
            for i in partial:  # a wrong option's part credit (or penalty) becomes its weight
                options[i]["weight"] = round(raw.answers[i].fraction, 7)
        elif any(0 < a.fraction < best for a in raw.answers):
            note("partial credit for wrong options dropped: single choice is right or wrong")
        return {"type": "single", **body}
    return _multiple(raw, options, body, note)


def _multiple(
    raw: RawQuestion, options: list[dict[str, Any]], body: dict[str, Any], note: NoteFn
) -> dict[str, Any] | None:
    right = [a.fraction for a in raw.answers if a.fraction > 0]
    if not right:
        note("no option earns credit: skipped")
        return None
    for option, answer in zip(options, raw.answers, strict=True):
        if answer.fraction > 0:
            option["correct"] = True
    share = 1 / len(right)
    wrong = [a.fraction for a in raw.answers if a.fraction <= 0]
    equal = all(close(f, share) for f in right)
    if equal and all(close(f, -share) for f in wrong):
        return {"type": "multiple", **body}
    if equal and wrong and all(close(f, -1.0) for f in wrong):
        note(
            "each wrong option costs the whole mark: imported as all-or-nothing scoring"
            " (the LMS gave part credit for an incomplete, clean selection)"
        )
        return {"type": "multiple", "scoring": "all_or_nothing", **body}
    if abs(sum(right) - 1) <= 0.01:
        for option, answer in zip(options, raw.answers, strict=True):
            if answer.fraction:  # Moodle's fractions are our weights, grading included
                option["weight"] = round(answer.fraction, 7)
        return {"type": "multiple", **body}
    note(
        "option weights approximated: the correct options' grades do not add up to 100%, so"
        " each correct option now counts equally and each wrong choice takes off one"
        " correct option's share"
    )
    return {"type": "multiple", **body}


@_register("shortanswer")
def _short(raw: RawQuestion, note: NoteFn) -> dict[str, Any] | None:
    answers: list[dict[str, Any]] = []
    wildcard = any(_has_wildcard(a.text) for a in raw.answers if a.fraction > 0)
    for answer in raw.answers:
        if answer.fraction <= 0:
            if answer.text.strip() == "*":
                if answer.feedback:
                    raw.feedback_incorrect = raw.feedback_incorrect or answer.feedback
            else:
                note(f"answer '{answer.text}' earns no credit: dropped")
            continue
        text = _wildcard_regex(answer.text) if wildcard else _unescape_star(answer.text)
        entry: dict[str, Any] = {"text": text}
        if answer.fraction < 1:
            entry["score"] = round(answer.fraction, 7)
        elif answer.fraction > 1:
            note(f"answer '{answer.text}' earned more than full marks: capped at 1")
        if answer.feedback:
            entry["feedback"] = answer.feedback
        answers.append(entry)
    if not answers:
        note("no answer earns credit: skipped")
        return None
    body: dict[str, Any] = {"type": "short_text", "answers": answers}
    if wildcard:
        body["match"] = "regex"
        note("answers with the '*' wildcard imported as regular expressions")
        if raw.case_sensitive:
            note("case-sensitive matching dropped: regular expressions ignore case")
    elif raw.case_sensitive:
        body["match"] = "exact"
    return body


def _has_wildcard(text: str) -> bool:
    return re.search(r"(?<!\\)\*", text) is not None


def _unescape_star(text: str) -> str:
    return text.replace("\\*", "*")


def _wildcard_regex(text: str) -> str:
    parts = re.split(r"(?<!\\)\*", text)
    return ".*".join(re.escape(_unescape_star(p)) for p in parts)


@_register("numerical")
def _numeric(raw: RawQuestion, note: NoteFn) -> dict[str, Any] | None:
    scored = [a for a in raw.answers if a.value is not None and a.fraction > 0]
    for answer in raw.answers:
        if answer.value is None and answer.feedback:
            raw.feedback_incorrect = raw.feedback_incorrect or answer.feedback
    if not scored:
        note("no numeric answer earns credit: skipped")
        return None
    best = max(scored, key=lambda a: a.fraction)
    others = [a for a in scored if a is not best]
    if others:
        note(
            f"{len(others)} more answer(s) with partial credit dropped: one answer and"
            " tolerance are kept"
        )
    if best.fraction < 1:
        note(f"the best answer earned {best.fraction:.0%}: imported as fully correct")
    assert best.value is not None
    body: dict[str, Any] = {"type": "numeric", "answer": _tidy_number(best.value)}
    if best.tolerance:
        body["tolerance"] = _tidy_number(abs(best.tolerance))
    if len(raw.units) == 1:
        body["unit"] = raw.units[0]
    elif raw.units:
        body["units"] = raw.units
    if best.feedback:
        raw.feedback_correct = raw.feedback_correct or best.feedback
    return body


def _tidy_number(value: float) -> float | int:
    """`1500` rather than `1500.0` in the YAML; both validate as the same number."""
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


@_register("matching")
def _matching(raw: RawQuestion, note: NoteFn) -> dict[str, Any] | None:
    pairs: list[dict[str, str]] = [
        {"left": left, "right": right} for left, right in raw.pairs if left.strip()
    ]
    if len(raw.pair_keys) == len(pairs):  # our export kept the pair ids: keep them
        keys = _ids([RawAnswer("", 0.0, key=key) for key in raw.pair_keys])
        pairs = [{**key, **pair} for key, pair in zip(keys, pairs, strict=True)]
    distractors = [right for left, right in raw.pairs if not left.strip() and right.strip()]
    if len(pairs) < 2:
        note("a matching question needs at least two pairs: skipped")
        return None
    body: dict[str, Any] = {"type": "matching", "pairs": pairs}
    if distractors:
        body["distractors"] = distractors
    return body


@_register("ordering")
def _ordering(raw: RawQuestion, note: NoteFn) -> dict[str, Any] | None:
    ids = _ids(raw.answers)
    items: list[Any] = [a.text for a in raw.answers]
    if any(ids):
        items = [{**key, "text": text} for key, text in zip(ids, items, strict=True)]
    if len(items) < 2:
        note("an ordering question needs at least two items: skipped")
        return None
    body: dict[str, Any] = {"type": "ordering", "items": items}
    grading = (raw.grading or "").upper()
    if grading in ("ALL_OR_NOTHING", "-1"):
        body["scoring"] = "all_or_nothing"
    elif grading not in ("RELATIVE_ALL_PREVIOUS_AND_NEXT", "4"):
        note(
            f"grading method {raw.grading or 'default'} approximated by partial credit for"
            " each pair of items in the right order"
        )
    return body


@_register("essay")
def _essay(raw: RawQuestion, note: NoteFn) -> dict[str, Any] | None:
    star = parse_essay(raw.prompt)
    if star is None:
        return _text(raw, note)
    raw.prompt = star.prompt
    body: dict[str, Any] = {"type": "star", **star.data}
    low, high = raw.word_limits
    if low is not None and high is not None and low <= high:
        body["min_words"], body["max_words"] = low, high
    if not star.ours:
        note(
            "essay that names Situation, Task, Action and Result imported as a free-mode"
            " STAR self-review with the default rubric"
        )
    return _with_feedback(body, raw, note)


def _with_feedback(body: dict[str, Any], raw: RawQuestion, note: NoteFn) -> dict[str, Any]:
    """An essay's general feedback: the explanation, and the example answer we export in it.

    Other tools put a model answer in Moodle's information for graders (we write ours
    there too), so that is the example answer when the feedback holds none.
    """
    explanation, example = split_feedback(raw.general_feedback)
    if explanation:
        body["explanation"] = explanation
    if example:
        body["example_answer"] = example
    if raw.grader_info and not example:
        body["example_answer"] = raw.grader_info
    elif raw.grader_info and comparable(raw.grader_info) != comparable(example or ""):
        note("the information for graders dropped: the example answer comes from the feedback")
    return body


def _text(raw: RawQuestion, note: NoteFn) -> dict[str, Any]:
    """Any other essay: a `text` question, self-rated against the rubric in its text."""
    fields = parse_text_essay(raw.prompt)
    raw.prompt = fields.prompt
    body: dict[str, Any] = {"type": "text", **fields.data}
    low = raw.word_limits[0]
    if low is not None and low > 1 and "min_words" not in body:
        body["min_words"] = low
    if not fields.ours:
        note(
            "essay imported as a text question with a one-line rubric: write the criteria a"
            " good answer meets, which learners tick to score themselves"
        )
    if raw.answer_template:
        note("the essay's answer template dropped: the answer box here starts empty")
    return _with_feedback(body, raw, note)
