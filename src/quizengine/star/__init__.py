"""STAR analysis: words and sentences, free-mode part detection, checks, advice, rubric.

The grader (`grading/star_review.py`) combines these into a score; `client/star.js` ports the same
rules to the browser, and `tests/vectors/star.json` keeps the two in agreement.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .advice import text_advice
    from .checks import CHECK_IDS, Analysis, run_checks
    from .parts import detect_parts, label
    from .rubric import DEFAULT_RUBRIC, default_rubric, effective_rubric, rate, rubric_json
    from .text import Sentence, sentences, words

# Submodules load on first use: a site build needs only the rubric (to render a STAR
# question), never the analysis, which is most of this package's import time.
_HOME = {
    "text_advice": "advice",
    "CHECK_IDS": "checks",
    "Analysis": "checks",
    "run_checks": "checks",
    "detect_parts": "parts",
    "label": "parts",
    "DEFAULT_RUBRIC": "rubric",
    "default_rubric": "rubric",
    "effective_rubric": "rubric",
    "rate": "rubric",
    "rubric_json": "rubric",
    "Sentence": "text",
    "sentences": "text",
    "words": "text",
}


def __getattr__(name: str) -> Any:
    if name in _HOME:
        value = getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'quizengine.star' has no attribute '{name}'")


__all__ = [
    "CHECK_IDS",
    "DEFAULT_RUBRIC",
    "Analysis",
    "Sentence",
    "default_rubric",
    "detect_parts",
    "effective_rubric",
    "label",
    "rate",
    "rubric_json",
    "run_checks",
    "sentences",
    "text_advice",
    "words",
]
