"""``perfmirror forecast / warnings / ack / loops / recommend / due`` end to end.

The persona, as in test_scenarios: IC L3 from 2026-W45, weights .3/.4/.2/.1, a 4-week target
(so the period is W45..W48 and today, 2026-W48, is its last week), Code review 5 pts x 4/week,
Feature 15 x 1, Design doc 25 x 0.5, Mentoring 12 x 0.25: 14.8 expected points a week.
Every week: 4 code reviews and 1 feature = .3 x 20 + .4 x 15 = 12 points, a ratio of
12 / 14.8 = 0.8108, under Meeting's 0.85.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pytest

from conftest import table_dump

WEEKS = ("2026-W45", "2026-W46", "2026-W47", "2026-W48")


def setup_persona(cli, weeks=WEEKS, features=True):
    assert cli("init", "--role", "IC", "--level", "3", "--blank", "--from", "2026-W45").code == 0
    assert cli("weights", "set", "--input", ".3", "--output", ".4", "--outcome", ".2",
               "--impact", ".1").code == 0
    assert cli("target", "set", "--weeks", "4", "--role", "IC", "--level", "3").code == 0
    for name, dimension, points, expected in [
            ("Code review", "input", 5, 4), ("Feature", "output", 15, 1),
            ("Design doc", "outcome", 25, 0.5), ("Mentoring", "impact", 12, 0.25)]:
        assert cli("category", "add", name, "--dimension", dimension, "--points", str(points),
                   "--expected", str(expected)).code == 0
    for week in weeks:
        assert cli("log", "Code review", "4", "--week", week).code == 0
        if features:
            assert cli("log", "Feature", "1", "--week", week).code == 0


def as_json(cli, *args):
    result = cli(*args, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_forecast_in_the_last_week_is_the_period_as_scored(cli, monkeypatch):
    """48 of 59.2 expected = 0.8108 -> Partially; read on the Friday nothing is left to happen,
    so the range is the point and the chance of Meeting is 0."""
    setup_persona(cli)
    monkeypatch.setenv("PERFMIRROR_TODAY", "2026-11-27")  # the Friday of W48
    result = as_json(cli, "forecast")
    assert (result["period_start"], result["period_end"]) == ("2026-W45", "2026-W48")
    assert (result["weeks_elapsed"], result["weeks_total"]) == (4, 4)
    assert result["projected_score"] == pytest.approx(48)
    assert result["projected_expected"] == pytest.approx(59.2)
    assert result["projected_ratio"] == pytest.approx(48 / 59.2)
    assert result["low_ratio"] == result["high_ratio"] == pytest.approx(48 / 59.2)
    assert result["projected_band"] == "Partially Meeting Expectations"
    assert result["probability_meeting_or_better"] == 0


def test_forecast_on_the_thursday_of_the_last_week_projects_the_days_left(cli):
    """The same period read on its last Thursday (conftest's today): two working days of five
    are still to come, projected like any week to come in proportion to what is left, 48 +
    2/5 x 14.8 x 0.8108 = 52.8, with a range around it and a chance of Meeting that is no
    longer nil. The card once said "79% (80% range 79%-79%); 0% chance" on a Wednesday."""
    setup_persona(cli)
    result = as_json(cli, "forecast")
    assert result["score_so_far"] == pytest.approx(48)
    assert result["projected_score"] == pytest.approx(48 + 2 / 5 * 14.8 * 48 / 59.2)
    assert result["low_ratio"] < result["projected_ratio"] < result["high_ratio"]
    assert 0 < result["probability_meeting_or_better"] < 0.5


def test_forecast_as_of_an_earlier_week_projects_the_rest(cli):
    """As of W47: 36 banked + 0.8108 x 14.8 = 48 projected, the same ratio. Three weeks of
    history are a first reading, as the card says: the pace is projected, but no range and no
    chance of Meeting are given (the card's test and words, ``provisional``)."""
    setup_persona(cli)
    result = as_json(cli, "forecast", "--as-of", "2026-W47")
    assert result["score_so_far"] == pytest.approx(36)
    assert result["projected_score"] == pytest.approx(48)
    assert result["history_weeks"] == 3
    assert result["provisional"].startswith("provisional: 3 weeks of history")
    assert result["low_ratio"] is result["high_ratio"] is None
    assert result["probability_meeting_or_better"] is None
    text = cli("forecast", "--as-of", "2026-W47")
    assert "week 3 of 4" in text.out and "Partially Meeting Expectations" in text.out
    assert "Provisional: 3 weeks of history" in text.out and "Chance of" not in text.out
    assert "48.0 of 59.2 expected points credited at the end" in text.out
    assert result["credited_score"] == pytest.approx(48)


def test_forecast_rejects_a_bad_period_length_in_one_line(cli):
    setup_persona(cli)
    result = cli("forecast", "--weeks", "0")
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert "weeks" in result.err


def test_forecast_before_init_says_what_to_do(cli):
    result = cli("forecast")
    assert result.code == 2 and "perfmirror init" in result.err


def test_warnings_name_the_forecast_and_its_evidence(cli):
    """At 0.81 of expected, and no design doc (outcome, 17 % of the expectation, under its
    floor), the chance of Meeting (0.85) is 32 %, 16 %, 2 %, then 0 in the last week: as of
    W47 it has been under 15 % for one week only, so no warning yet (a near miss is not news);
    in W48 the period ends at Partially and the second week under raises it. Without the
    features the ratio is .3 x 20 / 14.8 = 0.405: from W46 (two weeks of pace) Meeting is out
    of reach, and two such weeks running raise the warning in W47."""
    setup_persona(cli)
    result = as_json(cli, "warnings", "--as-of", "2026-W47")
    assert not result["warnings"]
    assert (result["window"]["forecast_period_start"],
            result["window"]["forecast_period_end"]) == ("2026-W45", "2026-W48")
    last_week = as_json(cli, "warnings")["warnings"]
    assert [(w["code"], w["first_week_held"]) for w in last_week] == [
        ("forecast-below-meeting", "2026-W48")]
    text = cli("warnings", "--as-of", "2026-W47").out
    assert "No warnings as of 2026-W47" in text
    assert "the forecast is for your period 2026-W45..2026-W48" in text
    assert "2026-W47..2026-W48" in cli("warnings", "--weeks", "2").out  # laid from W45


def test_half_the_work_raises_the_forecast_warning_with_its_evidence(cli):
    setup_persona(cli, features=False)
    found = {w["code"]: w for w in as_json(cli, "warnings")["warnings"]}
    assert found["forecast-below-meeting"]["first_week_held"] == "2026-W47"
    assert any("chance of Meeting" in item for item in found["forecast-below-meeting"]["evidence"])
    text = cli("warnings").out
    assert "! forecast-below-meeting (since 2026-W47)" in text


def test_ack_then_loops_measures_tta(cli):
    """Held since W47, acknowledged W48: TTA = 1 week; not resolved yet."""
    setup_persona(cli, features=False)
    result = cli("ack", "forecast-below-meeting", "--note", "one more feature a week")
    assert result.code == 0, result.err
    assert "Acknowledged forecast-below-meeting in 2026-W48" in result.out
    loops = as_json(cli, "loops")
    current = {e["code"]: e for e in loops["current"]}
    episode = current["forecast-below-meeting"]
    assert (episode["started"], episode["acknowledged"], episode["tta_weeks"]) == \
        ("2026-W47", "2026-W48", 1)
    assert episode["ttr_weeks"] is None and episode["weeks_waiting"] == 0
    assert "TTA 1" in cli("loops").out


def test_ack_of_an_unknown_code_is_one_line_naming_the_codes_and_writes_nothing(cli,
                                                                                private_home):
    setup_persona(cli)
    before = table_dump(private_home)
    result = cli("ack", "impact-low")
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1
    assert "impact-far-under" in result.err and "logging-stopped" in result.err
    assert table_dump(private_home) == before


@pytest.mark.parametrize("week", ["2026-W50", "2026-48", "2026-W54"])
def test_ack_of_a_bad_week_writes_nothing(cli, private_home, week):
    setup_persona(cli)
    before = table_dump(private_home)
    result = cli("ack", "logging-stopped", "--week", week)
    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    assert table_dump(private_home) == before


def test_ack_of_a_quiet_code_is_stored_with_a_note(cli, private_home):
    setup_persona(cli)
    result = cli("ack", "Logging-Stopped", "--week", "2026-W47")
    assert result.code == 0 and "did not hold in 2026-W47" in result.out
    rows = table_dump(private_home)["warning_ack"]
    assert [(row[1], row[2]) for row in rows] == [("logging-stopped", "2026-W47")]


def test_recommend_states_points_that_add_up(cli):
    setup_persona(cli)
    steps = as_json(cli, "recommend")["recommendations"]
    assert steps, "a Partially persona has next steps"
    for step in steps:
        assert step["points"] == pytest.approx(step["count"] * step["points_each"])
    weights = {"input": .3, "output": .4, "outcome": .2, "impact": .1}
    points = {"Code review": 5, "Feature": 15, "Design doc": 25, "Mentoring": 12}
    first = steps[0]
    assert first["points_each"] == pytest.approx(points[first["category"]]
                                                 * weights[first["dimension"]])
    assert cli("recommend").out.splitlines()[1].startswith("1. Write 1 design doc this week.")


def test_due_until_something_is_logged_this_week(cli):
    setup_persona(cli, weeks=WEEKS[:3])
    assert as_json(cli, "due") == {"week": "2026-W48", "done": False, "entries": 0,
                                   "chat_messages": 0}
    assert "is due" in cli("due").out
    cli("log", "Feature", "1")
    assert as_json(cli, "due")["done"] is True


def test_a_chat_this_week_counts_as_the_checkin(cli, private_home):
    setup_persona(cli, weeks=WEEKS[:3])
    connection = sqlite3.connect(private_home / "perfmirror.db")
    with connection:
        connection.execute("INSERT INTO chat_session VALUES (1, '2026-11-24T09:00:00+00:00', '')")
        connection.execute("INSERT INTO chat_message VALUES (1, 1, 'user', 'quiet week', "
                           "'2026-11-24T09:01:00+00:00')")
        connection.execute("INSERT INTO chat_message VALUES (2, 1, 'user', 'last week', "
                           "'2026-11-20T09:01:00+00:00')")
    connection.close()
    assert as_json(cli, "due") == {"week": "2026-W48", "done": True, "entries": 0,
                                   "chat_messages": 1}


def test_read_only_indicator_commands_import_no_sqlmodel_or_model_libraries(cli, private_home):
    """Like status: sqlite3 alone, no SQLModel (~0.4 s), litellm or chromadb."""
    import os

    setup_persona(cli)
    probe = ("import json, sys\nfrom coach.cli import main\nmain(sys.argv[1:])\n"
             "heavy = {'sqlmodel', 'litellm', 'chromadb', 'onnxruntime'}\n"
             "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in heavy)), "
             "file=sys.stderr)")
    env = dict(os.environ, PERFMIRROR_HOME=str(private_home), PERFMIRROR_TODAY="2026-11-26")
    for command in ("forecast", "warnings", "loops", "recommend", "due"):
        result = subprocess.run([sys.executable, "-c", probe, command, "--json"],
                                capture_output=True, text=True, env=env, check=True)
        assert json.loads(result.stderr.strip().splitlines()[-1]) == [], command


def observations(home):
    return [(row[1], row[2]) for row in table_dump(home)["warning_observation"]]


def test_a_back_filled_gap_keeps_its_episode_with_tta_and_ttr(cli, private_home, monkeypatch):
    """Logged W45-W46, then nothing. W48: W47-W48 empty, `warnings` shows logging-stopped.
    W49: still nothing; shown again and acknowledged (TTA = W48 -> W49 = 1), then W47-W49 are
    back-filled and `warnings` is clear. W51 (W50 logged): recomputed from today's entries no
    week ever held logging-stopped, but the log does: held W48-W49, clear W50 and W51, so it was
    resolved in W50 (TTR = W49 -> W50 = 1)."""
    setup_persona(cli, weeks=WEEKS[:2])
    assert "logging-stopped" in cli("warnings").out
    monkeypatch.setenv("PERFMIRROR_TODAY", "2026-12-03")  # W49
    assert "logging-stopped" in cli("warnings").out
    assert cli("ack", "logging-stopped", "--note", "back-filling").code == 0
    for week in ("2026-W47", "2026-W48", "2026-W49"):
        assert cli("log", "Code review", "4", "--week", week).code == 0
    assert "logging-stopped" not in cli("warnings").out
    monkeypatch.setenv("PERFMIRROR_TODAY", "2026-12-17")  # W51
    assert cli("log", "Code review", "4", "--week", "2026-W50").code == 0
    loops = as_json(cli, "loops")
    episode, = [e for e in loops["history"] if e["code"] == "logging-stopped"]
    assert (episode["started"], episode["acknowledged"], episode["resolved"]) == \
        ("2026-W48", "2026-W49", "2026-W50")
    assert (episode["tta_weeks"], episode["ttr_weeks"]) == (1, 1)
    assert not any(e["code"] == "logging-stopped" for e in loops["current"])
    seen_in_w49 = [codes for week, codes in observations(private_home) if week == "2026-W49"]
    assert "logging-stopped" in seen_in_w49[0] and "logging-stopped" not in seen_in_w49[-1]


def test_observations_are_logged_once_per_state_and_never_rewritten(cli, private_home):
    """Three looks at the same warnings in W48 log one row; a look back (--as-of) logs none."""
    setup_persona(cli, features=False)
    for command in ("warnings", "loops", "warnings"):
        assert cli(command).code == 0
    assert cli("warnings", "--as-of", "2026-W46").code == 0
    rows = observations(private_home)
    assert rows == [("2026-W48", "forecast-below-meeting")]
    connection = sqlite3.connect(private_home / "perfmirror.db")
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            connection.execute("DELETE FROM warning_observation")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            connection.execute("UPDATE warning_observation SET codes = ''")
    finally:
        connection.close()


def test_the_forecast_warning_quotes_the_same_in_progress_range_as_forecast(cli):
    """Read on the Thursday of W48, `forecast` projects the two working days left; the warning's
    evidence states that same forecast, not the week as if it were over."""
    setup_persona(cli, features=False)
    projected = as_json(cli, "forecast")
    found = {w["code"]: w for w in as_json(cli, "warnings")["warnings"]}
    evidence = " ".join(found["forecast-below-meeting"]["evidence"])
    assert projected["low_ratio"] < projected["high_ratio"]
    assert (f"80% range {projected['low_ratio']:.0%}-{projected['high_ratio']:.0%}"
            in evidence)
    assert f"{projected['probability_meeting_or_better']:.0%} chance of Meeting" in evidence
