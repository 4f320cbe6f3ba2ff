"""The work that closes a status's gaps, ranked: one list for the card and for ``recommend``.

The card's path to the next band once picked its own example (the fewest occurrences of any
category that would reach the band), so the demo's card said "Biggest shortfall: Documentation"
and then "for example, ship 5 more features" while ``recommend`` led with "Write 2 docs for
others this week". A thoughtful manager gives one first step. ``band_steps`` is that ranking,
computed from the status report alone; the card names its first step and ``recommend`` adds to
the same list what only it knows (the early warnings' reasons, next-level evidence, back-fill).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from .scoring import (BANDS_BEST_FIRST, PARTIALLY, CategoryInfo, LevelFramework, StatusReport,
                      far_short_dimensions)
from .text import plural

# A category the window expected less than once of is not "missing" when absent: one
# architecture decision in twenty weeks cannot be behind in week four.
MIN_EXPECTED_COUNT = 1.0


@dataclass(frozen=True)
class WorkStep:
    """Occurrences of one category to do this week, with the points they add."""

    name: str
    dimension: str
    count: int
    points_each: float  # category points x the weight of its dimension in the as-of week
    reasons: tuple[str, ...]
    urgent: bool  # lifts a dimension whose floor caps the next band
    shortfall: float  # role-weighted points behind (0 for next-level evidence)
    query: str  # what a career record must be about to ground the step

    @property
    def points(self) -> float:
        return self.count * self.points_each


def rank_key(step: WorkStep) -> tuple[bool, bool, float, float, str]:
    """Floor-lifting steps first, then the level's shortfalls by role-weighted points behind
    (next-level evidence, with no shortfall, after them), then the points the step adds."""
    return (not step.urgent, step.shortfall == 0, -step.shortfall, -step.points, step.name)


def week_count(shortfall_count: int, expected_weekly: float, expected_in_window: float) -> int:
    """Occurrences to ask for this week: the shortfall, at most twice a usual week (at least
    1) and at most twice the window's expected count (at least 2)."""
    week_cap = max(1, math.ceil(2 * expected_weekly - 1e-9))
    window_cap = max(2, math.floor(2 * expected_in_window + 1e-9))
    return max(1, min(shortfall_count, week_cap, window_cap))


def capping_dimensions(report: StatusReport) -> set[str]:
    """The dimensions whose floor stands between the person and the next band. The floor caps
    bands above Partially only: below that, any points count toward the next band."""
    if report.next_band not in BANDS_BEST_FIRST[:BANDS_BEST_FIRST.index(PARTIALLY)]:
        return set()
    return {d.name for d in far_short_dimensions(report.dimensions)}


def last_weeks(report: StatusReport) -> str:
    """The window as each step names it, "the last 12 weeks"; an answer that sits above the
    steps ("how far is Strong Performance?") uses the same words."""
    return f"the last {plural(report.weeks, 'week')}"


def band_steps(report: StatusReport, framework: LevelFramework,
               categories: Mapping[int, CategoryInfo]) -> list[WorkStep]:
    """The level's categories behind their expectation in the report's window, as work for
    this week, best first (``rank_key``). Only categories the window expected at least once,
    none in a dimension already credited in full (more would add nothing). The count closes
    the shortfall or reaches the next band, whichever is fewer, within a sensible week
    (``week_count``)."""
    ids = {info.name: category_id for category_id, info in categories.items()}
    to_next = report.points_to_next_band
    capping = capping_dimensions(report)
    full = {d.name for d in report.dimensions if d.credited < d.weighted}
    window = last_weeks(report)
    steps: list[WorkStep] = []
    for result in report.categories:
        if result.expected_count < MIN_EXPECTED_COUNT or result.performance not in ("under",
                                                                                    "none"):
            continue
        if result.dimension in full or result.name not in ids:
            continue
        category = categories[ids[result.name]]
        weight = framework.weights.of(category.dimension)
        points_each = category.points * weight
        if points_each <= 0:
            continue
        missing = math.ceil((result.expected - result.actual) / category.points - 1e-9)
        count = week_count(missing, framework.expected_weekly.get(category.id, 0.0),
                           result.expected_count)
        if to_next > 0 and not capping:
            count = min(count, max(1, math.ceil(to_next / points_each - 1e-6)))
        reasons = [f"{result.name}: {result.actual_count} of {result.expected_count:g} expected "
                   f"in {window}"]
        if category.dimension in capping and report.band_cap is not None:
            reasons.append(f"band {report.band_cap.reason}")
        steps.append(WorkStep(result.name, category.dimension, count, points_each,
                              tuple(reasons), category.dimension in capping,
                              (result.expected - result.actual) * weight, result.name))
    return sorted(steps, key=rank_key)
