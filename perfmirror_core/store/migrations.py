"""Versioned schema: numbered SQL files applied in order, recorded in ``PRAGMA user_version``.

Each migration runs in one transaction with its version bump, so a crash leaves the database at
the old version, never half-way. Migrations only add (tables, columns, indexes) or move data
forward; none drops a person's rows. The SQLModel classes in ``schema`` describe the latest
version, and a test checks that migrating an empty database yields exactly those tables.
"""

from __future__ import annotations

import re
import sqlite3
from importlib import resources

from ..errors import DatabaseProblem

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


def available_migrations() -> list[tuple[int, str]]:
    """(version, SQL) for every migration shipped in the package, oldest first."""
    folder = resources.files("perfmirror_core.store") / "migrations"
    found = []
    for item in folder.iterdir():
        match = _NAME.match(item.name)
        if match:
            found.append((int(match.group(1)), item.read_text(encoding="utf-8")))
    return sorted(found)


def latest_version() -> int:
    return available_migrations()[-1][0]


def current_version(connection: sqlite3.Connection) -> int:
    version: int = connection.execute("PRAGMA user_version").fetchone()[0]
    return version


def newer_schema(version: int, where: object = "the database") -> DatabaseProblem:
    return DatabaseProblem(where, f"has schema v{version}, newer than this perf-mirror "
                                  f"(v{latest_version()}): upgrade perf-mirror to read it")


def migrate(connection: sqlite3.Connection, target: int | None = None) -> int:
    """Bring the database up to ``target`` (default: latest); return the version reached."""
    version = current_version(connection)
    goal = latest_version() if target is None else target
    if version > latest_version():
        raise newer_schema(version)
    for number, sql in available_migrations():
        if version < number <= goal:
            # One script, one transaction: the version bump commits with the schema change.
            try:
                connection.executescript(
                    f"BEGIN;\n{sql}\n;PRAGMA user_version = {number};\nCOMMIT;")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
            version = number
    return version
