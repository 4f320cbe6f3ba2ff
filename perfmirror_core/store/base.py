"""How every part of the store reaches the database: a read-only connection per read, one
transaction per write, both plain ``sqlite3``.

SQLModel would cost ~0.4 s of imports before the first row; ``log``, the command people run
most after ``status``, does one INSERT. So the store speaks SQL itself, in one style, and hands
the rest of the program plain frozen dataclasses (the core's, or the views beside each
aggregate). Nothing outside ``perfmirror_core.store`` sees a connection or writes SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from .database import connect, prepare_database, writable


class StoreBase:
    """The database file and the two ways in; the aggregates' mixins add the methods."""

    def __init__(self, home: Path | None = None, create: bool = True) -> None:
        """``create=False``: refuse (``NotInitialised``) rather than create a missing database.

        A database perf-mirror may not write is opened read-only: reads work, and a write
        fails with SQLite's "readonly database", which the CLI reports in one line.
        """
        self.path = prepare_database(home, create)

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A read-only connection (``mode=ro``): works on a home the person may only read, and
        no read can write by mistake. Rows come back as ``sqlite3.Row``."""
        connection = connect(self.path, read_only=True)
        connection.row_factory = sqlite3.Row
        try:
            yield connection
        finally:
            connection.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: everything in the block is stored, or, on any exception, nothing.

        ``BEGIN IMMEDIATE`` takes the write lock before the first read, so a check made inside
        the block (a name not yet used, a reference not yet imported) still holds at COMMIT.
        """
        connection = connect(self.path, read_only=not writable(self.path))
        connection.row_factory = sqlite3.Row
        try:
            connection.execute("BEGIN IMMEDIATE")
            yield connection
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        finally:
            connection.close()


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The id SQLite gave the row an INSERT just added."""
    if cursor.lastrowid is None:
        raise RuntimeError("the statement added no row")
    return cursor.lastrowid


def replace_row(connection: sqlite3.Connection, table: str, key: Mapping[str, object],
                values: Mapping[str, object]) -> None:
    """Set ``values`` on the row of ``table`` whose ``key`` columns hold ``key``'s values (None
    matches NULL: "every level"), or add that row. Weights, targets and a category's weekly
    expectation are each one row per scope; setting one twice replaces it, never doubles it.
    ``table`` and the column names come from the store's own code, never from input."""
    where = " AND ".join(f"{column} IS ?" for column in key)
    assignments = ", ".join(f"{column} = ?" for column in values)
    updated = connection.execute(
        f"UPDATE {table} SET {assignments} WHERE id = "
        f"(SELECT id FROM {table} WHERE {where} ORDER BY id LIMIT 1)",
        (*values.values(), *key.values()))
    if updated.rowcount == 0:
        columns = [*key, *values]
        connection.execute(f"INSERT INTO {table} ({', '.join(columns)}) "
                           f"VALUES ({', '.join('?' for _ in columns)})",
                           (*key.values(), *values.values()))
