"""Driving a quiz as a learner would: with the keyboard only, or with the mouse.

Answers are given by id (the page shuffles display order), exactly like the spec's responses.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page

ROOT = Path(__file__).resolve().parents[2]
SITE_SOURCE = Path(__file__).resolve().parent / "site"
QUIZ = "all-types"
OpenPage = Callable[..., Page]
"""`open_page(path, **context_options)`: the fixture that opens a watched page."""

# Correct and incorrect answers to tests/browser/site/quizzes/all-types.yaml, by question id.
RIGHT: dict[str, Any] = {
    "pick-one": "a",
    "pick-many": ["a", "b"],
    "tf": False,
    "word": "Walk away point",  # one typo from "walk-away point": inside the tolerance
    "days": "20 days",
    "steps": ["a", "b", "c", "d"],
    "pairs": {"a": "a", "b": "b", "c": "c"},
}
WRONG: dict[str, Any] = {
    "pick-one": "c",
    "pick-many": ["c"],
    "tf": True,
    "word": "best offer",
    "days": "12 days",  # readable and wrong: "lots" is not understood, so it is not graded
    "steps": ["d", "c", "b", "a"],
    "pairs": {"a": "d", "b": "a", "c": "b"},
}


def question(page: Page, qid: str, quiz: str = QUIZ) -> Locator:
    return page.locator(f"#qe-{quiz}-{qid}")


def active_matches(page: Page, selector: str) -> bool:
    script = "s => !!document.activeElement && document.activeElement.matches(s)"
    return bool(page.evaluate(script, selector))


def tab_to(page: Page, selector: str, limit: int = 120) -> None:
    """Press Tab until the focused element matches: proves the control is keyboard-reachable."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if active_matches(page, selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def ids_in_order(q: Locator) -> list[str]:
    found: list[str] = q.locator("[data-id]").evaluate_all("els => els.map(e => e.dataset.id)")
    return found


def answer_by_keyboard(page: Page, qid: str, kind: str, answer: Any) -> None:
    q, base = question(page, qid), f"#qe-{QUIZ}-{qid}"
    if kind in ("single", "true_false"):
        want = json.dumps(answer) if isinstance(answer, bool) else answer
        tab_to(page, f"{base} input[type=radio]")
        page.keyboard.press("Space")
        for _ in range(10):
            if active_matches(page, f"[value='{want}']:checked"):
                break
            page.keyboard.press("ArrowDown")
            # Arrow keys choose, they never check: the result stays hidden.
            assert q.locator(".qe-res").is_hidden()
        assert active_matches(page, f"[value='{want}']:checked")
    elif kind == "multiple":
        tab_to(page, f"{base} input[type=checkbox]")
        for index, value in enumerate(ids_in_order(q)):
            if value in answer:
                page.keyboard.press("Space")
            if index < len(ids_in_order(q)) - 1:
                page.keyboard.press("Tab")
    elif kind in ("short_text", "numeric"):
        tab_to(page, f"{base} input[type=text]")
        page.keyboard.type(answer)
    elif kind == "ordering":
        if ids_in_order(q) == answer:  # the shuffle already shows it: move one out and back
            first = answer[0]
            tab_to(page, f"{base} li[data-id='{first}'] [data-act=down]")
            page.keyboard.press("Enter")
            page.keyboard.press("Shift+Tab")  # the same item's Up button
            page.keyboard.press("Enter")
        for position, item in enumerate(answer):
            steps = ids_in_order(q).index(item) - position
            if steps:
                tab_to(page, f"{base} li[data-id='{item}'] [data-act=up]")
            for _ in range(steps):
                page.keyboard.press("Enter")  # focus stays on the moved item's button
        assert ids_in_order(q) == answer
    elif kind == "matching":
        for left, right in answer.items():
            tab_to(page, f"{base} select[data-left='{left}']")
            for _ in range(8):
                if (
                    active_matches(page, f"select[data-left='{left}']")
                    and q.locator(f"select[data-left='{left}']").input_value() == right
                ):
                    break
                page.keyboard.press("ArrowDown")
            assert q.locator(f"select[data-left='{left}']").input_value() == right


def answer_by_mouse(page: Page, qid: str, kind: str, answer: Any) -> None:
    q = question(page, qid)
    if kind in ("single", "true_false"):
        want = json.dumps(answer) if isinstance(answer, bool) else answer
        q.locator(f".qe-opt[data-id='{want}'] label").click()
    elif kind == "multiple":
        for value in answer:
            q.locator(f".qe-opt[data-id='{value}'] label").click()
    elif kind in ("short_text", "numeric"):
        q.locator("input[type=text]").click()
        q.locator("input[type=text]").fill(answer)
    elif kind == "ordering":
        if ids_in_order(q) == answer:  # the shuffle already shows it: move one out and back
            q.locator(f"li[data-id='{answer[0]}'] [data-act=down]").click()
            q.locator(f"li[data-id='{answer[0]}'] [data-act=up]").click()
        for position, item in enumerate(answer):
            for _ in range(ids_in_order(q).index(item) - position):
                q.locator(f"li[data-id='{item}'] [data-act=up]").click()
        assert ids_in_order(q) == answer
    elif kind == "matching":
        for left, right in answer.items():
            q.locator(f"select[data-left='{left}']").select_option(right)


def stored(page: Page, quiz: str = QUIZ) -> Any:
    return page.evaluate("k => JSON.parse(localStorage.getItem(k))", f"qe:v1:quiz:{quiz}")


def flush(page: Page) -> None:
    """Write pending (debounced) saves now, as leaving the page would."""
    page.evaluate("() => dispatchEvent(new Event('pagehide'))")
