"""Every course quiz survives export to GIFT and Moodle XML and import back.

"Survives" means: the re-imported file validates, has the same questions (same ids and
types, except ordering, which GIFT carries as matching), the same prompts, options and
explanations modulo formatting, and grades the same answers the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quizengine import load_paths, load_quiz
from quizengine.lms import export_quizzes, import_text
from quizengine.lms.common import comparable
from quizengine.models import (
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
)

from .support import ROOT, assert_grades_alike, reference, score

QUIZZES = load_paths([ROOT / "quizzes"]).quizzes
IDS = [quiz.id for quiz in QUIZZES]


def test_every_course_quiz_is_loaded() -> None:
    assert len(QUIZZES) >= 19
    kinds = {q.type for quiz in QUIZZES for q in quiz.questions}
    assert kinds == {
        "single",
        "multiple",
        "true_false",
        "short_text",
        "numeric",
        "ordering",
        "matching",
        "star",
        "text",
    }


def _round_trip(quiz: Quiz, fmt: str, tmp_path: Path) -> Quiz:
    exported = export_quizzes([quiz], fmt)  # type: ignore[arg-type]
    (data,) = exported.files.values()
    result = import_text(data.decode("utf-8"), fmt, quiz_id=quiz.id, title=quiz.title)  # type: ignore[arg-type]
    path = tmp_path / f"{quiz.id}.yaml"
    path.write_text(result.yaml_text, encoding="utf-8")
    return load_quiz(path)  # raises with diagnostics if the YAML does not validate


@pytest.mark.parametrize("fmt", ["gift", "moodle"])
@pytest.mark.parametrize("quiz", QUIZZES, ids=IDS)
def test_round_trip_keeps_questions_and_grading(quiz: Quiz, fmt: str, tmp_path: Path) -> None:
    back = _round_trip(quiz, fmt, tmp_path)
    assert (back.id, back.title) == (quiz.id, quiz.title)
    assert [q.id for q in back.questions] == [q.id for q in quiz.questions]
    for original, imported in zip(quiz.questions, back.questions, strict=True):
        if fmt == "gift" and isinstance(original, OrderingQuestion):
            _check_ordering_as_matching(original, imported)
            continue
        assert imported.type == original.type
        _check_texts(original, imported, fmt)
        assert_grades_alike(original, imported)


def _check_ordering_as_matching(original: OrderingQuestion, imported: Question) -> None:
    assert isinstance(imported, MatchingQuestion)
    assert [comparable(p.right) for p in imported.pairs] == [
        comparable(i.text) for i in original.items
    ]
    assert score(imported, reference(imported)) == pytest.approx(1.0)


def _check_texts(original: Question, imported: Question, fmt: str) -> None:
    assert comparable(imported.prompt) == comparable(original.prompt)
    if isinstance(original, StarQuestion):
        assert isinstance(imported, StarQuestion)
        assert (imported.mode, imported.min_words, imported.max_words) == (
            original.mode,
            original.min_words,
            original.max_words,
        )
        assert _rubric(imported) == _rubric(original)
        assert comparable(imported.example_answer or "") == comparable(
            original.example_answer or ""
        )
    if isinstance(original, TextQuestion):
        assert isinstance(imported, TextQuestion)
        assert imported.min_words == original.min_words
        assert [(c.key, comparable(c.criterion)) for c in imported.rubric] == [
            (c.key, comparable(c.criterion)) for c in original.rubric
        ]
        assert comparable(imported.example_answer or "") == comparable(
            original.example_answer or ""
        )
    assert comparable(imported.explanation or "") == comparable(original.explanation or "")
    if fmt == "moodle":
        assert imported.points == original.points
        assert comparable(imported.hint or "") == comparable(original.hint or "")
    if isinstance(original, SingleQuestion | MultipleQuestion):
        assert isinstance(imported, SingleQuestion | MultipleQuestion)
        assert [comparable(o.text) for o in imported.options] == [
            comparable(o.text) for o in original.options
        ]
        assert [o.correct for o in imported.options] == [o.correct for o in original.options]
        for before, after in zip(original.options, imported.options, strict=True):
            assert comparable(before.feedback or "") in comparable(after.feedback or "")
    if isinstance(original, MultipleQuestion):
        assert isinstance(imported, MultipleQuestion)
        assert imported.scoring == original.scoring
    if isinstance(original, NumericQuestion):
        assert isinstance(imported, NumericQuestion)
        assert imported.answer == original.answer
        assert imported.absolute_tolerance() == pytest.approx(original.absolute_tolerance())
        if fmt == "moodle":
            assert imported.spellings() == original.spellings()
    if isinstance(original, ShortTextQuestion) and original.match != "regex":
        assert isinstance(imported, ShortTextQuestion)
        assert [(a.text, a.score) for a in imported.answers] == [
            (a.text, a.score) for a in original.answers
        ]
    if isinstance(original, MatchingQuestion):
        assert isinstance(imported, MatchingQuestion)
        assert [(comparable(p.left), comparable(p.right)) for p in imported.pairs] == [
            (comparable(p.left), comparable(p.right)) for p in original.pairs
        ]
        assert [comparable(d.text) for d in imported.distractors] == [
            comparable(d.text) for d in original.distractors
        ]
    if isinstance(original, OrderingQuestion):
        assert isinstance(imported, OrderingQuestion)
        assert [comparable(i.text) for i in imported.items] == [
            comparable(i.text) for i in original.items
        ]
        assert imported.scoring == original.scoring


def _rubric(question: StarQuestion) -> list[Any]:
    from quizengine.star.rubric import effective_rubric

    return [
        (c.id, " ".join(c.criterion.split()), [" ".join(level.split()) for level in c.levels])
        for c in effective_rubric(question)
    ]


@pytest.mark.parametrize("fmt", ["gift", "moodle"])
def test_a_bundle_imports_as_one_quiz_with_every_question(fmt: str, tmp_path: Path) -> None:
    exported = export_quizzes(QUIZZES, fmt, bundle="course")  # type: ignore[arg-type]
    assert list(exported.files) == [f"course.{'gift' if fmt == 'gift' else 'xml'}"]
    text = exported.files[f"course.{'gift' if fmt == 'gift' else 'xml'}"].decode()
    result = import_text(text, fmt, quiz_id="course", title="Course")  # type: ignore[arg-type]
    path = tmp_path / "course.yaml"
    path.write_text(result.yaml_text, encoding="utf-8")
    back = load_quiz(path)
    # A bank question is exported once, however many quizzes draw it.
    unique = {(quiz.origin(q.id) or quiz.id, q.id) for quiz in QUIZZES for q in quiz.questions}
    assert len(back.questions) == len(unique) < sum(len(q.questions) for q in QUIZZES)
    # Ids repeat across quizzes (two quizzes may both have `q1`): made unique, never merged.
    assert len({q.id for q in back.questions}) == len(back.questions)


def test_export_reports_what_each_format_drops() -> None:
    by_id = {quiz.id: quiz for quiz in QUIZZES}
    gift = export_quizzes([by_id["guide-ordering"], by_id["guide-numeric"]], "gift").notes
    messages = [n.format() for n in gift]
    assert any("'offer-steps'" in m and "no ordering question" in m for m in messages)
    assert any("'match-value'" in m and "unit 'dollars' dropped" in m for m in messages)
    assert any("relative tolerance 1% written as ±813.8" in m for m in messages)
    qti = export_quizzes([by_id["guide-star"], by_id["guide-short-text"]], "qti").notes
    messages = [n.format() for n in qti]
    assert any("STAR self-review exported as an essay" in m for m in messages)
    assert any("'bottom line'" in m and "partial credit" in m for m in messages)
    assert any("regular expression" in m and "3 exact answers" in m for m in messages)
    moodle = export_quizzes([by_id["guide-ordering"]], "moodle").notes
    assert any("core since 4.4" in n.message for n in moodle)


def test_unit_spellings_survive_moodle_and_are_named_where_dropped(tmp_path: Path) -> None:
    quiz = Quiz.model_validate(
        {
            "id": "leave",
            "title": "Leave",
            "questions": [
                {
                    "id": "hours",
                    "type": "numeric",
                    "prompt": "How many hours?",
                    "answer": 138,
                    "units": ["hours", "hrs", "h"],
                }
            ],
        }
    )
    moodle = export_quizzes([quiz], "moodle")
    assert not moodle.notes  # every spelling is a Moodle unit with multiplier 1
    text = moodle.files["leave.xml"].decode()
    result = import_text(text, "moodle", quiz_id="leave", title="Leave")
    path = tmp_path / "leave.yaml"
    path.write_text(result.yaml_text, encoding="utf-8")
    back = load_quiz(path).questions[0]
    assert isinstance(back, NumericQuestion)
    assert back.units == ["hours", "hrs", "h"]
    for fmt, name in (("gift", "GIFT"), ("qti", "Canvas")):
        messages = [n.format() for n in export_quizzes([quiz], fmt).notes]  # type: ignore[arg-type]
        dropped = f"unit 'hours' (also written 'hrs', 'h') dropped: {name} numbers have no unit"
        assert any(dropped in m for m in messages), messages
