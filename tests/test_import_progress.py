"""The import progress bar: on a terminal, only once an import has taken a second."""

from __future__ import annotations

import io

from coach.importers import progress
from coach.importers.progress import ProgressBar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_quick_import_draws_nothing_a_slow_one_draws_then_clears(monkeypatch):
    clock = iter([0.0, 0.5, 1.5, 1.7, 1.75])  # started, then one reading per call
    monkeypatch.setattr(progress.time, "monotonic", lambda: next(clock))
    stream = Terminal()
    bar = ProgressBar("Reading git", stream)
    bar(10, 100)  # at 0.5 s: too early to bother anyone
    assert stream.getvalue() == ""
    bar(50, 100)  # at 1.5 s
    assert stream.getvalue() == f"\rReading git [{'#' * 15}{'.' * 15}] 50/100"
    bar(60, 100)  # at 1.7 s: redrawn
    bar(61, 100)  # 50 ms later: not redrawn (at most ten a second)
    assert stream.getvalue().endswith("60/100")
    bar.finish()
    assert stream.getvalue().endswith("\r")


def test_no_bar_when_output_is_not_a_terminal(monkeypatch):
    monkeypatch.setattr(progress.time, "monotonic", iter([0.0, 5.0]).__next__)
    stream = io.StringIO()
    bar = ProgressBar("Reading docs", stream)
    bar(1, 2)
    bar.finish()
    assert stream.getvalue() == ""
