"""The offer calculator in the Research chapter of the real course, in a real browser: the
chapter's figures, live updates, storage kept and reset, keyboard only, axe, screenshots."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from qe_browser import OpenPage

pytestmark = pytest.mark.browser

PATH = "benefits/research/"
KEY = "qe:v1:calculator"
AXE_CALC = """async () => (await axe.run({include: [...document.querySelectorAll('.qe-calc')]},
  {resultTypes: ['violations']})).violations
  .filter(v => ['serious', 'critical'].includes(v.impact))
  .map(v => ({id: v.id, impact: v.impact,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""


def _calc(page: Page):  # type: ignore[no-untyped-def]
    calc = page.locator(".qe-calc[data-qe-on]")
    expect(calc).to_be_visible()
    return calc


def _cells(calc, line: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.strip() for t in calc.locator(f"tr[data-line='{line}'] td").all_inner_texts()]


def test_shows_the_chapters_figures_and_updates_as_you_type(open_course: OpenPage) -> None:
    page = open_course(PATH)
    calc = _calc(page)
    summary = calc.locator(".qe-calc-summary")
    expect(summary).to_have_text("B minus A: +$6,331 in year 1 and +$1,331 a year after that.")
    assert _cells(calc, "ongoing") == ["$78,044", "$79,375", "+$1,331"]
    assert _cells(calc, "year1") == ["$78,044", "$84,375", "+$6,331"]

    base_a = calc.get_by_label("Base salary", exact=False).first
    base_a.fill("82000")  # the chapter's counter: A's ongoing value becomes $80,104
    expect(calc.locator("tr[data-line='ongoing'] td").first).to_have_text("$80,104")
    expect(summary).to_have_text("B minus A: +$4,271 in year 1 and −$729 a year after that.")
    expect(calc.locator(".qe-calc-bar[data-line='base'] > span").last).to_have_text("+$2,000")

    base_a.fill("")
    expect(calc.locator(".qe-calc-error")).to_contain_text("Offer A: Base salary needs a number")
    expect(base_a).to_have_attribute("aria-invalid", "true")
    expect(summary).to_contain_text("−$729")  # the last numbers that worked
    base_a.fill("82000")
    expect(calc.locator(".qe-calc-error")).to_be_hidden()

    page.wait_for_function(f"JSON.parse(localStorage.getItem('{KEY}') || '{{}}').a?.base_salary")
    page.reload()
    calc = _calc(page)
    expect(calc.locator("#qe-calc-a-base_salary")).to_have_value("82000")
    expect(calc.locator("tr[data-line='ongoing'] td").first).to_have_text("$80,104")

    calc.get_by_role("button", name="Reset to the example").click()
    expect(calc.locator("#qe-calc-a-base_salary")).to_have_value("80000")
    expect(calc.locator(".qe-calc-summary")).to_have_text(
        "Back to the example. B minus A: +$6,331 in year 1 and +$1,331 a year after that."
    )
    assert page.evaluate(f"localStorage.getItem('{KEY}')") is None


def test_values_read_back_are_checked_field_by_field(open_course: OpenPage) -> None:
    page = open_course(PATH)
    _calc(page)
    saved = {"a": {"base_salary": 90000, "pto_days": -5}, "b": {"sign_on_bonus": "<b>x</b>"}}
    page.evaluate(f"localStorage.setItem('{KEY}', {json.dumps(json.dumps(saved))})")
    page.reload()
    calc = _calc(page)
    expect(calc.locator("#qe-calc-a-base_salary")).to_have_value("90000")
    expect(calc.locator("#qe-calc-a-pto_days")).to_have_value("15")  # out of range: ignored
    expect(calc.locator("#qe-calc-b-sign_on_bonus")).to_have_value("5000")  # not a number
    page.evaluate(f"localStorage.setItem('{KEY}', '{{not json')")
    page.reload()
    calc = _calc(page)
    expect(calc.locator("#qe-calc-a-base_salary")).to_have_value("80000")
    expect(calc.locator(".qe-note")).to_contain_text("could not be read")


def test_works_by_keyboard_alone(open_course: OpenPage) -> None:
    page = open_course(PATH)
    calc = _calc(page)
    page.locator("#qe-calc-a-base_salary").focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("100000")
    expect(calc.locator("tr[data-line='base'] td").first).to_have_text("$100,000")
    # Tab through the rest of the form to the reset button, and press it.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.act") == "reset":
            break
    else:
        pytest.fail("the reset button is not reachable with Tab")
    page.keyboard.press("Enter")
    expect(calc.locator("#qe-calc-a-base_salary")).to_have_value("80000")
    focused_label = page.evaluate(
        "[...document.querySelectorAll('.qe-calc input')].every(i => i.labels.length == 1)"
    )
    assert focused_label, "every input has exactly one label"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_and_screenshots(
    open_course: OpenPage, axe_script: Path, artifacts: Path, scheme: str
) -> None:
    for width in (1280, 375):
        page = open_course(PATH, color_scheme=scheme, viewport={"width": width, "height": 900})
        calc = _calc(page)
        slate = page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        assert slate == (scheme == "dark")
        page.add_script_tag(path=str(axe_script))
        assert page.evaluate(AXE_CALC) == []
        overflow = calc.evaluate("e => e.scrollWidth - e.clientWidth")
        assert overflow <= 1, f"the calculator is wider than the page at {width} px"
        page.locator(".md-header").evaluate("e => { e.style.visibility = 'hidden'; }")
        # The summary sticks to the screen's bottom edge while the form is taller than the
        # screen; in a picture of the whole calculator it belongs where it sits in the page.
        calc.locator(".qe-calc-summary").evaluate("e => { e.style.position = 'static'; }")
        calc.screenshot(path=str(artifacts / f"calculator-{width}-{scheme}.png"))
        page.context.close()


def test_narrow_screen_stacks_the_offers(open_course: OpenPage) -> None:
    page = open_course(PATH, viewport={"width": 320, "height": 800})
    calc = _calc(page)
    a, b = (calc.locator(f"fieldset[data-offer='{k}']").bounding_box() for k in "ab")
    assert a is not None and b is not None
    assert b["y"] >= a["y"] + a["height"], "offers side by side at 320 px"
    assert calc.evaluate("e => e.scrollWidth - e.clientWidth") <= 1


def test_styled_and_right_before_its_script_runs(open_course: OpenPage) -> None:
    """The stylesheet is in the head and the example's results are in the HTML: with the
    calculator's script replaced by an empty one, the page is already laid out and correct."""
    page = open_course("")
    page.route(
        "**/assets/quizengine/calculator.js*",
        lambda route: route.fulfill(status=200, content_type="text/javascript", body=""),
    )
    page.goto(PATH)
    calc = page.locator(".qe-calc")
    expect(calc.locator(".qe-calc-summary")).to_have_text(
        "B minus A: +$6,331 in year 1 and +$1,331 a year after that."
    )
    assert calc.get_attribute("data-qe-on") is None  # its script really did not run
    a, b = (calc.locator(f"fieldset[data-offer='{k}']").bounding_box() for k in "ab")
    assert a is not None and b is not None
    assert abs(a["y"] - b["y"]) < 1 and b["x"] > a["x"] + a["width"] - 1  # side by side
