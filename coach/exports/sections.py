"""Pieces both shared exports use: the period line, evidence lists, career records, the note
on what was left out. Everything here works on already-redacted material."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Iterable, Sequence

from perfmirror_core.coverage import EvidenceItem
from perfmirror_core.scoring import StatusReport
from perfmirror_core.store.career import CareerRecordView
from perfmirror_core.status import capped_note, provisional_note, window_phrase
from perfmirror_core.text import plural
from perfmirror_core.weeks import IsoWeek

from .document import Block, Bullets, Heading, Inline, Item, Paragraph, Strong, reference_parts
from .redact import SharedEntry, ShareChoice

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# How a coverage verdict reads in a document someone else will see.
VERDICTS = {"consistent": "consistent", "evidenced": "evidenced", "emerging": "emerging",
            "not evidenced": "no evidence yet", "missing": "no evidence yet"}


def day(value: date) -> str:
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def period_line(first: IsoWeek, last: IsoWeek, in_progress: str | None = None) -> str:
    """'2026-W37 to 2026-W48 (7 Sep 2026 to 29 Nov 2026, 12 weeks)'. When the last week is still
    in progress (``in_progress``: ``clock.in_progress_words``, the card's own words), the
    document says so: a packet read on a Wednesday counts the whole week's expectation, and a
    reader should not take two days' work for a week's."""
    weeks = first.weeks_until(last) + 1
    sunday = last.monday + timedelta(days=6)
    progress = f"; {last} {in_progress}" if in_progress else ""
    return (f"{first} to {last} ({day(first.monday)} to {day(sunday)}, "
            f"{plural(weeks, 'week')}{progress})")


def score_line(report: StatusReport) -> str:
    if report.ratio is None or report.entry_count == 0:
        return f"{report.band}: nothing logged in these {window_phrase(report)}"
    capped = capped_note(report)
    provisional = provisional_note(report)
    return (f"{report.band}: {report.ratio * 100:.0f}% of expected ({report.credited:.1f} of "
            f"{report.expected:.1f} weighted points{'; ' + capped if capped else ''}) over "
            f"{window_phrase(report)}{'; ' + provisional if provisional else ''}")


def entry_item(entry: SharedEntry, with_category: bool = True) -> Item:
    """One entry: week, what, how many, its reference (linked) and, if shared, its note."""
    what = f"{entry.category} ×{entry.count}" if with_category else f"×{entry.count}"
    parts: list[Inline] = [f"{entry.week} · {what}"]
    if entry.reference:
        parts += [" · ", *reference_parts(entry.reference)]
    if entry.note:
        parts.append(f" — note: {entry.note}")
    return Item(tuple(parts))


def _shows_detail(entry: SharedEntry) -> bool:
    return bool(entry.reference or entry.note)


def category_items(entries: Sequence[SharedEntry]) -> tuple[Item, ...]:
    """Per category: its total count and weeks, with the entries that carry a reference or a
    note listed under it; busiest category first."""
    counts: Counter[str] = Counter()
    weeks: dict[str, set[str]] = {}
    for entry in entries:
        counts[entry.category] += entry.count
        weeks.setdefault(entry.category, set()).add(entry.week)
    items = []
    for category, count in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])):
        details = tuple(entry_item(entry, with_category=False) for entry in entries
                        if entry.category == category and _shows_detail(entry))
        items.append(Item((Strong(f"{category} ×{count}"),
                           f" in {plural(len(weeks[category]), 'week')}"), details))
    return tuple(items)


def evidence_entries(evidence: Iterable[EvidenceItem],
                     shared: dict[int, SharedEntry]) -> list[SharedEntry]:
    """The shared entries behind a coverage verdict (anything redacted stays out)."""
    return [shared[item.entry_id] for item in evidence if item.entry_id in shared]


def _context(record: CareerRecordView) -> str:
    if record.kind == "job":
        span = f"{record.start or record.when or '?'} to {record.end or 'now'}"
    else:
        span = record.when or "undated"
    return " · ".join(part for part in (span, record.org, record.title) if part)


def record_item(record: CareerRecordView) -> Item:
    parts: list[Inline] = [Strong(_context(record)), f" — {record.text}"]
    if record.kind == "struggle":
        if record.resolution:
            parts.append(f" Resolved{' ' + record.resolved if record.resolved else ''}: "
                         f"{record.resolution}")
        elif not record.resolved:
            parts.append(" (still open)")
    if record.tags:
        parts.append(f" · tags: {', '.join(record.tags)}")
    if record.private:
        parts.append(" (private)")
    return Item(tuple(parts))


def _newest_first(records: Iterable[CareerRecordView]) -> list[CareerRecordView]:
    def key(record: CareerRecordView) -> tuple[str, int]:
        return ((record.start if record.kind == "job" else None) or record.when or "", record.id)

    return sorted(records, key=key, reverse=True)


_RECORD_SECTIONS = (("accomplishment", "Accomplishments"), ("job", "Roles"),
                    ("reflection", "Reflections"), ("struggle", "Struggles and what came of them"))


def record_sections(records: Sequence[CareerRecordView], choice: ShareChoice) -> list[Block]:
    """A section per chosen kind of career record, newest first."""
    blocks: list[Block] = []
    for kind, title in _RECORD_SECTIONS:
        if kind not in choice.kinds:
            continue
        blocks.append(Heading(2, title))
        chosen = _newest_first(r for r in records if r.kind == kind)
        if chosen:
            blocks.append(Bullets(tuple(record_item(record) for record in chosen)))
        else:
            blocks.append(Paragraph(("None recorded for this export.",), muted=True))
    return blocks


def left_out_note(choice: ShareChoice) -> Paragraph:
    """Tells the reader (and reminds the person) what this export does not contain."""
    parts = []
    kept_back = choice.left_out()
    if kept_back:
        parts.append("Left out: " + ", ".join(kept_back) + ".")
    if choice.exclude_tags:
        parts.append("Records tagged " + ", ".join(sorted(choice.exclude_tags)) + " left out.")
    if choice.orgs:
        parts.append("Career records only from " + ", ".join(sorted(choice.orgs)) + ".")
    if choice.since or choice.until:
        window = f"{day(choice.since) if choice.since else 'the start'} to " \
                 f"{day(choice.until) if choice.until else 'now'}"
        parts.append(f"Only what falls between {window}.")
    parts.append("Scores and coverage are perf-mirror's deterministic figures.")
    return Paragraph((" ".join(parts),), muted=True)
