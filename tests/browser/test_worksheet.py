"""Worksheets in real Chromium: typed by keyboard, kept across a reload, carried by the
progress export and import, shown with their answers in print, accessible in both schemes,
and never wider than a phone's screen."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from qe_browser import OpenPage, tab_to

pytestmark = pytest.mark.browser

PATH = "chapter/worksheet/"
FIELD = "#qe-ws-offer-base-salary--fact-from-the-offer"
KEY = "qe:v1:worksheet:offer"
AXE_WS = """async () => (await axe.run({include: [...document.querySelectorAll('.qe-ws')]},
  {resultTypes: ['violations']})).violations
  .filter(v => ['serious', 'critical'].includes(v.impact))
  .map(v => ({id: v.id, impact: v.impact,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""


def _mounted(page: Page) -> None:
    expect(page.locator(".qe-ws[data-qe-on]")).to_have_count(2)


def _saved(page: Page, key: str = KEY) -> dict[str, str]:
    text = page.evaluate(f"localStorage.getItem('{key}')")
    return json.loads(text) if text else {}


def test_fields_are_labelled_from_their_headers_and_examples_stay_text(
    open_page: OpenPage,
) -> None:
    page = open_page(PATH)
    _mounted(page)
    sheet = page.locator(".qe-ws[data-worksheet=offer]")
    expect(sheet.locator("textarea")).to_have_count(4)
    expect(sheet.get_by_label("Base salary: Fact from the offer")).to_be_visible()
    expect(sheet.locator("tr", has_text="Example: gym").locator("textarea")).to_have_count(0)
    plan = page.locator(".qe-ws[data-worksheet=plan]")
    expect(plan.get_by_label("Your answer to 2. Name one question you will ask.")).to_be_visible()
    expect(page.locator(".qe-ws-status.qe-js").first).to_be_visible()
    expect(page.locator(".qe-nojs").first).to_be_hidden()


def test_typed_answers_survive_a_reload_and_travel_in_the_progress_export(
    open_page: OpenPage, tmp_path: Path
) -> None:
    page = open_page(PATH)
    _mounted(page)
    tab_to(page, FIELD)  # by keyboard only
    page.keyboard.type("$82,000\nasked for $85k")
    page.wait_for_function(f"(localStorage.getItem('{KEY}') || '').includes('85k')")
    page.locator("#qe-ws-plan-write-your-walk-away-point").fill("<b>$78,000</b> & no less")
    page.reload()
    _mounted(page)
    expect(page.locator(FIELD)).to_have_value("$82,000\nasked for $85k")
    expect(page.locator("#qe-ws-plan-write-your-walk-away-point")).to_have_value(
        "<b>$78,000</b> & no less"
    )

    page.goto("progress/")
    with page.expect_download() as download:
        page.locator("[data-act=export]").click()
    expect(page.locator(".qe-io")).to_have_text(
        "Exported 0 quizzes and 2 worksheets to quizengine-progress.json."
    )
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert data["version"] == 1
    assert data["worksheets"] == {
        "offer": {"base-salary--fact-from-the-offer": "$82,000\nasked for $85k"},
        "plan": {"write-your-walk-away-point": "<b>$78,000</b> & no less"},
    }

    page.evaluate("localStorage.clear()")
    page.reload()
    page.locator("input[type=file]").set_input_files(exported)
    expect(page.locator(".qe-io")).to_have_text("Imported 2 worksheet answers.")
    page.goto(PATH)
    _mounted(page)
    expect(page.locator(FIELD)).to_have_value("$82,000\nasked for $85k")
    # Text only: the imported markup is the field's text, never an element of the page.
    expect(page.locator("#qe-ws-plan-write-your-walk-away-point")).to_have_value(
        "<b>$78,000</b> & no less"
    )
    assert page.locator(".qe-ws b").count() == 0

    # Importing again where answers now differ: the ones here are kept.
    page.locator(FIELD).fill("changed here")
    page.locator(FIELD).blur()
    page.goto("progress/")
    page.locator("input[type=file]").set_input_files(exported)
    expect(page.locator(".qe-io")).to_have_text(
        "Nothing new to import. Where the file differs from an answer already here, yours was "
        "kept (1 answer)."
    )
    assert _saved(page)["base-salary--fact-from-the-offer"] == "changed here"


def test_old_exports_import_and_bad_worksheets_are_refused_whole(
    open_page: OpenPage, tmp_path: Path
) -> None:
    page = open_page("progress/")
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"format": "quizengine-progress", "version": 1, "responses": []}))
    page.locator("input[type=file]").set_input_files(old)
    expect(page.locator(".qe-io")).to_have_text("Nothing new to import.")
    for worksheets in (
        {"offer": {"base-salary--fact-from-the-offer": {"html": "<img>"}}},
        {"offer": ["x"]},
        {"Offer!": {"a": "x"}},
        {"offer": {"a": "x" * 4001}},
    ):
        bad = tmp_path / "bad.json"
        bad.write_text(
            json.dumps(
                {
                    "format": "quizengine-progress",
                    "version": 1,
                    "responses": [],
                    "worksheets": worksheets,
                    "complete": {"chapter/reading.md": {"title": "Reading"}},
                }
            )
        )
        page.locator("input[type=file]").set_input_files(bad)
        expect(page.locator(".qe-io")).to_have_text(
            "That file is damaged or was changed: its worksheet answers are not valid, so "
            "nothing was imported."
        )
    # Nothing at all was kept, not even the valid chapter marked complete.
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('qe:'))") == []


