"""Checks for docs/benefits/offer-calculator.ipynb ("What is this offer worth?").

The notebook is executed top to bottom in a temporary copy with the python3 kernel, the same way
mkdocs-jupyter runs it at build time. The tests then read what it printed:

* the comparison table (one row per component, then a TOTAL row), whose totals must equal the sum
  of the printed components, and whose components must match an independent recomputation from the
  notebook's own inputs cell;
* the machine-readable ``TOTALS A=... B=...`` line printed by the last code cell;
* an ``image/png`` display for the chart.

The stored notebook itself must stay free of outputs so the repository stays clean.
"""

from __future__ import annotations

import ast
import base64
import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbconvert.preprocessors import ExecutePreprocessor

NOTEBOOK = Path(__file__).resolve().parents[2] / "docs" / "benefits" / "offer-calculator.ipynb"

EXPECTED_LABELS = [
    "Base salary",
    "Bonus (expected)",
    "Retirement match",
    "Health insurance (cost)",
    "Paid time off",
    "Remote work savings",
    "Learning budget",
    "Equity (discounted)",
    "Sign-on (per year)",
]
TOTAL_LABEL = "TOTAL per year"

_NUM = r"-?[\d,]+\.\d{2}"
ROW_RE = re.compile(
    rf"^(?P<label>\S.*?)\s+(?P<a>{_NUM})\s+(?P<b>{_NUM})\s+(?P<diff>[+-][\d,]+\.\d{{2}})\s*$"
)
TOTALS_RE = re.compile(r"^TOTALS A=(?P<a>-?\d+\.\d{2}) B=(?P<b>-?\d+\.\d{2})\s*$", re.MULTILINE)


def _num(text: str) -> float:
    return float(text.replace(",", ""))


# --------------------------------------------------------------------------- helpers


def parse_table(
    text: str,
) -> tuple[list[tuple[str, float, float, float]], tuple[float, float, float]]:
    """Parse the printed comparison table into component rows and the TOTAL row."""
    rows: list[tuple[str, float, float, float]] = []
    total = None
    for line in text.splitlines():
        match = ROW_RE.match(line)
        if not match:
            continue
        values = (_num(match["a"]), _num(match["b"]), _num(match["diff"]))
        if match["label"] == TOTAL_LABEL:
            total = values
        else:
            rows.append((match["label"], *values))
    assert total is not None, f"no '{TOTAL_LABEL}' row in the table:\n{text}"
    return rows, total


def check_table(text: str) -> tuple[float, float]:
    """Assert the table is internally consistent; return (total A, total B).

    Every printed amount is rounded to cents, so the sum of the printed rows may differ from the
    printed total by up to half a cent per row. Any real component (>= $0.05) dropped from or
    double-counted in the total is still caught.
    """
    rows, (total_a, total_b, total_diff) = parse_table(text)
    labels = [row[0] for row in rows]
    assert labels == EXPECTED_LABELS, f"unexpected component rows: {labels}"

    tolerance = 0.005 * (len(rows) + 1)
    sum_a = sum(row[1] for row in rows)
    sum_b = sum(row[2] for row in rows)
    assert sum_a == pytest.approx(total_a, abs=tolerance), (
        f"Offer A: components sum to {sum_a:.2f}, total says {total_a:.2f}"
    )
    assert sum_b == pytest.approx(total_b, abs=tolerance), (
        f"Offer B: components sum to {sum_b:.2f}, total says {total_b:.2f}"
    )
    for label, a, b, diff in rows:
        assert diff == pytest.approx(b - a, abs=0.011), f"difference column wrong for {label}"
    assert total_diff == pytest.approx(total_b - total_a, abs=0.011)
    return total_a, total_b


def expected_components(offer: dict, you: dict) -> list[float]:
    """Independent re-statement of the notebook's formulas (see its Assumptions cell)."""
    base = offer["base_salary"]
    bonus = base * offer["bonus_target_pct"] * offer["bonus_expected_payout"]
    if offer["expected_stay_years"] >= offer["match_vesting_years"]:
        matched_pct = min(offer["your_contribution_pct"], offer["match_cap_pct"])
        match = base * offer["match_rate"] * matched_pct
    else:
        match = 0.0
    health = -(offer["health_premium_per_month"] * 12 + offer["health_out_of_pocket_per_year"])
    pto = offer["pto_days"] * base / you["working_days_per_year"]
    commute_hours = offer["commute_minutes_one_way"] * 2 / 60
    per_remote_day = commute_hours * you["value_of_time_per_hour"] + offer["commute_cost_per_day"]
    remote = offer["remote_days_per_week"] * offer["working_weeks_per_year"] * per_remote_day
    learning = offer["learning_budget_per_year"]
    equity = offer["equity_vesting_per_year"] * (1 - offer["equity_discount"])
    sign_on = offer["sign_on_bonus"] / offer["expected_stay_years"]
    return [base, bonus, match, health, pto, remote, learning, equity, sign_on]


