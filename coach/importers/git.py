"""Commits from local git repositories: the person's own (by author email), commits they
co-authored, pull requests they merged themselves, and commits whose ``Reviewed-by:`` trailer
names them.

One ``git log`` pass per repository, ``--since`` applied by git while it walks. A commit is
referenced by its SHA alone (``git:<sha>``): the same commit in two clones, a worktree or a
renamed folder is one entry. A merge commit counts only when the person merged their own pull
request (a GitHub, GitLab or Bitbucket merge message, most of the branch's commits theirs); the
pull request is then the unit and the branch's commits are not counted again. Other merges
(``Merge branch 'develop'``) are left out and the commits they bring in count one by one. A
commit whose date git cannot read (a malformed zone like ``+051800``) is left out and counted,
never a traceback.

The files a commit changed are read in the same pass (``--name-only``): a commit that touches
only documentation says so in its type ("docs-only"), so the rules can count it as the doc work
it is whatever its verb. A copy of a commit (cherry-picked or rebased onto another parent, the
same message and diff in one week) is left out: it is the same piece of work.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Sequence

from .base import MALFORMED, MERGE, NOT_MINE, OUTSIDE, Importer, SourceEvent

CO_AUTHORED, REVIEWED = "co-authored-by", "reviewed-by"
IN_PULL_REQUEST = "in your merged pull request (counted once, as the pull request)"
_EMAIL = re.compile(r"<([^<>\s]+@[^<>\s]+)>|([^<>\s]+@[^<>\s]+)")
_PULL_REQUEST = re.compile(r"^Merge pull request #\d+ from \S+?/(\S+)")
# How hosts word the merge of a pull request: GitHub, Bitbucket, GitLab (in the body).
_REVIEWED_MERGE = re.compile(r"^Merge pull request #\d+|^Merged in \S+ \(pull request #\d+\)|"
                             r"^See merge request \S*!\d+", re.MULTILINE)
_RECORD, _FIELD, _FILES = "\x1e", "\x1f", "\x1d"
_FORMAT = f"{_RECORD}%H{_FIELD}%P{_FIELD}%aE{_FIELD}%aI{_FIELD}%s{_FIELD}%b{_FIELD}" \
          f"%(trailers:only,unfold){_FILES}"
DOCS_ONLY = "docs-only"
SAME_CHANGE = "the same change again (same message and same diff in one week: a cherry-pick " \
              "or a rebased copy)"
# What a documentation file looks like: prose formats, and anything under a docs folder or named
# as a project's prose (README, CHANGELOG...). Plain .txt is not enough: requirements.txt is code.
_DOC_SUFFIXES = {".md", ".markdown", ".rst", ".adoc", ".asciidoc", ".rdoc", ".mdx"}
_DOC_FOLDERS = {"doc", "docs", "documentation", "man"}
_DOC_NAMES = {"readme", "changelog", "changes", "history", "news", "authors", "contributing",
              "contributors", "notice"}


def run_git(cwd: Path, *args: str) -> str:
    """Git's output; ``CalledProcessError`` when it fails."""
    return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True,
                          encoding="utf-8", errors="replace", check=True).stdout


def repository_root(path: Path) -> Path | None:
    try:
        return Path(run_git(path, "rev-parse", "--show-toplevel").strip())
    except (subprocess.CalledProcessError, OSError):
        return None


def git_config(path: Path, key: str) -> str | None:
    try:
        return run_git(path, "config", key).strip() or None
    except (subprocess.CalledProcessError, OSError):
        return None


def emails_in(text: str) -> set[str]:
    return {(match.group(1) or match.group(2)).lower() for match in _EMAIL.finditer(text)}


