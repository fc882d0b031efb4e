"""The offer calculator's build-time HTML: a labelled form prefilled with the Research chapter's
example, and that example's results, so the page is right before (and without) JavaScript."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import markdown

from quizengine.directives import find_directives
from quizengine.mkdocs.extension import QuizExtension
from quizengine.offers import ASSUMPTIONS, EXAMPLE, OFFER_FIELDS, compare_offers
from quizengine.render.calculator import render_calculator

from .test_golden import _check

HTML = render_calculator()


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.tags


def test_golden() -> None:
    _check("calculator.html", HTML)


def test_every_input_has_a_label_a_unit_and_a_hint() -> None:
    tags = _elements(HTML)
    ids = Counter(a["id"] for _, a in tags if a.get("id"))
    assert all(n == 1 for n in ids.values()), "duplicate ids"
    inputs = [a for tag, a in tags if tag == "input"]
    assert len(inputs) == 2 * len(OFFER_FIELDS) + len(ASSUMPTIONS)
    labels = {a["for"] for tag, a in tags if tag == "label"}
    for attrs in inputs:
        assert attrs["id"] in labels
        assert attrs["type"] == "number" and "required" in attrs
        assert attrs["aria-describedby"] in ids
    for field in OFFER_FIELDS:
        assert f'{field.label} <span class="qe-calc-unit">({field.unit})</span>' in HTML


def test_inputs_hold_the_chapters_example() -> None:
    values = {
        (a["data-offer"], a["data-key"]): float(a["value"] or "nan")
        for tag, a in _elements(HTML)
        if tag == "input"
    }
    assert values == {(g, k): float(v) for g, fields in EXAMPLE.items() for k, v in fields.items()}


def test_offers_and_assumptions_are_fieldsets_with_legends() -> None:
    legends = re.findall(r"<legend>(.*?)</legend>", HTML)
    assert legends == ["Offer A", "Offer B", "Both offers: you and your year"]
    assert HTML.count("<fieldset") == 3


def test_results_are_the_examples_figures() -> None:
    rows = dict(re.findall(r'<tr data-line="(\w+)">(.*?)</tr>', HTML))
    cells = {k: re.sub(r"<[^>]+>", " ", v).split() for k, v in rows.items()}
    assert cells["ongoing"][-3:] == ["$78,044", "$79,375", "+$1,331"]
    assert cells["year1"][-3:] == ["$78,044", "$84,375", "+$6,331"]
    assert cells["health"][-3:] == ["−$2,700", "−$6,000", "−$3,300"]
    summary = re.search(r'<p class="qe-calc-summary" aria-live="polite">(.*?)</p>', HTML)
    assert summary is not None
    assert summary.group(1) == "B minus A: +$6,331 in year 1 and +$1,331 a year after that."
    result = compare_offers(EXAMPLE["a"], EXAMPLE["b"], EXAMPLE["you"])
    assert round(result.year1_diff) == 6331


def test_chart_bars_repeat_the_difference_as_text() -> None:
    bars = re.findall(
        r'<div class="qe-calc-bar" data-line="(\w+)">.*?style="left:([\d.]+)%;width:([\d.]+)%".*?'
        r"<span>([^<]*)</span></div>",
        HTML,
    )
    found = {key: (float(left), float(width), text) for key, left, width, text in bars}
    assert found["sign_on"] == (50, 50, "+$5,000")  # the largest difference fills its half
    assert found["health"] == (50 - 33, 33, "−$3,300")
    assert found["equity"] == (50, 0, "$0")
    assert 'aria-hidden="true"' in HTML


def test_the_directive_renders_the_calculator_and_code_stays_code(tmp_path: Path) -> None:
    md = markdown.Markdown(extensions=[QuizExtension(quiz_dirs=[str(tmp_path)])])
    page = md.convert("Try it:\n\n::offer-calculator\n\n```\n::offer-calculator\n```\n")
    assert page.count('data-qe="calculator"') == 1
    # Without the plugin, the calculator's styles and script are inlined before it.
    assert (
        page.index("<style>.qe-calc{")
        < page.index("Back to the example")
        < page.index('data-qe="calculator"')
    )
    assert "::offer-calculator" in page  # the fenced copy is printed as it is
    found = list(find_directives("::offer-calculator\n\n```\n::offer-calculator\n```\n"))
    assert [(d.line, d.name, d.quiz_id) for d in found] == [(1, "offer-calculator", None)]
