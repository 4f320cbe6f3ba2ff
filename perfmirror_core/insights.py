"""Deterministic insights: what the numbers say, in sentences, with the evidence named.

The original's six rules are kept (mix of dimensions, senior IC impact, manager input). The added
rules are the ones a coach would say first: the biggest shortfall, the cheapest way to reach the
next band, a falling trend, a logging gap, and a dimension far below its expected share. Each
insight carries the figures it rests on, so the coach can quote rather than invent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping, Sequence

from .coverage import ExpectationCoverage
from .scoring import NO_DATA, CategoryInfo, LevelFramework, StatusReport, percent

WARNING, INFO, POSITIVE = "warning", "info", "positive"
SENIOR_IC_LEVEL = 5
MANAGER_ROLES = frozenset({"Manager", "Senior Manager", "Director"})
TREND_WINDOW = 4


@dataclass(frozen=True)
class Insight:
    code: str
    kind: str  # warning | info | positive
    message: str
    evidence: tuple[str, ...] = ()


def _mix_insights(report: StatusReport) -> list[Insight]:
    """The original's rules on the share of raw points per dimension."""
    share = {d.name: d.share for d in report.dimensions}
    figures = tuple(f"{name} {percent(value)} of points" for name, value in share.items())
    found: list[Insight] = []
    if share["input"] > 0.40 and share["outcome"] < 0.15:
        found.append(Insight("consuming-more-than-delivering", WARNING,
                             "You are taking in more than you are turning into results: "
                             f"input is {percent(share['input'])} of your points, outcome "
                             f"{percent(share['outcome'])}.", figures))
    if share["output"] > 0.50 and share["impact"] < 0.10:
        found.append(Insight("execution-without-impact", INFO,
                             f"Strong execution ({percent(share['output'])} output) with little "
                             f"lasting impact ({percent(share['impact'])}).", figures))
    if max(share.values()) <= 0.40:
        found.append(Insight("balanced-mix", POSITIVE,
                             "Your work is balanced across the four dimensions.", figures))
    if share["impact"] > 0.30:
        found.append(Insight("high-impact", POSITIVE,
                             f"Impact is {percent(share['impact'])} of your points: the profile "
                             "senior roles are judged on.", figures))
    return found


def _weak_categories(report: StatusReport, dimension: str) -> list[str]:
    return [c.name for c in report.categories
            if c.dimension == dimension and c.expected > 0 and c.performance in ("under", "none")]


def _role_insights(report: StatusReport) -> list[Insight]:
    found: list[Insight] = []
    if report.role == "IC" and report.level >= SENIOR_IC_LEVEL:
        weak = _weak_categories(report, "impact")
        if weak:
            found.append(Insight("senior-grow-impact", WARNING,
                                 f"At IC L{report.level} impact is expected; under or missing: "
                                 f"{', '.join(weak)}.", tuple(weak)))
    if report.role in MANAGER_ROLES:
        weak = _weak_categories(report, "input")
        if weak:
            found.append(Insight("manager-keep-input", WARNING,
                                 "Keep 1:1s and team development going; under or missing: "
                                 f"{', '.join(weak)}.", tuple(weak)))
    return found


def _biggest_gap(report: StatusReport) -> list[Insight]:
    gaps = [(c.expected - c.actual, c) for c in report.categories if c.expected > c.actual]
    if not gaps:
        return []
    gap, category = max(gaps, key=lambda pair: (pair[0], pair[1].name))
    return [Insight("biggest-gap", WARNING if category.performance in ("under", "none") else INFO,
                    f"Biggest shortfall: {category.name}, {category.actual_count} logged against "
                    f"{category.expected_count:g} expected ({gap:g} points short).",
                    (f"{category.name}: {category.actual:g} of {category.expected:g} points",))]


def _path_to_next_band(report: StatusReport, framework: LevelFramework,
                       categories: Mapping[int, CategoryInfo]) -> list[Insight]:
    """The fewest occurrences of one expected category that would reach the next band."""
    if report.next_band is None or report.points_to_next_band <= 0 or report.expected <= 0:
        return []
    options = []
    for category_id in framework.expected_weekly:
        category = categories.get(category_id)
        if category is None:
            continue
        value = category.points * framework.weights.of(category.dimension)
        if value > 0:
            options.append((math.ceil(report.points_to_next_band / value - 1e-9), -value,
                            category.name, value))
    if not options:
        return []
    needed, _, name, value = min(options)
    return [Insight("path-to-next-band", INFO,
                    f"{report.points_to_next_band:.1f} weighted points to {report.next_band}: "
                    f"for example {needed} more {name} ({value:g} weighted points each).",
                    (f"{name}: {value:g} weighted points per occurrence",))]


