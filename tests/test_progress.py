"""The progress bar: drawn on a terminal only, after a delay, throttled, erased at the end."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from govinfo import cli
from govinfo.progress import Progress

DATA = Path(__file__).parent / "data"


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    encoding = "utf-8"

    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_nothing_on_a_pipe_or_a_file() -> None:
    pipe = io.StringIO()
    bar = Progress(3, stream=pipe)
    assert not bar.enabled
    for _ in range(3):
        bar.advance()
    bar.close()
    assert pipe.getvalue() == ""


def test_drawn_on_a_terminal_after_the_delay_and_throttled() -> None:
    screen, clock = Terminal(), Clock()
    bar = Progress(100, stream=screen, label="check", clock=clock)
    assert bar.enabled
    clock.now = 0.2
    bar.advance()  # before the delay: nothing
    assert screen.getvalue() == ""
    clock.now = 0.6
    bar.advance()
    assert screen.getvalue() == "\r\x1b[Kcheck   2/100 [░░░░░░░░░░░░░░░░░░░░]   2% 1s, 29s left"
    clock.now = 0.65
    bar.advance()  # within 0.1 s of the last draw: nothing new
    assert screen.getvalue().count("\r") == 1
    clock.now = 10.0
    bar.advance(97)  # the last one is always drawn
    assert screen.getvalue().endswith("\r\x1b[Kcheck 100/100 [████████████████████] 100% 10s")
    bar.close()
    assert screen.getvalue().endswith("\r\x1b[K")  # erased


def test_clear_erases_then_the_next_advance_redraws() -> None:
    screen, clock = Terminal(), Clock()
    bar = Progress(10, stream=screen, clock=clock, ascii=True)
    clock.now = 1.0
    bar.advance()
    bar.clear()
    assert screen.getvalue().endswith("\r\x1b[K")
    clock.now = 1.01
    bar.advance()  # redrawn at once after a clear, whatever the interval
    assert screen.getvalue().endswith("2/10 [####----------------]  20% 1s, 4s left")


def test_ascii_on_a_terminal_that_cannot_show_blocks() -> None:
    class Latin1Terminal(Terminal):
        encoding = "latin-1"

    bar = Progress(2, stream=Latin1Terminal())
    assert (bar._fill, bar._empty) == ("#", "-")


def test_forced_off_on_a_terminal() -> None:
    screen, clock = Terminal(), Clock()
    bar = Progress(2, stream=screen, enabled=False, clock=clock)
    clock.now = 5.0
    bar.advance()
    assert screen.getvalue() == ""


def run_check(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    """``govinfo check`` in this process, its stderr a (fake) terminal and a clock that runs fast."""
    screen, out = Terminal(), io.StringIO()
    ticks = iter(range(10_000))
    monkeypatch.setattr("govinfo.progress.time.monotonic", lambda: float(next(ticks)))
    monkeypatch.setattr(sys, "stderr", screen)
    monkeypatch.setattr(sys, "stdout", out)
    code = cli.main(["check", *args])
    return code, out.getvalue(), screen.getvalue()


def test_check_shows_progress_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    files = [str(DATA / "linping-education-2023.json"), str(DATA / "linping-education-2023.txt")]
    code, out, err = run_check(monkeypatch, *files)
    assert code == 0
    assert "check 2/2 [" in err
    assert err.endswith("\r\x1b[K")
    assert "\r" not in out  # the bar never goes to stdout


def test_check_json_never_shows_progress(monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, err = run_check(monkeypatch, str(DATA / "linping-education-2023.json"), "--format", "json")
    assert code == 0
    assert err == ""
    assert out.count("\n") == 1


def test_no_progress_option(monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run_check(monkeypatch, str(DATA / "linping-education-2023.json"), "--no-progress")
    assert code == 0
    assert err == ""
