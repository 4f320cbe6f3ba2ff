"""An ``.ics`` calendar export: 1:1s, interviews, talks and team meetings, by title rules.

Recurring events are expanded (RRULE, RDATE, EXDATE and moved occurrences) with
``recurring-ical-events``; each occurrence is dated in the person's time zone (``tz``, default
this machine's), so a Sunday-evening call in New York can be a Monday in Berlin. Only events that
have started by today count. References are ``ics:<UID>:<recurrence id>``, the occurrence's
original start, which stays put when one occurrence is moved.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path

from perfmirror_core.errors import InvalidInput

from .base import Importer, SourceEvent


def _stamp(value: date) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.strftime("%Y%m%dT%H%M%S")
        return value.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%d")


def _one_line(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    return (lines[0] if lines else type(error).__name__)[:120]


class CalendarImporter(Importer):
    """Meetings from an iCalendar (.ics) export."""

    name = "calendar"

    def __init__(self, path: str, tz: str | None = None) -> None:
        self.path = Path(path).expanduser()
        self.tz_name = tz
        self.zone: tzinfo | None = None  # None: this machine's zone

    def discover(self) -> str | None:
        if not self.path.is_file():
            return f"{self.path} is not a file (export your calendar as .ics)"
        if self.tz_name is None:
            return None  # this machine's zone, with its daylight-saving rules
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            self.zone = ZoneInfo(self.tz_name)
        except (ZoneInfoNotFoundError, ValueError):
            return f"{self.tz_name!r} is not a time zone (use a name like Europe/Berlin)"
        return None

    def fetch(self, since: date) -> list[SourceEvent]:
        import icalendar
        import recurring_ical_events

        from coach.clock import today

        try:
            calendar = icalendar.Calendar.from_ical(self.path.read_bytes())
        except ValueError as error:
            raise self._broken(_one_line(error).split(":")[0]) from None
        for component in calendar.walk("VEVENT"):
            if getattr(component, "errors", None):
                field, problem = component.errors[0]
                raise self._broken(f"event {str(component.get('UID', '?'))!r}: {field}: "
                                   f"{problem}")
        try:
            occurrences = list(recurring_ical_events.of(calendar).between(
                since, today() + timedelta(days=1)))
        except Exception as error:  # the library's errors for bad rules have no common base
            raise self._broken(_one_line(error)) from None
        return [self._event(occurrence) for occurrence in occurrences
                if str(occurrence.get("STATUS", "")).upper() != "CANCELLED"]

    def _broken(self, problem: str) -> InvalidInput:
        return InvalidInput("calendar", f"{self.path.name} is not a valid iCalendar file "
                            f"({problem})", "a complete .ics export, BEGIN:VCALENDAR to "
                            "END:VCALENDAR")

    def _event(self, occurrence) -> SourceEvent:
        start = occurrence["DTSTART"].dt
        if isinstance(start, datetime):
            # A floating time (no zone) is already the person's local time.
            day = start.date() if start.tzinfo is None else start.astimezone(self.zone).date()
        else:
            day = start
        title = str(occurrence.get("SUMMARY", "")).strip()
        recurrence = occurrence.get("RECURRENCE-ID")
        instance = _stamp(recurrence.dt if recurrence is not None else start)
        uid = str(occurrence.get("UID", "")).strip() or hashlib.sha256(
            f"{title}|{instance}".encode()).hexdigest()[:16]
        return SourceEvent("meeting", title, day, f"ics:{uid}:{instance}")
