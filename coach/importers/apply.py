"""Preview an import, then write it: nothing is written until the person (or ``--yes``) says so.

A proposal is written at most once: one whose reference an earlier import already stored, or
that appeared earlier in the same run, is a duplicate and skipped; one in a future week is
skipped too (the database's unique index on imported references backs this up). Every written
entry keeps ``source="import"`` and its reference, and one import is one transaction: all of
its entries are stored, or none. The plan also says whose work was looked for and what was left
out and why, so a preview shows its reasoning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Sequence

from perfmirror_core import validation
from perfmirror_core.errors import InvalidInput, NotInitialised
from perfmirror_core.weeks import IsoWeek

from .base import NO_RULE, OUTSIDE, Dropped, Importer, ImportProposal, ImportUnavailable, clean_note
from .rules import load_rules, with_known_categories

if TYPE_CHECKING:
    from perfmirror_core.store.repository import EntryView, Store

DEFAULT_WEEKS = 12  # a default period: what a first import should look back over
NEW, DUPLICATE, FUTURE = "new", "duplicate", "future"


@dataclass(frozen=True)
class PlannedEntry:
    proposal: ImportProposal
    status: str  # new | duplicate | future


@dataclass
class ImportPlan:
    """What an import would do; computing it writes nothing."""

    source: str
    since: date
    entries: list[PlannedEntry] = field(default_factory=list)
    identity: str = ""  # whose work was looked for, and where that came from
    dropped: Dropped = field(default_factory=Dropped)

    @property
    def unmatched(self) -> int:
        """Events that no rule mapped to a category."""
        return self.dropped.counts.get(NO_RULE, 0)

    def by_category(self) -> dict[str, int]:
        """New entries per category, largest first."""
        counts: dict[str, int] = {}
        for proposal in self.new:
            counts[proposal.category] = counts.get(proposal.category, 0) + proposal.count
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    def with_status(self, status: str) -> list[ImportProposal]:
        return [entry.proposal for entry in self.entries if entry.status == status]

    @property
    def new(self) -> list[ImportProposal]:
        return self.with_status(NEW)

    def as_dict(self, written: int) -> dict:
        return {"source": self.source, "since": self.since.isoformat(),
                "proposals": [{**entry.proposal.as_dict(), "status": entry.status}
                              for entry in self.entries],
                "written": written,
                "skipped_duplicates": len(self.with_status(DUPLICATE)),
                "skipped_future": len(self.with_status(FUTURE)),
                "unmatched": self.unmatched,
                "identity": self.identity,
                "by_category": self.by_category(),
                "dropped": self.dropped.as_dict()}


def since_date(text: str | None, current_week: IsoWeek) -> date:
    """``--since``: the first day of a YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www (read as every
    other window is); default 12 weeks back."""
    if text is None:
        return current_week.shifted(-(DEFAULT_WEEKS - 1)).monday
    return validation.date_bound(text, "since")


def plan_import(store: Store, importer: Importer, since: date, current_week: IsoWeek) -> ImportPlan:
    """Read the source and map it; says which proposals are new, duplicates or in the future."""
    if not store.is_initialised():
        raise NotInitialised()
    rules = with_known_categories(load_rules(importer.name, importer.default_rules),
                                  importer.name, store)
    reason = importer.discover()
    if reason:
        raise ImportUnavailable(f"{importer.name}: {reason}")
    events = []
    for event in importer.fetch(since):
        if event.day >= since:
            events.append(event)
        else:  # an importer that could not filter while scanning
            importer.dropped.add(OUTSIDE, event.title)
    proposals = [_checked(store, proposal)
                 for proposal in importer.to_proposals(events, rules)]
    proposals.sort(key=lambda p: (p.week, p.category, p.reference))
    imported = store.imported_references()
    plan = ImportPlan(importer.name, since, identity=importer.identity(),
                      dropped=importer.dropped)
    for proposal in proposals:
        if proposal.reference in imported:
            status = DUPLICATE
        elif proposal.week > current_week:
            status = FUTURE
        else:
            status = NEW
        imported.add(proposal.reference)
        plan.entries.append(PlannedEntry(proposal, status))
    return plan


def _checked(store: Store, proposal: ImportProposal) -> ImportProposal:
    """Proposals from plugins are checked like anything a person types."""
    count = validation.count(proposal.count)
    if count < 1:
        raise InvalidInput("count", f"{count} adds nothing", "1 or more")
    return ImportProposal(store.category_named(proposal.category).name, count, proposal.week,
                          validation.text(proposal.reference, "reference", 300),
                          clean_note(proposal.note))


def write_entries(store: Store, proposals: Sequence[ImportProposal],
                  current_week: IsoWeek) -> list[EntryView]:
    """Store proposals as entries with source "import", in one transaction; returns their
    views (a reference stored meanwhile by another import is left out, not doubled)."""
    return store.log_imported([(p.category, p.count, p.week, p.reference, p.note or None)
                               for p in proposals], current_week)
