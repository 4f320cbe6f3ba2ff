"""The "where am I on track?" answer: scores, insights and expectation coverage in one report.

``where_am_i`` is the single entry point the CLI, the JSON output and the coach's tools call;
``status_as_dict`` is its one JSON shape (numbers unrounded, band names spelled out).
"""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Any

from .coverage import expectation_coverage
from .insights import derive_insights
from .provisional import SETTLED_WEEKS, first_reading_words, is_first_reading
from .scoring import (NO_DATA, ScoringData, StatusReport, compute_status, percent,
                      settled_at_level)
from .text import plural
from .weeks import IsoWeek


def where_am_i(data: ScoringData, as_of: IsoWeek, weeks: int | None = None) -> StatusReport:
    """Score the period ending ``as_of`` and explain it."""
    report = compute_status(data, as_of, weeks)
    first = report.weekly[0].week
    period_entries = [entry for entry in data.entries
                      if first <= entry.week <= as_of and entry.category_id in data.categories]
    current = data.framework_in(as_of)
    coverage = expectation_coverage(current, data.next_level_framework(as_of), period_entries,
                                    data.categories, report.weeks)
    insights = derive_insights(report, current, data.categories, coverage,
                               next_level_pressure=settled_at_level(data, as_of))
    return replace(report, insights=insights, expectations=coverage)


def window_phrase(report: StatusReport) -> str:
    """The window a status covers, as every surface states it: "12 weeks" or, when the history
    starts inside the window, "8 of 12 weeks (your history starts 2026-W03)"."""
    if not report.history_cut:
        return plural(report.weeks, "week")
    return (f"{report.weeks} of {report.window_weeks} weeks "
            f"(your history starts {report.history_start})")


def capped_note(report: StatusReport) -> str:
    """What the credit cap took off, as the surfaces that print the credited score say it:
    "17.9 before each dimension's credit is capped at 150% of its expected points", or ""
    when nothing was. One line and one condition for every surface: the card once gave it as
    a ratio with its own threshold, and showed "83% ... 83% before capping" where the text
    surfaces said nothing. The score beside the ratio is the credited one everywhere: the raw
    one next to a ratio of the credited one disagreed."""
    if report.score - report.credited < 0.05:
        return ""
    return (f"{report.score:.1f} before each dimension's credit is capped at "
            f"{percent(report.thresholds.outstanding)} of its expected points")


def provisional_note(report: StatusReport) -> str:
    """Why the band is not a verdict yet, as every surface that states the band says it, or ""
    once it is. A new person's first week (on a Wednesday, half of it) was called
    "Underperforming 34%" with nothing to say that one feature or design doc more or less
    moves a week's ratio by more than a band's width. Only a history that starts inside the
    window is provisional: a short window the person asked for is their choice of lens. The
    test and its words are ``provisional``'s, which the forecast shares."""
    if report.ratio is None or report.band == NO_DATA or not report.history_cut \
            or not is_first_reading(report.weeks):
        return ""
    return (f"{first_reading_words(report.weeks)}; the band settles once {SETTLED_WEEKS} weeks "
            f"are logged")


def window_line(report: StatusReport) -> str:
    """The window with its weeks, as the commands print it: "2026-W37..2026-W48 (12 weeks)"."""
    return f"{report.weekly[0].week}..{report.as_of} ({window_phrase(report)})"


def window_as_dict(report: StatusReport) -> dict[str, Any]:
    """The window in every command's ``--json``: the same keys wherever it appears."""
    return {"first": str(report.weekly[0].week), "last": str(report.as_of),
            "weeks": report.weeks, "window_weeks": report.window_weeks,
            "history_start": None if report.history_start is None else str(report.history_start)}


def status_as_dict(report: StatusReport) -> dict[str, Any]:
    """The JSON contract of ``perfmirror status --json``."""
    return {
        "as_of": str(report.as_of),
        "weeks": report.weeks,
        "window_weeks": report.window_weeks,
        "history_start": None if report.history_start is None else str(report.history_start),
        "period": {"first": str(report.weekly[0].week), "last": str(report.weekly[-1].week)},
        "window": window_as_dict(report),
        "role": report.role,
        "level": report.level,
        "score": report.score,
        "expected": report.expected,
        "ratio": report.ratio,
        "raw_ratio": report.raw_ratio,
        "credited": report.credited,
        "band": report.band,
        "provisional": provisional_note(report) or None,
        "band_cap": None if report.band_cap is None else {
            "band_without_cap": report.band_cap.band, "capped_at": report.band_cap.capped_at,
            "dimension": report.band_cap.dimension, "attainment": report.band_cap.attainment,
            "reason": report.band_cap.reason},
        "next_band": report.next_band,
        "points_to_next_band": report.points_to_next_band,
        "thresholds": asdict(report.thresholds),
        "entries": report.entry_count,
        "dimensions": [{**asdict(dimension), "attainment": dimension.attainment}
                       for dimension in report.dimensions],
        "categories": [asdict(category) for category in report.categories],
        "weekly": [{"week": str(week.week), "score": week.score, "expected": week.expected,
                    "entries": week.entries} for week in report.weekly],
        "insights": [asdict(insight) for insight in report.insights],
        "expectations": [asdict(coverage) for coverage in report.expectations],
        "assumed": list(report.assumed),
    }
