"""`perfmirror import git` on a real repository built in a temp folder, commits by several
authors with pinned dates."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import table_dump

ADA = ("Ada Lovelace", "ada@example.com")
GRACE = ("Grace Hopper", "grace@example.com")
LINUS = ("Linus Example", "linus@example.com")


def git(repo: Path, *args: str, author: tuple[str, str] = ADA, when: str | None = None) -> str:
    """Run git in ``repo`` with a pinned author and date, ignoring the machine's git config."""
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": author[0], "GIT_AUTHOR_EMAIL": author[1],
           "GIT_COMMITTER_NAME": author[0], "GIT_COMMITTER_EMAIL": author[1]}
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    return subprocess.run(["git", "-C", str(repo), *args], env=env, check=True,
                          capture_output=True, text=True).stdout


def make_repo(path: Path, user_email: str | None = ADA[1]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    if user_email:
        git(path, "config", "user.email", user_email)
    return path


def commit(repo: Path, message: str, author: tuple[str, str], when: str,
           file: str | None = None) -> str:
    """Commit a change to ``file`` (appended to it if it exists) as ``author`` at ``when``."""
    target = repo / (file or f"{abs(hash((message, when)))}.txt")
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a") as handle:
        handle.write(f"\n{message} ({when})\n")
    git(repo, "add", str(target.relative_to(repo)), author=author, when=when)
    git(repo, "commit", "-q", "-m", message, author=author, when=when)
    return git(repo, "rev-parse", "HEAD").strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Weeks of 2026: W45 = Nov 2-8, W46 = Nov 9-15, W47 = Nov 16-22, W48 = Nov 23-29."""
    repo = make_repo(tmp_path / "payments")
    commit(repo, "feat: old work", ADA, "2026-08-01T09:00:00+01:00")  # before --since
    commit(repo, "feat: saved cards at checkout", ADA, "2026-11-03T10:00:00+01:00")
    commit(repo, "fix(api): refunds twice", ADA, "2026-11-10T11:00:00+01:00")
    commit(repo, "docs: how refunds work", ADA, "2026-11-15T23:30:00+01:00")  # Sunday: W46
    commit(repo, "test: refunds for empty carts", ADA, "2026-11-16T09:00:00+01:00")
    commit(repo, "refactor: split the refund module", ADA, "2026-11-17T09:00:00+01:00")
    commit(repo, "feat: currency rounding", GRACE, "2026-11-18T09:00:00+01:00")
    commit(repo, "feat: apple pay\n\nReviewed-by: Ada Lovelace <ada@example.com>", LINUS,
           "2026-11-24T09:00:00+01:00")
    commit(repo, "fix: invoice totals\n\nCo-authored-by: Ada Lovelace <ADA@example.com>",
           GRACE, "2026-11-25T09:00:00+01:00")
    return repo


@pytest.fixture
def initialised(cli, private_home):
    assert cli("init", "--role", "IC", "--level", "4").code == 0
    return private_home


def preview(cli, *args: str) -> dict:
    result = cli("import", "git", *args, "--since", "2026-09-01", "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_only_the_persons_commits_and_reviews_are_mapped_by_convention(cli, initialised, repo):
    payload = preview(cli, str(repo))
    found = sorted((p["week"], p["category"], p["note"]) for p in payload["proposals"])
    assert found == [
        ("2026-W45", "Feature shipped", "feat: saved cards at checkout"),
        ("2026-W46", "Bug fix", "fix(api): refunds twice"),
        ("2026-W46", "Documentation", "docs: how refunds work"),
        ("2026-W47", "Tests written", "test: refunds for empty carts"),
        ("2026-W48", "Code review", "feat: apple pay"),
        ("2026-W48", "Code review", "fix: invoice totals"),
    ]
    assert payload["unmatched"] == 1  # the refactor: no rule maps it
    sha = git(repo, "log", "-1", "--format=%H", "--grep", "saved cards").strip()
    assert f"git:payments:{sha}" in {p["reference"] for p in payload["proposals"]}


def test_author_email_flag_picks_whose_commits(cli, initialised, repo):
    payload = preview(cli, str(repo), "--author-email", "grace@example.com")
    assert sorted((p["category"], p["note"]) for p in payload["proposals"]) == [
        ("Bug fix", "fix: invoice totals"), ("Feature shipped", "feat: currency rounding")]


def test_a_preview_writes_nothing_and_yes_writes_each_commit_once(cli, initialised, repo):
    assert cli("import", "git", str(repo), "--since", "2026-09-01").code == 0
    assert table_dump(initialised)["activity_entry"] == []
    first = cli("import", "git", str(repo), "--since", "2026-09-01", "--yes")
    assert first.code == 0 and "Logged 6 entries" in first.out
    second = json.loads(cli("import", "git", str(repo), "--since", "2026-09-01", "--yes",
                            "--json").out)
    assert second["written"] == 0 and second["skipped_duplicates"] == 6
    entries = json.loads(cli("entries", "--json").out)
    assert len(entries) == 6
    assert all(e["source"] == "import" and e["reference"].startswith("git:payments:")
               for e in entries)


def test_two_clones_of_one_repository_count_each_commit_once(cli, initialised, repo, tmp_path):
    clone = tmp_path / "laptop" / "payments"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    payload = preview(cli, str(repo), str(clone))
    assert [p["status"] for p in payload["proposals"]].count("new") == 6
    assert [p["status"] for p in payload["proposals"]].count("duplicate") == 6


def test_commits_in_future_weeks_are_skipped_with_a_note(cli, initialised, repo):
    commit(repo, "feat: from the future", ADA, "2026-12-09T09:00:00+01:00")
    result = cli("import", "git", str(repo), "--since", "2026-09-01", "--yes")
    assert "(future week: skipped)" in result.out
    entries = json.loads(cli("entries", "--json").out)
    assert "2026-W50" not in {e["week"] for e in entries}


def test_a_folder_that_is_not_a_repository_is_one_line_and_writes_nothing(cli, initialised,
                                                                          tmp_path):
    plain = tmp_path / "plain"
    plain.mkdir()
    before = table_dump(initialised)
    result = cli("import", "git", str(plain), "--yes")
    assert result.code == 2 and result.err.count("\n") == 1
    assert "is not a git repository" in result.err
    assert table_dump(initialised) == before
