"""The check-in's routine follow-up: which categories it names, and why, worked by hand.

The level expects Team meeting 5 a week, Code review 2, 1:1 meeting 1 and Design doc 0.5;
Learning is not expected at all, but this person logged it in 3 of the last 4 weeks.
"""

from __future__ import annotations

from perfmirror_core.routine import RoutineGap, routine_not_logged
from perfmirror_core.scoring import (CategoryInfo, Entry, LevelFramework, ProfileChange,
                                     ScoringData, Weights)
from perfmirror_core.weeks import IsoWeek

WEEK = IsoWeek(2026, 20)
TEAM, REVIEW, ONE_ON_ONE, DESIGN, LEARNING, TALK = 1, 2, 3, 4, 5, 6
CATEGORIES = {
    TEAM: CategoryInfo(TEAM, "Team meeting", "input", 1),
    REVIEW: CategoryInfo(REVIEW, "Code review", "input", 5),
    ONE_ON_ONE: CategoryInfo(ONE_ON_ONE, "1:1 meeting", "input", 2),
    DESIGN: CategoryInfo(DESIGN, "Design doc", "outcome", 12),
    LEARNING: CategoryInfo(LEARNING, "Learning", "input", 4),
    TALK: CategoryInfo(TALK, "Tech talk", "impact", 10),
}
LEVEL = LevelFramework("IC", 4, Weights(0.3, 0.4, 0.2, 0.1),
                       {TEAM: 5, REVIEW: 2, ONE_ON_ONE: 1, DESIGN: 0.5})


def data(entries: list[Entry]) -> ScoringData:
    return ScoringData(CATEGORIES, entries, [ProfileChange(IsoWeek(2026, 1), "IC", 4)],
                       {("IC", 4): LEVEL})


def test_the_level_s_weekly_work_not_logged_is_named_most_expected_first():
    """Code review was logged this week, so it is not asked about; Design doc (0.5 a week) is
    not routine; Team meeting (5) comes before 1:1 meeting (1)."""
    gaps = routine_not_logged(data([Entry(REVIEW, WEEK, 3)]), WEEK)
    assert gaps == [RoutineGap("Team meeting", 5, 0), RoutineGap("1:1 meeting", 1, 0)]


def test_the_person_s_own_habit_counts_as_routine():
    """Learning in weeks 17, 18 and 19 (3 of the 4 weeks before week 20) is a habit; Tech talk
    in weeks 16 and 19 only (2 of 4; week 15 is outside the four) is not."""
    entries = [Entry(LEARNING, IsoWeek(2026, w), 1) for w in (17, 18, 19)]
    entries += [Entry(TALK, IsoWeek(2026, w), 1) for w in (15, 16, 19)]
    entries += [Entry(TEAM, WEEK, 5), Entry(ONE_ON_ONE, WEEK, 1), Entry(REVIEW, WEEK, 2)]
    assert routine_not_logged(data(entries), WEEK) == [RoutineGap("Learning", 0, 3)]


def test_a_habit_also_expected_by_the_level_keeps_both_reasons():
    entries = [Entry(TEAM, IsoWeek(2026, w), 5) for w in (16, 17, 18, 19)]
    gaps = routine_not_logged(data(entries), WEEK)
    assert gaps[0] == RoutineGap("Team meeting", 5, 4)


def test_entries_of_other_weeks_do_not_count_as_logged_this_week():
    gaps = routine_not_logged(data([Entry(TEAM, IsoWeek(2026, 21), 5)]), WEEK)
    assert [gap.category for gap in gaps] == ["Team meeting", "Code review", "1:1 meeting"]


def test_the_list_is_cut_to_the_limit():
    assert [gap.category for gap in routine_not_logged(data([]), WEEK, limit=2)] == [
        "Team meeting", "Code review"]


def test_a_week_with_all_its_routine_logged_asks_nothing():
    entries = [Entry(TEAM, WEEK, 1), Entry(REVIEW, WEEK, 1), Entry(ONE_ON_ONE, WEEK, 1)]
    assert routine_not_logged(data(entries), WEEK) == []
