"""contents.py: each page's kind and time, the one source for every place that shows them."""

from __future__ import annotations

import json
from pathlib import Path

from quizengine.contents import (
    CALCULATOR_MINUTES,
    Item,
    Part,
    module_items,
    page_item,
    quiz_minutes,
    reading_minutes,
)
from quizengine.loader import load_paths
from quizengine.models import Quiz
from quizengine.models.module import Module

from .conftest import QUIZZES, ROOT


def _quiz(quiz_id: str, types: list[str], draw: int | None = None) -> Quiz:
    questions = []
    for n, kind in enumerate(types):
        q: dict[str, object] = {"id": f"q{n}", "type": kind, "prompt": "p"}
        if kind == "true_false":
            q["answer"] = True
        elif kind == "star":
            q["mode"] = "free"
        elif kind == "ordering":
            q["items"] = [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]
        questions.append(q)
    return Quiz.model_validate(
        {"id": quiz_id, "title": "T", "questions": questions, **({"draw": draw} if draw else {})}
    )


def test_reading_time_counts_words_at_the_given_speed_and_never_says_zero() -> None:
    assert reading_minutes("word " * 400, 200) == 2
    assert reading_minutes("word " * 401, 200) == 3
    assert reading_minutes("", 200) == 1
    assert reading_minutes("word " * 100, 50) == 2


def test_reading_time_leaves_out_front_matter_and_directives() -> None:
    body = "word " * 200
    front = "---\ntitle: " + "long " * 500 + "\n---\n"
    assert reading_minutes(front + body + "\n\n::quiz{#x}\n", 200) == 1
    # A directive inside fenced code is text to read, like the rest of the code.
    fenced = body + "\n```\n" + "::quiz{#x}\n" * 200 + "```\n"
    assert reading_minutes(fenced, 200) > 1


def test_quiz_time_is_for_the_questions_shown() -> None:
    assert quiz_minutes(_quiz("a", ["true_false"] * 10)) == 10
    assert quiz_minutes(_quiz("a", ["true_false"] * 10, draw=4)) == 4
    assert quiz_minutes(_quiz("a", ["true_false", "ordering"])) == 3  # ordering: 2 min
    assert quiz_minutes(_quiz("a", ["star"])) == 10
    # A drawn quiz of mixed types: the average question, times the questions drawn.
    assert quiz_minutes(_quiz("a", ["true_false", "true_false", "ordering"], draw=2)) == 3


def test_a_page_says_what_it_holds_and_how_long_each_part_takes(tmp_path: Path) -> None:
    quizzes = {"plain": _quiz("plain", ["true_false"] * 3), "story": _quiz("story", ["star"])}
    page = tmp_path / "ch.md"
    page.write_text(
        "# The chapter\n\n" + "word " * 390 + "\n\n::offer-calculator\n\n::quiz{#plain}\n\n"
        "::quiz{#story}\n\n::quiz{#missing}\n"
    )
    item = page_item("m/ch.md", page, None, quizzes.get, 200)
    assert item.title == "The chapter"  # the first heading when the manifest gives none
    assert item.parts == (
        Part("reading", 2),
        Part("calculator", CALCULATOR_MINUTES),
        Part("quiz", 3),
        Part("STAR practice", 10),
    )
    assert item.time == "2 min reading + 5 min calculator + 3 min quiz + 10 min STAR practice"
    assert item.quizzes == ("plain", "story", "missing")  # every quiz that completes the page
    plain = tmp_path / "plain.md"
    plain.write_text("word " * 10)
    assert page_item("m/plain.md", plain, "Named", quizzes.get).time == "1 min reading"


