"""Early warnings: the signals that say "this period is going wrong" while there is time to act.

Pure functions over plain data: no I/O, no clock. Each warning names its evidence, and the same
conditions are evaluated for every week of the history, so TTA and TTR (``loops``) can be measured
from the first week a condition held.

The conditions, each evaluated "as of" a week W:

- ``forecast-below-meeting``: the forecast (``forecast``) for W's period gives Meeting or better
  less than a ``RAISE_BELOW`` chance, on at least ``MIN_FORECAST_WEEKS`` weeks of pace, for
  ``FORECAST_PERSISTENCE_WEEKS`` weeks in a row, or for someone whose rare work comes in lumps,
  for longer than the gap between lumps (``forecast_persistence``); once raised it holds until
  the chance has been back to ``CLEAR_FROM`` for ``CLEAR_WEEKS`` weeks in a row (hysteresis: a
  probability hovering near a threshold does not flap). A week whose period is already won is
  silent but does not end it (``forecast_raised``). Why a probability and not "projected under
  Meeting": a projection of 84 % with a range of 60-110 % is not news, and lumpy work puts a
  person there every quiet week.
- ``<dimension>-far-under`` (input, output, outcome, impact): over the ``MIX_WINDOW_WEEKS`` weeks
  ending W, the dimension is far short by the band floor's own rule
  (``scoring.far_short_dimensions``): a dimension the level weighs (at least ``WEIGHED_SHARE`` of
  the window's expected points, at least ``FLOOR_MIN_OCCURRENCES`` occurrences expected) under
  ``FAR_UNDER_FLOOR`` of its expected weighted points, for ``PERSISTENCE_WEEKS`` weeks in a row.
  One predicate, so the warnings never call "far under" a dimension the card's band ignores
  (the demo's IC L4 was warned that outcome, 6.6 % of its expected points, was far under while
  the card rightly did not cap on it). Only the window differs, and each says its own: the card
  judges the target period, this warning the recent ``MIX_WINDOW_WEEKS`` weeks, so it can say a
  dimension is going wrong before the period's totals show it. Why not "its share of the score
  under its weight": the level templates themselves do not split the expected score by the
  weights (at IC L4 the defaults expect ~7 % of the score from outcome against a 20 % weight),
  so that test would flag a person doing exactly what is expected. A six-week window, because
  outcome work is lumpy (one design doc every three weeks is on target).
- ``next-level-missing``: a next-level expectation has had no evidence in the target period
  ending W, for ``PERSISTENCE_WEEKS`` weeks in a row.
- ``logging-stopped``: W and the week before have no entries although earlier weeks do.

The mix and expectation conditions wait until ``SETTLING_WEEKS`` weeks of logging exist, so a
person who just started is not told off for weeks they never logged.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .errors import InvalidInput
from .forecast import Forecast, WeeklyScores, forecast_from, provisional_words
from .scoring import (DIMENSIONS, FAR_UNDER_FLOOR, ScoringData, far_short_dimensions,
                      history_start_week, percent, settled_at_level)
from .weeks import IsoWeek

FORECAST_BELOW = "forecast-below-meeting"
NEXT_LEVEL_MISSING = "next-level-missing"
LOGGING_STOPPED = "logging-stopped"
FAR_UNDER_CODES = {dimension: f"{dimension}-far-under" for dimension in DIMENSIONS}
WARNING_CODES: tuple[str, ...] = (FORECAST_BELOW, *FAR_UNDER_CODES.values(), NEXT_LEVEL_MISSING,
                                  LOGGING_STOPPED)

MIN_FORECAST_WEEKS = 2
# forecast-below-meeting has hysteresis: raised once Meeting has been less than RAISE_BELOW
# likely for FORECAST_PERSISTENCE_WEEKS weeks running, dropped once it has been CLEAR_FROM likely
# for CLEAR_WEEKS. A lumpy month (quiet weeks, then the big one) moves the probability, not the
# warning. Chosen on the backtest's tuning draw (benchmarks/forecast_backtest.py --seed 11).
RAISE_BELOW = 0.15
CLEAR_FROM = 0.5
FORECAST_PERSISTENCE_WEEKS = 2
CLEAR_WEEKS = 4
MIX_WINDOW_WEEKS = 6
PERSISTENCE_WEEKS = 3
SETTLING_WEEKS = 4
EMPTY_WEEKS = 2


@dataclass(frozen=True)
class EarlyWarning:
    """An active warning. (Not called ``Warning``: that is Python's built-in exception class.)"""

    code: str
    message: str
    evidence: tuple[str, ...]
    first_week_held: IsoWeek  # the start of the run of weeks it has held, ending at as-of


@dataclass(frozen=True)
class MixTotals:
    """One dimension over the warnings' mix window: what ``scoring.far_short_dimensions`` reads
    (the band floor's rule), plus where the window starts."""

    name: str
    weighted: float  # weight x points logged in the window
    expected: float  # the window's expected weighted points
    expected_count: float  # occurrences the window expected
    start: IsoWeek


@dataclass(frozen=True)
class WeekConditions:
    """Which warning conditions held in one week."""

    week: IsoWeek
    codes: frozenset[str]


def check_code(code: str) -> str:
    """A warning code as typed (any case), or an error naming the allowed codes."""
    cleaned = str(code).strip().lower()
    if cleaned not in WARNING_CODES:
        raise InvalidInput("code", f"{code!r} is not a warning code", ", ".join(WARNING_CODES))
    return cleaned


class _Evaluator:
    """The raw (single-week) conditions, with the evidence behind each."""

    def __init__(self, data: ScoringData, weeks: int | None,
                 in_progress: tuple[IsoWeek, float] | None = None) -> None:
        self.data = data
        self.scores = WeeklyScores(data)
        self.weeks = weeks
        # (week, share of its working days left): the week the card is read in, whose forecast
        # projects the days left as the card's does (``forecast(week_left=)``).
        self.in_progress = in_progress
        self.history_start = history_start_week(data) or IsoWeek(1, 1)
        self._forecasts: dict[IsoWeek, Forecast] = {}
        self._weeks_by_category: dict[int, list[IsoWeek]] = {}
        for week in self.scores.logged_weeks:
            for category_id in self.scores.of(week).category_ids:
                self._weeks_by_category.setdefault(category_id, []).append(week)

    def settled(self, week: IsoWeek) -> bool:
        first = self.scores.first_logged(until=week)
        return (first is not None
                and self.scores.weeks_between(first, week) + 1 >= SETTLING_WEEKS)

    def forecast(self, week: IsoWeek) -> Forecast:
        if week not in self._forecasts:
            left = self.in_progress[1] if self.in_progress and self.in_progress[0] == week else 0.0
            self._forecasts[week] = forecast_from(self.scores, week, self.weeks, week_left=left)
        return self._forecasts[week]

    def persistence(self, week: IsoWeek) -> int:
        """Weeks the forecast must stay low before ``forecast-below-meeting`` fires
        (``forecast_persistence``). Patience with lumps is for quiet weeks between them: once
        nothing at all is logged, routine included (``logging-stopped``), the wait is the
        ordinary one."""
        if self.logging_stopped(week):
            return FORECAST_PERSISTENCE_WEEKS
        return forecast_persistence(self.forecast(week).cadence_weeks)

    def chance_of_meeting(self, week: IsoWeek) -> float | None:
        """The forecast's chance of Meeting or better, once it rests on enough weeks of pace."""
        result = self.forecast(week)
        if result.weeks_in_sample < MIN_FORECAST_WEEKS:
            return None
        return result.probability_meeting_or_better

    def mix(self, week: IsoWeek) -> dict[str, MixTotals]:
        """Per dimension, its totals over the mix window ending ``week``."""
        first = self.scores.first_logged(until=week) or week
        start = max(first, self.scores.shifted(week, -(MIX_WINDOW_WEEKS - 1)))
        window = [self.scores.of(self.scores.shifted(start, offset))
                  for offset in range(self.scores.weeks_between(start, week) + 1)]
        return {dimension: MixTotals(
                    dimension, sum(scored.weighted[dimension] for scored in window),
                    sum(scored.expected_by_dimension[dimension] for scored in window),
                    sum(scored.expected_counts[dimension] for scored in window), start)
                for dimension in DIMENSIONS}

    def far_under(self, week: IsoWeek) -> set[str]:
        if not self.settled(week):
            return set()
        mix = self.mix(week)
        if not any(totals.weighted for totals in mix.values()):
            return set()  # nothing logged in the window: that is logging-stopped, said once
        return {totals.name for totals in far_short_dimensions(list(mix.values()))}

    def missing_next_level(self, week: IsoWeek) -> list[str]:
        """Next-level expectations with no evidence in the target period ending ``week``."""
        if not self.settled(week) or not settled_at_level(self.data, week):
            return []
        next_level = self.data.next_level_framework(week)
        if next_level is None:
            return []
        length = self.weeks or self.data.framework_in(week).period_weeks
        first = max(self.history_start, self.scores.shifted(week, -(length - 1)))
        missing = []
        for statement in next_level.statements:
            if not any(self._logged_between(category_id, first, week)
                       for category_id in statement.evidence_category_ids):
                missing.append(statement.text)
        return missing

    def _logged_between(self, category_id: int, first: IsoWeek, last: IsoWeek) -> bool:
        weeks = self._weeks_by_category.get(category_id, [])
        position = bisect_left(weeks, first)
        return position < len(weeks) and weeks[position] <= last

    def logging_stopped(self, week: IsoWeek) -> bool:
        first = self.scores.first_logged(until=week)
        if first is None or first > self.scores.shifted(week, -EMPTY_WEEKS):
            return False
        return all(self.scores.of(self.scores.shifted(week, -back)).entries == 0
                   for back in range(EMPTY_WEEKS))

    def raw(self, week: IsoWeek) -> set[str]:
        codes = {FAR_UNDER_CODES[dimension] for dimension in self.far_under(week)}
        if self.missing_next_level(week):
            codes.add(NEXT_LEVEL_MISSING)
        if self.logging_stopped(week):
            codes.add(LOGGING_STOPPED)
        return codes


_PERSISTENT = frozenset({*FAR_UNDER_CODES.values(), NEXT_LEVEL_MISSING})


def forecast_persistence(cadence_weeks: float | None) -> int:
    """Weeks the chance of Meeting must stay under ``RAISE_BELOW`` before the warning fires:
    ``FORECAST_PERSISTENCE_WEEKS``, or for someone whose rare work comes in lumps every G
    weeks, more than G (floor(G) + 1). The quiet weeks before a lump that is due are not a
    collapse, so a warning about lumpy work waits until a lump was due and has come or failed
    to: a director with monthly lumps was warned 5 times in 26 weeks although both her
    periods ended at Meeting. A person who stops logging altogether still hears it within
    weeks (``logging-stopped`` speaks after two). The wait costs reach: on the backtest's
    tuning draw the warning was seen in 95 of the 133 lumpy periods that ended under Meeting
    (116 without the cadence term and the wait) and in 36 of the 267 that ended at Meeting or
    better (47); the target it meets is at most one episode raised in 26 weeks."""
    if cadence_weeks is None:
        return FORECAST_PERSISTENCE_WEEKS
    return max(FORECAST_PERSISTENCE_WEEKS, math.floor(cadence_weeks) + 1)


def forecast_raised(chances: Sequence[float | None],
                    persistence: Sequence[int] | None = None) -> list[bool]:
    """Week by week, is ``forecast-below-meeting`` raised? ``chances``: each week's chance of
    Meeting or better, oldest first (None: no forecast to go on); ``persistence``: each week's
    ``forecast_persistence`` (``FORECAST_PERSISTENCE_WEEKS`` when not given). Raised after that
    many weeks running under ``RAISE_BELOW``; dropped after ``CLEAR_WEEKS`` weeks running at
    ``CLEAR_FROM`` or more (or with no forecast). A week whose period is already won (Meeting
    banked, a chance of 1) does not show it, since it would be false, but counts only as one
    clear week: if the next period opens still under ``CLEAR_FROM``, it is the same trouble
    back at once, not a new one (a lucky lump that wins one period does not mend a pace)."""
    raised, below, clear, found = False, 0, 0, []
    for position, chance in enumerate(chances):
        needed = FORECAST_PERSISTENCE_WEEKS if persistence is None else persistence[position]
        below = below + 1 if chance is not None and chance < RAISE_BELOW else 0
        clear = clear + 1 if chance is None or chance >= CLEAR_FROM else 0
        raised = clear < CLEAR_WEEKS if raised else below >= needed
        found.append(raised and chance != 1.0)
    return found


def _history(evaluator: _Evaluator, until: IsoWeek) -> list[WeekConditions]:
    first = evaluator.scores.first_logged(until=until)
    if first is None:
        return []
    scores = evaluator.scores
    weeks = [scores.shifted(first, offset)
             for offset in range(scores.weeks_between(first, until) + 1)]
    raised = forecast_raised([evaluator.chance_of_meeting(week) for week in weeks],
                             [evaluator.persistence(week) for week in weeks])
    history: list[WeekConditions] = []
    runs: dict[str, int] = {}  # consecutive weeks each raw condition has held
    for week, forecast_below in zip(weeks, raised):
        raw = evaluator.raw(week)
        runs = {code: runs.get(code, 0) + 1 for code in raw}
        held = {code for code in raw if code not in _PERSISTENT or runs[code] >= PERSISTENCE_WEEKS}
        if forecast_below:
            held.add(FORECAST_BELOW)
        history.append(WeekConditions(week, frozenset(held)))
    return history


def conditions_by_week(data: ScoringData, until: IsoWeek, weeks: int | None = None,
                       week_left: float = 0.0) -> list[WeekConditions]:
    """For every week from the first logged one to ``until``: the warning conditions that held.

    A persistent condition (a dimension far under, a next-level expectation missing) "holds" from
    the week it has held ``PERSISTENCE_WEEKS`` weeks in a row: the week a warning would have been
    shown, which is where TTA starts.
    """
    return _history(_Evaluator(data, weeks, (until, week_left)), until)


def _describe(code: str, evaluator: _Evaluator, as_of: IsoWeek, since: IsoWeek) -> EarlyWarning:
    if code == FORECAST_BELOW:
        result = evaluator.forecast(as_of)
        # A first reading's range and chance are not stated anywhere (``Forecast.provisional``):
        # the warning says why, in the forecast's words, rather than quote them.
        spread = (provisional_words(result),) if result.provisional else (
            f"80% range {percent(result.low_ratio)}-{percent(result.high_ratio)}",
            f"{result.probability_meeting_or_better:.0%} chance of Meeting Expectations or "
            "better")
        return EarlyWarning(code, (
            f"On the current pace you would end {result.period_end} at {result.projected_band} "
            f"({percent(result.projected_ratio)} of expected; Meeting needs "
            f"{percent(result.meeting_ratio)})."), (
            f"projected {result.credited_score or 0.0:.1f} of {result.projected_expected:.1f} "
            f"expected points credited ({spread[0]}); {result.projected_score:.1f} before each "
            "dimension's credit is capped at 150% of its expected points",
            *spread[1:],
            f"{result.score_so_far:.1f} points logged by week {result.weeks_elapsed} of "
            f"{result.weeks_total}"), since)
    if code == NEXT_LEVEL_MISSING:
        missing = evaluator.missing_next_level(as_of)
        level = evaluator.data.next_level_framework(as_of)
        name = f"{level.role} L{level.level}" if level else "next-level"
        return EarlyWarning(code, (
            f"{len(missing)} {name} expectation(s) have no evidence in your "
            f"last {evaluator.weeks or evaluator.data.framework_in(as_of).period_weeks} weeks, "
            f"e.g. \"{missing[0]}\"."), tuple(f"missing: {text}" for text in missing), since)
    if code == LOGGING_STOPPED:
        last = max(week for week in evaluator.scores.logged_weeks if week <= as_of)
        empty = last.weeks_until(as_of)
        return EarlyWarning(code, (
            f"Nothing logged for {empty} weeks: the mirror goes dark and every other number "
            "with it. Log or back-fill with `perfmirror log ... --week`."),
            (f"last entry in {last}", f"{empty} empty weeks up to {as_of}"), since)
    dimension = next(d for d, c in FAR_UNDER_CODES.items() if c == code)
    mix = evaluator.mix(as_of)
    totals = mix[dimension]
    share = totals.expected / sum(other.expected for other in mix.values())
    weight = evaluator.data.framework_in(as_of).weights.of(dimension)
    return EarlyWarning(code, (
        f"{dimension.capitalize()} is far under what your level expects: "
        f"{percent(totals.weighted / totals.expected)} of its expected weighted points since "
        f"{totals.start}."), (
        f"{dimension}: {totals.weighted:.1f} of {totals.expected:.1f} weighted points, "
        f"{totals.start}..{as_of}",
        f"{dimension} weight {weight:g}, {percent(share)} of the level's expected points",
        f"under {percent(FAR_UNDER_FLOOR)} of expected in every week since {since}"), since)


def active_warnings(data: ScoringData, as_of: IsoWeek, weeks: int | None = None,
                    week_left: float = 0.0) -> list[EarlyWarning]:
    """The warnings holding in ``as_of``, in ``WARNING_CODES`` order, each with its evidence.
    ``week_left``: the share of the as-of week's working days still ahead (``forecast``)."""
    evaluator = _Evaluator(data, weeks, (as_of, week_left))
    history = _history(evaluator, as_of)
    if not history or history[-1].week != as_of:
        return []
    found = []
    for code in WARNING_CODES:
        if code not in history[-1].codes:
            continue
        position = len(history) - 1
        while position > 0 and code in history[position - 1].codes:
            position -= 1
        found.append(_describe(code, evaluator, as_of, history[position].week))
    return found


def warning_as_dict(warning: EarlyWarning) -> dict[str, Any]:
    return {"code": warning.code, "message": warning.message, "evidence": list(warning.evidence),
            "first_week_held": str(warning.first_week_held)}
