"""`quizengine validate` on a 10,000-question bank vs plain `yaml.safe_load` of the same files.

Both run in this process on the same files, interleaved, best of several rounds; we report
the ratio (lower is better; the target is <= 0.5) and peak memory for each.
Usage: python benchmarks/validate_bench.py [--questions N] [--rounds R]
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import yaml

from quizengine.loader import load_paths

try:
    from .bank import write_bank
except ImportError:  # run as a script
    from bank import write_bank  # type: ignore[no-redef]


def best_time(fn: Callable[[], object], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def peak_memory(fn: Callable[[], object]) -> int:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def run(questions: int = 10_000, rounds: int = 3) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_bank(Path(tmp), questions=questions)
        size = sum(p.stat().st_size for p in paths)

        def validate() -> None:
            report = load_paths([tmp])
            assert report.ok and sum(len(q.questions) for q in report.quizzes) == questions

        def safe_load() -> None:
            for path in paths:
                with path.open("rb") as handle:
                    yaml.safe_load(handle)

        validate()  # warm imports and caches for both sides
        safe_load()
        ours = best_time(validate, rounds)
        baseline = best_time(safe_load, rounds)
        ours_mem, base_mem = peak_memory(validate), peak_memory(safe_load)
    print(f"validate bench: {questions:,} questions in 10 files, {size / 1e6:.1f} MB of YAML")
    print(f"  quizengine validate (positions + every check): {ours:8.3f} s")
    print(f"  yaml.safe_load baseline:                       {baseline:8.3f} s")
    print(
        f"  time ratio validate / safe_load:               {ours / baseline:8.3f}  (target <= 0.5)"
    )
    print(
        f"  peak memory ratio:                             {ours_mem / base_mem:8.3f}  "
        f"({ours_mem / 1e6:.0f} MB vs {base_mem / 1e6:.0f} MB)"
    )
    return {"ratio": ours / baseline, "memory_ratio": ours_mem / base_mem}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    run(args.questions, args.rounds)
