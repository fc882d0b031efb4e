"""The test-wiseness bench on three tiny quizzes whose no-reading scores were worked by hand."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType
from typing import Any

import pytest

from ..conftest import DATA, ROOT

FIXTURES = DATA / "testwise"


def _bench() -> ModuleType:
    path = ROOT / "benchmarks" / "testwise_bench.py"
    spec = importlib.util.spec_from_file_location("testwise_bench", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


bench = _bench()


def _row(name: str) -> Any:
    (row,) = bench.run([FIXTURES / f"{name}.yaml"])
    return row


def test_rigged_quiz_is_passed_by_longest_option_and_false() -> None:
    row = _row("rigged")
    assert row.percent == pytest.approx(
        {
            "longest": 50.0,  # both single questions
            "first": 100 * (2 / 3) / 4,  # shuffled: each option is first a third of the time
            "last": 100 * (2 / 3) / 4,
            "pick-all": 0.0,  # no multiple questions; the rest unanswered
            "true": 0.0,
            "false": 50.0,
            "chance": 100 * (1 / 3 + 1 / 3 + 1 / 2 + 1 / 2) / 4,
            "best": 100.0,
        }
    )
    assert row.best_rules == {"single": "longest", "true_false": "false"}
    assert (row.fails, row.verdict) == (True, "PASSES unread")


def test_fair_quiz_stays_below_half() -> None:
    row = _row("fair")
    ordering = (2 / 3 + 2 / 3 + 1 / 3 + 1 / 3 + 0) / 5  # every order of 3 but the right one
    multiple_first = (0.5 + 0.5 + 0 + 0) / 4  # shuffled: one option, each equally likely
    multiple_chance = 3 / 15  # of the 15 non-empty sets, partial credit sums to 3
    assert row.percent == pytest.approx(
        {
            "longest": 100 * ordering / 5,  # the two long options are both wrong
            "first": 100 * (multiple_first + ordering) / 5,  # authored first option is wrong
            "last": 100 * (multiple_first + ordering) / 5,
            "pick-all": 100 * ordering / 5,  # (2 right - 2 wrong) / 2 = 0
            "true": 100 * (1 + ordering) / 5,
            "false": 100 * (1 + ordering) / 5,
            "chance": 100 * (1 / 3 + multiple_chance + 1 + ordering) / 5,
            "best": 100 * (1 / 3 + multiple_first + 1 + ordering) / 5,
        }
    )
    assert row.best_rules == {"single": "chance", "multiple": "first", "true_false": "true"}
    assert (row.fails, row.verdict) == (False, "ok")


def test_a_draw_averages_over_attempts_not_points() -> None:
    """One question per attempt, worth 1 or 3: answering True passes half the attempts
    (50%), although it earns only a quarter of all the points."""
    row = _row("draw")
    assert row.percent["true"] == pytest.approx(50.0)
    assert row.percent["false"] == pytest.approx(50.0)
    assert (row.judged, row.fails) == (False, False)


def test_check_flag_exit_codes_and_table() -> None:
    printed: list[str] = []
    paths = [str(FIXTURES / f"{n}.yaml") for n in ("rigged", "fair", "draw")]
    assert bench.main(["--check", *paths], out=printed.append) == 1
    assert bench.main(paths, out=printed.append) == 0
    assert bench.main(["--check", *paths[1:]], out=printed.append) == 0
    table = printed[1].splitlines()
    assert table[0].split()[:4] == ["quiz", "n", "longest", "first"]
    assert table[2].split() == [
        "rigged",
        "4",
        *["50.0", "16.7", "16.7", "0.0", "0.0", "50.0", "41.7", "100.0", "2.40", "70"],
        "PASSES",
        "unread",
        "(single:",
        "longest,",
        "true_false:",
        "false)",
    ]
    assert printed[2].endswith(": rigged")
