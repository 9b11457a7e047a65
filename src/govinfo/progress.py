"""A small progress bar for long batches, drawn on a terminal only.

The ``govinfo`` command shows one on standard error while it reads many files, and only when
standard error is a terminal: never in a pipe, a file or a CI log, and never when the output is
for machines (``--format json``). It appears after :attr:`Progress.delay` seconds, so quick runs
show nothing, and redraws at most every :attr:`Progress.interval` seconds.

Written here rather than taken from a library: it is forty lines, and the command is part of the
core package, whose only dependencies are attrs, cattrs and Babel.

>>> import io
>>> class Terminal(io.StringIO):
...     def isatty(self):
...         return True
>>> clock = iter([0.0, 1.0, 2.0, 3.0]).__next__
>>> screen = Terminal()
>>> with Progress(2, stream=screen, label="check", clock=clock, ascii=True) as bar:
...     bar.advance()
...     bar.advance()
>>> print(screen.getvalue().replace("\\r", "\\n").replace("\\x1b[K", ""))
<BLANKLINE>
check    1/2 [##########----------]  50% 1s, 1s left
<BLANKLINE>
check    2/2 [####################] 100% 2s
<BLANKLINE>
>>> Progress(-1)
Traceback (most recent call last):
...
ValueError: total must be >= 0, not -1
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

__all__ = ["Progress"]

_CLEAR = "\r\x1b[K"


class Progress:
    """Counts done out of ``total`` and draws a one-line bar on ``stream`` (default: stderr).

    ``enabled`` defaults to ``stream.isatty()``. A disabled bar writes nothing at all.
    """

    #: Seconds before the bar first appears.
    delay: float = 0.5
    #: Least seconds between two redraws.
    interval: float = 0.1
    #: Characters of the bar itself.
    width: int = 20

    def __init__(
        self,
        total: int,
        *,
        stream: TextIO | None = None,
        enabled: bool | None = None,
        label: str = "",
        clock: Callable[[], float] | None = None,
        ascii: bool | None = None,
    ) -> None:
        if total < 0:
            raise ValueError(f"total must be >= 0, not {total}")
        self.total = total
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.label = label
        self._clock = clock if clock is not None else time.monotonic
        self._start = self._clock() if enabled else 0.0
        self._last: float | None = None  # when the bar was last drawn
        self._shown = False
        if ascii is None:
            try:
                "█░".encode(getattr(self.stream, "encoding", None) or "ascii")
                ascii = False
            except (UnicodeEncodeError, LookupError):
                ascii = True
        self._fill, self._empty = ("#", "-") if ascii else ("█", "░")

    def line(self, elapsed: float) -> str:
        """The bar's text after ``elapsed`` seconds."""
        total = max(self.total, 1)
        filled = self.width * self.done // total
        digits = len(str(self.total))
        text = (
            f"{self.label} {self.done:>{digits}}/{self.total} "
            f"[{self._fill * filled}{self._empty * (self.width - filled)}] "
            f"{100 * self.done // total:3d}% {elapsed:.0f}s"
        )
        if 0 < self.done < self.total:
            left = elapsed / self.done * (self.total - self.done)
            text += f", {left:.0f}s left"
        return text.lstrip()

    def advance(self, n: int = 1) -> None:
        """Count ``n`` more done, and redraw if it is time to."""
        self.done += n
        if not self.enabled:
            return
        now = self._clock()
        elapsed = now - self._start
        if elapsed < self.delay:
            return
        if self._last is not None and now - self._last < self.interval and self.done < self.total:
            return
        self._last = now
        self._shown = True
        self.stream.write(_CLEAR + self.line(elapsed))
        self.stream.flush()

    def clear(self) -> None:
        """Erase the bar (before writing something else to the same terminal); the next
        :meth:`advance` draws it again."""
        if self._shown:
            self.stream.write(_CLEAR)
            self.stream.flush()
            self._shown = False
            self._last = None

    def close(self) -> None:
        """Erase the bar for good."""
        self.clear()
        self.enabled = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
