"""Item 8 of issue 11: next-level pressure waits for a full period at a new level, "consistent"
scales with the window, and the packet's headline is the status of its own window."""

from __future__ import annotations

import json

from perfmirror_core.coverage import consistent_min_weeks
from perfmirror_core.scoring import (CategoryInfo, Entry, LevelFramework, ProfileChange,
                                     ScoringData, Statement, Weights, level_started_week,
                                     settled_at_level)
from perfmirror_core.status import where_am_i
from perfmirror_core.warnings import active_warnings
from perfmirror_core.weeks import IsoWeek

START = IsoWeek(2026, 1)
PROMOTED = IsoWeek(2026, 20)
CATEGORIES = {1: CategoryInfo(1, "Code review", "input", 5),
              2: CategoryInfo(2, "Tech talk", "impact", 20)}


def promoted_person(promoted: IsoWeek | None = PROMOTED) -> ScoringData:
    """IC L4 from W01, L5 from W20 when promoted; reviews every week at the template; L6
    expects a tech talk that never comes."""
    weights = Weights(1, 0, 0, 0)
    frameworks = {(("IC", level)): LevelFramework("IC", level, weights, {1: 4},
                                                  statements=(Statement(level, "Gives talks",
                                                                        (2,)),))
                  for level in (4, 5, 6)}
    profiles = [ProfileChange(START, "IC", 4)]
    if promoted is not None:
        profiles.append(ProfileChange(promoted, "IC", 5))
    entries = [Entry(1, START.shifted(k), 4) for k in range(60)]
    return ScoringData(CATEGORIES, entries, profiles, frameworks)


def test_the_level_start_is_the_promotion_and_a_new_history_waits_four_weeks():
    data = promoted_person()
    assert level_started_week(data, PROMOTED.shifted(3)) == PROMOTED
    assert level_started_week(data, PROMOTED.shifted(-1)) is None
    assert settled_at_level(data, PROMOTED.shifted(-1))
    never_promoted = promoted_person(None)  # a new history waits its first 4 weeks
    assert not settled_at_level(never_promoted, START.shifted(2))
    assert settled_at_level(never_promoted, START.shifted(3))


def test_settled_after_exactly_one_target_period_at_the_new_level():
    """Promoted in W20, 12-week period: W20..W30 is 11 weeks (settling), W31 the 12th."""
    data = promoted_person()
    assert not settled_at_level(data, PROMOTED)
    assert not settled_at_level(data, PROMOTED.shifted(10))
    assert settled_at_level(data, PROMOTED.shifted(11))


def test_no_next_level_pressure_two_weeks_into_a_new_level():
    """The issue: next-level-missing for L6 fired two weeks into L5."""
    data = promoted_person()
    two_weeks_in = PROMOTED.shifted(1)
    codes = [i.code for i in where_am_i(data, two_weeks_in).insights]
    assert "next-level-missing" not in codes
    assert "next-level-missing" not in [w.code for w in active_warnings(data, two_weeks_in)]
    settled = PROMOTED.shifted(16)  # settled, and the 3 persistence weeks have passed
    assert "next-level-missing" in [i.code for i in where_am_i(data, settled).insights]
    assert "next-level-missing" in [w.code for w in active_warnings(data, settled)]


def test_consistent_means_a_quarter_of_the_window_and_at_least_two_weeks():
    assert [consistent_min_weeks(w) for w in (1, 4, 8, 9, 12, 26, 52)] == [2, 2, 2, 3, 3, 7, 13]


def test_three_weeks_of_evidence_in_26_is_not_consistent():
    """The issue: 'consistent' at 3 of 26 weeks. Talks in weeks 16, 20 and 24 of W01..W26:
    over 26 weeks that is 3 of the 7 needed (evidenced); over the 12 weeks W15..W26 it is 3
    of the 3 needed (consistent)."""
    weights = Weights(.5, 0, 0, .5)
    statement = Statement(1, "Gives talks", (2,))
    framework = LevelFramework("IC", 4, weights, {1: 4, 2: 0.25}, statements=(statement,))
    entries = [Entry(1, START.shifted(k), 4) for k in range(26)]
    entries += [Entry(2, START.shifted(k), 1) for k in (15, 19, 23)]
    data = ScoringData(CATEGORIES, entries, [ProfileChange(START, "IC", 4)],
                       {("IC", 4): framework})
    as_of = START.shifted(25)
    assert where_am_i(data, as_of, 26).expectations[0].status == "evidenced"
    assert where_am_i(data, as_of, 12).expectations[0].status == "consistent"


def test_packet_json_is_the_status_of_the_same_window(cli, persona):
    packet = json.loads(cli("export", "packet", "--json").out)
    status = json.loads(cli("status", "--json", "--weeks", "26").out)
    for key in ("band", "ratio", "raw_ratio", "weeks", "level"):
        assert packet[key] == status[key], key
    assert packet["window"] == {"first": status["period"]["first"], "last": "2026-W48",
                                "weeks": status["weeks"], "window_weeks": 26,
                                "history_start": status["history_start"]}
    assert packet["target_level"] == status["level"] + 1
    assert packet["consistent_min_weeks"] == 3  # the persona's history is 12 weeks
    assert packet["expectations"] and all(
        {"text", "status", "weeks_with_evidence", "evidence"} <= set(e)
        for e in packet["expectations"])
    evidenced = [e for e in packet["expectations"] if e["evidence"]]
    assert evidenced and all(e["weeks_with_evidence"] == len({i["week"] for i in e["evidence"]})
                             for e in evidenced)


def test_a_new_history_s_packet_says_when_its_gaps_start_to_count(cli, private_home):
    """A manager whose history is one week old (the first profile: how long they have held the
    level is unknown): the packet said "You have been Manager L6 since None" and "consistent
    means 2 or more of these 1". It says when the gaps start to count, and what consistent asks."""
    assert cli("init", "--role", "Manager", "--level", "6").code == 0
    assert cli("log", "Hiring decision", "1").code == 0
    packet = cli("export", "packet").out
    assert "since None" not in packet
    assert ("Your history starts 2026-W48: gaps toward L7 count from 2026-W51, once 4 weeks are "
            "logged. Until then they are a map, not a verdict.") in packet
    assert "(consistent means evidence in 2 or more weeks; this window has 1)" in packet