def test_a_notebook_is_read_from_its_cells(tmp_path: Path) -> None:
    notebook = tmp_path / "nb.ipynb"
    cells = [{"cell_type": "markdown", "source": ["word " * 300]}, {"source": "x = 1\n" * 100}]
    notebook.write_text(json.dumps({"cells": cells}))
    item = page_item("m/nb.ipynb", notebook, "Calculator", {}.get, 200)
    assert item == Item("m/nb.ipynb", "Calculator", "", (Part("notebook", 3),))
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{not json")
    assert page_item("m/b.ipynb", broken, None, {}.get).time == "1 min notebook"


def test_module_items_follow_the_manifest(tmp_path: Path) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "index.md").write_text("# Welcome\n\nHello.\n")
    (tmp_path / "m" / "one.md").write_text("# One\n\n::quiz{#plain}\n")
    module = Module.model_validate(
        {
            "id": "m",
            "title": "M",
            "summary": "s",
            "objectives": ["o"],
            "estimated_minutes": 5,
            "chapters": ["index.md", {"page": "one.md", "title": "1. One", "summary": "First"}],
        }
    )
    items = module_items(module, tmp_path, {"plain": _quiz("plain", ["true_false"])}.get)
    assert [(i.page, i.title, i.summary, i.time) for i in items] == [
        ("m/index.md", "Welcome", "", "1 min reading"),
        ("m/one.md", "1. One", "First", "1 min reading + 1 min quiz"),
    ]


def _times_course(
    tmp_path: Path, estimate: str, quiz: str = "", docs: str = "m"
) -> list[tuple[int, int, str, str]]:
    """A two-page module (2 min reading + 1 min quiz) loaded as validate loads it."""
    folder = tmp_path / "quizzes" / "m"
    folder.mkdir(parents=True)
    (folder / "module.yaml").write_text(
        "id: m\ntitle: M\nsummary: s\nobjectives: [o]\n"
        f"{estimate}docs: {docs}\nchapters: [index.md, one.md]\nquizzes: [plain]\n"
    )
    (folder / "plain.yaml").write_text(
        quiz
        or "id: plain\ntitle: T\nquestions:\n"
        "  - {id: q, type: true_false, prompt: P, answer: true}\n"
    )
    (tmp_path / "docs" / docs).mkdir(parents=True)
    (tmp_path / "docs" / docs / "index.md").write_text("# Welcome\n\nHello.\n")
    (tmp_path / "docs" / docs / "one.md").write_text("# One\n\n::quiz{#plain}\n")
    report = load_paths([tmp_path / "quizzes"], tmp_path / "docs")
    return [(d.line, d.col, d.severity, d.message) for d in report.all_diagnostics]


def test_a_hand_written_module_time_that_disagrees_is_a_warning_naming_the_total(
    tmp_path: Path,
) -> None:
    assert _times_course(tmp_path, "estimated_minutes: 45\n") == [
        (
            5,
            20,
            "warning",
            "estimated_minutes is 45, but the module's pages and quizzes add up to 3 minutes "
            "(reading at 200 words a minute), the times learners see: remove "
            "estimated_minutes, or set it to 3",
        )
    ]


def test_a_module_time_left_out_or_agreeing_says_nothing(tmp_path: Path) -> None:
    assert _times_course(tmp_path / "out", "") == []
    assert _times_course(tmp_path / "same", "estimated_minutes: 3\n") == []
    nested = _times_course(tmp_path / "nested", "estimated_minutes: 3\n", docs="guides/m")
    assert nested == []  # a module folder two levels down is read where it is


def test_a_module_whose_quiz_failed_is_not_compared(tmp_path: Path) -> None:
    broken = "id: plain\ntitle: T\nquestions: 3\n"
    found = _times_course(tmp_path, "estimated_minutes: 45\n", broken)
    assert found and all(severity == "error" for _, _, severity, _ in found)
    assert not [m for *_, m in found if "estimated_minutes" in m]


def test_the_course_shows_one_time_per_module() -> None:
    """The course leaves its module times to the engine, or agrees with it."""
    report = load_paths([QUIZZES], ROOT / "docs", pages=False)
    assert report.modules
    assert not [d.format() for d in report.all_diagnostics if "estimated_minutes" in d.message]