def test_damaged_saved_answers_are_set_aside_and_the_rest_kept(open_page: OpenPage) -> None:
    page = open_page(PATH)
    _mounted(page)
    page.evaluate(
        f"""localStorage.setItem('{KEY}', '{{not json');
        localStorage.setItem('qe:v1:worksheet:plan', JSON.stringify(
          {{'name-one-question-you-will-ask': 'What can move?'}}))"""
    )
    page.reload()
    _mounted(page)
    note = page.locator(".qe-ws[data-worksheet=offer] .qe-note")
    expect(note).to_contain_text("Saved progress could not be read, so it was set aside")
    expect(page.locator("#qe-ws-plan-name-one-question-you-will-ask")).to_have_value(
        "What can move?"
    )
    aside = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('qe:quarantine:'))")
    assert len(aside) == 1 and aside[0].startswith("qe:quarantine:worksheet:offer:")
    page.locator(FIELD).fill("starts afresh")
    page.locator(FIELD).blur()
    assert _saved(page) == {"base-salary--fact-from-the-offer": "starts afresh"}


def test_print_shows_the_answers_as_text_without_controls(open_page: OpenPage) -> None:
    page = open_page(PATH)
    _mounted(page)
    long = "\n".join(f"line {n} of a long answer" for n in range(1, 13))
    page.locator(FIELD).fill(long)
    page.emulate_media(media="print")
    printed = page.locator(f"{FIELD} + .qe-ws-print")
    expect(printed).to_be_visible()
    expect(printed).to_have_text(long)
    # The whole answer, not a scrolled box: every line is laid out.
    assert printed.bounding_box()["height"] > 10 * 12  # type: ignore[index]
    expect(page.locator(FIELD)).to_be_hidden()
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".qe-ws-status"):
        expect(page.locator(chrome).first).to_be_hidden()
    expect(page.locator("table", has_text="Example: gym")).to_be_visible()
    page.emulate_media(media="screen")
    expect(page.locator(FIELD)).to_be_visible()
    expect(printed).to_be_hidden()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious(open_page: OpenPage, axe_script: Path, scheme: str) -> None:
    page = open_page(PATH, color_scheme=scheme)
    _mounted(page)
    page.locator(FIELD).fill("An answer")
    page.add_script_tag(path=str(axe_script))
    assert page.evaluate(AXE_WS) == []


def test_a_wide_worksheet_scrolls_in_its_own_box_on_a_phone(
    open_page: OpenPage, artifacts: Path
) -> None:
    page = open_page(PATH, viewport={"width": 375, "height": 800}, color_scheme="dark")
    _mounted(page)
    page.locator(FIELD).fill("$82,000")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    box = page.locator(".qe-ws[data-worksheet=offer] .qe-ws-scroll").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    page.locator(".qe-ws[data-worksheet=offer]").screenshot(
        path=str(artifacts / "worksheet-375-dark.png")
    )


def test_the_courses_worksheets_work_inline_under_zensical(open_zensical: OpenPage) -> None:
    """Without the MkDocs plugin the worksheet client is inlined, once, like the quiz's."""
    page = open_zensical("benefits/research/")
    field = page.locator("#qe-ws-research-offer-base-salary--fact-from-the-offer")
    expect(page.locator(".qe-ws[data-qe-on]")).to_have_count(2)
    field.fill("$80,000")
    field.blur()
    page.reload()
    expect(field).to_have_value("$80,000")
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") > 0
