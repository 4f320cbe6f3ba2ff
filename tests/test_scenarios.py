"""One end-to-end scenario per role through the CLI, with the arithmetic worked by hand.

Each scenario starts blank (no default categories), defines four categories with expected
weekly counts, sets the role's weights and a 4-week period (2026-W45..W48), logs a month and
reads ``status --json``.
"""

from __future__ import annotations

import json

import pytest


def setup_role(cli, role, level, weights, categories, since="2026-W48"):
    assert cli("init", "--role", role, "--level", str(level), "--blank", "--from", since).code == 0
    i, o, c, m = weights
    assert cli("weights", "set", "--input", str(i), "--output", str(o), "--outcome", str(c),
               "--impact", str(m)).code == 0
    assert cli("target", "set", "--weeks", "4", "--role", role, "--level", str(level)).code == 0
    for name, dimension, points, expected in categories:
        result = cli("category", "add", name, "--dimension", dimension, "--points", str(points),
                     "--expected", str(expected))
        assert result.code == 0, result.err


def log_all(cli, entries):
    for week, name, count, *override in entries:
        args = ["log", name, str(count), "--week", week]
        if override:
            args += ["--override", str(override[0])]
        result = cli(*args)
        assert result.code == 0, result.err


def status(cli, *extra):
    result = cli("status", "--json", *extra)
    assert result.code == 0, result.err
    return json.loads(result.out)


def by_name(items):
    return {item["name"]: item for item in items}


def test_ic_scenario(cli):
    """IC L3, weights .30/.40/.20/.10.

    Points: input Code review 12 x 5 = 60; output Feature 3 x 15 = 45; outcome Design doc 25;
    impact Mentoring: override 20 (instead of 1 x 12).
    Score = .3*60 + .4*45 + .2*25 + .1*20 = 18 + 18 + 5 + 2 = 43.
    Expected per week = .3*4*5 + .4*1*15 + .2*.5*25 + .1*.25*12 = 6 + 6 + 2.5 + .3 = 14.8;
    over 4 weeks 59.2. Raw ratio 43 / 59.2 = 0.7264.
    Credit cap: impact's 2 weighted points count up to 1.5 x its 1.2 expected = 1.8, so the
    credited score is 42.8 and the ratio 42.8 / 59.2 = 0.7230 -> Partially Meeting Expectations.
    Next band Meeting at .85 * 59.2 = 50.32, so 7.52 credited points to go.
    Floor: outcome is at 5 of 10 weighted points, exactly 50 %, which is not under the floor.
    Weekly: W45 .3*20 + .4*15 = 12; W46 .3*30 = 9; W47 .2*25 + .1*20 = 7; W48 .3*10 + .4*30 = 15.
    Categories: Code review 60 of 80 (under), Feature 45 of 60 (under), Design doc 25 of 50
    (under), Mentoring 20 of 12 (over).
    """
    setup_role(cli, "IC", 3, (0.3, 0.4, 0.2, 0.1), [
        ("Code review", "input", 5, 4), ("Feature", "output", 15, 1),
        ("Design doc", "outcome", 25, 0.5), ("Mentoring", "impact", 12, 0.25)])
    log_all(cli, [("2026-W45", "Code review", 4), ("2026-W45", "Feature", 1),
                  ("2026-W46", "code review", 6), ("2026-W47", "Design doc", 1),
                  ("2026-W47", "Mentoring", 1, 20), ("2026-W48", "Code review", 2),
                  ("2026-W48", "feature", 2)])
    report = status(cli)
    assert report["as_of"] == "2026-W48" and report["weeks"] == 4
    assert report["score"] == pytest.approx(43)
    assert report["expected"] == pytest.approx(59.2)
    assert report["raw_ratio"] == pytest.approx(43 / 59.2)
    assert report["credited"] == pytest.approx(42.8)
    assert report["ratio"] == pytest.approx(42.8 / 59.2)
    assert report["band"] == "Partially Meeting Expectations"
    assert report["band_cap"] is None
    assert report["next_band"] == "Meeting Expectations"
    assert report["points_to_next_band"] == pytest.approx(7.52)
    assert [w["score"] for w in report["weekly"]] == pytest.approx([12, 9, 7, 15])
    dims = by_name(report["dimensions"])
    assert dims["input"]["points"] == pytest.approx(60)
    assert dims["input"]["weighted"] == pytest.approx(18)
    assert dims["input"]["expected"] == pytest.approx(24)
    categories = by_name(report["categories"])
    assert categories["Code review"]["actual"] == pytest.approx(60)
    assert categories["Code review"]["expected"] == pytest.approx(80)
    assert [categories[n]["performance"] for n in ("Code review", "Feature", "Design doc",
                                                   "Mentoring")] == ["under"] * 3 + ["over"]


