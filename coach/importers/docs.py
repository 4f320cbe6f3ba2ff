"""A folder of markdown design docs, RFCs and ADRs that the person wrote, as Outcome entries.

Git history is read in one ``git log -M --name-status`` pass over the whole folder, newest
first, stopping at ``--since``: a doc's creation is the commit that added it, followed back
through renames. The author is the front matter's ``author``/``authors``, else whoever created
the file (a later typo fix makes nobody an author). The date is the front matter's ``date``, else
a ``Date:``/``Start Date:`` line (Nygard ADRs, RFCs), else the creation commit, else the file's
modification time. The type is front matter ``type:``, else "rfc", "adr" or "design" read from
the whole path (the folder given and its parents included), else the body's shape (an RFC's
``RFC PR:`` line; an ADR's ``Status`` and ``Decision`` sections). References are
``docs:<creation commit>:<path then>`` (or ``docs:<path>`` outside git): editing a doc, its date
or its name never makes a second entry.

Templates and non-docs (LICENSE, CODE_OF_CONDUCT, CHANGELOG...) are skipped; in a folder per doc
(``<name>/index.md`` or ``<name>/README.md``, the only markdown there) that file is the
doc. A file that cannot be read
(bad front matter, a date that is no date) is reported and skipped; the rest still import.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Sequence

from .base import MALFORMED, NOT_MINE, OUTSIDE, Importer, SourceEvent
from .git import emails_in, git_config, repository_root, run_git

SUFFIXES = (".md", ".markdown")
NOT_A_DOC = "not a doc (template, licence, index, contributor guide...)"
_NOT_DOCS = re.compile(r"^(license|licence|copying|code[-_]of[-_]conduct|contributing|changelog|"
                       r"changes|history|security|authors|notice|support|governance|maintainers|"
                       r"summary|glossary|toc)([-_.].*)?$", re.IGNORECASE)
_FOLDER_DOC = {"index", "readme"}
_TEMPLATE = re.compile(r"template", re.IGNORECASE)
_TYPE_WORDS = [("rfc", re.compile(r"^rfcs?$")),
               ("adr", re.compile(r"^(adrs?|decisions?|decision-records?|"
                                  r"architecture-decisions?)$")),
               ("design", re.compile(r"^(designs?|design-docs?)$"))]
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)",
                           re.DOTALL)
_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.DOTALL | re.MULTILINE)
_DATE_LINE = re.compile(r"^[-*]?\s*\**(date|start date|created|decision date)\**\s*:\**\s*(.+)$",
                        re.IGNORECASE | re.MULTILINE)
_NAME_LINE = re.compile(r"^[-*]?\s*\**(feature name|title)\**\s*:\**\s*`?([^`\n]+)`?\s*$",
                        re.IGNORECASE | re.MULTILINE)
_HEADING = re.compile(r"^(#{1,2})\s+(.+?)\s*#*\s*$", re.MULTILINE)
_PLACEHOLDER = re.compile(r"^(n/?a|none|tbd|-+|\(.*\))$", re.IGNORECASE)
# A date line a tool fills in: "Date: DATE" (adr-tools' src/init.md), "YYYY-MM-DD", "{{date}}".
_TEMPLATE_DATE = re.compile(r"^(DATE|YYYY[-/.]MM[-/.]DD|DD[-/.]MM[-/.]YYYY|MM[-/.]DD[-/.]YYYY|"
                            r"\{\{.*\}\}|\$\{.*\}|<.*>|\[date\])$")
_SECTIONS = {"summary", "context", "status", "motivation", "abstract", "decision", "background",
             "context and problem statement", "overview", "introduction"}
_RECORD, _FIELD = "\x1e", "\x1f"


def is_template(body: str) -> bool:
    """A template a tool copies to start a doc: its date line is a placeholder to fill in.
    adr-tools keeps the first ADR's text in ``src/init.md`` ("Date: DATE"); counting it counted
    "Record architecture decisions" twice, once for the template and once for the real ADR."""
    line = _DATE_LINE.search(_FENCE.sub("", body))
    return bool(line and _TEMPLATE_DATE.match(line.group(2).strip().strip("*`_ ")))


class BadDoc(ValueError):
    """One file that cannot be read as a doc; it is reported and skipped."""


def _as_list(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def front_matter(text: str) -> tuple[dict, str]:
    """The YAML front matter (``{}`` if none) and the rest of the document."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    import yaml

    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as error:
        raise BadDoc(f"front matter is not valid YAML ({' '.join(str(error).split())[:80]})"
                     ) from None
    if not isinstance(meta, dict):
        raise BadDoc("front matter is not a set of key: value lines")
    return {str(key).lower(): value for key, value in meta.items()}, text[match.end():]


