"""The band rule and the arithmetic under it, worked by hand: the issue's scenarios, each
written so a plausible mutant of ``scoring.py`` fails (band edges, override 0, per-week weights,
percent rounding, fractional expectations, the credit cap, the floor).

The small cases use Code review (input, 1 point, so points are counts) expected 20 a week with
the whole weight on input: a week's expected points are 20 and n reviews score n.
"""

from __future__ import annotations

import pytest
from test_insights_against_template import AS_OF, CATEGORIES, IDS, framework

from perfmirror_core.scoring import (MEETING, OUTSTANDING, PARTIALLY, STRONG, UNDERPERFORMING,
                                     CategoryInfo, Entry, LevelFramework, ProfileChange,
                                     ScoringData, Weights, category_performance,
                                     compute_status, entry_points, percent)
from perfmirror_core.status import where_am_i
from perfmirror_core.weeks import IsoWeek

W1 = IsoWeek(2026, 10)
REVIEW = {1: CategoryInfo(1, "Code review", "input", 1)}
INPUT_ONLY = Weights(1, 0, 0, 0)


def one_week(reviews: int, override: float | None = None) -> ScoringData:
    level = LevelFramework("IC", 4, INPUT_ONLY, {1: 20})
    return ScoringData(REVIEW, [Entry(1, W1, reviews, override)], [ProfileChange(W1, "IC", 4)],
                       {("IC", 4): level})


@pytest.mark.parametrize(("reviews", "band"), [
    (30, OUTSTANDING), (29, STRONG),  # 30 / 20 = 1.50 exactly; 29 / 20 = 1.45
    (23, STRONG), (22, MEETING),  # 1.15 exactly; 1.10
    (17, MEETING), (16, PARTIALLY),  # 0.85 exactly; 0.80
    (14, PARTIALLY), (13, UNDERPERFORMING),  # 0.70 exactly; 0.65
])
def test_a_ratio_exactly_on_a_threshold_reaches_that_band(reviews, band):
    """One week, 20 expected: n reviews is a ratio of n / 20, exact in binary for these n."""
    report = compute_status(one_week(reviews), W1)
    assert report.ratio == reviews / 20
    assert report.band == band


def test_an_override_of_zero_scores_zero_not_count_times_points():
    """5 reviews with their score overridden to 0: 0 points (not 5 x 1), ratio 0."""
    assert entry_points(Entry(1, W1, 5, override=0.0), REVIEW[1]) == 0
    report = compute_status(one_week(5, override=0.0), W1)
    assert report.score == 0 and report.ratio == 0 and report.band == UNDERPERFORMING


def test_a_category_at_exactly_85_percent_is_met_and_just_under_is_under():
    assert category_performance(17, 20, True) == "met"  # 17 / 20 = 0.85
    assert category_performance(16.99, 20, True) == "under"
    assert category_performance(23, 20, True) == "over"  # 1.15
    assert category_performance(22.99, 20, True) == "met"
    assert category_performance(0, 20, False) == "none"


def test_percent_rounds_half_up_at_the_shown_digit():
    assert percent(0.856) == "86%"
    assert percent(0.854) == "85%"
    assert percent(None) == "n/a"


def test_a_half_a_week_category_expects_half_an_occurrence_a_week():
    """Design doc (outcome, 25 points) at 0.5 a week: 6 expected in 12 weeks (150 points),
    1.5 in 3 weeks (37.5 points); one logged in 3 weeks is 25 / 37.5 = 67 %: under."""
    categories = {2: CategoryInfo(2, "Design doc", "outcome", 25)}
    level = LevelFramework("IC", 4, Weights(0, 0, 1, 0), {2: 0.5})
    data = ScoringData(categories, [Entry(2, AS_OF, 1)], [ProfileChange(IsoWeek(2026, 1), "IC", 4)],
                       {("IC", 4): level})
    twelve = compute_status(data, AS_OF).categories[0]
    assert (twelve.expected_count, twelve.expected) == (6.0, 150.0)
    three = compute_status(data, AS_OF, 3).categories[0]
    assert (three.expected_count, three.expected) == (1.5, 37.5)
    assert three.performance == "under"
    assert compute_status(data, AS_OF, 3).expected == 37.5


