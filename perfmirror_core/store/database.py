"""Opening the database: private file, current schema, foreign keys on, damage refused.

Only ``init`` (and ``data import`` / ``demo``, into their own folders) may create a database;
every other command finds none and says "run init". A file that is there but does not look like
a perf-mirror database (zero bytes, not SQLite, a newer schema) is refused in one line and left
untouched: it is never mistaken for a new, empty one. Reads open the file read-only, so a
read-only home still shows status, entries and exports.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from ..errors import DatabaseProblem, NotInitialised, PerfMirrorError
from .migrations import current_version, latest_version, migrate, newer_schema
from .paths import database_path, ensure_private_dir
from .staging import staging_file

SQLITE_HEADER = b"SQLite format 3\x00"


def connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    """A plain sqlite3 connection in autocommit mode (transactions are explicit).

    ``read_only`` opens with ``mode=ro``: no write lock, no journal, works without write access.
    """
    if read_only:
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True,
                                     isolation_level=None)
    else:
        connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def writable(path: Path) -> bool:
    """Whether perf-mirror may write ``path`` (SQLite also needs its folder for the journal)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def check_database(path: Path) -> int:
    """The schema version of the perf-mirror database at ``path``, or a ``DatabaseProblem``."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseProblem(path, f"cannot be read ({error.strerror})") from None
    if not header:
        raise DatabaseProblem(path, "is empty (0 bytes), not a perf-mirror database")
    if header != SQLITE_HEADER:
        raise DatabaseProblem(path, "is not an SQLite database")
    _finish_interrupted_write(path)
    try:
        connection = connect(path, read_only=True)
        try:
            version = current_version(connection)
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseProblem(path, f"is damaged ({error})") from None
    if version > latest_version():
        raise newer_schema(version, path)
    return version


def _finish_interrupted_write(path: Path) -> None:
    """Roll back a write that a crash (kill -9, power cut) left half done.

    SQLite keeps the pages a transaction overwrites in ``NAME-journal`` and restores them on the
    next read-write open. A read-only open cannot, and fails with "attempt to write a readonly
    database": the whole, old data looked damaged, and the person was told to restore a backup
    or move the file away. A read-write open that reads one row restores it; without write
    access the problem is named for what it is."""
    journal = path.with_name(path.name + "-journal")
    try:
        interrupted = journal.stat().st_size > 0
    except OSError:
        return
    if not interrupted:
        return
    if not writable(path):
        raise DatabaseProblem(path, "has a write a crash left unfinished, and rolling it back "
                                    "needs write access to the file and its folder")
    try:
        connection = connect(path)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise DatabaseProblem(path, f"is damaged ({error})") from None


def _create(path: Path) -> None:
    """Build the database beside ``path`` and link it in whole: never a half-made file."""
    with staging_file(path.parent) as staging:
        connection = connect(staging)
        try:
            migrate(connection)
        finally:
            connection.close()
        try:
            os.link(staging, path)  # fails if another process created it meanwhile: keep theirs
        except FileExistsError:
            pass


def prepare_database(home: Path | None = None, create: bool = True) -> Path:
    """The checked database path, migrated to the latest schema when it may be written.

    ``create=False`` (every command but ``init``) refuses a missing database with
    ``NotInitialised`` and writes nothing at all.
    """
    path = database_path(home)
    if not path.exists():
        if not create:
            raise NotInitialised()
        ensure_private_dir(path.parent)
        _create(path)
    version = check_database(path)
    if version < latest_version():
        if not writable(path):
            raise PerfMirrorError(f"{path} has schema v{version} and needs a one-time upgrade "
                                  f"to v{latest_version()}, but it is read-only: make it "
                                  "writable for one command; nothing was changed")
        connection = connect(path)
        try:
            migrate(connection)
        finally:
            connection.close()
    return path


def utc_timestamp() -> str:
    """When a row was written (``created_at``, ``updated_at``): UTC, to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")
