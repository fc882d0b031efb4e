"""Worksheets in a page: the author's table or list, with a labelled field per blank."""

from __future__ import annotations

import re

import markdown

from quizengine.mkdocs.extension import QuizExtension
from quizengine.render import bundle

from .test_golden import _check

TABLE = """\
::worksheet{#offer}

| Item | Fact from the offer | Value to me |
|---|---|---|
| Base salary | $80,000 | |
| *Health* premium | | ___ |
|  | filled | |
"""


def _html(text: str, *, defer: bool = True) -> str:
    md = markdown.Markdown(extensions=["tables", QuizExtension(defer=defer)])
    return md.convert(text)


def _fields(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<textarea aria-label="([^"]*)" class="qe-ws-in" data-key="([^"]*)"', html)


def test_blank_cells_become_fields_named_by_their_row_and_column() -> None:
    html = _html(TABLE)
    assert _fields(html) == [
        ("Base salary: Value to me", "base-salary--value-to-me"),
        ("Health premium: Fact from the offer", "health-premium--fact-from-the-offer"),
        ("Health premium: Value to me", "health-premium--value-to-me"),
        ("Row 3: Item", "row-3--item"),
        ("Row 3: Value to me", "row-3--value-to-me"),
    ]
    assert 'id="qe-ws-offer-base-salary--value-to-me"' in html
    assert "<td>$80,000</td>" in html and "<td>filled</td>" in html  # filled cells stay text
    assert "___" not in html  # an underscore blank is a field, not text
    assert html.count('<div aria-hidden="true" class="qe-ws-print"></div>') == 5


def test_the_table_stays_a_table_inside_the_widget() -> None:
    html = _html("Before\n\n" + TABLE + "\nAfter\n")
    assert re.search(
        r'<div class="qe-ws" data-qe="worksheet" data-worksheet="offer">\s*'
        r'<div class="qe-note" hidden="hidden" role="status"></div>\s*'
        r'<div class="qe-ws-scroll">\s*<table>\s*<thead>',
        html,
    ), html
    assert html.index("<p>Before</p>") < html.index("qe-ws") < html.index("<p>After</p>")
    assert '<p class="qe-nojs qe-ws-status">' in html  # said without JavaScript


def test_list_items_each_get_a_field_and_keys_never_collide() -> None:
    html = _html(
        "::worksheet{#plan}\n1. **Their interests.** Write three things: ______.\n"
        "2. Same words here\n3. Same words here\n"
    )
    assert _fields(html) == [
        (
            "Your answer to 1. Their interests. Write three things: ______.",
            "their-interests-write-three-things",
        ),
        ("Your answer to 2. Same words here", "same-words-here"),
        ("Your answer to 3. Same words here", "same-words-here-2"),
    ]


def test_a_long_item_is_cut_in_the_label() -> None:
    words = "word " * 40
    ((label, _),) = _fields(_html(f"::worksheet{{#w}}\n\n- {words}\n"))
    assert label.startswith("Your answer to word word") and label.endswith("…")
    assert len(label) < 100


def test_author_text_is_escaped_in_labels() -> None:
    html = _html('::worksheet{#x}\n\n| a "b" <i>c</i> |\n|---|\n| |\n')
    assert 'aria-label="Row 1: a &quot;b&quot; c"' in html


def test_problems_are_shown_and_warned(caplog) -> None:  # type: ignore[no-untyped-def]
    html = _html("::worksheet{#t}\n\n| a | b |\n|---|---|\n| x | y |\n\n::worksheet{#u}\n\nText\n")
    assert "its table has no blank cell to fill in" in html
    assert "::worksheet{#u} must be followed by the table or list to fill in" in html
    assert "<td>y</td>" in html  # the table itself is still shown
    # Under the plugin (`defer`) the page check has reported both with their lines (see
    # tests/test_worksheets.py); alone, the extension warns, so a strict build still stops.
    assert [r for r in caplog.records if r.levelname == "WARNING"] == []
    _html("::worksheet{#t}\n\n| a | b |\n|---|---|\n| x | y |\n", defer=False)
    assert len([r for r in caplog.records if r.levelname == "WARNING"]) == 1


def test_without_the_plugin_the_client_is_inlined_once() -> None:
    html = _html(TABLE + "\n::worksheet{#two}\n\n- a\n", defer=False)
    for name in ("worksheet.js", "worksheet.css", "quizengine.js", "quizengine.css"):
        assert html.count(bundle()[name][:300]) == 1, name
    assert html.index("</script>") < html.index('data-worksheet="offer"')


def test_golden_worksheet() -> None:
    """The exact HTML learners get, so any change to it is a reviewed diff."""
    _check("worksheet.html", _html(TABLE + "\n::worksheet{#steps}\n\n1. Write it.\n"))
