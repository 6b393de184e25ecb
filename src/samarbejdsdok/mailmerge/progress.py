"""The progress line on the terminal."""

from __future__ import annotations

import time
from typing import Any


class Progress:
    """``1.234/10.000 rækker  45,2/s  ca. 3 min tilbage`` on one terminal line."""

    def __init__(self, total: int | None, stream: Any) -> None:
        self.total = total
        self.stream = stream
        self.start = time.monotonic()
        self.last = 0.0
        self.done = 0
        self.shown = False

    def update(self, done: int) -> None:
        self.done = done
        now = time.monotonic()
        if now - self.last < 0.2 and done != self.total:
            return
        self.last = now
        elapsed = max(now - self.start, 1e-6)
        rate = done / elapsed
        text = f"{done:,}".replace(",", ".")
        if self.total:
            text += f"/{self.total:,}".replace(",", ".")
        text += " rækker  " + f"{rate:.1f}".replace(".", ",") + "/s"
        if self.total and rate > 0 and done < self.total:
            left = (self.total - done) / rate
            eta = f"{left / 60:.0f} min" if left >= 90 else f"{max(left, 1):.0f} s"
            text += f"  ca. {eta} tilbage"
        self.stream.write("\r" + text + "\x1b[K")
        self.stream.flush()
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
