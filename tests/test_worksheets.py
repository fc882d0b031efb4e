"""Worksheet directives in chapter Markdown: well formed or reported, once per id per module."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizengine.loader import load_paths
from quizengine.worksheets import check_pages, find_worksheets, page_warnings, parse


@pytest.mark.parametrize(
    ("line", "sheet_id"),
    [
        ("::worksheet{#research-offer}", "research-offer"),
        ('::worksheet{id="plan-2"}', "plan-2"),
        ("::worksheet{ #a }  ", "a"),
    ],
)
def test_well_formed_directives(line: str, sheet_id: str) -> None:
    assert parse(line) == (sheet_id, None)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("::worksheet", "the worksheet directive needs an id, as in ::worksheet{#research-offer}"),
        (
            "::worksheet{#}",
            "the worksheet directive needs an id, as in ::worksheet{#research-offer}",
        ),
        (
            "::worksheet #a",
            "the worksheet directive needs an id, as in ::worksheet{#research-offer}",
        ),
        (
            "::worksheet{#Offer_1}",
            "worksheet id 'Offer_1' must be lowercase letters, digits and hyphens (at most 64), "
            "starting with a letter or digit",
        ),
        (
            "::worksheets{#a}",
            "unknown directive '::worksheets' (did you mean '::worksheet'?); "
            "write ::worksheet{#research-offer}",
        ),
        (
            "::Worksheet{#a}",
            "unknown directive '::Worksheet' (did you mean '::worksheet'?); "
            "write ::worksheet{#research-offer}",
        ),
    ],
)
def test_ill_formed_directives_say_what_to_write(line: str, message: str) -> None:
    assert parse(line) == (None, message)


def test_found_outside_code_and_checked_for_a_table_or_list_after() -> None:
    page = (
        "# P\n\n::worksheet{#t}\n\n| a | b |\n|---|---|\n| x | |\n\n"
        "```\n::worksheet{#in-code}\n```\n\n"
        "::worksheet{#l}\n1. Step\n\n"
        "::worksheet{#alone}\n\nJust text.\n"
    )
    found = [(w.line, w.col, w.sheet_id, w.problem) for w in find_worksheets(page)]
    assert found == [
        (3, 1, "t", None),
        (13, 1, "l", None),
        (16, 1, None, "::worksheet{#alone} must be followed by the table or list to fill in"),
    ]


def test_duplicate_ids_across_a_modules_pages(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("::worksheet{#plan}\n\n- one\n")
    (tmp_path / "b.md").write_text("# B\n\n::worksheet{#plan}\n\n- two\n\n::worksheet{#x y}\n")
    found = [
        (Path(d.path).name, d.line, d.col, d.message)
        for d in check_pages([tmp_path / "a.md", tmp_path / "b.md", tmp_path / "gone.md"])
    ]
    assert found == [
        (
            "b.md",
            3,
            1,
            f"worksheet id 'plan' is already used at {tmp_path / 'a.md'}:1; each worksheet in "
            "a module needs an id of its own (its answers are saved under it)",
        ),
        ("b.md", 7, 1, "the worksheet directive needs an id, as in ::worksheet{#research-offer}"),
    ]


def test_page_warnings_carry_ids_across_a_builds_pages() -> None:
    seen: dict[str, str] = {}
    assert page_warnings("::worksheet{#a}\n\n- x\n", "one.md", seen) == []
    assert page_warnings("\n::worksheet{#a}\n\n- y\n\n::worksheet\n", "two.md", seen) == [
        "two.md:2:1: worksheet id 'a' is already used at one.md:1:1; "
        "each worksheet needs an id of its own",
        "two.md:6:1: the worksheet directive needs an id, as in ::worksheet{#research-offer}",
    ]


MANIFEST = """\
id: mod
title: M
summary: S
objectives: [Do a thing]
chapters: [one.md, two.md]
quizzes: [first]
"""


def test_validate_reports_worksheet_problems_with_path_line_col(tmp_path: Path) -> None:
    (tmp_path / "quizzes" / "mod").mkdir(parents=True)
    (tmp_path / "quizzes" / "mod" / "module.yaml").write_text(MANIFEST)
    (tmp_path / "quizzes" / "mod" / "first.yaml").write_text(
        "id: first\ntitle: T\nquestions:\n  - {id: q, type: true_false, prompt: P, answer: true}\n"
    )
    docs = tmp_path / "docs" / "mod"
    docs.mkdir(parents=True)
    (docs / "one.md").write_text("# One\n\n::quiz{#first}\n\n::worksheet{#try}\n\n1. Do it\n")
    (docs / "two.md").write_text("# Two\n\n::worksheet{#try}\n\n| a | b |\n|-|-|\n| x | |\n")
    report = load_paths([tmp_path / "quizzes"], tmp_path / "docs")
    found = [d.format() for d in report.all_diagnostics]
    assert found == [
        f"{docs / 'two.md'}:3:1: error: worksheet id 'try' is already used at "
        f"{docs / 'one.md'}:5; each worksheet in a module needs an id of its own "
        "(its answers are saved under it)"
    ]


def test_the_course_has_a_worksheet_in_every_try_it_section() -> None:
    """Every chapter's "Try it" holds a worksheet, and the course validates clean."""
    docs = Path(__file__).resolve().parents[1] / "docs" / "benefits"
    pages = sorted(p for p in docs.glob("*.md") if "\n## Try it\n" in p.read_text())
    assert len(pages) >= 12
    for page in pages:
        try_it = page.read_text().split("\n## Try it\n", 1)[1].split("\n## ", 1)[0]
        assert "\n::worksheet{#" in try_it, page.name
    assert check_pages(pages) == []


def test_a_table_with_no_blank_cell_is_found_in_the_source_with_its_line() -> None:
    page = "# P\n\n::worksheet{#full}\n\n| a | b |\n|---|---|\n| x | y |\n\n"
    page += "::worksheet{#ok}\n\n| a | b |\n|:--|--:|\n| x | ___ |\n\n::worksheet{#list}\n\n- one\n"
    found = list(find_worksheets(page))
    assert [(w.line, w.sheet_id) for w in found] == [(3, None), (9, "ok"), (15, "list")]
    assert found[0].problem is not None and "no blank cell" in found[0].problem
