"""The course site's costs, each against a baseline measured in the same run.

1. Build time of a generated 100-page, 1,000-question site vs the same site with the quiz
   directives removed (target ratio <= 1.15).
2. Client JS + CSS size, gzipped (target <= 10 KB), and that a page without a quiz loads none.
3. Load to interactive of a 10-question page in headless Chromium vs the same page without
   the quiz (target ratio <= 1.10).
Usage: python benchmarks/site_bench.py [--rounds R]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import random
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
    ratio = min(ours) / min(base)
    print("build: 100 pages, 1,000 questions")
    print(
        f"  with quizzes {min(ours):6.2f} s, directives removed {min(base):6.2f} s, "
        f"ratio {ratio:.3f} (target <= 1.15)"
    )
    return ratio


def bench_size() -> int:
    sizes = {name: len(gzip.compress(text.encode(), 9)) for name, text in bundle().items()}
    total = sum(sizes.values())
    listing = ", ".join(f"{name} {size:,} B" for name, size in sizes.items())
    print(f"client size, gzipped: {listing}; total {total:,} B (target <= 10,240 B)")
    return total


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def bench_load(rounds: int) -> float:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        handler = functools.partial(_Quiet, directory=str(root / "site"))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        port = server.server_address[1]
        write_site(root, pages=2, per_page=10, with_quizzes=True, port=port)
        # page-001 keeps its quiz; page-000 is the same page with the directive removed
        plain = root / "docs" / "page-000.md"
        plain.write_text(plain.read_text().replace("::quiz{#quiz-0}", ""))
        build_seconds(root)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base_url = f"http://127.0.0.1:{port}/"
        assert "assets/quizengine" not in (root / "site" / "page-000" / "index.html").read_text()
        ours, base = [], []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            for _ in range(rounds):
                for url, store, ready in (
                    (base_url + "page-001/", ours, "document.querySelector('[data-qe-on]')"),
                    (base_url + "page-000/", base, "true"),
                ):
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(url, wait_until="load")
                    page.wait_for_function(ready)
                    store.append(page.evaluate("performance.now()"))
                    context.close()
            browser.close()
        server.shutdown()
    ratio = statistics.median(ours) / statistics.median(base)
    print(
        f"load to interactive: quiz page {statistics.median(ours):.0f} ms, "
        f"without quiz {statistics.median(base):.0f} ms, ratio {ratio:.3f} (target <= 1.10)"
    )
    return ratio


def run(rounds: int = 3) -> dict[str, float]:
    return {
        "size": bench_size(),
        "build_ratio": bench_build(rounds),
        "load_ratio": bench_load(max(5, rounds * 5)),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=textwrap.dedent(__doc__ or ""))
    parser.add_argument("--rounds", type=int, default=3)
    run(parser.parse_args().rounds)
