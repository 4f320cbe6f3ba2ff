"""Today's date for the CLI: the only clock in perf-mirror (the core is always told "as of").

``PERFMIRROR_TODAY=YYYY-MM-DD`` pins it, so tests, demos and scripted back-fills are repeatable.
"""

from __future__ import annotations

import os
from datetime import date

from perfmirror_core.errors import InvalidInput
from perfmirror_core.weeks import IsoWeek, week_of


def today() -> date:
    pinned = os.environ.get("PERFMIRROR_TODAY")
    if not pinned:
        return date.today()
    try:
        return date.fromisoformat(pinned)
    except ValueError:
        raise InvalidInput("PERFMIRROR_TODAY", f"{pinned!r} is not a date", "YYYY-MM-DD") from None


def this_week() -> IsoWeek:
    return week_of(today())


WORKING_DAYS = 5


def week_left(week: IsoWeek) -> float:
    """The share of ``week``'s working days still ahead, today counted as ahead: 3/5 on a
    Wednesday (Wednesday, Thursday, Friday); 0 from Friday (the week's work is in) and for any
    week but this one. The forecast projects it like a week to come (``forecast(week_left=)``)."""
    now = today()
    if week != week_of(now) or now.weekday() > 3:
        return 0.0
    return (WORKING_DAYS - now.weekday()) / WORKING_DAYS


def day_in_progress(week: IsoWeek) -> str | None:
    """The weekday's name when ``week`` is this week and its working days are not over (Monday
    to Thursday: ``week_left``), else None. The core counts a window's last week in full; a
    card read on a Wednesday says so rather than let two days' work pass as a whole week's."""
    if not week_left(week):
        return None
    return today().strftime("%A")


def in_progress_words(week: IsoWeek) -> str | None:
    """What every surface says of ``week`` while it is in progress (``day_in_progress``):
    "in progress, Wednesday: the whole week's expectation is counted". One wording for the
    card and for the brag and packet documents, which once said it each their own way."""
    day = day_in_progress(week)
    return f"in progress, {day}: the whole week's expectation is counted" if day else None
