"""A progress bar on stderr for imports that take more than a second.

Drawn only on a terminal and only once a second has passed, so quick imports, pipes and
``--json`` output stay clean.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 30
DELAY = 1.0  # seconds before the bar appears


class ProgressBar:
    """``bar(done, total)`` redraws; ``finish()`` clears the line if anything was drawn."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.drawn = False
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if not self.stream.isatty() or now - self.started < DELAY or total <= 0:
            return
        if now - self.last < 0.1 and done < total:
            return  # redraw at most ten times a second
        self.last = now
        filled = WIDTH * min(done, total) // total
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (WIDTH - filled)}] "
                          f"{done}/{total}")
        self.stream.flush()
        self.drawn = True

    def finish(self) -> None:
        if self.drawn:
            self.stream.write("\r" + " " * (len(self.label) + WIDTH + 30) + "\r")
            self.stream.flush()
