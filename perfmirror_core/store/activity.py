"""The activity aggregate: what the person logged, week by week (``log``, ``undo``, ``entries``,
imports).

A week's count for a category is the sum of its entries. An imported event carries its
reference, and a reference is stored once (the unique index of migration 0005 backs this up).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import validation
from ..errors import InvalidInput, NotInitialised
from ..weeks import IsoWeek
from .base import StoreBase, has_profile, sqlite_of
from .categories import CategoryRow, match_category, read_categories
from .database import utc_timestamp

if TYPE_CHECKING:
    from sqlmodel import Session

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
    if not has_profile(connection):
        raise NotInitialised()


def _imported_references(connection: sqlite3.Connection) -> set[str]:
    return {row[0] for row in connection.execute(
        "SELECT reference FROM activity_entry WHERE source = 'import'") if row[0]}


def _insert(session: Session, category: CategoryRow, week: IsoWeek, count: int, *,
            override: float | None = None, reference: str | None = None,
            note: str | None = None, source: str, message_id: int | None = None) -> EntryView:
    """Store one entry (a statement, not ``session.add``: see ``tables.activity``) and return it
    as ``entries`` will show it."""
    from sqlmodel import insert

    from .tables.activity import ActivityEntry

    written = session.exec(insert(ActivityEntry).values(
        category_id=category.id, week=str(week), count=count, override_score=override,
        reference=reference, note=note, source=source, created_at=utc_timestamp(),
        message_id=message_id))
    key = written.inserted_primary_key
    if key is None:
        raise RuntimeError("SQLite gave the new entry no id")
    return EntryView(int(key[0]), category.name, str(week), count, override, reference, note,
                     source)


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
        with self._write() as session:
            connection = sqlite_of(session)
            _require_profile(connection)
            found = match_category(read_categories(connection), category)
            return _insert(session, found, week, checked_count, override=checked_override,
                           reference=reference.strip() if reference else None,
                           note=note.strip() if note else None, source=source,
                           message_id=message_id)

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
        with self._write() as session:
            connection = sqlite_of(session)
            _require_profile(connection)
            stored = _imported_references(connection)
            categories = read_categories(connection)
            written = []
            for category, count, week, reference, note in rows:
                if reference in stored:
                    continue
                stored.add(reference)
                written.append(_insert(session, match_category(categories, category), week,
                                       int(count), reference=reference,
                                       note=note.strip() if note else None, source="import"))
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
        from sqlmodel import col, delete

        from .tables.activity import ActivityEntry

        with self._write() as session:
            last = sqlite_of(session).execute(_ENTRY_VIEW + " ORDER BY e.id DESC LIMIT 1"
                                              ).fetchone()
            if last is None:
                return None
            # No object of this row is in the session to keep in step (it was read with SQL).
            session.exec(delete(ActivityEntry).where(col(ActivityEntry.id) == last[0])
                         .execution_options(synchronize_session=False))
            return _entry(last)
