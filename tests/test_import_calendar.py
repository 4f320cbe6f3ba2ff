"""`perfmirror import calendar` on tests/fixtures/import/calendar.ics: a weekly 1:1 (RRULE,
an EXDATE, one occurrence moved), an interview in New York time, a talk in Berlin time, a
Sunday-evening New York planning that is Monday in Berlin, a lunch no rule maps, a cancelled
interview and one next week. Today is pinned to Thursday 2026-11-26 (2026-W48)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import table_dump
from test_import_git import git

FIXTURES = Path(__file__).parent / "fixtures" / "import"
CALENDAR = FIXTURES / "calendar.ics"


@pytest.fixture
def initialised(cli, private_home):
    assert cli("init", "--role", "IC", "--level", "4").code == 0
    return private_home


def proposals(cli, *args: str) -> list[dict]:
    result = cli("import", "calendar", str(CALENDAR), "--since", "2026-10-01", "--json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)["proposals"]


def test_recurring_one_on_ones_skip_the_exdate_and_keep_the_moved_occurrence(cli, initialised):
    one_on_ones = [p for p in proposals(cli, "--tz", "Europe/Berlin")
                   if p["category"] == "1:1 meeting"]
    assert [p["week"] for p in one_on_ones] == ["2026-W44", "2026-W45", "2026-W47", "2026-W48"]
    moved = one_on_ones[2]
    assert moved["note"] == "1:1 Sam / Alex (moved to Tuesday)"
    # The reference is the occurrence's original start (RECURRENCE-ID), in UTC.
    assert moved["reference"] == "ics:weekly-1on1-sam@example.com:20261116T090000Z"


def test_titles_map_to_interview_talk_and_team_meeting(cli, initialised):
    found = {p["category"]: p for p in proposals(cli, "--tz", "Europe/Berlin")
             if p["category"] != "1:1 meeting"}
    assert found["Interview"]["week"] == "2026-W47"
    assert found["Interview"]["reference"] == (
        "ics:interview-backend-loop@example.com:20261119T190000Z")  # 14:00 New York
    assert found["Tech talk"]["week"] == "2026-W46"
    assert found["Team meeting"]["note"] == "Sprint planning (with the New York team)"
    assert set(found) == {"Interview", "Tech talk", "Team meeting"}  # no lunch, no cancelled


def test_an_event_is_dated_in_the_persons_time_zone(cli, initialised):
    def planning_week(zone: str) -> str:
        return next(p["week"] for p in proposals(cli, "--tz", zone)
                    if p["category"] == "Team meeting")

    # Sunday 2026-11-22 20:00 in New York is Monday 02:00 in Berlin.
    assert planning_week("America/New_York") == "2026-W47"
    assert planning_week("Europe/Berlin") == "2026-W48"


def test_events_after_today_are_not_imported(cli, initialised):
    assert "data engineer" not in " ".join(p["note"] for p in proposals(cli, "--tz", "UTC"))


def test_a_calendar_imported_twice_is_written_once(cli, initialised):
    args = ("import", "calendar", str(CALENDAR), "--since", "2026-10-01", "--tz",
            "Europe/Berlin", "--yes", "--json")
    assert json.loads(cli(*args).out)["written"] == 7
    again = json.loads(cli(*args).out)
    assert again["written"] == 0 and again["skipped_duplicates"] == 7
    assert len(table_dump(initialised)["activity_entry"]) == 7


@pytest.mark.parametrize("args,hint", [
    ([str(FIXTURES / "broken.ics")], "broken.ics is not a valid iCalendar file"),
    ([str(FIXTURES / "nowhere.ics")], "is not a file"),
    ([str(CALENDAR), "--tz", "Mars/Olympus"], "is not a time zone"),
], ids=["truncated file", "missing file", "unknown time zone"])
def test_bad_calendar_input_is_one_line_and_writes_nothing(cli, initialised, args, hint):
    before = table_dump(initialised)
    result = cli("import", "calendar", *args, "--yes")
    assert result.code == 2 and result.err.count("\n") == 1
    assert hint in result.err
    assert table_dump(initialised) == before


# -- a real Exchange export and a Google-shaped one in one file (fixtures/import/calendar) -----

GLUED = FIXTURES / "calendar" / "exchange-and-google.ics"


@pytest.fixture
def no_git_identity(monkeypatch, tmp_path):
    """No global or system git config: the machine's own user.email must not leak in."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def glued(cli, *args: str) -> dict:
    result = cli("import", "calendar", str(GLUED), "--since", "2026-10-01", "--tz",
                 "Europe/Berlin", "--json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_meetings_i_declined_are_left_out_others_declines_do_not_matter(cli, initialised,
                                                                        no_git_identity):
    """Ada declined the staff interview (left out) and accepted the backend one, which Grace
    declined (kept). Four Monday 1:1s since 2026-11-02 (Nov 2, 9, 16, 23)."""
    payload = glued(cli, "--me", "ADA@example.com")
    found = sorted((p["category"], p["week"]) for p in payload["proposals"])
    assert found == [("1:1 meeting", "2026-W45"), ("1:1 meeting", "2026-W46"),
                     ("1:1 meeting", "2026-W47"), ("1:1 meeting", "2026-W48"),
                     ("Interview", "2026-W47")]
    assert payload["dropped"]["declined"] == {
        "count": 1, "examples": ["Interview: staff engineer (onsite loop)"]}
    assert payload["identity"] == "ada@example.com (from --me)"


def test_me_defaults_to_git_config_and_the_preview_says_so(cli, initialised, no_git_identity,
                                                           tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    copy = folder / GLUED.name
    copy.write_bytes(GLUED.read_bytes())
    git(folder, "init", "-q")
    git(folder, "config", "user.email", "ada@example.com")
    result = cli("import", "calendar", str(copy), "--since", "2026-10-01", "--tz", "UTC")
    assert "looking for ada@example.com (from git config user.email)" in result.out
    assert "left out, declined: 1" in result.out


def test_without_an_identity_declines_cannot_be_told_and_the_preview_says_so(
        cli, initialised, no_git_identity):
    payload = glued(cli)
    assert "declined" not in payload["dropped"]
    assert payload["identity"].startswith("nobody: declined meetings cannot be told apart")


def test_a_bad_series_is_skipped_and_counted_the_rest_of_the_file_imports(
        cli, initialised, no_git_identity):
    payload = glued(cli, "--me", "ada@example.com")
    bad = payload["dropped"]["bad series (a rule or date the calendar library cannot read)"]
    assert bad["count"] == 1
    assert "Sprint 25 Daily Standup" in bad["examples"][0]
    assert len(payload["proposals"]) == 5  # from the second VCALENDAR in the same file


def test_a_time_of_day_is_not_a_one_on_one(cli, initialised, no_git_identity):
    payload = glued(cli, "--me", "ada@example.com")
    assert "Architecture review 11:15 (moved from 10:45)" in payload["dropped"][
        "no rule matched"]["examples"]
