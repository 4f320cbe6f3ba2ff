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


def test_own_and_co_authored_commits_map_by_how_they_are_written_reviews_by_trailer(
        cli, initialised, repo):
    """Ada wrote five commits since September, co-authored one (Grace's invoice fix) and is
    named in one Reviewed-by trailer (Linus's apple pay): seven events, each mapped. The
    co-authored commit is her own work (a bug fix), never a review."""
    payload = preview(cli, str(repo))
    found = sorted((p["week"], p["category"], p["note"]) for p in payload["proposals"])
    assert found == [
        ("2026-W45", "Feature shipped", "feat: saved cards at checkout"),
        ("2026-W46", "Bug fix", "fix(api): refunds twice"),
        ("2026-W46", "Documentation", "docs: how refunds work"),
        ("2026-W47", "Feature shipped", "refactor: split the refund module"),
        ("2026-W47", "Tests written", "test: refunds for empty carts"),
        ("2026-W48", "Bug fix", "fix: invoice totals"),
        ("2026-W48", "Code review", "feat: apple pay"),
    ]
    assert payload["unmatched"] == 0
    assert payload["identity"].startswith("ada@example.com (from git config user.email in ")
    assert payload["dropped"]["not yours"]["count"] == 1  # Grace's currency rounding
    sha = git(repo, "log", "-1", "--format=%H", "--grep", "saved cards").strip()
    assert f"git:{sha}" in {p["reference"] for p in payload["proposals"]}


def test_author_email_flag_picks_whose_commits(cli, initialised, repo):
    payload = preview(cli, str(repo), "--author-email", "grace@example.com")
    assert sorted((p["category"], p["note"]) for p in payload["proposals"]) == [
        ("Bug fix", "fix: invoice totals"), ("Feature shipped", "feat: currency rounding")]
    assert payload["identity"] == "grace@example.com (from --author-email)"


def test_a_preview_writes_nothing_and_yes_writes_each_commit_once(cli, initialised, repo):
    assert cli("import", "git", str(repo), "--since", "2026-09-01").code == 0
    assert table_dump(initialised)["activity_entry"] == []
    first = cli("import", "git", str(repo), "--since", "2026-09-01", "--yes")
    assert first.code == 0 and "Logged 7 entries" in first.out
    second = json.loads(cli("import", "git", str(repo), "--since", "2026-09-01", "--yes",
                            "--json").out)
    assert second["written"] == 0 and second["skipped_duplicates"] == 7
    entries = json.loads(cli("entries", "--json").out)
    assert len(entries) == 7
    assert all(e["source"] == "import" and len(e["reference"]) == len("git:") + 40
               for e in entries)


def test_a_second_clone_under_another_name_adds_nothing(cli, initialised, repo, tmp_path):
    clone = tmp_path / "laptop" / "payments-old-copy"
    git(tmp_path, "clone", "-q", str(repo), str(clone))
    together = preview(cli, str(repo), str(clone))
    assert [p["status"] for p in together["proposals"]] == ["new"] * 7
    assert cli("import", "git", str(repo), "--since", "2026-09-01", "--yes").code == 0
    again = preview(cli, str(clone), "--author-email", "ada@example.com")
    assert [p["status"] for p in again["proposals"]] == ["duplicate"] * 7


def test_the_database_refuses_a_second_copy_of_an_imported_reference(initialised):
    """The unique index behind dedupe: even a writer that skips the plan cannot double."""
    import sqlite3

    from perfmirror_core.store.repository import Store
    from perfmirror_core.weeks import parse_week

    store = Store()
    week = parse_week("2026-W48")
    rows = [("Bug fix", 1, week, "git:" + "a" * 40, "fix: one"),
            ("Bug fix", 1, week, "git:" + "a" * 40, "fix: one again")]
    assert len(store.log_imported(rows, week)) == 1
    assert len(store.log_imported(rows, week)) == 0
    connection = sqlite3.connect(initialised / "perfmirror.db")
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute("INSERT INTO activity_entry (category_id, week, count, reference, "
                           "source, created_at) VALUES (1, '2026-W48', 1, ?, 'import', 'now')",
                           ("git:" + "a" * 40,))


def test_an_import_is_one_transaction(initialised):
    """One refused entry (an unknown category, after two good ones) stores none of them."""
    from perfmirror_core.errors import InvalidInput
    from perfmirror_core.store.repository import Store
    from perfmirror_core.weeks import parse_week

    store = Store()
    week = parse_week("2026-W48")
    before = table_dump(initialised)
    rows = [("Bug fix", 1, week, "git:" + "b" * 40, None),
            ("Bug fix", 1, week, "git:" + "c" * 40, None),
            ("No such category", 1, week, "git:" + "d" * 40, None)]
    with pytest.raises(InvalidInput):
        store.log_imported(rows, week)
    assert table_dump(initialised) == before


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


# -- real history: an excerpt of psf/requests (tests/fixtures/import/git/README.md) ----------

