"""Which weight and target rows apply to a role and level, and what a missing one falls back
to: the core's policy (``frameworks.level_framework``), visible in ``LevelFramework.assumed``."""

from __future__ import annotations

from perfmirror_core.frameworks import DEFAULT_PERIOD_WEEKS, EQUAL_WEIGHTS, level_framework
from perfmirror_core.scoring import Statement, Thresholds, Weights

ROLE_WIDE = Weights(0.4, 0.3, 0.2, 0.1)
L5 = Weights(0.1, 0.2, 0.3, 0.4)
EVERYONE = (Thresholds(1.4, 1.1, 0.8, 0.6), 10)
IC_TARGET = (Thresholds(1.6, 1.2, 0.9, 0.7), 8)


def test_the_most_specific_row_wins():
    weights = {("IC", None): ROLE_WIDE, ("IC", 5): L5}
    targets = {(None, None): EVERYONE, ("IC", None): IC_TARGET}
    at_5 = level_framework("IC", 5, weights, targets, {1: 2.0}, [Statement(1, "x", (1,))])
    assert (at_5.weights, at_5.thresholds, at_5.period_weeks) == (L5, *IC_TARGET)
    assert at_5.assumed == () and at_5.expected_weekly == {1: 2.0}
    at_4 = level_framework("IC", 4, weights, targets, {}, [])
    assert at_4.weights == ROLE_WIDE  # the role's row covers the levels without their own
    manager = level_framework("Manager", 6, {("Manager", 6): L5}, targets, {}, [])
    assert (manager.thresholds, manager.period_weeks) == EVERYONE


def test_a_missing_row_falls_back_and_says_so():
    """No weights: each of the four dimensions counts 1/4 = 0.25. No target: the default
    bands (Meeting at 0.85) over 12 weeks. Both are named, not silent."""
    blank = level_framework("IC", 4, {}, {}, {}, [])
    assert blank.weights == EQUAL_WEIGHTS == Weights(0.25, 0.25, 0.25, 0.25)
    assert (blank.thresholds, blank.period_weeks) == (Thresholds(), DEFAULT_PERIOD_WEEKS) \
        == (Thresholds(1.5, 1.15, 0.85, 0.7), 12)
    assert blank.assumed == ("no weights for IC L4: each dimension counts 0.25",
                             "no target for IC L4: default bands over 12 weeks")


def test_status_names_a_fallback_it_took(cli, private_home):
    """A database whose IC weights are gone (an import from elsewhere, a hand edit) still
    scores, with equal weights, and the status says so instead of silently assuming."""
    import json
    import sqlite3

    assert cli("init", "--role", "IC", "--level", "4").code == 0
    assert json.loads(cli("status", "--json").out)["assumed"] == []
    connection = sqlite3.connect(private_home / "perfmirror.db")
    with connection:
        connection.execute("DELETE FROM role_weight WHERE role = 'IC'")
    connection.close()
    cli("log", "Code review", "2")
    status = json.loads(cli("status", "--json").out)
    assert status["assumed"] == ["no weights for IC L4: each dimension counts 0.25"]
    assert {d["name"]: d["weight"] for d in status["dimensions"]} == dict.fromkeys(
        ("input", "output", "outcome", "impact"), 0.25)
    assert "assumed: no weights for IC L4" in cli("status").out