def test_manager_scenario(cli):
    """Manager L5, weights .20/.40/.30/.10.

    Points: 1:1s 20 x 3 = 60 (input); Team delivery 2 x 10 = 20 (output); Process improvement
    1 x 15 = 15 (outcome); Hiring interview 4 x 15 = 60 (impact).
    Score = .2*60 + .4*20 + .3*15 + .1*60 = 12 + 8 + 4.5 + 6 = 30.5.
    Expected per week = .2*5*3 + .4*1*10 + .3*.5*15 + .1*1*15 = 3 + 4 + 2.25 + 1.5 = 10.75;
    over 4 weeks 43. Ratio 30.5 / 43 = 0.7093 -> Partially; 0.85 * 43 - 30.5 = 6.05 to Meeting.
    """
    setup_role(cli, "Manager", 5, (0.2, 0.4, 0.3, 0.1), [
        ("1:1", "input", 3, 5), ("Team delivery", "output", 10, 1),
        ("Process improvement", "outcome", 15, 0.5), ("Hiring interview", "impact", 15, 1)])
    log_all(cli, [(w, "1:1", 5) for w in ("2026-W45", "2026-W46", "2026-W47", "2026-W48")]
            + [("2026-W46", "Hiring interview", 2), ("2026-W48", "Hiring interview", 2),
               ("2026-W47", "Process improvement", 1), ("2026-W45", "Team delivery", 1),
               ("2026-W47", "Team delivery", 1)])
    report = status(cli)
    assert report["score"] == pytest.approx(30.5)
    assert report["expected"] == pytest.approx(43)
    assert report["band"] == "Partially Meeting Expectations"
    assert report["points_to_next_band"] == pytest.approx(6.05)
    assert by_name(report["categories"])["1:1"]["performance"] == "met"


def test_senior_manager_scenario(cli):
    """Senior Manager L7, weights .15/.35/.35/.15.

    Points: Skip-level 12 x 4 = 48; Org delivery 2 x 20 = 40; Strategy doc override 45;
    Talk 1 x 20 = 20. Score = .15*48 + .35*40 + .35*45 + .15*20 = 7.2 + 14 + 15.75 + 3 = 39.95.
    Expected per week = .15*2*4 + .35*.5*20 + .35*.25*30 + .15*.25*20
    = 1.2 + 3.5 + 2.625 + .75 = 8.075; over 4 weeks 32.3.
    Ratio 39.95 / 32.3 = 1.2368 -> Strong Performance; 1.5 * 32.3 - 39.95 = 8.5 to Outstanding.
    """
    setup_role(cli, "Senior Manager", 7, (0.15, 0.35, 0.35, 0.15), [
        ("Skip-level", "input", 4, 2), ("Org delivery", "output", 20, 0.5),
        ("Strategy doc", "outcome", 30, 0.25), ("Talk", "impact", 20, 0.25)])
    log_all(cli, [(w, "Skip-level", 3) for w in ("2026-W45", "2026-W46", "2026-W47", "2026-W48")]
            + [("2026-W46", "Org delivery", 2), ("2026-W47", "Strategy doc", 1, 45),
               ("2026-W48", "Talk", 1)])
    report = status(cli)
    assert report["score"] == pytest.approx(39.95)
    assert report["expected"] == pytest.approx(32.3)
    assert report["band"] == "Strong Performance"
    assert report["next_band"] == "Outstanding"
    assert report["points_to_next_band"] == pytest.approx(8.5)


