"""The forecast on known histories: steady, declining, recovering, sparse, and its edges.

One category keeps the arithmetic visible: Code review (input, 5 points), expected 4 a week,
input weight 1. So a week's expected points are 1 x 4 x 5 = 20 and a week of n reviews scores
5n, a ratio of n / 4. The target period is 4 weeks; the profile starts in 2026-W45, so the periods
are W45..W48, W49..W52, ...
"""

from __future__ import annotations

import math

import pytest

from perfmirror_core import forecast as method
from perfmirror_core.forecast import WeeklyScores, forecast, period_containing
from perfmirror_core.scoring import (MEETING, NO_DATA, STRONG, CategoryInfo, Entry,
                                     LevelFramework, ProfileChange, ScoringData, Weights,
                                     compute_status)
from perfmirror_core.weeks import IsoWeek

START = IsoWeek(2026, 45)
CATEGORIES = {1: CategoryInfo(1, "Code review", "input", 5)}


def history(counts: dict[int, int], level_start: IsoWeek = START) -> ScoringData:
    """``counts``: weeks after W45 (negative for earlier) -> reviews that week."""
    framework = LevelFramework("IC", 4, Weights(1, 0, 0, 0), {1: 4}, period_weeks=4)
    entries = [Entry(1, START.shifted(offset), count) for offset, count in counts.items() if count]
    return ScoringData(CATEGORIES, entries, [ProfileChange(level_start, "IC", 4)],
                       {("IC", 4): framework})


def week(offset: int) -> IsoWeek:
    return START.shifted(offset)


def test_periods_are_laid_end_to_end_from_the_first_profile_week():
    assert period_containing(week(0), 4, START) == (week(0), week(3))
    assert period_containing(week(5), 4, START) == (week(4), week(7))
    assert period_containing(week(-1), 4, START) == (week(-4), week(-1))
    result = forecast(history({0: 4}), week(1))
    assert (result.period_start, result.period_end) == (week(0), week(3))
    assert (result.weeks_elapsed, result.weeks_total) == (2, 4)


def test_steady_history_projects_its_own_pace_with_a_hand_worked_probability():
    """4 reviews in each of W45-W47, as of W47.

    Every weekly ratio is 1.0, so the pace is 1.0: projected = 60 banked + 1.0 x 20 = 80 of 80,
    ratio 1.0 -> Meeting Expectations.
    Spread: weights for ages 0, 1, 2 are 1, 0.5^(1/4) = 0.8409, 0.5^(2/4) = 0.7071; sum 2.5480,
    sum of squares 2.2071, n_eff = 2.5480^2 / 2.2071 = 2.9415. The sample variance is 0, so
    s^2 = (2 x 0.5^2 + 1.9415 x 0) / (2 + 1.9415) = 0.12685.
    One week to go (e = 20): var = 0.12685 x 400 + 0.12685 / 2.9415 x 400 = 50.74 + 17.25 = 67.99,
    sd of the ratio = sqrt(67.99) / 80 = 0.1031.
    P(ratio >= 0.85) = Phi((1.0 - 0.85) / 0.1031) = Phi(1.455) = 0.927.
    """
    result = forecast(history({0: 4, 1: 4, 2: 4}), week(2))
    assert result.score_so_far == pytest.approx(60)
    assert result.projected_score == pytest.approx(80)
    assert result.projected_expected == pytest.approx(80)
    assert result.projected_ratio == pytest.approx(1.0)
    assert result.projected_band == MEETING
    assert method.PRIOR_WEEKLY_SD == 0.5 and method.PRIOR_WEIGHT == 2  # the figures above
    assert result.probability_meeting_or_better == pytest.approx(0.927, abs=0.001)
    assert result.low_ratio == pytest.approx(1.0 - 1.2816 * 0.1031, abs=0.001)
    assert result.high_ratio == pytest.approx(1.0 + 1.2816 * 0.1031, abs=0.001)


def test_declining_history_projects_below_the_period_so_far():
    """6, 4, 2 reviews in W45-W47: the period so far averages 4 (ratio 1.0), but the recent
    weeks weigh more, so the pace is under 1.0 and the end lands lower."""
    result = forecast(history({0: 6, 1: 4, 2: 2}), week(2))
    so_far = compute_status(history({0: 6, 1: 4, 2: 2}), week(2), 3).ratio
    assert so_far == pytest.approx(1.0)
    assert result.projected_ratio < so_far
    steady = forecast(history({0: 4, 1: 4, 2: 4}), week(2))
    assert result.probability_meeting_or_better < steady.probability_meeting_or_better


