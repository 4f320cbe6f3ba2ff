"""Career memory: SQLite records kept in step with the vector index, and search over them.

Writes go to SQLite first (with the record id journalled as pending), then to the index, then
the journal entry is cleared. Opening the memory repairs whatever a crash left behind: pending
ids are re-synced, and an index whose size disagrees with SQLite is rebuilt from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from perfmirror_core.errors import InvalidInput
from perfmirror_core.store.career import CareerRecords, CareerRecordView

from .index import MemoryDocument, MemoryIndex, SyncReport, document_text

MEMORY_DIR = "memory"


@dataclass(frozen=True)
class Recollection:
    record: CareerRecordView
    score: float


def _job_context(record: CareerRecordView, jobs: dict[int, CareerRecordView]):
    job = jobs.get(record.job_id) if record.job_id else None
    return (record.org or (job.org if job else None),
            record.title or (job.title if job else None))


def to_document(record: CareerRecordView, jobs: dict[int, CareerRecordView]) -> MemoryDocument:
    org, title = _job_context(record, jobs)
    text = record.text
    if record.kind == "struggle" and record.resolution:
        text = f"{text} Resolved{' ' + record.resolved if record.resolved else ''}: " \
               f"{record.resolution}"
    return MemoryDocument(record.id, record.kind, record.when, org, title, text)


class CareerMemory:
    """The person's career records and their searchable index."""

    def __init__(self, store, home: Path, index: MemoryIndex | None = None) -> None:
        self.records = CareerRecords(store.engine)
        self.records.pending_ids()  # a damaged database stops here, before the index is touched
        self.index = index or MemoryIndex(home / MEMORY_DIR)
        self.last_repair = self.repair()

    @property
    def notice(self) -> str | None:
        """Set when the real embedding model is missing and a lexical fallback is in use."""
        return getattr(self.index, "notice", None)

    def describe(self, record: CareerRecordView) -> str:
        """The record as indexed: kind, date, organisation and title (from its job if it has
        one), then the person's words."""
        return self.describe_each([record])[0]

    def describe_each(self, records: list[CareerRecordView]) -> list[str]:
        """``describe`` for several records, reading their jobs once (grounding shows a few)."""
        jobs = {r.id: r for r in self.records.all() if r.kind == "job"}
        return [document_text(to_document(record, jobs)) for record in records]

    def _documents(self, ids: set[int] | None = None,
                   records: list[CareerRecordView] | None = None) -> list[MemoryDocument]:
        records = self.records.all() if records is None else records
        jobs = {r.id: r for r in records if r.kind == "job"}
        return [to_document(r, jobs) for r in records if ids is None or r.id in ids]

    def repair(self) -> SyncReport | None:
        """Bring the index in step with SQLite after a crash or an embedder change."""
        pending = set(self.records.pending_ids())
        all_records = self.records.all()
        if not pending and self.index.count() == len(all_records):
            return None
        report = self.index.sync(self._documents(records=all_records))
        self.records.clear_pending(list(pending))
        return report

    def _catch_up(self, record_ids: list[int]) -> None:
        """Index (or unindex) the given records now, then clear their journal entries."""
        wanted = set(record_ids)
        present = self._documents(wanted)
        if present:
            self.index.upsert(present)
        gone = wanted - {doc.id for doc in present}
        if gone:
            self.index.delete(sorted(gone))
        self.records.clear_pending(record_ids)

    def add(self, kind: str, text: str, **fields) -> CareerRecordView:
        record = self.records.add(kind, text, **fields)
        self._catch_up([record.id])
        return record

    def edit(self, record_id: int, **changes) -> CareerRecordView:
        record = self.records.edit(record_id, **changes)
        children = [r.id for r in self.records.all() if r.job_id == record_id]
        self._catch_up([record.id, *children])  # a job's org gives its records their context
        return record

    def remove(self, record_id: int) -> CareerRecordView:
        children = [r.id for r in self.records.all() if r.job_id == record_id]
        record = self.records.remove(record_id)
        self._catch_up([record_id, *children])
        return record

    def reindex(self) -> int:
        """Rebuild the index from SQLite; returns how many records were indexed."""
        documents = self._documents()
        self.index.rebuild(documents)
        self.records.clear_pending(self.records.pending_ids())
        return len(documents)

    def search(self, query: str, k: int = 5, kinds=None) -> list[Recollection]:
        hits = self.index.search(query, k=k, kinds=kinds)
        found = []
        for hit in hits:
            try:
                found.append(Recollection(self.records.get(hit.id), hit.score))
            except InvalidInput:  # a ghost: the index knew a record SQLite no longer has
                self.index.delete([hit.id])
        return found
