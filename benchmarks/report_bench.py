"""Results-analysis throughput: `collect` + `analyse` over exported response files, files/second.

The baseline in the same run is the least any reader must do with the same files: open each
one, read it and `json.loads` it. The ratio shows what validation, re-grading, de-duplication
and the statistics cost on top of that. Rendering the HTML is timed apart (it does not grow
with the number of files, only with the number of questions).
Usage: python benchmarks/report_bench.py [--files N] [--repeat R]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from quizengine import load_quiz
from quizengine.loader import load_paths
from quizengine.report import analyse, collect, render_html, simulate_class

ROOT = Path(__file__).resolve().parents[1]


def best_of(repeat: int, work: Callable[[], object]) -> tuple[float, float]:
    """Fastest wall-clock and CPU seconds over `repeat` runs.

    CPU time is printed too because it hardly moves when other programs load the machine,
    so the ratio stays comparable between runs; wall time is what an instructor waits.
    """
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus)


def baseline(folder: str) -> int:
    count = 0
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), "rb") as handle:
            json.loads(handle.read())
        count += 1
    return count


def run(files: int = 10_000, repeat: int = 3) -> dict[str, float]:
    quiz = load_quiz(ROOT / "quizzes" / "benefits" / "research.yaml")
    quizzes = {q.id: q for q in load_paths([ROOT / "quizzes"]).quizzes}
    with tempfile.TemporaryDirectory() as tmp:
        for index, response in enumerate(simulate_class(quiz, files, seed=7)):
            Path(tmp, f"{index:06d}.json").write_bytes(json.dumps(response).encode())
        baseline(tmp)  # warm the page cache so both sides read from memory

        def engine() -> None:
            results, _ = collect([tmp], quizzes)
            analyse(results, quizzes)

        base = best_of(repeat, lambda: baseline(tmp))
        ours = best_of(repeat, engine)
        results, _ = collect([tmp], quizzes)
        analysis = analyse(results, quizzes)
        analyse_only = best_of(repeat, lambda: analyse(results, quizzes))[0]
        render = best_of(repeat, lambda: render_html(analysis))[0]
    out = {"baseline": files / base[0], "collect+analyse": files / ours[0]}
    print(f"report bench: {files:,} response files of quiz '{quiz.id}', best of {repeat}")
    print(f"  {'files/s':<30} {'wall':>10} {'cpu':>10}")
    for label, (wall, cpu) in (("read + json.loads (baseline)", base), ("collect + analyse", ours)):
        print(f"  {label:<30} {files / wall:>10,.0f} {files / cpu:>10,.0f}")
    print(
        f"  ratio: collect + analyse takes {ours[0] / base[0]:.1f}x the baseline's wall time "
        f"({ours[1] / base[1]:.1f}x its CPU time)"
    )
    print(f"  of which analyse: {analyse_only * 1000:.0f} ms; render_html: {render * 1000:.0f} ms")
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    run(options.files, options.repeat)