def parse_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().strip("*_`")
    try:
        return datetime.fromisoformat(text[:10] if len(text) > 10 and text[10] in " T"
                                      else text).date()
    except ValueError:
        raise BadDoc(f"{text[:40]!r} is not a date (YYYY-MM-DD)") from None


def type_from_path(parts: Sequence[str]) -> str:
    """"rfc", "adr" or "design" from the file's name, else the nearest folder that says."""
    *folders, name = parts
    candidates = [re.split(r"[-_. ]+", Path(name).stem.lower())]
    candidates += [re.split(r"[-_. ]+", folder.lower()) for folder in reversed(folders)]
    for words in candidates:
        for word in words:
            for kind, pattern in _TYPE_WORDS:
                if pattern.match(word):
                    return kind
    return ""


def type_from_body(body: str) -> str:
    """An RFC by its header lines, an ADR by its Status and Decision sections; else ""."""
    if re.search(r"^[-*]?\s*(rfc pr|start date)\s*:", body, re.IGNORECASE | re.MULTILINE):
        return "rfc"
    headings = {heading.strip().lower() for _, heading in _HEADING.findall(body)}
    if "status" in headings and headings & {"decision", "decision outcome"}:
        return "adr"
    return ""


def title_of(meta: dict, body: str, path: Path) -> str:
    """Front matter title, a ``Feature Name:`` line, else the first top heading outside code
    that is not a stock section name ("Summary", "Context"), else the file's (or folder's)
    name."""
    if meta.get("title"):
        return str(meta["title"])
    prose = _FENCE.sub("", body)
    named = _NAME_LINE.search(prose)
    if named and not _PLACEHOLDER.match(named.group(2).strip()):
        return named.group(2).strip()
    for level, heading in _HEADING.findall(prose):
        if level == "#" and heading.strip().lower() not in _SECTIONS:
            return heading.strip()
    stem = path.parent.name if path.stem.lower() in _FOLDER_DOC else path.stem
    return re.sub(r"^\d+[-_ ]*", "", stem).replace("-", " ").replace("_", " ") or stem


@dataclass(frozen=True)
class Creation:
    """The commit that added a doc, under the path it had then."""

    sha: str
    email: str
    name: str
    day: date | None
    path: str


def creations(repository: Path, since: date | None, *paths: str,
              merges: bool = False) -> dict[str, Creation]:
    """Each markdown file's creation, by its path today: one ``git log`` pass, newest first,
    following renames back (into the folder from anywhere in the repository); files created
    before ``since`` are absent. ``paths`` narrows the pass to those files; ``merges`` reads
    merge commits too (against their first parent), for files only a merge brought in."""
    command = ["log", "-M", "--name-status",
               "--diff-merges=first-parent" if merges else "--no-merges",
               f"--format={_RECORD}%H{_FIELD}%aE{_FIELD}%aN{_FIELD}%aI"]
    if since is not None:
        command.append(f"--since={since.isoformat()}")
    try:
        log = run_git(repository, *command, "--", *(paths or [f"*{s}" for s in SUFFIXES]))
    except subprocess.CalledProcessError:
        return {}
    now: dict[str, str] = {}  # a path as it was at this point of the walk -> its path today
    created: dict[str, Creation] = {}
    seen: set[str] = set()
    for record in log.split(_RECORD)[1:]:
        header, _, changes = record.partition("\n")
        sha, email, name, when = header.split(_FIELD)
        try:
            day: date | None = datetime.fromisoformat(when.strip()).date()
        except ValueError:
            day = None
        for line in changes.splitlines():
            fields = line.split("\t")
            if len(fields) < 2:
                continue
            status, path = fields[0], fields[-1]
            if path not in seen:  # the newest mention: the file's path today (or deleted)
                seen.add(path)
                now.setdefault(path, path)
            today = now.get(path)
            if today is None:
                continue
            if status.startswith("R") and len(fields) == 3:
                del now[path]
                now[fields[1]] = today
                seen.add(fields[1])
            elif status.startswith("A"):
                del now[path]
                created.setdefault(today, Creation(sha, email.lower(), name.lower(), day, path))
            elif status.startswith("D"):
                del now[path]  # deleted later: not a doc today
    return created


