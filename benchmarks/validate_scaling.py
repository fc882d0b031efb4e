"""Validation time and peak memory against file size and number of errors (spec §6).

Each case is a generated quiz file of one kind (valid; unknown keys; invalid questions;
questions with no type) and size (10 KB .. 1 MB). Each is validated in a fresh subprocess,
best of several rounds, so peak RSS is that one file's and not the run's; the baseline is
`yaml.load` with libyaml's C loader on the same file in the same kind of subprocess. The
table shows linear growth (microseconds per KB stay flat while errors grow a thousandfold)
and flags any file that is not answered in under 2 s (of CPU time: wall time on a shared
machine measures the other processes) and 200 MB.
Usage: python benchmarks/validate_scaling.py [--sizes 10,100,300,1000] [--rounds R]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

LIMIT_SECONDS, LIMIT_MB = 2.0, 200

HEAD = "id: big\ntitle: Big\nquestions:\n  - id: q0\n    type: true_false\n    prompt: P\n"
HEAD += "    answer: true\n"


def _valid(n: int) -> str:
    return f"  - id: q{n + 1}\n    type: true_false\n    prompt: Is {n} even?\n    answer: true\n"


def _unknown_key(n: int) -> str:
    return f"unknown_key_{n}: {n}\n"


def _invalid_question(n: int) -> str:
    return f"  - id: b{n}\n    type: single\n    prompt: P\n    options: 3\n    points: x\n"


def _untyped_question(n: int) -> str:
    return "  - {}\n"


# Each kind repeats one unit after a one-question quiz (an unknown key at the left margin
# is a key of the quiz itself).
KINDS: dict[str, Callable[[int], str]] = {
    "valid": _valid,
    "unknown keys": _unknown_key,
    "invalid questions": _invalid_question,
    "untyped questions": _untyped_question,
}

# Runs in the subprocess: prints {"seconds": best, "rss_mb": peak, "errors": count}.
CHILD = """
import json, resource, sys, time
from pathlib import Path
path, mode, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
if mode == "ours":
    from quizengine.loader import load_quiz_file
    def run():
        loaded = load_quiz_file(Path(path))
        return sum(d.severity == "error" for d in loaded.diagnostics), loaded.diagnostics
else:
    import yaml
    def run():
        with open(path, "rb") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)
        return 0, []
best, cpu, shown, last = float("inf"), float("inf"), 0, ""
for _ in range(rounds):
    start, start_cpu = time.perf_counter(), time.process_time()
    shown, diagnostics = run()
    best = min(best, time.perf_counter() - start)
    cpu = min(cpu, time.process_time() - start_cpu)
    last = diagnostics[-1].message if diagnostics else ""
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": best, "cpu": cpu, "rss_mb": rss, "shown": shown, "last": last}))
"""


def write_case(folder: Path, kind: str, size: int) -> tuple[Path, int]:
    """A file of about `size` bytes (never over), and how many units it repeats."""
    unit = KINDS[kind]
    parts, total, count = [HEAD], len(HEAD), 0
    while True:
        text = unit(count)
        if total + len(text) > size:
            break
        parts.append(text)
        total += len(text)
        count += 1
    path = folder / f"{kind.replace(' ', '-')}-{size}.yaml"
    path.write_text("".join(parts), encoding="utf-8")
    return path, count


def measure(path: Path, mode: str, rounds: int) -> dict[str, float | int | str]:
    env = dict(os.environ)
    src = str(Path(__file__).resolve().parents[1] / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), mode, str(rounds)],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        check=True,
    )
    result: dict[str, float | int | str] = json.loads(proc.stdout)
    return result


def _hidden(last: str) -> int:
    """The count in '... and 4,812 more problems ...' (0 when every problem was listed)."""
    if not last.startswith("... and "):
        return 0
    return int(last.split()[2].replace(",", ""))


def run(sizes: list[int] | None = None, rounds: int = 3) -> list[dict[str, object]]:
    sizes = sizes or [10, 100, 300, 1000]
    rows: list[dict[str, object]] = []
    header = (
        f"{'kind':<18} {'size':>8} {'errors':>8} {'seconds':>8} {'cpu s':>6} {'us/KB':>7} "
        f"{'peak MB':>8} {'safe_load s':>11} {'ratio':>6} {'MB ratio':>8}  ok"
    )
    print("validate scaling: one file per row, fresh subprocess, best of", rounds, "rounds")
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as tmp:
        for kind in KINDS:
            for size in sizes:
                path, _ = write_case(Path(tmp), kind, size * 1000)
                ours = measure(path, "ours", rounds)
                base = measure(path, "baseline", rounds)
                bytes_ = path.stat().st_size
                errors = int(ours["shown"]) + _hidden(str(ours["last"]))
                seconds, rss = float(ours["seconds"]), float(ours["rss_mb"])
                cpu = float(ours["cpu"])
                # Judged on CPU time: on a shared machine wall time mostly measures the others.
                ok = cpu < LIMIT_SECONDS and rss < LIMIT_MB
                row = {
                    "kind": kind,
                    "bytes": bytes_,
                    "errors": errors,
                    "seconds": seconds,
                    "cpu_seconds": cpu,
                    "rss_mb": rss,
                    "baseline_seconds": float(base["seconds"]),
                    "baseline_rss_mb": float(base["rss_mb"]),
                    "ok": ok,
                }
                rows.append(row)
                print(
                    f"{kind:<18} {bytes_ / 1000:>6.0f}KB {errors:>8,} {seconds:>8.3f} {cpu:>6.3f} "
                    f"{cpu * 1e6 / (bytes_ / 1000):>7.0f} {rss:>8.0f} "
                    f"{float(base['seconds']):>11.3f} {seconds / float(base['seconds']):>6.2f} "
                    f"{rss / float(base['rss_mb']):>8.2f}  {'yes' if ok else 'NO'}",
                    flush=True,
                )
    slow = [r for r in rows if not r["ok"]]
    print(f"load average when done: {os.getloadavg()[0]:.1f} (wall time is unreliable above 1)")
    print(
        f"limits: every file under {LIMIT_SECONDS:g} s of CPU and {LIMIT_MB} MB peak RSS: "
        + ("all met" if not slow else f"{len(slow)} case(s) over (see NO above)")
    )
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,100,300,1000", help="file sizes in KB")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    run([int(s) for s in args.sizes.split(",")], args.rounds)
