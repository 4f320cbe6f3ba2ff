"""The promotion (or self-review) packet: the target level's expectations, one by one, with the
evidence for each over a long window and the gaps said plainly ("no evidence yet").

Verdicts are the core's expectation coverage, computed over the shared entries only: the
target level's statements are scored like your own level's (consistent = evidence in at least a
quarter of the window's weeks, evidenced = fewer, not evidenced). The headline is the status of
the same window, history start respected, so it says what ``perfmirror status --weeks N`` says.
``packet_as_markdown`` is the text a coach model can draft a narrative from; it never changes a
number; ``packet_as_dict`` is ``export packet --json``.
"""

from __future__ import annotations

from typing import Any

from perfmirror_core.coverage import (ExpectationCoverage, consistent_min_weeks,
                                      expectation_coverage)
from perfmirror_core.errors import InvalidInput
from perfmirror_core.scoring import (NEW_HISTORY_WEEKS, LevelFramework, history_start_week,
                                     level_started_week, settled_at_level)
from perfmirror_core.status import window_phrase
from perfmirror_core.weeks import IsoWeek

from ..clock import in_progress_words
from .document import Block, Bullets, Document, Heading, Item, Paragraph, Strong, to_markdown
from .material import ExportSource, load_export_source
from .redact import ShareChoice, SharedEntry, redact
from .sections import (category_items, evidence_entries, left_out_note, period_line, plural,
                       record_sections, score_line)

PACKET_WEEKS = 26

_LABELS = {"consistent": "Consistent evidence", "evidenced": "Some evidence",
           "not evidenced": "No evidence yet"}


def target_framework(source: ExportSource, level: int | None) -> LevelFramework:
    """The framework of ``level`` (default: the next one) in the person's current role."""
    report = source.report
    wanted = report.level + 1 if level is None else level
    framework = source.data.frameworks.get((report.role, wanted))
    if framework is None:
        levels = sorted(lvl for role, lvl in source.data.frameworks if role == report.role)
        allowed = f"{levels[0]}-{levels[-1]}" if levels else "a level of your role"
        raise InvalidInput("level", f"{report.role} has no level {wanted}", allowed)
    return framework


def _coverage(source: ExportSource, framework: LevelFramework,
              entries: tuple[SharedEntry, ...]) -> tuple[ExpectationCoverage, ...]:
    shared_ids = {entry.id for entry in entries}
    first = source.report.weekly[0].week
    period = [entry for entry in source.data.entries
              if entry.id in shared_ids and first <= entry.week <= source.report.as_of]
    return expectation_coverage(framework, None, period, source.data.categories,
                                source.report.weeks)


def _counts_as(source: ExportSource, framework: LevelFramework, statement_id: int) -> str:
    statement = next(s for s in framework.statements if s.id == statement_id)
    names = sorted(source.data.categories[c].name for c in statement.evidence_category_ids
                   if c in source.data.categories)
    return ", ".join(names) if names else "no category is linked to it yet"


def _expectation_blocks(source: ExportSource, framework: LevelFramework,
                        coverage: tuple[ExpectationCoverage, ...],
                        entries: tuple[SharedEntry, ...]) -> list[Block]:
    shared = {entry.id: entry for entry in entries}
    weeks = source.report.weeks
    window = window_phrase(source.report)
    blocks: list[Block] = []
    for verdict in coverage:
        blocks.append(Heading(3, verdict.text))
        label = _LABELS[verdict.status]
        if verdict.weeks_with_evidence:
            blocks.append(Paragraph((Strong(label), f" in {verdict.weeks_with_evidence} of "
                                                    f"{plural(weeks, 'week')}.")))
            blocks.append(Bullets(category_items(evidence_entries(verdict.evidence, shared))))
        else:
            blocks.append(Paragraph((Strong(label), f" in these {window}. "
                                                    "What would count: "
                                     f"{_counts_as(source, framework, verdict.statement_id)}.")))
    return blocks


def _gaps(coverage: tuple[ExpectationCoverage, ...], weeks: int) -> list[Block]:
    missing = [c for c in coverage if c.status == "not evidenced"]
    thin = [c for c in coverage if c.status == "evidenced"]
    items = [Item((Strong(c.text), " — no evidence yet")) for c in missing]
    items += [Item((Strong(c.text), f" — evidence in only {plural(c.weeks_with_evidence, 'week')}"
                                    f" ({_consistent_means(weeks)})"))
              for c in thin]
    if not items:
        return [Heading(2, "Gaps"),
                Paragraph(("None: every expectation has consistent evidence in this window.",))]
    return [Heading(2, "Gaps"), Bullets(tuple(items))]


def _consistent_means(weeks: int) -> str:
    """What "consistent" asks of this window, said so that it is possible: "2 or more of these
    1" asked for more weeks than the window has (a one-week history)."""
    needed = consistent_min_weeks(weeks)
    if needed > weeks:
        return f"consistent means evidence in {needed} or more weeks; this window has {weeks}"
    return f"consistent means {needed} or more of these {weeks}"