class DocsImporter(Importer):
    """Markdown design docs, RFCs and ADRs written by the person."""

    name = "docs"

    def __init__(self, path: str, author: str | Sequence[str] = ()) -> None:
        self.folder = Path(path).expanduser().resolve()
        identities = [a.strip().lower() for a in _as_list(author) if a.strip()]
        self.emails = {a for a in identities if "@" in a}
        self.names = {a for a in identities if "@" not in a}
        self.identity_origin = "--author"
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
            self.identity_origin = "git config user.email and user.name"
        if not self.emails and not self.names:
            return "whose docs? pass --author NAME_OR_EMAIL or set `git config user.email`"
        return None

    def identity(self) -> str:
        return f"{', '.join(sorted(self.emails | self.names))} (from {self.identity_origin})"

    def fetch(self, since: date) -> list[SourceEvent]:
        files = [path for path in sorted(self.folder.rglob("*"))
                 if path.suffix.lower() in SUFFIXES and path.is_file()
                 and not any(part.startswith(".") for part in path.relative_to(
                     self.folder).parts)]
        created: dict[str, Creation] = {}
        if self.repository is not None:
            created = creations(self.repository, since)
            missing = [self._relative(path) for path in files
                       if self._relative(path) not in created]
            if missing:
                created.update(creations(self.repository, since, *missing, merges=True))
        events = []
        for done, path in enumerate(files, 1):
            self.progress(done, len(files))
            where = self._relative(path)
            if not self._is_doc(path):
                self.dropped.add(NOT_A_DOC, where)
                continue
            try:
                event = self._doc(path, where, created.get(where), since)
            except (BadDoc, OSError) as error:
                self.dropped.add(MALFORMED, f"{where}: {error}")
                continue
            if event is not None:
                events.append(event)
        return events

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.repository or self.folder).as_posix()

    def _is_doc(self, path: Path) -> bool:
        inside = path.relative_to(self.folder)
        if any(_TEMPLATE.search(part) for part in inside.parts):
            return False
        if path.stem.lower() in _FOLDER_DOC:
            # <name>/index.md alone in its folder is the doc; a section's index is not.
            return len(inside.parts) > 1 and not any(
                other.suffix.lower() in SUFFIXES and other.stem.lower() not in _FOLDER_DOC
                for other in path.parent.iterdir())
        return not _NOT_DOCS.match(path.stem)

    def _is_me(self, author: object) -> bool:
        if isinstance(author, dict):  # {name: ..., email: ...}
            return any(self._is_me(value) for value in author.values())
        text = str(author).strip().lower()
        name = re.sub(r"<[^>]*>", "", text).strip()
        return bool(emails_in(text) & self.emails) or text in self.emails or name in self.names

    def _doc(self, path: Path, where: str, creation: Creation | None,
             since: date) -> SourceEvent | None:
        meta, body = front_matter(path.read_text("utf-8", errors="replace"))
        title = title_of(meta, body, path)
        if is_template(body):
            self.dropped.add(NOT_A_DOC, where)
            return None
        authors = meta.get("authors", meta.get("author"))
        if authors is not None:
            listed = authors if isinstance(authors, list) else [authors]
            mine = any(self._is_me(author) for author in listed)
        else:
            mine = creation is not None and (creation.email in self.emails
                                             or creation.name in self.names)
        day = self._day(meta, body, path, creation, authors is not None)
        if day is None or day < since:
            self.dropped.add(OUTSIDE, title)
            return None
        if not mine:
            self.dropped.add(NOT_MINE, title)
            return None
        if creation is None and self.repository is not None:
            # Dated inside the window but created before it: its creation, for a reference
            # that does not depend on --since (one more pass, over this file only).
            creation = creations(self.repository, None, where).get(where)
        parts = [*(self.repository or self.folder).parts[-1:], *Path(where).parts]
        doc_type = str(meta["type"]).strip() if meta.get("type") else (
            type_from_path(parts) or type_from_body(body))
        reference = f"docs:{creation.sha}:{creation.path}" if creation else f"docs:{where}"
        return SourceEvent("doc", title, day, reference, doc_type)

    def _day(self, meta: dict, body: str, path: Path, creation: Creation | None,
             authored_in_front_matter: bool) -> date | None:
        """The doc's own date, else its creation's; None when git saw no creation since
        ``--since`` and nothing else dates it (created before the window)."""
        if meta.get("date") is not None:
            return parse_date(meta["date"])
        line = _DATE_LINE.search(_FENCE.sub("", body))
        if line:
            try:
                return parse_date(line.group(2).strip("()[] "))
            except BadDoc:
                if creation is None and self.repository is None:
                    raise
                # A hand-typed line ("23-07-2014"): the commit that created the doc dates it.
        if creation is not None:
            return creation.day
        if self.repository is not None and not authored_in_front_matter:
            return None
        return datetime.fromtimestamp(path.stat().st_mtime).date()
