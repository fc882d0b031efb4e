"""`quizengine validate` on a 10,000-question bank vs libyaml's `CSafeLoader` on the same files.

`yaml.load(..., CSafeLoader)` is the floor for anything that reads YAML in Python: libyaml's
C parser and constructor with no checks at all. Validation adds our strict-subset loader
(positions kept, YAML 1.2 scalars, duplicate keys refused) and the pydantic models. Both run
in this process on the same files, interleaved; each round's ratio is reported as the median
with min-max over rounds, with peak memory (tracemalloc) beside it. Times are CPU seconds of
this process (the work done; wall time on a shared 2-core machine mostly measures the
neighbours). A second floor is reported beside the decision: libyaml composing the node
graph (`yaml.compose`), the least any loader that reports `line:col` must do.
Usage: python benchmarks/validate_bench.py [--questions N] [--rounds R]
"""

from __future__ import annotations

import argparse
import statistics
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

DECISION = 1.25


def seconds(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def peak_memory(fn: Callable[[], object]) -> int:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def run(questions: int = 10_000, rounds: int = 7) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_bank(Path(tmp), questions=questions)
        size = sum(p.stat().st_size for p in paths)

        def validate() -> None:
            report = load_paths([tmp])
            assert report.ok and sum(len(q.questions) for q in report.quizzes) == questions

        def c_safe_load() -> None:
            for path in paths:
                with path.open("rb") as handle:
                    yaml.load(handle, Loader=yaml.CSafeLoader)

        def c_compose() -> None:
            for path in paths:
                with path.open("rb") as handle:
                    yaml.compose(handle, Loader=yaml.CSafeLoader)

        validate()  # warm imports and caches for every side
        c_safe_load()
        c_compose()
        ours, base, nodes = [], [], []
        for _ in range(rounds):
            ours.append(seconds(validate))
            base.append(seconds(c_safe_load))
            nodes.append(seconds(c_compose))
        ours_mem, base_mem = peak_memory(validate), peak_memory(c_safe_load)
    ratios = [a / b for a, b in zip(ours, base, strict=True)]
    stats = {"median": statistics.median(ratios), "min": min(ratios), "max": max(ratios)}
    floor = [a / b for a, b in zip(nodes, base, strict=True)]
    floor_stats = {"median": statistics.median(floor), "min": min(floor), "max": max(floor)}
    print(f"validate: {questions:,} questions, 10 files, {size / 1e6:.1f} MB, {rounds} rounds")
    print(f"  quizengine validate      {statistics.median(ours):7.3f} s (median)")
    print(f"  yaml CSafeLoader         {statistics.median(base):7.3f} s (median)")
    print(f"  yaml compose (CSafe)     {statistics.median(nodes):7.3f} s (median)")
    print(
        f"  ratio {stats['median']:.3f} ({stats['min']:.3f}-{stats['max']:.3f}), "
        f"decision <= {DECISION}"
    )
    print(f"  peak memory {ours_mem / 1e6:.0f} MB vs {base_mem / 1e6:.0f} MB")
    print(
        f"  floor: compose / CSafeLoader {floor_stats['median']:.3f} "
        f"({floor_stats['min']:.3f}-{floor_stats['max']:.3f})"
    )
    return {"validate / CSafeLoader": stats, "compose / CSafeLoader (floor)": floor_stats}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    run(args.questions, args.rounds)
