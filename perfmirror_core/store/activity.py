"""The activity aggregate: what the person logged, week by week (``log``, ``undo``, ``entries``,
imports).

A week's count for a category is the sum of its entries. An imported event carries its
reference, and a reference is stored once (the unique index of migration 0005 backs this up).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from .. import validation
from ..errors import InvalidInput, NotInitialised
from ..weeks import IsoWeek
from .base import StoreBase, inserted_id
from .categories import find_category
from .database import utc_timestamp

SOURCES = ("manual", "chat", "import", "demo")
_ENTRY_VIEW = ("SELECT e.id, c.name, e.week, e.count, e.override_score, e.reference, e.note, "
               "e.source FROM activity_entry e JOIN category c ON c.id = e.category_id")


@dataclass(frozen=True)
class EntryView:
    id: int
    category: str
    week: str
    count: int
    override_score: float | None
    reference: str | None
    note: str | None
    source: str


def _entry(row: sqlite3.Row) -> EntryView:
    return EntryView(*row)


def _require_profile(connection: sqlite3.Connection) -> None:
    if connection.execute("SELECT 1 FROM profile LIMIT 1").fetchone() is None:
        raise NotInitialised()


def _imported_references(connection: sqlite3.Connection) -> set[str]:
    return {row[0] for row in connection.execute(
        "SELECT reference FROM activity_entry WHERE source = 'import'") if row[0]}


class ActivityStore(StoreBase):
    """Logging, undoing and listing entries (mixed into ``Store``)."""

    def log_activity(self, category: str, count: object, week: IsoWeek, current_week: IsoWeek,
                     *, override: object | None = None, reference: str | None = None,
                     note: str | None = None, source: str = "manual",
                     message_id: int | None = None) -> EntryView:
        """Store one entry; refuses future weeks, bad counts and unknown categories."""
        checked_count = validation.count(count)
        checked_override = None if override is None else validation.override_score(override)
        if checked_count == 0 and checked_override is None:
            raise InvalidInput("count", "0 adds nothing", "1 or more (0 only with --override)")
        validation.not_in_future(week, current_week)
        if source not in SOURCES:
            raise InvalidInput("source", f"{source!r} is not a source", ", ".join(SOURCES))
        clean_reference = reference.strip() if reference else None
        clean_note = note.strip() if note else None
        with self._write() as connection:
            _require_profile(connection)
            found = find_category(connection, category)
            entry_id = inserted_id(connection.execute(
                "INSERT INTO activity_entry (category_id, week, count, override_score, "
                "reference, note, source, created_at, message_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (found["id"], str(week), checked_count, checked_override, clean_reference,
                 clean_note, source, utc_timestamp(), message_id)))
        return EntryView(entry_id, found["name"], str(week), checked_count, checked_override,
                         clean_reference, clean_note, source)

    def log_imported(self, rows: Sequence[tuple[str, int, IsoWeek, str, str | None]],
                     current_week: IsoWeek) -> list[EntryView]:
        """Store imported entries (category, count, week, reference, note) in one transaction:
        all of them or, on any refusal, none. A reference already imported (by an import that
        ran meanwhile) is left out; the unique index on imported references backs this up."""
        for _, count, week, reference, _ in rows:
            if validation.count(count) < 1:
                raise InvalidInput("count", f"{count} adds nothing", "1 or more")
            validation.not_in_future(week, current_week)
            validation.text(reference, "reference", 300)
        written = []
        with self._write() as connection:
            _require_profile(connection)
            stored = _imported_references(connection)
            now = utc_timestamp()
            for category, count, week, reference, note in rows:
                if reference in stored:
                    continue
                stored.add(reference)
                found = find_category(connection, category)
                clean_note = note.strip() if note else None
                entry_id = inserted_id(connection.execute(
                    "INSERT INTO activity_entry (category_id, week, count, reference, note, "
                    "source, created_at) VALUES (?, ?, ?, ?, ?, 'import', ?)",
                    (found["id"], str(week), int(count), reference, clean_note, now)))
                written.append(EntryView(entry_id, found["name"], str(week), int(count), None,
                                         reference, clean_note, "import"))
        return written

    def imported_references(self) -> set[str]:
        """Every reference an import has stored: what a new import must not store again."""
        with self._read() as connection:
            return _imported_references(connection)

    def entries(self, week: IsoWeek | None = None, limit: int | None = None) -> list[EntryView]:
        """Entries newest first, optionally of one week."""
        sql, params = _ENTRY_VIEW, list[object]()
        if week is not None:
            sql += " WHERE e.week = ?"
            params.append(str(week))
        sql += " ORDER BY e.id DESC"
        if limit:
            sql += " LIMIT ?"
            params.append(limit)
        with self._read() as connection:
            return [_entry(row) for row in connection.execute(sql, params)]

    def entries_between(self, first: IsoWeek, last: IsoWeek) -> list[EntryView]:
        """The entries of weeks ``first``..``last``, oldest week first (what an export shows)."""
        with self._read() as connection:
            return [_entry(row) for row in connection.execute(
                _ENTRY_VIEW + " WHERE e.week >= ? AND e.week <= ? ORDER BY e.week, e.id",
                (str(first), str(last)))]

    def undo_last(self) -> EntryView | None:
        """Remove the most recently logged entry and return it (None when there is none)."""
        with self._write() as connection:
            row = connection.execute(_ENTRY_VIEW + " ORDER BY e.id DESC LIMIT 1").fetchone()
            if row is None:
                return None
            connection.execute("DELETE FROM activity_entry WHERE id = ?", (row["id"],))
            return _entry(row)
