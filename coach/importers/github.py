"""GitHub, over the REST API: pull requests the person authored and got merged, pull requests
they reviewed, and issues assigned to them that were closed.

Uses the search API (``GET /search/issues``) and, for reviews, ``GET /repos/{owner}/{repo}/
pulls/{number}/reviews`` to date each review. Pages are followed through the ``Link`` header.
The search API returns at most 1,000 results per query: when ``total_count`` says there are
more, the query is split into date ranges until each fits; what still cannot be fetched (more
than 1,000 in one day) and searches GitHub reports as incomplete are counted in the preview.
Only issues closed as completed count (``state_reason``; closed before GitHub recorded reasons
counts too); "not planned" closures are left out. ``api_url`` points at GitHub Enterprise
(``https://HOST/api/v3``).
The token comes from ``GITHUB_TOKEN`` or ``gh auth token``; it is sent to GitHub only. Every
refusal (bad token, rate limit) is one line and happens before anything is written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Iterator

from .base import Importer, ImportUnavailable, SourceEvent

if TYPE_CHECKING:
    import httpx

API_URL = "https://api.github.com"
API_VERSION = "2022-11-28"
PER_PAGE = 100
SEARCH_CAP = 1000  # results the search API returns for one query, however many match
BEYOND_CAP = "beyond GitHub's 1,000-result search cap (more than that in one day)"
INCOMPLETE = "GitHub's search timed out (incomplete results): import again"
NOT_PLANNED = "closed as not planned"


def token_from_gh() -> str | None:
    """The GitHub CLI's token, if it is installed and logged in."""
    if shutil.which("gh") is None:
        return None
    try:
        done = subprocess.run(["gh", "auth", "token"], capture_output=True, text=True,
                              timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return (done.stdout.strip() or None) if done.returncode == 0 else None


def _day(timestamp: str) -> date:
    """The person's local date of a GitHub timestamp (always UTC, ``...Z``)."""
    return datetime.fromisoformat(timestamp).astimezone().date()


def _repository(item: dict) -> str:
    """``owner/repo`` from a search item's ``repository_url``."""
    return item["repository_url"].split("/repos/", 1)[1]


class GithubImporter(Importer):
    """Merged pull requests, reviews and closed issues of a GitHub user."""

    name = "github"

    def __init__(self, user: str | None = None, api_url: str = API_URL) -> None:
        self.user = user
        self.api_url = api_url.rstrip("/")
        self.user_origin = "--user"
        # An httpx transport to use instead of the network (tests replay GitHub's behaviour).
        self.transport: httpx.BaseTransport | None = None
        self.token: str | None = None
        self.token_origin = "GITHUB_TOKEN"
        self._client: httpx.Client | None = None  # while fetching

    def identity(self) -> str:
        return f"{self.user} on {self.api_url} (from {self.user_origin})" if self.user else ""

    def discover(self) -> str | None:
        self.token = os.environ.get("GITHUB_TOKEN", "").strip() or None
        if self.token is None:
            self.token, self.token_origin = token_from_gh(), "the token from `gh auth token`"
        if self.token is None:
            return "no token: set GITHUB_TOKEN or log in with `gh auth login`"
        return None

    def fetch(self, since: date) -> list[SourceEvent]:
        import httpx

        headers = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": API_VERSION,
                   "Authorization": f"Bearer {self.token}", "User-Agent": "perfmirror"}
        from coach.clock import today

        with httpx.Client(base_url=self.api_url, headers=headers, timeout=30,
                          transport=self.transport) as client:
            self._client = client
            if self.user is None:
                self.user = self._get("/user").json()["login"]
                self.user_origin = f"the owner of {self.token_origin}"
            user = self.user
            until = today()
            events = [self._merged(item) for item in
                      self._search(f"is:pr author:{user} is:merged", "merged", since, until)]
            for item in self._search(f"is:pr reviewed-by:{user} -author:{user}", "updated",
                                     since, until):
                review = self._first_review(item, user, since)
                if review is not None:
                    events.append(review)
            for item in self._search(f"is:issue assignee:{user} is:closed", "closed", since,
                                     until):
                if item.get("state_reason") in (None, "completed"):
                    events.append(self._closed(item))
                else:
                    self.dropped.add(NOT_PLANNED, item.get("title", ""))
        return events

    # -- mapping GitHub's shapes to events --------------------------------------------------

    @staticmethod
    def _merged(item: dict) -> SourceEvent:
        merged_at = (item.get("pull_request") or {}).get("merged_at") or item["closed_at"]
        return SourceEvent("pr_merged", item["title"], _day(merged_at),
                           f"github:pr:{_repository(item)}#{item['number']}")

    @staticmethod
    def _closed(item: dict) -> SourceEvent:
        labels = ",".join(label["name"] for label in item.get("labels", []))
        return SourceEvent("issue_closed", item["title"], _day(item["closed_at"]),
                           f"github:issue:{_repository(item)}#{item['number']}", labels)

    def _first_review(self, item: dict, user: str, since: date) -> SourceEvent | None:
        """The person's first review of this pull request on or after ``since``."""
        path = f"/repos/{_repository(item)}/pulls/{item['number']}/reviews"
        days = [_day(review["submitted_at"]) for page in self._pages(path, {})
                for review in page
                if (review.get("user") or {}).get("login", "").lower() == user.lower()
                and review.get("submitted_at")]
        days = [day for day in days if day >= since]
        if not days:
            return None
        return SourceEvent("review", item["title"], min(days),
                           f"github:review:{_repository(item)}#{item['number']}")

    # -- HTTP -------------------------------------------------------------------------------

    def _search(self, terms: str, field: str, since: date, until: date,
                whole: bool = True) -> Iterator[dict]:
        """Every item of a search on ``field`` from ``since`` to ``until``, split into halves of
        the range while GitHub says more match than one query can return."""
        dates = f"{field}:>={since.isoformat()}" if whole else \
            f"{field}:{since.isoformat()}..{until.isoformat()}"
        pages = self._pages("/search/issues", {"q": f"{terms} {dates}"})
        first = next(pages)
        total = int(first.get("total_count", 0))
        if total > SEARCH_CAP and since < until:
            middle = since + (until - since) // 2
            yield from self._search(terms, field, since, middle, whole=False)
            yield from self._search(terms, field, middle + timedelta(days=1), until,
                                    whole=False)
            return
        if total > SEARCH_CAP:
            self.dropped.add(BEYOND_CAP, f"{total:,} match, {SEARCH_CAP:,} fetched: {terms} "
                             f"{dates}", count=total - SEARCH_CAP)
        if first.get("incomplete_results"):
            self.dropped.add(INCOMPLETE, f"{terms} {dates}")
        fetched = len(first["items"])
        self.progress(fetched, min(total, SEARCH_CAP))
        yield from first["items"]
        for page in pages:
            fetched += len(page["items"])
            self.progress(fetched, min(total, SEARCH_CAP))
            yield from page["items"]

    def _pages(self, path: str, params: dict) -> Iterator:
        """Each page's JSON, following ``Link: <...>; rel="next"`` until there is none."""
        response = self._get(path, {**params, "per_page": PER_PAGE})
        yield response.json()
        while "next" in response.links:
            response = self._get(response.links["next"]["url"])
            yield response.json()

    def _get(self, url: str, params: dict | None = None):
        import httpx

        try:
            response = self._client.get(url, params=params)
        except httpx.HTTPError as error:
            raise ImportUnavailable(f"github: cannot reach {self.api_url}: {error}") from None
        if response.status_code < 400:
            return response
        raise ImportUnavailable(f"github: {self._refusal(response)}")

    def _refusal(self, response) -> str:
        """One line for a GitHub error response, naming what the person can do."""
        try:
            body = response.json()
        except ValueError:
            body = {}
        message = body.get("message", response.reason_phrase) if isinstance(body, dict) else ""
        headers = response.headers
        if response.status_code == 401:
            return (f"bad {self.token_origin} (GitHub answered 401 {message}); "
                    "create a new token or run `gh auth login`")
        if response.status_code in (403, 429) and headers.get("x-ratelimit-remaining") == "0":
            reset = headers.get("x-ratelimit-reset", "")
            when = (datetime.fromtimestamp(int(reset), timezone.utc).strftime(
                "%Y-%m-%d %H:%M UTC") if reset.isdigit() else "a later time")
            return f"rate limit reached; it resets at {when}, import again after that"
        if response.status_code in (403, 429) and headers.get("retry-after"):
            return (f"GitHub asks to slow down ({message}); "
                    f"try again in {headers['retry-after']} seconds")
        details = "; ".join(error.get("message", "") for error in body.get("errors", [])
                            if isinstance(error, dict)) if isinstance(body, dict) else ""
        return f"GitHub answered {response.status_code} {message}" + (
            f": {details}" if details else "")
