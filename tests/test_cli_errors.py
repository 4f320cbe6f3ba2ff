"""Bad input: exit code 2, one clear line on stderr naming the field, and nothing written."""

from __future__ import annotations

import pytest

from conftest import table_dump


@pytest.fixture
def initialised(cli, private_home):
    assert cli("init", "--role", "IC", "--level", "4").code == 0
    assert cli("log", "Code review", "3", "--week", "2026-W47").code == 0
    return private_home


BAD_COMMANDS = [
    (["log", "Cod revew", "2"], "category", "did you mean 'Code review'"),
    (["log", "Code review", "-1"], "count", "negative"),
    (["log", "Code review", "2.5"], "count", "whole number"),
    (["log", "Code review", "two"], "count", "whole number"),
    (["log", "Code review", "2", "--week", "2026-48"], "week", "YYYY-Www"),
    (["log", "Code review", "2", "--week", "2025-W53"], "week", "2025 has 52 ISO weeks"),
    (["log", "Code review", "2", "--week", "2026-W49"], "week", "in the future"),
    (["log", "Code review", "2", "--override", "lots"], "override", "not a number"),
    (["weights", "set", "--input", ".3", "--output", ".4", "--outcome", ".2", "--impact", ".2"],
     "weights", "summing to 1"),
    (["weights", "set", "--input", "x", "--output", ".4", "--outcome", ".2", "--impact", ".1"],
     "input", "not a number"),
    (["init", "--role", "IC", "--level", "9"], "level", "1-8 for IC"),
    (["init", "--role", "Manager", "--level", "2"], "level", "4-8 for Manager"),
    (["init", "--role", "Wizard", "--level", "2"], "role", "Senior Manager"),
    (["category", "add", "Pairing", "--dimension", "vibes", "--points", "3"], "dimension",
     "input|output|outcome|impact"),
    (["category", "add", "Pairing", "--dimension", "input", "--points", "-3"], "points",
     "greater than 0"),
    (["category", "add", "code REVIEW", "--dimension", "input", "--points", "3"], "name",
     "already used"),
    (["category", "remove", "Code review"], "category", "--archive"),
    (["target", "set", "--strong", "2"], "thresholds", "descending"),
    (["target", "set", "--weeks", "60"], "weeks", "1 to 52"),
    (["status", "--as-of", "2027-W01"], "week", "in the future"),
    (["expectations", "remove", "99999"], "id", "expectations list"),
]


@pytest.mark.parametrize("args,field,hint", BAD_COMMANDS,
                         ids=[" ".join(c[0][:3]) for c in BAD_COMMANDS])
def test_bad_input_is_one_line_exit_2_and_writes_nothing(cli, initialised, args, field, hint):
    before = table_dump(initialised)
    result = cli(*args)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert field in lines[0] and hint in lines[0]
    assert table_dump(initialised) == before


def test_usage_errors_are_one_line_too(cli, initialised):
    result = cli("log")
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1


def test_commands_before_init_say_how_to_start(cli):
    result = cli("log", "Code review", "1")
    assert result.code == 2
    assert "perfmirror init" in result.err


def test_zero_count_needs_an_override(cli, initialised):
    assert cli("log", "Code review", "0").code == 2
    assert cli("log", "Code review", "0", "--override", "12").code == 0


def test_category_matches_name_and_synonym_case_insensitively(cli, initialised):
    assert "Code review" in cli("log", "CODE REVIEW", "1").out
    assert "Code review" in cli("log", "pr review", "1").out


def test_undo_removes_the_last_entry_only(cli, initialised):
    cli("log", "Bug fix", "2")
    result = cli("undo")
    assert "Bug fix" in result.out
    assert "Code review" in cli("entries").out
    assert "Bug fix" not in cli("entries").out


def test_archiving_a_category_keeps_its_entries_counting(cli, initialised):
    import json

    before = json.loads(cli("status", "--json").out)["score"]
    assert cli("category", "remove", "Code review", "--archive").code == 0
    assert json.loads(cli("status", "--json").out)["score"] == before
    assert "Code review" not in cli("category", "list").out
    assert cli("log", "Code review", "1").code == 2


def test_back_filled_past_weeks_are_scored(cli, initialised):
    import json

    assert cli("log", "Design doc", "1", "--week", "2026-W40").code == 0
    report = json.loads(cli("status", "--json").out)
    assert any(c["name"] == "Design doc" and c["actual_count"] == 1 for c in report["categories"])
