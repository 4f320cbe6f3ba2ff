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
       is judged week by week at the level of each week, as in ``compute_status``). The sample
       runs from the start of the person's history (the earlier of the first profile week and
       the first entry: later empty weeks are zeros, earlier ones are not weeks at all), at most
       ``LOOKBACK_WEEKS`` back, to the last counted week.
    2. ``fit_pace``: a weighted least-squares line through the weekly ratios, each week weighing
       ``0.5 ** (age / HALF_LIFE_WEEKS)``. Weeks before the period start count too: in week 1 of
       a period, last period's pace is the best evidence there is. The slope is shrunk toward 0
       (a normal prior of ``TREND_PRIOR_SD`` a week): a trend in weekly ratios is faint against
       their noise, and an unshrunk line swings a steady person's projection around.
    3. Projected points = the points banked so far in the period + the line's ratio for each
       week still to come x that week's expected points (at the level in effect then), split
       across the dimensions the way this person has recently been earning them
       (``_recent_mix``, recency-weighted like the pace), corrected for cadence: a lump of
       monthly work that is due is expected, one just in is not expected again (``lumps_due``).
    4. The band is the status's own rule (``scoring.capped_band``) applied to the projected
       totals: each dimension credited up to 150 % of its expected points, the credited ratio
       against the thresholds, and the band capped at Partially when a dimension the level
       weighs ends under half of its expectation. So the forecast of a period's last week is
       that period's status, and a card never says "Meeting 105%" beside "Underperforming
       63%" because surplus code was counted in one and not the other. ``raw_projected_ratio``
       keeps the uncapped figure.
    5. Spread (``future_variance``): the residuals' variance, shrunk toward ``PRIOR_WEEKLY_SD``
       (``PRIOR_WEIGHT`` pseudo-weeks) so two weeks of data claim no certainty, and their
       autocovariances up to ``CADENCE_WEEKS`` apart: cadence. Lumpy work (one big week a month)
       has negative echoes, so a sum of weeks is much surer than its wild single weeks suggest;
       ignoring that made the range 1.4-1.9 ratio units wide for sparse loggers. Added: the
       uncertainty of the level and of the trend (with the part of the trend the prior held
       back, so a real trend stays inside the range), a drift of ``DRIFT_SD`` a week nobody can
       see coming, and Poisson-like scaling (a week projected at a higher pace is noisier).
       Credit stops at the cap, so a dimension's share of the spread counts only as far as it
       is likely to stay under it.
    6. A normal approximation gives the 80 % range (``RANGE_Z``) of the credited ratio, never
       below what is already banked nor above every dimension at its cap. Calibrated per shape
       of person: the range leans toward a trend the point forecast shrank away (``Pace.lean``,
       the part a wide prior ``TREND_WIDE_SD`` keeps), since a real trend misses on one side
       only; without the lean the range held 77 % for declining and 76 % for improving people
       (the misses nearly all on the trend's side) and 83 % for steady ones. A sparse
       logger's slope is an artefact of which weeks they logged, so theirs does not lean.
       The probability below keeps the symmetric spread. The chance of ending
       at Meeting or better is the lesser of the chance that the credited ratio reaches it and
       the chance that every floored dimension ends over its floor (the two go together: the
       product would count one shortfall twice); 1 when the banked points alone are enough.

    A bootstrap would make no normality assumption, but it needs many weeks to resample from and
    a seeded random generator to stay deterministic; the closed form is exact arithmetic, cheap
    enough to run for every week of ten years of history (the early-warning history does).
    ``benchmarks/forecast_backtest.py`` measures it per shape of person; the constants were
    chosen on its tuning draw (``--seed 11``), and its default draw reports.

Not logged yet. The weeks since the last entry are "not logged yet" while such a silence is
ordinary for the person (``_logging``: one week for someone who logs nearly every week; for
someone logging one week in three, up to seven): the pace is measured up to the last entry and
those weeks are projected like the weeks to come. Someone who logs every few weeks records the
work of the weeks between at their next entry, and the status at the period's end counts only
what was recorded by then, so each week still to come is projected at the chance that its work
is in the record by the end. Counting those weeks as zeros made the forecast 9-12 points too low
for sparse loggers on the backtest. A longer silence counts as weeks without work (and the
logging-stopped warning speaks up).

A week in progress. The caller's clock says what share of the as-of week's working days is
still ahead (``week_left``: 3/5 on a Wednesday); when that week is logged so far, its share left
is projected like a week to come, in proportion (its points at the pace, its spread scaled by the
share). Read on the Wednesday of a period's last week, the range was the point ("79%-79%", a 0 %
chance) as if nothing more could be logged. The pace is still measured on the week as logged,
with its whole expectation (the card's own convention, which it states).

First readings. Under ``provisional.SETTLED_WEEKS`` weeks of history the forecast is
provisional by the card's test and in its words (``Forecast.provisional``): its projection is
"at this pace", and no surface states its range or chance. On the backtest's newcomers the week-1
range held 47 % of outcomes and the chance scored a Brier of 0.24-0.29 in weeks 1-3 (0.25 is a
coin toss); from week 4, 79 % and 0.18.

Lumps. A director's roadmaps, projects and hiring decisions (each expected less than once a
week) may all land in one week of the month. Three things keep that rhythm from reading as
trouble: the spread's echoes (item 5), the cadence term of the mean (``lumps_due``: a lump that
is due is expected, one just in is not expected again), and ``lump_cadence``, the mean gap
between the weeks holding any rare work when it is two weeks or more. With a cadence the range
does not lean on the slope (it says where the lumps fell), and ``warnings`` waits longer than
the gap before warning (``warnings.forecast_persistence``). On the backtest's tuning draw that
wait (with a won period's week silencing the warning without ending it) took the lumpy people
raising two ``forecast-below-meeting`` episodes in 26 weeks from 3 of 200 to none. A renewal
model of the lumps (the person's own gap distribution giving the mean and variance of the lumps
still to come, the pace fitted on the routine alone) was tried on that draw and not kept: a
band hit rate 1.8 points lower, no better calibrated, its range wider than 85 % on another
draw.
"""

from __future__ import annotations

import functools
import math
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .scoring import (DIMENSIONS, FAR_UNDER_FLOOR, MEETING, NO_DATA, BandCap, CategoryInfo,
                      Entry, LevelFramework, ScoringData, Thresholds, capped_band,
                      credited_points, entry_points, expected_weekly_counts,
                      expected_weekly_points, far_short_dimensions, floored_dimensions,
                      history_start_week)
from .provisional import SETTLED_WEEKS, first_reading_words, is_first_reading
from .weeks import IsoWeek, week_of

HALF_LIFE_WEEKS = 16.0
LOOKBACK_WEEKS = 52
# The prior on a trend (ratio units per week): how far a pace plausibly moves in a week. Trends
# in weekly ratios are faint against their noise, so an unshrunk line swings a steady person's
# projection around; shrunk this much, the backtest's declining and improving people keep most
# of their trend and steady people lose little.
TREND_PRIOR_SD = 0.012
# A second, wide prior: how fast a person who really is changing pace changes (the backtest's
# improving people gain 40 % of their pace in 24 weeks, up to 0.03 ratio units a week). The part
# of a trend this prior would keep and the narrow one held back is where the range leans: a
# point forecast shrunk toward no trend calls the band best, but its range must reach where a
# real trend goes (ranges held 77 % for declining and 76 % for improving people without it, the
# misses almost all on the trend's side).
TREND_WIDE_SD = 0.04
# Lags (weeks) over which a week's surplus or shortfall may be echoed by the weeks around it: a
# month, so lumpy monthly work (a big week, then quiet ones) reads as a rhythm, not as noise.
CADENCE_WEEKS = 4
ECHO_PRIOR_WEEKS = 10.0  # measured echoes count in proportion n / (n + this)
PRIOR_WEEKLY_SD = 0.2
PRIOR_WEIGHT = 2.0  # pseudo-weeks of PRIOR_WEEKLY_SD, so two weeks of data claim no certainty
CADENCE_MIN_GAP = 2.0  # weeks between lumps (a category's, or rare work's), on average, to count
DRIFT_SD = 0.03  # unforeseen change of pace per week (a random walk) over the weeks to come
WEEKLY_LOGGER = 0.75  # logs in at least this share of weeks: an empty week is unusual
ORDINARY_SILENCE = 0.05  # a silence is ordinary while at least this share of gaps lasts as long
RANGE_Z = 1.2816  # 80 % two-sided range of a normal distribution
METHOD = (f"recency-weighted level and trend of weekly ratios (half-life {HALF_LIFE_WEEKS:g} "
          f"weeks, up to {LOOKBACK_WEEKS} weeks back, trend shrunk toward none), projected over "
          f"the remaining weeks per dimension and judged by the status's band rule (credit cap, "
          f"floor); 80% range and probability from a normal approximation whose spread keeps "
          f"the person's own rhythm (echoes up to {CADENCE_WEEKS} weeks apart)")



@dataclass(frozen=True)
class WeekScore:
    """One week, scored at the role, level and weights in effect that week."""

    week: IsoWeek
    score: float
    expected: float
    entries: int
    weighted: Mapping[str, float]  # weight x points per dimension
    expected_by_dimension: Mapping[str, float]
    expected_counts: Mapping[str, float]  # occurrences expected per dimension
    category_ids: frozenset[int]  # categories with an entry this week
    by_category: Mapping[int, float]  # weighted points per category logged this week

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
        self._entries_by_week: dict[IsoWeek, list[Entry]] = {}
        for entry in data.entries:
            if entry.category_id in data.categories:
                self._entries_by_week.setdefault(entry.week, []).append(entry)
        self.logged_weeks: tuple[IsoWeek, ...] = tuple(sorted(self._entries_by_week))
        self._weeks: dict[IsoWeek, WeekScore] = {}
        self._expected: dict[tuple[str, int], dict[str, float]] = {}
        self._counts: dict[tuple[str, int], dict[str, float]] = {}
        self._events: dict[tuple[str, int], dict[str, float]] = {}
        # Week arithmetic on plain integers: IsoWeek.shifted goes through the calendar, and a
        # history of ten years asks for tens of thousands of shifts.
        self._numbers: dict[IsoWeek, int] = {}
        self._by_number: dict[int, IsoWeek] = {}
        self.logged_numbers: list[int] = [self.number(week) for week in self.logged_weeks]

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

    def expected_counts(self, framework: LevelFramework) -> dict[str, float]:
        key = (framework.role, framework.level)
        if key not in self._counts:
            self._counts[key] = expected_weekly_counts(framework, self.data.categories)
        return self._counts[key]

    def event_size(self, framework: LevelFramework) -> dict[str, float]:
        """Per dimension, the weighted points one occurrence brings on average at this level
        (weighted by how often each category is expected): a dimension made of rare big events
        (a design doc) swings more than one made of many small ones (code reviews)."""
        key = (framework.role, framework.level)
        if key not in self._events:
            squares, points = dict.fromkeys(DIMENSIONS, 0.0), dict.fromkeys(DIMENSIONS, 0.0)
            for category_id, count in framework.expected_weekly.items():
                category = self.data.categories.get(category_id)
                if category is not None:
                    size = framework.weights.of(category.dimension) * category.points
                    squares[category.dimension] += size * size * count
                    points[category.dimension] += size * count
            self._events[key] = {d: squares[d] / points[d] if points[d] > 0 else 0.0
                                 for d in DIMENSIONS}
        return self._events[key]

    def of(self, week: IsoWeek) -> WeekScore:
        found = self._weeks.get(week)
        if found is None:
            found = self._weeks[week] = self._score(week)
        return found

    def _score(self, week: IsoWeek) -> WeekScore:
        framework = self.data.framework_in(week)
        entries = self._entries_by_week.get(week, [])
        points = dict.fromkeys(DIMENSIONS, 0.0)
        by_category: dict[int, float] = {}
        for entry in entries:
            category = self.data.categories[entry.category_id]
            points[category.dimension] += entry_points(entry, category)
            by_category[entry.category_id] = by_category.get(entry.category_id, 0.0) + (
                framework.weights.of(category.dimension) * entry_points(entry, category))
        weighted = {d: framework.weights.of(d) * points[d] for d in DIMENSIONS}
        expected = self.expected_by_dimension(framework)
        return WeekScore(week, sum(weighted.values()), sum(expected.values()), len(entries),
                         weighted, expected, self.expected_counts(framework),
                         frozenset(e.category_id for e in entries), by_category)

    def first_logged(self, until: IsoWeek | None = None) -> IsoWeek | None:
        """The first week with an entry (at or before ``until`` when given)."""
        if not self.logged_weeks or (until is not None and self.logged_weeks[0] > until):
            return None
        return self.logged_weeks[0]


@dataclass(frozen=True)
class ProjectedDimension:
    """One dimension's end-of-period totals as projected: what is banked plus its share of the
    points still to come. Judged by the status's own band rule (``scoring.capped_band``)."""

    name: str
    weighted: float  # weight x points, banked and projected
    expected: float  # the period's expected weighted points
    expected_count: float  # occurrences the period expects (the floor waits for two)
    share: float  # its part of the points still to come: the person's recent mix
    event_sd: float = 0.0  # spread of its points to come, as Poisson events of the level's sizes


@dataclass(frozen=True)
class Forecast:
    as_of: IsoWeek
    period_start: IsoWeek
    period_end: IsoWeek
    weeks_elapsed: int  # period weeks up to and including as-of
    weeks_total: int
    score_so_far: float  # banked: the period's score up to as-of
    projected_score: float  # uncapped: banked + the pace over the weeks to come
    projected_expected: float  # the whole period's expected points
    projected_ratio: float | None  # credited (each dimension capped) / expected, as status
    low_ratio: float | None  # 80 % range of the credited ratio
    high_ratio: float | None
    projected_band: str  # the status's band rule applied to the projection
    probability_meeting_or_better: float | None
    meeting_ratio: float  # the Meeting threshold in effect at as-of
    weeks_in_sample: int  # weeks the pace was measured on
    raw_projected_ratio: float | None = None  # projected_score / expected, nothing capped
    band_cap: BandCap | None = None  # why the projected band is lower than its ratio's
    dimensions: tuple[ProjectedDimension, ...] = ()
    cadence_weeks: float | None = None  # mean weeks between lumps of rare work (lumpy people)
    history_weeks: int = 0  # the history's first week to as-of, inclusive
    method: str = METHOD

    @property
    def provisional(self) -> bool:
        """A first reading (``provisional.is_first_reading``, the card's own test). Its range
        and chance are computed (the backtest measures them) but no surface states them: on
        the backtest's newcomers the chance scored like a coin toss in weeks 1-3 and the
        week-1 range held under half of the outcomes. ``forecast_as_dict``, ``forecast_line``
        and the warnings withhold them; the projection is only "at this pace"."""
        return is_first_reading(self.history_weeks)

    @property
    def credited_score(self) -> float | None:
        """The projected points the band is judged on: each dimension counted up to 150 % of
        its expected points (``projected_score`` is before that cap)."""
        return None if self.projected_ratio is None else self.projected_ratio * self.projected_expected


def period_containing(as_of: IsoWeek, weeks: int, anchor: IsoWeek) -> tuple[IsoWeek, IsoWeek]:
    """The ``weeks``-long period (laid end to end from ``anchor``) that contains ``as_of``."""
    index = anchor.weeks_until(as_of) // weeks  # floor: periods extend before the anchor too
    start = anchor.shifted(index * weeks)
    return start, start.shifted(weeks - 1)


def _at_least(threshold: float, mean: float, sd: float) -> float:
    """P(X >= threshold) for X ~ Normal(mean, sd); a certainty when sd is 0."""
    if sd <= 0:
        return 1.0 if mean >= threshold else 0.0
    return 0.5 * math.erfc((threshold - mean) / (sd * math.sqrt(2)))


def forecast(data: ScoringData, as_of: IsoWeek, weeks: int | None = None,
             anchor: IsoWeek | None = None, week_left: float = 0.0) -> Forecast:
    """Project the end of the period containing ``as_of``; entries after ``as_of`` are ignored.
    ``week_left``: the share of the as-of week's working days still ahead (the caller's clock;
    0 for a week that is over)."""
    return forecast_from(WeeklyScores(data), as_of, weeks, anchor, week_left)


@dataclass(frozen=True)
class Pace:
    """A person's fitted pace: a level and a trend of their weekly ratios, and how sure."""

    level: float  # the weighted mean ratio, which sits at the weighted mean position ...
    centre: float  # ... in weeks from the last counted week (0), earlier weeks negative
    slope: float  # ratio per week, shrunk toward none
    level_variance: float
    slope_variance: float  # the shrunk slope's uncertainty, plus held-back trend read as noise
    autocovariance: tuple[float, ...]  # of one week's ratio, at lags 0..CADENCE_WEEKS
    lean: float = 0.0  # held-back trend a wide prior believes (signed, ratio per week)
    lean_variance: float = 0.0  # the same held-back trend, as a variance (for the probability)

    def at(self, offset: int) -> float:
        """The expected ratio ``offset`` weeks after the last counted week (never below 0)."""
        return max(0.0, self.level + self.slope * (offset - self.centre))


@dataclass(frozen=True)
class _Design:
    """What a fit over ``n`` weeks needs that does not depend on the ratios (kept per ``n``:
    the warning history fits one window per week of the history)."""

    weights: tuple[float, ...]
    lever: tuple[float, ...]  # weight x (position - centre)
    total: float
    effective_weeks: float
    centre: float
    sxx: float
    lever_squares: float  # sum of (weight x (position - centre))^2
    lag_totals: tuple[float, ...]  # sum of the weights that have a partner ``lag`` weeks later


@functools.lru_cache(maxsize=LOOKBACK_WEEKS + 1)
def _design(n: int) -> _Design:
    weights = tuple(0.5 ** ((n - 1 - i) / HALF_LIFE_WEEKS) for i in range(n))
    positions = [float(i - (n - 1)) for i in range(n)]
    total = sum(weights)
    centre = sum(w * x for w, x in zip(weights, positions)) / total
    lever = tuple(w * (x - centre) for w, x in zip(weights, positions))
    return _Design(weights, lever, total, total ** 2 / sum(w * w for w in weights), centre,
                   sum(w * (x - centre) ** 2 for w, x in zip(weights, positions)),
                   sum(v * v for v in lever),
                   tuple(sum(weights[:max(n - lag, 0)]) for lag in range(CADENCE_WEEKS + 1)))


def fit_pace(ratios: Sequence[float]) -> Pace:
    """Level, trend and spread of weekly ratios (oldest first, the last counted week last).

    A weighted least-squares line, weights halving every ``HALF_LIFE_WEEKS``. The slope is
    shrunk toward 0 by its own uncertainty against ``TREND_PRIOR_SD`` (a normal prior). What
    the shrinkage held back, beyond noise, is split in two: the part a wide prior
    (``TREND_WIDE_SD``) would keep is the range's ``lean`` toward the trend (a real trend is
    one-sided, so the range leans rather than widens), the rest is added to the slope's
    uncertainty. The two priors agree on a clear trend measured on calm weeks (both keep it)
    and on a slope lost in noise (both drop it); they differ on a moderate trend, which is
    where a person who is changing pace sits. The spread of the residuals is shrunk toward
    ``PRIOR_WEEKLY_SD``; their autocovariances (the echoes that make lumpy work predictable in
    sum) toward none.
    """
    n = len(ratios)
    design = _design(n)
    weights, centre = design.weights, design.centre
    level = sum(w * y for w, y in zip(weights, ratios)) / design.total
    raw_slope = (sum(v * (y - level) for v, y in zip(design.lever, ratios)) / design.sxx
                 if design.sxx > 0 else 0.0)
    residuals = [y - level - raw_slope * (i - (n - 1) - centre) for i, y in enumerate(ratios)]
    measured = [sum(w * r * later for w, r, later in zip(weights, residuals, residuals[lag:]))
                / design.lag_totals[lag] if lag < n else 0.0
                for lag in range(CADENCE_WEEKS + 1)]
    n_eff = design.effective_weeks
    freedom = max(n_eff - 2.0, 0.0)  # two parameters fitted
    sample_variance = measured[0] * n_eff / freedom if freedom > 0 else 0.0
    variance = ((PRIOR_WEIGHT * PRIOR_WEEKLY_SD ** 2 + freedom * sample_variance)
                / (PRIOR_WEIGHT + freedom))
    echo = n_eff / (n_eff + ECHO_PRIOR_WEEKS) / measured[0] if measured[0] > 1e-12 else 0.0
    autocovariance = (variance, *(echo * variance * measured[lag]
                                  for lag in range(1, CADENCE_WEEKS + 1)))
    # The spread of a long sum: positive echoes add to it, negative ones (lumps) cancel.
    long_run = max(autocovariance[0] + 2 * sum(autocovariance[1:]), 0.1 * variance)
    level_variance = long_run / n_eff
    raw_slope_variance = (max(long_run, variance) * design.lever_squares / design.sxx ** 2
                          if design.sxx > 0 else 0.0)
    keep = TREND_PRIOR_SD ** 2 / (TREND_PRIOR_SD ** 2 + raw_slope_variance)
    wide_keep = TREND_WIDE_SD ** 2 / (TREND_WIDE_SD ** 2 + raw_slope_variance)
    beyond_noise = max(0.0, raw_slope ** 2 - raw_slope_variance)
    slope_variance = keep * raw_slope_variance + (1 - wide_keep) * beyond_noise
    return Pace(level, centre, keep * raw_slope, level_variance, slope_variance, autocovariance,
                lean=(wide_keep - keep) * raw_slope,
                lean_variance=(wide_keep - keep) * beyond_noise)


def trend_lever(pace: Pace, expected: Sequence[float], first: int = 1) -> float:
    """How far a change of slope of 1 moves the points the weeks to come add (``expected``
    points each, in order, the first one ``first`` weeks after the last counted week: 0 when
    it is the rest of the last counted week itself, still in progress)."""
    return sum(e * (j + first - pace.centre) for j, e in enumerate(expected))


def future_variance(pace: Pace, expected: Sequence[float], lean_as_noise: bool = True,
                    first: int = 1) -> float:
    """Variance of the points the weeks to come will add (``expected`` points each, in order):
    their week-to-week noise with its echoes, the uncertainty of the level and of the trend,
    and a drift of the pace nobody can see coming yet. ``lean_as_noise``: count the held-back
    trend the range leans toward (``Pace.lean``) as spread on both sides instead. ``first``:
    as ``trend_lever``."""
    weeks = len(expected)
    # Counts are Poisson-like: a week's spread grows with its pace, so weeks projected above
    # the measured level are noisier than the weeks the spread was measured on.
    scale = [math.sqrt(pace.at(j + first) / pace.level) if pace.level > 0 else 1.0
             for j in range(weeks)]
    noise = sum(expected[j] * expected[k] * scale[j] * scale[k]
                * pace.autocovariance[abs(j - k)]
                for j in range(weeks) for k in range(weeks) if abs(j - k) <= CADENCE_WEEKS)
    noise = max(noise, 0.1 * pace.autocovariance[0] * sum(e * e for e in expected))
    lever = trend_lever(pace, expected, first)
    drift = DRIFT_SD ** 2 * sum(expected[j] * expected[k] * (min(j, k) + first)
                                for j in range(weeks) for k in range(weeks))
    return (noise + pace.level_variance * sum(expected) ** 2
            + (pace.slope_variance + lean_as_noise * pace.lean_variance) * lever ** 2 + drift)


@dataclass(frozen=True)
class _Logging:
    """How this person logs: the last week whose entries are final, and the share of weeks
    they log in."""

    last_counted: IsoWeek
    rate: float

    def logged_by(self, weeks_left: int) -> float:
        """The chance that a week's work is in the record ``weeks_left`` weeks later, counting
        its own week (1: the period's last week): someone who logs every third week has not
        yet recorded what they do in the last weeks of a period when the period ends, and the
        status then will not count it. A weekly logger records every week: 1."""
        if self.rate >= WEEKLY_LOGGER:
            return 1.0
        return 1.0 - (1.0 - self.rate) ** weeks_left


def _logging(scores: WeeklyScores, as_of: IsoWeek, first: IsoWeek) -> _Logging:
    """Which weeks are final. The weeks since the last entry are "not logged yet" (projected
    like the weeks to come) while such a silence is ordinary for this person: one week for a
    weekly logger; for someone logging in a share p of their weeks, up to the longest silence
    that still happens in ``ORDINARY_SILENCE`` of their gaps ((1 - p)^weeks). A longer silence
    is read as weeks without work, and the pace falls with it (logging-stopped is the warning
    that speaks up)."""
    span = min(LOOKBACK_WEEKS, scores.weeks_between(first, as_of) + 1)
    since, until = scores.number(as_of) - (span - 1), scores.number(as_of)
    numbers = scores.logged_numbers  # sorted: the window's entries by bisection, not a scan
    low, high = bisect_left(numbers, since), bisect_right(numbers, until)
    if low == high:
        return _Logging(as_of, 0.0)
    rate = (high - low) / span
    ordinary = 1 if rate >= WEEKLY_LOGGER else max(
        1, math.floor(math.log(ORDINARY_SILENCE) / math.log(1 - rate)))
    gap = until - numbers[high - 1]
    return _Logging(scores.shifted(as_of, -gap) if gap <= ordinary else as_of, rate)


def forecast_from(scores: WeeklyScores, as_of: IsoWeek, weeks: int | None = None,
                  anchor: IsoWeek | None = None, week_left: float = 0.0) -> Forecast:
    """``forecast`` over already bucketed weekly scores (for many as-of weeks in a row)."""
    data = scores.data
    current = data.framework_in(as_of)
    length = weeks or current.period_weeks
    history_start = history_start_week(data) or as_of
    start, end = period_containing(as_of, length, anchor or history_start)
    elapsed = scores.weeks_between(start, as_of) + 1
    history_weeks = max(0, scores.weeks_between(history_start, as_of) + 1)
    first_logged = scores.first_logged(until=as_of)
    meeting = current.thresholds.minimum_ratio(MEETING)
    logging = _logging(scores, as_of, history_start)
    last_counted = logging.last_counted
    # Period weeks that are final (0 when the last final week is before the period).
    counted = max(0, scores.weeks_between(start, last_counted) + 1)

    period = [scores.of(scores.shifted(start, offset)) for offset in range(length)]
    banked = sum(week.score for week in period[:counted])
    period_expected = sum(week.expected for week in period)
    # The weeks after the last final one, in order, with the points each is expected to add to
    # the period's record by its end: work not yet logged can still be logged from as-of (or
    # from its own week, later) to the period's end. A week before the period counts too: what
    # was done then and not yet logged is logged in the period (as the status will count it).
    after = scores.weeks_between(last_counted, end)
    elapsed_after = scores.weeks_between(last_counted, as_of)  # weeks not logged yet, to as-of
    # A week still in progress (as-of, logged so far) has its days left to come: projected like
    # any week to come, in proportion to what is left. Read on the Wednesday of a period's last
    # week, the range was the point ("79%-79%") as if nothing more could be logged that week.
    first_offset = 0 if week_left > 0 and last_counted == as_of else 1
    remaining_expected = [
        scores.of(scores.shifted(last_counted, offset)).expected
        * logging.logged_by(after - max(offset, elapsed_after) + 1)
        * (week_left if offset == 0 else 1.0)
        for offset in range(first_offset, after + 1)]

    sample: list[WeekScore] = []  # oldest first, ending with the last counted week
    if first_logged is not None:
        ages = min(LOOKBACK_WEEKS, scores.weeks_between(history_start, last_counted) + 1)
        sample = [week for age in reversed(range(ages))
                  if (week := scores.of(scores.shifted(last_counted, -age))).expected > 0]
    ratios = [week.score / week.expected for week in sample]
    if not ratios or period_expected <= 0:
        return Forecast(as_of, start, end, elapsed, length, banked, banked, period_expected,
                        None, None, None, NO_DATA, None, meeting, len(ratios),
                        history_weeks=history_weeks)

    pace = fit_pace(ratios)
    to_come = [expected * pace.at(offset + first_offset)
               for offset, expected in enumerate(remaining_expected)]
    coming = sum(to_come)
    shares = _recent_mix(sample, period[counted - (1 - first_offset):])
    due = lumps_due(sample, after + (week_left if first_offset == 0 else 0.0), current,
                    data.categories)
    cadence = (lump_cadence(sample, current) if logging.rate >= WEEKLY_LOGGER else None)
    sizes = scores.event_size(current)
    banked_by, expected_by, counts_by = (dict.fromkeys(DIMENSIONS, 0.0) for _ in range(3))
    for position, week in enumerate(period):  # one pass: ten years ask this 520 times
        for dimension in DIMENSIONS:
            if position < counted:
                banked_by[dimension] += week.weighted[dimension]
            expected_by[dimension] += week.expected_by_dimension[dimension]
            counts_by[dimension] += week.expected_counts[dimension]
    banked_only = tuple(ProjectedDimension(d, banked_by[d], expected_by[d], counts_by[d], 0.0)
                        for d in DIMENSIONS)
    coming_by = {d: max(0.0, shares[d] * coming + due[d]) for d in DIMENSIONS}
    coming = sum(coming_by.values())
    dimensions = tuple(ProjectedDimension(
        d, banked_by[d] + coming_by[d], expected_by[d], counts_by[d], shares[d],
        # Poisson: the variance of points from events of a given size is size x points.
        math.sqrt(sizes[d] * shares[d] * coming)) for d in DIMENSIONS)
    ratio = _credited(dimensions, current.thresholds) / period_expected
    band, cap = capped_band(ratio, dimensions, current.thresholds)
    spread = math.sqrt(future_variance(pace, remaining_expected, first=first_offset))
    sd = _credited_spread(dimensions, spread, current.thresholds) / period_expected
    secured = _credited(banked_only, current.thresholds) / period_expected
    low, high = _range(ratio, sd, pace, remaining_expected, dimensions, current.thresholds,
                       lean=logging.rate >= WEEKLY_LOGGER and cadence is None, first=first_offset)
    low = max(secured, low)
    high = min(max(high, ratio), _ceiling(dimensions, current.thresholds))
    if secured >= meeting and not far_short_dimensions(banked_only):
        probability = 1.0
    else:
        probability = min(_at_least(meeting, ratio, sd), _floor_holds(dimensions, spread))
    return Forecast(as_of, start, end, elapsed, length, banked, banked + coming,
                    period_expected, ratio, low, high, band, probability, meeting, len(ratios),
                    raw_projected_ratio=(banked + coming) / period_expected,
                    band_cap=cap, dimensions=dimensions, cadence_weeks=cadence,
                    history_weeks=history_weeks)


def _range(ratio: float, sd: float, pace: Pace, remaining_expected: Sequence[float],
           dimensions: Sequence[ProjectedDimension], thresholds: Thresholds,
           lean: bool, first: int = 1) -> tuple[float, float]:
    """The 80 % range of the credited ratio, before the bounds of what is banked and the caps.

    With ``lean`` it leans toward a trend the point forecast shrank away (``Pace.lean``): the
    spread without that trend, and the trend's whole effect added on its own side. Not for
    someone logging one week in three, whose line's slope says more about which weeks they
    happened to log (the last counted week holds the weeks before it) than about their pace,
    nor for someone whose rare work comes in monthly lumps, whose slope says where the lumps
    fell: their held-back trend stays spread on both sides."""
    if not lean or pace.lean == 0.0:
        return ratio - RANGE_Z * sd, ratio + RANGE_Z * sd
    expected = sum(d.expected for d in dimensions)
    spread = math.sqrt(future_variance(pace, remaining_expected, lean_as_noise=False,
                                       first=first))
    narrow = _credited_spread(dimensions, spread, thresholds) / expected
    shift = pace.lean * trend_lever(pace, remaining_expected, first) / expected
    return (ratio - RANGE_Z * narrow + min(shift, 0.0),
            ratio + RANGE_Z * narrow + max(shift, 0.0))


def lumps_due(sample: Sequence[WeekScore], weeks_to_come: float, framework: LevelFramework,
               categories: Mapping[int, CategoryInfo]) -> dict[str, float]:
    """Per dimension, the weighted points the person's cadence adds to (or takes from) the
    even-pace projection of the weeks to come.

    The pace spreads lumpy work evenly: a director whose roadmap lands once a month is projected
    a quarter of it every week, so in the quiet weeks after a lump the projection sinks week by
    week although the next lump is due (on the backtest her chance of Meeting fell to 0.04 two
    weeks before it arrived). For each category the level expects less than once a week and the
    person brings in lumps (``CADENCE_MIN_GAP`` weeks or more apart on average, at least twice
    in the sample): with a mean gap G, L weeks since the last lump and R weeks to come, the
    lumps expected are (L + R) / G - 1/2 (a regular cadence of unknown jitter: averaged over L
    this is the even pace's R / G), kept within half a lump of R / G so an overdue lump is
    expected once, not ever more surely. R may hold part of a week (a week in progress).
    Categories expected weekly are left to the pace: a person who logs them every few weeks is
    "not logged yet" (``_logging``), not lumpy.
    """
    due = dict.fromkeys(DIMENSIONS, 0.0)
    span = len(sample)
    if not span or weeks_to_come <= 0:
        return due
    for category_id, expected in framework.expected_weekly.items():
        category = categories.get(category_id)
        if expected >= 1 or category is None:
            continue
        arrivals = [i for i, week in enumerate(sample) if week.by_category.get(category_id)]
        gap = span / len(arrivals) if len(arrivals) >= 2 else 0.0
        if gap < CADENCE_MIN_GAP:
            continue
        size = sum(sample[i].by_category[category_id] for i in arrivals) / len(arrivals)
        since = span - 1 - arrivals[-1]
        even = weeks_to_come / gap
        lumps = min(max(0.0, (since + weeks_to_come) / gap - 0.5), even + 0.5)
        due[category.dimension] += size * (lumps - even)
    return due


def lump_cadence(sample: Sequence[WeekScore], framework: LevelFramework) -> float | None:
    """Mean weeks between the weeks holding rare work (categories the level expects less than
    once a week), when they come ``CADENCE_MIN_GAP`` weeks or more apart on average and at
    least twice: this person's rare work comes in lumps, on a cadence. None when it arrives
    most weeks (an IC's design docs, incidents and interviews on independent days) or has not
    yet come twice."""
    rare = {c for c, count in framework.expected_weekly.items() if count < 1}
    lumps = sum(1 for week in sample if not rare.isdisjoint(week.category_ids))
    if lumps < 2 or len(sample) / lumps < CADENCE_MIN_GAP:
        return None
    return len(sample) / lumps


def _recent_mix(sample: Sequence[WeekScore], to_come: Sequence[WeekScore]) -> dict[str, float]:
    """Each dimension's part of the points still to come: the way this person has recently been
    earning them (recency-weighted as the pace is), with ``PRIOR_WEIGHT`` pseudo-weeks of the
    split the level expects. A few weeks without a design doc do not prove there will never be
    one: the chance of reaching a dimension's floor stays small, not nil, and one lucky week
    does not tip a dimension over its cap."""
    expected = {d: sum(week.expected_by_dimension[d] for week in to_come) for d in DIMENSIONS}
    expected_total = sum(expected.values())
    prior = {d: expected[d] / expected_total if expected_total > 0 else 0.0 for d in DIMENSIONS}
    weights = _design(len(sample)).weights
    earned = dict.fromkeys(DIMENSIONS, 0.0)
    for weight, week in zip(weights, sample):
        for dimension in DIMENSIONS:
            earned[dimension] += weight * week.weighted[dimension]
    total = sum(earned.values())
    if total <= 0:
        return prior
    pseudo = PRIOR_WEIGHT * total / sum(weights)  # pseudo-weeks at the person's mean points
    return {d: (earned[d] + pseudo * prior[d]) / (total + pseudo) for d in DIMENSIONS}


def _credited(dimensions: Sequence[ProjectedDimension], thresholds: Thresholds) -> float:
    return sum(credited_points(d.weighted, d.expected, thresholds) for d in dimensions)


def _ceiling(dimensions: Sequence[ProjectedDimension], thresholds: Thresholds) -> float:
    """The highest credited ratio the period can reach: every dimension at its cap."""
    expected = sum(d.expected for d in dimensions)
    return sum(credited_points(math.inf, d.expected, thresholds) for d in dimensions) / expected


def _dimension_sd(dimension: ProjectedDimension, spread: float) -> float:
    """A dimension's share of the spread of the points to come: counts in different dimensions
    vary mostly independently, so variances (not spreads) split by share."""
    return math.sqrt(dimension.share) * spread


def _credited_spread(dimensions: Sequence[ProjectedDimension], spread: float,
                     thresholds: Thresholds) -> float:
    """The spread of the credited score: a dimension's variation counts only as far as it is
    likely to stay under its cap (surplus beyond 150 % earns nothing, so it cannot vary)."""
    variance = 0.0
    for dimension in dimensions:
        sd = _dimension_sd(dimension, spread)
        under_cap = _at_least(-credited_points(math.inf, dimension.expected, thresholds),
                              -dimension.weighted, sd)
        variance += (sd * under_cap) ** 2
    return math.sqrt(variance)


def _floor_holds(dimensions: Sequence[ProjectedDimension], spread: float) -> float:
    """The chance that no dimension the floor watches ends under it (they vary independently).
    A dimension this person has left aside has no measured spread, yet one design doc can
    lift it over its floor: its spread is at least that of its projected points arriving as
    the level's events (``event_sd``)."""
    chance = 1.0
    for dimension in floored_dimensions(dimensions):
        chance *= _at_least(FAR_UNDER_FLOOR * dimension.expected, dimension.weighted,
                            max(_dimension_sd(dimension, spread), dimension.event_sd))
    return chance


def forecast_as_dict(result: Forecast) -> dict[str, Any]:
    """The JSON contract of ``perfmirror forecast --json`` (numbers unrounded)."""
    return {
        "as_of": str(result.as_of),
        "period_start": str(result.period_start),
        "period_end": str(result.period_end),
        "weeks_elapsed": result.weeks_elapsed,
        "weeks_total": result.weeks_total,
        "score_so_far": result.score_so_far,
        "projected_score": result.projected_score,
        "credited_score": result.credited_score,
        "projected_expected": result.projected_expected,
        "projected_ratio": result.projected_ratio,
        "low_ratio": None if result.provisional else result.low_ratio,
        "high_ratio": None if result.provisional else result.high_ratio,
        "raw_projected_ratio": result.raw_projected_ratio,
        "projected_band": result.projected_band,
        "band_cap": None if result.band_cap is None else result.band_cap.reason,
        "probability_meeting_or_better": (None if result.provisional
                                          else result.probability_meeting_or_better),
        "meeting_ratio": result.meeting_ratio,
        "weeks_in_sample": result.weeks_in_sample,
        "history_weeks": result.history_weeks,
        "provisional": provisional_words(result) or None,
        "method": result.method,
    }


def provisional_words(result: Forecast) -> str:
    """Why a first reading's forecast gives no range and no chance, in the card's words
    (``provisional.first_reading_words``), or "" once the history has settled."""
    if not result.provisional or result.projected_ratio is None:
        return ""
    return (f"{first_reading_words(result.history_weeks)}; the range and the chance of Meeting "
            f"Expectations come once {SETTLED_WEEKS} weeks are logged")


def forecast_line(result: Forecast) -> str:
    """One sentence for the status card and the coach."""
    if result.projected_ratio is None:
        return (f"Forecast: nothing logged yet to project the period ending "
                f"{result.period_end} from.")
    heading = (f"Forecast for {result.period_end} (week {result.weeks_elapsed} of "
               f"{result.weeks_total})")
    band = (f"{result.projected_band}"
            f"{f' ({result.band_cap.reason})' if result.band_cap else ''}, "
            f"{result.projected_ratio:.0%} of expected")
    provisional = provisional_words(result)
    if provisional:
        return f"{heading}, {provisional}. At this pace: {band}."
    return (f"{heading}: {band} (80% range {result.low_ratio:.0%}-{result.high_ratio:.0%}); "
            f"{result.probability_meeting_or_better:.0%} chance of Meeting Expectations "
            f"or better.")
