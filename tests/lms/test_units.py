"""The small pieces the formats share: escaping, HTML -> Markdown, regex expansion, ids,
numbers, Moodle grades and the STAR essay block."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizengine.lms.common import (
    MOODLE_GRADES,
    Notes,
    UniqueIds,
    fmt_number,
    moodle_grade,
    percent,
    slugify,
)
from quizengine.lms.gift_read import read_gift
from quizengine.lms.gift_write import escape
from quizengine.lms.html_md import html_to_markdown, to_markdown
from quizengine.lms.plan import expand_regex
from quizengine.lms.star_essay import essay_prompt, parse_essay
from quizengine.models import StarQuestion
from quizengine.star.rubric import DEFAULT_RUBRIC

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\ufdd0\ufdd9"),
    min_size=1,
    max_size=80,
).filter(lambda s: s.strip() and all(ord(c) < 0xFDD0 or ord(c) > 0xFDDA for c in s))


@given(_TEXT)
def test_any_text_survives_gift_escaping(text: str) -> None:
    (question,) = read_gift(f"::t::[markdown]{escape(text)}{{T}}\n", Notes("q"))
    assert question.prompt == text.strip()


@given(_TEXT.filter(lambda s: "->" not in s))
def test_any_answer_survives_gift_escaping(text: str) -> None:
    # GIFT has no escape for `%`: an answer is written after an explicit weight, as ours are.
    (question,) = read_gift(f"::t::Q{{=%100%{escape(text)}}}\n", Notes("q"))
    assert [a.text for a in question.answers] == [text.strip()]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("batna|best alternative to (a )?negotiated agreement", 3),
        ("colou?r", 2),
        ("(x|y)(z|w)", 4),
        ("[ab]c", 2),
        ("^exact$", 1),
        ("a.*b", None),
        ("a+", None),
        ("[a-z]", None),
        ("(", None),
        ("(a|b|c|d|e)(a|b|c|d|e)", None),  # 25 answers: too many to list
    ],
)
def test_expand_regex(pattern: str, expected: int | None) -> None:
    found = expand_regex(pattern)
    assert (len(found) if found is not None else None) == expected


def test_html_to_markdown_keeps_structure() -> None:
    markdown, images = html_to_markdown(
        "<p>Hello <strong>bold</strong>, <em>it</em> and a*b_c</p><p>one<br>two</p>"
        "<ul><li>first</li><li>second</li></ul><ol><li>a</li><li>b</li></ol>"
        "<table><tr><th>x</th><th>y</th></tr><tr><td>1</td><td>2|3</td></tr></table>"
        "<pre><code>keep  this</code></pre><h3>Head</h3><p><a href='https://x.org'>link</a></p>"
        "<script>alert(1)</script><p><img src='a.png' alt='chart'></p>"
    )
    assert markdown.split("\n\n") == [
        "Hello **bold**, *it* and a\\*b\\_c",
        "one  \ntwo",
        "- first\n- second",
        "&#32;",  # keeps the two lists apart: Python-Markdown would join them
        "1. a\n2. b",
        "| x | y |\n|---|---|\n| 1 | 2&#124;3 |",
        "```\nkeep  this\n```",
        "### Head",
        "[link](https://x.org)",
        "chart",
    ]
    assert images == 1


def test_plain_text_is_escaped_for_markdown() -> None:
    # `<` has no backslash escape in Python-Markdown: an entity keeps it text.
    assert to_markdown("2*3 = 6 and <b>", "plain") == ("2\\*3 = 6 and &lt;b>", 0, False)
    assert to_markdown("- not a list", "plain")[0] == "\\- not a list"
    assert to_markdown("Moodle <b>auto</b>", "moodle")[0] == "Moodle **auto**"
    assert to_markdown("**as is**", "markdown")[0] == "**as is**"


def test_slugs_and_unique_ids() -> None:
    assert slugify("Café: what's it worth? (2)") == "cafe-what-s-it-worth-2"
    assert slugify("!!!") == ""
    ids = UniqueIds()
    assert [ids.take(t, "q") for t in ["Same", "same", "SAME", "!!"]] == [
        "same",
        "same-2",
        "same-3",
        "q",
    ]


def test_numbers_and_grades() -> None:
    assert [fmt_number(v) for v in (1500.0, 813.8000000000001, 0.5, -2.0, 1e-7)] == [
        "1500",
        "813.8",
        "0.5",
        "-2",
        "0.0000001",
    ]
    for count in range(1, 11):
        assert abs(moodle_grade(1 / count) - 1 / count) < 1e-6
    assert moodle_grade(0.35) == 0.3333333
    assert percent(0.3333333) == "33.33333"
    assert percent(-1.0) == "-100"
    assert 0.0 in MOODLE_GRADES and -0.5 in MOODLE_GRADES


def test_star_block_round_trips_mode_words_and_rubric() -> None:
    question = StarQuestion.model_validate(
        {
            "id": "s",
            "type": "star",
            "prompt": "Tell me about a time.",
            "mode": "free",
            "min_words": 80,
            "max_words": 250,
            "rubric": [
                {"id": "clarity", "criterion": "Clear", "levels": ["No", "Somewhat", "Yes"]},
                {"id": "impact", "criterion": "Impact", "levels": ["None", "Some"]},
            ],
        }
    )
    fields = parse_essay(essay_prompt(question))
    assert fields is not None and fields.ours
    assert fields.prompt == "Tell me about a time."
    assert fields.data == {
        "mode": "free",
        "min_words": 80,
        "max_words": 250,
        "rubric": [
            {"id": "clarity", "criterion": "Clear", "levels": ["No", "Somewhat", "Yes"]},
            {"id": "impact", "criterion": "Impact", "levels": ["None", "Some"]},
        ],
    }
    default = question.model_copy(update={"rubric": None, "mode": "structured"})
    parsed = parse_essay(essay_prompt(default))
    assert parsed is not None and "rubric" not in parsed.data  # the default stays implicit
    assert len(DEFAULT_RUBRIC) >= 2


def test_essays_are_star_only_when_they_say_so() -> None:
    assert parse_essay("Describe the situation, your task, the action and the result.")
    assert parse_essay("What do you think of open salaries?") is None


def test_a_name_changed_to_make_an_id_is_named_with_its_line() -> None:
    """Ids key response files and pages, so an instructor learns of each one that is more than
    the LMS's name lower-cased with hyphens for spaces; a name that is already an id stays as
    it is (long, or with `--`)."""
    from quizengine.lms import import_text

    long_id = "a" * 90
    gift = (
        "::Salary talk::Q{T}\n\n::salary-talk::Q{T}\n\n::Salary Talk!::Q{T}\n\n"
        f"::a--b::Q{{T}}\n\n::{long_id}::Q{{T}}\n\nNo name here {{T}}\n"
    )
    result = import_text(gift, "gift", quiz_id="names")
    # 'Salary talk' -> 'salary-talk' changes only case and spaces: nothing to say.
    assert [(n.line, n.question, n.message) for n in result.notes] == [
        (
            3,
            "salary-talk-2",
            "the name 'salary-talk' is another question's id already:"
            " this one's is 'salary-talk-2'",
        ),
        (
            5,
            "salary-talk-3",
            "the name 'Salary Talk!' became the id 'salary-talk-3':"
            " 'salary-talk' is another question's already",
        ),
    ]
    assert f"id: {long_id}\n" in result.yaml_text and "id: a--b\n" in result.yaml_text
    assert "id: no-name-here\n" in result.yaml_text
