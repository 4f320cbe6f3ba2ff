"""Career records: jobs, accomplishments, struggles and reflections (SQLite, the source of truth).

Every change also writes the record's id to ``memory_pending`` in the same transaction; the
vector index (in ``coach/memory``) clears it once it has caught up. A crash between the two
leaves the id pending, and the next start repairs the index from here.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .. import validation
from ..errors import InvalidInput
from .base import StoreBase
from .database import utc_timestamp

if TYPE_CHECKING:
    from sqlmodel import Session

    from .tables.career import CareerRecord

@dataclass(frozen=True)
class CareerRecordView:
    id: int
    kind: str
    text: str
    when: str | None
    org: str | None
    title: str | None
    role: str | None
    level: int | None
    start: str | None
    end: str | None
    job_id: int | None
    tags: tuple[str, ...]
    noticed: str | None
    resolved: str | None
    resolution: str | None
    private: bool

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "tags": list(self.tags)}


def _view(row: sqlite3.Row | CareerRecord) -> CareerRecordView:
    """A record as read (a ``sqlite3.Row``) or as just written (the ORM row)."""
    if not isinstance(row, sqlite3.Row):
        from .tables import stored_id

        return CareerRecordView(stored_id(row), row.kind, row.text, row.when_text, row.org,
                                row.title, row.role, row.level, row.start_text, row.end_text,
                                row.job_id, tuple(json.loads(row.tags)), row.noticed,
                                row.resolved, row.resolution, bool(row.private))
    return CareerRecordView(row["id"], row["kind"], row["text"], row["when_text"], row["org"],
                            row["title"], row["role"], row["level"], row["start_text"],
                            row["end_text"], row["job_id"], tuple(json.loads(row["tags"])),
                            row["noticed"], row["resolved"], row["resolution"],
                            bool(row["private"]))


def _optional(value: object, check: Callable[[object, str], str], field: str) -> str | None:
    return None if value in (None, "") else check(value, field)


def _clean(value: str | None) -> str | None:
    return value.strip() or None if value else None


def _tags(tags: Sequence[str]) -> str:
    return json.dumps([t.strip() for t in tags if t.strip()])


def _get(connection: sqlite3.Connection, record_id: int) -> sqlite3.Row:
    row: sqlite3.Row | None = connection.execute("SELECT * FROM career_record WHERE id = ?",
                                                 (record_id,)).fetchone()
    if row is None:
        raise _no_record(record_id)
    return row


def _no_record(record_id: int) -> InvalidInput:
    return InvalidInput("id", f"no career record #{record_id}",
                        "an id from `perfmirror history list`")


def _stored(session: Session, record_id: int) -> CareerRecord:
    from .tables.career import CareerRecord

    row = session.get(CareerRecord, record_id)
    if row is None:
        raise _no_record(record_id)
    return row


def _mark_pending(session: Session, record_id: int) -> None:
    from .tables.career import MemoryPending

    if session.get(MemoryPending, record_id) is None:
        session.add(MemoryPending(record_id=record_id))


# ``edit`` keyword -> column of the year-month fields ("" clears them).
_DATES = {"when": "when_text", "start": "start_text", "end": "end_text", "noticed": "noticed",
          "resolved": "resolved"}


class CareerRecords:
    """Reads and writes of career records (``Store.career``)."""

    def __init__(self, store: StoreBase) -> None:
        self.store = store

    def add(self, kind: str, text: str, *, when: str | None = None, org: str | None = None,
            title: str | None = None, role: str | None = None, level: int | None = None,
            start: str | None = None, end: str | None = None, job_id: int | None = None,
            tags: Sequence[str] = (), noticed: str | None = None, resolved: str | None = None,
            resolution: str | None = None, private: bool = False) -> CareerRecordView:
        checked_kind = validation.career_kind(kind)
        clean_text = validation.text(text, "text", 4000)
        when_text = _optional(when, validation.year_month, "when")
        start_text = _optional(start, validation.year_month, "start")
        end_text = _optional(end, validation.year_month, "end")
        noticed_text = _optional(noticed, validation.year_month, "noticed")
        if checked_kind == "job" and not when_text:
            when_text = start_text
        if checked_kind == "struggle" and not noticed_text:
            noticed_text = when_text
        resolved_text = _optional(resolved, validation.year_month, "resolved")
        from .tables import stored_id
        from .tables.career import CareerRecord

        now = utc_timestamp()
        row = CareerRecord(
            kind=checked_kind, text=clean_text, when_text=when_text, org=_clean(org),
            title=_clean(title), role=role, level=level, start_text=start_text, end_text=end_text,
            job_id=job_id, tags=_tags(tags), noticed=noticed_text, resolved=resolved_text,
            resolution=_clean(resolution), private=private, created_at=now, updated_at=now)
        with self.store._write() as session:
            if job_id is not None and _stored(session, job_id).kind != "job":
                raise InvalidInput("job", f"#{job_id} is not a job", "the id of a job record")
            session.add(row)
            session.flush()
            _mark_pending(session, stored_id(row))
            return _view(row)

    def edit(self, record_id: int, **changes: Any) -> CareerRecordView:
        """Change fields (None leaves a field as it is; "" clears an optional one)."""
        with self.store._write() as session:
            row = _stored(session, record_id)
            for name, value in changes.items():
                if value is None:
                    continue
                if name == "text":
                    row.text = validation.text(value, "text", 4000)
                elif name == "kind":
                    row.kind = validation.career_kind(value)
                elif name in _DATES:
                    setattr(row, _DATES[name], _optional(value, validation.year_month, name))
                elif name == "tags":
                    row.tags = _tags(value)
                elif name in ("org", "title", "resolution", "role"):
                    setattr(row, name, value.strip() or None)
                elif name in ("private", "level", "job_id"):
                    setattr(row, name, value)
                else:
                    raise InvalidInput(name, "is not a field of a career record",
                                       "text, kind, when, org, title, tags, ...")
            row.updated_at = utc_timestamp()
            session.add(row)
            _mark_pending(session, record_id)
            session.flush()
            return _view(row)

    def remove(self, record_id: int) -> CareerRecordView:
        from sqlmodel import select

        from .tables import stored_id
        from .tables.career import CareerRecord

        with self.store._write() as session:
            row = _stored(session, record_id)
            view = _view(row)
            for child in session.exec(select(CareerRecord).where(CareerRecord.job_id == row.id)):
                child.job_id = None  # accomplishments outlive the job record they hung on
                session.add(child)
                _mark_pending(session, stored_id(child))
            session.delete(row)
            _mark_pending(session, record_id)
            return view

    def get(self, record_id: int) -> CareerRecordView:
        with self.store._read() as connection:
            return _view(_get(connection, record_id))

    def all(self, kind: str | None = None) -> list[CareerRecordView]:
        sql, params = "SELECT * FROM career_record", list[object]()
        if kind is not None:
            sql += " WHERE kind = ?"
            params.append(validation.career_kind(kind))
        with self.store._read() as connection:
            return [_view(row) for row in connection.execute(sql + " ORDER BY id", params)]

    def pending_ids(self) -> list[int]:
        with self.store._read() as connection:
            return [row[0] for row in connection.execute("SELECT record_id FROM memory_pending")]

    def clear_pending(self, record_ids: Sequence[int]) -> None:
        from sqlmodel import col, delete

        from .tables.career import MemoryPending

        with self.store._write() as session:
            session.exec(delete(MemoryPending).where(
                col(MemoryPending.record_id).in_(list(record_ids))))
