"""A Jira- or Linear-style CSV export of issues: those assigned to the person and resolved.

Columns are found by their usual names in either tool (Key/ID, Summary/Title, Type/Issue
Type/Labels, Resolved/Completed, Assignee; Status and Resolution if present). Rows resolved as
won't do, duplicate or cancelled are left out. References are ``csv:<issue key>``.
"""

from __future__ import annotations

import csv
import re
from datetime import date, datetime
from pathlib import Path
from typing import Sequence

from perfmirror_core.errors import InvalidInput

from .base import Importer, SourceEvent
from .git import emails_in, git_config

# Logical column -> accepted headers (case-insensitive), most specific first.
COLUMNS = {
    "Key": ("issue key", "key", "identifier", "issue id", "id"),
    "Summary": ("summary", "title"),
    "Type": ("issue type", "issuetype", "type", "labels"),
    "Resolved": ("resolved", "resolution date", "resolutiondate", "completed",
                 "completed at", "done", "closed", "closed at"),
    "Assignee": ("assignee",),
}
OPTIONAL = {"Status": ("status", "state"), "Resolution": ("resolution",)}
NOT_DONE = re.compile(r"cancel|won'?t|duplicate|invalid|declined|obsolete", re.IGNORECASE)
DATE_FORMATS = ("%d/%b/%y %I:%M %p", "%d/%b/%Y %I:%M %p", "%d/%b/%y", "%Y/%m/%d %H:%M",
                "%m/%d/%Y %H:%M", "%m/%d/%Y", "%d.%m.%Y %H:%M", "%d.%m.%Y")
ALLOWED_COLUMNS = ("Key or ID, Summary or Title, Type, Issue Type or Labels, Resolved or "
                   "Completed, Assignee")


def _as_list(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def parse_day(text: str) -> date:
    """A date in the shapes Jira and Linear export; ``ValueError`` otherwise."""
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


class CsvImporter(Importer):
    """Resolved issues from a Jira or Linear CSV export."""

    name = "csv"

    def __init__(self, path: str, assignee: str | Sequence[str] = ()) -> None:
        self.path = Path(path).expanduser()
        self.identities = {a.strip().lower() for a in _as_list(assignee) if a.strip()}

    def discover(self) -> str | None:
        if not self.path.is_file():
            return f"{self.path} is not a file (export your issues as CSV)"
        if not self.identities:
            for key in ("user.name", "user.email"):
                value = git_config(self.path.parent, key)
                if value:
                    self.identities.add(value.lower())
        if not self.identities:
            return "whose issues? pass --assignee NAME_OR_EMAIL (may repeat)"
        return None

    def fetch(self, since: date) -> list[SourceEvent]:
        rows = self._rows()
        header = [name.strip().lower() for name in rows[0]] if rows else []
        found = {label: self._columns(header, aliases) for label, aliases in COLUMNS.items()}
        missing = [label for label, columns in found.items() if not columns]
        if missing:
            plural = "s" if len(missing) > 1 else ""
            raise InvalidInput("csv", f"{self.path.name} lacks the column{plural} "
                               f"{', '.join(missing)}", ALLOWED_COLUMNS)
        found.update({label: self._columns(header, aliases)
                      for label, aliases in OPTIONAL.items()})
        events = []
        for number, row in enumerate(rows[1:], 2):
            values = {label: [row[i].strip() for i in columns if i < len(row) and row[i].strip()]
                      for label, columns in found.items()}
            first = {label: (cells[0] if cells else "") for label, cells in values.items()}
            if not first["Key"] or not first["Resolved"] or not self._is_mine(first["Assignee"]):
                continue
            if NOT_DONE.search(first["Status"]) or NOT_DONE.search(first["Resolution"]):
                continue
            try:
                day = parse_day(first["Resolved"])
            except ValueError:
                raise InvalidInput("csv", f"{self.path.name} row {number}: "
                                   f"{first['Resolved']!r} is not a date",
                                   "YYYY-MM-DD, ISO 8601 or Jira's 24/Nov/26 3:15 PM") from None
            events.append(SourceEvent("issue", first["Summary"] or first["Key"], day,
                                      f"csv:{first['Key']}", ",".join(values["Type"])))
        return events

    def _rows(self) -> list[list[str]]:
        try:
            with self.path.open(newline="", encoding="utf-8-sig") as handle:
                return [row for row in csv.reader(handle) if any(cell.strip() for cell in row)]
        except (UnicodeDecodeError, csv.Error) as error:
            raise InvalidInput("csv", f"{self.path.name} is not a readable CSV file "
                               f"({str(error)[:100]})", "a UTF-8 CSV export") from None

    @staticmethod
    def _columns(header: list[str], aliases: Sequence[str]) -> list[int]:
        """Every column with the first alias the header uses (Jira repeats e.g. Labels)."""
        for alias in aliases:
            indexes = [i for i, name in enumerate(header) if name == alias]
            if indexes:
                return indexes
        return []

    def _is_mine(self, assignee: str) -> bool:
        text = assignee.strip().lower()
        name = re.sub(r"<[^>]*>", "", text).strip()
        return text in self.identities or name in self.identities or bool(
            emails_in(text) & self.identities)