def _trend(report: StatusReport) -> list[Insight]:
    weeks = report.weekly
    if len(weeks) < 2 * TREND_WINDOW:
        return []
    recent, earlier = weeks[-TREND_WINDOW:], weeks[:-TREND_WINDOW]

    def ratio(results) -> float | None:
        expected = sum(r.expected for r in results)
        return sum(r.score for r in results) / expected if expected else None

    recent_ratio, earlier_ratio = ratio(recent), ratio(earlier)
    if recent_ratio is None or not earlier_ratio:
        return []
    evidence = (f"last {TREND_WINDOW} weeks at {percent(recent_ratio)} of expected",
                f"the {len(earlier)} weeks before at {percent(earlier_ratio)}")
    if recent_ratio < 0.8 * earlier_ratio:
        return [Insight("declining", WARNING,
                        f"Slowing down: the last {TREND_WINDOW} weeks ran at {percent(recent_ratio)} "
                        f"of expectation, down from {percent(earlier_ratio)}.", evidence)]
    if recent_ratio > 1.25 * earlier_ratio:
        return [Insight("improving", POSITIVE,
                        f"Picking up: the last {TREND_WINDOW} weeks ran at {percent(recent_ratio)} "
                        f"of expectation, up from {percent(earlier_ratio)}.", evidence)]
    return []


def _logging_gap(report: StatusReport) -> list[Insight]:
    """Two or more empty weeks at the end of the period: the mirror is going dark."""
    empty = 0
    for week in reversed(report.weekly):
        if week.entries:
            break
        empty += 1
    if empty < 2 or report.entry_count == 0:
        return []
    since = report.weekly[-empty].week
    return [Insight("logging-gap", WARNING,
                    f"Nothing logged for {empty} weeks (since {since}): log or back-fill so the "
                    "status reflects your real work.", (f"{empty} empty weeks",))]


def _dimension_far_under(report: StatusReport) -> list[Insight]:
    """Dimensions below half of what the level expects, in one insight, worst first."""
    under = sorted(((d.weighted / d.expected, d) for d in report.dimensions
                    if d.expected > 0 and d.weighted < 0.5 * d.expected),
                   key=lambda pair: pair[0])
    if not under:
        return []
    names = ", ".join(f"{d.name} {percent(share)}" for share, d in under)
    return [Insight("dimension-far-under", WARNING,
                    f"Far below what your level expects in: {names}.",
                    tuple(f"{d.name}: {d.weighted:.1f} of {d.expected:.1f} weighted points"
                          for _, d in under))]


def _next_level_missing(coverage: Sequence[ExpectationCoverage]) -> list[Insight]:
    missing = [c for c in coverage if c.level_kind == "next" and c.status == "missing"]
    if not missing:
        return []
    level = missing[0].level
    return [Insight("next-level-missing", INFO,
                    f"{len(missing)} L{level} expectation(s) show no evidence yet, e.g. "
                    f"\"{missing[0].text}\".", tuple(c.text for c in missing))]


_KIND_ORDER = {WARNING: 0, INFO: 1, POSITIVE: 2}


def derive_insights(report: StatusReport, framework: LevelFramework,
                    categories: Mapping[int, CategoryInfo],
                    coverage: Sequence[ExpectationCoverage]) -> tuple[Insight, ...]:
    """All insights for a status, warnings first; empty when there is no data."""
    if report.band == NO_DATA and report.entry_count == 0:
        return (Insight("no-data", INFO,
                        f"Nothing logged in the {report.weeks} weeks ending {report.as_of}: "
                        "log a week to see where you stand."),)
    if report.expected <= 0:
        return (Insight("no-expectations", WARNING,
                        f"No expected weekly counts for {report.role} L{report.level}: add some "
                        "with `perfmirror category edit NAME --expected N`."),)
    found = (_logging_gap(report) + _trend(report) + _dimension_far_under(report)
             + _biggest_gap(report) + _path_to_next_band(report, framework, categories)
             + _role_insights(report) + _mix_insights(report) + _next_level_missing(coverage))
    return tuple(sorted(found, key=lambda insight: _KIND_ORDER[insight.kind]))
