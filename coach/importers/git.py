"""Commits from local git repositories: the person's own (by author email), and other people's
whose ``Reviewed-by:`` or ``Co-authored-by:`` trailer names the person.

Reads ``git log`` of the checked-out branch, merges left out. References are
``git:<repository folder name>:<sha>``, so two clones of one repository never double count.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Sequence

from .base import Importer, SourceEvent

TRAILERS = ("reviewed-by", "co-authored-by")
_EMAIL = re.compile(r"<([^<>\s]+@[^<>\s]+)>|([^<>\s]+@[^<>\s]+)")
_RECORD, _FIELD = "\x1e", "\x1f"


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


class GitImporter(Importer):
    """Commits in local repositories, by the person's author emails."""

    name = "git"

    def __init__(self, path: str | Sequence[str] = ".",
                 author_email: str | Sequence[str] = ()) -> None:
        self.paths = [Path(p).expanduser() for p in _as_list(path)]
        self.emails = {email.strip().lower() for email in _as_list(author_email)}
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
        return None

    def fetch(self, since: date) -> list[SourceEvent]:
        events = []
        for root in dict.fromkeys(self.roots):
            events.extend(self._commits(root, since))
        return events

    def _commits(self, root: Path, since: date) -> list[SourceEvent]:
        try:
            run_git(root, "rev-parse", "--verify", "--quiet", "HEAD")
        except subprocess.CalledProcessError:
            return []  # a repository without commits yet
        log = run_git(root, "log", "--no-merges", f"--since={since.isoformat()}",
                      f"--format={_RECORD}%H{_FIELD}%ae{_FIELD}%aI{_FIELD}%s{_FIELD}"
                      "%(trailers:only,unfold)")
        events = []
        for record in log.split(_RECORD)[1:]:
            sha, author, when, subject, trailers = record.split(_FIELD, 4)
            kind = "commit" if author.lower() in self.emails else self._trailer_naming_me(
                trailers)
            if kind:
                events.append(SourceEvent(kind, subject, datetime.fromisoformat(when).date(),
                                          f"git:{root.name}:{sha}"))
        return events

    def _trailer_naming_me(self, trailers: str) -> str | None:
        for line in trailers.splitlines():
            key, _, value = line.partition(":")
            if key.strip().lower() in TRAILERS and emails_in(value) & self.emails:
                return key.strip().lower()
        return None
