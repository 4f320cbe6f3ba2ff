"""Reading what an export could show, straight from SQLite (no SQLModel: exports stay fast).

The numbers (scores, bands, expectation coverage) come from the core's ``where_am_i``; this
module only adds the rows the core does not carry: entry notes and career records.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from perfmirror_core.scoring import ScoringData, StatusReport
from perfmirror_core.status import where_am_i
from perfmirror_core.store.database import opened
from perfmirror_core.store.snapshot import load_scoring_data
from perfmirror_core.weeks import IsoWeek

from .redact import Material, SharedEntry, SharedRecord


@dataclass(frozen=True)
class ExportSource:
    """The scored period and everything that could be shared from it, before redaction."""

    data: ScoringData
    report: StatusReport
    material: Material


def load_entries(connection: sqlite3.Connection, data: ScoringData, first: IsoWeek,
                 last: IsoWeek) -> tuple[SharedEntry, ...]:
    rows = connection.execute(
        "SELECT id, category_id, week, count, reference, note FROM activity_entry "
        "WHERE week >= ? AND week <= ? ORDER BY week, id", (str(first), str(last))).fetchall()
    return tuple(SharedEntry(entry_id, week, data.categories[category_id].name,
                             data.categories[category_id].dimension, count, reference, note)
                 for entry_id, category_id, week, count, reference, note in rows
                 if category_id in data.categories)


def load_records(connection: sqlite3.Connection) -> tuple[SharedRecord, ...]:
    connection.row_factory = sqlite3.Row
    try:
        rows = connection.execute("SELECT * FROM career_record ORDER BY id").fetchall()
    finally:
        connection.row_factory = None
    jobs = {row["id"]: row for row in rows if row["kind"] == "job"}
    records = []
    for row in rows:
        job = jobs.get(row["job_id"]) if row["job_id"] else None
        records.append(SharedRecord(
            id=row["id"], kind=row["kind"], text=row["text"], when=row["when_text"],
            org=row["org"], title=row["title"], start=row["start_text"], end=row["end_text"],
            tags=tuple(json.loads(row["tags"])), resolved=row["resolved"],
            resolution=row["resolution"], private=bool(row["private"]),
            job_org=job["org"] if job else None, job_title=job["title"] if job else None,
            job_private=bool(job["private"]) if job else False))
    return tuple(records)


def load_export_source(as_of: IsoWeek, weeks: int | None) -> ExportSource:
    """Score the ``weeks`` ending ``as_of`` (default: the target's period) and read the rows."""
    with opened() as connection:
        data = load_scoring_data(connection, last=as_of)
        report = where_am_i(data, as_of, weeks)
        material = Material(load_entries(connection, data, report.weekly[0].week, as_of),
                            load_records(connection))
    return ExportSource(data, report, material)
