"""A one-line progress bar on stderr, standard library only.

Shown on a terminal (or when asked with `--progress`) for runs that last long enough to
need it: nothing is drawn in the first tenth of a second, then the bar is redrawn at most
ten times a second, so drawing never costs more than the work it reports on.
"""

from __future__ import annotations

import time
from typing import TextIO


class ProgressBar:
    """Call it with (done, total) as often as you like; `close()` ends the line."""

    def __init__(self, stream: TextIO, *, width: int = 30, interval: float = 0.1) -> None:
        self.stream = stream
        self.width = width
        self.interval = interval
        self.started = time.perf_counter()
        self._last = self.started
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        now = time.perf_counter()
        if now - self._last < self.interval and (done < total or not self._drawn):
            return  # between redraws, or a run so short that a bar would only flicker
        self._last = now
        filled = self.width * done // total if total else self.width
        rate = done / max(now - self.started, 1e-9)
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (self.width - filled)}] "
            f"{done:,}/{total:,} files  {rate:,.0f} files/s"
        )
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False
