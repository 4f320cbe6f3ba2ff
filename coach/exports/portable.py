"""``perfmirror data export --json`` and ``data import``: all your data as one JSON file.

This is not a sharing export: it is your own complete copy, so nothing is redacted (private
records, struggles, notes and chat transcripts are all in it). The format (version 1)::

    {
      "format": "perfmirror-data",
      "format_version": 1,
      "schema_version": 4,            // PRAGMA user_version of the database it came from
      "tables": {                     // every table, by name, in alphabetical order
        "activity_entry": {
          "columns": ["id", "category_id", "week", ...],   // as in the SQL schema
          "rows": [[1, 12, "2026-W40", ...], ...]          // in rowid order
        },
        ...
      }
    }

Values are JSON numbers, strings or null, exactly as SQLite stores them (booleans are 0/1,
lists such as tags or synonyms are JSON text). The tables and columns are those of
``perfmirror_core/store/migrations`` up to ``schema_version``.

Import builds the database from the file in a private staging file at the file's schema
version, checks every row and every reference, migrates it to the current schema, and only
then puts it in place (into an empty data directory, or with ``--replace`` over the current
data in one transaction). A bad file changes nothing and is reported in one line. Exporting,
importing into a fresh data directory and exporting again gives the identical file.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from perfmirror_core.errors import InvalidInput, PerfMirrorError
from perfmirror_core.store.database import check_database, connect, prepare_database
from perfmirror_core.store.migrations import current_version, latest_version, migrate
from perfmirror_core.store.paths import database_path
from perfmirror_core.store.staging import staging_file

from .import_values import check_values
from .ownership import MEMORY_NAME

DATA_FORMAT = "perfmirror-data"
DATA_FORMAT_VERSION = 1


@dataclass(frozen=True)
class DataExport:
    schema_version: int
    tables: dict[str, tuple[list[str], list[list[Any]]]]

    @property
    def row_count(self) -> int:
        return sum(len(rows) for _columns, rows in self.tables.values())


# -- export ----------------------------------------------------------------------------------


def _table_names(connection: sqlite3.Connection) -> list[str]:
    return [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]


def _columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]


def read_database(connection: sqlite3.Connection) -> DataExport:
    """Every row of every table, in one read transaction (a consistent snapshot)."""
    connection.execute("BEGIN")
    try:
        tables = {}
        for table in _table_names(connection):
            columns = _columns(connection, table)
            names = ", ".join(f'"{column}"' for column in columns)
            rows = [list(row) for row in
                    connection.execute(f'SELECT {names} FROM "{table}" ORDER BY rowid')]
            tables[table] = (columns, rows)
        return DataExport(current_version(connection), tables)
    finally:
        connection.execute("COMMIT")


def export_json(export: DataExport) -> str:
    """The JSON text: one row per line, so a person can read it and diff two exports."""
    def dump(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    lines = ["{", f'  "format": {dump(DATA_FORMAT)},',
             f'  "format_version": {DATA_FORMAT_VERSION},',
             f'  "schema_version": {export.schema_version},', '  "tables": {']
    names = sorted(export.tables)
    for position, table in enumerate(names):
        columns, rows = export.tables[table]
        lines.append(f"    {dump(table)}: {{")
        lines.append(f'      "columns": {dump(columns)},')
        if rows:
            lines.append('      "rows": [')
            lines += [f"        {dump(row)}{',' if i < len(rows) - 1 else ''}"
                      for i, row in enumerate(rows)]
            lines.append("      ]")
        else:
            lines.append('      "rows": []')
        lines.append("    }" + ("," if position < len(names) - 1 else ""))
    lines += ["  }", "}"]
    return "\n".join(lines) + "\n"


def export_data(home: Path | None = None) -> str:
    connection = connect(prepare_database(home, create=False), read_only=True)
    try:
        return export_json(read_database(connection))
    finally:
        connection.close()


# -- import ----------------------------------------------------------------------------------


def _bad(source: str, problem: str) -> InvalidInput:
    return InvalidInput("FILE", f"{source}: {problem}",
                        "a file written by `perfmirror data export --json`")


def parse_export(text: str, source: str, today: date) -> DataExport:
    """Check the file's shape, versions and every value (``import_values``, weeks up to the
    week of ``today``); raises one clear ``InvalidInput``."""
    try:
        payload = json.loads(text)
    except ValueError as error:
        raise _bad(source, f"not JSON ({error})") from None
    except RecursionError:
        raise _bad(source, "not a data export (nested too deeply to read)") from None
    if not isinstance(payload, dict) or payload.get("format") != DATA_FORMAT:
        raise _bad(source, "not a perf-mirror data export (no \"format\": "
                           f"\"{DATA_FORMAT}\")")
    if payload.get("format_version") != DATA_FORMAT_VERSION:
        raise _bad(source, f"format version {payload.get('format_version')!r} is not one this "
                           f"perf-mirror reads ({DATA_FORMAT_VERSION})")
    version = payload.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _bad(source, f"schema_version {version!r} is not a schema version")
    if version > latest_version():
        raise PerfMirrorError(f"{source} has schema v{version}, newer than this perf-mirror "
                              f"(v{latest_version()}): upgrade perf-mirror to import it")
    tables = payload.get("tables")
    if not isinstance(tables, dict):
        raise _bad(source, "\"tables\" is missing")
    parsed = {}
    for name, table in tables.items():
        if not isinstance(table, dict) or not isinstance(table.get("columns"), list) or \
                not isinstance(table.get("rows"), list):
            raise _bad(source, f"table {name!r} needs \"columns\" and \"rows\" lists")
        columns, rows = table["columns"], table["rows"]
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, list) or len(row) != len(columns):
                raise _bad(source, f"{name} row {number} does not have {len(columns)} values")
            for value in row:
                if isinstance(value, bool) or not isinstance(value, (int, float, str,
                                                                     type(None))):
                    raise _bad(source, f"{name} row {number}: {json.dumps(value)} is not a "
                                       "number, text or null")
        parsed[name] = (columns, rows)
    check_values(parsed, today, source)
    return DataExport(version, parsed)


def read_export(path: Path, today: date) -> DataExport:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise _bad(str(path), f"cannot be read ({getattr(error, 'strerror', None) or error})") \
            from None
    return parse_export(text, str(path), today)


def _fill(connection: sqlite3.Connection, export: DataExport, source: str) -> None:
    """Insert every row, then check every reference; one transaction."""
    expected = {table: _columns(connection, table) for table in _table_names(connection)}
    if set(export.tables) != set(expected):
        unknown = sorted(set(export.tables) - set(expected))
        missing = sorted(set(expected) - set(export.tables))
        detail = f"unknown tables {unknown}" if unknown else f"missing tables {missing}"
        raise _bad(source, f"{detail} for schema v{export.schema_version}")
    connection.execute("PRAGMA foreign_keys = OFF")  # rows may refer forward; checked below
    connection.execute("BEGIN")
    try:
        for table, (columns, rows) in sorted(export.tables.items()):
            if sorted(columns) != sorted(expected[table]):
                raise _bad(source, f"{table} has columns {columns}, schema "
                                   f"v{export.schema_version} has {expected[table]}")
            names = ", ".join(f'"{column}"' for column in columns)
            marks = ", ".join("?" for _ in columns)
            try:
                connection.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
                                       rows)
            except sqlite3.DatabaseError as error:
                raise _bad(source, f"{table}: {error}") from None
        broken = connection.execute("PRAGMA foreign_key_check").fetchone()
        if broken:
            table, rowid, parent, key = broken
            column = next(row[3] for row in connection.execute(
                f'PRAGMA foreign_key_list("{table}")') if row[0] == key)
            raise _bad(source, f"{table} row with id {rowid} column {column}: refers to a "
                               f"missing {parent}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    finally:
        connection.execute("PRAGMA foreign_keys = ON")


def row_count(path: Path) -> int:
    """How many rows the database at ``path`` holds (0 for a fresh, empty one)."""
    check_database(path)
    connection = connect(path, read_only=True)
    try:
        return sum(connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
                   for table in _table_names(connection))
    finally:
        connection.close()


def import_data(export: DataExport, home: Path, source: str, replace: bool = False) -> None:
    """Put ``export`` (checked by ``parse_export``) in ``home``: an empty one, or replacing
    its data when ``replace``. A refusal into a fresh home leaves no folder behind."""
    target = database_path(home)
    existing = row_count(target) if target.exists() else 0
    if existing and not replace:
        raise PerfMirrorError(f"{home} already holds your data ({existing} rows): import into "
                              "an empty data directory, or use --replace (back up first with "
                              "`perfmirror backup FILE`)")
    fresh = not home.exists()
    try:
        _build_in_place(export, target, source)
    except BaseException:
        if fresh and home.is_dir() and not any(home.iterdir()):
            home.rmdir()  # a refused import into a fresh home leaves no trace of it
        raise
    # The vector index was built from the old rows; without it, the next use rebuilds it.
    shutil.rmtree(home / MEMORY_NAME, ignore_errors=True)


def _build_in_place(export: DataExport, target: Path, source: str) -> None:
    """Build the database in a staging file, check it whole, then swap it in."""
    with staging_file(target.parent) as staging:
        connection = connect(staging)
        try:
            migrate(connection, target=export.schema_version)
            _fill(connection, export, source)
            migrate(connection)
            if connection.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise _bad(source, "the imported database failed its integrity check")
            if target.exists():
                # One transaction on the live database: other readers see old or new, never
                # a mix, and a failure leaves the old data as it was.
                live = sqlite3.connect(target, timeout=30)
                try:
                    connection.backup(live)
                finally:
                    live.close()
        finally:
            connection.close()
        if not target.exists():
            os.replace(staging, target)
