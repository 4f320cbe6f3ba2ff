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
        ("csv:PAY-104", "Feature shipped", "2026-W45"),  # a Task: a change shipped
        ("csv:PAY-101", "Bug fix", "2026-W46"),          # 12/Nov/26 4:45 PM
        ("csv:PAY-102", "Feature shipped", "2026-W47"),  # a Story
        ("csv:PAY-107", "Feature shipped", "2026-W48"),  # a Feature
    ]  # not: PAY-103 (duplicate), 105 (Grace's), 106 (unresolved)


def test_linear_exports_use_title_completed_and_labels(cli, initialised):
    found = proposals(cli, "linear.csv", "--assignee", "ada@example.com")
    assert [(p["reference"], p["category"], p["week"]) for p in found] == [
        ("csv:ENG-12", "Bug fix", "2026-W45"), ("csv:ENG-13", "Feature shipped", "2026-W47")]


def test_a_csv_imported_twice_is_written_once(cli, initialised):
    args = ("import", "csv", str(FIXTURES / "jira.csv"), "--assignee", "Ada Lovelace",
            "--since", "2026-09-01", "--yes", "--json")
    assert json.loads(cli(*args).out)["written"] == 4
    assert json.loads(cli(*args).out)["skipped_duplicates"] == 4
    assert len(table_dump(initialised)["activity_entry"]) == 4


def test_missing_columns_are_named_in_one_line_and_nothing_is_written(cli, initialised):
    before = table_dump(initialised)
    result = cli("import", "csv", str(FIXTURES / "missing_columns.csv"), "--assignee", "Ada",
                 "--yes")
    assert result.code == 2 and result.err.count("\n") == 1
    assert "lacks the columns Type, Resolved" in result.err
    assert table_dump(initialised) == before


