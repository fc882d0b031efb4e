"""The offer calculator (`::offer-calculator`): a plain form, worked out at build time.

The page holds the whole calculator as HTML: two offers' fields (prefilled with the Research
chapter's example), the shared assumptions, and the results for those values from
`quizengine.offers`, so a reader without JavaScript still sees a correct worked example. The
client (`calculator.js`) recomputes as the learner types, with the same method in JavaScript.
"""

from __future__ import annotations

from ..offers import ASSUMPTIONS, EXAMPLE, LINES, OFFER_FIELDS, Comparison, Field, compare_offers
from ..offers import money as _money
from .markup import esc

_OFFERS = (("a", "Offer A"), ("b", "Offer B"))


def render_calculator() -> str:
    """The form and its results for the chapter's example; `data-qe="calculator"` mounts it."""
    result = compare_offers(EXAMPLE["a"], EXAMPLE["b"], EXAMPLE["you"])
    offers = "".join(
        f'<fieldset class="qe-calc-offer" data-offer="{key}"><legend>{name}</legend>'
        + "".join(_field(key, field, EXAMPLE[key][field.key]) for field in OFFER_FIELDS)
        + "</fieldset>"
        for key, name in _OFFERS
    )
    shared = "".join(_field("you", field, EXAMPLE["you"][field.key]) for field in ASSUMPTIONS)
    return (
        '<div class="qe-calc" data-qe="calculator">'
        '<div class="qe-note" role="status" hidden></div>'
        '<form class="qe-calc-form" action="#" aria-label="Offer calculator">'
        f'<div class="qe-calc-offers">{offers}</div>'
        '<fieldset class="qe-calc-offer" data-offer="you">'
        f"<legend>Both offers: you and your year</legend>{shared}</fieldset>"
        '<p class="qe-calc-error" role="alert" hidden></p>'
        '<p class="qe-js qe-calc-acts" hidden>'
        '<button type="button" class="md-button" data-act="reset">'
        "Reset to the example</button> Your numbers stay in this browser only.</p>"
        "</form>"
        '<p class="qe-nojs">This calculator needs JavaScript to update; '
        "below are the results for the example values.</p>"
        f'<p class="qe-calc-summary" aria-live="polite">{esc(summary(result))}</p>'
        f"{_table(result)}{_chart(result)}</div>"
    )


def summary(result: Comparison) -> str:
    """One sentence on the difference, the part a screen reader announces after each change."""
    first, later = result.year1_diff, result.ongoing_diff
    return (
        f"B minus A: {_money(first, signed=True)} in year 1 "
        f"and {_money(later, signed=True)} a year after that."
    )


def _field(offer: str, field: Field, value: float) -> str:
    ident = f"qe-calc-{offer}-{field.key}"
    return (
        '<div class="qe-calc-field">'
        f'<label for="{ident}">{esc(field.label)} '
        f'<span class="qe-calc-unit">({esc(field.unit)})</span></label>'
        f'<input type="number" id="{ident}" name="{offer}.{field.key}" '
        f'data-offer="{offer}" data-key="{field.key}" inputmode="decimal" step="any" '
        f'min="{field.minimum:g}" max="{field.maximum:.0f}" value="{value:g}" '
        f'aria-describedby="{ident}-hint" required>'
        f'<small class="qe-calc-hint" id="{ident}-hint">{esc(field.hint)}</small></div>'
    )


def _row(key: str, label: str, a: float, b: float, *, total: bool = False) -> str:
    cells = (_money(a), _money(b), _money(b - a, signed=True))
    tag = ("<strong>", "</strong>") if total else ("", "")
    return (
        f'<tr data-line="{key}"><th scope="row">{tag[0]}{esc(label)}{tag[1]}</th>'
        + "".join(f"<td>{tag[0]}{cell}{tag[1]}</td>" for cell in cells)
        + "</tr>"
    )


def _table(result: Comparison) -> str:
    rows = "".join(_row(line.key, line.label, *result.lines[line.key]) for line in LINES)
    totals = (
        _row("ongoing", "Ongoing yearly value", *result.ongoing, total=True)
        + _row("sign_on", "Sign-on bonus (year 1 only)", *result.sign_on)
        + _row("year1", "Year 1 value", *result.year1, total=True)
    )
    return (
        '<div class="qe-calc-scroll"><table class="qe-calc-table">'
        "<caption>Yearly value of each offer (costs are negative)</caption>"
        '<thead><tr><th scope="col">Line</th><th scope="col">Offer A</th>'
        '<th scope="col">Offer B</th><th scope="col">B − A</th></tr></thead>'
        f"<tbody>{rows}</tbody><tbody>{totals}</tbody></table></div>"
    )


def bars(result: Comparison) -> list[tuple[str, str, float]]:
    """(key, label, B − A) for each bar of the chart: every line, then the sign-on."""
    out = [(line.key, line.label, _diff(result.lines[line.key])) for line in LINES]
    out.append(("sign_on", "Sign-on bonus", _diff(result.sign_on)))
    return out


def _diff(pair: tuple[float, float]) -> float:
    return pair[1] - pair[0]


def _chart(result: Comparison) -> str:
    """Bars from a middle line: right where B gains, left where A does (same figures as the
    table, whose text the bars repeat, so the drawing itself is hidden from screen readers)."""
    items = bars(result)
    scale = max((abs(diff) for _, _, diff in items), default=0.0) or 1.0
    rows = "".join(
        f'<div class="qe-calc-bar" data-line="{key}"><span>{esc(label)}</span>'
        f'<span class="qe-calc-track" aria-hidden="true"><span style="{_bar_style(diff, scale)}">'
        f"</span></span><span>{_money(diff, signed=True)}</span></div>"
        for key, label, diff in items
    )
    return (
        '<figure class="qe-calc-chart"><figcaption>Where the difference comes from: '
        "bars to the right favour Offer B, to the left Offer A.</figcaption>"
        f"{rows}</figure>"
    )


def _bar_style(diff: float, scale: float) -> str:
    width = round(50 * abs(diff) / scale, 2)
    left = 50 if diff >= 0 else 50 - width
    return f"left:{left:g}%;width:{width:g}%"
