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

This module owns the file: its shape, versions and every value (``import_values``). The
database side, reading every table in one snapshot and building the imported copy in a staging
file, checked whole before it goes in place, is the store's (``perfmirror_core.store.whole``).
A bad file changes nothing and is reported in one line. Exporting, importing into a fresh data
directory and exporting again gives the identical file.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from perfmirror_core.errors import PerfMirrorError
from perfmirror_core.store.migrations import latest_version
from perfmirror_core.store.paths import database_path
from perfmirror_core.store.whole import (DataExport, not_a_data_export, put_in_place,
                                         read_everything, row_count)

from .import_values import check_values
from .ownership import MEMORY_NAME

DATA_FORMAT = "perfmirror-data"
DATA_FORMAT_VERSION = 1


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
    return export_json(read_everything(home))


# -- import ----------------------------------------------------------------------------------


def parse_export(text: str, source: str, today: date) -> DataExport:
    """Check the file's shape, versions and every value (``import_values``, weeks up to the
    week of ``today``); raises one clear ``InvalidInput``."""
    try:
        payload = json.loads(text)
    except ValueError as error:
        raise not_a_data_export(source, f"not JSON ({error})") from None
    except RecursionError:
        raise not_a_data_export(source, "not a data export (nested too deeply to read)") from None
    if not isinstance(payload, dict) or payload.get("format") != DATA_FORMAT:
        raise not_a_data_export(source, "not a perf-mirror data export (no \"format\": "
                           f"\"{DATA_FORMAT}\")")
    if payload.get("format_version") != DATA_FORMAT_VERSION:
        raise not_a_data_export(source, f"format version {payload.get('format_version')!r} is not one this "
                           f"perf-mirror reads ({DATA_FORMAT_VERSION})")
    version = payload.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise not_a_data_export(source, f"schema_version {version!r} is not a schema version")
    if version > latest_version():
        raise PerfMirrorError(f"{source} has schema v{version}, newer than this perf-mirror "
                              f"(v{latest_version()}): upgrade perf-mirror to import it")
    tables = payload.get("tables")
    if not isinstance(tables, dict):
        raise not_a_data_export(source, "\"tables\" is missing")
    parsed = {}
    for name, table in tables.items():
        if not isinstance(table, dict) or not isinstance(table.get("columns"), list) or \
                not isinstance(table.get("rows"), list):
            raise not_a_data_export(source, f"table {name!r} needs \"columns\" and \"rows\" lists")
        columns, rows = table["columns"], table["rows"]
        for number, row in enumerate(rows, start=1):
            if not isinstance(row, list) or len(row) != len(columns):
                raise not_a_data_export(source, f"{name} row {number} does not have {len(columns)} values")
            for value in row:
                if isinstance(value, bool) or not isinstance(value, (int, float, str,
                                                                     type(None))):
                    raise not_a_data_export(source, f"{name} row {number}: {json.dumps(value)} is not a "
                                       "number, text or null")
        parsed[name] = (columns, rows)
    check_values(parsed, today, source)
    return DataExport(version, parsed)


def read_export(path: Path, today: date) -> DataExport:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise not_a_data_export(str(path), f"cannot be read ({getattr(error, 'strerror', None) or error})") \
            from None
    return parse_export(text, str(path), today)


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
        put_in_place(export, target, source)
    except BaseException:
        if fresh and home.is_dir() and not any(home.iterdir()):
            home.rmdir()  # a refused import into a fresh home leaves no trace of it
        raise
    # The vector index was built from the old rows; without it, the next use rebuilds it.
    shutil.rmtree(home / MEMORY_NAME, ignore_errors=True)
