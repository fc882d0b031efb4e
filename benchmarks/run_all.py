"""Every benchmark in one run: `make bench`. Each prints its numbers beside a same-run baseline."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SUITE = [
    "validate_bench.py",
    "validate_scaling.py",
    "grading_bench.py",
    "star_bench.py",
    "site_bench.py",
    "report_bench.py",
]

if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    only = {Path(a).stem for a in sys.argv[1:]}
    for name in SUITE:
        if only and Path(name).stem not in only:
            continue
        print(f"\n=== {name}", flush=True)
        sys.argv = [name]  # each benchmark parses its own (default) options
        runpy.run_path(str(HERE / name), run_name="__main__")