BUNDLE = Path(__file__).parent / "fixtures" / "import" / "git" / "requests-excerpt.bundle"
KENNETH = ("--author-email", "me@kennethreitz.com", "--author-email", "me@kennethreitz.org")


@pytest.fixture
def requests_excerpt(tmp_path: Path) -> Path:
    """36 real commits of psf/requests replayed with their authors, dates and messages: Kenneth
    Reitz's unconventional subjects ("fix builds", "8,000,000", "Update README.md"), his merge
    of his own pull request #3703 and of Pascal Borreli's #1277, GitHub-suggestion
    Co-authored-by trailers naming Nate Prewitt, and 5e6ecdad with the zone +051800."""
    clone = tmp_path / "requests"
    git(tmp_path, "clone", "-q", str(BUNDLE), str(clone))
    return clone


def excerpt_preview(cli, clone: Path, *who: str) -> dict:
    result = cli("import", "git", str(clone), *who, "--since", "2011-01-01", "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_real_unconventional_messages_map_and_a_self_merged_pull_request_counts_once(
        cli, initialised, requests_excerpt):
    payload = excerpt_preview(cli, requests_excerpt, *KENNETH)
    mapped = {p["note"]: p["category"] for p in payload["proposals"]}
    assert mapped["fix builds"] == "Bug fix"
    assert mapped["Update README.md"] == "Documentation"
    assert mapped["docs refactor"] == "Documentation"
    assert mapped["Added HACKING file."] == "Feature shipped"
    assert mapped["remove unused timeout"] == "Feature shipped"
    # Pull request #3703: his branch, merged by him; counted once, by its merge commit.
    assert mapped["Revert \"Adding 'import requests' to readme code snippet.\""] == "Bug fix"
    assert len(payload["proposals"]) == 8
    dropped = payload["dropped"]
    assert dropped["in your merged pull request (counted once, as the pull request)"][
        "count"] == 1
    assert dropped["merge (the commits it brings count on their own)"] == {
        "count": 1, "examples": ["Merge pull request #1277 from pborreli/typos"]}
    assert dropped["no rule matched"]["count"] == 11  # "8,000,000", "pyflakes", ...
    assert dropped["not yours"]["count"] == 15


def test_github_suggestion_co_authors_get_their_commits_never_reviews(cli, initialised,
                                                                      requests_excerpt):
    """Nate Prewitt wrote 7 of these commits and is a Co-authored-by on 4 more (GitHub adds one
    per accepted suggestion): 9 map by their titles, not one is a Code review."""
    payload = excerpt_preview(cli, requests_excerpt, "--author-email", "nate.prewitt@gmail.com")
    mapped = {p["note"]: p["category"] for p in payload["proposals"]}
    assert "Code review" not in mapped.values()
    assert mapped["Fix `prepare_body` stream detection for `__getattr__`-based file wrappers "
                  "(#7433)"] == "Bug fix"
    assert mapped["docs: clarify Quickstart POST example (#6960)"] == "Documentation"
    assert len(mapped) == 9 and payload["unmatched"] == 2


def test_a_malformed_zone_is_skipped_and_counted_not_a_traceback(cli, initialised,
                                                                 requests_excerpt):
    result = cli("import", "git", str(requests_excerpt), "--author-email",
                 "shrikantsharat.k@gmail.com", "--since", "2011-01-01")
    assert result.code == 0 and result.err == ""
    assert "left out, malformed: 1" in result.out and "+518:00" in result.out
    assert "looking for shrikantsharat.k@gmail.com (from --author-email)" in result.out


def test_older_git_references_move_to_the_sha_and_no_row_is_lost(tmp_path):
    """Before v5 a reference carried the clone's folder. One commit imported from two clones
    (ids 1 and 2) keeps both rows: the older takes ``git:<sha>``, the newer keeps its old
    reference; another commit (id 3) just moves to its SHA."""
    import sqlite3

    from perfmirror_core.store.database import connect
    from perfmirror_core.store.migrations import migrate

    connection = connect(tmp_path / "db.sqlite")
    migrate(connection, target=4)
    one, other = "1" * 40, "2" * 40
    connection.executescript(f"""
        INSERT INTO category VALUES (1, 'Bug fix', 'bug fix', 'output', 6, '', '[]', 0);
        INSERT INTO activity_entry (id, category_id, week, count, reference, source, created_at)
        VALUES (1, 1, '2026-W41', 1, 'git:payments:{one}', 'import', 'then'),
               (2, 1, '2026-W41', 1, 'git:laptop:{one}', 'import', 'then'),
               (3, 1, '2026-W42', 1, 'git:payments:{other}', 'import', 'then'),
               (4, 1, '2026-W42', 1, 'PR #7', 'manual', 'then');
    """)
    migrate(connection)
    assert connection.execute("SELECT id, reference FROM activity_entry ORDER BY id").fetchall(
        ) == [(1, f"git:{one}"), (2, f"git:laptop:{one}"), (3, f"git:{other}"), (4, "PR #7")]
    with pytest.raises(sqlite3.IntegrityError):
        connection.execute("INSERT INTO activity_entry (category_id, week, count, reference, "
                           f"source, created_at) VALUES (1, 'x', 1, 'git:{one}', 'import', 'n')")


