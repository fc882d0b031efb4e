"""STAR analysis: words and sentences, free-mode part detection, checks, advice, rubric.

The grader (`grading/star.py`) combines these into a score; `assets/star.js` ports the same
rules to the browser, and `tests/vectors/star.json` keeps the two in agreement.
"""

from .advice import text_advice
from .checks import CHECK_IDS, Analysis, run_checks
from .parts import detect_parts, label
from .rubric import DEFAULT_RUBRIC, default_rubric, effective_rubric, rate, rubric_json
from .text import Sentence, sentences, words

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
