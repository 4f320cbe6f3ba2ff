"""`perfmirror import csv` on a Jira and a Linear export (tests/fixtures/import/*.csv)."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from conftest import table_dump

FIXTURES = Path(__file__).parent / "fixtures" / "import"


@pytest.fixture
def initialised(cli, private_home):
    assert cli("init", "--role", "IC", "--level", "4").code == 0
    return private_home


def proposals(cli, name: str, *args: str) -> list[dict]:
    result = cli("import", "csv", str(FIXTURES / name), "--since", "2026-09-01", "--json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)["proposals"]


def test_jira_issues_resolved_by_the_person_map_by_issue_type(cli, initialised):
    found = proposals(cli, "jira.csv", "--assignee", "Ada Lovelace")
    assert [(p["reference"], p["category"], p["week"]) for p in found] == [
        ("csv:PAY-101", "Bug fix", "2026-W46"),          # 12/Nov/26 4:45 PM
        ("csv:PAY-102", "Feature shipped", "2026-W47"),  # a Story
        ("csv:PAY-107", "Feature shipped", "2026-W48"),  # a Feature
    ]  # not: PAY-103 (duplicate), 104 (a Task), 105 (Grace's), 106 (unresolved)


def test_linear_exports_use_title_completed_and_labels(cli, initialised):
    found = proposals(cli, "linear.csv", "--assignee", "ada@example.com")
    assert [(p["reference"], p["category"], p["week"]) for p in found] == [
        ("csv:ENG-12", "Bug fix", "2026-W45"), ("csv:ENG-13", "Feature shipped", "2026-W47")]


def test_a_csv_imported_twice_is_written_once(cli, initialised):
    args = ("import", "csv", str(FIXTURES / "jira.csv"), "--assignee", "Ada Lovelace",
            "--since", "2026-09-01", "--yes", "--json")
    assert json.loads(cli(*args).out)["written"] == 3
    assert json.loads(cli(*args).out)["skipped_duplicates"] == 3
    assert len(table_dump(initialised)["activity_entry"]) == 3


def test_missing_columns_are_named_in_one_line_and_nothing_is_written(cli, initialised):
    before = table_dump(initialised)
    result = cli("import", "csv", str(FIXTURES / "missing_columns.csv"), "--assignee", "Ada",
                 "--yes")
    assert result.code == 2 and result.err.count("\n") == 1
    assert "lacks the columns Type, Resolved" in result.err
    assert table_dump(initialised) == before


def test_an_unreadable_date_names_the_row(cli, initialised, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text("Key,Summary,Type,Resolved,Assignee\nX-1,Thing,Bug,someday,Ada\n")
    result = cli("import", "csv", str(export), "--assignee", "Ada", "--yes")
    assert result.code == 2 and "row 2" in result.err and "'someday'" in result.err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("answer,written", [("y\n", 3), ("\n", 0)], ids=["yes", "default no"])
def test_on_a_terminal_the_preview_asks_before_writing(cli, initialised, monkeypatch, answer,
                                                       written):
    monkeypatch.setattr(sys, "stdin", Terminal(answer))
    result = cli("import", "csv", str(FIXTURES / "jira.csv"), "--assignee", "Ada Lovelace",
                 "--since", "2026-09-01")
    assert "Log these 3 entries? [y/N]" in result.out
    assert len(table_dump(initialised)["activity_entry"]) == written


def test_without_a_terminal_or_yes_it_is_only_a_preview(cli, initialised):
    result = cli("import", "csv", str(FIXTURES / "jira.csv"), "--assignee", "Ada Lovelace",
                 "--since", "2026-09-01")
    assert "Preview only: nothing written" in result.out
    assert "csv:PAY-101  Checkout fails for empty carts" in result.out
    assert table_dump(initialised)["activity_entry"] == []