def test_a_merged_branch_is_no_pull_request_its_commits_count(cli, initialised, repo):
    """Ada merges her own branch twice: once as GitHub words a pull request (the pull request
    counts once, its two commits fold into it), once as a plain "Merge branch" (left out as a
    merge; its commit counts on its own)."""
    for branch, message in (("pr", "Merge pull request #5 from ada/refunds-v2\n\nRefunds v2"),
                            ("develop", "Merge branch 'develop'")):
        git(repo, "checkout", "-q", "-b", branch, "main")
        commit(repo, f"Add {branch} work", ADA, "2026-11-19T09:00:00+01:00")
        if branch == "pr":
            commit(repo, "Fix pr work", ADA, "2026-11-19T10:00:00+01:00")
        git(repo, "checkout", "-q", "main")
        git(repo, "merge", "-q", "--no-ff", "-m", message, branch, author=ADA,
            when="2026-11-20T09:00:00+01:00")
    payload = preview(cli, str(repo))
    notes = {p["note"]: p["category"] for p in payload["proposals"]}
    assert notes["Refunds v2"] == "Feature shipped"
    assert notes["Add develop work"] == "Feature shipped"
    assert "Add pr work" not in notes and "Fix pr work" not in notes
    assert payload["dropped"]["in your merged pull request (counted once, as the pull request)"][
        "count"] == 2
    assert payload["dropped"]["merge (the commits it brings count on their own)"]["examples"] == [
        "Merge branch 'develop'"]


def test_a_commit_that_changes_only_documentation_is_documentation_whatever_its_verb(
        cli, initialised, repo):
    """simonw/llm's history has "Fixed Anthropic example in intro" (README.md, docs/index.md)
    and "Removed repeat links to #1590" (docs/changelog.md): the verbs say bug fix and change
    shipped, the diff says a doc was edited. A fix that touches code and its doc stays a fix."""
    commit(repo, "Fixed the example in the intro", ADA, "2026-11-19T09:00:00+01:00",
           file="README.md")
    commit(repo, "Removed repeat links", ADA, "2026-11-19T10:00:00+01:00",
           file="docs/changelog.md")
    commit(repo, "Add the refunds guide", ADA, "2026-11-19T11:00:00+01:00",
           file="docs/guides/refunds.rst")
    commit(repo, "Fix rounding in refunds", ADA, "2026-11-19T12:00:00+01:00",
           file="src/refunds.py")
    commit(repo, "Fix the refunds doc and its code", ADA, "2026-11-19T13:00:00+01:00",
           file="src/refunds.py")
    git(repo, "add", "-A")
    payload = preview(cli, str(repo))
    notes = {p["note"]: p["category"] for p in payload["proposals"]}
    assert notes["Fixed the example in the intro"] == "Documentation"
    assert notes["Removed repeat links"] == "Documentation"
    assert notes["Add the refunds guide"] == "Documentation"
    assert notes["Fix rounding in refunds"] == "Bug fix"
    assert notes["Fix the refunds doc and its code"] == "Bug fix"


def test_requirements_txt_is_code_not_documentation():
    from coach.importers.git import is_documentation

    assert is_documentation("docs/usage.md") and is_documentation("CHANGELOG")
    assert is_documentation("doc/api/index.html") and is_documentation("README.rst")
    assert not is_documentation("requirements.txt")
    assert not is_documentation("src/docsite/build.py")
    assert not is_documentation("llm/cli.py")


def test_a_cherry_picked_copy_in_the_same_week_counts_once(cli, initialised, repo):
    """simonw/llm has "Fix for Windows C: absolute paths ..." twice: one patch, the same author
    date, on two parents, both reachable after a merge. One piece of work, counted once; the
    preview says why the copy was left out. The same message with a different diff (a second,
    real fix) still counts."""
    git(repo, "checkout", "-q", "-b", "topic", "main")
    fix = commit(repo, "Fix Windows paths", ADA, "2026-11-19T09:00:00+01:00", file="src/paths.py")
    git(repo, "checkout", "-q", "main")
    git(repo, "cherry-pick", fix, author=ADA)  # keeps the author date, as in the real case
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge branch 'topic'", "topic", author=ADA,
        when="2026-11-20T09:00:00+01:00")
    commit(repo, "Fix Windows paths", ADA, "2026-11-20T10:00:00+01:00", file="src/drive.py")
    payload = preview(cli, str(repo))
    fixes = [p for p in payload["proposals"] if p["note"] == "Fix Windows paths"]
    assert len(fixes) == 2
    reason = ("the same change again (same message and same diff in one week: a cherry-pick "
              "or a rebased copy)")
    assert payload["dropped"][reason] == {"count": 1, "examples": ["Fix Windows paths"]}
