"""A site build never pays for grading or the STAR analysis: they load on first use."""

from __future__ import annotations

import json
import subprocess
import sys

BUILD_PATH = "import quizengine.mkdocs.plugin, quizengine.mkdocs.extension"
# The graders and the STAR analysis. (The numeric reading rules may load: the renderer shows
# their examples to a learner whose answer was not understood.)
HEAVY = (
    "quizengine.grading.dispatch",
    "quizengine.grading.star_review",
    "quizengine.grading.text",
    "quizengine.grading.choice",
    "quizengine.star.checks",
    "quizengine.star.advice",
)


def _modules_after(code: str) -> set[str]:
    probe = f"{code}; import json, sys; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    return set(json.loads(out.stdout))


def test_loading_the_plugin_imports_no_grading_or_star_analysis() -> None:
    loaded = _modules_after(BUILD_PATH)
    assert "quizengine.mkdocs.plugin" in loaded
    assert not [m for m in loaded if m.startswith(HEAVY)]


def test_the_public_api_still_reaches_them_on_first_use() -> None:
    loaded = _modules_after("from quizengine import grade; from quizengine.star import run_checks")
    assert {"quizengine.grading.dispatch", "quizengine.star.checks"} <= loaded
