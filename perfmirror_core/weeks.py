"""ISO weeks, the unit every entry and score is counted in.

Weeks are written ``YYYY-Www`` (ISO 8601). They sort as strings, which lets the store filter
periods with plain comparisons, and they never depend on the clock: "now" is always passed in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import InvalidInput

_WEEK_PATTERN = re.compile(r"^(\d{4})-W(\d{2})$")
WEEK_FORMAT_HELP = "YYYY-Www, e.g. 2026-W07"


def iso_weeks_in_year(year: int) -> int:
    """52 or 53: December 28th always falls in the year's last ISO week."""
    return date(year, 12, 28).isocalendar().week


@dataclass(frozen=True, order=True)
class IsoWeek:
    """One ISO week; ordered, hashable, printed as ``YYYY-Www``."""

    year: int
    week: int

    def __str__(self) -> str:
        return f"{self.year:04d}-W{self.week:02d}"

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    def shifted(self, weeks: int) -> IsoWeek:
        """The week ``weeks`` later (negative for earlier)."""
        return week_of(self.monday + timedelta(weeks=weeks))

    def weeks_until(self, later: IsoWeek) -> int:
        """How many weeks from this week to ``later`` (0 for the same week)."""
        return (later.monday - self.monday).days // 7


def week_of(day: date) -> IsoWeek:
    """The ISO week a calendar day belongs to."""
    iso = day.isocalendar()
    return IsoWeek(iso.year, iso.week)


def parse_week(text: str, field: str = "week") -> IsoWeek:
    """Parse ``YYYY-Www``; week 53 only in years that have one."""
    match = _WEEK_PATTERN.match(text.strip()) if isinstance(text, str) else None
    if not match:
        raise InvalidInput(field, f"{text!r} is not an ISO week", WEEK_FORMAT_HELP)
    year, week = int(match.group(1)), int(match.group(2))
    if year < 1:
        raise InvalidInput(field, f"{text!r} has no valid year", WEEK_FORMAT_HELP)
    last = iso_weeks_in_year(year)
    if not 1 <= week <= last:
        raise InvalidInput(field, f"{text!r} does not exist: {year} has {last} ISO weeks",
                           f"{year}-W01 to {year}-W{last:02d}")
    return IsoWeek(year, week)


def period_ending(as_of: IsoWeek, weeks: int) -> list[IsoWeek]:
    """The ``weeks`` weeks ending with ``as_of``, inclusive, oldest first."""
    if weeks < 1:
        raise InvalidInput("weeks", f"{weeks} is too small", "1 to 520")
    start = as_of.shifted(-(weeks - 1))
    return [start.shifted(offset) for offset in range(weeks)]
