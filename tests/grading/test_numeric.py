"""Reading typed numbers (spec §2 `numeric`): invariants, hostile input, and the browser's copy.

The golden cases are in tests/vectors/numeric.json; these tests look for what a list of cases
misses: number formats generated at random, very long strings, and strings built from the
pieces the rules care about, graded by both the Python and the JavaScript grader.
"""

from __future__ import annotations

import json
import random
import subprocess
import time

from hypothesis import given
from hypothesis import strategies as st

from quizengine.grading import grade_question
from quizengine.grading.numeric import not_understood, read_number
from quizengine.models import NumericQuestion

from ..conftest import ROOT, need_node

HOURS = ["hours", "hrs", "h"]


def numeric(**fields: object) -> NumericQuestion:
    return NumericQuestion.model_validate({"id": "n", "type": "numeric", "prompt": "P", **fields})


def grouped(number: int, separator: str) -> str:
    return f"{number:,}".replace(",", separator)


@given(
    st.integers(min_value=0, max_value=10**12),
    st.sampled_from([",", "'", " ", "\u00a0", "\u202f"]),
    st.sampled_from(["{}", "${}", "{} $", "USD {}", "{}eur", "{} dollars", "pounds {}", "£{}"]),
    st.sampled_from(["", " hours", "hrs", " H", "%"]),
)
def test_any_grouped_amount_reads_back(
    number: int, separator: str, currency: str, unit: str
) -> None:
    typed = currency.format(grouped(number, separator)) + unit
    assert read_number(typed, HOURS) == number


@given(st.integers(min_value=1000, max_value=10**9), st.sampled_from([",", "'", " "]))
def test_a_separator_off_a_group_of_three_is_never_read(number: int, separator: str) -> None:
    digits = str(number)
    cut = len(digits) - 2  # two digits after the separator: never a group of three
    assert read_number(digits[:cut] + separator + digits[cut:], []) is None


@given(st.text(max_size=60))
def test_any_text_reads_or_is_invalid_never_crashes(text: str) -> None:
    result = grade_question(numeric(answer=1, units=HOURS), text)
    assert result.status in ("correct", "incorrect", "invalid")
    assert (result.status == "invalid") == (read_number(text, HOURS) is None)
    if result.status == "invalid":
        assert result.error == not_understood(text)
        assert result.score == 0 and result.feedback == []


def test_long_hostile_strings_are_read_in_linear_time() -> None:
    size = 1_000_000
    hostile = [
        "1" * size + "x",
        "1," * (size // 2),
        "1" + " 000" * (size // 4) + "x",
        " " * (size // 2) + "x" + " " * (size // 2),
        "1" + " " * size + "usd x",
        "e" * size,
    ]
    for text in hostile:
        start = time.perf_counter()
        result = grade_question(numeric(answer=1, units=HOURS), text)
        assert time.perf_counter() - start < 1.5, text[:20]
        assert result.status == "invalid"
        assert result.error is not None and len(result.error) < 100


def test_unit_and_units_spellings() -> None:
    assert numeric(answer=1, unit="days").spellings() == ["days"]
    assert numeric(answer=1, units=HOURS).shown_unit() == "hours"
    assert numeric(answer=1).shown_unit() is None


# The pieces the reading rules look at, joined at random below.
PIECES = [
    *("1", "2", "0", "5", "500", "000", "12", "999", ",", "'", ".", "e", "E", "-", "+"),
    *("$", "€", "£", "¥", "usd", "EUR", "dollars", "dollar", "euro", "euros", "pounds", "pound"),
    *("k", "m", "K", "M", "%", "h", "hrs", "hours", "x", "/h", "1e", "per hour"),
    *(" ", "\u00a0", "\u202f", "\t", "\ufeff", "\x85", "İ"),
]
RUNNER = """
import { readFileSync } from "node:fs";
const { default: grade } = await import(process.argv[1]);
const cases = JSON.parse(readFileSync(0, "utf8"));
const q = (answer, units) => ({ id: "n", type: "numeric", prompt: "P", answer, units });
console.log(JSON.stringify(cases.map(([text, units, answer]) => {
  const r = grade.gradeQuestion(q(answer, units), text);
  return [r.status, r.error || null];
})));
"""


def test_the_browser_reads_every_string_as_python_does() -> None:
    """Strings made of the pieces the rules look at, many of them readable, a few thousand."""
    rng = random.Random(10)
    unit_lists = [["m"], ["k"], HOURS, ["%"], ["per hour", "/h"], [" Hours ", "H"], ["usd"]]
    cases = []
    for _ in range(4000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 7)))
        units = rng.choice(unit_lists)
        value = read_number(text, units)
        cases.append((text, units, 0 if value is None else value))
    done = subprocess.run(
        [
            need_node(),
            "--input-type=module",
            "-e",
            RUNNER,
            str(ROOT / "src" / "quizengine" / "client" / "grader.js"),
        ],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    browser = json.loads(done.stdout)
    readable = 0
    for (text, units, answer), (status, error) in zip(cases, browser, strict=True):
        python = grade_question(numeric(answer=answer, units=units), text)
        assert (status, error) == (python.status, python.error), (text, units)
        readable += status == "correct"
    assert readable > 200  # the pieces make numbers often enough to test the reading
