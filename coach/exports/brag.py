"""The brag document: what you did and what it evidences, ready to paste into a review.

Accomplishments from career memory, then the period's activity grouped by IOOI dimension and
by expectation (current and next level), with references and weeks. Numbers come from the
core's status report for the window; what is listed comes through ``redact`` first.
"""

from __future__ import annotations

from perfmirror_core.scoring import StatusReport
from perfmirror_core.weeks import IsoWeek

from .charts import dimension_chart, weekly_chart
from ..clock import in_progress_words
from .document import Block, Bullets, Document, Figure, Heading, Item, Paragraph, Strong, Table
from .material import ExportSource, load_export_source
from .redact import Material, ShareChoice, SharedEntry, redact
from .sections import (VERDICTS, category_items, evidence_entries, left_out_note, period_line,
                       plural, record_sections, score_line)


def _summary(report: StatusReport, entries: tuple[SharedEntry, ...]) -> list[Block]:
    referenced = sum(1 for entry in entries if entry.reference)
    facts = [score_line(report),
             f"{plural(report.entry_count, 'entry', 'entries')} logged, "
             f"{referenced} with a reference"]
    if report.next_band and report.ratio is not None:
        facts.append(f"{report.points_to_next_band:.1f} weighted points short of "
                     f"{report.next_band}")
    weekly = Table(("week", "weighted score", "expected"),
                   tuple((str(w.week), f"{w.score:.1f}", f"{w.expected:.1f}")
                         for w in report.weekly))
    mix = Table(("dimension", "weight", "share of points", "weighted", "expected"),
                tuple((d.name, f"{d.weight * 100:.0f}%", f"{d.share * 100:.0f}%",
                       f"{d.weighted:.1f}", f"{d.expected:.1f}") for d in report.dimensions))
    return [Heading(2, "Summary"),
            Bullets(tuple(Item((fact,)) for fact in facts)),
            Figure("Weekly weighted score against what the level expected", weekly_chart(
                report.weekly), weekly),
            Figure("Dimension mix: share of points, and weighted score against expected",
                   dimension_chart(report.dimensions), mix)]


def _by_dimension(report: StatusReport, entries: tuple[SharedEntry, ...]) -> list[Block]:
    blocks: list[Block] = [Heading(2, "Evidence by dimension")]
    for dimension in report.dimensions:
        blocks.append(Heading(3, dimension.name.capitalize()))
        blocks.append(Paragraph((f"weight {dimension.weight * 100:.0f}% · "
                                 f"{dimension.weighted:.1f} of {dimension.expected:.1f} "
                                 f"weighted points · {dimension.share * 100:.0f}% of all "
                                 "points",), muted=True))
        mine = [entry for entry in entries if entry.dimension == dimension.name]
        if mine:
            blocks.append(Bullets(category_items(mine)))
        else:
            blocks.append(Paragraph(("Nothing logged in this dimension.",)))
    return blocks


def _by_expectation(report: StatusReport, entries: tuple[SharedEntry, ...]) -> list[Block]:
    shared = {entry.id: entry for entry in entries}
    blocks: list[Block] = [Heading(2, "Evidence by expectation")]
    for kind, label in (("current", "Your level"), ("next", "Next level")):
        rows = [coverage for coverage in report.expectations if coverage.level_kind == kind]
        if not rows:
            continue
        blocks.append(Heading(3, f"{label}: {rows[0].role} L{rows[0].level}"))
        items = []
        for coverage in rows:
            verdict = VERDICTS.get(coverage.status, coverage.status)
            if coverage.weeks_with_evidence:
                verdict += f" ({plural(coverage.weeks_with_evidence, 'week')})"
            items.append(Item((Strong(coverage.text), f" — {verdict}"),
                              category_items(evidence_entries(coverage.evidence, shared))))
        blocks.append(Bullets(tuple(items)))
    return blocks


def brag_document(source: ExportSource, choice: ShareChoice) -> Document:
    """The brag document for the scored period, showing only what ``choice`` shares."""
    report = source.report
    shared: Material = redact(source.material, choice)
    blocks: list[Block] = []
    if choice.shares_activity:
        blocks += _summary(report, shared.entries)
    blocks += record_sections(shared.records, choice)
    if choice.shares_activity:
        blocks += _by_dimension(report, shared.entries)
        blocks += _by_expectation(report, shared.entries)
    blocks.append(left_out_note(choice))
    return Document(title=f"Brag document: {report.role} L{report.level}",
                    subtitle=period_line(report.weekly[0].week, report.as_of,
                                             in_progress_words(report.as_of)),
                    blocks=tuple(blocks))


def load_brag(as_of: IsoWeek, weeks: int | None, choice: ShareChoice) -> Document:
    """The brag document for the ``weeks`` ending ``as_of`` (default: the target's period)."""
    return brag_document(load_export_source(as_of, weeks), choice)
