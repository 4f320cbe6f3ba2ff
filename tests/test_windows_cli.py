"""One window vocabulary (issue 11, item 5): every command states the window it reads, takes
``--as-of``, and bad input is one line with exit 2. The persona is test_indicators_cli's: IC L3
from 2026-W45, a 4-week target, 4 reviews and 1 feature a week (ratio 0.8108)."""

from __future__ import annotations

import json

import pytest
from test_indicators_cli import setup_persona


def test_recommend_and_insights_state_their_window_and_take_as_of(cli):
    setup_persona(cli)
    now = json.loads(cli("recommend", "--json").out)
    assert now["window"] == {"first": "2026-W45", "last": "2026-W48", "weeks": 4,
                             "window_weeks": 4, "history_start": "2026-W45"}
    earlier = json.loads(cli("recommend", "--json", "--as-of", "2026-W46").out)
    assert earlier["window"]["last"] == "2026-W46" and earlier["window"]["weeks"] == 2
    assert cli("recommend").out.startswith(
        "Next steps from the window 2026-W45..2026-W48 (4 weeks):")
    text = cli("insights", "--as-of", "2026-W46", "--weeks", "4").out
    assert text.startswith("Insights for the window 2026-W45..2026-W46 "
                           "(2 of 4 weeks (your history starts 2026-W45)):")


def test_warnings_and_loops_state_their_window_as_the_other_commands_do(cli):
    setup_persona(cli)
    warnings = json.loads(cli("warnings", "--json", "--as-of", "2026-W47").out)["window"]
    assert {key: warnings[key] for key in ("first", "last", "weeks", "window_weeks")} == {
        "first": "2026-W45", "last": "2026-W47", "weeks": 3, "window_weeks": 4}
    assert warnings["forecast_period_end"] == "2026-W48" and warnings["mix_weeks"] == 6
    assert cli("warnings", "--as-of", "2026-W47").out.startswith(
        "Early warnings for the window 2026-W45..2026-W47 (3 of 4 weeks (your history starts "
        "2026-W45)):")
    loops = json.loads(cli("loops", "--json").out)["window"]
    assert (loops["first"], loops["last"], loops["weeks"]) == ("2026-W45", "2026-W48", 4)
    assert cli("loops", "--as-of", "2026-W46").out.startswith(
        "Feedback loops over the window 2026-W45..2026-W46 (2 weeks):")


def test_insights_lists_every_insight_the_card_has_and_more(cli):
    setup_persona(cli)
    status = json.loads(cli("status", "--json").out)
    listed = json.loads(cli("insights", "--json").out)
    assert [i["code"] for i in listed["insights"]] == [i["code"] for i in status["insights"]]
    assert listed["band"] == status["band"]
    assert all("categories" in insight for insight in listed["insights"])


def test_status_and_packet_json_carry_the_same_window_keys(cli):
    setup_persona(cli)
    status = json.loads(cli("status", "--json").out)
    assert status["window"]["first"] == status["period"]["first"] == "2026-W45"


def test_due_takes_as_of(cli):
    setup_persona(cli, weeks=("2026-W45",))
    assert json.loads(cli("due", "--json", "--as-of", "2026-W45").out)["done"] is True
    assert "The check-in (2026-W46) is due" in cli("due", "--as-of", "2026-W46").out


@pytest.mark.parametrize("command", ["status", "forecast", "recommend", "insights", "due",
                                     "warnings", "loops"])
@pytest.mark.parametrize(("flags", "field"), [
    (("--as-of", "2026-W49"), "as-of"),  # the pinned today is in 2026-W48
    (("--as-of", "2026-48"), "as-of"),
    (("--as-of", "2026-W54"), "as-of"),
])
def test_a_bad_as_of_is_one_line_and_exit_2(cli, command, flags, field):
    setup_persona(cli)
    result = cli(command, *flags)
    assert result.code == 2 and result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"perfmirror: error: {field}:")


@pytest.mark.parametrize("command", ["status", "forecast", "recommend", "insights"])
@pytest.mark.parametrize("weeks", ["0", "-3", "53", "two"])
def test_a_bad_weeks_is_one_line_and_exit_2(cli, command, weeks):
    setup_persona(cli)
    result = cli(command, "--weeks", weeks)
    assert result.code == 2 and result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("perfmirror: error: weeks:")


def test_due_counts_in_words(cli):
    """One entry and no chat read "1 entry, 0 chat messages" (it said "0 chat message(s)")."""
    setup_persona(cli, weeks=("2026-W45",), features=False)
    assert "is done: 1 entry, 0 chat messages." in cli("due", "--as-of", "2026-W45").out