def test_director_scenario(cli):
    """Director L8, weights .10/.25/.40/.25.

    Points: Exec review 1 x 5 = 5; Program launch 1 x 30 = 30; Org strategy 3 x 40 = 120;
    Culture 4 x 10 = 40. Score = .1*5 + .25*30 + .4*120 + .25*40 = .5 + 7.5 + 48 + 10 = 66.
    Expected per week = .1*1*5 + .25*.25*30 + .4*.25*40 + .25*1*10 = .5 + 1.875 + 4 + 2.5
    = 8.875; over 4 weeks 35.5. Raw ratio 66 / 35.5 = 1.859.
    Credit cap: outcome's 48 weighted points count up to 1.5 x its 16 expected = 24, so the
    credited score is .5 + 7.5 + 24 + 10 = 42, ratio 42 / 35.5 = 1.1831 -> Strong Performance:
    three strategies in a month do not make up for the rest. Outstanding needs 1.5 x 35.5 =
    53.25 credited, 11.25 more. (Input, 0.5 of 2, is 6 % of the expectation: not weighed, no
    floor.)
    """
    setup_role(cli, "Director", 8, (0.1, 0.25, 0.4, 0.25), [
        ("Exec review", "input", 5, 1), ("Program launch", "output", 30, 0.25),
        ("Org strategy", "outcome", 40, 0.25), ("Culture", "impact", 10, 1)])
    log_all(cli, [("2026-W45", "Exec review", 1), ("2026-W48", "Program launch", 1),
                  ("2026-W46", "Org strategy", 1), ("2026-W47", "Org strategy", 1),
                  ("2026-W48", "Org strategy", 1)]
            + [(w, "Culture", 1) for w in ("2026-W45", "2026-W46", "2026-W47", "2026-W48")])
    report = status(cli)
    assert report["score"] == pytest.approx(66)
    assert report["expected"] == pytest.approx(35.5)
    assert report["raw_ratio"] == pytest.approx(66 / 35.5)
    assert report["ratio"] == pytest.approx(42 / 35.5)
    assert report["band"] == "Strong Performance" and report["band_cap"] is None
    assert report["next_band"] == "Outstanding"
    assert report["points_to_next_band"] == pytest.approx(11.25)


def test_promotion_mid_period_scores_each_week_at_its_level(cli):
    """IC L3 until W46, IC L4 from W47 (same weights .3/.4/.2/.1, period 4 weeks).

    One category, Code review (input, 5 points), expected 4/week at L3 and 6/week at L4.
    Entries: 4 code reviews every week -> score = 4 weeks * .3 * 4 * 5 = 24.
    Expected = 2 * (.3*4*5) + 2 * (.3*6*5) = 12 + 18 = 30; ratio 0.8 -> Partially.
    """
    setup_role(cli, "IC", 3, (0.3, 0.4, 0.2, 0.1), [("Code review", "input", 5, 4)],
               since="2026-W40")
    assert cli("target", "set", "--weeks", "4", "--role", "IC", "--level", "4").code == 0
    assert cli("profile", "set", "--role", "IC", "--level", "4", "--from", "2026-W47").code == 0
    assert cli("weights", "set", "--input", ".3", "--output", ".4", "--outcome", ".2",
               "--impact", ".1").code == 0
    assert cli("category", "edit", "Code review", "--expected", "6").code == 0
    log_all(cli, [(w, "Code review", 4) for w in ("2026-W45", "2026-W46", "2026-W47",
                                                   "2026-W48")])
    report = status(cli)
    assert report["level"] == 4
    assert report["score"] == pytest.approx(24)
    assert report["expected"] == pytest.approx(30)
    assert report["band"] == "Partially Meeting Expectations"
    earlier = status(cli, "--as-of", "2026-W46", "--weeks", "2")
    assert earlier["level"] == 3 and earlier["expected"] == pytest.approx(12)  # 2 * .3*4*5


def test_no_entries_in_period_is_no_data(cli):
    setup_role(cli, "IC", 3, (0.3, 0.4, 0.2, 0.1), [("Code review", "input", 5, 4)])
    cli("log", "Code review", "3", "--week", "2026-W30")
    report = status(cli)
    assert report["band"] == "No Data"
    assert report["score"] == 0
    assert status(cli, "--as-of", "2026-W31")["band"] != "No Data"