def test_recovering_history_projects_above_the_period_so_far():
    """1, 2, 6 reviews in W45-W47 (so far 9 / 12 = 0.75): recovery pulls the projection up."""
    data = history({0: 1, 1: 2, 2: 6})
    result = forecast(data, week(2))
    assert compute_status(data, week(2), 3).ratio == pytest.approx(0.75)
    assert result.projected_ratio > 0.75


def test_previous_period_informs_the_first_week_of_a_new_one():
    """Strong all last period (6 reviews a week, ratio 1.5) and nothing yet in week 1."""
    data = history({-4: 6, -3: 6, -2: 6, -1: 6})
    result = forecast(data, week(0))
    assert result.weeks_elapsed == 1 and result.score_so_far == 0
    assert result.projected_ratio == pytest.approx(1.5)


def test_sparse_history_projects_an_empty_as_of_week_instead_of_counting_it_as_zero():
    """12 reviews in W45, nothing in W46 or (yet) W47, as of W47.

    W47 is read as not logged yet: the pace comes from W46 (age 0, ratio 0) and W45 (age 1,
    ratio 3): 3 x 0.8409 / 1.8409 = 1.370. Projected = 60 banked + 1.370 x (20 + 20) = 114.8 of
    80 = 1.435 -> Strong Performance. The range is wider than a steady history's.
    """
    result = forecast(history({0: 12}), week(2))
    assert result.weeks_in_sample == 2
    assert result.score_so_far == pytest.approx(60)
    pace = 3 * 0.5 ** 0.25 / (1 + 0.5 ** 0.25)
    assert result.projected_score == pytest.approx(60 + pace * 40)
    assert result.projected_band == STRONG
    steady = forecast(history({0: 4, 1: 4, 2: 4}), week(2))
    width = result.high_ratio - result.low_ratio
    assert width > steady.high_ratio - steady.low_ratio


def test_the_last_week_of_the_period_is_exactly_the_status_of_that_period():
    data = history({0: 3, 1: 5, 2: 2, 3: 4})
    result = forecast(data, week(3))
    status = compute_status(data, week(3), 4)
    assert result.projected_score == pytest.approx(status.score)
    assert result.projected_ratio == pytest.approx(status.ratio)
    assert result.low_ratio == result.high_ratio == pytest.approx(status.ratio)
    assert result.projected_band == status.band


def test_a_period_already_won_is_certain():
    """20 reviews in W45 bank 100 points of 80 expected: Meeting is reached whatever comes."""
    result = forecast(history({0: 20}), week(1))
    assert result.probability_meeting_or_better == 1.0
    assert result.low_ratio >= 100 / 80


def test_entries_after_as_of_are_not_seen():
    with_future = forecast(history({0: 4, 1: 4, 3: 40}), week(1))
    without = forecast(history({0: 4, 1: 4}), week(1))
    assert with_future == without


def test_nothing_logged_is_no_data():
    result = forecast(history({}), week(1))
    assert result.projected_band == NO_DATA
    assert result.projected_ratio is None and result.probability_meeting_or_better is None


def test_weekly_scores_agree_with_compute_status():
    data = history({-2: 3, 0: 4, 1: 7, 3: 1})
    scores = WeeklyScores(data)
    report = compute_status(data, week(3), 6)
    assert [scores.of(w.week).score for w in report.weekly] == [w.score for w in report.weekly]
    assert [scores.of(w.week).expected for w in report.weekly] == \
        [w.expected for w in report.weekly]
    assert scores.shifted(week(0), 60) == week(0).shifted(60)
    assert scores.weeks_between(week(0), week(60)) == 60


def test_the_probability_follows_the_normal_approximation():
    """Mid-period with mixed weeks: P = 1 - Phi((0.85 - ratio) / sd), sd from the range."""
    result = forecast(history({0: 2, 1: 5, 2: 3}), week(2))
    sd = (result.high_ratio - result.projected_ratio) / method.RANGE_Z
    expected = 0.5 * math.erfc((0.85 - result.projected_ratio) / (sd * math.sqrt(2)))
    assert result.probability_meeting_or_better == pytest.approx(expected)
