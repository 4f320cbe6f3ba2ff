"""Tools that read: the status, the categories, the level's expectations. The numbers they
return are the core's; the coach quotes them and never computes its own."""

from __future__ import annotations

from perfmirror_core.scoring import StatusReport

from .context import ToolContext


def compute_report(ctx: ToolContext, week: str | None = None) -> StatusReport:
    from perfmirror_core.status import where_am_i

    as_of = ctx.chosen_week(week)
    return where_am_i(ctx.scoring_data(as_of), as_of)


def compute_report_and_forecast(ctx: ToolContext, week: str | None = None
                                ) -> tuple[StatusReport, str]:
    """The status and the forecast line, from one read of the database."""
    from perfmirror_core.forecast import forecast, forecast_line
    from perfmirror_core.status import where_am_i

    from ..clock import week_left

    as_of = ctx.chosen_week(week)
    data = ctx.scoring_data(as_of)
    return where_am_i(data, as_of), forecast_line(forecast(data, as_of,
                                                           week_left=week_left(as_of)))


def _one_decimal(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def get_status(ctx: ToolContext, week: str | None = None) -> dict:
    """Where the person stands: band, score vs expected, points to the next band, dimensions
    and top insights, computed by perf-mirror's core. Quote these figures; never compute.

    Args:
        week: ISO week YYYY-Www ending the period; default the week being checked in.
    """
    from perfmirror_core.status import capped_note, provisional_note, window_phrase

    report, forecast = compute_report_and_forecast(ctx, week)
    ctx.person.show_status(report, forecast)
    capped = capped_note(report)  # the card and the "why" answer say it in the same words
    provisional = provisional_note(report)
    return {
        "period": f"{report.weekly[0].week}..{report.as_of} ({window_phrase(report)})",
        "role_level": f"{report.role} L{report.level}",
        "band": report.band,
        **({"band_provisional": provisional} if provisional else {}),
        "band_capped": None if report.band_cap is None else report.band_cap.reason,
        "percent_of_expected": None if report.ratio is None else round(report.ratio * 100),
        "score": _one_decimal(report.credited),
        **({"score_before_cap": capped} if capped else {}),
        "expected": _one_decimal(report.expected),
        "next_band": report.next_band,
        "points_to_next_band": _one_decimal(report.points_to_next_band),
        "dimensions": {d.name: f"{d.weighted:.1f} of {d.expected:.1f}" for d in report.dimensions},
        "insights": [insight.message for insight in report.insights[:3]],
        "forecast": forecast,
    }


def list_categories(ctx: ToolContext) -> dict:
    """The person's activity categories with their IOOI dimension, points and expected
    weekly count at their level."""
    profile = ctx.store.profile_in(ctx.week)
    return {"categories": [
        {"name": v.name, "dimension": v.dimension, "points": v.points,
         "expected_per_week": v.expected_weekly}
        for v in ctx.store.list_categories(profile.role, profile.level)]}


def get_expectations(ctx: ToolContext) -> dict:
    """The expectations of the person's level and the next, each with whether their recent
    work evidences it (consistent / evidenced / not evidenced; emerging / missing)."""
    report = compute_report(ctx)
    return {kind: [{"text": c.text, "status": c.status, "weeks": c.weeks_with_evidence}
                   for c in report.expectations if c.level_kind == kind]
            for kind in ("current", "next")}
