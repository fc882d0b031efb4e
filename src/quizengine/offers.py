"""What two job offers are worth in a year: the Research chapter's method, written once.

The chapter (`docs/benefits/research.md`, "Worked example" and "Try it") values an offer as
base salary, plus the employer's retirement match, minus a typical health year (12 premiums
plus the deductible), minus the commute on office days, plus the extra paid days off of the
offer with more of them (at that offer's day rate), plus a training budget and equity the
learner chooses to count; the sign-on bonus counts in year 1 only. The notebook, the
in-page calculator (`client/offers.js`, kept in step by `tests/vectors/offers.json`) and the
chapter's figures all come from this one function.

Vesting cliffs, clawbacks, a bad health year and taxes are the chapter's risk checks, not part
of the yearly value, so they are left out here as they are in its table.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "ASSUMPTIONS",
    "EXAMPLE",
    "LINES",
    "OFFER_FIELDS",
    "Comparison",
    "Field",
    "Line",
    "OfferInputError",
    "compare_offers",
    "money",
]


@dataclass(frozen=True, slots=True)
class Field:
    """One number a learner types: its name in every language, label, unit and limits."""

    key: str
    label: str
    unit: str
    hint: str
    minimum: float
    maximum: float


_MONEY = 10_000_000.0

OFFER_FIELDS: tuple[Field, ...] = (
    Field("base_salary", "Base salary", "$ a year", "Yearly pay before tax.", 0, _MONEY),
    Field(
        "match_rate_pct",
        "Retirement match rate",
        "% of what you put in",
        "50 means the employer adds 50 cents for each dollar you save.",
        0,
        400,
    ),
    Field(
        "match_cap_pct",
        "Match up to",
        "% of salary",
        "The employer matches your savings up to this share of your salary.",
        0,
        100,
    ),
    Field(
        "health_premium_monthly",
        "Health premium",
        "$ a month",
        "Your share, taken from your pay each month.",
        0,
        _MONEY,
    ),
    Field(
        "health_deductible",
        "Health deductible",
        "$ a year",
        "A typical health year costs the premiums plus the deductible.",
        0,
        _MONEY,
    ),
    Field("pto_days", "Paid time off", "days a year", "Leave, not public holidays.", 0, 366),
    Field("office_days_per_week", "Office days", "days a week", "Days you must commute.", 0, 7),
    Field(
        "commute_cost_per_day",
        "Commute cost",
        "$ a round trip",
        "Fares, fuel and parking for one office day.",
        0,
        _MONEY,
    ),
    Field(
        "learning_budget",
        "Training budget",
        "$ a year",
        "Count only what you would really use.",
        0,
        _MONEY,
    ),
    Field(
        "equity_yearly",
        "Equity",
        "$ a year",
        "Shares vesting each year. Count private-company equity as 0.",
        0,
        _MONEY,
    ),
    Field(
        "sign_on_bonus",
        "Sign-on bonus",
        "$ once",
        "Paid once, so it counts in year 1 only.",
        0,
        _MONEY,
    ),
)
"""Per offer, in the order the form shows them."""

ASSUMPTIONS: tuple[Field, ...] = (
    Field(
        "contribution_pct",
        "What you save for retirement",
        "% of salary",
        "The match applies only to what you put in, up to the cap.",
        0,
        100,
    ),
    Field(
        "office_weeks",
        "Office weeks",
        "weeks a year",
        "Weeks you work, without leave and holidays.",
        0,
        53,
    ),
    Field(
        "working_days",
        "Working days",
        "days a year",
        "Turns salary into a day rate: 52 weeks × 5 days = 260.",
        1,
        366,
    ),
)
"""Shared by both offers: facts about the learner and the year."""

EXAMPLE: dict[str, dict[str, float]] = {
    "a": {
        "base_salary": 80_000,
        "match_rate_pct": 50,
        "match_cap_pct": 6,
        "health_premium_monthly": 100,
        "health_deductible": 1_500,
        "pto_days": 15,
        "office_days_per_week": 3,
        "commute_cost_per_day": 12,
        "learning_budget": 0,
        "equity_yearly": 0,
        "sign_on_bonus": 0,
    },
    "b": {
        "base_salary": 84_000,
        "match_rate_pct": 100,
        "match_cap_pct": 3,
        "health_premium_monthly": 250,
        "health_deductible": 3_000,
        "pto_days": 20,
        "office_days_per_week": 5,
        "commute_cost_per_day": 12,
        "learning_budget": 0,
        "equity_yearly": 0,
        "sign_on_bonus": 5_000,
    },
    "you": {"contribution_pct": 6, "office_weeks": 46, "working_days": 260},
}
"""Sam's two offers, the Research chapter's worked example."""


@dataclass(frozen=True, slots=True)
class Line:
    key: str
    label: str


LINES: tuple[Line, ...] = (
    Line("base", "Base salary"),
    Line("match", "Retirement match"),
    Line("health", "Health cost (typical year)"),
    Line("commute", "Commute cost"),
    Line("pto", "Extra paid time off"),
    Line("learning", "Training budget"),
    Line("equity", "Equity"),
)
"""The ongoing lines, in the chapter's order; costs are negative. The sign-on is apart."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """Per line (key -> (A, B)), the sign-on, and the totals; B minus A is what matters."""

    lines: dict[str, tuple[float, float]]
    sign_on: tuple[float, float]
    ongoing: tuple[float, float]
    year1: tuple[float, float]

    @property
    def ongoing_diff(self) -> float:
        return self.ongoing[1] - self.ongoing[0]

    @property
    def year1_diff(self) -> float:
        return self.year1[1] - self.year1[0]

    def as_dict(self) -> dict[str, object]:
        """The shape of `tests/vectors/offers.json`'s "expected" and of offers.js' result."""
        return {
            "lines": {k: list(v) for k, v in self.lines.items()},
            "sign_on": list(self.sign_on),
            "ongoing": list(self.ongoing),
            "year1": list(self.year1),
            "ongoing_diff": self.ongoing_diff,
            "year1_diff": self.year1_diff,
        }


