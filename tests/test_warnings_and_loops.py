"""Early warnings on scripted histories, and TTA/TTR with the answers worked out by hand.

The persona: IC L4, weights .3/.4/.2/.1, four categories (Code review 5 pts x 6/week, Feature
15 x 1, Design doc 25 x 0.5, Mentoring 12 x 1), a 12-week target, profile from 2026-W37 (so
logging starts in 2026-W37 and the period is W37..W48). L5 expects "Gives tech talks" (a Talk
category nobody logs) and "Mentors engineers" (Mentoring).
"""

from __future__ import annotations

import pytest

from perfmirror_core.errors import InvalidInput
from perfmirror_core.loops import (Acknowledgement, Observation, Struggle, loop_report,
                                   observed_history, struggle_episodes, trend, warning_episodes)
from perfmirror_core.recommendations import recommend
from perfmirror_core.scoring import (CategoryInfo, Entry, LevelFramework, ProfileChange,
                                     ScoringData, Statement, Weights, compute_status)
from perfmirror_core.warnings import (MIX_WINDOW_WEEKS, WARNING_CODES, active_warnings,
                                      check_code, conditions_by_week, forecast_persistence,
                                      forecast_raised)
from perfmirror_core.weeks import IsoWeek

FIRST = IsoWeek(2026, 37)
AS_OF = IsoWeek(2026, 48)
CATEGORIES = {
    1: CategoryInfo(1, "Code review", "input", 5),
    2: CategoryInfo(2, "Feature", "output", 15),
    3: CategoryInfo(3, "Design doc", "outcome", 25),
    4: CategoryInfo(4, "Mentoring", "impact", 12),
    5: CategoryInfo(5, "Talk", "impact", 20),
}
EXPECTED = {1: 6, 2: 1, 3: 0.5, 4: 1}


def persona(entries) -> ScoringData:
    weights = Weights(.3, .4, .2, .1)
    frameworks = {
        ("IC", 4): LevelFramework("IC", 4, weights, EXPECTED),
        ("IC", 5): LevelFramework("IC", 5, weights, EXPECTED, statements=(
            Statement(1, "Gives tech talks", (5,)), Statement(2, "Mentors engineers", (4,)))),
    }
    return ScoringData(CATEGORIES, entries, [ProfileChange(FIRST, "IC", 4)], frameworks)


def w(n: int) -> IsoWeek:
    return IsoWeek(2026, n)


def on_target(weeks, mentoring=True):
    """Everything expected, every week (the design doc every other week)."""
    entries = []
    for number in weeks:
        entries += [Entry(1, w(number), 6), Entry(2, w(number), 1)]
        if number % 2:
            entries.append(Entry(3, w(number), 1))
        if mentoring:
            entries.append(Entry(4, w(number), 1))
    return entries


def codes(found):
    return [warning.code for warning in found]


def no_features_made_up_elsewhere(weeks):
    """No Feature at all, and more of everything else: 9 reviews, a design doc and 2 mentoring
    sessions every week."""
    return [Entry(category, w(number), count) for number in weeks
            for category, count in ((1, 9), (3, 1), (4, 2))]


def test_a_weighed_dimension_far_under_is_the_same_verdict_on_the_card_in_warnings_and_recommend():
    """Output is 6 of the 18.7 expected weighted points a week (32 %: the level weighs it).
    A week: input .3 x 45 = 13.5, outcome .2 x 25 = 5, impact .1 x 24 = 2.4; credited at 150 %
    of expected: 13.5, min(5, 3.75) = 3.75, min(2.4, 1.8) = 1.8 -> 19.05 / 18.7 = 102 %, Meeting
    by the ratio alone. Output has 0 of 36 expected in any 6 weeks (0 < 50 %), so:
    - the card (12 weeks, and 6 weeks: the warnings' window) is capped at Partially on output;
    - the warning: the mix is judged once 4 weeks are logged (W40), output is far under in W40,
      W41, W42, so it holds from W42;
    - recommend's first step is Feature shipped, the dimension that caps the band."""
    data = persona(no_features_made_up_elsewhere(range(37, 49)))
    for window in (None, MIX_WINDOW_WEEKS):
        card = compute_status(data, AS_OF, window)
        assert card.band_cap is not None and card.band_cap.dimension == "output"
        assert card.band == "Partially Meeting Expectations"
    output = next(x for x in active_warnings(data, AS_OF) if x.code == "output-far-under")
    assert output.first_week_held == w(42)
    assert "output: 0.0 of 36.0 weighted points, 2026-W43..2026-W48" in output.evidence
    assert "output weight 0.4, 32% of the level's expected points" in output.evidence
    first = recommend(data, AS_OF)[0]
    assert (first.category, first.dimension) == ("Feature", "output")
    assert output.message in first.reasons


