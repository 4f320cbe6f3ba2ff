"""`perfmirror import github`, replayed from cassettes written by hand after GitHub's REST docs.

Record mode is "none": a request that is not in the cassette fails the test instead of reaching
the network. Where each shape comes from (docs.github.com/en/rest, API version 2022-11-28):

github_import_paginated.yaml
  - GET /user: "Get the authenticated user" (users/users#get-the-authenticated-user): login, id,
    type, ... used to find whose work to import when --user is not given.
  - GET /search/issues?q=is:pr author:USER is:merged merged:>=DATE, two pages: "Search issues
    and pull requests" (search/search#search-issues-and-pull-requests): total_count,
    incomplete_results, items[] with number, title, html_url, repository_url, labels[],
    closed_at and pull_request{url, html_url, diff_url, patch_url, merged_at}. Page 1 carries
    the `Link: <...&page=2>; rel="next", <...>; rel="last"` header described in "Using
    pagination in the REST API" (using-the-rest-api/using-pagination-in-the-rest-api); page 2
    has only rel="prev"/"first", which ends the walk. (The split into pages of 2 and 1 items is
    artificial; the shapes are GitHub's.)
  - GET /search/issues?q=is:pr reviewed-by:USER -author:USER updated:>=DATE: same search shape.
  - GET /repos/{owner}/{repo}/pulls/{number}/reviews: "List reviews for a pull request"
    (pulls/reviews#list-reviews-for-a-pull-request): an array of reviews with id, user{login},
    state, submitted_at, commit_id, _links; it dates the person's review.
  - GET /search/issues?q=is:issue assignee:USER is:closed closed:>=DATE: search shape, an issue
    item (no pull_request key) with labels[{name: "bug"}] and state_reason.
github_import_rate_limited.yaml
  - page 1 as above, then page 2 refused: 403 with X-RateLimit-Limit/Remaining: 0/Used/Reset
    (epoch seconds)/Resource headers and the {"message": "API rate limit exceeded for user ID
    ...", "documentation_url": ...} body from "Rate limits for the REST API"
    (using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit).
github_import_bad_token.yaml
  - GET /user answered 401 with {"message": "Bad credentials", "documentation_url":
    "https://docs.github.com/rest"}, as documented for a wrong or revoked token
    (using-the-rest-api/troubleshooting-the-rest-api#bad-credentials).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import vcr

from conftest import table_dump

CASSETTES = Path(__file__).parent / "cassettes"
TOKEN = "ghp_test0000000000000000000000000000000000"


def cassette(name: str):
    recorder = vcr.VCR(cassette_library_dir=str(CASSETTES), record_mode="none",
                       match_on=["method", "scheme", "host", "port", "path", "query"],
                       filter_headers=["authorization"])
    return recorder.use_cassette(name)


@pytest.fixture
def initialised(cli, private_home, monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", TOKEN)
    assert cli("init", "--role", "IC", "--level", "4").code == 0
    return private_home


def imported(home: Path) -> list[tuple]:
    return table_dump(home)["activity_entry"]


def test_merged_prs_reviews_and_closed_issues_are_mapped_across_pages(cli, initialised):
    with cassette("github_import_paginated.yaml") as tape:
        result = cli("import", "github", "--since", "2026-09-07", "--json")
        assert tape.all_played
    assert result.code == 0, result.err
    payload = json.loads(result.out)
    rows = {(p["reference"], p["category"], p["week"]) for p in payload["proposals"]}
    assert rows == {
        ("github:pr:octo-org/perf-tools#412", "Feature shipped", "2026-W47"),
        ("github:pr:octo-org/perf-tools#405", "Bug fix", "2026-W46"),
        ("github:review:octo-org/perf-tools#420", "Code review", "2026-W48"),
        ("github:issue:octo-org/perf-tools#377", "Bug fix", "2026-W46"),
    }
    assert payload["dropped"] == {  # on page 2
        "skipped by a rule": {"count": 1, "examples": ["chore: bump httpx to 0.28"]}}
    assert payload["written"] == 0 and imported(initialised) == []  # a preview writes nothing


def test_importing_github_twice_writes_once(cli, initialised):
    for _ in range(2):
        with cassette("github_import_paginated.yaml"):
            result = cli("import", "github", "--since", "2026-09-07", "--yes", "--json")
        assert result.code == 0, result.err
    second = json.loads(result.out)
    assert second["written"] == 0 and second["skipped_duplicates"] == 4
    rows = imported(initialised)
    assert len(rows) == 4
    entries = json.loads(cli("entries", "--json").out)
    assert {e["source"] for e in entries} == {"import"}
    assert {e["reference"] for e in entries} >= {"github:pr:octo-org/perf-tools#412"}


def test_rate_limit_is_one_line_naming_the_reset_time_and_writes_nothing(cli, initialised):
    before = table_dump(initialised)
    with cassette("github_import_rate_limited.yaml") as tape:
        result = cli("import", "github", "--user", "octocat", "--since", "2026-09-07", "--yes")
        assert tape.all_played
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "rate limit" in result.err and "2026-11-26 15:00 UTC" in result.err
    assert table_dump(initialised) == before


def test_bad_token_is_one_line_and_writes_nothing(cli, initialised):
    before = table_dump(initialised)
    with cassette("github_import_bad_token.yaml") as tape:
        result = cli("import", "github", "--since", "2026-09-07", "--yes")
        assert tape.all_played
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "bad GITHUB_TOKEN" in result.err and "Bad credentials" in result.err
    assert TOKEN not in result.err
    assert table_dump(initialised) == before


def test_no_token_is_one_line_before_any_request(cli, initialised, monkeypatch):
    monkeypatch.delenv("GITHUB_TOKEN")
    monkeypatch.setenv("PATH", "/nonexistent")  # no `gh` to ask either
    with cassette("github_import_bad_token.yaml") as tape:
        result = cli("import", "github", "--yes")
        assert tape.play_count == 0
    assert result.code == 2
    assert "GITHUB_TOKEN" in result.err and result.err.count("\n") == 1


def test_cassettes_hold_no_authorization_header():
    import yaml

    for path in CASSETTES.glob("github_*.yaml"):
        for interaction in yaml.safe_load(path.read_text())["interactions"]:
            headers = {name.lower() for name in interaction["request"]["headers"]}
            assert "authorization" not in headers, path.name
        assert "ghp_" not in path.read_text() and "bearer" not in path.read_text().lower()


# -- GitHub's 1,000-result search cap, not-planned closures, GitHub Enterprise ----------------

class FakeSearch:
    """GitHub's documented search behaviour over a made-up set of merged pull requests and
    closed issues: ``total_count`` is every match, but at most 1,000 can be paged through (10
    pages of 100), each page linking the next with ``Link: <...>; rel="next"``."""

    def __init__(self, merged_days: list[str], issues: list[tuple[str, str]]) -> None:
        self.merged_days = merged_days  # one merged PR per entry, by its merge day
        self.issues = issues  # (closed day, state_reason)
        self.queries: list[str] = []
        self.urls: list[str] = []

    def __call__(self, request):
        import re as regex

        import httpx

        self.urls.append(f"{request.url.host}{request.url.path}")
        if request.url.path.endswith("/user"):
            return httpx.Response(200, json={"login": "octocat"})
        query = request.url.params["q"]
        page = int(request.url.params.get("page", "1"))
        if page == 1:
            self.queries.append(query)
        since, until = "0000", "9999"
        bounded = regex.search(r"(merged|closed|updated):(\S+)\.\.(\S+)", query)
        if bounded:
            since, until = bounded.group(2), bounded.group(3)
        else:
            since = regex.search(r":>=(\S+)", query).group(1)
        if "is:merged" in query:
            days = [day for day in self.merged_days if since <= day <= until]
            items = [{"number": n, "title": f"feat: change {n}", "closed_at": f"{day}T12:00:00Z",
                      "repository_url": "https://api.github.com/repos/octo-org/big",
                      "pull_request": {"merged_at": f"{day}T12:00:00Z"}, "labels": []}
                     for n, day in enumerate(days, 1)]
        elif "is:issue" in query:
            items = [{"number": n, "title": f"Issue {n} ({reason})", "state_reason": reason,
                      "closed_at": f"{day}T12:00:00Z", "labels": [{"name": "bug"}],
                      "repository_url": "https://api.github.com/repos/octo-org/big"}
                     for n, (day, reason) in enumerate(self.issues, 1)
                     if since <= day <= until]
        else:
            items = []
        reachable = items[:1000]
        chunk = reachable[(page - 1) * 100:page * 100]
        headers = {}
        if page * 100 < len(reachable):
            headers["Link"] = f'<{request.url.copy_merge_params({"page": page + 1})}>; rel="next"'
        return httpx.Response(200, headers=headers, json={
            "total_count": len(items), "incomplete_results": False, "items": chunk})


def fake_import(cli, monkeypatch, fake: FakeSearch, *args: str) -> dict:
    import httpx

    from coach.importers.github import GithubImporter

    original = GithubImporter.__init__

    def with_transport(self, *given, **options):
        original(self, *given, **options)
        self.transport = httpx.MockTransport(fake)

    monkeypatch.setattr(GithubImporter, "__init__", with_transport)
    result = cli("import", "github", "--since", "2026-09-07", "--json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_a_search_over_the_cap_is_split_by_date_until_every_result_is_read(cli, initialised,
                                                                           monkeypatch):
    """2,430 pull requests merged from 2026-09-07 to 2026-11-26 (30 a day for 81 days): one
    query would stop at 1,000; split in halves of the range (1,230 and 1,200 are still too
    many, so each is halved again) every one is read."""
    from datetime import date, timedelta

    days = [(date(2026, 9, 7) + timedelta(days=d)).isoformat() for d in range(81)
            for _ in range(30)]
    fake = FakeSearch(days, [])
    payload = fake_import(cli, monkeypatch, fake)
    assert len(payload["proposals"]) == 2430
    merged_queries = [q for q in fake.queries if "is:merged" in q]
    assert merged_queries[0].endswith("merged:>=2026-09-07")
    assert "merged:2026-09-07..2026-10-17" in " ".join(merged_queries)
    assert all(BEYOND not in reason for reason in payload["dropped"])
    assert payload["identity"] == "octocat on https://api.github.com (from the owner of " \
                                  "GITHUB_TOKEN)"


BEYOND = "beyond GitHub's 1,000-result search cap"


def test_more_than_the_cap_in_one_day_is_counted_not_silently_lost(cli, initialised,
                                                                   monkeypatch):
    fake = FakeSearch(["2026-11-20"] * 1200, [])
    payload = fake_import(cli, monkeypatch, fake, "--user", "octocat")
    assert len(payload["proposals"]) == 1000
    beyond = next(value for reason, value in payload["dropped"].items() if BEYOND in reason)
    assert beyond["count"] == 200
    assert "1,200 match, 1,000 fetched" in beyond["examples"][0]


def test_only_issues_closed_as_completed_count_and_enterprise_is_reached(cli, initialised,
                                                                         monkeypatch):
    fake = FakeSearch([], [("2026-11-10", "completed"), ("2026-11-11", "not_planned"),
                           ("2026-11-12", None)])
    payload = fake_import(cli, monkeypatch, fake, "--user", "octocat", "--api-url",
                          "https://github.example.com/api/v3/")
    assert [p["note"] for p in payload["proposals"]] == [
        "Issue 1 (completed)", "Issue 3 (None)"]  # None: closed before reasons were kept
    assert payload["dropped"]["closed as not planned"]["examples"] == ["Issue 2 (not_planned)"]
    assert fake.urls and all(url.startswith("github.example.com/api/v3/search/issues")
                             for url in fake.urls)
