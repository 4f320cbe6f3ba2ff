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
from .base import StoreBase
from .categories import category_in
from .database import utc_timestamp

if TYPE_CHECKING:
    from sqlmodel import Session

    from .schema import ActivityEntry

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


def _view(entry: ActivityEntry, category: str) -> EntryView:
    """An entry just written (or about to be removed), as ``entries`` shows it."""
    from .schema import stored_id

    return EntryView(stored_id(entry), category, entry.week, entry.count, entry.override_score,
                     entry.reference, entry.note, entry.source)


def _require_profile(session: Session) -> None:
    from sqlmodel import select

    from .schema import Profile

    if session.exec(select(Profile)).first() is None:
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
        from .schema import ActivityEntry, stored_id

        checked_count = validation.count(count)
        checked_override = None if override is None else validation.override_score(override)
        if checked_count == 0 and checked_override is None:
            raise InvalidInput("count", "0 adds nothing", "1 or more (0 only with --override)")
        validation.not_in_future(week, current_week)
        if source not in SOURCES:
            raise InvalidInput("source", f"{source!r} is not a source", ", ".join(SOURCES))
        with self._write() as session:
            _require_profile(session)
            found = category_in(session, category)
            entry = ActivityEntry(category_id=stored_id(found), week=str(week),
                                  count=checked_count, override_score=checked_override,
                                  reference=reference.strip() if reference else None,
                                  note=note.strip() if note else None, source=source,
                                  created_at=utc_timestamp(), message_id=message_id)
            session.add(entry)
            session.flush()
            return _view(entry, found.name)

    def log_imported(self, rows: Sequence[tuple[str, int, IsoWeek, str, str | None]],
                     current_week: IsoWeek) -> list[EntryView]:
        """Store imported entries (category, count, week, reference, note) in one transaction:
        all of them or, on any refusal, none. A reference already imported (by an import that
        ran meanwhile) is left out; the unique index on imported references backs this up."""
        from sqlmodel import select

        from .schema import ActivityEntry, stored_id

        for _, count, week, reference, _ in rows:
            if validation.count(count) < 1:
                raise InvalidInput("count", f"{count} adds nothing", "1 or more")
            validation.not_in_future(week, current_week)
            validation.text(reference, "reference", 300)
        with self._write() as session:
            _require_profile(session)
            stored = {reference for reference in session.exec(
                select(ActivityEntry.reference).where(ActivityEntry.source == "import"))
                if reference}
            written = []
            for category, count, week, reference, note in rows:
                if reference in stored:
                    continue
                stored.add(reference)
                found = category_in(session, category)
                entry = ActivityEntry(category_id=stored_id(found), week=str(week),
                                      count=int(count), reference=reference,
                                      note=note.strip() if note else None, source="import",
                                      created_at=utc_timestamp())
                session.add(entry)
                written.append((entry, found.name))
            session.flush()
            return [_view(entry, name) for entry, name in written]

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
        from sqlmodel import col, select

        from .schema import ActivityEntry, Category

        with self._write() as session:
            row = session.exec(select(ActivityEntry, Category).where(
                ActivityEntry.category_id == Category.id).order_by(
                col(ActivityEntry.id).desc())).first()
            if row is None:
                return None
            entry, category = row
            session.delete(entry)
            return _view(entry, category.name)
