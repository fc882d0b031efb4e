"""docs/instructors/results-analysis.ipynb runs wherever the docs build starts it from."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbconvert.preprocessors import ExecutePreprocessor

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "docs" / "instructors" / "results-analysis.ipynb"


def test_stored_without_outputs_and_without_dollars() -> None:
    notebook = json.loads(NOTEBOOK.read_text("utf-8"))
    for cell in notebook["cells"]:
        assert cell.get("outputs", []) == [] and cell.get("execution_count") is None
        if cell["cell_type"] == "markdown":
            assert "$" not in "".join(cell["source"]), "MathJax would read $...$ as maths"


@pytest.mark.parametrize("cwd", [ROOT, NOTEBOOK.parent], ids=["repo-root", "notebook-folder"])
def test_executes(cwd: Path) -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    executor = ExecutePreprocessor(timeout=120, kernel_name="python3")  # type: ignore[no-untyped-call]
    executor.preprocess(notebook, {"metadata": {"path": str(cwd)}})
    outputs = [o for cell in notebook.cells for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.get("name") == "stdout")
    assert "300 attempts analysed, 0 files set aside" in text
    assert "pay-band-position" in text and "negative discrimination" in text
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 3  # histogram, facility/discrimination map, distractors
