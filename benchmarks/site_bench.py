"""The course site's costs, each against a baseline measured in the same run.

1. Build time of a generated 100-page, 1,000-question site vs the same site with the quiz
   directives removed (target ratio <= 1.15).
2. Client JS + CSS size, gzipped (target <= 10 KB), and that a page without a quiz loads none.
3. Load to interactive of a 10-question page in headless Chromium vs the same page without
   the quiz (target ratio <= 1.10), read from each page's own timeline. Printed beside it:
   the same quiz page with the client's tags removed, which splits the cost into the quiz's
   markup (ten questions of form controls the browser must parse, style and lay out) and
   the client on top of it (fetching, running and mounting the JS and CSS).
Usage: python benchmarks/site_bench.py [--rounds R]  (R builds of each site, 5R page loads)
"""

from __future__ import annotations

import argparse
import functools
import gzip
import random
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import yaml

from quizengine.render import bundle

try:
    from .bank import WORDS, question
except ImportError:  # run as a script
    from bank import WORDS, question  # type: ignore[no-redef]

MKDOCS_YML = """\
site_name: Bench
site_url: http://127.0.0.1:{port}/
theme:
  name: material
  font: false
  features: [navigation.instant]
plugins:
  - search
  - quizengine
markdown_extensions:
  - admonition
  - tables
  - pymdownx.superfences
"""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _paragraph(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(60)]
    return " ".join(words).capitalize() + "."


def write_site(root: Path, *, pages: int, per_page: int, with_quizzes: bool, port: int = 0) -> Path:
    rng = random.Random(11)
    (root / "docs").mkdir(parents=True)
    (root / "quizzes").mkdir()
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(port=port))
    (root / "docs" / "index.md").write_text("# Bench\n\nGenerated pages.\n")
    for page in range(pages):
        quiz = {
            "id": f"quiz-{page}",
            "title": f"Quiz {page}",
            "questions": [question(rng, page * per_page + i) for i in range(per_page)],
        }
        (root / "quizzes" / f"quiz-{page}.yaml").write_text(yaml.safe_dump(quiz, sort_keys=False))
        body = "\n\n".join(_paragraph(rng) for _ in range(8))
        directive = f"\n\n::quiz{{#quiz-{page}}}\n" if with_quizzes else "\n"
        (root / "docs" / f"page-{page:03d}.md").write_text(
            f"# Page {page}\n\n## Section\n\n{body}\n\n## Practice\n{directive}"
        )
    return root


def build_seconds(root: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [str(Path(sys.executable).with_name("mkdocs")), "build", "-q", "-d", "site"],
        cwd=root,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def bench_build(rounds: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        quiz_site = write_site(Path(tmp) / "quiz", pages=100, per_page=10, with_quizzes=True)
        plain_site = write_site(Path(tmp) / "plain", pages=100, per_page=10, with_quizzes=False)
        build_seconds(quiz_site)  # warm caches on both sides
        build_seconds(plain_site)
        ours, base = [], []
        for _ in range(rounds):
            ours.append(build_seconds(quiz_site))
            base.append(build_seconds(plain_site))
    # The minimum of interleaved runs is the build with the least interference from other work
    # on the machine; the spread is printed so that interference can be seen, not hidden.
    ratio = min(ours) / min(base)
    print(f"build: 100 pages, 1,000 questions, fastest of {rounds} interleaved builds each")
    print(
        f"  with quizzes {min(ours):6.2f} s, directives removed {min(base):6.2f} s, "
        f"ratio {ratio:.3f} (target <= 1.15)"
    )
    spread = ", ".join(f"{a:.2f}/{b:.2f}" for a, b in zip(ours, base, strict=True))
    print(f"  every round, with/without: {spread}")
    return ratio


def bench_size() -> int:
    sizes = {name: len(gzip.compress(text.encode(), 9)) for name, text in bundle().items()}
    total = sum(sizes.values())
    listing = ", ".join(f"{name} {size:,} B" for name, size in sizes.items())
    print(f"client size, gzipped: {listing}; total {total:,} B (target <= 10,240 B)")
    return total


# Interactive = the load event has finished and, on a quiz page, the client has mounted every
# widget (its "qe:ready" mark). Read from the page's own timeline, so the time Playwright
# takes to poll and answer is not counted on either side.
INTERACTIVE = """() => Math.max(
  performance.getEntriesByType("navigation")[0].loadEventEnd,
  ...performance.getEntriesByName("qe:ready").slice(0, 1).map(m => m.startTime))"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a browser closing a connection early (a broken pipe) is not news here


def bench_load(rounds: int) -> float:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        handler = functools.partial(_Quiet, directory=str(root / "site"))
        server = _Server(("127.0.0.1", 0), handler)
        port = server.server_address[1]
        write_site(root, pages=2, per_page=10, with_quizzes=True, port=port)
        # page-001 keeps its quiz; page-000 is the same page with the directive removed
        plain = root / "docs" / "page-000.md"
        plain.write_text(plain.read_text().replace("::quiz{#quiz-0}", ""))
        build_seconds(root)
        site = root / "site"
        assert "assets/quizengine" not in (site / "page-000" / "index.html").read_text()
        # static/: page-001 as built, minus the client's <link> and <script> tags: the
        # quiz's markup without the code that makes it work, to isolate the client's share.
        quiz_html = (site / "page-001" / "index.html").read_text()
        client_tags = r"<(?:link|script)\b[^>]*assets/quizengine/[^>]*>(?:</script>)?"
        static = re.sub(client_tags, "", quiz_html)
        assert static != quiz_html and "assets/quizengine" not in static
        (site / "static").mkdir()
        (site / "static" / "index.html").write_text(static)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base_url = f"http://127.0.0.1:{port}/"
        times: dict[str, list[float]] = {"page-001": [], "page-000": [], "static": []}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for _ in range(rounds):
                for name, store in times.items():  # interleaved, so drift hits all three alike
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(f"{base_url}{name}/", wait_until="load")
                    if name == "page-001":
                        page.wait_for_function("performance.getEntriesByName('qe:ready').length")
                    store.append(page.evaluate(INTERACTIVE))
                    context.close()
            browser.close()
        server.shutdown()
    ours, base, markup = (statistics.median(v) for v in times.values())
    ratio = ours / base
    print(
        f"load to interactive ({rounds} loads each, medians): quiz page {ours:.0f} ms, "
        f"without the quiz {base:.0f} ms, ratio {ratio:.3f} (target <= 1.10)"
    )
    print(
        f"  the quiz's markup alone (client removed) {markup:.0f} ms: markup {markup / base:.3f}x, "
        f"client on top of it {ours / markup:.3f}x"
    )
    return ratio


def run(rounds: int = 5) -> dict[str, float]:
    return {
        "size": bench_size(),
        "build_ratio": bench_build(rounds),
        "load_ratio": bench_load(rounds * 5),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=textwrap.dedent(__doc__ or ""))
    parser.add_argument("--rounds", type=int, default=5)
    run(parser.parse_args().rounds)
