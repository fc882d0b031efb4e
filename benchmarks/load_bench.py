"""Load to interactive of a 10-question quiz page in headless Chromium, in four variants.

- `no quiz`: the same page without its quiz (the baseline);
- `markup only`: the quiz page as built, minus the client's <script> tags: the quiz's
  markup and stylesheet, which the browser must parse, style and lay out, without the code
  that makes it work;
- `quizengine`: the page as built;
- `mkdocs-quiz`: the same page with the same number of questions from the nearest peer
  (when it installs).
Interactive = the load event has finished and, on a quizengine page, the client has mounted
every widget (its `qe:ready` mark), read from each page's own timeline so Playwright's
polling is not counted. Every round loads each variant once, in turn, in a fresh context;
ratios are taken per round against that round's baseline: median with min-max.
Usage: python benchmarks/load_bench.py [--rounds R] [--no-peer]
"""

from __future__ import annotations

import argparse
import functools
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

try:
    from .peer import peer_python
    from .sites import write_site
except ImportError:  # run as a script
    from peer import peer_python  # type: ignore[no-redef]
    from sites import write_site  # type: ignore[no-redef]

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DECISIONS = {"quizengine / markup only": 1.05, "quizengine / no quiz": 1.15}
INTERACTIVE = """() => Math.max(
  performance.getEntriesByType("navigation")[0].loadEventEnd,
  ...performance.getEntriesByName("qe:ready").slice(0, 1).map(m => m.startTime))"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a browser closing a connection early (a broken pipe) is not news here


def _build(python: Path, root: Path) -> Path:
    subprocess.run(
        [str(python), "-m", "mkdocs", "build", "-q", "-d", "site"],
        cwd=root,
        check=True,
        capture_output=True,
        timeout=600,
    )
    return root / "site"


def _sites(tmp: Path, port: int, peer: bool) -> dict[str, str]:
    """Build the variants under tmp/www and return each one's path on the server."""
    ours = write_site(tmp / "ours", "quizengine", pages=2, per_page=10, port=port)
    plain = ours / "docs" / "page-000.md"
    plain.write_text(plain.read_text().replace("::quiz{#quiz-0}", ""))
    site = _build(Path(sys.executable), ours)
    www = tmp / "www"
    www.mkdir()
    site.rename(www / "ours")
    quiz_html = (www / "ours" / "page-001" / "index.html").read_text()
    assert "assets/quizengine" not in (www / "ours" / "page-000" / "index.html").read_text()
    scripts = r"<script\b[^>]*assets/quizengine/[^>]*></script>"
    markup = re.sub(scripts, "", quiz_html)
    assert "quizengine.js" not in markup and "quizengine.css" in markup
    (www / "ours" / "markup").mkdir()
    (www / "ours" / "markup" / "index.html").write_text(markup)
    paths = {
        "no quiz": "ours/page-000/",
        "markup only": "ours/markup/",
        "quizengine": "ours/page-001/",
    }
    if peer and (python := peer_python()) is not None:
        theirs = write_site(tmp / "theirs", "mkdocs-quiz", pages=2, per_page=10, port=port)
        _build(python, theirs).rename(www / "theirs")
        paths["mkdocs-quiz"] = "theirs/page-001/"
    return paths


def bench_load(rounds: int, *, peer: bool = True) -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        handler = functools.partial(_Quiet, directory=str(tmp / "www"))
        server = _Server(("127.0.0.1", 0), handler)
        port = server.server_address[1]
        paths = _sites(tmp, port, peer)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        times: dict[str, list[float]] = {name: [] for name in paths}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for _ in range(rounds + 1):  # the first round warms caches and is dropped
                for name, path in paths.items():
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(f"http://127.0.0.1:{port}/{path}", wait_until="load")
                    if name == "quizengine":
                        page.wait_for_function("performance.getEntriesByName('qe:ready').length")
                    times[name].append(page.evaluate(INTERACTIVE))
                    context.close()
            browser.close()
        server.shutdown()
    times = {name: values[1:] for name, values in times.items()}
    print(f"load to interactive, {rounds} interleaved rounds (medians, ms):")
    print("  " + ", ".join(f"{n} {statistics.median(v):.0f}" for n, v in times.items()))
    results: dict[str, dict[str, float]] = {}
    pairs = [("quizengine", "markup only"), ("quizengine", "no quiz"), ("markup only", "no quiz")]
    pairs += [("mkdocs-quiz", "no quiz")] if "mkdocs-quiz" in times else []
    for top, bottom in pairs:
        ratios = [a / b for a, b in zip(times[top], times[bottom], strict=True)]
        key = f"{top} / {bottom}"
        results[key] = {"median": statistics.median(ratios), "min": min(ratios), "max": max(ratios)}
        decision = f", decision <= {DECISIONS[key]}" if key in DECISIONS else ""
        stats = results[key]
        print(
            f"  {key:26s} {stats['median']:.3f} ({stats['min']:.3f}-{stats['max']:.3f}){decision}"
        )
    return results


def run(rounds: int = 25, peer: bool = True) -> dict[str, object]:
    return {"load": bench_load(rounds, peer=peer)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=textwrap.dedent(__doc__ or ""))
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("--no-peer", action="store_true", help="skip mkdocs-quiz")
    args = parser.parse_args()
    run(args.rounds, not args.no_peer)
