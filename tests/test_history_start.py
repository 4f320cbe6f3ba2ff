"""History starts when it starts: weeks before the first profile week or first entry (the
earlier of the two) are not zeros anywhere.

The core cases use one category, Code review (input, 5 points), expected 4 a week at input
weight 1: a week's expected points are 4 x 5 = 20, and n reviews score 5n.
"""

from __future__ import annotations

import json

import pytest

from perfmirror_core.forecast import forecast
from perfmirror_core.recommendations import recommend
from perfmirror_core.scoring import (MEETING, NO_DATA, CategoryInfo, Entry, LevelFramework,
                                     ProfileChange, ScoringData, Weights, compute_status,
                                     history_start_week)
from perfmirror_core.status import where_am_i, window_phrase
from perfmirror_core.warnings import active_warnings
from perfmirror_core.weeks import IsoWeek

W10 = IsoWeek(2026, 10)
CATEGORIES = {1: CategoryInfo(1, "Code review", "input", 5)}
FRAMEWORK = LevelFramework("IC", 4, Weights(1, 0, 0, 0), {1: 4}, period_weeks=12)


def person(profile_from: IsoWeek, counts: dict[IsoWeek, int]) -> ScoringData:
    entries = [Entry(1, week, count) for week, count in counts.items()]
    return ScoringData(CATEGORIES, entries, [ProfileChange(profile_from, "IC", 4)],
                       {("IC", 4): FRAMEWORK})


def test_history_starts_at_the_earlier_of_first_profile_week_and_first_entry():
    assert history_start_week(person(W10, {})) == W10
    assert history_start_week(person(W10, {W10.shifted(2): 4})) == W10
    assert history_start_week(person(W10, {W10.shifted(-3): 4})) == W10.shifted(-3)


def test_a_new_users_first_week_at_the_template_is_meeting():
    """Profile and one week of 4 reviews in W10, as of W10, 12-week target.

    Only W10 is history: score 4 x 5 = 20 of 20 expected, ratio 1.0 -> Meeting. Counting the 11
    weeks before the profile as zeros would have given 20 / 240 = 8% (Underperforming).
    """
    report = compute_status(person(W10, {W10: 4}), W10)
    assert (report.weeks, report.window_weeks, report.history_start) == (1, 12, W10)
    assert report.weekly[0].week == W10
    assert report.expected == pytest.approx(20)
    assert report.ratio == pytest.approx(1.0)
    assert report.band == MEETING
    assert window_phrase(report) == "1 of 12 weeks (your history starts 2026-W10)"


def test_a_window_inside_the_history_is_the_whole_window():
    data = person(W10, {W10.shifted(offset): 4 for offset in range(14)})
    report = compute_status(data, W10.shifted(13))
    assert (report.weeks, report.window_weeks) == (12, 12)
    assert not report.history_cut
    assert window_phrase(report) == "12 weeks"


def test_a_back_filled_week_before_the_profile_starts_the_history():
    """Profile from W10, reviews back-filled in W08 (4) and logged in W10 (4), as of W10.

    History W08..W10, 3 weeks: 40 of 60 expected, ratio 0.667 -> Underperforming (W09 is a
    real empty week inside the history, and it counts).
    """
    report = compute_status(person(W10, {W10.shifted(-2): 4, W10: 4}), W10)
    assert report.weeks == 3 and report.history_start == W10.shifted(-2)
    assert report.ratio == pytest.approx(40 / 60)


def test_a_status_asked_for_before_the_history_is_no_data_for_that_week():
    report = compute_status(person(W10, {W10: 4}), W10.shifted(-5))
    assert report.weeks == 1 and report.band == NO_DATA


def test_forecast_periods_start_at_the_history_start():
    """Back-filled W08, profile W10: the 12-week periods run W08..W19, W20..W31."""
    result = forecast(person(W10, {W10.shifted(-2): 4, W10: 4}), W10)
    assert (result.period_start, result.period_end) == (W10.shifted(-2), W10.shifted(9))


def test_recommendations_do_not_chase_the_weeks_before_the_history():
    """One week at the template is Meeting: nothing is under expectation, so no step asks for
    the 44 reviews that 11 empty pre-history weeks would have 'owed'."""
    data = person(W10, {W10: 4})
    assert where_am_i(data, W10).band == MEETING
    assert recommend(data, W10) == []
    assert active_warnings(data, W10) == []


def _blank_ic(cli, since: str) -> None:
    assert cli("init", "--role", "IC", "--level", "3", "--blank", "--from", since).code == 0
    assert cli("weights", "set", "--input", "1", "--output", "0", "--outcome", "0",
               "--impact", "0").code == 0
    assert cli("category", "add", "Code review", "--dimension", "input", "--points", "5",
               "--expected", "4").code == 0


