"""`perfmirror import docs` on the markdown fixtures in tests/fixtures/import/docs: RFCs, ADRs
and design docs with and without front matter, authorship from front matter or git history."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import table_dump
from test_import_git import ADA, GRACE, commit, git, make_repo

DOCS = Path(__file__).parent / "fixtures" / "import" / "docs"


@pytest.fixture
def initialised(cli, private_home):
    assert cli("init", "--role", "IC", "--level", "4").code == 0
    return private_home


@pytest.fixture
def plain_folder(tmp_path: Path) -> Path:
    """The fixtures outside any repository: front matter is all there is to go by."""
    return Path(shutil.copytree(DOCS, tmp_path / "docs"))


@pytest.fixture
def docs_repo(tmp_path: Path) -> Path:
    """The fixtures in a repository: Grace committed the folder, Ada wrote offline-mode.md."""
    repo = make_repo(tmp_path / "handbook", user_email=None)
    shutil.copytree(DOCS, repo / "docs")
    offline = repo / "docs" / "design" / "offline-mode.md"
    text = offline.read_text()
    offline.unlink()
    git(repo, "add", "docs", author=GRACE, when="2026-10-01T09:00:00+00:00")
    git(repo, "commit", "-q", "-m", "Import docs", author=GRACE, when="2026-10-01T09:00:00+00:00")
    offline.write_text(text)
    commit(repo, "Design: offline mode", ADA, "2026-11-18T09:00:00+00:00",
           file="docs/design/offline-mode.md")
    commit(repo, "Offline mode: sync", GRACE, "2026-11-25T09:00:00+00:00",
           file="docs/design/offline-mode.md")
    return repo


def proposals(cli, folder: Path, *args: str) -> list[dict]:
    result = cli("import", "docs", str(folder), "--since", "2026-09-01", "--json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)["proposals"]


def test_front_matter_says_who_wrote_a_doc_when_and_what_it_is(cli, initialised, plain_folder):
    found = proposals(cli, plain_folder, "--author", "Ada Lovelace")
    assert sorted((p["week"], p["category"], p["reference"], p["note"]) for p in found) == [
        ("2026-W43", "Architecture decision", "docs:adr/0003-use-sqlite.md",
         "ADR 3: Store everything in one SQLite file"),
        ("2026-W46", "RFC", "docs:rfcs/0007-import-pipeline.md",
         "RFC 7: An import pipeline for existing evidence"),
    ]


def test_an_email_matches_an_author_written_with_one(cli, initialised, plain_folder):
    found = proposals(cli, plain_folder, "--author", "ada@example.com")
    assert [p["category"] for p in found] == ["Architecture decision"]


def test_without_front_matter_git_history_says_who_wrote_it_and_when(cli, initialised,
                                                                    docs_repo):
    found = proposals(cli, docs_repo / "docs", "--author", "ada@example.com",
                      "--author", "Ada Lovelace")
    design = [p for p in found if p["category"] == "Design doc"]
    assert len(design) == 1
    assert design[0]["week"] == "2026-W47"  # Ada's first commit, not Grace's later edit
    created = git(docs_repo, "log", "--format=%H", "--diff-filter=A", "--",
                  "docs/design/offline-mode.md").strip()
    assert design[0]["reference"] == f"docs:{created}:docs/design/offline-mode.md"
    assert design[0]["note"] == "Offline mode"
    assert {p["category"] for p in found} == {"Design doc", "RFC", "Architecture decision"}


def test_docs_imported_twice_are_written_once_even_after_an_edit(cli, initialised, docs_repo):
    args = ("import", "docs", str(docs_repo / "docs"), "--author", "Ada Lovelace",
            "--since", "2026-09-01", "--yes", "--json")
    assert json.loads(cli(*args).out)["written"] == 3
    commit(docs_repo, "RFC 7: answer review comments", ADA, "2026-11-26T08:00:00+00:00",
           file="docs/rfcs/0007-import-pipeline.md")
    again = json.loads(cli(*args).out)
    assert again["written"] == 0 and again["skipped_duplicates"] == 3
    assert len(table_dump(initialised)["activity_entry"]) == 3


def test_a_later_edit_makes_nobody_an_author(cli, initialised, docs_repo):
    """Grace created the folder and later edited Ada's offline-mode doc: only the creator is
    its author, so Grace gets no design doc from her edit."""
    found = proposals(cli, docs_repo / "docs", "--author", "grace@example.com")
    assert "Design doc" not in {p["category"] for p in found}


def test_editing_a_docs_date_or_moving_it_into_a_folder_keeps_one_entry(cli, initialised,
                                                                        docs_repo):
    args = ("import", "docs", str(docs_repo / "docs"), "--author", "Ada Lovelace",
            "--author", "ada@example.com", "--since", "2026-09-01", "--yes", "--json")
    first = json.loads(cli(*args).out)
    assert first["written"] == 3
    rfc = docs_repo / "docs" / "rfcs" / "0007-import-pipeline.md"
    rfc.write_text(rfc.read_text().replace("date: 2026-11-10", "date: 2026-11-12"))
    (docs_repo / "docs" / "design" / "offline-mode").mkdir()
    git(docs_repo, "mv", "docs/design/offline-mode.md", "docs/design/offline-mode/index.md")
    git(docs_repo, "commit", "-q", "-am", "Folder per doc", author=GRACE,
        when="2026-11-26T09:00:00+00:00")
    again = json.loads(cli(*args).out)
    assert again["written"] == 0 and again["skipped_duplicates"] == 3
    design = next(p for p in again["proposals"] if p["category"] == "Design doc")
    assert design["note"] == "Offline mode"  # the folder's index.md is the doc


def test_one_broken_file_is_reported_and_skipped_the_rest_import(cli, initialised,
                                                                 plain_folder):
    (plain_folder / "rfcs" / "0008-broken.md").write_text("---\nauthor: [Ada\ndate: x\n---\n# B\n")
    (plain_folder / "rfcs" / "0009-undated.md").write_text(
        "---\nauthor: Ada Lovelace\ndate: soon\n---\n# C\n")
    result = cli("import", "docs", str(plain_folder), "--author", "Ada Lovelace",
                 "--since", "2026-09-01", "--yes")
    assert result.code == 0, result.err
    assert "left out, malformed: 2" in result.out
    assert "rfcs/0008-broken.md: front matter is not valid YAML" in result.out
    assert "rfcs/0009-undated.md: 'soon' is not a date" in result.out
    assert "Logged 2 entries" in result.out


def test_a_missing_folder_is_one_line_and_writes_nothing(cli, initialised, tmp_path):
    before = table_dump(initialised)
    result = cli("import", "docs", str(tmp_path / "nowhere"), "--author", "Ada", "--yes")
    assert result.code == 2 and result.err.count("\n") == 1
    assert "is not a folder" in result.err
    assert table_dump(initialised) == before


# -- real folders (tests/fixtures/import/README.md) -------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures" / "import"
ALEX = ("Alex Crichton", "alex@alexcrichton.com")
BRIAN = ("Brian Anderson", "banderson@mozilla.com")
FELIX = ("Felix S. Klock II", "pnkfelix@pnkfx.org")
JOSH = ("Josh Triplett", "josh@joshtriplett.org")


def _add(repo: Path, source: Path, target: str, who: tuple[str, str], when: str) -> None:
    destination = repo / target
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, destination)
    git(repo, "add", target, author=who, when=when)
    git(repo, "commit", "-q", "-m", f"Add {target}", author=who, when=when)


def _move(repo: Path, old: str, new: str, who: tuple[str, str], when: str) -> None:
    (repo / new).parent.mkdir(parents=True, exist_ok=True)
    git(repo, "mv", old, new, author=who, when=when)
    git(repo, "commit", "-q", "-m", f"Move {old}", author=who, when=when)


def rfcs_repo(tmp_path: Path, name: str) -> Path:
    """rust-lang/rfcs' real path history for RFC 1: Alex Crichton added
    active/0000-private-fields.md (2014-03-10); Brian Anderson, Alex and Felix Klock moved it to
    active/0004, complete/0004 and text/0001. Josh Triplett added RFC 3924 (2026-02-23)."""
    source = FIXTURES / "rfcs"
    repo = make_repo(tmp_path / name, user_email=None)
    _add(repo, source / "README.md", "README.md", BRIAN, "2014-03-08T10:00:00+00:00")
    _add(repo, source / "0000-template.md", "0000-template.md", BRIAN, "2014-03-08T10:00:00+00:00")
    _add(repo, source / "text" / "0001-private-fields.md", "active/0000-private-fields.md", ALEX,
         "2014-03-10T10:00:00-07:00")
    _move(repo, "active/0000-private-fields.md", "active/0004-private-fields.md", BRIAN,
          "2014-03-25T10:00:00-07:00")
    _move(repo, "active/0004-private-fields.md", "complete/0004-private-fields.md", ALEX,
          "2014-04-04T10:00:00-07:00")
    _move(repo, "complete/0004-private-fields.md", "text/0001-private-fields.md", FELIX,
          "2014-10-08T10:00:00+02:00")
    _add(repo, source / "text" / "3924-cargo-hints-min-opt-level.md",
         "text/3924-cargo-hints-min-opt-level.md", JOSH, "2026-02-23T10:00:00-08:00")
    return repo


def docs_payload(cli, folder: Path, *args: str) -> dict:
    result = cli("import", "docs", str(folder), "--since", "2014-01-01", "--json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_rfc_author_is_who_created_it_through_its_renames(cli, initialised, tmp_path):
    repo = rfcs_repo(tmp_path, "rfcs")
    alex = docs_payload(cli, repo / "text", "--author", ALEX[1])["proposals"]
    created = git(repo, "log", "--format=%H", "--diff-filter=A", "--",
                  "active/0000-private-fields.md").strip()
    assert [(p["category"], p["week"], p["note"], p["reference"]) for p in alex] == [
        ("RFC", "2014-W11", "private fields",  # its Start Date line: 2014-03-11
         f"docs:{created}:active/0000-private-fields.md")]
    felix = docs_payload(cli, repo / "text", "--author", FELIX[1])
    assert felix["proposals"] == [] and felix["dropped"]["not yours"]["count"] == 2


def test_the_folder_given_types_its_docs_and_titles_skip_code(cli, initialised, tmp_path):
    """`import docs .../rfcs` (the README's own usage) and a folder named otherwise, where the
    RFC PR line says what it is; the title is the Feature Name, not a TOML comment in a code
    block; the template and the README are not docs."""
    for name in ("rfcs", "lang-proposals"):
        repo = rfcs_repo(tmp_path, name)
        payload = docs_payload(cli, repo, "--author", JOSH[1])
        assert [(p["category"], p["note"]) for p in payload["proposals"]] == [
            ("RFC", "cargo-hints-min-opt-level")]
        assert payload["dropped"][
            "not a doc (template, licence, index, contributor guide...)"]["count"] == 2


def test_madr_template_is_skipped_not_fatal_and_decisions_are_adrs(cli, initialised, tmp_path):
    """adr/madr's own folder: docs/decisions with its index.md and adr-template.md (whose date
    is a `{YYYY-MM-DD ...}` placeholder) and template/ with the shipped templates."""
    repo = make_repo(tmp_path / "madr", user_email=None)
    source = FIXTURES / "madr"
    for path in sorted(source.rglob("*")):
        if path.is_file():
            _add(repo, path, path.relative_to(source).as_posix(), ADA, "2026-10-05T10:00:00+02:00")
    payload = docs_payload(cli, repo, "--author", ADA[1])
    assert sorted((p["category"], p["week"], p["note"]) for p in payload["proposals"]) == [
        ("Architecture decision", "2026-W41", "Use Markdown Architectural Decision Records"),
        ("Architecture decision", "2026-W41", "Use YAML front matter for metadata")]
    assert payload["dropped"]["not a doc (template, licence, index, contributor guide...)"][
        "count"] == 4  # two adr-template.md, template/README.md, the decisions' index.md
    assert "malformed" not in payload["dropped"]


def test_nygard_status_and_date_lines_date_and_type_an_adr(cli, initialised, tmp_path):
    """npryce/adr-tools' own records: `Date: 2016-02-12` and a `## Status` section, in a
    folder (doc/adr) that says adr too; the date line wins over the commit's date."""
    repo = make_repo(tmp_path / "tools", user_email=None)
    source = FIXTURES / "adr-tools"
    for path in sorted(source.rglob("*.md")):
        _add(repo, path, path.relative_to(source).as_posix(), ADA, "2026-10-05T10:00:00+02:00")
    payload = docs_payload(cli, repo / "doc", "--author", ADA[1])
    assert sorted((p["category"], p["week"], p["note"]) for p in payload["proposals"]) == [
        ("Architecture decision", "2016-W06", "1. Record architecture decisions"),
        ("Architecture decision", "2016-W06", "2. Implement as shell scripts")]


def test_a_template_a_tool_fills_in_is_not_a_doc(cli, initialised, tmp_path):
    """npryce/adr-tools keeps the first record's text in src/init.md, "Date: DATE" to be filled
    in by `adr init`: imported from the whole repository it counted "1. Record architecture
    decisions" twice, the template and the real record. A date line that is a placeholder marks
    a template."""
    repo = make_repo(tmp_path / "tools", user_email=None)
    source = FIXTURES / "adr-tools"
    for path in sorted(source.rglob("*.md")):
        _add(repo, path, path.relative_to(source).as_posix(), ADA, "2026-10-05T10:00:00+02:00")
    payload = docs_payload(cli, repo, "--author", ADA[1])
    assert sorted(p["note"] for p in payload["proposals"]) == [
        "1. Record architecture decisions", "2. Implement as shell scripts"]
    assert payload["dropped"]["not a doc (template, licence, index, contributor guide...)"][
        "examples"] == ["src/init.md"]