def test_a_promotion_mid_period_scores_each_week_with_that_weeks_weights():
    """IC L3 (weights input 1) in W10-W11, IC L4 (input .5, output .5) from W12; 4 weeks to W13.
    Every week: 10 reviews (input, 1 pt) and 2 bug fixes (output, 5 pts).
    L3 expects 10 reviews a week: 10 expected points. L4 expects 10 reviews + 2 bug fixes:
    .5 x 10 + .5 x 10 = 10 expected points.
    Score: W10, W11 at L3 = 1 x 10 + 0 x 10 = 10 each; W12, W13 at L4 = .5 x 10 + .5 x 10 = 10
    each: 40 of 40, ratio 1.0, Meeting. Scoring all four weeks with L4's weights gives 40 too,
    but L3's weights for all gives 20 (the bug fixes count for nothing): 0.5, Underperforming.
    The input dimension's weighted points are 10 + 10 + 5 + 5 = 30, output's 0 + 0 + 5 + 5 = 10.
    """
    categories = {1: CategoryInfo(1, "Code review", "input", 1),
                  2: CategoryInfo(2, "Bug fix", "output", 5)}
    frameworks = {("IC", 3): LevelFramework("IC", 3, Weights(1, 0, 0, 0), {1: 10}),
                  ("IC", 4): LevelFramework("IC", 4, Weights(.5, .5, 0, 0), {1: 10, 2: 2})}
    entries = [Entry(c, W1.shifted(k), n) for k in range(4) for c, n in ((1, 10), (2, 2))]
    data = ScoringData(categories, entries, [ProfileChange(W1, "IC", 3),
                                             ProfileChange(W1.shifted(2), "IC", 4)], frameworks)
    report = compute_status(data, W1.shifted(3), 4)
    assert [w.score for w in report.weekly] == [10, 10, 10, 10]
    assert [w.expected for w in report.weekly] == [10, 10, 10, 10]
    assert report.ratio == 1.0 and report.band == MEETING
    dimensions = {d.name: d for d in report.dimensions}
    assert (dimensions["input"].weighted, dimensions["output"].weighted) == (30, 10)
    assert dimensions["output"].expected_count == 4  # 2 a week, at L4 only


