"""Progress from outside the page's own hands: crafted backups, planted storage, full storage.

Whatever comes in is checked whole before any of it is used. What fails is reported and
changes nothing, and a quiz always starts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from qe_browser import QUIZ, OpenPage, answer_by_mouse, flush, question, stored

pytestmark = pytest.mark.browser

KEY = f"qe:v1:quiz:{QUIZ}"
ALL = ["pick-one", "pick-many", "tf", "word", "days", "steps", "pairs"]
BEST = {"score": 4, "max_score": 7, "percent": 400 / 7, "passed": False}
SNAPSHOT = "() => Object.fromEntries(Object.entries(localStorage))"
FILL = """() => {
  let n = 0;
  for (const size of [1 << 20, 1 << 16, 1 << 10, 32, 1]) {
    try { for (;;) localStorage.setItem("fill:" + n++, "x".repeat(size)); }
    catch (e) { if (e.name != "QuotaExceededError") throw e; }
  }
}"""


def _backup(responses: Any, progress: Any = None, complete: Any = None) -> dict[str, Any]:
    out = {"format": "quizengine-progress", "version": 1, "responses": responses}
    if progress is not None:
        out["progress"] = progress
    if complete is not None:
        out["complete"] = complete
    return out


GOOD = {"quiz": QUIZ, "answers": {"word": "walk-away point"}}
CRAFTED: list[tuple[str, str | dict[str, Any], str]] = [
    ("not JSON", "{not json", "is not JSON"),
    ("wrong format", {"format": "something-else"}, "neither a quizengine progress export"),
    ("__proto__ answer", _backup([{"quiz": QUIZ, "answers": {"__proto__": "a"}}]), "reserved"),
    ("constructor answer", _backup([{"quiz": QUIZ, "answers": {"constructor": "a"}}]), "reserved"),
    (
        "constructor presented",
        _backup([{"quiz": QUIZ, "answers": {}, "presented": ["constructor", *ALL[1:]]}]),
        "response 1 is not a valid",
    ),
    ("prototype quiz id", _backup([GOOD, {"quiz": "prototype", "answers": {}}]), "response 2"),
    ("__proto__ quiz id", {"quiz": "__proto__", "answers": {}}, "response 1"),
    (
        "repeated presented",
        _backup([{"quiz": QUIZ, "answers": {}, "presented": ["tf", "tf"]}]),
        "response 1",
    ),
    ("answers a list", _backup([GOOD, {"quiz": QUIZ, "answers": ["a"]}]), "response 2"),
    ("response a number", _backup([GOOD, 7]), "response 2"),
    ("deep answer", _backup([{"quiz": QUIZ, "answers": {"tf": [[[["x"]]]]}}]), "nests too deeply"),
    (
        "9999 percent",
        _backup([GOOD], {QUIZ: {"best": {**BEST, "percent": 9999, "passed": True}}}),
        "scores or attempt counts",
    ),
    (
        "score over max",
        _backup([GOOD], {QUIZ: {"best": {**BEST, "score": 99, "percent": 99 / 7 * 100}}}),
        "scores or attempt counts",
    ),
    ("negative attempts", _backup([GOOD], {QUIZ: {"attempts": -1}}), "scores or attempt counts"),
    ("text attempts", _backup([GOOD], {QUIZ: {"attempts": "3"}}), "scores or attempt counts"),
    ("progress key", _backup([GOOD], {"constructor": {}}), "reserved"),
    ("complete a string", _backup([GOOD], None, {"chapter/types.md": "yes"}), "chapters marked"),
    ("complete key", _backup([GOOD], None, {"__proto__": {"title": "x"}}), "reserved"),
    (
        "10 MB",
        _backup([{"quiz": QUIZ, "answers": {"word": "x" * (10 << 20)}}]),
        "over 1 MB",
    ),
]


def _import(page: Page, path: Path, data: str | dict[str, Any]) -> str:
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    status = page.locator(".qe-progress .qe-io")
    page.evaluate("() => { document.querySelector('.qe-progress .qe-io').textContent = ''; }")
    page.locator("input[type=file]").set_input_files(path)
    expect(status).not_to_be_empty()
    return status.inner_text()


def _quiz_works(page: Page) -> None:
    """The quiz started: a question can be answered and checked."""
    expect(page.locator(f"#qe-{QUIZ} .qe-warn")).to_have_count(0)  # no "could not start"
    answer_by_mouse(page, "tf", "true_false", False)
    question(page, "tf").locator("[data-act=check]").click()
    expect(question(page, "tf").locator(".qe-st")).to_contain_text("✓ Correct")


def test_crafted_backups_are_reported_and_change_nothing(
    open_page: OpenPage, tmp_path: Path
) -> None:
    page = open_page("chapter/types/")
    answer_by_mouse(page, "pick-one", "single", "a")
    page.locator(f"#qe-{QUIZ} [data-act=submit]").click()
    page.goto("progress/")
    before = page.evaluate(SNAPSHOT)
    assert json.loads(before[KEY])["attempts"] == 1
    for name, data, reason in CRAFTED:
        message = _import(page, tmp_path / f"{name}.json", data)
        assert reason in message and "nothing was imported" in message, (name, message)
        assert page.evaluate(SNAPSHOT) == before, name
    expect(page.locator(f"tr[data-quiz={QUIZ}]")).to_contain_text("✗ Not passed yet")
    expect(page.locator(".qe-progress .qe-note")).to_be_hidden()
    # The same backup without its bad part goes in: the checks refuse only what is wrong.
    message = _import(page, tmp_path / "good.json", _backup([GOOD], {QUIZ: {"best": BEST}}))
    assert message == "Imported 1 answer to 1 quiz.", message
    expect(page.locator(f"tr[data-quiz={QUIZ}]")).to_contain_text("57.14% (4 of 7 points)")
    page.goto("chapter/types/")
    expect(page.locator(f"#qe-{QUIZ}-sum")).to_contain_text("Attempts: 1. Best score: 57.14%.")
    page.locator(f"#qe-{QUIZ} [data-act=retry]").click()
    _quiz_works(page)


def _planted(**fields: Any) -> str:
    return json.dumps({"quiz": QUIZ, "answers": {}, **fields})


PLANTED = {
    "constructor presented": _planted(presented=["constructor", *ALL[1:]]),
    "__proto__ answer": '{"quiz": "all-types", "answers": {"__proto__": {"tf": true}}}',
    "__proto__ record": '{"quiz": "all-types", "answers": {}, "__proto__": {"submitted": true}}',
    "bad order entries": _planted(order={"steps": [1, 2, 3, 4]}),
    "9999 percent": _planted(best={**BEST, "percent": 9999, "passed": True}),
    "infinite attempts": '{"quiz": "all-types", "answers": {}, "attempts": 1e999}',
    "over 1 MB": _planted(answers={"word": "x" * (1 << 20)}),
}


@pytest.mark.parametrize("raw", PLANTED.values(), ids=PLANTED.keys())
def test_crafted_storage_is_set_aside_and_the_quiz_starts(page: Page, raw: str) -> None:
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, raw])
    page.reload()
    expect(page.locator(f"#qe-{QUIZ} .qe-note")).to_contain_text("could not be read")
    moved = page.evaluate("() => Object.keys(localStorage).filter(k => k.includes('quarantine'))")
    assert len(moved) == 1 and page.evaluate("k => localStorage.getItem(k)", moved[0]) == raw
    _quiz_works(page)
    assert stored(page)["answers"] == {"tf": False}


def test_an_order_for_questions_that_cannot_have_one_is_dropped(page: Page) -> None:
    """Once "could not start" on every visit: an order for a question without options."""
    version = page.locator(f"#qe-{QUIZ}").get_attribute("data-version")
    order = {"tf": ["x"], "days": ["a"], "pick-one": ["zz", "a", "b"]}
    raw = _planted(version=version, presented=ALL, order=order)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, raw])
    page.reload()
    _quiz_works(page)
    kept = stored(page)["order"]
    assert "tf" not in kept and "days" not in kept
    assert sorted(kept["pick-one"]) == ["a", "b", "c"]


def test_full_storage_is_reported_on_the_quiz_page(page: Page) -> None:
    answer_by_mouse(page, "word", "short_text", "walk")
    flush(page)
    page.evaluate(FILL)
    answer_by_mouse(page, "word", "short_text", "the lowest offer I would still accept")
    flush(page)
    note = page.locator(f"#qe-{QUIZ} .qe-note")
    expect(note).to_contain_text("Your browser's storage is full, so your answers are not")
    expect(note).to_contain_text("Download response")
    assert stored(page)["answers"]["word"] == "walk"  # the last answer that could be kept
    page.locator(".qe-complete button").click()
    expect(page.locator(".qe-complete .qe-warn")).to_have_text(
        "Your browser's storage is full, so this was not saved."
    )
    expect(page.locator(".qe-complete button")).to_have_attribute("aria-pressed", "false")


def test_an_import_into_full_storage_claims_no_success(open_page: OpenPage, tmp_path: Path) -> None:
    page = open_page("progress/")
    page.evaluate(FILL)
    before = page.evaluate(SNAPSHOT)
    message = _import(page, tmp_path / "backup.json", _backup([GOOD]))
    assert message == "Your browser's storage is full, so nothing was imported."
    assert page.evaluate(SNAPSHOT) == before


def test_an_import_that_fails_half_way_is_undone(open_page: OpenPage, tmp_path: Path) -> None:
    page = open_page("chapter/types/")
    answer_by_mouse(page, "pick-one", "single", "a")
    flush(page)
    page.goto("progress/")
    before = page.evaluate(SNAPSHOT)
    # The second record written fails, as it would when the first one filled the storage.
    page.evaluate(
        """() => { const set = Storage.prototype.setItem; let n = 0;
        Storage.prototype.setItem = function (k, v) {
          if (k.startsWith("qe:v1:") && ++n == 2)
            throw new DOMException("full", "QuotaExceededError");
          return set.call(this, k, v); }; }"""
    )
    backup = _backup(
        [GOOD, {"quiz": "exam", "answers": {"one": True}}],
        complete={"chapter/reading.md": {"title": "Reading"}},
    )
    message = _import(page, tmp_path / "backup.json", backup)
    assert message == "Your browser's storage is full, so nothing was imported."
    assert page.evaluate(SNAPSHOT) == before
    expect(page.locator(".qe-none")).to_be_visible()  # no chapter marked complete


# Stored data that passes every check and still trips the page, whatever the reason: here
# the grader fails on one answer (through a wrapper set up before the page's scripts run).
TRIP = """window.QE = {};
Object.defineProperty(window.QE, "grade", { configurable: true, set(g) {
  const real = g.gradeQuestion;
  g.gradeQuestion = (q, a) => { if (a === "trip") throw new Error("tripped"); return real(q, a); };
  Object.defineProperty(window.QE, "grade", { value: g, writable: true });
} });"""


def test_stored_data_that_trips_the_page_is_set_aside(page: Page) -> None:
    version = page.locator(f"#qe-{QUIZ}").get_attribute("data-version")
    raw = _planted(version=version, presented=ALL, answers={"word": "trip"}, checked=["word"])
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, raw])
    page.add_init_script(TRIP)
    page.reload()
    expect(page.locator(f"#qe-{QUIZ} .qe-note")).to_contain_text("could not be read")
    _quiz_works(page)
    assert stored(page)["answers"] == {"tf": False}
