"""The progress widget and the "Mark as complete" button."""

from __future__ import annotations

from typing import Any

from quizengine.render import render_complete_button, render_progress


def test_progress_has_a_row_per_quiz_and_escapes_titles(parse_html: Any) -> None:
    tree = parse_html(render_progress([("research", "Research & <b>you</b>"), ("timing", "T")]))
    root = tree.find("div", class_="qe-progress")
    assert root.attrs["data-qe"] == "progress"
    rows = root.find("tbody").find_all("tr")
    assert [r.attrs["data-quiz"] for r in rows] == ["research", "timing"]
    assert rows[0].find("th").attrs["scope"] == "row"
    assert rows[0].find("th").all_text() == "Research & <b>you</b>"
    assert root.find("table").find("caption").all_text()
    assert [b.attrs["data-act"] for b in root.find_all("button")] == ["export", "import"]
    assert root.find("input", type="file").attrs["hidden"] == ""
    assert root.find(class_="qe-acts").attrs["hidden"] == ""  # shown by the client
    assert root.find(class_="qe-live").attrs["aria-live"] == "polite"


def test_complete_button_is_keyed_by_page_and_hidden_until_the_client_runs(
    parse_html: Any,
) -> None:
    tree = parse_html(render_complete_button('benefits/re"search.md'))
    box = tree.find("div", class_="qe-complete")
    assert box.attrs["data-page"] == 'benefits/re"search.md'
    assert box.attrs["hidden"] == ""
    assert box.find("button").attrs["aria-pressed"] == "false"