class OfferInputError(ValueError):
    """A missing, non-numeric or out-of-range input, with a message a learner can act on."""


def _read(values: Mapping[str, object], fields: tuple[Field, ...], who: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for field in fields:
        raw = values.get(field.key)
        if raw is None:
            raise OfferInputError(f"{who}: {field.label} is missing.")
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            raise OfferInputError(f"{who}: {field.label} must be a number.")
        number = float(raw)
        if not math.isfinite(number) or not field.minimum <= number <= field.maximum:
            raise OfferInputError(
                f"{who}: {field.label} must be between "
                f"{field.minimum:,.0f} and {field.maximum:,.0f}."
            )
        out[field.key] = number
    unknown = sorted(set(values) - {f.key for f in fields})
    if unknown:
        raise OfferInputError(f"{who}: unknown input {unknown[0]!r}.")
    return out


def _ongoing(offer: dict[str, float], you: dict[str, float]) -> dict[str, float]:
    """Every line but the extra PTO, which depends on both offers."""
    matched_pct = min(you["contribution_pct"], offer["match_cap_pct"])
    return {
        "base": offer["base_salary"],
        "match": offer["match_rate_pct"] / 100 * matched_pct / 100 * offer["base_salary"],
        "health": -(offer["health_premium_monthly"] * 12 + offer["health_deductible"]),
        "commute": -(
            offer["office_days_per_week"] * you["office_weeks"] * offer["commute_cost_per_day"]
        ),
        "pto": 0.0,
        "learning": offer["learning_budget"],
        "equity": offer["equity_yearly"],
    }


def compare_offers(
    a: Mapping[str, object], b: Mapping[str, object], you: Mapping[str, object]
) -> Comparison:
    """Value offers `a` and `b` (keys: `OFFER_FIELDS`) under `you` (keys: `ASSUMPTIONS`).

    Extra paid time off is valued on the offer that has more of it: the extra days at that
    offer's day rate (base ÷ working days), as the chapter's step 4 does. Raises
    `OfferInputError` for bad input, never anything else.
    """
    offer_a = _read(a, OFFER_FIELDS, "Offer A")
    offer_b = _read(b, OFFER_FIELDS, "Offer B")
    shared = _read(you, ASSUMPTIONS, "Assumptions")
    line_a, line_b = _ongoing(offer_a, shared), _ongoing(offer_b, shared)
    extra = offer_b["pto_days"] - offer_a["pto_days"]
    if extra > 0:
        line_b["pto"] = extra * offer_b["base_salary"] / shared["working_days"]
    elif extra < 0:
        line_a["pto"] = -extra * offer_a["base_salary"] / shared["working_days"]
    ongoing = (_total(line_a), _total(line_b))
    sign_on = (offer_a["sign_on_bonus"], offer_b["sign_on_bonus"])
    return Comparison(
        lines={line.key: (line_a[line.key], line_b[line.key]) for line in LINES},
        sign_on=sign_on,
        ongoing=ongoing,
        year1=(ongoing[0] + sign_on[0], ongoing[1] + sign_on[1]),
    )


def _total(lines: dict[str, float]) -> float:
    # Summed in LINES order, the order offers.js uses, so both give the same float.
    total = 0.0
    for line in LINES:
        total += lines[line.key]
    return total


def money(value: float, *, signed: bool = False) -> str:
    """Whole dollars as the chapter writes them: "$1,331", "−$2,700", "+$5,000" when signed."""
    rounded = math.floor(value + 0.5)  # half up, as Math.round in offers.js
    if rounded < 0:
        return f"−${-rounded:,}"
    return f"{'+' if signed and rounded > 0 else ''}${rounded:,}"
