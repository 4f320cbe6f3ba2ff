"""Reading what an export could show, from the store's read-only reads.

The numbers (scores, bands, expectation coverage) come from the core's ``where_am_i``; this
module only adds the rows the core does not carry: entry notes and career records.
"""

from __future__ import annotations

from dataclasses import dataclass

from perfmirror_core.scoring import ScoringData, StatusReport
from perfmirror_core.status import where_am_i
from perfmirror_core.store.repository import EntryView, Store
from perfmirror_core.weeks import IsoWeek

from .redact import Material, SharedEntry


@dataclass(frozen=True)
class ExportSource:
    """The scored period and everything that could be shared from it, before redaction."""

    data: ScoringData
    report: StatusReport
    material: Material


def shared_entries(entries: list[EntryView], data: ScoringData) -> tuple[SharedEntry, ...]:
    dimensions = {category.name: category.dimension for category in data.categories.values()}
    return tuple(SharedEntry(entry.id, entry.week, entry.category, dimensions[entry.category],
                             entry.count, entry.reference, entry.note) for entry in entries)


def load_export_source(as_of: IsoWeek, weeks: int | None) -> ExportSource:
    """Score the ``weeks`` ending ``as_of`` (default: the target's period) and read the rows."""
    store = Store(create=False)
    data = store.scoring_data(last=as_of)
    report = where_am_i(data, as_of, weeks)
    material = Material(shared_entries(store.entries_between(report.weekly[0].week, as_of), data),
                        tuple(store.career.all()))
    return ExportSource(data, report, material)
