"""Opening the database: private file, current schema, foreign keys on."""

from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from .migrations import migrate
from .paths import database_path, ensure_private_file


def connect(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection in autocommit mode (transactions are explicit)."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA foreign_keys = ON")
    return connection


def prepare_database(home: Path | None = None) -> Path:
    """Create the database 0600 if needed and migrate it to the latest schema."""
    path = ensure_private_file(database_path(home))
    connection = connect(path)
    try:
        migrate(connection)
    finally:
        connection.close()
    return path


@contextmanager
def opened(path: Path | None = None) -> Iterator[sqlite3.Connection]:
    """A connection closed on leaving the block (sqlite3's own ``with`` only commits).

    With no ``path``, the person's database, created and migrated first: reads that do not
    need a ``Store`` (``status``, the indicator commands, exports) start here without SQLModel.
    """
    connection = connect(prepare_database() if path is None else path)
    try:
        yield connection
    finally:
        connection.close()


def utc_timestamp() -> str:
    """When a row was written (``created_at``, ``updated_at``): UTC, to the second."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