def test_the_card_and_json_say_where_the_history_starts(cli):
    """A new user after init and one good week (2026-W48 is the pinned this week)."""
    _blank_ic(cli, "2026-W48")
    assert cli("log", "Code review", "4").code == 0
    payload = json.loads(cli("status", "--json").out)
    assert payload["band"] == MEETING and payload["ratio"] == pytest.approx(1.0)
    assert (payload["weeks"], payload["window_weeks"], payload["history_start"]) == \
        (1, 12, "2026-W48")
    assert payload["period"] == {"first": "2026-W48", "last": "2026-W48"}
    card = cli("status").out
    assert "1 of 12 weeks (your history starts 2026-W48)" in " ".join(card.split())


def test_a_narrow_card_still_says_where_the_history_starts():
    """On a 60-column terminal the whole window phrase is on the card: rich cuts a panel title
    that is wider than the card without a mark, so the phrase must not live in the title."""
    from io import StringIO

    from rich.console import Console

    from coach.render import status_renderable

    report = where_am_i(person(W10, {W10: 4}), W10.shifted(7))
    out = StringIO()
    Console(file=out, width=60, color_system=None).print(status_renderable(report))
    card = " ".join(out.getvalue().replace("│", " ").split())
    assert "8 of 12 weeks (your history starts 2026-W10), ending 2026-W17" in card


@pytest.mark.parametrize("today, shown", [
    ("2026-03-04", "in progress, Wednesday"),  # 2026-W10's Wednesday
    ("2026-03-02", "in progress, Monday"),
    ("2026-03-06", None),  # Friday: the working week is over
    ("2026-03-08", None),  # Sunday
    ("2026-03-11", None),  # the next week: W10 is over
])
def test_a_card_read_during_its_last_week_says_the_week_is_still_in_progress(
        monkeypatch, today, shown):
    """The core counts the window's last week in full; read on a Wednesday, the card says so,
    rather than let three days' work pass silently for a whole week's."""
    from io import StringIO

    from rich.console import Console

    from coach.render import status_renderable

    monkeypatch.setenv("PERFMIRROR_TODAY", today)
    report = where_am_i(person(W10, {W10: 2}), W10)
    out = StringIO()
    Console(file=out, width=100, color_system=None).print(status_renderable(report))
    card = " ".join(out.getvalue().replace("│", " ").split())
    if shown is None:
        assert "in progress" not in card
    else:
        assert f"ending 2026-W10 ({shown}: the whole week's expectation is counted)" in card


def test_a_band_from_less_than_four_weeks_of_history_is_provisional():
    """One, two and three weeks of history: the band is a first reading; four: it settles.
    A short window the person asked for inside a long history is their lens, not a first
    reading, and no score at all has no band to qualify."""
    from perfmirror_core.status import SETTLED_WEEKS, provisional_note

    assert SETTLED_WEEKS == 4
    first = provisional_note(where_am_i(person(W10, {W10: 4}), W10))
    assert first.startswith("provisional: 1 week of history") and "4 weeks" in first
    assert provisional_note(where_am_i(person(W10, {W10: 4}), W10.shifted(2))).startswith(
        "provisional: 3 weeks of history")
    assert provisional_note(where_am_i(person(W10, {W10: 4}), W10.shifted(3))) == ""
    long = person(W10, {W10.shifted(offset): 4 for offset in range(14)})
    assert provisional_note(where_am_i(long, W10.shifted(13), weeks=2)) == ""
    assert provisional_note(where_am_i(person(W10, {}), W10.shifted(-1))) == ""


def test_every_surface_that_states_a_first_weeks_band_says_it_is_provisional(cli):
    """A new user's first week, on the card, in `status --json`, in `insights` and in the brag
    document: the same sentence everywhere. With an entry back-filled three weeks earlier the
    history is four weeks long, and none of them says it."""
    _blank_ic(cli, "2026-W48")
    assert cli("log", "Code review", "2").code == 0
    note = json.loads(cli("status", "--json").out)["provisional"]
    assert note and note.startswith("provisional: 1 week of history")
    def flat(text: str) -> str:  # the card's lines are wrapped inside its border
        return " ".join(text.replace("│", " ").split())

    assert flat(note[0].upper() + note[1:]) in flat(cli("status").out)
    assert flat(note) in flat(cli("insights").out)
    assert flat(note) in flat(cli("export", "brag").out)

    assert cli("log", "Code review", "3", "--week", "2026-W45").code == 0  # history: 4 weeks
    assert json.loads(cli("status", "--json").out)["provisional"] is None
    assert "rovisional" not in cli("status").out + cli("insights").out


def test_the_chat_s_answers_say_the_band_is_provisional_in_the_card_s_words():
    """The offline "why" and "promotion" answers state the band: they give the same note."""
    from coach.chat.report_answers import next_level_evidence, score_evidence
    from perfmirror_core.status import provisional_note

    report = where_am_i(person(W10, {W10: 2}), W10)
    note = provisional_note(report)
    assert note
    assert f"This band is {note}." in score_evidence(report, "why is my score low?").splitlines()
    assert f"This band is {note}." in next_level_evidence(report, "").splitlines()
    settled = where_am_i(person(W10, {W10.shifted(k): 2 for k in range(4)}), W10.shifted(3))
    assert "provisional" not in score_evidence(settled, "why is my score low?")