def _as_list(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


@dataclass(frozen=True)
class Commit:
    """One record of the log pass, as git printed it."""

    sha: str
    parents: tuple[str, ...]
    email: str
    when: str
    subject: str
    body: str
    trailers: str
    files: tuple[str, ...] = ()

    def day(self) -> date | None:
        """The author date, or None when git's date is malformed (a bad zone)."""
        try:
            return datetime.fromisoformat(self.when).date()
        except ValueError:
            return None


def _parse_log(log: str) -> list[Commit]:
    """Records of ``git log --name-only`` in ``_FORMAT``: the fields, then the files it changed."""
    commits = []
    for record in log.split(_RECORD)[1:]:
        fields, _, names = record.partition(_FILES)
        sha, parents, email, when, subject, body, trailers = fields.split(_FIELD, 6)
        files = tuple(line.strip() for line in names.splitlines() if line.strip())
        commits.append(Commit(sha, tuple(parents.split()), email.lower(), when, subject,
                              body, trailers, files))
    return commits


def is_documentation(path: str) -> bool:
    """A prose file: a docs folder, a prose format, or a README/CHANGELOG-like name."""
    parts = Path(path).parts
    name = Path(path)
    return (any(part.lower() in _DOC_FOLDERS for part in parts[:-1])
            or name.suffix.lower() in _DOC_SUFFIXES
            or name.stem.lower() in _DOC_NAMES)


def docs_only(commit: Commit) -> bool:
    """Every file the commit changed is documentation. Why the files and not the message: "Fix
    the Anthropic example in the intro" or "Remove repeat links" read as a bug fix or a change
    shipped, yet the diff says a doc was edited (seen in simonw/llm's history)."""
    return bool(commit.files) and all(is_documentation(path) for path in commit.files)


def pull_request_title(commit: Commit) -> str:
    """A GitHub merge's pull-request title: the message's first body line, else the branch."""
    first = next((line.strip() for line in commit.body.splitlines() if line.strip()), "")
    if first:
        return first
    branch = _PULL_REQUEST.match(commit.subject)
    return branch.group(1).replace("-", " ").replace("_", " ") if branch else commit.subject


class GitImporter(Importer):
    """Commits in local repositories, by the person's author emails."""

    name = "git"

    def __init__(self, path: str | Sequence[str] = ".",
                 author_email: str | Sequence[str] = ()) -> None:
        self.paths = [Path(p).expanduser() for p in _as_list(path)]
        self.emails = {email.strip().lower() for email in _as_list(author_email)
                       if email.strip()}
        self.identity_origin = "--author-email"
        self.roots: list[Path] = []

    def discover(self) -> str | None:
        if shutil.which("git") is None:
            return "git is not installed"
        self.roots = []
        for path in self.paths:
            if not path.is_dir():
                return f"{path} is not a folder"
            root = repository_root(path)
            if root is None:
                return f"{path} is not a git repository (give a folder inside one)"
            self.roots.append(root)
        if not self.emails:
            configured = git_config(self.roots[0], "user.email")
            if not configured:
                return "no author email: pass --author-email or set `git config user.email`"
            self.emails = {configured.lower()}
            self.identity_origin = f"git config user.email in {self.roots[0]}"
        return None

    def identity(self) -> str:
        return f"{', '.join(sorted(self.emails))} (from {self.identity_origin})"

    def fetch(self, since: date) -> list[SourceEvent]:
        events: dict[str, SourceEvent] = {}  # by reference: a commit in two clones is one
        for root in dict.fromkeys(self.roots):
            for event in self._events(root, since):
                events.setdefault(event.reference, event)
        return list(events.values())

    def _events(self, root: Path, since: date) -> list[SourceEvent]:
        try:
            run_git(root, "rev-parse", "--verify", "--quiet", "HEAD")
        except subprocess.CalledProcessError:
            return []  # a repository without commits yet
        commits = _parse_log(run_git(root, "log", f"--since={since.isoformat()}",
                                     f"--format={_FORMAT}", "--name-only"))
        own_pull_requests = self._own_pull_requests(root, commits)
        folded = {sha for branch in own_pull_requests.values() for sha in branch}
        copies = _copies(root, commits)
        events = []
        for done, commit in enumerate(commits, 1):
            self.progress(done, len(commits))
            if commit.sha in copies and self._kind(commit) is not None:
                self.dropped.add(SAME_CHANGE, commit.subject)
                continue
            event = self._event(commit, since, commit.sha in own_pull_requests,
                                commit.sha in folded)
            if event is not None:
                events.append(event)
        return events

    def _event(self, commit: Commit, since: date, own_pull_request: bool,
               folded: bool) -> SourceEvent | None:
        """The commit as an event, or None after recording why it was left out."""
        kind = self._kind(commit)
        if kind is None:
            self.dropped.add(NOT_MINE, commit.subject)
            return None
        if len(commit.parents) > 1 and not own_pull_request:
            self.dropped.add(MERGE, commit.subject)
            return None
        if folded:
            self.dropped.add(IN_PULL_REQUEST, commit.subject)
            return None
        day = commit.day()
        if day is None:
            self.dropped.add(MALFORMED, f"{commit.sha[:10]} date {commit.when!r}")
            return None
        if day < since:
            self.dropped.add(OUTSIDE, commit.subject)
            return None
        if own_pull_request:
            return SourceEvent("pr_merged", pull_request_title(commit), day,
                               f"git:{commit.sha}", "pull request")
        facts = [kind] if kind == CO_AUTHORED else []
        if docs_only(commit):
            facts.append(DOCS_ONLY)
        return SourceEvent("commit" if kind != REVIEWED else kind, commit.subject, day,
                           f"git:{commit.sha}", ", ".join(facts))

    def _kind(self, commit: Commit) -> str | None:
        """"commit" when the person wrote it, else the trailer naming them, else None."""
        if commit.email in self.emails:
            return "commit"
        for line in commit.trailers.splitlines():
            key, _, value = line.partition(":")
            if key.strip().lower() in (CO_AUTHORED, REVIEWED) and \
                    emails_in(value) & self.emails:
                return key.strip().lower()
        return None

    def _own_pull_requests(self, root: Path, commits: list[Commit]) -> dict[str, set[str]]:
        """The person's merges of pull requests mostly written by themselves, each with the
        branch's commits (one ``git rev-list`` per such merge)."""
        found = {}
        for commit in commits:
            if len(commit.parents) < 2 or commit.email not in self.emails or \
                    not _REVIEWED_MERGE.search(f"{commit.subject}\n{commit.body}"):
                continue  # "Merge branch 'develop'" is no pull request: its commits count
            listed = run_git(root, "rev-list", "--format=%aE", "--no-merges",
                             commit.parents[1], f"^{commit.parents[0]}").splitlines()
            shas = [line.split()[1] for line in listed if line.startswith("commit ")]
            authors = [line.lower() for line in listed if not line.startswith("commit ")]
            if shas and sum(email in self.emails for email in authors) * 2 > len(authors):
                found[commit.sha] = set(shas)
        return found


def _copies(root: Path, commits: list[Commit]) -> set[str]:
    """Commits that repeat an earlier one of the log: the same author, ISO week and message,
    and the same diff (``git patch-id``). A rebased or cherry-picked copy on another branch is
    one piece of work, not two (simonw/llm has "Fix for Windows C: absolute paths" twice, one
    patch on two parents). Only commits whose message repeats are diffed, so the cost is nil
    for most histories. The oldest copy counts; the others are returned."""
    groups: dict[tuple[str, str, str], list[Commit]] = {}
    for commit in commits:
        day = commit.day()
        if day is None or len(commit.parents) > 1:
            continue
        week = "%d-W%02d" % day.isocalendar()[:2]
        groups.setdefault((commit.email, week, commit.subject.strip().lower()), []).append(commit)
    copies: set[str] = set()
    for group in groups.values():
        if len(group) < 2:
            continue
        seen: set[str] = set()
        for commit in reversed(group):  # git log is newest first: keep the oldest
            patch = _patch_id(root, commit.sha)
            if patch and patch in seen:
                copies.add(commit.sha)
            elif patch:
                seen.add(patch)
    return copies


def _patch_id(root: Path, sha: str) -> str | None:
    """The commit's diff fingerprint, the same for a cherry-pick; None if git cannot say."""
    try:
        shown = subprocess.run(["git", "-C", str(root), "show", "--format=", sha],
                               capture_output=True, check=True).stdout
        ided = subprocess.run(["git", "-C", str(root), "patch-id", "--stable"], input=shown,
                              capture_output=True, check=True).stdout.decode()
    except (subprocess.CalledProcessError, OSError):
        return None
    return ided.split()[0] if ided.strip() else None