def test_an_unreadable_date_is_reported_and_the_row_skipped(cli, initialised, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text("Key,Summary,Type,Resolved,Assignee\nX-1,Thing,Bug,someday,Ada\n"
                      "X-2,Other,Bug,2026-11-20,Ada\n")
    result = cli("import", "csv", str(export), "--assignee", "Ada", "--yes")
    assert result.code == 0, result.err
    assert "left out, malformed: 1  e.g. \"line 2 (X-1): 'someday' is not a date\"" in result.out
    assert "Logged 1 entry" in result.out


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("answer,written", [("y\n", 4), ("\n", 0)], ids=["yes", "default no"])
def test_on_a_terminal_the_preview_asks_before_writing(cli, initialised, monkeypatch, answer,
                                                       written):
    monkeypatch.setattr(sys, "stdin", Terminal(answer))
    result = cli("import", "csv", str(FIXTURES / "jira.csv"), "--assignee", "Ada Lovelace",
                 "--since", "2026-09-01")
    assert "Log these 4 entries? [y/N]" in result.out
    assert len(table_dump(initialised)["activity_entry"]) == written


def test_without_a_terminal_or_yes_it_is_only_a_preview(cli, initialised):
    result = cli("import", "csv", str(FIXTURES / "jira.csv"), "--assignee", "Ada Lovelace",
                 "--since", "2026-09-01")
    assert "Preview only: nothing written" in result.out
    assert "csv:PAY-101  Checkout fails for empty carts" in result.out
    assert table_dump(initialised)["activity_entry"] == []


# -- exports in their tools' real shapes (fixtures/import/README.md) ---------------------------

def payload(cli, name: str, *args: str) -> dict:
    result = cli("import", "csv", str(FIXTURES / name), "--since", "2026-09-01", "--json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_a_jira_cloud_export_with_multi_line_cells_and_repeated_columns(cli, initialised):
    """Jira Cloud's shape: three Labels, two Sprint, two Watchers and two Comment columns,
    custom fields, descriptions and comments over several lines with quotes and commas."""
    found = payload(cli, "jira-cloud.csv", "--assignee", "Ada Lovelace")
    assert found["identity"] == "ada lovelace (from --assignee); read as a Jira export"
    assert [(p["reference"], p["category"], p["week"]) for p in found["proposals"]] == [
        ("csv:PAY-204", "Feature shipped", "2026-W45"),  # an Improvement
        ("csv:PAY-201", "Bug fix", "2026-W46"),
        ("csv:PAY-202", "Feature shipped", "2026-W47"),  # a Story
        ("csv:PAY-205", "Feature shipped", "2026-W47"),  # a custom type: Spike
    ]
    dropped = {reason: value["count"] for reason, value in found["dropped"].items()}
    assert dropped == {"skipped by a rule": 1,  # PAY-203, a Sub-task of PAY-202
                       "resolved as won't do, duplicate or cancelled": 1,  # PAY-206
                       "malformed": 1,  # PAY-207: "sometime Friday"
                       "not yours": 1, "not resolved": 1}


def test_a_semicolon_linear_export_with_multi_value_labels(cli, initialised):
    """A Linear export re-saved by a spreadsheet with ';' between cells; "Bug, Frontend" is
    two labels in one cell; the cancelled issue has a Canceled date."""
    found = payload(cli, "linear-semicolon.csv", "--assignee", "ada@example.com")
    assert found["identity"].endswith("read as a Linear export")
    assert [(p["reference"], p["category"]) for p in found["proposals"]] == [
        ("csv:ENG-31", "Bug fix"), ("csv:ENG-32", "Feature shipped")]
    assert found["dropped"]["resolved as won't do, duplicate or cancelled"]["count"] == 1


def test_a_github_issues_export_counts_only_completed_closures(cli, initialised):
    found = payload(cli, "github-issues.csv", "--assignee", "ada")
    assert found["identity"].endswith("read as a GitHub issues export")
    assert [(p["reference"], p["category"]) for p in found["proposals"]] == [
        ("csv:https://github.com/octo-org/perf-tools/issues/412", "Bug fix"),
        ("csv:https://github.com/octo-org/perf-tools/issues/420", "Documentation")]
    assert found["dropped"]["resolved as won't do, duplicate or cancelled"]["examples"] == [
        "Dark mode for the report"]  # state reason: not_planned


def test_an_unterminated_quote_is_one_line_naming_where_it_starts(cli, initialised, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text("Key,Summary,Type,Resolved,Assignee\n"
                      "X-1,Fine,Bug,2026-11-20,Ada\n"
                      'X-2,"Never closed,Bug,2026-11-21,Ada\n'
                      "X-3,Swallowed,Bug,2026-11-22,Ada\n")
    before = table_dump(initialised)
    result = cli("import", "csv", str(export), "--assignee", "Ada", "--yes")
    assert result.code == 2 and result.err.count("\n") == 1
    assert "export.csv line 3 ('X-2,\"Never closed,Bug,2026-11-21,Ada'...): a quote is never " \
           "closed" in result.err
    assert table_dump(initialised) == before


@pytest.mark.parametrize("content,hint", [
    ("Key,Summary,Type,Resolved,Assignee\nX-1,Caf\xe9,Bug,2026-11-20,Ada\n".encode("latin-1"),
     "export.csv is not UTF-8"),
    (b"", "export.csv lacks the columns Key, Summary, Type, Resolved, Assignee"),
], ids=["latin-1 bytes", "empty file"])
def test_an_unreadable_export_is_one_line_and_writes_nothing(cli, initialised, tmp_path,
                                                             content, hint):
    export = tmp_path / "export.csv"
    export.write_bytes(content)
    before = table_dump(initialised)
    result = cli("import", "csv", str(export), "--assignee", "Ada", "--yes")
    assert result.code == 2 and result.err.count("\n") == 1
    assert hint in result.err
    assert table_dump(initialised) == before


def test_since_may_name_a_month_as_every_other_window_does(cli, initialised):
    """`--since 2026-09` is the first of September, as `export brag --since 2026-09` reads it."""
    by_month = cli("import", "csv", str(FIXTURES / "jira.csv"), "--since", "2026-09", "--json",
                   "--assignee", "Ada Lovelace")
    assert by_month.code == 0, by_month.err
    assert json.loads(by_month.out)["proposals"] == proposals(cli, "jira.csv", "--assignee",
                                                              "Ada Lovelace")
    assert json.loads(by_month.out)["since"] == "2026-09-01"
