"""The exact HTML of a small quiz, so any change to what learners see is a reviewed diff.

Regenerate after an intended change with `QE_UPDATE_GOLDEN=1 pytest tests/render`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from quizengine.models import Quiz
from quizengine.render import render_complete_button, render_progress, render_quiz

GOLDEN = Path(__file__).resolve().parent / "golden"

SMALL = {
    "id": "small",
    "title": "A small quiz",
    "questions": [
        {
            "id": "tf",
            "type": "true_false",
            "prompt": "A spoken promise is *binding*.",
            "answer": False,
            "feedback_incorrect": "Ask for it in writing.",
        },
        {
            "id": "days",
            "type": "numeric",
            "prompt": "How many days?",
            "answer": 20,
            "units": ["days", "d"],
            "hint": "Subtract the fixed days.",
        },
    ],
}


def _check(name: str, html: str) -> None:
    path = GOLDEN / name
    pretty = html.replace("><", ">\n<") + "\n"  # one tag per line: readable diffs
    if os.environ.get("QE_UPDATE_GOLDEN"):
        path.write_text(pretty, encoding="utf-8")
    assert pretty == path.read_text(encoding="utf-8")


def test_small_quiz(markdown_: Any) -> None:
    quiz = Quiz.model_validate(SMALL)
    _check("small-quiz.html", render_quiz(quiz, markdown_, rubric_for=lambda q: []))


def test_progress_and_complete_button() -> None:
    html = render_progress([("small", "A small quiz")]) + render_complete_button("ch/one.md")
    _check("progress.html", html)
