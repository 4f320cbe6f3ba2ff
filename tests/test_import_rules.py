"""Mapping rules are the person's data; importers come from a registry that plugins extend;
bad rules, unknown sources and a missing profile are one clear line with nothing written."""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from coach.importers.base import Importer, SourceEvent
from conftest import table_dump

FIXTURES = Path(__file__).parent / "fixtures" / "import"
CALENDAR = str(FIXTURES / "calendar.ics")


@pytest.fixture
def initialised(cli, private_home):
    assert cli("init", "--role", "IC", "--level", "4").code == 0
    return private_home


def calendar_categories(cli) -> list[str]:
    result = cli("import", "calendar", CALENDAR, "--since", "2026-10-01", "--tz", "UTC", "--json")
    assert result.code == 0, result.err
    return [p["category"] for p in json.loads(result.out)["proposals"]]


def test_rules_are_copied_private_on_first_use_and_shown(cli, private_home):
    path = Path(cli("import", "rules", "--path").out.strip())
    assert path == private_home / "import_rules.toml"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    shown = cli("import", "rules").out
    assert 'category = "Feature shipped"' in shown and "[[calendar]]" in shown


def test_editing_the_rules_changes_the_mapping_and_reset_restores_it(cli, initialised):
    path = Path(cli("import", "rules", "--path").out.strip())
    path.write_text(path.read_text() + '\n[[calendar]]\ntitle = "lunch"\n'
                                       'category = "mentoring"\n')  # a synonym is fine
    assert "Mentoring session" in calendar_categories(cli)
    assert cli("import", "rules", "--reset").code == 0
    assert "Mentoring session" not in calendar_categories(cli)


@pytest.mark.parametrize("rule,hint", [
    ('title = "lunch"\ncategory = "Lunches eaten"', "no category named 'Lunches eaten'"),
    ('title = "(lunch"\ncategory = "Learning"', "is not a regular expression"),
    ('title = "lunch"', "needs a category"),
    ('titel = "lunch"\ncategory = "Learning"', "'titel' is not a rule key"),
], ids=["unknown category", "bad pattern", "no category", "misspelt key"])
def test_a_bad_rule_is_one_line_naming_it_and_nothing_is_written(cli, initialised, rule, hint):
    path = Path(cli("import", "rules", "--path").out.strip())
    path.write_text(f"[[calendar]]\n{rule}\n")
    before = table_dump(initialised)
    result = cli("import", "calendar", CALENDAR, "--yes")
    assert result.code == 2 and result.err.count("\n") == 1
    assert "calendar #1" in result.err and hint in result.err
    assert table_dump(initialised) == before


@pytest.mark.parametrize("args,hint", [
    (["import", "jira"], "invalid choice: 'jira'"),
    (["import", "from", "jira"], "'jira' is not an importer"),
    (["import", "from", "csv", CALENDAR, "--option", "colour=blue"], "'colour' is not an option"),
], ids=["unknown subcommand", "unknown importer", "unknown option"])
def test_unknown_sources_and_options_are_one_line(cli, initialised, args, hint):
    before = table_dump(initialised)
    result = cli(*args)
    assert result.code == 2 and result.err.count("\n") == 1 and hint in result.err
    assert table_dump(initialised) == before


def test_importing_before_init_says_so(cli):
    result = cli("import", "calendar", CALENDAR, "--yes")
    assert result.code == 2 and "perfmirror init" in result.err


class StandupNotesImporter(Importer):
    """A third-party importer, as a plugin package would ship it."""

    name = "standup-notes"
    default_rules = ({"kind": "demo", "category": "Tech talk"},)

    def __init__(self, path: str, prefix: str = "notes") -> None:
        self.path, self.prefix = path, prefix

    def discover(self) -> str | None:
        return None if Path(self.path).is_file() else f"{self.path} is not a file"

    def fetch(self, since: date) -> list[SourceEvent]:
        return [SourceEvent("demo", line, date(2026, 11, 24), f"{self.prefix}:{number}")
                for number, line in enumerate(Path(self.path).read_text().splitlines(), 1)]


