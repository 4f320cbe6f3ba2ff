"""Opening the database: private file, current schema, foreign keys on."""

from __future__ import annotations

import sqlite3
from pathlib import Path

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
