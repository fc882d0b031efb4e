"""Checks for docs/benefits/offer-calculator.ipynb ("What is this offer worth?").

The notebook is executed top to bottom in a temporary copy with the python3 kernel, the same way
mkdocs-jupyter runs it at build time. It imports the one offer method, `quizengine.offers`, and
shows the Research chapter's worked example. The tests then read what it printed:

* the comparison table (one row per line, then the ongoing, sign-on and year 1 rows), which must
  be the method's figures for the notebook's inputs, and those inputs the chapter's example;
* the figures the chapter states (its totals and "B is ahead by ..."), which the table, the
  method and the in-page calculator's vectors (tests/test_offers.py) must all give;
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

from quizengine.offers import EXAMPLE, LINES, compare_offers, money

from ..test_offers import chapter_figures

NOTEBOOK = Path(__file__).resolve().parents[2] / "docs" / "benefits" / "offer-calculator.ipynb"

TOTALS = ["Ongoing yearly value", "Sign-on (year 1 only)", "Year 1 value"]
EXPECTED_LABELS = [line.label for line in LINES] + TOTALS

_MONEY = r"[+−]?\$[\d,]+"
ROW_RE = re.compile(
    rf"^(?P<label>\S.*?)\s+(?P<a>{_MONEY})\s+(?P<b>{_MONEY})\s+(?P<diff>{_MONEY})\s*$"
)


def _num(text: str) -> int:
    return int(text.replace("−", "-").replace("$", "").replace(",", "").replace("+", ""))


# --------------------------------------------------------------------------- helpers


def parse_table(text: str) -> dict[str, tuple[int, int, int]]:
    """The printed comparison table: label -> (A, B, B minus A), whole dollars."""
    rows = {}
    for line in text.splitlines():
        match = ROW_RE.match(line)
        if match:
            rows[match["label"]] = (_num(match["a"]), _num(match["b"]), _num(match["diff"]))
    return rows


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


def test_inputs_are_the_chapters_example(stored_nb):
    inputs = load_inputs(stored_nb)
    assert (inputs["OFFER_A"], inputs["OFFER_B"], inputs["YOU"]) == (
        EXAMPLE["a"],
        EXAMPLE["b"],
        EXAMPLE["you"],
    )


def test_notebook_uses_the_one_method(stored_nb):
    code = "\n".join(cell.source for cell in stored_nb.cells if cell.cell_type == "code")
    assert "from quizengine.offers import" in code
    assert "def compare_offers" not in code  # no second copy of the method


def test_table_is_the_methods_figures(stored_nb, printed):
    rows = parse_table(printed)
    assert list(rows) == EXPECTED_LABELS, f"unexpected rows: {list(rows)}"
    inputs = load_inputs(stored_nb)
    result = compare_offers(inputs["OFFER_A"], inputs["OFFER_B"], inputs["YOU"])
    pairs = [result.lines[line.key] for line in LINES]
    pairs += [result.ongoing, result.sign_on, result.year1]
    for label, (a, b) in zip(EXPECTED_LABELS, pairs, strict=True):
        expected = (_num(money(a)), _num(money(b)), _num(money(b - a, signed=True)))
        assert rows[label] == expected, label


def test_chapter_method_and_notebook_agree(printed):
    """The figures the Research chapter states, the method's, and the executed notebook's."""
    stated = chapter_figures()
    rows = parse_table(printed)
    result = compare_offers(EXAMPLE["a"], EXAMPLE["b"], EXAMPLE["you"])
    assert rows["Ongoing yearly value"][:2] == stated["Ongoing yearly value"] == (78_044, 79_375)
    assert rows["Year 1 value"][:2] == stated["Year 1 value"] == (78_044, 84_375)
    lead = (rows["Year 1 value"][2], rows["Ongoing yearly value"][2])
    assert lead == stated["lead"] == (round(result.year1_diff), round(result.ongoing_diff))
    assert "+$6,331 in year 1 and +$1,331 a year after that" in printed


def test_parser_reads_a_changed_figure(printed):
    """Self-test: a figure changed in the printed table changes what the parser returns."""
    broken = printed.replace("+$1,331", "+$1,332", 1)
    assert broken != printed
    assert parse_table(broken)["Ongoing yearly value"][2] == 1_332
