"""A folder of markdown design docs, RFCs and ADRs that the person wrote, as Outcome entries.

Authorship comes from front matter (``author:``/``authors:``) or, without it, from git history
(a commit to the file by the person). The date is front matter ``date:``, else the person's first
commit to the file, else the file's modification time. The type is front matter ``type:``, else
"rfc", "adr" or "design" read from the file or folder names. References are
``docs:<path>@<date, first commit or mtime hash>``, none of which change when the doc is edited.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Sequence

from perfmirror_core.errors import InvalidInput

from .base import Importer, SourceEvent
from .git import emails_in, git_config, repository_root, run_git

SUFFIXES = (".md", ".markdown")
NOT_DOCS = {"readme", "index", "template", "_template", "0000-template"}
_TYPE_WORDS = [("rfc", re.compile(r"^rfcs?$")),
               ("adr", re.compile(r"^(adrs?|decisions?|decision-records?)$")),
               ("design", re.compile(r"^(designs?|design-docs?)$"))]
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)",
                           re.DOTALL)


def _as_list(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def front_matter(text: str, where: str) -> tuple[dict, str]:
    """The YAML front matter (``{}`` if none) and the rest of the document."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    import yaml

    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        problem = " ".join(str(error).split())[:120]
        raise InvalidInput("front matter", f"{where} is not valid YAML ({problem})") from None
    if not isinstance(meta, dict):
        raise InvalidInput("front matter", f"{where} is not a set of key: value lines")
    return {str(key).lower(): value for key, value in meta.items()}, text[match.end():]


def _date(value: object, where: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return datetime.fromisoformat(str(value).strip()).date()
    except ValueError:
        raise InvalidInput("date", f"{where}: {value!r} is not a date", "YYYY-MM-DD") from None


def _doc_type(relative: Path) -> str:
    """"rfc", "adr" or "design" from the file name, else the nearest folder; "" if neither."""
    candidates = [re.split(r"[-_. ]+", relative.stem.lower())]
    candidates += [[part.lower()] for part in reversed(relative.parts[:-1])]
    for words in candidates:
        for word in words:
            for kind, pattern in _TYPE_WORDS:
                if pattern.match(word):
                    return kind
    return ""


def _title(meta: dict, body: str, path: Path) -> str:
    if meta.get("title"):
        return str(meta["title"])
    heading = re.search(r"^#\s+(.+)$", body, re.MULTILINE)
    return heading.group(1).strip() if heading else path.stem


class DocsImporter(Importer):
    """Markdown design docs, RFCs and ADRs written by the person."""

    name = "docs"

    def __init__(self, path: str, author: str | Sequence[str] = ()) -> None:
        self.folder = Path(path).expanduser()
        identities = [a.strip().lower() for a in _as_list(author) if a.strip()]
        self.emails = {a for a in identities if "@" in a}
        self.names = {a for a in identities if "@" not in a}
        self.repository: Path | None = None

    def discover(self) -> str | None:
        if not self.folder.is_dir():
            return f"{self.folder} is not a folder"
        self.repository = repository_root(self.folder)
        if not self.emails and not self.names:
            where = self.repository or self.folder
            for key, into in (("user.email", self.emails), ("user.name", self.names)):
                value = git_config(where, key)
                if value:
                    into.add(value.lower())
        if not self.emails and not self.names:
            return "whose docs? pass --author NAME_OR_EMAIL or set `git config user.email`"
        return None

    def fetch(self, since: date) -> list[SourceEvent]:
        events = []
        for path in sorted(self.folder.rglob("*")):
            if path.suffix.lower() in SUFFIXES and path.is_file() \
                    and path.stem.lower() not in NOT_DOCS:
                event = self._doc(path)
                if event is not None:
                    events.append(event)
        return events

    def _is_me(self, author: object) -> bool:
        if isinstance(author, dict):  # {name: ..., email: ...}
            return any(self._is_me(value) for value in author.values())
        text = str(author).strip().lower()
        name = re.sub(r"<[^>]*>", "", text).strip()
        return bool(emails_in(text) & self.emails) or text in self.emails or name in self.names

    def _doc(self, path: Path) -> SourceEvent | None:
        relative = path.relative_to(self.repository or self.folder)
        where = relative.as_posix()
        meta, body = front_matter(path.read_text("utf-8", errors="replace"), where)
        authors = meta.get("authors", meta.get("author"))
        commits = self._commits(path) if self.repository else []
        mine = [(sha, day) for sha, day, by_me in commits if by_me]
        if authors is not None:
            listed = authors if isinstance(authors, list) else [authors]
            if not any(self._is_me(author) for author in listed):
                return None
        elif not mine:
            return None
        first = (mine or commits)[0][:2] if commits else None
        if meta.get("date") is not None:
            day = _date(meta["date"], where)
            identity = day.isoformat()
        elif first is not None:
            identity, day = first
        else:
            modified = path.stat().st_mtime
            day = datetime.fromtimestamp(modified).date()
            identity = hashlib.sha256(str(modified).encode()).hexdigest()[:12]
        doc_type = str(meta["type"]).strip() if meta.get("type") else _doc_type(
            path.relative_to(self.folder))
        return SourceEvent("doc", _title(meta, body, path), day, f"docs:{where}@{identity}",
                           doc_type)

    def _commits(self, path: Path) -> list[tuple[str, date, bool]]:
        """(short sha, date, by the person?) of every commit to ``path``, oldest first."""
        try:
            log = run_git(self.repository, "log", "--follow", "--format=%H%x1f%ae%x1f%an%x1f%aI",
                          "--", str(path))
        except subprocess.CalledProcessError:
            return []
        commits = []
        for line in log.splitlines():
            sha, email, name, when = line.split("\x1f")
            commits.append((sha[:12], datetime.fromisoformat(when).date(),
                            email.lower() in self.emails or name.lower() in self.names))
        return commits[::-1]
