"""Errors the person can act on.

Every bad input becomes an ``InvalidInput`` naming the field and what is allowed. It is raised
deep inside the core and caught once at the edge (CLI, REPL, tool dispatcher), which turns it into
one line on stderr or a tool error for the model.
"""

from __future__ import annotations


class PerfMirrorError(Exception):
    """Base class for errors perf-mirror reports to the person as one line."""


class InvalidInput(PerfMirrorError, ValueError):
    """A value the person (or the model) gave that perf-mirror cannot accept."""

    def __init__(self, field: str, problem: str, allowed: str | None = None) -> None:
        self.field = field
        self.problem = problem
        self.allowed = allowed
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.field}: {self.problem}"
        if self.allowed:
            text += f" (allowed: {self.allowed})"
        return text


class NotInitialised(PerfMirrorError):
    """The data directory has no profile yet."""

    def __init__(self) -> None:
        super().__init__("no profile yet: run `perfmirror init --role IC --level 4` first")


class DatabaseProblem(PerfMirrorError):
    """The database file cannot be used as it is: empty, not SQLite, damaged or too new.

    Never "fixed" by starting afresh: the file may be the only copy of years of records, so
    perf-mirror refuses, says what it found, and leaves the file exactly as it was.
    """

    def __init__(self, path: object, problem: str) -> None:
        super().__init__(f"{path} {problem}; nothing was changed (restore a backup with "
                         "`perfmirror data import`, or move the file away to start afresh)")