def _twelve_weeks(role: str, level: int, totals: dict[str, int]) -> ScoringData:
    """``totals`` over the 12 weeks ending AS_OF, spread as evenly as whole counts allow."""
    first = AS_OF.shifted(-11)
    entries = [Entry(IDS[name], first.shifted(k), total * (k + 1) // 12 - total * k // 12)
               for name, total in totals.items() for k in range(12)
               if total * (k + 1) // 12 - total * k // 12]
    return ScoringData(CATEGORIES, entries, [ProfileChange(first, role, level)],
                       {(role, level): framework(role, level)})


def test_an_ic_l6_with_impact_at_4_percent_is_capped_at_partially():
    """IC L6, default template and weights .25/.30/.25/.20, 12 weeks.
    input: 120 reviews x 5 + 60 meetings x 2 + 6 learning x 8 + 60 docs read x 2 + 12 1:1s x 3
      + 3 mentorship x 5 = 939 points, x .25 = 234.75 of 204.75 expected;
    output: 18 features x 15 + 30 bug fixes x 6 + 18 tests x 4 + 12 docs x 6 = 594, x .3 =
      178.2 of 140.4;
    outcome: 9 design docs x 25 + 4 RFCs x 20 + 3 ADRs x 30 + 4 process x 15 + 3 incidents x 12
      + 3 projects x 30 = 581, x .25 = 145.25 of 124.65;
    impact: 1 tech talk x 20 + 1 open source x 10 = 30, x .2 = 6 of 145.8: 4.1 %.
    Score 564.2 of 615.6: 0.9165, Meeting by the ratio alone (no dimension over 150 %, so the
    credited score is the score). Impact is 23.7 % of the expectation (>= 10 %), expected 55.8
    times (>= 2) and under half its points: the band is capped at Partially. To Meeting: the
    ratio is there; impact needs .5 x 145.8 - 6 = 66.9 more weighted points.
    """
    report = compute_status(_twelve_weeks("IC", 6, {
        "Code review": 120, "Team meeting": 60, "Learning": 6, "Reading docs": 60,
        "1:1 meeting": 12, "Mentorship received": 3, "Feature shipped": 18, "Bug fix": 30,
        "Tests written": 18, "Documentation": 12, "Design doc": 9, "RFC": 4,
        "Architecture decision": 3, "Process improvement": 4, "Incident resolved": 3,
        "Project delivered": 3, "Tech talk": 1, "Open source": 1}), AS_OF)
    assert report.score == pytest.approx(564.2) and report.expected == pytest.approx(615.6)
    assert report.raw_ratio == pytest.approx(0.9165, abs=1e-4)
    assert report.ratio == pytest.approx(report.raw_ratio)
    assert report.band == PARTIALLY
    assert report.band_cap is not None and report.band_cap.band == MEETING
    assert report.band_cap.reason == "capped at Partially: impact 4% of expected"
    assert report.points_to_next_band == pytest.approx(66.9)


def test_a_new_manager_coding_ten_times_his_expectation_is_not_meeting():
    """Manager L5, default template and weights .20/.35/.30/.15, 12 weeks: 23 of 72 1:1s,
    1 interview, 1 piece of feedback, and 60 bug fixes against 6 expected docs.
    input: 23 1:1s x 3 + 60 meetings x 2 + 36 docs read x 2 + 12 reviews x 5 + 6 learning x 8
      + 6 mentorship x 5 = 399, x .2 = 79.8 of 109.2 (73 %);
    output: 60 bug fixes x 6 = 360, x .35 = 126 of 12.6 (10x); credited up to 1.5 x 12.6 = 18.9;
    outcome: 1 design doc x 25 + 3 process x 15 + 2 incidents x 12 + 2 roadmaps x 25
      + 2 projects x 30 = 204, x .3 = 61.2 of 58.68;
    impact: 1 interview x 15 + 1 feedback x 10 = 25, x .15 = 3.75 of 77.4 (4.8 %).
    Raw: 270.75 of 257.88 = 1.0499, 'Meeting 105%' before. Credited: 79.8 + 18.9 + 61.2 + 3.75
    = 163.65, ratio 0.6346: Underperforming; the code beyond 150 % buys nothing.
    """
    report = compute_status(_twelve_weeks("Manager", 5, {
        "1:1 meeting": 23, "Team meeting": 60, "Reading docs": 36, "Code review": 12,
        "Learning": 6, "Mentorship received": 6, "Bug fix": 60, "Design doc": 1,
        "Process improvement": 3, "Incident resolved": 2, "Roadmap": 2, "Project delivered": 2,
        "Interview": 1, "Feedback given": 1}), AS_OF)
    assert report.raw_ratio == pytest.approx(270.75 / 257.88)
    assert report.credited == pytest.approx(163.65)
    assert report.ratio == pytest.approx(163.65 / 257.88)
    assert report.band == UNDERPERFORMING
    output = next(d for d in report.dimensions if d.name == "output")
    assert (output.weighted, output.credited) == (pytest.approx(126), pytest.approx(18.9))


def test_the_floor_needs_a_weighed_dimension_expected_at_least_twice():
    """Input 1 pt x 20 a week (weight .9); impact 10 pts x 0.05 a week (weight .1). One week
    of 20 reviews: impact is 0 of .05 x 10 x .1 = 0.05 (0.25 % of the expectation, expected
    0.05 times): no floor, Meeting. Impact at 0.5 a week (0.5 of 20.5, 2.4 %) still not weighed.
    Weights .8/.2, impact 2 a week, 2 weeks, 30 reviews a week: input 2 x 30 x .8 = 48 of 32
    (exactly the 150 % cap), impact 0 of 2 x 2 x 10 x .2 = 8, which is 20 % of the 40 expected
    and expected 4 times: the ratio alone is 48 / 40 = 1.2 (Strong), the floor caps it. Two
    mentoring sessions (4 of 8, exactly half) lift it: not under the floor. One week with
    impact at 1 a week: 2 of 18 expected (11 %) but expected once: 30 reviews credited at 24,
    24 / 18 = 1.33, Strong."""
    categories = {1: CategoryInfo(1, "Code review", "input", 1),
                  2: CategoryInfo(2, "Mentoring", "impact", 10)}

    def status(weights: Weights, impact_weekly: float, weeks: int, reviews: int,
               mentoring: int = 0):
        level = LevelFramework("IC", 4, weights, {1: 20, 2: impact_weekly})
        entries = [Entry(1, W1.shifted(k), reviews) for k in range(weeks)]
        entries += [Entry(2, W1, mentoring)] if mentoring else []
        data = ScoringData(categories, entries, [ProfileChange(W1, "IC", 4)], {("IC", 4): level})
        return compute_status(data, W1.shifted(weeks - 1), weeks)

    assert status(Weights(.9, 0, 0, .1), 0.05, 1, 20).band == MEETING
    assert status(Weights(.9, 0, 0, .1), 0.5, 1, 20).band_cap is None
    one_week_in = status(Weights(.8, 0, 0, .2), 1, 1, 30)  # impact 2 of 18, expected once
    assert one_week_in.band == STRONG and one_week_in.band_cap is None
    capped = status(Weights(.8, 0, 0, .2), 2, 2, 30)
    assert capped.ratio == pytest.approx(1.2) and capped.band == PARTIALLY
    assert capped.band_cap is not None and capped.band_cap.band == STRONG
    assert capped.band_cap.dimension == "impact" and capped.band_cap.attainment == 0
    at_half = status(Weights(.8, 0, 0, .2), 2, 2, 30, mentoring=2)  # 2 x 10 x .2 = 4 of 8
    assert at_half.band == STRONG and at_half.band_cap is None  # (48 + 4) / 40 = 1.3


def test_the_card_says_a_far_impact_shortfall_once():
    """An IC L6 with impact far under: the far-under insight names the impact categories; the
    senior-IC rule and 'execution without impact' would only repeat them."""
    report = where_am_i(_twelve_weeks("IC", 6, {
        "Code review": 120, "Team meeting": 60, "Reading docs": 60, "Feature shipped": 18,
        "Bug fix": 30, "Design doc": 9, "Tech talk": 1, "Open source": 1}), AS_OF)
    codes = [insight.code for insight in report.insights]
    assert "dimension-far-under" in codes
    assert "senior-grow-impact" not in codes and "execution-without-impact" not in codes
