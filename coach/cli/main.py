"""The ``perfmirror`` command's entry point: parse, run one command, and turn every failure the
person can act on into one line on stderr with exit code 2.

Errors the person can act on (``PerfMirrorError``) are caught once, here; nothing is written when
they happen. Heavy modules (SQLModel for writes, rich for the card, litellm for chat) are imported
inside the commands that need them, so ``status --json`` and ``--help`` start fast.
"""

from __future__ import annotations

import sys
from typing import Sequence

from perfmirror_core.errors import PerfMirrorError

from .registry import build_parser


def _failure_line(error: BaseException) -> str | None:
    """One line for the failures of the world rather than of the input, or None if unknown.

    SQLite reports through sqlite3 (the store's reads) or, from a write through SQLModel, an
    SQLAlchemy wrapper whose ``orig`` is the sqlite3 error; matching on both keeps SQLAlchemy
    out of this module's imports.
    """
    import errno
    import sqlite3

    cause = getattr(error, "orig", None) or error
    text = str(cause).lower()
    if isinstance(cause, OSError) and cause.errno == errno.ENOSPC or "database or disk is full" \
            in text:
        return "the disk is full: nothing was changed (free some space and try again)"
    if isinstance(cause, OSError) and cause.errno in (errno.EACCES, errno.EPERM, errno.EROFS) \
            or "readonly database" in text:
        return ("cannot write your data directory (it is read-only); nothing was changed "
                "(read commands still work)")
    if "database is locked" in text:
        return "the database is busy with another perf-mirror command: try again in a moment"
    if isinstance(cause, sqlite3.DatabaseError):
        return (f"the database cannot be read ({cause}); nothing was changed (restore a backup "
                "with `perfmirror data import`)")
    if isinstance(cause, OSError) and cause.strerror:
        where = f": {str(cause.filename)[:120]}" if cause.filename else ""
        return f"{cause.strerror.lower()}{where}"
    return None


def _silence_stdout() -> None:
    """After the reader of a pipe went away (``perfmirror entries | head``): say nothing more,
    not even the interpreter's own complaint when it flushes stdout on exit."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _sweep_staging() -> None:
    """Remove what a crashed command left behind; cheap (one directory listing)."""
    from perfmirror_core.store.paths import data_home
    from perfmirror_core.store.staging import remove_abandoned_staging

    remove_abandoned_staging(data_home())


def main(argv: Sequence[str] | None = None) -> int:
    import os

    # Every file and folder perf-mirror (or a library it calls: chromadb, SQLite journals)
    # creates is the person's alone, whatever umask the shell had.
    os.umask(0o077)
    words = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(words)
    args = parser.parse_args(words)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    try:
        _sweep_staging()
        return args.handler(args)
    except PerfMirrorError as error:
        print(f"perfmirror: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except Exception as error:
        line = _failure_line(error)
        if line is None:
            raise
        print(f"perfmirror: error: {line}", file=sys.stderr)
        return 2
