"""Where will I end up? A deterministic projection of the end-of-period score and band.

Pure functions over plain data: no I/O, no clock, no randomness ("as of" is passed in).

The period
    ``compute_status`` scores the N weeks *ending* at as-of, so its "end" is always now. A
    forecast needs an end in the future, so here a period is N weeks *starting* at a period
    start: periods are laid end to end from the week the person's history starts
    (``history_start_week``: the first profile week or first entry, whichever is earlier), N
    being the target's period length, so no period reaches back before the history.
    Calendar quarters were the other candidate; they are 13 weeks (sometimes 14) while the
    default target is 12 and the person may set any length, so they would not line up with the
    period the bands are defined over. ``anchor`` overrides the history start.

The method
    1. Each week's ratio is its weighted score / its expected points (so a promotion mid-period
       is judged week by week at the level of each week, as in ``compute_status``).
    2. The pace is a recency-weighted mean of the weekly ratios since logging began, over at most
       ``LOOKBACK_WEEKS``, each week weighing ``0.5 ** (age / HALF_LIFE_WEEKS)``. Weeks before the
       period start count too: in week 1 of a period, last period's pace is the best evidence
       there is; the half-life lets a change of pace take over within a month or so.
    3. Projected score = the score logged so far in the period + pace x the expected points of
       each remaining week (at the level in effect then). Projected ratio = that / the period's
       expected points; the band follows from the thresholds in effect at as-of.
    4. Spread: the weighted sample variance of the weekly ratios, shrunk toward a prior spread
       (``PRIOR_WEEKLY_SD`` with ``PRIOR_WEIGHT`` pseudo-weeks) so that one or two weeks of data
       do not claim certainty. The remaining weeks add their own week-to-week noise and the
       uncertainty of the pace itself (variance / effective number of weeks):
       ``var(future) = s^2 * sum(e_j^2) + (s^2 / n_eff) * (sum e_j)^2``.
    5. A normal approximation gives the 80 % range (``RANGE_Z``) and the probability of ending at
       or above Meeting Expectations. The range never drops below what is already banked, and
       when the banked score alone reaches Meeting the probability is 1.

    A bootstrap would make no normality assumption, but it needs many weeks to resample from and
    a seeded random generator to stay deterministic; the closed form is exact arithmetic, cheap
    enough to run for every week of ten years of history (the early-warning history does), and
    ``benchmarks/forecast_backtest.py`` measures how often its band is right.

An empty as-of week is read as "not logged yet" rather than "did nothing": it is projected at the
pace, not counted as zero (the logging-stopped warning is what speaks up when nothing comes).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Mapping

from .scoring import (DIMENSIONS, MEETING, NO_DATA, LevelFramework, ScoringData, band_for_ratio,
                      entry_points, expected_weekly_points, history_start_week)
from .weeks import IsoWeek, week_of

HALF_LIFE_WEEKS = 4.0
LOOKBACK_WEEKS = 26
# Weekly ratios swing widely: a design doc alone adds 5 points to a week IC L4 expects ~42 of.
# In the backtest the 80 % range held the actual ratio 74 % of the time with 0.35, 78 % with
# 0.5 and 83 % with 0.7; the hit rate of the band did not move (66 %).
PRIOR_WEEKLY_SD = 0.5
PRIOR_WEIGHT = 2.0
RANGE_Z = 1.2816  # 80 % two-sided range of a normal distribution
METHOD = (f"recency-weighted mean of weekly ratios (half-life {HALF_LIFE_WEEKS:g} weeks, up to "
          f"{LOOKBACK_WEEKS} weeks back) projected over the remaining weeks; 80% range and "
          "probability from a normal approximation")


@dataclass(frozen=True)
class WeekScore:
    """One week, scored at the role, level and weights in effect that week."""

    week: IsoWeek
    score: float
    expected: float
    entries: int
    weighted: Mapping[str, float]  # weight x points per dimension
    expected_by_dimension: Mapping[str, float]
    category_ids: frozenset[int]  # categories with an entry this week

    @property
    def ratio(self) -> float | None:
        return self.score / self.expected if self.expected > 0 else None


class WeeklyScores:
    """Week-by-week scores of one ``ScoringData``, computed on demand and kept.

    Forecasts and warnings look at the same weeks many times (every week of the history is an
    as-of for TTA/TTR), so entries are bucketed once and each week is scored once. The scores
    are the ones ``compute_status`` sums: weight[dimension] x points, expected from the level's
    templates.
    """

    def __init__(self, data: ScoringData) -> None:
        self.data = data
        self._entries_by_week: dict[IsoWeek, list] = {}
        for entry in data.entries:
            if entry.category_id in data.categories:
                self._entries_by_week.setdefault(entry.week, []).append(entry)
        self.logged_weeks: tuple[IsoWeek, ...] = tuple(sorted(self._entries_by_week))
        self._weeks: dict[IsoWeek, WeekScore] = {}
        self._expected: dict[tuple[str, int], dict[str, float]] = {}
        # Week arithmetic on plain integers: IsoWeek.shifted goes through the calendar, and a
        # history of ten years asks for tens of thousands of shifts.
        self._numbers: dict[IsoWeek, int] = {}
        self._by_number: dict[int, IsoWeek] = {}

    def number(self, week: IsoWeek) -> int:
        found = self._numbers.get(week)
        if found is None:
            found = self._numbers[week] = (week.monday.toordinal() - 1) // 7
            self._by_number[found] = week
        return found

    def shifted(self, week: IsoWeek, weeks: int) -> IsoWeek:
        """Same as ``week.shifted(weeks)``, cached."""
        target = self.number(week) + weeks
        found = self._by_number.get(target)
        if found is None:
            found = week_of(date.fromordinal(target * 7 + 1))
            self._by_number[target] = found
            self._numbers[found] = target
        return found

    def weeks_between(self, first: IsoWeek, last: IsoWeek) -> int:
        """Same as ``first.weeks_until(last)``."""
        return self.number(last) - self.number(first)

    def expected_by_dimension(self, framework: LevelFramework) -> dict[str, float]:
        key = (framework.role, framework.level)
        if key not in self._expected:
            self._expected[key] = expected_weekly_points(framework, self.data.categories)
        return self._expected[key]

    def of(self, week: IsoWeek) -> WeekScore:
        found = self._weeks.get(week)
        if found is None:
            found = self._weeks[week] = self._score(week)
        return found

    def _score(self, week: IsoWeek) -> WeekScore:
        framework = self.data.framework_in(week)
        entries = self._entries_by_week.get(week, [])
        points = dict.fromkeys(DIMENSIONS, 0.0)
        for entry in entries:
            category = self.data.categories[entry.category_id]
            points[category.dimension] += entry_points(entry, category)
        weighted = {d: framework.weights.of(d) * points[d] for d in DIMENSIONS}
        expected = self.expected_by_dimension(framework)
        return WeekScore(week, sum(weighted.values()), sum(expected.values()), len(entries),
                         weighted, expected, frozenset(e.category_id for e in entries))

    def first_logged(self, until: IsoWeek | None = None) -> IsoWeek | None:
        """The first week with an entry (at or before ``until`` when given)."""
        if not self.logged_weeks or (until is not None and self.logged_weeks[0] > until):
            return None
        return self.logged_weeks[0]


@dataclass(frozen=True)
class Forecast:
    as_of: IsoWeek
    period_start: IsoWeek
    period_end: IsoWeek
    weeks_elapsed: int  # period weeks up to and including as-of
    weeks_total: int
    score_so_far: float  # banked: the period's score up to as-of
    projected_score: float
    projected_expected: float  # the whole period's expected points
    projected_ratio: float | None
    low_ratio: float | None  # 80 % range
    high_ratio: float | None
    projected_band: str
    probability_meeting_or_better: float | None
    meeting_ratio: float  # the Meeting threshold in effect at as-of
    weeks_in_sample: int  # weeks the pace was measured on
    method: str = METHOD


def period_containing(as_of: IsoWeek, weeks: int, anchor: IsoWeek) -> tuple[IsoWeek, IsoWeek]:
    """The ``weeks``-long period (laid end to end from ``anchor``) that contains ``as_of``."""
    index = anchor.weeks_until(as_of) // weeks  # floor: periods extend before the anchor too
    start = anchor.shifted(index * weeks)
    return start, start.shifted(weeks - 1)


def _normal_at_least(threshold: float, mean: float, sd: float) -> float:
    """P(X >= threshold) for X ~ Normal(mean, sd)."""
    return 0.5 * math.erfc((threshold - mean) / (sd * math.sqrt(2)))


def forecast(data: ScoringData, as_of: IsoWeek, weeks: int | None = None,
             anchor: IsoWeek | None = None) -> Forecast:
    """Project the end of the period containing ``as_of``; entries after ``as_of`` are ignored."""
    return forecast_from(WeeklyScores(data), as_of, weeks, anchor)


def forecast_from(scores: WeeklyScores, as_of: IsoWeek, weeks: int | None = None,
                  anchor: IsoWeek | None = None) -> Forecast:
    """``forecast`` over already bucketed weekly scores (for many as-of weeks in a row)."""
    data = scores.data
    current = data.framework_in(as_of)
    length = weeks or current.period_weeks
    start, end = period_containing(as_of, length, anchor or history_start_week(data) or as_of)
    elapsed = scores.weeks_between(start, as_of) + 1
    as_of_score = scores.of(as_of)
    # An empty as-of week is "not logged yet": projected like the weeks to come.
    last_counted = as_of if as_of_score.entries else scores.shifted(as_of, -1)
    counted = scores.weeks_between(start, last_counted) + 1  # 0 when nothing counts yet

    period = [scores.of(scores.shifted(start, offset)) for offset in range(length)]
    banked = sum(week.score for week in period[:counted])
    remaining_expected = [week.expected for week in period[counted:]]
    period_expected = sum(week.expected for week in period)

    first_logged = scores.first_logged(until=as_of)
    sample: list[tuple[float, float]] = []  # (ratio, weight)
    if first_logged is not None:
        ages = min(LOOKBACK_WEEKS, scores.weeks_between(first_logged, last_counted) + 1)
        for age in range(ages):
            ratio = scores.of(scores.shifted(last_counted, -age)).ratio
            if ratio is not None:
                sample.append((ratio, 0.5 ** (age / HALF_LIFE_WEEKS)))

    meeting = current.thresholds.minimum_ratio(MEETING)
    if not sample or period_expected <= 0:
        return Forecast(as_of, start, end, elapsed, length, banked, banked, period_expected,
                        None, None, None, NO_DATA, None, meeting, len(sample))

    total_weight = sum(weight for _, weight in sample)
    pace = sum(ratio * weight for ratio, weight in sample) / total_weight
    n_eff = total_weight ** 2 / sum(weight ** 2 for _, weight in sample)
    spread = sum(weight * (ratio - pace) ** 2 for ratio, weight in sample) / total_weight
    sample_variance = spread * n_eff / (n_eff - 1) if n_eff > 1 else 0.0
    variance = ((PRIOR_WEIGHT * PRIOR_WEEKLY_SD ** 2 + max(n_eff - 1, 0.0) * sample_variance)
                / (PRIOR_WEIGHT + max(n_eff - 1, 0.0)))

    future_expected = sum(remaining_expected)
    projected_score = banked + pace * future_expected
    future_variance = (variance * sum(e * e for e in remaining_expected)
                       + variance / n_eff * future_expected ** 2)
    ratio = projected_score / period_expected
    sd = math.sqrt(future_variance) / period_expected
    secured = banked / period_expected
    low = max(secured, ratio - RANGE_Z * sd)
    high = ratio + RANGE_Z * sd
    if secured >= meeting:
        probability = 1.0
    elif sd == 0:
        probability = 1.0 if ratio >= meeting else 0.0
    else:
        probability = _normal_at_least(meeting, ratio, sd)
    return Forecast(as_of, start, end, elapsed, length, banked, projected_score, period_expected,
                    ratio, low, high, band_for_ratio(ratio, current.thresholds), probability,
                    meeting, len(sample))


def forecast_as_dict(result: Forecast) -> dict:
    """The JSON contract of ``perfmirror forecast --json`` (numbers unrounded)."""
    return {
        "as_of": str(result.as_of),
        "period_start": str(result.period_start),
        "period_end": str(result.period_end),
        "weeks_elapsed": result.weeks_elapsed,
        "weeks_total": result.weeks_total,
        "score_so_far": result.score_so_far,
        "projected_score": result.projected_score,
        "projected_expected": result.projected_expected,
        "projected_ratio": result.projected_ratio,
        "low_ratio": result.low_ratio,
        "high_ratio": result.high_ratio,
        "projected_band": result.projected_band,
        "probability_meeting_or_better": result.probability_meeting_or_better,
        "meeting_ratio": result.meeting_ratio,
        "weeks_in_sample": result.weeks_in_sample,
        "method": result.method,
    }


def forecast_line(result: Forecast) -> str:
    """One sentence for the status card and the coach."""
    if result.projected_ratio is None:
        return (f"Forecast: nothing logged yet to project the period ending "
                f"{result.period_end} from.")
    return (f"Forecast for {result.period_end} (week {result.weeks_elapsed} of "
            f"{result.weeks_total}): {result.projected_band}, {result.projected_ratio:.0%} of "
            f"expected (80% range {result.low_ratio:.0%}-{result.high_ratio:.0%}); "
            f"{result.probability_meeting_or_better:.0%} chance of Meeting Expectations "
            f"or better.")
