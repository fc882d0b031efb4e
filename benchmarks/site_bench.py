"""What the quiz plugin costs a site's build, and what the client costs in bytes.

1. Build: a generated 100-page site with 10 questions a page (1,000 questions, a quarter of
   their text formatted, so it really goes through Markdown), against the same pages with no
   quiz plugin and no directives at all. Cold: a whole `mkdocs build` process. Warm: a
   rebuild in `mkdocs serve` after an author saves one page. mkdocs-quiz (the nearest peer,
   same pages, same number of questions in its syntax) is measured in the same rounds when
   it installs. CPU seconds of the build process (what the build costs, and much less noisy
   than wall time on a shared 2-core machine); each round runs every variant in turn, and the
   ratio is taken per round and reported as the median with min-max. The floor is measured
   too: the same pages with every word of the questions written as ordinary Markdown and no
   plugin (what the words cost before any quiz behaviour). Bytecode is cached as a pip install
   leaves it (this machine sets PYTHONDONTWRITEBYTECODE; the benchmark's builds do not).
2. Client bytes, gzipped: what a quiz page without STAR loads, what a STAR page loads, and
   that a page without a quiz loads nothing.
Usage: python benchmarks/site_bench.py [--rounds R] [--no-peer]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from quizengine.render import bundle
from quizengine.render.assets import needed

try:
    from .peer import peer_python
    from .sites import write_site
except ImportError:  # run as a script
    from peer import peer_python  # type: ignore[no-redef]
    from sites import write_site  # type: ignore[no-redef]

HERE = Path(__file__).resolve().parent
DECISIONS = {"cold": 1.3, "warm": 1.1}
# Builds cache bytecode as a user's install does; the warm-up build writes it for every side.
_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def spread(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def cold_cpu(python: Path, root: Path) -> float:
    """CPU seconds (user + system) of one whole `mkdocs build` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [str(python), "-m", "mkdocs", "build", "-q", "-d", str(root / "site")],
        cwd=root,
        env=_ENV,
        check=True,
        capture_output=True,
        timeout=900,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def warm_cpu(python: Path, root: Path, rebuilds: int) -> float:
    """Median CPU seconds of `rebuilds` serve-style rebuilds after editing one page."""
    out = subprocess.run(
        [str(python), str(HERE / "build_harness.py"), str(root), str(rebuilds)],
        env=_ENV,
        check=True,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    return statistics.median(json.loads(out.stdout.strip().splitlines()[-1])["warm"])


def bench_build(rounds: int, *, peer: bool = True, pages: int = 100) -> dict[str, dict[str, float]]:
    here = Path(sys.executable)
    pythons = {"quizengine": here, "plain": here, "text": here}
    if peer and (other := peer_python()) is not None:
        pythons["mkdocs-quiz"] = other
    with tempfile.TemporaryDirectory() as tmp:
        roots = {v: write_site(Path(tmp) / v, v, pages=pages, per_page=10) for v in pythons}
        for variant, root in roots.items():  # warm the file cache on every side
            cold_cpu(pythons[variant], root)
        cold: dict[str, list[float]] = {v: [] for v in roots}
        warm: dict[str, list[float]] = {v: [] for v in roots}
        for _ in range(rounds):
            for variant, root in roots.items():
                cold[variant].append(cold_cpu(pythons[variant], root))
                warm[variant].append(warm_cpu(pythons[variant], root, 3))
    results: dict[str, dict[str, float]] = {}
    print(f"build: {pages} pages x 10 questions, CPU seconds, {rounds} interleaved rounds")
    for kind, series in (("cold", cold), ("warm", warm)):
        base = series["plain"]
        print(f"  {kind}: no plugin {statistics.median(base):.2f} s (median)")
        for variant in (v for v in series if v != "plain"):
            ratios = [a / b for a, b in zip(series[variant], base, strict=True)]
            stats = spread(ratios)
            label = "words as Markdown" if variant == "text" else variant
            results[f"build {kind} ({label})"] = stats
            print(
                f"    {variant:11s} {statistics.median(series[variant]):6.2f} s, ratio "
                f"{stats['median']:.2f} ({stats['min']:.2f}-{stats['max']:.2f})"
                + (f", decision <= {DECISIONS[kind]}" if variant == "quizengine" else "")
                + (" (the floor: the questions' words, no plugin)" if variant == "text" else "")
            )
        over = spread([a / b for a, b in zip(series["quizengine"], series["text"], strict=True)])
        results[f"build {kind}: quizengine over the floor"] = over
        print(
            f"    quizengine over the floor: {over['median']:.2f} "
            f"({over['min']:.2f}-{over['max']:.2f})"
        )
    return results


# The markers render/assets.py looks for, so each kind of page loads exactly what a real one does.
_PAGES = {
    "quiz page": '<section class="qe-quiz" data-qe="quiz"></section>',
    "STAR page": '<section data-qe="quiz"><div class="qe-q" data-type="star"></div></section>',
    "free-mode STAR page": (
        '<section data-qe="quiz"><div class="qe-q" data-type="star">'
        '<textarea data-k="text"></textarea></div></section>'
    ),
    "progress page": '<div class="qe-progress" data-qe="progress"></div>',
}
_BUDGETS = {"quiz page": 10_240, "STAR page": 16_384, "free-mode STAR page": 16_384 + 30_720}


def bench_size() -> dict[str, int]:
    """Gzipped bytes of the quiz client each kind of page loads (as `needed()` decides)."""
    sizes = {name: len(gzip.compress(text.encode(), 9)) for name, text in bundle().items()}
    print("client, gzipped: " + ", ".join(f"{name} {size:,} B" for name, size in sizes.items()))
    out = {}
    for page, html in _PAGES.items():
        files = needed(html)
        out[page] = sum(sizes[name] for name in files)
        budget = f" (decision <= {_BUDGETS[page]:,} B)" if page in _BUDGETS else ""
        print(f"  a {page} loads {out[page]:,} B: {', '.join(files)}{budget}")
    path = sizes["path.js"] + sizes["path.css"]
    print(f"  every module page also loads path.js and path.css: {path:,} B (decision <= 2,560 B)")
    print(
        "  a page outside the modules without a quiz loads nothing: "
        + str(needed("<p>prose</p>") == [])
    )
    return out


def run(rounds: int = 3, peer: bool = True) -> dict[str, object]:
    return {"size": bench_size(), "build": bench_build(rounds, peer=peer)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=textwrap.dedent(__doc__ or ""))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-peer", action="store_true", help="skip mkdocs-quiz")
    args = parser.parse_args()
    run(args.rounds, not args.no_peer)
