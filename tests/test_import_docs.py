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
        ("2026-W43", "Architecture decision", "docs:adr/0003-use-sqlite.md@2026-10-20",
         "ADR 3: Store everything in one SQLite file"),
        ("2026-W46", "RFC", "docs:rfcs/0007-import-pipeline.md@2026-11-10",
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
    assert design[0]["reference"].startswith("docs:docs/design/offline-mode.md@")
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


def test_broken_front_matter_is_one_line_naming_the_file(cli, initialised, plain_folder):
    (plain_folder / "rfcs" / "0008-broken.md").write_text("---\nauthor: [Ada\ndate: x\n---\n# B\n")
    before = table_dump(initialised)
    result = cli("import", "docs", str(plain_folder), "--author", "Ada Lovelace", "--yes")
    assert result.code == 2 and result.err.count("\n") == 1
    assert "rfcs/0008-broken.md" in result.err
    assert table_dump(initialised) == before
