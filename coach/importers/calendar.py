"""An ``.ics`` calendar export: 1:1s, interviews, talks and team meetings, by title rules.

Recurring events are expanded (RRULE, RDATE, EXDATE and moved occurrences) with
``recurring-ical-events``; each occurrence is dated in the person's time zone (``tz``, default
this machine's), so a Sunday-evening call in New York can be a Monday in Berlin. Only events that
have started by today count. References are ``ics:<UID>:<recurrence id>``, the occurrence's
original start, which stays put when one occurrence is moved.

A file may hold several VCALENDARs (exports glued together). Each series (one UID) is expanded
on its own, so one bad series (an Exchange ``BYDAY=MO, TU``) is skipped and counted while the
rest import. Meetings the person (``me``: ``--me``, else ``git config user.email``) declined
are left out, as are cancelled ones.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from perfmirror_core.errors import InvalidInput

from .base import DECLINED, Importer, SourceEvent
from .git import git_config

if TYPE_CHECKING:
    from icalendar import Calendar, Component

BAD_SERIES = "bad series (a rule or date the calendar library cannot read)"
CANCELLED = "cancelled"


def _stamp(value: date) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.strftime("%Y%m%dT%H%M%S")
        return value.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return value.strftime("%Y%m%d")


def _by_uid(calendar: Calendar) -> dict[str, list[Component]]:
    """The calendar's events grouped into series: a UID with its moved occurrences."""
    series: dict[str, list[Component]] = {}
    for number, event in enumerate(calendar.walk("VEVENT")):
        uid = str(event.get("UID", "")).strip() or f"no-uid-{number}"
        series.setdefault(uid, []).append(event)
    return series


def _one_line(error: Exception) -> str:
    lines = str(error).strip().splitlines()
    return (lines[0] if lines else type(error).__name__)[:120]


class CalendarImporter(Importer):
    """Meetings from an iCalendar (.ics) export."""

    name = "calendar"

    def __init__(self, path: str, tz: str | None = None, me: str | None = None) -> None:
        self.path = Path(path).expanduser()
        self.tz_name = tz
        self.zone: tzinfo | None = None  # None: this machine's zone
        self.me = (me or "").strip().lower().removeprefix("mailto:")
        self.me_origin = "--me"

    def identity(self) -> str:
        if not self.me:
            return ("nobody: declined meetings cannot be told apart "
                    "(pass --me EMAIL or set `git config user.email`)")
        return f"{self.me} (from {self.me_origin})"

    def discover(self) -> str | None:
        if not self.path.is_file():
            return f"{self.path} is not a file (export your calendar as .ics)"
        if not self.me:
            self.me = (git_config(self.path.parent, "user.email") or "").lower()
            self.me_origin = "git config user.email"
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

        from coach.clock import today

        try:
            calendars = icalendar.Calendar.from_ical(self.path.read_bytes(), multiple=True)
        except ValueError as error:
            raise self._broken(_one_line(error).split(":")[0]) from None
        if not calendars:
            raise self._broken("no complete BEGIN:VCALENDAR ... END:VCALENDAR in it")
        series = [(calendar, events) for calendar in calendars
                  for events in _by_uid(calendar).values()]
        until = today() + timedelta(days=1)
        found = []
        for done, (calendar, events) in enumerate(series, 1):
            self.progress(done, len(series))
            for occurrence in self._occurrences(calendar, events, since, until):
                if str(occurrence.get("STATUS", "")).upper() == "CANCELLED":
                    self.dropped.add(CANCELLED, str(occurrence.get("SUMMARY", "")))
                elif self._declined(occurrence):
                    self.dropped.add(DECLINED, str(occurrence.get("SUMMARY", "")))
                else:
                    found.append(self._event(occurrence))
        return found

    def _occurrences(self, calendar: Calendar, events: list[Component], since: date,
                     until: date) -> list[Component]:
        """One series' occurrences in the window; [] (counted) when the series is bad."""
        import icalendar
        import recurring_ical_events

        where = f"{str(events[0].get('UID', '?'))[:60]!r} ({events[0].get('SUMMARY', '')})"
        broken = next((event.errors[0] for event in events if getattr(event, "errors", None)),
                      None)
        if broken is not None:
            self.dropped.add(BAD_SERIES, f"{where}: {broken[0]}: {broken[1]}")
            return []
        one = icalendar.Calendar()
        one.update(calendar)  # X-WR-TIMEZONE and the like apply to every series
        for component in calendar.subcomponents:
            if component.name == "VTIMEZONE":
                one.add_component(component)
        for event in events:
            one.add_component(event)
        try:
            return list(recurring_ical_events.of(one).between(since, until))
        except Exception as error:  # the library's errors for bad rules have no common base
            self.dropped.add(BAD_SERIES, f"{where}: {_one_line(error)}")
            return []

    def _declined(self, occurrence: Any) -> bool:  # icalendar's property types are a union
        """The person is an attendee who answered no."""
        if not self.me:
            return False
        attendees = occurrence.get("ATTENDEE", [])
        for attendee in attendees if isinstance(attendees, list) else [attendees]:
            address = str(attendee).lower().removeprefix("mailto:")
            if address == self.me:
                return str(attendee.params.get("PARTSTAT", "")).upper() == "DECLINED"
        return False

    def _broken(self, problem: str) -> InvalidInput:
        return InvalidInput("calendar", f"{self.path.name} is not a valid iCalendar file "
                            f"({problem})", "a complete .ics export, BEGIN:VCALENDAR to "
                            "END:VCALENDAR")

    def _event(self, occurrence: Any) -> SourceEvent:
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
