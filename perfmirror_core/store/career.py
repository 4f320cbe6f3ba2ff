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
from typing import Any

from .. import validation
from ..errors import InvalidInput
from .base import StoreBase, inserted_id
from .database import utc_timestamp

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


def _view(row: sqlite3.Row) -> CareerRecordView:
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
        raise InvalidInput("id", f"no career record #{record_id}",
                           "an id from `perfmirror history list`")
    return row


def _mark_pending(connection: sqlite3.Connection, record_id: int) -> None:
    connection.execute("INSERT OR IGNORE INTO memory_pending (record_id) VALUES (?)",
                       (record_id,))


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
        now = utc_timestamp()
        with self.store._write() as connection:
            if job_id is not None and _get(connection, job_id)["kind"] != "job":
                raise InvalidInput("job", f"#{job_id} is not a job", "the id of a job record")
            record_id = inserted_id(connection.execute(
                "INSERT INTO career_record (kind, text, when_text, org, title, role, level, "
                "start_text, end_text, job_id, tags, noticed, resolved, resolution, private, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (checked_kind, clean_text, when_text, _clean(org), _clean(title), role, level,
                 start_text, end_text, job_id, _tags(tags),
                 noticed_text, resolved_text,
                 _clean(resolution), private, now, now)))
            _mark_pending(connection, record_id)
            return _view(_get(connection, record_id))

    def edit(self, record_id: int, **changes: Any) -> CareerRecordView:
        """Change fields (None leaves a field as it is; "" clears an optional one)."""
        with self.store._read() as connection:
            _get(connection, record_id)  # an unknown id is the first thing to hear about
        columns: dict[str, object] = {}
        for name, value in changes.items():
            if value is None:
                continue
            if name == "text":
                columns["text"] = validation.text(value, "text", 4000)
            elif name == "kind":
                columns["kind"] = validation.career_kind(value)
            elif name in _DATES:
                columns[_DATES[name]] = _optional(value, validation.year_month, name)
            elif name == "tags":
                columns["tags"] = _tags(value)
            elif name in ("org", "title", "resolution", "role"):
                columns[name] = value.strip() or None
            elif name in ("private", "level", "job_id"):
                columns[name] = value
            else:
                raise InvalidInput(name, "is not a field of a career record",
                                   "text, kind, when, org, title, tags, ...")
        columns["updated_at"] = utc_timestamp()
        with self.store._write() as connection:
            _get(connection, record_id)
            assignments = ", ".join(f"{column} = ?" for column in columns)  # names from above
            connection.execute(f"UPDATE career_record SET {assignments} WHERE id = ?",
                               (*columns.values(), record_id))
            _mark_pending(connection, record_id)
            return _view(_get(connection, record_id))

    def remove(self, record_id: int) -> CareerRecordView:
        with self.store._write() as connection:
            view = _view(_get(connection, record_id))
            children = [row[0] for row in connection.execute(
                "SELECT id FROM career_record WHERE job_id = ?", (record_id,))]
            # accomplishments outlive the job record they hung on
            connection.execute("UPDATE career_record SET job_id = NULL WHERE job_id = ?",
                               (record_id,))
            for child in children:
                _mark_pending(connection, child)
            connection.execute("DELETE FROM career_record WHERE id = ?", (record_id,))
            _mark_pending(connection, record_id)
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
        with self.store._write() as connection:
            connection.executemany("DELETE FROM memory_pending WHERE record_id = ?",
                                   [(record_id,) for record_id in record_ids])
