"""Leading indicators from the CLI: ``forecast``, ``warnings``, ``ack``, ``loops``, ``recommend``,
``due``.

Every number comes from the core (``perfmirror_core.forecast``, ``warnings``, ``loops``,
``recommendations``); these commands read the store and print. Only ``ack`` writes, and
``warnings``/``loops`` log which warnings the person was shown (not on a read-only home).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from typing import TYPE_CHECKING

from perfmirror_core.text import plural
from perfmirror_core.weeks import IsoWeek, parse_week

from .common import as_of_period, open_store, print_json, window_arguments
from .registry import arg, command
from ..clock import this_week, week_left

if TYPE_CHECKING:
    from perfmirror_core.scoring import ScoringData, StatusReport
    from perfmirror_core.store.repository import Store


def _read_window(args: argparse.Namespace) -> tuple[Store, IsoWeek, int | None, ScoringData]:
    """``--as-of`` and ``--weeks``, the store, and what it holds up to as-of: what ``forecast``,
    ``warnings`` and ``loops`` each start from."""
    as_of, weeks = as_of_period(args)
    store = open_store()
    return store, as_of, weeks, store.scoring_data(last=as_of)


def _observe(store: Store, as_of: IsoWeek, weeks: int | None, codes: Iterable[str]) -> None:
    """Log the warnings the person is being shown, when they are this week's over their own
    period (a look back with ``--as-of`` or another ``--weeks`` is not what they saw then)."""
    if as_of == this_week() and weeks is None:
        store.observe(as_of, codes)


@command("forecast",
         *window_arguments())
def cmd_forecast(args: argparse.Namespace) -> int:
    """Where will this period end? Projected band, range and the chance of Meeting or better."""
    from perfmirror_core.forecast import forecast, forecast_as_dict, provisional_words
    from perfmirror_core.scoring import percent

    _, as_of, weeks, data = _read_window(args)
    result = forecast(data, as_of, weeks, week_left=week_left(as_of))
    if args.json:
        print_json(forecast_as_dict(result))
        return 0
    print(f"Period {result.period_start}..{result.period_end}, week {result.weeks_elapsed} of "
          f"{result.weeks_total} (as of {result.as_of})")
    if result.projected_ratio is None:
        print("Nothing logged yet to project from: log a week first.")
        return 0
    cap = f" ({result.band_cap.reason})" if result.band_cap else ""
    provisional = provisional_words(result)
    if provisional:
        print(f"  {provisional[0].upper()}{provisional[1:]}.")
    print(f"  Projected band:  {result.projected_band}{cap}"
          f"{' (at this pace)' if provisional else ''}")
    print(f"  Projected ratio: {percent(result.projected_ratio)} of expected"
          + ("" if provisional else
             f" (80% range {percent(result.low_ratio)}-{percent(result.high_ratio)})"))
    print(f"  Score:           {result.credited_score or 0.0:.1f} of "
          f"{result.projected_expected:.1f} expected points credited at the end; "
          f"{result.score_so_far:.1f} logged so far, {result.projected_score:.1f} projected "
          "before each dimension's credit is capped at 150% of its expected points")
    if not provisional:
        print(f"  Chance of Meeting Expectations or better: "
              f"{percent(result.probability_meeting_or_better)}")
    print(f"  Method: {result.method}; pace from {plural(result.weeks_in_sample, 'week')}.")
    return 0


@command("warnings",
         *window_arguments())
def cmd_warnings(args: argparse.Namespace) -> int:
    """Early warnings active this week, each with its evidence."""
    from perfmirror_core.forecast import forecast
    from perfmirror_core.scoring import compute_status
    from perfmirror_core.status import window_as_dict, window_line
    from perfmirror_core.warnings import MIX_WINDOW_WEEKS, active_warnings, warning_as_dict

    store, as_of, weeks, data = _read_window(args)
    found = active_warnings(data, as_of, weeks, week_left(as_of))
    _observe(store, as_of, weeks, [warning.code for warning in found])
    period = forecast(data, as_of, weeks)
    report = compute_status(data, as_of, weeks)  # next-level evidence is read over this window
    window = {**window_as_dict(report), "as_of": str(as_of),
              "forecast_period_start": str(period.period_start),
              "forecast_period_end": str(period.period_end), "mix_weeks": MIX_WINDOW_WEEKS}
    if args.json:
        print_json({"as_of": str(as_of), "window": window,
                     "warnings": [warning_as_dict(w) for w in found]})
        return 0
    print(f"Early warnings for the window {window_line(report)}: the forecast is for your "
          f"period {period.period_start}..{period.period_end}, the mix of work over the last "
          f"{MIX_WINDOW_WEEKS} weeks.")
    if not found:
        print(f"No warnings as of {as_of}.")
    for warning in found:
        print(f"! {warning.code} (since {warning.first_week_held}): {warning.message}")
        for item in warning.evidence:
            print(f"    - {item}")
    if found:
        print("Seen it? `perfmirror ack CODE`: your time to awareness (TTA) stops there and the "
              "time to resolution (TTR) starts.")
    return 0


@command("ack",
         arg("code", help="the warning code, e.g. impact-far-under"),
         arg("--note", help="what you will do about it"),
         arg("--week", help="the week you noticed (YYYY-Www); default this week"))
def cmd_ack(args: argparse.Namespace) -> int:
    """Acknowledge an early warning: the time to awareness (TTA) stops, the time to resolution
    (TTR) starts."""
    from perfmirror_core.validation import not_in_future
    from perfmirror_core.warnings import check_code, conditions_by_week

    current = this_week()
    code = check_code(args.code)  # checked before anything is opened or written
    week = not_in_future(parse_week(args.week) if args.week else current, current)
    store = open_store()
    history = conditions_by_week(store.scoring_data(last=week), week, week_left=week_left(week))
    holding = history[-1].codes if history and history[-1].week == week else frozenset()
    _observe(store, week, None, holding)  # acknowledging is looking at them too
    held = code in holding
    ack = store.acknowledge(code, week, current, args.note)
    print(f"Acknowledged {ack.code} in {ack.week} [#{ack.id}].")
    if not held:
        print(f"Note: {code} did not hold in {week}; this acknowledgement counts only for an "
              "episode already under way in that week.")
    return 0


def _episode_line(episode) -> str:
    text = f"{episode.code}: since {episode.started}"
    if episode.acknowledged is None:
        if episode.open:
            return (f"{text}, not acknowledged ({plural(episode.waiting, 'week')} so far) -> "
                    f"`perfmirror ack {episode.code}`")
        return f"{text}, resolved {episode.resolved} without an acknowledgement"
    text += f", acknowledged {episode.acknowledged} (TTA {episode.tta})"
    if episode.open:
        return f"{text}, not resolved yet ({plural(episode.waiting, 'week')} so far)"
    return f"{text}, resolved {episode.resolved} (TTR {episode.ttr})"


def _trend_line(label: str, trend) -> str:
    if trend.earlier_mean is None:
        return f"  {label}: {plural(len(trend.measurements), 'measurement')}, not enough for a trend"
    return (f"  {label}: {trend.earlier_mean:.1f} -> {trend.later_mean:.1f} weeks "
            f"({trend.direction}, {len(trend.measurements)} measurements)")


@command("loops",
         *window_arguments())
def cmd_loops(args: argparse.Namespace) -> int:
    """Time to awareness (TTA) and time to resolution (TTR): now, before, and the trend."""
    from perfmirror_core.loops import loop_report, loop_report_as_dict
    from perfmirror_core.scoring import compute_status, history_start_week
    from perfmirror_core.status import window_as_dict, window_line
    from perfmirror_core.warnings import conditions_by_week

    store, as_of, weeks, data = _read_window(args)
    history = conditions_by_week(data, as_of, weeks, week_left(as_of))
    if history and history[-1].week == as_of:
        _observe(store, as_of, weeks, history[-1].codes)
    report = loop_report([(row.week, row.codes) for row in history], store.acknowledgements(),
                         store.struggles(), as_of, store.observations())
    # Loops read the whole history up to as-of: that is their window.
    start = history_start_week(data)
    span = compute_status(data, as_of, start.weeks_until(as_of) + 1
                          if start is not None and start <= as_of else None)
    if args.json:
        print_json({**loop_report_as_dict(report), "window": window_as_dict(span)})
        return 0
    print(f"Feedback loops over the window {window_line(span)}: TTA = time to awareness (the "
          "warning held -> you acknowledged it), TTR = time to resolution (acknowledged -> "
          "resolved), in weeks")
    print("Current:" if report.current else "Current: no open warnings.")
    for episode in report.current:
        print(f"  {_episode_line(episode)}")
    if report.closed:
        print("History:")
    for episode in report.closed:
        print(f"  {_episode_line(episode)}")
    print("Trend (are they getting shorter?):")
    print(_trend_line("TTA", report.tta))
    print(_trend_line("TTR", report.ttr))
    if report.struggles:
        print("Struggles from your career memory (noticed -> resolved):")
        for episode in report.struggles:
            end = (f"{episode.resolved}, {episode.ttr} weeks" if not episode.open
                   else f"open, {episode.waiting} weeks so far")
            print(f"  #{episode.struggle_id} {episode.started} -> {end}: {episode.text}")
        print(_trend_line("struggle TTR", report.struggle_ttr))
    return 0


def _status(as_of: IsoWeek, weeks: int | None) -> StatusReport:
    from perfmirror_core.status import where_am_i

    return where_am_i(open_store().scoring_data(last=as_of), as_of, weeks)


@command("recommend", *window_arguments())
def cmd_recommend(args: argparse.Namespace) -> int:
    """Your next steps for the coming week, ranked, each with the points it adds."""
    from perfmirror_core.recommendations import recommendation_as_dict
    from perfmirror_core.status import window_as_dict, window_line

    from ..tools.indicators import next_steps

    as_of, weeks = as_of_period(args)
    report = _status(as_of, weeks)
    steps = next_steps(open_store(), as_of, weeks=weeks)
    if args.json:
        print_json({"as_of": str(as_of), "window": window_as_dict(report),
                     "recommendations": [recommendation_as_dict(step) for step in steps]})
        return 0
    print(f"Next steps from the window {window_line(report)}:")
    if not steps:
        print("None: nothing logged in this window, or nothing behind what your level expects.")
    for step in steps:
        print(f"{step.rank}. {step.message}")
    return 0


@command("insights", *window_arguments())
def cmd_insights(args: argparse.Namespace) -> int:
    """Every insight on your status (the card shows the top 3), with the categories and figures
    that make each one true."""
    from dataclasses import asdict

    from perfmirror_core.status import provisional_note, window_as_dict, window_line

    as_of, weeks = as_of_period(args)
    report = _status(as_of, weeks)
    if args.json:
        print_json({"as_of": str(as_of), "window": window_as_dict(report), "band": report.band,
                     "provisional": provisional_note(report) or None,
                     "insights": [asdict(insight) for insight in report.insights]})
        return 0
    provisional = provisional_note(report)
    print(f"Insights for the window {window_line(report)}: {report.band}"
          + (f"; {provisional}" if provisional else ""))
    marks = {"warning": "!", "info": "›", "positive": "✓"}
    for insight in report.insights:
        print(f"{marks.get(insight.kind, '-')} {insight.message}")
        for figure in insight.evidence:
            print(f"    - {figure}")
    return 0


@command("due",
         arg("--as-of", help="the week to check (YYYY-Www); default this week"),
         arg("--json", action="store_true"))
def cmd_due(args: argparse.Namespace) -> int:
    """Is this week's check-in done? (Its window is the one week.)"""
    from perfmirror_core.validation import not_in_future

    current = this_week()
    week = not_in_future(parse_week(args.as_of, "as-of"), current, "as-of") if args.as_of \
        else current
    label = "This week's check-in" if week == current else "The check-in"
    status = open_store().checkin_due(week)
    if args.json:
        print_json({"week": str(week), "done": status.done, "entries": status.entries,
                     "chat_messages": status.chat_messages})
    elif status.done:
        print(f"{label} ({week}) is done: {plural(status.entries, 'entry', 'entries')}, "
              f"{plural(status.chat_messages, 'chat message')}.")
    else:
        print(f"{label} ({week}) is due: nothing logged and no chat yet. "
              "Run `perfmirror checkin` or `perfmirror log`.")
    return 0
