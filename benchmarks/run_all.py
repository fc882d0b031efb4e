"""Every benchmark in one run (`make bench`), then one table of ratios against the decisions.

Each benchmark prints its own numbers beside a baseline measured in the same run and returns
them; the table at the end puts each figure the project has a decision about beside it.
Usage: python benchmarks/run_all.py [NAME ...]   (e.g. `site_bench load_bench`)
"""

from __future__ import annotations

import inspect
import runpy
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SUITE = [
    "validate_bench.py",
    "validate_scaling.py",
    "grading_bench.py",
    "star_bench.py",
    "site_bench.py",
    "load_bench.py",
    "report_bench.py",
    "testwise_bench.py",
]
# metric -> (decision, unit). Ratios: lower is better; bytes: at most.
DECISIONS: dict[str, tuple[float, str]] = {
    "validate / CSafeLoader": (1.25, "x"),
    "build cold (quizengine)": (1.3, "x"),
    "build warm (quizengine)": (1.1, "x"),
    "quiz page": (10_240, "B gz"),
    "STAR page": (16_384, "B gz"),
    "free-mode STAR page": (47_104, "B gz"),
    "quizengine / markup only": (1.05, "x"),
    "quizengine / no quiz": (1.15, "x"),
}


def _flatten(results: dict[str, Any], out: dict[str, Any]) -> None:
    for key, value in results.items():
        if isinstance(value, dict) and "median" not in value:
            _flatten(value, out)
        else:
            out[key] = value


def table(figures: dict[str, Any]) -> str:
    rows = ["", "=== decisions", f"{'measure':34s} {'measured':>26s} {'decision':>12s}  verdict"]
    for name, (limit, unit) in DECISIONS.items():
        value = figures.get(name)
        if value is None:
            rows.append(f"{name:34s} {'not measured':>26s} {limit:>10,g} {unit:2s}")
            continue
        if isinstance(value, dict):
            shown = f"{value['median']:.3f} ({value['min']:.2f}-{value['max']:.2f})"
            median = value["median"]
        else:
            shown, median = f"{value:,}", value
        verdict = "meets" if median <= limit else "MISSES"
        rows.append(f"{name:34s} {shown:>26s} {limit:>10,g} {unit:2s}  {verdict}")
    # Beside the decisions: the nearest peer, and the floors (the same words with no plugin;
    # libyaml composing the nodes a position needs), so a miss can be told from a floor.
    for tag, word in (
        ("mkdocs-quiz", "peer"),
        ("(words as Markdown)", "floor"),
        ("compose", "floor"),
        ("over the floor", "over floor"),
    ):
        for name, value in figures.items():
            if tag in name and isinstance(value, dict):
                shown = f"{value['median']:.3f} ({value['min']:.2f}-{value['max']:.2f})"
                rows.append(f"{name:34s} {shown:>26s} {'':>13s}  {word}")
    return "\n".join(rows)


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    only = {Path(a).stem for a in sys.argv[1:]}
    figures: dict[str, Any] = {}
    for name in SUITE:
        if only and Path(name).stem not in only:
            continue
        print(f"\n=== {name}", flush=True)
        sys.argv = [name]  # each benchmark parses its own (default) options
        namespace = runpy.run_path(str(HERE / name), run_name="bench")
        run = namespace.get("run")
        takes_defaults = callable(run) and all(
            p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
            for p in inspect.signature(run).parameters.values()
        )
        if not takes_defaults:  # a script with its own command line: run it as one
            runpy.run_path(str(HERE / name), run_name="__main__")
            continue
        result = run()
        if isinstance(result, dict):
            _flatten(result, figures)
    print(table(figures))
