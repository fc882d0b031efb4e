"""Runs inside the Python being measured: one site's cold build, then warm rebuilds like `serve`.

Usage: python build_harness.py SITE_ROOT WARM_REBUILDS
Prints one JSON object: {"cold": cpu seconds, "warm": [cpu seconds, ...]}. CPU time of this
process, not wall time: what the build itself costs, far less disturbed by other work on a
2-core machine than wall time. Each warm rebuild follows `mkdocs serve` after an author saves
one page: a fresh config (plugins that keep state across rebuilds keep it), then a full build.
"""

from __future__ import annotations

import json
import logging
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config


def main(root: Path, rebuilds: int) -> None:
    logging.disable(logging.WARNING)
    site_dir = tempfile.mkdtemp(prefix="bench-site-")

    def config():  # type: ignore[no-untyped-def]
        return load_config(config_file=str(root / "mkdocs.yml"), site_dir=site_dir)

    start = time.process_time()
    first = config()
    first.plugins.on_startup(command="serve", dirty=False)
    build(first, serve_url="http://127.0.0.1:8000/")
    cold = time.process_time() - start
    page = root / "docs" / "page-000.md"
    warm = []
    for n in range(rebuilds):
        page.write_text(page.read_text() + f"\nEdited {n}.\n")
        start = time.process_time()
        build(config(), serve_url="http://127.0.0.1:8000/")
        warm.append(time.process_time() - start)
    print(json.dumps({"cold": cold, "warm": warm}))


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
