"""The nearest peer, mkdocs-quiz, in a virtual environment of its own (never in the project's).

Installed on first use into `.cache/bench/mkdocs-quiz/` with the same MkDocs and Material
versions as the project's lock, so the two plugins are measured on the same theme. When the
install fails (no network, a release that no longer installs), the benchmarks say so and
measure without the peer.
"""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEER = "mkdocs-quiz==1.7.1"
VENV = ROOT / ".cache" / "bench" / "mkdocs-quiz"


def peer_python() -> Path | None:
    """The peer venv's python, installing it when missing; None when it cannot be had."""
    python = VENV / "bin" / "python"
    stamp = VENV / ".installed"
    if stamp.exists():
        return python
    same_theme = [f"{name}=={metadata.version(name)}" for name in ("mkdocs", "mkdocs-material")]
    try:
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True, timeout=300)
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "--no-input", PEER, *same_theme],
            check=True,
            timeout=900,
            capture_output=True,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        print(f"  (mkdocs-quiz could not be installed, so it is not measured: {exc})")
        return None
    stamp.touch()
    return python
