"""Career records: jobs, accomplishments, struggles and reflections (SQLite, the source of truth).

Every change also writes the record's id to ``memory_pending`` in the same transaction; the
vector index (in ``coach/memory``) clears it once it has caught up. A crash between the two
leaves the id pending, and the next start repairs the index from here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from sqlalchemy.engine import Engine

from sqlmodel import Session, col, delete, select

from .. import validation
from ..errors import InvalidInput
from .database import utc_timestamp
from .schema import CareerRecord, MemoryPending, stored_id

_UNSET = object()


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


def _view(row: CareerRecord) -> CareerRecordView:
    return CareerRecordView(stored_id(row), row.kind, row.text, row.when_text, row.org, row.title,
                            row.role, row.level, row.start_text, row.end_text, row.job_id,
                            tuple(json.loads(row.tags)), row.noticed, row.resolved,
                            row.resolution, row.private)


def _optional(value: object, check: Callable[[object, str], str], field: str) -> str | None:
    return None if value in (None, "") else check(value, field)


class CareerRecords:
    """Reads and writes of career records over a ``Store``'s engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _get(self, session: Session, record_id: int) -> CareerRecord:
        row = session.get(CareerRecord, record_id)
        if row is None:
            raise InvalidInput("id", f"no career record #{record_id}",
                               "an id from `perfmirror history list`")
        return row

    def _mark_pending(self, session: Session, record_id: int) -> None:
        if session.get(MemoryPending, record_id) is None:
            session.add(MemoryPending(record_id=record_id))

    def add(self, kind: str, text: str, *, when: str | None = None, org: str | None = None,
            title: str | None = None, role: str | None = None, level: int | None = None,
            start: str | None = None, end: str | None = None, job_id: int | None = None,
            tags: Sequence[str] = (), noticed: str | None = None, resolved: str | None = None,
            resolution: str | None = None, private: bool = False) -> CareerRecordView:
        checked_kind = validation.career_kind(kind)
        now = utc_timestamp()
        row = CareerRecord(
            kind=checked_kind, text=validation.text(text, "text", 4000),
            when_text=_optional(when, validation.year_month, "when"),
            org=org.strip() if org else None, title=title.strip() if title else None,
            role=role, level=level,
            start_text=_optional(start, validation.year_month, "start"),
            end_text=_optional(end, validation.year_month, "end"),
            job_id=job_id, tags=json.dumps([t.strip() for t in tags if t.strip()]),
            noticed=_optional(noticed, validation.year_month, "noticed"),
            resolved=_optional(resolved, validation.year_month, "resolved"),
            resolution=resolution.strip() if resolution else None, private=private,
            created_at=now, updated_at=now)
        if row.kind == "job" and not row.when_text:
            row.when_text = row.start_text
        if row.kind == "struggle" and not row.noticed:
            row.noticed = row.when_text
        with Session(self.engine) as session:
            if job_id is not None and self._get(session, job_id).kind != "job":
                raise InvalidInput("job", f"#{job_id} is not a job", "the id of a job record")
            session.add(row)
            session.flush()
            self._mark_pending(session, stored_id(row))
            session.commit()
            session.refresh(row)
            return _view(row)

    def edit(self, record_id: int, **changes: Any) -> CareerRecordView:
        """Change fields (None leaves a field as it is; "" clears an optional one)."""
        checks = {"when": ("when_text", validation.year_month),
                  "start": ("start_text", validation.year_month),
                  "end": ("end_text", validation.year_month),
                  "noticed": ("noticed", validation.year_month),
                  "resolved": ("resolved", validation.year_month)}
        with Session(self.engine) as session:
            row = self._get(session, record_id)
            for name, value in changes.items():
                if value is None:
                    continue
                if name == "text":
                    row.text = validation.text(value, "text", 4000)
                elif name == "kind":
                    row.kind = validation.career_kind(value)
                elif name in checks:
                    column, check = checks[name]
                    setattr(row, column, _optional(value, check, name))
                elif name == "tags":
                    row.tags = json.dumps([t.strip() for t in value if t.strip()])
                elif name in ("org", "title", "resolution", "role"):
                    setattr(row, name, value.strip() or None)
                elif name in ("private", "level", "job_id"):
                    setattr(row, name, value)
                else:
                    raise InvalidInput(name, "is not a field of a career record",
                                       "text, kind, when, org, title, tags, ...")
            row.updated_at = utc_timestamp()
            session.add(row)
            self._mark_pending(session, stored_id(row))
            session.commit()
            session.refresh(row)
            return _view(row)

    def remove(self, record_id: int) -> CareerRecordView:
        with Session(self.engine) as session:
            row = self._get(session, record_id)
            view = _view(row)
            for child in session.exec(select(CareerRecord).where(CareerRecord.job_id == row.id)):
                child.job_id = None  # accomplishments outlive the job record they hung on
                session.add(child)
                self._mark_pending(session, stored_id(child))
            session.delete(row)
            self._mark_pending(session, record_id)
            session.commit()
            return view

    def get(self, record_id: int) -> CareerRecordView:
        with Session(self.engine) as session:
            return _view(self._get(session, record_id))

    def all(self, kind: str | None = None) -> list[CareerRecordView]:
        with Session(self.engine) as session:
            query = select(CareerRecord).order_by(col(CareerRecord.id))
            if kind is not None:
                query = query.where(CareerRecord.kind == validation.career_kind(kind))
            return [_view(row) for row in session.exec(query)]

    def pending_ids(self) -> list[int]:
        with Session(self.engine) as session:
            return [row.record_id for row in session.exec(select(MemoryPending))]

    def clear_pending(self, record_ids: Sequence[int]) -> None:
        with Session(self.engine) as session:
            session.exec(delete(MemoryPending).where(col(MemoryPending.record_id).in_(list(record_ids))))
            session.commit()
