"""Cross-references between a module manifest, its quizzes and its chapter pages."""

from __future__ import annotations

from pathlib import Path

from quizengine.contents import module_items
from quizengine.loader import load_paths
from quizengine.modules import module_requirements, progress_quizzes, quiz_directives

MANIFEST = """\
id: mod
title: M
summary: S
objectives: [Do a thing]
estimated_minutes: 5
chapters: [one.md, two.md, calc.ipynb, gone.md]
quizzes: [first, second]
"""
QUIZ = "id: {id}\ntitle: T\nquestions:\n  - {{id: q, type: true_false, prompt: P, answer: true}}\n"


def _course(tmp_path: Path) -> Path:
    (tmp_path / "quizzes" / "mod").mkdir(parents=True)
    (tmp_path / "quizzes" / "mod" / "module.yaml").write_text(MANIFEST)
    for quiz_id in ("first", "second"):
        (tmp_path / "quizzes" / "mod" / f"{quiz_id}.yaml").write_text(QUIZ.format(id=quiz_id))
    docs = tmp_path / "docs" / "mod"
    docs.mkdir(parents=True)
    (docs / "one.md").write_text("# One\n\n::quiz{#first}\n\n```\n::quiz{#second}\n```\n")
    (docs / "two.md").write_text("# Two\n\nText.\n\n::quiz{#frist}\n")
    (docs / "calc.ipynb").write_text("::quiz{#second}\n")  # a notebook is never scanned
    return tmp_path


def test_quiz_directives_reads_markdown_chapters_only(tmp_path: Path) -> None:
    docs = _course(tmp_path) / "docs" / "mod"
    assert [d.quiz_id for d in quiz_directives(docs / "one.md")] == ["first"]  # fences skipped
    assert quiz_directives(docs / "calc.ipynb") == []
    assert quiz_directives(docs / "gone.md") == []


def test_every_cross_reference_problem_at_its_position(tmp_path: Path) -> None:
    root = _course(tmp_path)
    report = load_paths([root / "quizzes"], root / "docs")
    found = {(Path(d.path).name, d.line, d.col, d.message) for d in report.all_diagnostics}
    assert (
        "two.md",
        5,
        1,
        "the page embeds unknown quiz id 'frist' (did you mean 'first'?)",
    ) in found
    assert any(m.startswith("chapter page") and m.endswith("gone.md not found") for *_, m in found)
    listed = [m for *_, m in found if "is listed but no chapter page embeds it" in m]
    assert listed == [
        "quiz 'second' is listed but no chapter page embeds it (add ::quiz{#second} to a chapter)"
    ]


def test_a_misspelt_directive_is_one_error_not_also_an_unembedded_quiz(tmp_path: Path) -> None:
    root = _course(tmp_path)
    (root / "docs" / "mod" / "two.md").write_text("# Two\n\n::quiz{#secnd}\n")
    messages = [d.message for d in load_paths([root / "quizzes"], root / "docs").all_diagnostics]
    assert "the page embeds unknown quiz id 'secnd' (did you mean 'second'?)" in messages
    assert not [m for m in messages if "is listed but no chapter page embeds it" in m]


def test_every_page_is_checked_and_an_unreadable_one_is_one_error(tmp_path: Path) -> None:
    root = _course(tmp_path)
    (root / "docs" / "mod" / "one.md").write_bytes(b"# One\n\n::quiz{#first}\n\xff\n")
    (root / "docs" / "about.md").write_text("# About\n\n::quiz{#nope}\n")  # in no manifest
    found = [
        (Path(d.path).name, d.line, d.message)
        for d in load_paths([root / "quizzes"], root / "docs").all_diagnostics
        if d.path.endswith((".md", "one.md"))
    ]
    assert ("one.md", 1, "cannot read this page: it is not UTF-8 text") in found
    assert ("about.md", 3, "the page embeds unknown quiz id 'nope'") in found


def test_a_misspelt_manifest_entry_is_one_error(tmp_path: Path) -> None:
    root = _course(tmp_path)
    manifest = root / "quizzes" / "mod" / "module.yaml"
    manifest.write_text(
        MANIFEST.replace("[first, second]", "[frist, second]")
        + "pass_requirements: {quizzes: [first]}\n"
    )
    messages = [d.message for d in load_paths([root / "quizzes"], root / "docs").all_diagnostics]
    assert "unknown quiz id 'frist' (did you mean 'first'?)" in messages
    assert not [m for m in messages if "pass requirement" in m or "not listed" in m], messages


def test_the_progress_page_requires_the_chapters_whose_items_hold_a_quiz(tmp_path: Path) -> None:
    """Which chapters have a quiz is read once (contents.py's items), not again from files."""
    root = _course(tmp_path)
    report = load_paths([root / "quizzes"], root / "docs")
    modules = [m.module for m in report.modules if m.module is not None]
    items = {
        i.page: i
        for i in module_items(modules[0], root / "docs", {q.id: q for q in report.quizzes}.get)
    }
    assert module_requirements(modules, items) == [
        (
            "M",
            ["first", "second"],
            ["mod/one.md", "mod/two.md"],
            {
                "mod/one.md": ["first"],
                "mod/two.md": ["frist"],  # reported as unknown; the page still waits for it
            },
        )
    ]
    assert module_requirements(modules, None) == [("M", ["first", "second"], [], {})]
    relaxed = modules[0].model_copy(
        update={
            "pass_requirements": modules[0].pass_requirements.model_copy(
                update={"chapters_complete": False}
            )
        }
    )
    assert module_requirements([relaxed], items)[0][2] == []


def test_the_learners_quizzes_follow_the_manifests_or_else_every_quiz(tmp_path: Path) -> None:
    root = _course(tmp_path)
    report = load_paths([root / "quizzes"], root / "docs")
    modules = [m.module for m in report.modules if m.module is not None]
    assert progress_quizzes(modules, report.quizzes[::-1]) == [("first", "T"), ("second", "T")]
    assert progress_quizzes([], report.quizzes) == [(q.id, "T") for q in report.quizzes]
