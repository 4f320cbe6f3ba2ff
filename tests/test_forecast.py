"""The forecast on known histories: steady, declining, recovering, sparse, and its edges.

One category keeps the arithmetic visible: Code review (input, 5 points), expected 4 a week,
input weight 1. So a week's expected points are 1 x 4 x 5 = 20 and a week of n reviews scores
5n, a ratio of n / 4. The target period is 4 weeks; the profile starts in 2026-W45, so the periods
are W45..W48, W49..W52, ...
"""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from perfmirror_core import forecast as method
from perfmirror_core.forecast import WeeklyScores, forecast, forecast_line, period_containing
from perfmirror_core.scoring import (MEETING, NO_DATA, PARTIALLY, CategoryInfo, Entry,
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

    Every weekly ratio is 1.0, so the level is 1.0 and the slope 0: projected = 60 banked +
    1.0 x 20 = 80 of 80, ratio 1.0 -> Meeting Expectations.
    Weights (half-life 16) for positions -2, -1, 0: 0.5^(2/16) = 0.9170, 0.5^(1/16) = 0.9576, 1;
    sum 2.8746, sum of squares 2.7579, n_eff = 2.8746^2 / 2.7579 = 2.9963. Centre = (-2 x 0.9170
    - 0.9576) / 2.8746 = -0.9711. Residuals are all 0, so the spread is the prior's:
    s^2 = 2 x 0.2^2 / (2 + 0.9963) = 0.02670, and there are no echoes.
    Level variance = s^2 x 2.7579 / 2.8746^2 = 0.008911.
    Sxx = 0.9170 x 1.0289^2 + 0.9576 x 0.0289^2 + 0.9711^2 = 1.9145; the raw slope's variance
    = s^2 x (0.9170^2 x 1.0586 + 0.9576^2 x 0.000835 + 0.9430) / 1.9145^2 = 0.01336, kept
    0.012^2 / (0.012^2 + 0.01336) = 0.01066 of it: 0.0001425.
    One week to go (e = 20): noise 20^2 x 0.02670 = 10.68, level 400 x 0.008911 = 3.564, trend
    (20 x (1 + 0.9711))^2 x 0.0001425 = 0.2214, drift 0.03^2 x 400 = 0.36: 14.83 in all,
    sd of the ratio = sqrt(14.83) / 80 = 0.04813.
    P(ratio >= 0.85) = Phi((1.0 - 0.85) / 0.04813) = Phi(3.117) = 0.99909.
    """
    result = forecast(history({0: 4, 1: 4, 2: 4}), week(2))
    assert result.score_so_far == pytest.approx(60)
    assert result.projected_score == pytest.approx(80)
    assert result.projected_expected == pytest.approx(80)
    assert result.projected_ratio == pytest.approx(1.0)
    assert result.projected_band == MEETING
    assert (method.HALF_LIFE_WEEKS, method.PRIOR_WEEKLY_SD, method.PRIOR_WEIGHT,
            method.TREND_PRIOR_SD, method.DRIFT_SD) == (16, 0.2, 2, 0.012, 0.03)  # as above
    assert result.probability_meeting_or_better == pytest.approx(0.99909, abs=0.00002)
    assert result.low_ratio == pytest.approx(1.0 - 1.2816 * 0.04813, abs=0.0001)
    assert result.high_ratio == pytest.approx(1.0 + 1.2816 * 0.04813, abs=0.0001)


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


def test_a_weekly_logger_s_empty_as_of_week_is_not_logged_yet():
    """4 reviews every week W41-W46, nothing (yet) in W47, as of W47: six of the six weeks
    before W47 are logged, so an empty W47 is "not logged yet". The pace (1.0) comes from
    W41-W46 and is projected over W47 and W48: 40 banked + 1.0 x 40 = 80 of 80."""
    result = forecast(history({-4: 4, -3: 4, -2: 4, -1: 4, 0: 4, 1: 4}), week(2))
    assert result.weeks_in_sample == 6
    assert result.score_so_far == pytest.approx(40)
    assert result.projected_score == pytest.approx(80)


def test_a_sparse_logger_s_silence_is_not_logged_yet_and_the_period_end_misses_some():
    """12 reviews in W39, W42 and W45 (every third week), nothing since, as of W47: 3 of the 9
    weeks W39-W47 are logged (p = 1/3), so a silence of w weeks happens in (2/3)^w of this
    person's gaps; up to 7 weeks is ordinary ((2/3)^7 = 0.059 >= 0.05, (2/3)^8 = 0.039), and
    W46-W47 are a silence of 2: not logged yet. So the pace is measured on W39-W45 (ratios 3, 0, 0, 3, 0, 0, 3) and
    projected from W46 on; 60 points are banked (W45). The period ends W48, and this person
    records a week's work at their next entry: W46's and W47's work gets into the record by
    W48 if they log in W47 or W48, a chance of 1 - (2/3)^2 = 5/9; W48's work 1/3.
    Projected = 60 + 20 x (5/9 x pace(1) + 5/9 x pace(2) + 1/3 x pace(3)).
    (The period is pinned to W45..W48: left to itself it would be laid from W39.)"""
    result = forecast(history({-6: 12, -3: 12, 0: 12}), week(2), anchor=START)
    assert result.weeks_in_sample == 7
    assert result.score_so_far == pytest.approx(60)
    pace = method.fit_pace([3, 0, 0, 3, 0, 0, 3])
    assert result.projected_score == pytest.approx(
        60 + 20 * (5 / 9 * pace.at(1) + 5 / 9 * pace.at(2) + 1 / 3 * pace.at(3)))


def test_a_silence_longer_than_the_usual_gap_counts_as_empty_weeks():
    """4 reviews every week W39-W44, nothing in W45-W47, as of W47: 6 of 9 weeks logged
    (p = 2/3), so a silence of w weeks happens in (1/3)^w of the gaps: 2 weeks is ordinary
    (0.11), 3 is not (0.037 < 0.05), so W45-W47 count as weeks
    without work (ratios 1, 1, 1, 1, 1, 1, 0, 0, 0) and nothing is banked in W45..W47. Only
    W48 is to come, and a person logging in 6 of 9 weeks records it by W48 2 times in 3."""
    result = forecast(history({offset: 4 for offset in range(-6, 0)}), week(2), anchor=START)
    assert result.weeks_in_sample == 9
    assert result.score_so_far == 0
    pace = method.fit_pace([1, 1, 1, 1, 1, 1, 0, 0, 0])
    assert result.projected_score == pytest.approx(20 * pace.at(1) * (1 - (1 - 6 / 9)))


def test_a_regular_rhythm_narrows_the_range_of_a_sum(monkeypatch):
    """An every-third-week logger (6 reviews each time, a pace of 0.5), as of W45 (a big week)
    with W46-W48 to come: its weekly ratios swing 0 <-> 1.5, but three weeks hold one big week
    and two empty ones whatever the phase, so the measured echoes (negative at lags 1 and 2)
    make the sum of the next three weeks far surer than three independent weeks would be."""
    data = history({-9: 6, -6: 6, -3: 6, 0: 6})
    with_rhythm = forecast(data, week(0), anchor=START)
    monkeypatch.setattr(method, "CADENCE_WEEKS", 0)
    without = forecast(data, week(0), anchor=START)
    assert with_rhythm.projected_ratio == pytest.approx(without.projected_ratio)
    assert without.high_ratio < 1.5  # far from the credit cap, so the range is not cut
    assert (with_rhythm.high_ratio - with_rhythm.low_ratio
            < 0.8 * (without.high_ratio - without.low_ratio))


def test_a_trend_is_projected_but_shrunk_toward_none(monkeypatch):
    """2, 3, ..., 8 reviews in W39-W45 (ratios 0.5 to 2.0, +0.25 a week), as of W45: the fitted
    slope is positive but under the raw least-squares 0.25 (the trend prior shrinks it), and
    the projection lands above the one a flat pace would make."""
    counts = {offset: offset + 8 for offset in range(-6, 1)}
    pace = method.fit_pace([count / 4 for count in counts.values()])
    assert 0 < pace.slope < 0.25
    trending = forecast(history(counts), week(0))
    monkeypatch.setattr(method, "TREND_PRIOR_SD", 1e-9)
    flat = forecast(history(counts), week(0))
    assert trending.raw_projected_ratio > flat.raw_projected_ratio
    # Both run past 150 % of the one dimension's expected points, where credit stops: the
    # credited ratio (what the band is judged on) is the cap, as a status would say.
    assert trending.projected_ratio == flat.projected_ratio == pytest.approx(1.5)


def test_the_range_leans_toward_a_trend_the_point_forecast_shrank_away(monkeypatch):
    """Twelve weeks rising from 2-3 reviews to 4-5 (ratios 0.5 -> 1.25, about +0.06 a week,
    with a zig-zag of noise), as of W45 with W46-W48 to come: the narrow trend prior keeps
    about half of the slope for the point forecast, the wide one about nine tenths, and the
    range reaches the difference further on the trend's side than on the other. The same weeks
    falling lean it down. With both priors alike, nothing leans and the range is symmetric."""
    rising = [2, 3, 2, 3, 3, 4, 3, 4, 4, 5, 4, 5]
    for counts, sign in ((rising, 1), (rising[::-1], -1)):
        result = forecast(history({i - 11: c for i, c in enumerate(counts)}), week(0),
                          anchor=START)
        above = result.high_ratio - result.projected_ratio
        below = result.projected_ratio - result.low_ratio
        assert sign * (above - below) > 0.1
        pace = method.fit_pace([count / 4 for count in counts])
        assert sign * pace.lean > 0 and sign * pace.slope > 0
    monkeypatch.setattr(method, "TREND_WIDE_SD", method.TREND_PRIOR_SD)
    result = forecast(history({i - 11: c for i, c in enumerate(rising)}), week(0), anchor=START)
    assert result.high_ratio - result.projected_ratio == pytest.approx(
        result.projected_ratio - result.low_ratio)


def test_a_sparse_logger_s_range_does_not_lean_on_its_slope():
    """Logging every third week, more each time (6, 7, 8, 9 reviews in W35, W38, W41, W44),
    as of W45 with nothing banked yet: each logged week holds the two before it, so a slope
    through such weeks is an artefact of which weeks were logged. Shrunk away from the point
    forecast, it stays spread on both sides of it (the weekly logger's range would lean)."""
    result = forecast(history({-10: 6, -7: 7, -4: 8, -1: 9}), week(0), anchor=START)
    assert result.score_so_far == 0 and result.high_ratio < 1.5
    assert method.fit_pace([6 / 4, 0, 0, 7 / 4, 0, 0, 8 / 4, 0, 0, 9 / 4]).lean > 0
    assert result.high_ratio - result.projected_ratio == pytest.approx(
        result.projected_ratio - result.low_ratio)


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


def test_the_probability_follows_the_normal_approximation(monkeypatch):
    """Mid-period with mixed weeks: P = 1 - Phi((0.85 - ratio) / sd), sd from the range (made
    not to lean: both trend priors alike); the chance that input (the one dimension, 16
    reviews expected) ends over its floor, 50 % of expected, is higher (projected ~83 %), and
    the lesser of the two is the answer."""
    monkeypatch.setattr(method, "TREND_WIDE_SD", method.TREND_PRIOR_SD)
    result = forecast(history({0: 2, 1: 5, 2: 3}), week(2))
    sd = (result.high_ratio - result.projected_ratio) / method.RANGE_Z
    expected = 0.5 * math.erfc((0.85 - result.projected_ratio) / (sd * math.sqrt(2)))
    assert result.probability_meeting_or_better == pytest.approx(expected)


def test_the_forecast_is_judged_by_the_status_s_band_rule():
    """Code review (input, 5 points, 4 a week) and Launch (impact, 10 points, 1 a week), weights
    input 0.5 and impact 0.5: a week expects 0.5 x 4 x 5 = 10 input and 0.5 x 1 x 10 = 5 impact
    points, 15 in all; the 4-week period expects 40 input, 20 impact, 60 in all.

    12 reviews a week and no launch, W45-W47, as of W47: 3 x 30 = 90 banked, all input; the
    pace is 30 / 15 = 2.0, so W48 adds 2.0 x 15 = 30 points: 120 / 60 = 200% uncapped
    (Outstanding). Split: the recency weights of W45-W47 are 0.9170, 0.9576, 1 (sum 2.8746), so
    the person earned 30 x 2.8746 = 86.24 weighted input points and no impact, plus 2
    pseudo-weeks of the level's split at the person's mean (2 x 30 = 60 points: 40 input, 20
    impact): impact's share is 20 / 146.24 = 0.1368, 4.10 points; input 90 + 25.90 = 115.90.
    Credited as the status credits it, input counts up to 1.5 x 40 = 60 and impact 4.10:
    64.10 / 60 = 107%. Impact (a third of the expectation, 4 launches expected) ends at
    4.10 / 20 = 21% of its expected points, under half, so the band is capped at Partially.
    Meeting needs impact over 10: one launch brings 0.5 x 10 = 5 weighted points, so 4.10
    points arriving as launches vary by sqrt(5 x 4.10) = 4.53 and reach 10 with a chance of
    Phi(-(10 - 4.10) / 4.53) = Phi(-1.302) = 0.0965 (the credited ratio alone, 105-109%, is
    surely over 85%: the lesser chance is the answer).
    In W48, the period's last week, the forecast is that period's status to the digit."""
    categories = {1: CategoryInfo(1, "Code review", "input", 5),
                  2: CategoryInfo(2, "Launch", "impact", 10)}
    framework = LevelFramework("IC", 4, Weights(0.5, 0, 0, 0.5), {1: 4, 2: 1}, period_weeks=4)
    data = ScoringData(categories, [Entry(1, week(offset), 12) for offset in range(4)],
                       [ProfileChange(START, "IC", 4)], {("IC", 4): framework})
    as_of_w47 = forecast(replace(data, entries=data.entries[:3]), week(2))
    assert as_of_w47.raw_projected_ratio == pytest.approx(2.0)
    assert as_of_w47.projected_ratio == pytest.approx(64.10 / 60, abs=0.0002)
    assert as_of_w47.projected_band == PARTIALLY
    assert as_of_w47.band_cap.reason == "capped at Partially: impact 21% of expected"
    assert as_of_w47.probability_meeting_or_better == pytest.approx(0.0965, abs=0.0005)
    assert "Partially Meeting Expectations (capped at Partially: impact 21% of expected), 107%" \
        in forecast_line(as_of_w47)

    last_week = forecast(data, week(3))
    status = compute_status(data, week(3), 4)
    assert (last_week.projected_band, last_week.band_cap) == (status.band, status.band_cap)
    assert last_week.projected_ratio == pytest.approx(status.ratio)
    assert last_week.raw_projected_ratio == pytest.approx(status.raw_ratio)
    assert last_week.credited_score == pytest.approx(status.credited) == pytest.approx(60)


def lumpy_director(lump_weeks: list[int]) -> ScoringData:
    """A routine category (1:1, input, 10 points, expected 1 a week) logged every week, and a
    Roadmap (outcome, 40 points, expected 0.25 a week: once a month) logged in ``lump_weeks``
    (offsets from W45). Weights input .5, outcome .5; a 12-week period from W45."""
    categories = {1: CategoryInfo(1, "1:1", "input", 10), 2: CategoryInfo(2, "Roadmap", "outcome", 40)}
    framework = LevelFramework("Director", 7, Weights(.5, 0, .5, 0), {1: 1, 2: 0.25},
                               period_weeks=12)
    entries = [Entry(1, START.shifted(offset), 1) for offset in range(12)]
    entries += [Entry(2, START.shifted(offset), 1) for offset in lump_weeks]
    return ScoringData(categories, entries, [ProfileChange(START, "Director", 7)],
                       {("Director", 7): framework})


def test_a_lump_that_is_due_is_expected_and_one_just_in_is_not_expected_again():
    """Roadmaps in weeks 0 and 4 of 8 weeks logged (as of W52, offset 7): 2 lumps, mean gap
    8 / 2 = 4 weeks, each .5 x 40 = 20 weighted points. 4 weeks to come (W53..W56).
    The even pace expects 4 / 4 = 1 lump. Three weeks since the last one: (3 + 4) / 4 - 1/2 =
    1.25 lumps, within half a lump of 1: +0.25 x 20 = +5 points of outcome.
    Had the lumps come in weeks 3 and 7 (gap 8 / 2 = 4, the last one in W52 itself, 0 weeks
    since): 4 / 4 - 1/2 = 0.5 lumps, 0.5 x 20 = 10 points less than the even pace."""
    sample = WeeklyScores(lumpy_director([0, 4]))
    weeks = [sample.of(week(offset)) for offset in range(8)]
    framework = sample.data.framework_in(week(7))
    due = method.lumps_due(weeks, 4, framework, sample.data.categories)
    assert due == pytest.approx({"input": 0.0, "output": 0.0, "outcome": 5.0, "impact": 0.0})
    just_in = WeeklyScores(lumpy_director([3, 7]))
    weeks = [just_in.of(week(offset)) for offset in range(8)]
    assert method.lumps_due(weeks, 4, framework, just_in.data.categories)["outcome"] == \
        pytest.approx(-10.0)


def test_the_quiet_weeks_before_a_due_lump_do_not_sink_the_forecast_as_far():
    """Roadmaps in weeks 0, 4 and 8 of the period, as of week 10 (11 weeks logged, 1 to come):
    gap 11 / 3 weeks, 2 weeks since the last: (2 + 1) / (11/3) - 1/2 = 9/11 - 1/2 lumps against
    the even 3/11, so 20 x (6/11 - 1/2) = 20/22 = 0.909 outcome points more than the even pace;
    the projection's outcome = 60 banked + its share of the even points to come + those."""
    data = lumpy_director([0, 4, 8])
    result = forecast(data, week(10))
    outcome = next(d for d in result.dimensions if d.name == "outcome")
    scores = WeeklyScores(data)
    sample = [scores.of(week(offset)) for offset in range(11)]
    due = method.lumps_due(sample, 1, data.framework_in(week(10)), data.categories)
    assert due["outcome"] == pytest.approx(20 / 22)
    assert outcome.weighted == pytest.approx(60 + outcome.share * (
        result.projected_score - result.score_so_far - due["outcome"]) + due["outcome"])


def test_rare_work_in_lumps_has_a_cadence_and_rare_work_most_weeks_has_none():
    """Roadmaps (expected 0.25 a week: rare) in weeks 0, 4 and 8, as of week 10: 3 of the 11
    weeks measured hold rare work, a lump every 11 / 3 weeks. In 9 of the 11 weeks: every
    1.2 weeks, under the 2-week minimum, so it is ordinary work, not lumps. Seen once: no
    cadence yet."""
    assert forecast(lumpy_director([0, 4, 8]), week(10)).cadence_weeks == pytest.approx(11 / 3)
    most_weeks = [offset for offset in range(11) if offset not in (3, 7)]
    assert forecast(lumpy_director(most_weeks), week(10)).cadence_weeks is None
    assert forecast(lumpy_director([4]), week(10)).cadence_weeks is None


def test_a_history_shorter_than_the_card_s_settling_weeks_is_a_provisional_forecast():
    """The card's test (``provisional.is_first_reading``): 1-3 weeks of history are a first
    reading, 4 are not. Its line names the weeks in the card's words and gives neither a range
    nor a chance of Meeting; the JSON withholds them too."""
    from perfmirror_core.forecast import forecast_as_dict
    from perfmirror_core.provisional import SETTLED_WEEKS

    data = history({0: 3, 1: 3, 2: 3, 3: 3})
    assert [forecast(data, week(k)).provisional for k in range(4)] == [True, True, True, False]
    first = forecast(data, week(0))
    line = forecast_line(first)
    assert "provisional: 1 week of history, where one piece of lumpy work" in line
    assert f"come once {SETTLED_WEEKS} weeks are logged. At this pace: " in line
    assert "chance" not in line.split("At this pace")[1] and "range" not in line.split(
        "At this pace")[1]
    as_json = forecast_as_dict(first)
    assert as_json["probability_meeting_or_better"] is None
    assert as_json["low_ratio"] is None and as_json["high_ratio"] is None
    assert as_json["provisional"].startswith("provisional: 1 week of history")
    settled = forecast_line(forecast(data, week(3)))
    assert "provisional" not in settled and "chance of Meeting" in settled


def test_a_new_user_s_first_check_in_card_says_the_forecast_is_provisional_too(cli):
    """The user trial: `init --role IC --level 4`, one check-in ("Reviewed 6 PRs, fixed the
    flaky login test, shipped the CSV export, had my 1:1 with Dana"), then `status`: the card
    called the band provisional yet its forecast line said "2% chance of Meeting Expectations
    or better" for a period eleven weeks away. Both now say "provisional: 1 week of history"."""
    import json

    assert cli("init", "--role", "IC", "--level", "4").code == 0
    for name, count in (("Code review", "6"), ("Tests written", "1"), ("Feature shipped", "1"),
                        ("1:1 meeting", "1")):
        assert cli("log", name, count).code == 0, name
    card = " ".join(cli("status").out.replace("│", " ").split())
    assert "Provisional: 1 week of history" in card
    forecast_part = card[card.index("Forecast for"):card.index("Insights")]
    assert "provisional: 1 week of history" in forecast_part
    assert "% chance" not in forecast_part and "80% range" not in forecast_part
    report = json.loads(cli("status", "--json").out)
    assert report["provisional"].split(";")[0] == report["forecast"]["provisional"].split(";")[0]
    assert report["forecast"]["probability_meeting_or_better"] is None
    assert "Chance of Meeting" not in cli("forecast").out


def test_the_days_left_in_a_week_in_progress_are_projected_in_proportion_to_what_is_left():
    """The period's last week, logged so far (3 reviews a week, a pace of 0.75): with nothing
    left (the week is over) the forecast is the status, a point; with 2 or 3 working days of 5
    left it adds that share of a week at the pace, 0.4 or 0.6 x 20 x 0.75 points, and its range
    widens with the share (the spread of a part-week scales with it)."""
    data = history({0: 3, 1: 3, 2: 3, 3: 3})
    over, thursday, wednesday = (forecast(data, week(3), week_left=left)
                                 for left in (0.0, 0.4, 0.6))
    assert over.low_ratio == over.high_ratio == over.projected_ratio == pytest.approx(0.75)
    assert over.probability_meeting_or_better == 0
    for result, left in ((thursday, 0.4), (wednesday, 0.6)):
        assert result.projected_score == pytest.approx(60 + left * 20 * 0.75)
        assert result.low_ratio < result.projected_ratio < result.high_ratio
    assert wednesday.high_ratio - wednesday.low_ratio == pytest.approx(
        1.5 * (thursday.high_ratio - thursday.low_ratio), rel=0.05)
    assert 0 < thursday.probability_meeting_or_better < wednesday.probability_meeting_or_better


def test_the_demo_card_read_on_a_wednesday_gives_its_last_week_a_range(cli, tmp_path,
                                                                        monkeypatch):
    """The user trial, with a frozen clock: `perfmirror demo` then `status` on Wednesday
    2026-12-02, week 12 of 12. The card said "79% (80% range 79%-79%); 0% chance of Meeting
    Expectations or better" as if nothing more could be logged in the three working days left;
    `forecast` and `status --json` say the same as the card."""
    import json

    from coach.clock import week_left
    from perfmirror_core.weeks import IsoWeek as Week

    monkeypatch.setenv("PERFMIRROR_TODAY", "2026-12-02")
    assert week_left(Week(2026, 49)) == pytest.approx(0.6)
    assert cli("demo", "--dir", str(tmp_path / "demo")).code == 0
    monkeypatch.setenv("PERFMIRROR_HOME", str(tmp_path / "demo"))
    projected = json.loads(cli("status", "--json").out)["forecast"]
    assert (projected["weeks_elapsed"], projected["weeks_total"]) == (12, 12)
    low, high = projected["low_ratio"], projected["high_ratio"]
    assert low < projected["projected_ratio"] < high
    assert projected["probability_meeting_or_better"] > 0
    card = " ".join(cli("status").out.replace("│", " ").split())
    assert f"(80% range {low:.0%}-{high:.0%})" in card
    assert json.loads(cli("forecast", "--json").out) == projected
