"""What leaves the mirror: one pure function, ``redact``, decides what a shared export contains.

A record or entry is shared only if it passes every rule:

- kind: only the chosen kinds (default: activity entries and accomplishments). Struggles are
  shared only with ``include_struggles``, whatever the kinds say.
- private: records marked private only with ``include_private``; an accomplishment hung on a
  private job does not borrow that job's organisation or title.
- tags: no record carrying an excluded tag (compared case-insensitively).
- dates: with ``since``/``until``, only what overlaps the window (a ``YYYY`` record covers its
  year, a job its start to end, an entry its week). An undated record cannot be placed in a
  window the person asked for, so it is left out.
- org: with ``orgs``, only career records of those organisations (their own or their job's).
  Activity entries carry no organisation: ``--org`` does not filter them.
- notes: entry notes only with ``include_notes``.

``data export`` is not a sharing export (it is the person's own complete copy) and never
comes through here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Iterable, Mapping

from perfmirror_core import validation
from perfmirror_core.errors import InvalidInput
from perfmirror_core.weeks import parse_week

if TYPE_CHECKING:
    from perfmirror_core.store.career import CareerRecordView

ACTIVITY = "activity"
SHAREABLE_KINDS = (ACTIVITY, "accomplishment", "job", "reflection", "struggle")
DEFAULT_KINDS = frozenset({ACTIVITY, "accomplishment"})


@dataclass(frozen=True)
class SharedEntry:
    """A logged activity as an export may show it."""

    id: int
    week: str
    category: str
    dimension: str
    count: int
    reference: str | None
    note: str | None


@dataclass(frozen=True)
class Material:
    """Everything an export could show, before (or after) redaction. Career records are the
    store's own; after redaction each carries its job's organisation and title where they may
    be shown, and no longer points at the job."""

    entries: tuple[SharedEntry, ...]
    records: tuple[CareerRecordView, ...]


@dataclass(frozen=True)
class ShareChoice:
    """The person's choice of what to share; the defaults share the least."""

    kinds: frozenset[str] = DEFAULT_KINDS
    exclude_tags: frozenset[str] = frozenset()
    since: date | None = None
    until: date | None = None
    orgs: frozenset[str] = frozenset()
    include_private: bool = False
    include_struggles: bool = False
    include_notes: bool = False

    @property
    def shares_activity(self) -> bool:
        return ACTIVITY in self.kinds

    def left_out(self) -> list[str]:
        """What the defaults keep back and this choice did not ask for, in words."""
        return [label for label, asked in (("private records", self.include_private),
                                           ("struggles", self.include_struggles),
                                           ("notes on entries", self.include_notes))
                if not asked]


def share_choice(kinds: Iterable[str] = (), exclude_tags: Iterable[str] = (),
                 since: str | None = None, until: str | None = None,
                 orgs: Iterable[str] = (), include_private: bool = False,
                 include_struggles: bool = False, include_notes: bool = False) -> ShareChoice:
    """A checked ``ShareChoice`` from the words on the command line."""
    chosen = {kind.strip().lower() for kind in kinds}
    for kind in chosen:
        if kind not in SHAREABLE_KINDS:
            raise InvalidInput("include-kind", f"{kind!r} is not a kind",
                               "|".join(SHAREABLE_KINDS))
    if "struggle" in chosen and not include_struggles:
        raise InvalidInput("include-kind", "struggles are shared only when you say so",
                           "--include-struggles")
    if include_struggles:
        chosen.add("struggle")
    first = validation.date_bound(since, "since") if since else None
    last = validation.date_bound(until, "until", end=True) if until else None
    if first and last and first > last:
        raise InvalidInput("since", f"{since} is after --until {until}", "an earlier date")
    return ShareChoice(
        kinds=frozenset(chosen) if kinds else DEFAULT_KINDS | (chosen & {"struggle"}),
        exclude_tags=frozenset(tag.strip().casefold() for tag in exclude_tags if tag.strip()),
        since=first, until=last,
        orgs=frozenset(org.strip().casefold() for org in orgs if org.strip()),
        include_private=include_private, include_struggles=include_struggles,
        include_notes=include_notes)


def _overlaps(first: date, last: date | None, choice: ShareChoice) -> bool:
    if choice.since and last is not None and last < choice.since:
        return False
    return not (choice.until and first > choice.until)


def _record_days(record: CareerRecordView) -> tuple[date, date | None] | None:
    """First and last day a record covers (last None: still going); None when undated."""
    try:
        if record.kind == "job" and (record.start or record.when):
            first = validation.days_covered(record.start or record.when)[0]
            return first, validation.days_covered(record.end)[1] if record.end else None
        if record.when:
            return validation.days_covered(record.when)
    except ValueError:
        return None
    return None


def _shared_record(record: CareerRecordView, jobs: Mapping[int, CareerRecordView],
                   choice: ShareChoice) -> CareerRecordView | None:
    """The record as shared (with its job's context when that may be shown), or None."""
    if record.kind not in choice.kinds:
        return None
    if record.kind == "struggle" and not choice.include_struggles:
        return None
    if record.private and not choice.include_private:
        return None
    if choice.exclude_tags & {tag.casefold() for tag in record.tags}:
        return None
    if choice.since or choice.until:
        days = _record_days(record)
        if days is None or not _overlaps(days[0], days[1], choice):
            return None
    job = jobs.get(record.job_id) if record.job_id is not None else None
    job_shown = job is not None and (not job.private or choice.include_private)
    org = record.org or (job.org if job and job_shown else None)
    title = record.title or (job.title if job and job_shown else None)
    if choice.orgs and (org or "").casefold() not in choice.orgs:
        return None
    return replace(record, org=org, title=title, job_id=None)


def _shared_entry(entry: SharedEntry, choice: ShareChoice) -> SharedEntry | None:
    if not choice.shares_activity:
        return None
    if choice.since or choice.until:
        monday = parse_week(entry.week).monday
        if not _overlaps(monday, monday + timedelta(days=6), choice):
            return None
    return entry if choice.include_notes else replace(entry, note=None)


def redact(material: Material, choice: ShareChoice) -> Material:
    """Only what ``choice`` shares; see the module docstring for the rules."""
    # A job gives its accomplishments their context even when the job itself is not shared.
    jobs = {record.id: record for record in material.records if record.kind == "job"}
    records = (_shared_record(record, jobs, choice) for record in material.records)
    entries = (_shared_entry(entry, choice) for entry in material.entries)
    return Material(entries=tuple(e for e in entries if e is not None),
                    records=tuple(r for r in records if r is not None))
