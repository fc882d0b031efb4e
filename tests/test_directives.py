"""Directives and near misses: what `find_directives` calls a directive is what renders."""

from __future__ import annotations

import markdown
import pytest

from quizengine.directives import find_directives, find_misfires, scan_directives, scan_page
from quizengine.worksheets import LOOSE

from .conftest import QUIZZES

NEAR_MISSES = [
    ("Text.\n::quiz{#x}\n", 2, 1, "a directive needs a blank line before it"),
    ("::quiz{#x}\nMore text.\n", 1, 1, "a directive needs a blank line after it"),
    ("Try it: ::quiz{#x}\n", 1, 9, "a directive must be alone on its line; put ::quiz{#x}"),
    ("::quiz{# x}\n", 1, 1, "no space may follow '#': write ::quiz{#x}"),
    (":::quiz{#x}\n", 1, 1, "a directive starts with exactly two colons: write ::quiz{#x}"),
    ("See\n\n  ::offer-calculator please\n", 3, 3, "write it exactly as ::offer-calculator"),
    # The course's superfences keeps a fence and the line before it in one paragraph.
    ("::quiz{#x}\n```\ncode\n```\n", 1, 1, "a directive needs a blank line after it"),
]
NOT_DIRECTIVES = [
    "Use `::quiz{#x}` in prose.\n",
    "```markdown\n:::quiz{#x}\nText.\n::quiz{#x}\n```\n",
    "The ::quizzes folder and std::quiz are not directives.\n",
]


def _renders(text: str) -> bool:
    md = markdown.Markdown(
        extensions=["pymdownx.superfences", "quizengine"],
        extension_configs={"quizengine": {"quiz_dirs": [str(QUIZZES)]}},
    )
    html = md.convert(text)
    return "qe-problem" in html or "qe-quiz" in html or 'data-qe="calculator"' in html


@pytest.mark.parametrize(("text", "line", "col", "reason"), NEAR_MISSES)
def test_each_near_miss_is_found_with_its_position_and_why(
    text: str, line: int, col: int, reason: str
) -> None:
    misfires = list(find_misfires(text))
    assert [(m.line, m.col) for m in misfires] == [(line, col)]
    assert misfires[0].reason.startswith(reason), misfires[0].reason
    assert list(find_directives(text)) == []
    assert not _renders(text)  # the extension shows it as text, as the warning says


@pytest.mark.parametrize(
    "text",
    [
        "::quiz{#x}\n",
        "Intro.\n\n::quiz{#research}\n\nAfter.\n",
        "# Heading\n::quiz{#x}\n",
        "::quiz{#x}\n# Heading\n",
        "::quiz-progress\n",
    ],
)
def test_a_directive_is_found_exactly_when_it_renders(text: str) -> None:
    assert _renders(text)
    assert len(list(find_directives(text))) == 1
    assert list(find_misfires(text)) == []


@pytest.mark.parametrize("text", NOT_DIRECTIVES)
def test_code_and_other_colons_are_left_alone(text: str) -> None:
    assert list(find_directives(text)) == []
    assert list(find_misfires(text)) == []


@pytest.mark.parametrize(
    "text", [case[0] for case in NEAR_MISSES] + NOT_DIRECTIVES + ["::worksheet{#a}\n| x | |\n"]
)
def test_one_pass_over_a_page_finds_what_the_separate_passes_find(text: str) -> None:
    """`scan_page` (the build reads each page once) agrees with the readers it replaces."""
    page = f"# Page\n\n::quiz{{#one}}\n\n{text}\n    ::quiz{{#code}}\n\n::worksheets #b\n"
    scan = scan_page(page, LOOSE)
    assert list(scan.found) == list(scan_directives(page))
    assert list(scan.also) == list(find_directives(page, LOOSE))
    assert scan.also  # the worksheet line near the end, at least