def test_a_dimension_the_level_barely_weighs_is_far_under_nowhere():
    """No Mentoring from W37. Impact is 1.2 of the 18.7 expected weighted points a week (6.4 %,
    under WEIGHED_SHARE 10 %): the card does not cap on it (210 / 224.4 = 94 %, Meeting), so
    the warnings do not call it far under either, though it is at 0 % for all 12 weeks (the
    demo's IC L4 was warned of outcome, 6.6 % of its expected points, while its card was not
    capped). Recommend still names Mentoring, the one category behind, with no far-under
    reason (the next-level Talk step is another matter)."""
    data = persona(on_target(range(37, 49), mentoring=False))
    for window in (None, MIX_WINDOW_WEEKS):
        card = compute_status(data, AS_OF, window)
        assert card.band == "Meeting Expectations" and card.band_cap is None
    assert not [code for code in codes(active_warnings(data, AS_OF))
                if code.endswith("-far-under")]
    steps = recommend(data, AS_OF)
    assert "Mentoring" in [step.category for step in steps]
    assert not [reason for step in steps for reason in step.reasons if "far under" in reason]


def test_on_target_has_no_mix_or_forecast_warning():
    found = active_warnings(persona(on_target(range(37, 49))), AS_OF)
    assert not {"input-far-under", "output-far-under", "outcome-far-under", "impact-far-under",
                "forecast-below-meeting"} & set(codes(found))


def test_a_next_level_expectation_still_missing_is_named():
    found = active_warnings(persona(on_target(range(37, 49))), AS_OF)
    missing = next(x for x in found if x.code == "next-level-missing")
    assert missing.evidence == ("missing: Gives tech talks",)
    assert missing.first_week_held == w(42)


def test_two_empty_weeks_is_logging_stopped():
    found = active_warnings(persona(on_target(range(37, 46))), AS_OF)
    stopped = next(x for x in found if x.code == "logging-stopped")
    assert stopped.first_week_held == w(47)  # W46 and W47 empty
    assert stopped.evidence[0] == "last entry in 2026-W45"


def test_a_long_silence_is_one_logging_warning_not_four_dimension_warnings():
    found = codes(active_warnings(persona(on_target(range(37, 41))), AS_OF))
    assert "logging-stopped" in found
    assert not [code for code in found if code.endswith("-far-under")]


def test_half_the_work_fires_the_forecast_warning_once_it_has_persisted():
    """Half the code reviews and features, and no design doc or mentoring: the pace is about
    0.4-0.5 of expected, under Meeting's 0.85. W37 has too little pace to go on; W38, on two
    weeks, leaves Meeting a 10 % chance (under the 15 % line: the range is wide, but outcome and
    impact would also have to climb over their floors), and two such weeks running raise the
    warning in W39."""
    entries = [Entry(1, w(n), 3) for n in range(37, 49)] + [Entry(2, w(n), 1)
                                                            for n in range(37, 49, 2)]
    found = active_warnings(persona(entries), AS_OF)
    below = next(x for x in found if x.code == "forecast-below-meeting")
    assert below.first_week_held == w(39)
    assert any("chance of Meeting" in item for item in below.evidence)


