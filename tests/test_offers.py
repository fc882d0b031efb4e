"""The offer method (quizengine.offers): the shared vectors, bad input, the figures the Research
chapter states, and the JavaScript copy's fields and lines (tests/js/offers.test.mjs runs the
same vectors through client/offers.js)."""

from __future__ import annotations

import json
import re
import subprocess
from typing import Any

import pytest

from quizengine.offers import (
    ASSUMPTIONS,
    EXAMPLE,
    LINES,
    OFFER_FIELDS,
    OfferInputError,
    compare_offers,
    money,
)

from .conftest import ROOT, VECTORS, need_node

DOC = json.loads((VECTORS / "offers.json").read_text("utf-8"))
RESEARCH = ROOT / "docs" / "benefits" / "research.md"


@pytest.mark.parametrize("case", DOC["offers"], ids=lambda c: c["name"])
def test_vector(case: dict[str, Any]) -> None:
    got = compare_offers(case["a"], case["b"], case["you"]).as_dict()
    want = case["expected"]
    assert set(got) == set(want)
    for key, value in want.items():
        if key == "lines":
            assert list(got["lines"]) == list(value)  # type: ignore[call-overload]
            for line, pair in value.items():
                assert got["lines"][line] == pytest.approx(pair, abs=0.005), line  # type: ignore[index]
        else:
            assert got[key] == pytest.approx(value, abs=0.005), key


@pytest.mark.parametrize("case", DOC["invalid"], ids=lambda c: c["name"])
def test_invalid_input_is_a_clear_error(case: dict[str, Any]) -> None:
    with pytest.raises(OfferInputError, match=r"^(Offer A|Offer B|Assumptions): "):
        compare_offers(case["a"], case["b"], case["you"])


def test_messages_name_the_field_and_its_range() -> None:
    with pytest.raises(OfferInputError, match=r"^Offer B: Office days must be between 0 and 7\.$"):
        compare_offers(EXAMPLE["a"], {**EXAMPLE["b"], "office_days_per_week": 8}, EXAMPLE["you"])
    bad_you = {**EXAMPLE["you"], "working_days": float("nan")}
    with pytest.raises(OfferInputError, match="Working days must be between 1 and 366"):
        compare_offers(EXAMPLE["a"], EXAMPLE["b"], bad_you)


def test_the_example_is_the_first_vector() -> None:
    first = DOC["offers"][0]
    assert (first["a"], first["b"], first["you"]) == (EXAMPLE["a"], EXAMPLE["b"], EXAMPLE["you"])


def _dollars(text: str) -> int:
    return int(text.replace(",", ""))


def chapter_figures() -> dict[str, tuple[int, ...]]:
    """What the Research chapter's worked example states, read from the page: the totals row
    by row (A, B), and B's lead in year 1 and later ("B is ahead by $6,331 in year 1, ...")."""
    text = RESEARCH.read_text("utf-8")
    example = text[text.index("## Worked example") : text.index("## Common mistakes")]
    found: dict[str, tuple[int, ...]] = {
        label: (_dollars(a), _dollars(b))
        for label, a, b in re.findall(
            r"^\| \*\*(Ongoing yearly value|Year 1 value)\*\* \| \*\*\$([\d,]+)\*\* "
            r"\| \*\*\$([\d,]+)\*\* \|$",
            example,
            re.M,
        )
    }
    ahead = re.search(r"B is ahead by \$([\d,]+) in year 1, and by only \$([\d,]+)", example)
    assert ahead is not None and len(found) == 2, "the worked example's totals were not found"
    found["lead"] = (_dollars(ahead.group(1)), _dollars(ahead.group(2)))
    return found


def test_the_chapter_states_what_the_method_computes() -> None:
    stated = chapter_figures()
    assert stated["lead"] == (6331, 1331)  # what the chapter says today
    result = compare_offers(EXAMPLE["a"], EXAMPLE["b"], EXAMPLE["you"])
    assert stated["Ongoing yearly value"] == tuple(round(x) for x in result.ongoing)
    assert stated["Year 1 value"] == tuple(round(x) for x in result.year1)
    assert stated["lead"] == (round(result.year1_diff), round(result.ongoing_diff))


@pytest.mark.parametrize(
    ("value", "signed", "text"),
    [(1331.38, True, "+$1,331"), (-2700, False, "−$2,700"), (0.4, True, "$0"), (2.5, False, "$3")],
)
def test_money_is_written_as_the_chapter_writes_it(value: float, signed: bool, text: str) -> None:
    assert money(value, signed=signed) == text


def test_the_javascript_copy_has_the_same_fields_and_lines() -> None:
    script = (
        "import('./src/quizengine/client/offers.js').then(m => console.log(JSON.stringify("
        "{o: m.OFFER_FIELDS, y: m.ASSUMPTIONS, l: m.LINES})))"
    )
    out = subprocess.run(
        [need_node(), "--input-type=module", "-e", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    js = json.loads(out.stdout)
    assert js["o"] == {f.key: [f.minimum, f.maximum] for f in OFFER_FIELDS}
    assert js["y"] == {f.key: [f.minimum, f.maximum] for f in ASSUMPTIONS}
    assert js["l"] == [line.key for line in LINES]
