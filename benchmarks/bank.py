"""A generated question bank: every question type, realistic text, written as YAML files."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

from quizengine.models import QUESTION_TYPES

WORDS = [
    "offer",
    "salary",
    "bonus",
    "equity",
    "vesting",
    "match",
    "premium",
    "deductible",
    "leave",
    "remote",
    "budget",
    "review",
    "recruiter",
    "manager",
    "counter",
    "deadline",
    "package",
    "relocation",
    "mentor",
    "title",
    "scope",
    "team",
    "growth",
]


def _text(rng: random.Random, n: int, formatted: float = 0.0) -> str:
    """`n` words; with probability `formatted`, with emphasis, strong and code spans.

    Course text is formatted (about a quarter of prompts carry emphasis or code), and
    formatted text is what makes a Markdown renderer work: plain words can take a shortcut.
    """
    words = [rng.choice(WORDS) for _ in range(n)]
    if n >= 4 and rng.random() < formatted:
        words[1] = f"**{words[1]}**"
        words[-2] = f"*{words[-2]}*"
        words[n // 2] = f"`{words[n // 2]}`"
    return " ".join(words).capitalize() + "."


def question(rng: random.Random, index: int) -> dict[str, Any]:
    kind = QUESTION_TYPES[index % len(QUESTION_TYPES)]
    base: dict[str, Any] = {
        "id": f"q{index}",
        "type": kind,
        "prompt": _text(rng, 18, formatted=0.25),
        "hint": _text(rng, 8),
        "explanation": _text(rng, 20, formatted=0.25),
    }
    if kind in ("single", "multiple"):
        base["options"] = [
            {
                "text": _text(rng, 6, formatted=0.25),
                "correct": i == 0 or (kind == "multiple" and i == 2),
                "feedback": _text(rng, 8),
            }
            for i in range(4)
        ]
    elif kind == "true_false":
        base["answer"] = bool(index % 2)
    elif kind == "short_text":
        base["answers"] = [rng.choice(WORDS), {"text": rng.choice(WORDS), "score": 0.5}]
        base["typo_tolerance"] = 1
    elif kind == "numeric":
        base.update(answer=rng.randint(100, 9000), tolerance="5%", unit="dollars")
    elif kind == "ordering":
        base["items"] = [_text(rng, 4) for _ in range(4)]
    elif kind == "matching":
        base["pairs"] = [{"left": _text(rng, 3), "right": _text(rng, 5)} for _ in range(3)]
        base["distractors"] = [_text(rng, 5)]
    elif kind == "text":
        base["rubric"] = [_text(rng, 8) for _ in range(3)]
        base.update(min_words=30, example_answer=_text(rng, 40))
    else:
        base.update(mode="free" if index % 16 == 7 else "structured", min_words=80)
        base["example_answer"] = _text(rng, 60)
    return base


def write_bank(folder: Path, questions: int = 10_000, files: int = 10, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    per_file = questions // files
    paths = []
    for f in range(files):
        quiz = {
            "id": f"bank-{f}",
            "title": f"Generated bank {f}",
            "pass_mark": 0.7,
            "questions": [question(rng, f * per_file + i) for i in range(per_file)],
        }
        path = folder / f"bank-{f}.yaml"
        path.write_text(yaml.safe_dump(quiz, sort_keys=False, allow_unicode=True, width=100))
        paths.append(path)
    return paths