def test_the_forecast_warning_has_hysteresis():
    """Raised after two weeks under a 15 % chance of Meeting, not after one; held while the
    chance hovers between 15 % and 50 % or clears for only up to three weeks; dropped after four
    weeks at 50 % or more. Not shown in a week whose period is won (Meeting banked: a chance of
    1), but that week is only one clear week: the next period opening at 30 % is the same
    trouble, shown again at once; four won weeks drop it, and then 30 % raises nothing."""
    chances = [None, 0.1, 0.6, 0.1, 0.12, 0.3, 0.45, 0.7, 0.8, 0.6, 0.1, 0.6, 0.5, 0.9, 0.55,
               0.1, 0.1, 1.0, 0.3, 1.0, 1.0, 1.0, 1.0, 0.3]
    assert forecast_raised(chances) == [False, False, False, False, True, True, True, True, True,
                                        True, True, True, True, True, False, False, True, False,
                                        True, False, False, False, False, False]


def test_a_warning_about_lumpy_work_waits_longer_than_a_lump_s_gap():
    """Weekly work: two weeks under 15 % raise it. Rare work in lumps every 4.4 weeks on
    average: floor(4.4) + 1 = 5 weeks, so the quiet weeks before a lump that is due raise
    nothing; a sixth low week (a lump due and not come) does. Never fewer than two."""
    assert forecast_persistence(None) == 2
    assert forecast_persistence(4.4) == 5
    assert forecast_persistence(2.0) == 3
    low = [0.1] * 6
    assert forecast_raised(low, [5] * 6) == [False] * 4 + [True, True]
    assert forecast_raised(low) == [False, True, True, True, True, True]


def test_a_steady_person_who_stops_logging_is_warned_within_four_weeks():
    """On target every week W37-W44, then nothing. W45 is an ordinary one-week silence (not
    logged yet); from W46 the empty weeks count, logging-stopped holds (two empty weeks), and
    Meeting for W37-W48 falls under a 15 % chance, two weeks running by W48: the forecast
    warning holds 4 weeks after the last entry."""
    history = conditions_by_week(persona(on_target(range(37, 45))), w(52))
    first = {code: next(row.week for row in history if code in row.codes)
             for code in ("logging-stopped", "forecast-below-meeting")}
    assert first == {"logging-stopped": w(46), "forecast-below-meeting": w(48)}


def test_a_director_with_monthly_lumps_who_stops_logging_is_warned_within_six_weeks():
    """A 1:1 (input, 10 points, expected weekly) every week and a Roadmap (outcome, 40 points,
    expected 0.25 a week) every fourth week, for 26 weeks from 2026-W45 (12-week periods), then
    nothing. While she logged, the cadence (a lump every 4 weeks or so) would make the warning
    wait 5 weeks; with nothing logged at all, not even the 1:1s, the wait is the ordinary two
    weeks: the chance of Meeting falls under 15 % in the 5th empty week and the warning holds in
    the 6th, four weeks after logging-stopped (the 2nd)."""
    categories = {1: CategoryInfo(1, "1:1", "input", 10),
                  2: CategoryInfo(2, "Roadmap", "outcome", 40)}
    framework = LevelFramework("Director", 7, Weights(.5, 0, .5, 0), {1: 1, 2: 0.25},
                               period_weeks=12)
    start = IsoWeek(2026, 45)
    entries = [Entry(1, start.shifted(n), 1) for n in range(26)]
    entries += [Entry(2, start.shifted(n), 1) for n in range(0, 26, 4)]
    data = ScoringData(categories, entries, [ProfileChange(start, "Director", 7)],
                       {("Director", 7): framework})
    last = start.shifted(25)
    history = conditions_by_week(data, last.shifted(10))
    first = {code: last.weeks_until(next(row.week for row in history if code in row.codes))
             for code in ("logging-stopped", "forecast-below-meeting")}
    assert first == {"logging-stopped": 2, "forecast-below-meeting": 6}


def test_conditions_by_week_covers_every_week_from_the_first_entry():
    history = conditions_by_week(persona(on_target(range(37, 46))), AS_OF)
    assert [row.week for row in history] == [w(n) for n in range(37, 49)]
    assert [("logging-stopped" in row.codes) for row in history][-3:] == [False, True, True]


