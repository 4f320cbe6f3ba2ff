"""Terminal rendering with rich: the status card and tables. Presentation only, no arithmetic
beyond formatting; every figure comes from the core's report."""

from __future__ import annotations

from typing import Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from perfmirror_core.scoring import StatusReport, percent
from perfmirror_core.status import capped_note, provisional_note, window_phrase
from perfmirror_core.text import plural

from .clock import in_progress_words

_SPARKS = "▁▂▃▄▅▆▇█"
_BAND_STYLE = {"Outstanding": "bold green", "Strong Performance": "green",
               "Meeting Expectations": "cyan", "Partially Meeting Expectations": "yellow",
               "Underperforming": "red", "No Data": "dim"}
_COVERAGE_MARK = {"consistent": "[green]●[/]", "evidenced": "[cyan]◐[/]",
                  "not evidenced": "[red]○[/]", "emerging": "[cyan]◐[/]", "missing": "[dim]○[/]"}
_KIND_MARK = {"warning": "[yellow]![/]", "info": "[cyan]›[/]", "positive": "[green]✓[/]"}


def console() -> Console:
    return Console(highlight=False)


def sparkline(values: Sequence[float]) -> str:
    """One block character per value, scaled to the largest."""
    top = max(values, default=0)
    if top <= 0:
        return _SPARKS[0] * len(values)
    return "".join(_SPARKS[min(len(_SPARKS) - 1, int(v / top * (len(_SPARKS) - 1) + 0.5))]
                   for v in values)


def bar(value: float, full: float, width: int = 20) -> str:
    """A bar of ``value`` against ``full``; past 100 % it is capped and marked with '+'."""
    if full <= 0:
        return " " * width
    filled = min(width, round(value / full * width))
    return "█" * filled + "░" * (width - filled) + ("+" if value > full else " ")


def _in_progress(report: StatusReport) -> str:
    words = in_progress_words(report.as_of)
    return f" ({words})" if words else ""


def status_renderable(report: StatusReport, forecast: str | None = None,
                      max_insights: int = 3) -> Panel:
    # The window goes in the body, not the panel's title: rich cuts a title wider than the card
    # without a mark, and "(your history starts ...)" is the part a new person must see.
    parts: list = [Text(f"{window_phrase(report)}, ending {report.as_of}"
                        f"{_in_progress(report)}", style="dim")]
    band = Text(report.band, style=_BAND_STYLE.get(report.band, ""))
    if report.ratio is not None:
        band.append(f"   {percent(report.ratio)} of expected  "
                    f"({report.credited:.1f} / {report.expected:.1f} weighted points)", style="")
    parts.append(band)
    if report.band_cap is not None:
        parts.append(Text(f"{report.band_cap.reason} (the ratio alone: "
                          f"{report.band_cap.band})", style="yellow"))
    provisional = provisional_note(report)
    if provisional:
        parts.append(Text(provisional[0].upper() + provisional[1:], style="yellow"))
    capped = capped_note(report)  # in points, as the "why" answer and the exports say it
    if capped:
        parts.append(Text(capped, style="dim"))
    if report.next_band:
        parts.append(Text(f"{report.points_to_next_band:.1f} points to {report.next_band}",
                          style="dim"))
    for assumption in report.assumed:  # a row the person has not set, and what stood in
        parts.append(Text(f"assumed: {assumption}", style="dim"))

    dimensions = Table(box=None, padding=(0, 1), show_header=True, header_style="bold")
    for column in ("dimension", "weight", "share", "weighted vs expected", ""):
        dimensions.add_column(column)
    for d in report.dimensions:
        dimensions.add_row(d.name, f"{d.weight * 100:.0f}%", f"{d.share * 100:.0f}%",
                           bar(d.weighted, d.expected), f"{d.weighted:.1f} / {d.expected:.1f}")
    parts.append(Text(""))
    parts.append(dimensions)

    scores = [w.score for w in report.weekly]
    parts.append(Text(f"\nweekly  {sparkline(scores)}  {report.weekly[0].week} → "
                      f"{report.weekly[-1].week}"))
    if forecast:
        parts.append(Text(forecast, style="dim"))

    if report.insights:
        parts.append(Text("\nInsights", style="bold"))
        for insight in report.insights[:max_insights]:
            parts.append(Text.from_markup(f"{_KIND_MARK.get(insight.kind, '-')} ")
                         + Text(insight.message))
    for kind, title in (("current", "Expectations at your level"),
                        ("next", "Next level")):
        rows = [c for c in report.expectations if c.level_kind == kind]
        if not rows:
            continue
        parts.append(Text(f"\n{title} ({rows[0].role} L{rows[0].level})", style="bold"))
        for coverage in rows:
            detail = (f" — {plural(coverage.weeks_with_evidence, 'week')}, "
                      f"{plural(len(coverage.evidence), 'entry', 'entries')}"
                      if coverage.evidence else "")
            parts.append(Text.from_markup(f"{_COVERAGE_MARK.get(coverage.status, '-')} ")
                         + Text(f"{coverage.text} ") + Text(f"[{coverage.status}]{detail}",
                                                            style="dim"))
    title = f"Where you stand · {report.role} L{report.level} · {report.as_of}"
    return Panel(Group(*parts), title=title, title_align="left", expand=False)


def status_card(report: StatusReport, forecast: str | None = None) -> None:
    console().print(status_renderable(report, forecast))


def entry_line(entry) -> str:
    """One logged entry as ``perfmirror entries`` and the coach show it."""
    extra = "".join(f"  {label}{value}" for label, value in
                    (("ref ", entry.reference), ("note ", entry.note)) if value)
    return (f"#{entry.id:<5} {entry.week}  {entry.count:>3} x {entry.category}{extra}  "
            f"({entry.source})")


def category_table(views, profile) -> None:
    table = Table(title="Categories", show_lines=False)
    level = f" ({profile.role} L{profile.level})" if profile else ""
    for column in ("name", "dimension", "points", f"expected/week{level}", "synonyms"):
        table.add_column(column)
    for view in views:
        name = view.name + (" (archived)" if view.archived else "")
        expected = "" if view.expected_weekly is None else f"{view.expected_weekly:g}"
        table.add_row(name, view.dimension, f"{view.points:g}", expected,
                      ", ".join(view.synonyms))
    console().print(table)