def test_installed_importers_come_from_the_entry_point_group(cli, initialised, monkeypatch,
                                                             tmp_path):
    from coach.importers import registry

    plugin = EntryPoint("standup-notes", "test_import_rules:StandupNotesImporter",
                        registry.ENTRY_POINT_GROUP)
    monkeypatch.setattr(registry, "entry_points",
                        lambda group: [plugin] if group == registry.ENTRY_POINT_GROUP else [])
    notes = tmp_path / "standup.txt"
    notes.write_text("Demoed the importer\nDemoed the rules editor\n")
    args = ("import", "from", "standup-notes", str(notes), "--option", "prefix=standup",
            "--yes", "--json")
    first = json.loads(cli(*args).out)
    assert first["written"] == 2
    assert {p["reference"] for p in first["proposals"]} == {"standup:1", "standup:2"}
    assert json.loads(cli(*args).out)["written"] == 0


@pytest.mark.parametrize("subject,category", [
    # vtorosyan/perf-mirror, the original app: imperative verbs and gitmoji
    ("Fix Turso parameter format - convert all values to strings", "Bug fix"),
    ("FIx links to the posts", "Bug fix"),
    ("🐛 Fix React error #31 with comprehensive data validation", "Bug fix"),
    ("🔧 Fix API endpoints for production compatibility", "Bug fix"),
    ("📚 Complete documentation overhaul with architecture diagram", "Documentation"),
    ("Add Turso database support for Vercel deployment", "Feature shipped"),
    ("Implement direct Turso connection for production deployment", "Feature shipped"),
    ("feat: add comprehensive category template seeding script", "Feature shipped"),
    ("docs: comprehensive documentation updates for category template seeding", "Documentation"),
    ("Small refactoring", None),
    # psf/requests: lower case, past tense, reverts, version bumps, merges
    ("fix builds", "Bug fix"),
    ("Added HACKING file.", "Feature shipped"),
    ("Revert \"Adding 'import requests' to readme code snippet.\"", "Bug fix"),
    ("Update README.md", "Documentation"),
    ("Fixed typos", "Documentation"),
    ("Add tests for the proxy auth", "Tests written"),
    ("v0.6.1", "skip"),
    ("Merge branch 'develop'", "skip"),
    ("Bump actions/setup-python from 6.2.0 to 6.3.0", "skip"),
    ("⬆️ Upgrade urllib3", "skip"),
    ("8,000,000", None),
    # perf-mirror's own history (session 4): a noun that starts like a verb is not a feature,
    # and an area before the colon is read past, as golang/go and CPython write subjects
    ("Extractor third held-out set over the default categories", None),
    ("Builder for the status card", None),
    ("Extract the week parser into its own module", "Feature shipped"),
    ("Shipped the calendar importer", "Feature shipped"),
    ("Rewrote the forecast's interval", "Feature shipped"),
    ("net/http: add Server.Shutdown", "Feature shipped"),
    ("runtime: fix a race in the scheduler", "Bug fix"),
    ("Importer: handle a CSV that is not UTF-8", "Bug fix"),
    ("Card: the window phrase moves into the body", None),
])
def test_default_git_rules_read_commits_as_people_write_them(subject, category):
    """Real subjects from the two histories the issue names, and what the shipped rules make
    of each (None: no rule, counted as such in the preview; "skip": left out by a rule)."""
    from coach.importers.rules import default_rules_text, parse_rules

    rules = parse_rules(default_rules_text(), "git")
    event = SourceEvent("commit", subject, date(2026, 11, 20), "git:" + "0" * 40)
    rule = next((rule for rule in rules if rule.matches(event)), None)
    found = None if rule is None else "skip" if rule.skip else rule.category
    assert found == category


def test_the_preview_says_whether_the_rules_are_the_shipped_ones(cli, initialised, tmp_path):
    """A rules file written by an older version keeps its rules: the preview says so and how
    to take the shipped ones."""
    from coach.importers.rules import ensure_rules_file

    export = tmp_path / "export.csv"
    export.write_text("Key,Summary,Type,Resolved,Assignee\nX-1,Thing,Bug,2026-11-20,Ada\n")
    args = ("import", "csv", str(export), "--assignee", "Ada", "--since", "2026-11-01")
    assert "mapped by the shipped rules (" in cli(*args).out
    path = ensure_rules_file()
    path.write_text(path.read_text() + "\n# my change\n")
    shown = cli(*args).out
    assert f"mapped by your rules in {path}, which differ from the shipped ones" in shown
    assert "perfmirror import rules --reset" in shown