def test_unknown_code_names_the_allowed_ones():
    with pytest.raises(InvalidInput) as error:
        check_code("impact-low")
    assert all(code in str(error.value) for code in WARNING_CODES)
    assert check_code(" Impact-Far-Under ") == "impact-far-under"


# -- TTA and TTR -------------------------------------------------------------------------------


def scripted(held: dict[str, set[int]], weeks=range(10, 28)):
    return [(w(n), {code for code, when in held.items() if n in when}) for n in weeks]


def test_tta_and_ttr_across_three_episodes_and_their_trend():
    """Code X holds in W10-W13, clears in W14, holds in W15, clears W16 and W17 on: one episode
    (a single clear week does not end it), resolved in W16 (the first of two clear weeks).
    Acknowledged W12: TTA = W10 -> W12 = 2, TTR = W12 -> W16 = 4.
    Second episode W20-W21, acknowledged W20, clear W22-W23: TTA 0, TTR = W20 -> W22 = 2.
    Third episode from W25 to as-of W27, not acknowledged: open, waiting W25 -> W27 = 2 weeks.
    Trend: TTA [2, 0] -> shorter; TTR [4, 2] -> shorter.
    """
    history = scripted({"X": {10, 11, 12, 13, 15, 20, 21, 25, 26, 27}})
    acks = [Acknowledgement("X", w(12)), Acknowledgement("X", w(20))]
    report = loop_report(history, acks, [], w(27))
    first, second, third = report.episodes
    assert (first.started, first.acknowledged, first.resolved) == (w(10), w(12), w(16))
    assert (first.tta, first.ttr) == (2, 4)
    assert (second.tta, second.ttr, second.resolved) == (0, 2, w(22))
    assert third.open and third.tta is None and third.waiting == 2
    assert report.current == (third,)
    assert report.tta.measurements == (2, 0) and report.tta.direction == "shorter"
    assert report.ttr.measurements == (4, 2) and report.ttr.direction == "shorter"


def test_an_acknowledged_open_episode_counts_weeks_since_the_acknowledgement():
    """Y holds from W20 to as-of W27; acknowledged W23: TTA 3, no TTR yet, 4 weeks waiting."""
    episode, = warning_episodes(scripted({"Y": set(range(20, 28))}),
                                [Acknowledgement("Y", w(23))], w(27))
    assert (episode.tta, episode.ttr, episode.waiting) == (3, None, 4)


def test_acknowledgements_outside_an_episode_or_of_another_code_do_not_count():
    """Z holds W14-W16 and is resolved W17. An ack of Z in W12 (before) and of X in W15 (another
    code) leave the episode unacknowledged: no TTA, no TTR."""
    episode, = warning_episodes(scripted({"Z": {14, 15, 16}}),
                                [Acknowledgement("Z", w(12)), Acknowledgement("X", w(15))], w(27))
    assert episode.resolved == w(17) and episode.acknowledged is None
    assert episode.tta is None and episode.ttr is None


def test_struggles_carry_their_own_ttr_clock():
    """#1 noticed 2021-03 (Mon 1 March = 2021-W09), resolved 2021-09 (Wed 1 Sept = 2021-W35):
    26 weeks. #2 noticed 2023 (Sun 1 Jan 2023 = 2022-W52), resolved 2023-02 (Wed 1 Feb =
    2023-W05): 5 weeks. #3 still open since 2026-10 (Thu 1 Oct = 2026-W40): 8 weeks to W48.
    Trend [26, 5]: shorter."""
    struggles = [Struggle(2, "on-call burnout", "2023", "2023-02"),
                 Struggle(1, "estimates always slipped", "2021-03", "2021-09"),
                 Struggle(3, "too many meetings", "2026-10")]
    episodes = struggle_episodes(struggles, AS_OF)
    assert [(e.struggle_id, e.ttr) for e in episodes] == [(1, 26), (2, 5), (3, None)]
    assert episodes[2].waiting == 8
    report = loop_report([], [], struggles, AS_OF)
    assert report.struggle_ttr.measurements == (26, 5)
    assert report.struggle_ttr.direction == "shorter"


