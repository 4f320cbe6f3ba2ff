"""A CSV export of issues (Jira, Linear, GitHub issues, or any with the usual columns): those
assigned to the person and resolved.

The export is recognised by its header (Jira's "Issue key"/"Issue Type", Linear's
"ID"/"Title"/"Completed", GitHub's "Number"/"State"/"Closed at") and its delimiter sniffed
(``,``, ``;`` from a spreadsheet re-save, tab or ``|``). Columns are found by their usual names
in any of them; the type an issue gets is its issue type followed by all its labels (Jira repeats
the Labels column, Linear and GitHub put several in one cell), so rules can read either. Rows
resolved as won't do, duplicate or cancelled are left out; a row whose date cannot be read is
reported and skipped; an unterminated quote (which would swallow every later row) is an error
naming the line it starts on. References are ``csv:<issue key>``.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from pathlib import Path
from typing import Sequence

from perfmirror_core.errors import InvalidInput

from .base import MALFORMED, NOT_MINE, OUTSIDE, Importer, SourceEvent
from .git import emails_in, git_config

# Logical column -> accepted headers (lower case, spaces for punctuation), most specific first.
COLUMNS = {
    "Key": ("issue key", "key", "identifier", "id", "url", "number", "issue id"),
    "Summary": ("summary", "title"),
    "Type": ("issue type", "issuetype", "type", "work type"),
    "Labels": ("labels", "label", "tags"),
    "Resolved": ("resolved", "resolution date", "resolutiondate", "completed", "completed at",
                 "done", "closed", "closed at", "closedat", "done at"),
    "Assignee": ("assignee", "assignees", "assigned to"),
    "Status": ("status", "state"),
    "Resolution": ("resolution", "state reason", "closed reason"),
    "Canceled": ("canceled", "cancelled", "canceled at"),
}
REQUIRED = ("Key", "Summary", "Type", "Resolved", "Assignee")  # Type: a type or labels column
FORMATS = (("Jira", {"issue key", "issue type"}), ("Linear", {"id", "title", "completed"}),
           ("GitHub issues", {"title", "state"}))
NOT_DONE = re.compile(r"cancel|won'?t|duplicate|invalid|declined|obsolete|not.planned",
                      re.IGNORECASE)
NOT_RESOLVED = "not resolved"
NOT_COMPLETED = "resolved as won't do, duplicate or cancelled"
DATE_FORMATS = ("%d/%b/%y %I:%M %p", "%d/%b/%Y %I:%M %p", "%d/%b/%y", "%Y/%m/%d %H:%M",
                "%m/%d/%Y %H:%M", "%m/%d/%Y", "%d.%m.%Y %H:%M", "%d.%m.%Y")
DELIMITERS = ",;\t|"  # the header's most frequent one separates the cells
ALLOWED_COLUMNS = ("Key or ID, Summary or Title, Issue Type, Type or Labels, Resolved or "
                   "Completed, Assignee")


def _as_list(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _header_name(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


def parse_day(text: str) -> date:
    """A date in the shapes Jira, Linear and GitHub export; ``ValueError`` otherwise."""
    cleaned = text.strip()
    try:
        moment = datetime.fromisoformat(cleaned)
        return (moment.astimezone() if moment.tzinfo else moment).date()  # Linear: UTC
    except ValueError:
        pass
    for shape in DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, shape).date()
        except ValueError:
            continue
    raise ValueError(cleaned)


def _split(cells: list[str]) -> list[str]:
    """Every value of multi-value cells ("Bug, Frontend"), in order."""
    return [value.strip() for cell in cells for value in cell.split(",") if value.strip()]


class CsvImporter(Importer):
    """Resolved issues from a Jira, Linear or GitHub-issues CSV export."""

    name = "csv"

    def __init__(self, path: str, assignee: str | Sequence[str] = ()) -> None:
        self.path = Path(path).expanduser()
        self.identities = {a.strip().lower() for a in _as_list(assignee) if a.strip()}
        self.identity_origin = "--assignee"
        self.format = ""

    def identity(self) -> str:
        read_as = f"; read as a {self.format} export" if self.format else ""
        return f"{', '.join(sorted(self.identities))} (from {self.identity_origin}){read_as}"

    def discover(self) -> str | None:
        if not self.path.is_file():
            return f"{self.path} is not a file (export your issues as CSV)"
        if not self.identities:
            for key in ("user.name", "user.email"):
                value = git_config(self.path.parent, key)
                if value:
                    self.identities.add(value.lower())
            self.identity_origin = "git config user.name and user.email"
        if not self.identities:
            return "whose issues? pass --assignee NAME_OR_EMAIL (may repeat)"
        return None

    def fetch(self, since: date) -> list[SourceEvent]:
        rows = self._rows()
        header = [_header_name(name) for name in rows[0][1]] if rows else []
        self.format = next((name for name, needs in FORMATS if needs <= set(header)),
                           "generic CSV")
        found = {label: self._columns(header, aliases) for label, aliases in COLUMNS.items()}
        if not found["Type"]:
            found["Type"] = found["Labels"]
            found["Labels"] = []
        missing = [label for label in REQUIRED if not found[label]]
        if missing:
            plural = "s" if len(missing) > 1 else ""
            raise InvalidInput("csv", f"{self.path.name} lacks the column{plural} "
                               f"{', '.join(missing)}", ALLOWED_COLUMNS)
        events = []
        for done, (line, row) in enumerate(rows[1:], 1):
            self.progress(done, len(rows) - 1)
            event = self._event(line, row, found, since)
            if event is not None:
                events.append(event)
        return events

    def _event(self, line: int, row: list[str], found: dict[str, list[int]],
               since: date) -> SourceEvent | None:
        values = {label: [row[i].strip() for i in columns if i < len(row) and row[i].strip()]
                  for label, columns in found.items()}
        first = {label: (cells[0] if cells else "") for label, cells in values.items()}
        title = first["Summary"] or first["Key"]
        if not first["Key"]:
            self.dropped.add(MALFORMED, f"line {line}: no issue key")
            return None
        if not self._is_mine(values["Assignee"]):
            self.dropped.add(NOT_MINE, title)
            return None
        if NOT_DONE.search(first["Status"]) or NOT_DONE.search(first["Resolution"]) \
                or first["Canceled"]:
            self.dropped.add(NOT_COMPLETED, title)
            return None
        if not first["Resolved"]:
            self.dropped.add(NOT_RESOLVED, title)
            return None
        try:
            day = parse_day(first["Resolved"])
        except ValueError:
            self.dropped.add(MALFORMED, f"line {line} ({first['Key']}): "
                             f"{first['Resolved']!r} is not a date")
            return None
        if day < since:
            self.dropped.add(OUTSIDE, title)
            return None
        return SourceEvent("issue", title, day, f"csv:{first['Key']}",
                           ",".join(_split(values["Type"]) + _split(values["Labels"])))

    def _rows(self) -> list[tuple[int, list[str]]]:
        """Non-empty rows, each with the line it starts on; an unterminated quote names it."""
        try:
            text = self.path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as error:
            raise InvalidInput("csv", f"{self.path.name} is not UTF-8 ({str(error)[:80]})",
                               "a UTF-8 CSV export") from None
        header = re.sub(r'"[^"]*"', "", text.split("\n", 1)[0])  # quoted names may hold any
        delimiter = max(DELIMITERS, key=header.count)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        rows = []
        start = 1
        try:
            for row in reader:
                if any(cell.strip() for cell in row):
                    rows.append((start, row))
                start = reader.line_num + 1
        except csv.Error as error:
            problem = "a quote is never closed" if "end of data" in str(error) else str(error)
            lines = text.splitlines()
            begins = lines[start - 1][:40] if start <= len(lines) else ""
            raise InvalidInput("csv", f"{self.path.name} line {start} ({begins!r}...): "
                               f"{problem}", "a CSV export whose quoted cells all end with a "
                               "quote") from None
        return rows

    @staticmethod
    def _columns(header: list[str], aliases: Sequence[str]) -> list[int]:
        """Every column with the first alias the header uses (Jira repeats e.g. Labels)."""
        for alias in aliases:
            indexes = [i for i, name in enumerate(header) if name == alias]
            if indexes:
                return indexes
        return []

    def _is_mine(self, assignees: list[str]) -> bool:
        for assignee in assignees + _split(assignees):  # "Ada Lovelace" or "ada, grace"
            text = assignee.strip().lower()
            name = re.sub(r"<[^>]*>", "", text).strip()
            if text in self.identities or name in self.identities or bool(
                    emails_in(text) & self.identities):
                return True
        return False
