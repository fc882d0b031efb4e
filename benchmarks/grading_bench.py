"""Grading throughput per question type, in responses per second on one core.

The baseline in the same run is the bare work any grader must do (look up the right answer
and compare it): the ratio shows what the engine's result objects and checks cost on top.
Usage: python benchmarks/grading_bench.py [--seconds S]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from typing import Any

from pydantic import TypeAdapter

from quizengine.grading import grade_question
from quizengine.models import Question

try:
    from .bank import question as make_question
except ImportError:  # run as a script
    from bank import question as make_question  # type: ignore[no-redef]

ADAPTER: TypeAdapter[Question] = TypeAdapter(Question)
CHOICE_TYPES = ("single", "multiple", "true_false")


def answers_for(q: Question, rng: random.Random) -> list[Any]:
    kind = q.type
    if kind == "single":
        return [rng.choice(q.options).key for _ in range(64)]  # type: ignore[union-attr]
    if kind == "multiple":
        ids = [o.key for o in q.options]  # type: ignore[union-attr]
        return [rng.sample(ids, rng.randint(0, len(ids))) for _ in range(64)]
    if kind == "true_false":
        return [rng.random() < 0.5 for _ in range(64)]
    if kind == "short_text":
        return [rng.choice(["offer", "ofer", "salary", "nothing here"]) for _ in range(64)]
    if kind == "numeric":
        return [rng.choice([q.answer, "$1,234", "12 dollars", "abc"]) for _ in range(64)]  # type: ignore[union-attr]
    if kind == "ordering":
        ids = [i.key for i in q.items]  # type: ignore[union-attr]
        return [rng.sample(ids, len(ids)) for _ in range(64)]
    if kind == "matching":
        return [
            dict(zip(q.left_ids(), rng.sample(q.right_ids(), 3), strict=False)) for _ in range(64)
        ]  # type: ignore[union-attr]
    raise ValueError(kind)


def rate(fn: Callable[[], int], seconds: float) -> float:
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        done += fn()
    return done / (time.perf_counter() - start)


def run(seconds: float = 0.5) -> dict[str, float]:
    rng = random.Random(3)
    results: dict[str, float] = {}
    print("grading bench: responses per second, one core")
    print(f"  {'type':<11} {'engine':>12} {'bare compare':>13} {'ratio':>7}")
    for index, kind in enumerate(
        ("single", "multiple", "true_false", "short_text", "numeric", "ordering", "matching")
    ):
        raw = make_question(rng, index)
        question = ADAPTER.validate_python(raw)
        answers = answers_for(question, rng)
        key = _key(question)

        def engine(q: Question = question, batch: list[Any] = answers) -> int:
            for answer in batch:
                grade_question(q, answer)
            return len(batch)

        def bare(batch: list[Any] = answers, expected: Any = key) -> int:
            for answer in batch:
                _ = answer == expected
            return len(batch)

        ours, base = rate(engine, seconds), rate(bare, seconds)
        results[kind] = ours
        print(f"  {kind:<11} {ours:12,.0f} {base:13,.0f} {base / ours:7.1f}x")
    choice = min(results[k] for k in CHOICE_TYPES)
    print(f"  slowest choice type: {choice:,.0f} responses/s (target >= 100,000)")
    return results


def _key(q: Question) -> Any:
    if q.type == "single":
        return next(o.key for o in q.options if o.correct)  # type: ignore[union-attr]
    if q.type == "multiple":
        return q.correct_ids  # type: ignore[union-attr]
    return getattr(q, "answer", None)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=0.5)
    run(parser.parse_args().seconds)