def load_inputs(nb) -> dict:
    """Run only the notebook's first code cell (plain dict literals) and return its names."""
    source = next(cell.source for cell in nb.cells if cell.cell_type == "code")
    ast.parse(source)  # the inputs cell must be plain Python, runnable outside Jupyter
    namespace: dict = {}
    exec(compile(source, "inputs-cell", "exec"), namespace)  # trusted file from this repository
    return namespace


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def stored_nb():
    return nbformat.read(NOTEBOOK, as_version=4)


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("offer-calculator")
    copy_path = workdir / NOTEBOOK.name
    shutil.copy(NOTEBOOK, copy_path)
    nb = nbformat.read(copy_path, as_version=4)
    with pytest.MonkeyPatch.context() as mp:
        # A non-inline MPLBACKEND (e.g. Agg on CI) would stop plt.show() from producing an image.
        mp.delenv("MPLBACKEND", raising=False)
        executor = ExecutePreprocessor(kernel_name="python3", timeout=120)
        executor.preprocess(nb, {"metadata": {"path": str(workdir)}})
    return nb


@pytest.fixture(scope="module")
def printed(executed) -> str:
    return "".join(
        output.get("text", "")
        for cell in executed.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.output_type == "stream" and output.get("name") == "stdout"
    )


# --------------------------------------------------------------------------- tests


def test_stored_notebook_is_clean(stored_nb):
    assert stored_nb.metadata["kernelspec"]["name"] == "python3"
    first = stored_nb.cells[0]
    assert first.cell_type == "markdown"
    assert first.source.splitlines()[0] == "# What is this offer worth?"
    for cell in stored_nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], "notebook is stored with outputs; clear them"
            assert cell.execution_count is None
    nbformat.validate(stored_nb)


def test_markdown_cells_have_no_dollar_signs(stored_nb):
    # The rendered page loads MathJax, which typesets any text between two "$" as maths.
    # Prose says "dollar" instead; code outputs are in <pre> blocks, which MathJax skips.
    for index, cell in enumerate(stored_nb.cells):
        if cell.cell_type == "markdown":
            assert "$" not in cell.source, f"markdown cell {index} contains '$'"


def test_no_cell_raised(executed):
    for index, cell in enumerate(executed.cells):
        for output in cell.get("outputs", []):
            assert output.output_type != "error", (
                f"cell {index} raised {output.get('ename')}: {output.get('evalue')}"
            )
            if output.output_type == "stream":
                assert output.name != "stderr" or "Traceback" not in output.text


def test_chart_is_embedded_as_png(executed):
    images = [
        output["data"]["image/png"]
        for cell in executed.cells
        for output in cell.get("outputs", [])
        if output.output_type in ("display_data", "execute_result")
        and "image/png" in output.get("data", {})
    ]
    assert len(images) >= 1, "no image/png output: the chart was not displayed"
    assert base64.b64decode(images[0])[:8] == b"\x89PNG\r\n\x1a\n"


def test_table_totals_equal_sum_of_components(printed):
    total_a, total_b = check_table(printed)
    assert total_a > 0 and total_b > 0


def test_totals_line_matches_table(printed):
    _, (total_a, total_b, _) = parse_table(printed)
    found = TOTALS_RE.findall(printed)
    assert len(found) == 1, "expected exactly one 'TOTALS A=... B=...' line"
    line_a, line_b = (float(x) for x in found[0])
    assert line_a == pytest.approx(total_a, abs=0.006)
    assert line_b == pytest.approx(total_b, abs=0.006)


def test_components_match_independent_recomputation(stored_nb, printed):
    inputs = load_inputs(stored_nb)
    rows, (total_a, total_b, _) = parse_table(printed)
    for column, offer_key, total in ((1, "OFFER_A", total_a), (2, "OFFER_B", total_b)):
        expected = expected_components(inputs[offer_key], inputs["YOU"])
        for row, value in zip(rows, expected, strict=True):
            assert row[column] == pytest.approx(value, abs=0.006), (
                f"{offer_key} {row[0]}: printed {row[column]}, recomputed {value:.4f}"
            )
        assert total == pytest.approx(sum(expected), abs=0.006)


def test_example_inputs_give_the_documented_totals(printed):
    # Hand-checked figures for the example inputs (see the notebook's inputs cell).
    _, (total_a, total_b, _) = parse_table(printed)
    assert total_a == pytest.approx(97_413.03, abs=0.006)
    assert total_b == pytest.approx(100_304.36, abs=0.006)


def test_checker_catches_a_component_missing_from_the_total(printed):
    """Self-test: the consistency check must fail if a component is left out of a total."""
    rows, (total_a, total_b, _) = parse_table(printed)
    dropped = next(row for row in rows if row[2] >= 1)  # a non-trivial Offer B component
    wrong_b = total_b - dropped[2]
    total_line = next(line for line in printed.splitlines() if line.startswith(TOTAL_LABEL))
    broken_line = f"{TOTAL_LABEL:<26}{total_a:>14,.2f}{wrong_b:>14,.2f}{wrong_b - total_a:>+14,.2f}"
    broken = printed.replace(total_line, broken_line)
    assert broken != printed
    with pytest.raises(AssertionError):
        check_table(broken)

    lines = printed.splitlines()
    missing_row = "\n".join(line for line in lines if not line.startswith(EXPECTED_LABELS[-1]))
    with pytest.raises(AssertionError):
        check_table(missing_row)


def test_summary_uses_computed_numbers(stored_nb, printed):
    """The closing summary is printed from the computed gap, not typed in."""
    _, (total_a, total_b, _) = parse_table(printed)
    gap = abs(total_b - total_a)
    assert f"${gap:,.0f}" in printed
    closing = stored_nb.cells[-1]
    assert closing.cell_type == "markdown" and closing.source.startswith("## Reading the result")