def test_trend_needs_two_measurements_and_ignores_small_changes():
    assert trend([3]).direction == "not enough data"
    assert trend([3, 3.4]).direction == "steady"
    assert trend([1, 5, 9]).direction == "longer"  # 1 against 9; the middle sits out


def test_tta_and_ttr_from_a_real_history_of_logging_stopped():
    """Logged W37-W43, nothing in W44-W46, logged again W47-W48; acknowledged in W46.
    logging-stopped holds in W45 (W44 and W45 empty) and W46; W47 and W48 are clear, so it
    resolved in W47. TTA = W45 -> W46 = 1 week; TTR = W46 -> W47 = 1 week."""
    data = persona(on_target([*range(37, 44), 47, 48]))
    history = [(row.week, row.codes) for row in conditions_by_week(data, AS_OF)]
    report = loop_report(history, [Acknowledgement("logging-stopped", w(46))], [], AS_OF)
    episode, = [e for e in report.episodes if e.code == "logging-stopped"]
    assert (episode.started, episode.acknowledged, episode.resolved) == (w(45), w(46), w(47))
    assert (episode.tta, episode.ttr) == (1, 1)


# -- the log of observations -------------------------------------------------------------------


def seen(week: int, *codes: str) -> Observation:
    return Observation(w(week), frozenset(codes))


def test_a_back_fill_closes_an_observed_episode_instead_of_erasing_it():
    """The person was shown logging-stopped in W45 and W46 and acknowledged it in W46, then
    back-filled W44-W46 and looked again in W47 (clear). Recomputed after the back-fill, no week
    holds it: without the log there is no episode at all. With it: held W45-W46 (observed), clear
    W47 (observed) and W48 (recomputed): resolved W47. TTA = W45 -> W46 = 1, TTR = W46 -> W47 = 1.
    """
    data = persona(on_target(range(37, 49)))  # after the back-fill every week is logged
    history = [(row.week, row.codes) for row in conditions_by_week(data, AS_OF)]
    assert not any("logging-stopped" in codes for _, codes in history)
    acks = [Acknowledgement("logging-stopped", w(46))]

    def stopped(report):
        return [e for e in report.episodes if e.code == "logging-stopped"]

    assert not stopped(loop_report(history, acks, [], AS_OF))
    log = [seen(45, "logging-stopped"), seen(46, "logging-stopped"), seen(47)]
    episode, = stopped(loop_report(history, acks, [], AS_OF, log))
    assert (episode.code, episode.started, episode.acknowledged, episode.resolved) == \
        ("logging-stopped", w(45), w(46), w(47))
    assert (episode.tta, episode.ttr) == (1, 1)


def test_an_observed_warning_stays_held_until_an_observation_sees_it_gone():
    """Seen holding X in W12; nobody looked in W13-W15 (recomputed: clear); seen clear in W16.
    X holds W12-W15 and is resolved W16 (W16 observed clear, W17 recomputed clear)."""
    history = scripted({"X": {12}}, weeks=range(10, 18))
    merged = dict(observed_history(history, [seen(12, "X"), seen(16)], w(17)))
    assert [n for n in range(10, 18) if "X" in merged[w(n)]] == [12, 13, 14, 15]
    episode, = warning_episodes(list(merged.items()), [], w(17))
    assert (episode.started, episode.resolved) == (w(12), w(16))


def test_weeks_nobody_looked_at_are_as_recomputed_and_a_week_holds_all_it_showed():
    """Recomputed: Y holds W10-W11 (never seen: it still counts, TTA runs from when it held).
    W14 was looked at twice: X, then (after a back-fill) nothing: the week holds X; a later
    observation (W20, after as-of W17) is not seen yet."""
    history = scripted({"Y": {10, 11}}, weeks=range(10, 18))
    merged = dict(observed_history(history, [seen(14, "X"), seen(14), seen(20, "Z")], w(17)))
    assert merged[w(10)] == merged[w(11)] == {"Y"}
    assert merged[w(14)] == {"X"} and merged[w(15)] == frozenset()
    assert max(merged) == w(17) and not any("Z" in codes for codes in merged.values())
