"""The progress widget and the "Mark this page complete" button."""

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
    assert box.find("button").all_text() == "Mark this page complete"
    assert "data-qe" not in box.attrs  # path.js runs it, on pages without quizengine.js too


def test_module_status_names_what_finishing_takes(parse_html: Any) -> None:
    via = {"benefits/research.md": ["research", "calc"], "benefits/glossary.md": []}
    modules = [
        ("Benefits", ["research", "timing"], ["benefits/research.md"], via),
        ("Other", [], [], {}),
    ]
    quizzes = [("research", "R"), ("extra", "E")]
    root = parse_html(render_progress(quizzes, modules)).find(class_="qe-progress")
    first, second = root.find_all("p", class_="qe-finish")
    assert first.attrs["data-quizzes"] == "research timing"
    assert first.attrs["data-pages"] == "benefits/research.md"
    # Which quizzes complete each page (progress.js counts a page whose quizzes all pass).
    assert first.attrs["data-via"] == "benefits/research.md=research,calc"
    assert first.all_text().startswith(
        "Benefits: to finish, pass the 2 quizzes marked “Required” under Quiz results and "
        "complete 1 chapter (pass each one's quiz, or press its “Mark this page complete” "
        "button)."
    )
    assert second.all_text().startswith("Other: nothing is required.")
    # Which quizzes count is said where they are listed, not left to the learner to guess.
    required = {
        tr.attrs["data-quiz"]: "Required to finish" in tr.all_text()
        for tr in root.find_all("tr")
        if "data-quiz" in tr.attrs
    }
    assert required == {"research": True, "extra": False}


def test_no_modules_no_module_section(parse_html: Any) -> None:
    root = parse_html(render_progress([("research", "R")])).find(class_="qe-progress")
    assert root.find_all("p", class_="qe-finish") == []
    assert "Modules" not in [h.all_text() for h in root.find_all("h2")]
