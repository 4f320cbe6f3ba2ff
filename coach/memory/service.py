"""Career memory: SQLite records kept in step with the vector index, and search over them.

Writes go to SQLite first (with the record id journalled as pending), then to the index, then
the journal entry is cleared. The index is only ever derived from SQLite, so it heals itself:

- opening the memory compares the index with SQLite by content (ids and the hash of what was
  embedded) and proves the vector files still answer; any difference is repaired, any
  unreadable file makes it rebuild from SQLite;
- an index operation that fails (a file truncated or garbled under it) rebuilds and retries once;
- a record already saved in SQLite is never reported as failed because its index update failed
  (it stays journalled and is indexed next time), so retrying never duplicates it;
- every index operation holds ``IndexLock``, so ``memory reindex`` and ``history add`` in two
  terminals take turns instead of tripping over each other;
- a memory kept open (a chat) sees what other processes saved: before each search it reopens
  the index if another process wrote to it, and indexes any record still journalled (saved by a
  process that died before indexing it). Both checks are one SQLite statement each.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from perfmirror_core.errors import InvalidInput, PerfMirrorError
from perfmirror_core.store.career import CareerRecords, CareerRecordView
from perfmirror_core.store.base import StoreBase

from .index import (
    MemoryDocument,
    MemoryIndex,
    SyncReport,
    document_text,
    forget_open_indexes,
    search_without_index,
)
from .lock import IndexLock

Result = TypeVar("Result")

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

    def __init__(self, store: StoreBase, home: Path, index: MemoryIndex | None = None) -> None:
        """``store``: the whole ``Store`` or only its base; career memory needs no other part,
        and ``history`` commands skip importing the rest (scoring, warnings, the chat log)."""
        self.records = CareerRecords(store)
        self.records.pending_ids()  # a damaged database stops here, before the index is touched
        self.directory = home / MEMORY_DIR
        self.lock = IndexLock(home)
        self.problem: str | None = None
        """Set when an index update failed after the record was saved (it catches up later)."""
        self._index = index
        self._repaired = False

    @property
    def index(self) -> MemoryIndex:
        """The index, opened and repaired on first use: a refused ``history add`` (bad input)
        or ``history list`` never opens it, so its files stay byte-identical."""
        if self._index is None:
            with self.lock:
                self._index = self._open()
        if not self._repaired:
            self._repaired = True
            self._healed(self.repair)
        return self._index

    @index.setter
    def index(self, value: MemoryIndex) -> None:
        self._index = value

    @property
    def notice(self) -> str | None:
        """Set when the real embedding model is missing and a lexical fallback is in use (known
        once the index was opened)."""
        return getattr(self._index, "notice", None)

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

    # -- healing ------------------------------------------------------------------------------

    def _open(self) -> MemoryIndex:
        """The index in ``directory``; an index too damaged to open is set aside and rebuilt."""
        try:
            return MemoryIndex(self.directory)
        except Exception:  # noqa: BLE001 - chromadb/SQLite raise many kinds on a garbled file
            forget_open_indexes()
            shutil.rmtree(self.directory, ignore_errors=True)
            return MemoryIndex(self.directory)

    def _start_afresh(self) -> SyncReport:
        """Throw the index files away and index every record again from SQLite."""
        embedder = self.index.embedder
        try:
            self.index.close()
        except Exception:  # noqa: BLE001, S110 - a damaged index may fail to close; removed next
            pass
        shutil.rmtree(self.directory, ignore_errors=True)
        self.index = MemoryIndex(self.directory, embedder)
        documents = self._documents()
        self.index.upsert(documents)
        self.records.clear_pending(self.records.pending_ids())
        return SyncReport(added=len(documents), updated=0, removed=0)

    def _healed(self, action: Callable[[], Result]) -> Result:
        """Run an index action under the lock; if the index fails, rebuild it and try again."""
        with self.lock:
            try:
                self.index.refresh()
                return action()
            except (InvalidInput, PerfMirrorError):
                raise
            except Exception:  # noqa: BLE001 - any index failure: rebuild from SQLite
                try:
                    self._start_afresh()
                    return action()
                except (InvalidInput, PerfMirrorError):
                    raise
                except Exception as error:  # noqa: BLE001 - said in one line, records safe
                    raise PerfMirrorError(
                        f"the memory index in {self.directory} cannot be rebuilt ({error}); "
                        "your records are safe in the database: run `perfmirror memory "
                        "reindex` once the disk is writable") from None

    def repair(self) -> SyncReport | None:
        """Bring the index in step with SQLite after a crash, damage or an embedder change."""
        pending = self.records.pending_ids()
        documents = self._documents()
        report = self.index.sync(documents, thorough=bool(pending))
        newest = max((doc.id for doc in documents), default=None)
        if newest is not None and not self.index.answers_for(newest):
            report = self._start_afresh()
        if pending:  # nothing to clear is no write (a write would load SQLModel)
            self.records.clear_pending(pending)
        return report if report.changed else None

    def _catch_up(self, record_ids: list[int]) -> None:
        """Index (or unindex) the given records now, then clear their journal entries.

        The records are already saved: if the index cannot follow, they stay journalled, the
        next use repairs it, and ``problem`` says so; the command itself still succeeded.
        """
        def update() -> None:
            wanted = set(record_ids)
            present = self._documents(wanted)
            if present:
                self.index.upsert(present)
            gone = wanted - {doc.id for doc in present}
            if gone:
                self.index.delete(sorted(gone))
            self.records.clear_pending(record_ids)

        try:
            self._healed(update)
        except PerfMirrorError as error:
            self.problem = f"saved, but {error}"

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
        def rebuild() -> int:
            documents = self._documents()
            self.index.rebuild(documents)
            self.records.clear_pending(self.records.pending_ids())
            return len(documents)

        return self._healed(rebuild)

    def _read_only(self) -> bool:
        """True when the index could not be written (a read-only copy of the data)."""
        folder = self.directory if self.directory.exists() else self.directory.parent
        return not os.access(folder, os.W_OK) or not os.access(self.directory.parent, os.W_OK)

    def search(self, query: str, k: int = 5, kinds=None) -> list[Recollection]:
        if self._index is None and self._read_only():
            hits = search_without_index(self._documents(), query, k, kinds)
            return [Recollection(self.records.get(hit.id), hit.score) for hit in hits]

        def find() -> list[Recollection]:
            if self.records.pending_ids():  # saved elsewhere, not yet indexed
                self.repair()
            found = []
            for hit in self.index.search(query, k=k, kinds=kinds):
                try:
                    found.append(Recollection(self.records.get(hit.id), hit.score))
                except InvalidInput:  # a ghost: the index knew a record SQLite no longer has
                    self.index.delete([hit.id])
            return found

        return self._healed(find)
