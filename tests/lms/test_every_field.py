"""Nothing is dropped without a word: every field of every question type, set to something
other than its default, either comes back from our own import of the export or is named
in a warning (of the export, or of the import). QTI has no importer here, so there each
field is named, or is one the package holds (its text is then found in the package).
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from typing import Any

import pytest
import yaml

from quizengine.lms import export_quizzes, import_text
from quizengine.models import Question, Quiz


def _common(qid: str) -> dict[str, Any]:
    return {
        "id": qid,
        "prompt": f"Prompt for **{qid}**.",
        "points": 2,
        "tags": ["week-1"],
        "hint": "A hint.",
        "explanation": "The reason.",
        "feedback_correct": "Yes, well done.",
        "feedback_incorrect": "Not this time.",
    }


QUESTIONS: list[dict[str, Any]] = [
    {
        **_common("single"),
        "type": "single",
        "shuffle_options": False,
        "options": [
            {"id": "right", "text": "Right", "correct": True, "feedback": "Good."},
            {"id": "half", "text": "Half", "weight": 0.5, "feedback": "Partly."},
            {"id": "wrong", "text": "Wrong", "feedback": "Bad."},
        ],
    },
    {
        **_common("multiple"),
        "type": "multiple",
        "scoring": "all_or_nothing",
        "shuffle_options": False,
        "options": [
            {"id": "x", "text": "X", "correct": True, "feedback": "Yes, X."},
            {"id": "y", "text": "Y", "correct": True},
            {"id": "z", "text": "Z"},
        ],
    },
    {**_common("true-false"), "type": "true_false", "answer": False},
    {
        **_common("short"),
        "type": "short_text",
        "match": "exact",
        "typo_tolerance": 1,
        "answers": [
            {"text": "BATNA", "feedback": "Exactly."},
            {"text": "fallback", "score": 0.5, "feedback": "Close."},
        ],
    },
    {
        **_common("number"),
        "type": "numeric",
        "answer": 25,
        "tolerance": 0.5,
        "units": ["$", "dollars"],
    },
    {**_common("unit"), "type": "numeric", "answer": 1500, "tolerance": "1%", "unit": "$"},
    {
        **_common("matching"),
        "type": "matching",
        "scoring": "all_or_nothing",
        "pairs": [
            {"id": "pto", "left": "PTO", "right": "Days off"},
            {"id": "bonus", "left": "Bonus", "right": "Paid once"},
        ],
        "distractors": ["A salary band"],
    },
    {
        **_common("ordering"),
        "type": "ordering",
        "scoring": "all_or_nothing",
        "items": [{"id": "thank", "text": "Thank them"}, {"id": "ask", "text": "Ask"}],
    },
    {
        **_common("star"),
        "type": "star",
        "mode": "free",
        "min_words": 50,
        "max_words": 300,
        "auto_weight": 0.3,
        "example_answer": "An example story.",
        "rubric": [
            {
                "id": "clear",
                "criterion": "Clear",
                "levels": ["Unclear", "Partly", "Clear"],
                "evidence": ["quantified_result"],
            },
            {"id": "short", "criterion": "Short", "levels": ["Long", "Short"]},
        ],
    },
    {
        **_common("text"),
        "type": "text",
        "min_words": 30,
        "example_answer": "An example answer.",
        "rubric": [
            {"id": "number", "criterion": "Names a number"},
            {"id": "why", "criterion": "Says why"},
        ],
    },
]
QUIZ = Quiz.model_validate({"id": "every", "title": "Every field", "questions": QUESTIONS})

# Words a warning uses for a field when not its key (the key itself always counts).
_NAMED_AS = {
    "units": ["unit '"],
    "unit": ["unit '"],
    "typo_tolerance": ["typo tolerance"],
    "match": ["matching"],
    "scoring": ["scoring"],
    "type": ["exported as matching"],  # ordering, where a format has no ordering question
    "items": ["exported as matching"],
    "options": ["option's feedback"],  # whole-question feedback joined to each option's
    "answers": ["accepted answers' feedback"],
}


def _fields(question: Question) -> dict[str, Any]:
    """The fields set to something other than their default."""
    return question.model_dump(exclude_defaults=True, exclude={"id"})


def _named(field: str, messages: list[str]) -> bool:
    words = [field, *_NAMED_AS.get(field, [])]
    return any(word in message for word in words for message in messages)


def test_the_quiz_sets_every_field_of_every_question_type() -> None:
    """So a new model field fails here until the exporters carry it or name it."""
    for kind in {type(question) for question in QUIZ.questions}:
        fields = set(kind.model_fields) - {"id", "type"}
        for question in QUIZ.questions:
            if isinstance(question, kind):
                fields -= set(_fields(question))
        assert not fields, (kind.__name__, fields)


@pytest.mark.parametrize("fmt", ["gift", "moodle"])
def test_every_field_comes_back_or_is_named(fmt: str) -> None:
    exported = export_quizzes([QUIZ], fmt)  # type: ignore[arg-type]
    (data,) = exported.files.values()
    imported = import_text(data.decode("utf-8"), fmt, quiz_id=QUIZ.id)  # type: ignore[arg-type]
    back = {q.id: q for q in Quiz.model_validate(yaml.safe_load(imported.yaml_text)).questions}
    silent = []
    for question in QUIZ.questions:
        messages = [
            n.message for n in [*exported.notes, *imported.notes] if n.question == question.id
        ]
        after = back[question.id].model_dump()
        for field, value in _fields(question).items():
            if after.get(field) != question.model_dump()[field] and not _named(field, messages):
                silent.append((question.id, field, value, after.get(field)))
    assert silent == []


# What a Canvas package holds of each question by its form (points, answers, options and
# the essay's text, which carries the STAR and text rubrics and word limits).
_QTI_HOLDS = {"prompt", "points", "explanation", "feedback_correct", "feedback_incorrect"}
_QTI_HOLDS |= {"options", "shuffle_options", "answer", "answers", "tolerance", "pairs"}
_QTI_HOLDS |= {"distractors", "items", "mode", "min_words", "max_words", "rubric"}
_QTI_HOLDS |= {"example_answer", "match", "typo_tolerance", "type", "unit", "units"}


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return []


def test_every_field_is_in_the_canvas_package_or_named() -> None:
    exported = export_quizzes([QUIZ], "qti")
    (package,) = exported.files.values()
    xml = zipfile.ZipFile(io.BytesIO(package)).read("every/every.xml").decode("utf-8")
    shown = re.sub(r"<[^>]*>", "", html.unescape(xml))
    silent = []
    for question in QUIZ.questions:
        messages = [n.message for n in exported.notes if n.question == question.id]
        for field, value in _fields(question).items():
            if _named(field, messages):
                continue
            texts = [t.replace("**", "") for t in _texts(value) if field not in ("type",)]
            missing = [t for t in texts if t not in shown and field not in ("match", "mode")]
            if field not in _QTI_HOLDS or missing:
                silent.append((question.id, field, missing))
    assert silent == []
