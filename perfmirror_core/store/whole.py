"""The whole database as tables of rows: what ``data export`` writes out and ``data import``
puts back. The file format and the checks of each value are the CLI's (``coach/exports``);
reading every table in one snapshot, building a database from rows whole or not at all, and
copying a live database file for ``backup``, are the store's.

An import is built in a private staging file at the export's schema version, every row
inserted and every reference checked, then migrated to the current schema and checked for
integrity; only then does it go in place: renamed into an empty data directory, or copied over
the live database in one transaction (readers see the old data or the new, never a mix).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InvalidInput, PerfMirrorError
from .database import SQLITE_HEADER, check_database, connect, prepare_database
from .migrations import current_version, migrate
from .staging import staging_file

Tables = dict[str, tuple[list[str], list[list[Any]]]]  # name -> (columns, rows)
BUSY_TIMEOUT_SECONDS = 30  # how long a copy waits for a writer to finish


@dataclass(frozen=True)
class DataExport:
    schema_version: int
    tables: Tables

    @property
    def row_count(self) -> int:
        return sum(len(rows) for _columns, rows in self.tables.values())


def not_a_data_export(source: str, problem: str) -> InvalidInput:
    """The one error every refused import file gets: the file, then what is wrong with it."""
    return InvalidInput("FILE", f"{source}: {problem}",
                        "a file written by `perfmirror data export --json`")


def _table_names(connection: sqlite3.Connection) -> list[str]:
    return [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]


def _columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]


def read_everything(home: Path | None = None) -> DataExport:
    """Every row of every table, in one read transaction (a consistent snapshot), in rowid
    order; the database is opened read-only and never created."""
    connection = connect(prepare_database(home, create=False), read_only=True)
    try:
        connection.execute("BEGIN")
        tables: Tables = {}
        for table in _table_names(connection):
            columns = _columns(connection, table)
            names = ", ".join(f'"{column}"' for column in columns)
            tables[table] = (columns, [list(row) for row in connection.execute(
                f'SELECT {names} FROM "{table}" ORDER BY rowid')])
        return DataExport(current_version(connection), tables)
    finally:
        connection.close()


def copy_database(source: Path, target: Path) -> int:
    """Snapshot the SQLite file ``source`` into a new, private ``target`` with the online backup
    API (one consistent copy even while another process writes; writers wait a moment) and
    return its schema version. A copy that fails its integrity check is refused."""
    reader = sqlite3.connect(source, timeout=BUSY_TIMEOUT_SECONDS)
    writer = sqlite3.connect(target)
    try:
        reader.backup(writer)
        verdict = writer.execute("PRAGMA integrity_check").fetchone()[0]
        version: int = writer.execute("PRAGMA user_version").fetchone()[0]
    finally:
        writer.close()
        reader.close()
    os.chmod(target, 0o600)
    if verdict != "ok":
        raise PerfMirrorError(f"the copy of {source.name} failed its integrity check "
                              f"({verdict}): nothing was written")
    return version


def is_sqlite_file(path: Path) -> bool:
    """Whether ``path`` starts as every SQLite database does (a backup copies those through
    ``copy_database``, everything else byte for byte)."""
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def row_count(path: Path) -> int:
    """How many rows the database at ``path`` holds (0 for a fresh, empty one)."""
    check_database(path)
    connection = connect(path, read_only=True)
    try:
        return sum(connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
                   for table in _table_names(connection))
    finally:
        connection.close()


def _fill(connection: sqlite3.Connection, export: DataExport, source: str) -> None:
    """Insert every row, then check every reference; one transaction."""
    expected = {table: _columns(connection, table) for table in _table_names(connection)}
    if set(export.tables) != set(expected):
        unknown = sorted(set(export.tables) - set(expected))
        missing = sorted(set(expected) - set(export.tables))
        detail = f"unknown tables {unknown}" if unknown else f"missing tables {missing}"
        raise not_a_data_export(source, f"{detail} for schema v{export.schema_version}")
    connection.execute("PRAGMA foreign_keys = OFF")  # rows may refer forward; checked below
    connection.execute("BEGIN")
    try:
        for table, (columns, rows) in sorted(export.tables.items()):
            if sorted(columns) != sorted(expected[table]):
                raise not_a_data_export(source, f"{table} has columns {columns}, schema "
                                                f"v{export.schema_version} has {expected[table]}")
            names = ", ".join(f'"{column}"' for column in columns)
            marks = ", ".join("?" for _ in columns)
            try:
                connection.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
                                       rows)
            except sqlite3.DatabaseError as error:
                raise not_a_data_export(source, f"{table}: {error}") from None
        broken = connection.execute("PRAGMA foreign_key_check").fetchone()
        if broken:
            table, rowid, parent, key = broken
            column = next(row[3] for row in connection.execute(
                f'PRAGMA foreign_key_list("{table}")') if row[0] == key)
            raise not_a_data_export(source, f"{table} row with id {rowid} column {column}: "
                                            f"refers to a missing {parent}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    finally:
        connection.execute("PRAGMA foreign_keys = ON")


def put_in_place(export: DataExport, target: Path, source: str) -> None:
    """Build the database from ``export`` in a staging file, check it whole, then swap it in
    at ``target`` (its values already checked by the caller, its tables and references here)."""
    with staging_file(target.parent) as staging:
        connection = connect(staging)
        try:
            migrate(connection, target=export.schema_version)
            _fill(connection, export, source)
            migrate(connection)
            if connection.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise not_a_data_export(source, "the imported database failed its integrity "
                                                "check")
            if target.exists():
                live = sqlite3.connect(target, timeout=BUSY_TIMEOUT_SECONDS)
                try:
                    connection.backup(live)
                finally:
                    live.close()
        finally:
            connection.close()
        if not target.exists():
            os.replace(staging, target)