def _settling_note(source: ExportSource, framework: LevelFramework) -> list[Block]:
    """Next-level pressure waits for a full period at a new level, or for a new history's first
    weeks under the first profile (``settled_at_level``); the note says which, and when."""
    report = source.report
    if framework.level <= report.level or settled_at_level(source.data, report.as_of):
        return []
    since = level_started_week(source.data, report.as_of)
    if since is None:  # the first profile: how long the person has held the level is unknown
        history = history_start_week(source.data) or report.as_of
        settled = history.shifted(NEW_HISTORY_WEEKS - 1)
        text = (f"Your history starts {history}: gaps toward L{framework.level} count from "
                f"{settled}, once {NEW_HISTORY_WEEKS} weeks are logged. Until then they are a "
                "map, not a verdict.")
    else:
        settled = since.shifted(source.data.framework_in(report.as_of).period_weeks - 1)
        text = (f"You have been {report.role} L{report.level} since {since}: gaps toward "
                f"L{framework.level} count from {settled}, after a full period at your level. "
                "Until then they are a map, not a verdict.")
    return [Paragraph((text,), muted=True)]


def packet_as_dict(source: ExportSource, level: int | None, choice: ShareChoice) -> dict[str, Any]:
    """``export packet --json``: the headline status of the window and, per expectation of the
    target level, its status and evidence (shared entries only, as in the document)."""
    report = source.report
    framework = target_framework(source, level)
    shared = redact(source.material, choice)
    coverage = _coverage(source, framework, shared.entries) if choice.shares_activity else ()
    return {
        "as_of": str(report.as_of),
        "window": {"first": str(report.weekly[0].week), "last": str(report.as_of),
                   "weeks": report.weeks, "window_weeks": report.window_weeks,
                   "history_start": None if report.history_start is None
                   else str(report.history_start)},
        "weeks": report.weeks,
        "role": report.role,
        "level": report.level,
        "target_level": framework.level,
        "band": report.band,
        "ratio": report.ratio,
        "raw_ratio": report.raw_ratio,
        "band_capped": None if report.band_cap is None else report.band_cap.reason,
        "consistent_min_weeks": consistent_min_weeks(report.weeks),
        "settled_at_level": settled_at_level(source.data, report.as_of),
        "expectations": [
            {"text": c.text, "status": c.status, "weeks_with_evidence": c.weeks_with_evidence,
             "evidence": [{"week": e.week, "category": e.category, "count": e.count,
                           "reference": e.reference} for e in c.evidence]}
            for c in coverage],
    }


def packet_document(source: ExportSource, level: int | None, choice: ShareChoice) -> Document:
    """The packet for ``level`` (default: next) over the scored window, as ``choice`` shares."""
    report = source.report
    framework = target_framework(source, level)
    shared = redact(source.material, choice)
    target = f"{framework.role} L{framework.level}"
    if framework.level > report.level:
        title = f"Promotion packet: {report.role} L{report.level} → L{framework.level}"
    else:
        title = f"{'Self-review' if framework.level == report.level else 'Review'} packet: " \
                f"{target}"
    blocks: list[Block] = [Heading(2, "Summary")]
    if not framework.statements:
        blocks.append(Paragraph((f"No expectations are written down for {target} yet: add them "
                                 f"with `perfmirror expectations add --role {framework.role} "
                                 f"--level {framework.level} TEXT`.",)))
    elif not choice.shares_activity:
        blocks.append(Paragraph(("Activity evidence is not included in this export.",),
                                muted=True))
        blocks.append(Heading(2, f"{target} expectations"))
        blocks.append(Bullets(tuple(Item((s.text,)) for s in framework.statements)))
    else:
        coverage = _coverage(source, framework, shared.entries)
        tally = {status: sum(1 for c in coverage if c.status == status) for status in _LABELS}
        blocks.append(Bullets((
            Item((f"At {report.role} L{report.level}: {score_line(report)}",)),
            Item((f"{target}: {tally['consistent']} of {len(coverage)} expectations with "
                  f"consistent evidence, {tally['evidenced']} with some, "
                  f"{tally['not evidenced']} with no evidence yet",)))))
        blocks.append(Heading(2, f"{target} expectations"))
        blocks += _expectation_blocks(source, framework, coverage, shared.entries)
        blocks += _settling_note(source, framework) + _gaps(coverage, report.weeks)
    blocks += record_sections(shared.records, choice)
    blocks.append(left_out_note(choice))
    period = period_line(report.weekly[0].week, report.as_of, in_progress_words(report.as_of))
    return Document(title=title, subtitle=f"Evidence from {period}", blocks=tuple(blocks))


def load_packet(as_of: IsoWeek, level: int | None = None, weeks: int = PACKET_WEEKS,
                choice: ShareChoice = ShareChoice()) -> Document:
    """The packet for the ``weeks`` ending ``as_of``."""
    return packet_document(load_export_source(as_of, weeks), level, choice)


def load_packet_dict(as_of: IsoWeek, level: int | None = None, weeks: int = PACKET_WEEKS,
                     choice: ShareChoice = ShareChoice()) -> dict[str, Any]:
    """``packet_as_dict`` for the ``weeks`` ending ``as_of``."""
    return packet_as_dict(load_export_source(as_of, weeks), level, choice)


def packet_as_markdown(as_of: IsoWeek, level: int | None = None, weeks: int = PACKET_WEEKS,
                       choice: ShareChoice = ShareChoice()) -> str:
    """The packet as Markdown, for the coach to draft a narrative from (default: next level,
    26 weeks, the least-sharing choice)."""
    return to_markdown(load_packet(as_of, level, weeks, choice))
