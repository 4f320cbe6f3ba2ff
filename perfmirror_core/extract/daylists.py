"""Days written one after another with only spaces between them: "standup mon tue wed",
"standup M T W Th".

WHY: a daily ritual followed by the days it was held is counted once per day; the slash
("Mon/Wed/Fri") and the range ("tues-fri") are read in ``counts``, but people also write the
days spaced out, or as the one- or two-letter abbreviations of a timetable. Each day must come
later in the week than the one before it, so a run of letters that only looks like days
("a T W" in some name) is not read as a list unless it is in calendar order.
"""

from __future__ import annotations

from .words import WEEKDAYS

# The timetable abbreviations, Monday to Friday: "M T W Th F".
_LETTERS = (("m",), ("t", "tu"), ("w",), ("th", "r"), ("f",))


def _day(word: str, letters: bool) -> int | None:
    """Which weekday ``word`` names (0 = Monday), by its name or, if ``letters``, its letter."""
    names = WEEKDAYS[:5] if not letters else _LETTERS
    return next((n for n, spellings in enumerate(names) if word in spellings), None)


def spaced_days(words: list[str], i: int) -> int:
    """How many weekdays, at least two, are written spaced out from ``i`` in calendar order
    (0: no such list)."""
    for letters in (False, True):
        days, last = 0, -1
        while i + days < len(words):
            day = _day(words[i + days], letters)
            if day is None or day <= last:
                break
            days, last = days + 1, day
        if days > 1:
            return days
    return 0
