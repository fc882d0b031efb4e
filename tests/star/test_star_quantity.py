"""Which numbers measure a result and which only date it (star/quantity.py)."""

from __future__ import annotations

import time

import pytest

from quizengine.star.checks import Analysis, quantified_result
from quizengine.star.quantity import measures
from quizengine.star.text import Sentence, sentences


def found(text: str) -> tuple[str | None, str | None]:
    return measures([Sentence.of(s) for s in sentences(text)])


@pytest.mark.parametrize(
    "text",
    [
        "In 2023 the policy changed.",
        "2024 was the year it changed.",
        "Since 2019's reorganisation it works.",
        "After two weeks my manager said yes.",
        "Two weeks later HR approved it.",
        "It was approved 3 months ago.",
        "Last year it became policy.",
        "On 3 March the board agreed.",
        "By March 3rd it was done.",
        "At 5pm the offer came.",
        "At 9 am the offer came.",
        "In Q3 it shipped.",
        "In March 2024 it shipped.",
    ],
)
def test_numbers_that_only_date_do_not_count(text: str) -> None:
    assert found(text)[0] is None, text


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("This cut our hiring time by two weeks.", "two"),
        ("I got a 4 percent raise.", "4"),
        ("We signed twice as many clients.", "twice"),
        ("We delivered two weeks early.", "two"),
        ("It saved 2000 dollars.", "2000"),
        ("In 2023 costs fell 12%.", "12"),
        ("After two weeks we had 30 sign-ups.", "30"),
        ("Half the team moved.", "Half"),
        ("New engineers shipped their first change within ten days.", "ten"),
        ("The spike passed in two days.", "two"),
        ("Sign-ups doubled within a month.", "doubled"),
        ("Complaints halved.", "halved"),
        ("I double-checked it and costs tripled.", "tripled"),
        ("The team grew to double its size.", "double"),
        ("We checked it again and cut errors by half.", "half"),
    ],
)
def test_numbers_that_measure_count(text: str, number: str) -> None:
    assert found(text)[0] == number, text


@pytest.mark.parametrize(
    "text",
    [
        "I double-checked every invoice.",
        "I double check the rota each week.",
        "We triple-checked the figures.",
        "Double-checking caught the error.",
        "I made sure to 'double' check it.",
    ],
)
def test_checking_twice_is_no_quantity(text: str) -> None:
    """ "Double-check" says "again", not how much: it must not pass for a measured result."""
    assert found(text) == (None, None), text


def test_the_message_names_a_number_that_only_dates() -> None:
    five = "one two three four five"
    parts = {"situation": five, "task": five, "action": five}
    check = quantified_result(Analysis.structured({**parts, "result": "After two weeks, yes."}))
    assert not check.passed
    assert check.message.startswith(
        "Your result's only number ('two') says when something happened, not how much changed."
    )


def test_linear_time_on_a_long_result() -> None:
    """One 50,000-word sentence of dating numbers: every word is looked at once, with its
    neighbours, never rescanned (a quadratic scan would take minutes)."""
    long = [Sentence.of("after two weeks in 2023 on 3 March at 5pm " * 5000)]
    started = time.perf_counter()
    assert measures(long) == (None, "two")
    assert time.perf_counter() - started < 2.0
