"""Checks on everything a person or a model may type, each failing with the field and what is allowed.

Used by the CLI, the coach's tools and importers alike, so a value is judged the same way
whichever door it came in by. Nothing here touches the database.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable
from datetime import date, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING

from .errors import InvalidInput
from .weeks import IsoWeek, parse_week, week_of

if TYPE_CHECKING:
    from .scoring import Thresholds, Weights

WEIGHT_TOLERANCE = 1e-6
MAX_PERIOD_WEEKS = 52

# The bounds every entrance shares. They are far above any real week of work, and low enough that
# sums over ten years of entries stay exact in a float and print as ordinary numbers.
MAX_COUNT = 10_000
"""Occurrences in one entry, and a level's expected weekly count."""
MAX_POINTS = 1_000.0
"""Points one occurrence of a category is worth."""
MAX_SCORE = MAX_COUNT * MAX_POINTS
"""An entry's override score: at most what the largest count of the dearest category scores."""
MAX_RATIO = 100.0
"""A band threshold, as a ratio of actual to expected."""
MAX_TEXT_LENGTH = 2000
"""Characters in a note, reference or career record unless a field states less."""
MAX_ID = 2**62
"""A row id: far beyond any real count, and within SQLite's 64-bit integers."""
FIRST_WEEK = IsoWeek(1970, 1)
"""The earliest week anything may be recorded for."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MAX_NUMBER_TEXT = 40


def _clip(value: object) -> str:
    """A value as it may appear in a one-line error: short and printable."""
    shown = repr(value)
    return shown if len(shown) <= _MAX_NUMBER_TEXT else shown[:_MAX_NUMBER_TEXT] + "..."


def _number(field: str, value: object, allowed: str) -> float:
    if isinstance(value, bool):
        raise InvalidInput(field, f"{_clip(value)} is not a number", allowed)
    if isinstance(value, str) and len(value) > _MAX_NUMBER_TEXT:
        raise InvalidInput(field, f"{_clip(value)} is not a number", allowed)
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        raise InvalidInput(field, f"{_clip(value)} is not a number", allowed) from None
    if not math.isfinite(number):
        raise InvalidInput(field, f"{_clip(value)} is not a finite number", allowed)
    return number


def finite(value: object, field: str, low: float, high: float) -> float:
    """A finite number within ``low..high`` inclusive; NaN, infinities and '1e308' are refused."""
    allowed = f"a number from {low:g} to {high:g}"
    number = _number(field, value, allowed)
    if not low <= number <= high:
        raise InvalidInput(field, _outside(number, low), allowed)
    return number


def _outside(value: float, low: float) -> str:
    shown = f"{value:g}" if isinstance(value, float) else _clip(value)
    return f"{shown} is negative" if value < 0 <= low else f"{shown} is out of range"


def dimension(value: object) -> str:
    from .scoring import DIMENSIONS  # imported where used: a write such as `log` needs none

    text = str(value).strip().lower()
    if text not in DIMENSIONS:
        raise InvalidInput("dimension", f"{value!r} is not an IOOI dimension", "|".join(DIMENSIONS))
    return text


def points(value: object, field: str = "points") -> float:
    allowed = f"a number greater than 0 and at most {MAX_POINTS:g}, e.g. 5 or 2.5"
    number = _number(field, value, allowed)
    if not 0 < number <= MAX_POINTS:
        raise InvalidInput(field, f"{number:g} is out of range", allowed)
    return number


def expected_weekly(value: object) -> float:
    allowed = f"a weekly count from 0 to {MAX_COUNT}, e.g. 3 or 0.5"
    number = _number("expected", value, allowed)
    if not 0 <= number <= MAX_COUNT:
        raise InvalidInput("expected", f"{number:g} is out of range", allowed)
    return number


_WHOLE = re.compile(r"[+-]?[0-9]{1,30}")


def whole_number(value: object, field: str, low: int, high: int) -> int:
    """A whole number within ``low..high``: "2", 2 and 2.0 are fine; "²", "--5", 2.5 are not.

    Only ASCII digits count (``str.isdigit`` accepts '²', which ``int`` then rejects), and the
    range is checked before anything else sees the number, so 2**70 never reaches SQLite.
    """
    allowed = f"a whole number from {low} to {high}"
    if isinstance(value, bool):
        raise InvalidInput(field, f"{_clip(value)} is not a whole number", allowed)
    if isinstance(value, str):
        text = value.strip()
        if not _WHOLE.fullmatch(text):
            raise InvalidInput(field, f"{_clip(value)} is not a whole number", allowed)
        value = int(text)
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            raise InvalidInput(field, f"{_clip(value)} is not a whole number", allowed)
        value = int(value)
    if not isinstance(value, int):
        raise InvalidInput(field, f"{_clip(value)} is not a whole number", allowed)
    if not low <= value <= high:
        raise InvalidInput(field, _outside(value, low), allowed)
    return value


def count(value: object, field: str = "count") -> int:
    """A count of occurrences in one entry: a whole number from 0 to ``MAX_COUNT``."""
    return whole_number(value, field, 0, MAX_COUNT)


def override_score(value: object) -> float:
    return finite(value, "override", 0.0, MAX_SCORE)


def weights(input: object, output: object, outcome: object, impact: object) -> Weights:
    from .scoring import DIMENSIONS, Weights

    values = {name: _number(name, raw, "a share between 0 and 1")
              for name, raw in zip(DIMENSIONS, (input, output, outcome, impact))}
    for name, value in values.items():
        if not 0 <= value <= 1:
            raise InvalidInput(name, f"{value:g} is outside 0..1", "a share between 0 and 1")
    total = sum(values.values())
    if abs(total - 1) > WEIGHT_TOLERANCE:
        raise InvalidInput("weights", f"input+output+outcome+impact = {total:g}",
                           "four shares summing to 1 within 1e-6")
    return Weights(**values)


def thresholds(outstanding: object, strong: object, meeting: object,
               partially: object) -> Thresholds:
    from .scoring import Thresholds

    values = [finite(raw, name, 0.0, MAX_RATIO)
              for name, raw in zip(("outstanding", "strong", "meeting", "partially"),
                                   (outstanding, strong, meeting, partially))]
    if values[-1] <= 0 or any(higher <= lower for higher, lower in pairwise(values)):
        raise InvalidInput("thresholds", "must be strictly descending and above 0",
                           "outstanding > strong > meeting > partially > 0")
    return Thresholds(*values)


def period_weeks(value: object) -> int:
    return whole_number(value, "weeks", 1, MAX_PERIOD_WEEKS)


def role_name(value: str, known: Iterable[str]) -> str:
    """The canonical spelling of a known role, matched case-insensitively."""
    names = list(known)
    for name in names:
        if name.lower() == str(value).strip().lower():
            return name
    raise InvalidInput("role", f"{value!r} is not a role", ", ".join(names))


def level(value: object, role: str, min_level: int, max_level: int) -> int:
    allowed = f"{min_level}-{max_level} for {role}"
    try:
        return whole_number(value, "level", min_level, max_level)
    except InvalidInput as refused:
        raise InvalidInput("level", refused.problem.replace("out of range",
                                                            f"outside {role}'s range"),
                           allowed) from None


def not_in_future(week: IsoWeek, current_week: IsoWeek, field: str = "week") -> IsoWeek:
    """A week from ``FIRST_WEEK`` (1970-W01) to ``current_week``, the only weeks with a history.

    The floor matters as much as the ceiling: a week like 0001-W01 has no Monday a date library
    can step back from, so every period ending near it would fail long after it was saved.
    """
    allowed = f"{FIRST_WEEK} to this week ({current_week})"
    if week > current_week:
        raise InvalidInput(field, f"{week} is in the future", allowed)
    if week < FIRST_WEEK:
        raise InvalidInput(field, f"{week} is before {FIRST_WEEK}", allowed)
    return week


def week(value: object, today: date, field: str = "week") -> IsoWeek:
    """A ``YYYY-Www`` week from 1970-W01 to the week of ``today`` (passed in: no clock here)."""
    return not_in_future(parse_week(text(value, field, 20), field), week_of(today), field)


def text(value: object, field: str, max_length: int = MAX_TEXT_LENGTH) -> str:
    """Stripped, non-empty, at most ``max_length`` characters, storable as UTF-8, no control codes.

    Arguments arrive from a terminal that may not speak UTF-8: Python hands undecodable bytes over
    as lone surrogates, which SQLite and every export would choke on later, so they stop here.
    Tabs and newlines are fine; other control characters (NUL, escape) are not.
    """
    if not isinstance(value, str):
        raise InvalidInput(field, f"{_clip(value)} is not text", "some text")
    cleaned = value.strip()
    if not cleaned:
        raise InvalidInput(field, "must not be empty", "some text")
    if len(cleaned) > max_length:
        raise InvalidInput(field, f"is {len(cleaned)} characters long",
                           f"at most {max_length} characters")
    try:
        cleaned.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(field, "is not valid UTF-8", "text in UTF-8") from None
    if _CONTROL.search(cleaned):
        raise InvalidInput(field, "contains a control character",
                           "printable text, tabs and newlines") from None
    return cleaned


def unknown_category(name: str, vocabulary: Iterable[str]) -> InvalidInput:
    """The error for a category that does not exist, suggesting the closest names."""
    words = list(vocabulary)
    close = difflib.get_close_matches(name, words, n=3, cutoff=0.6)
    if not close:
        lowered = name.lower()
        close = [word for word in words if lowered in word.lower()][:3]
    hint = f"did you mean {', '.join(repr(c) for c in close)}?" if close else \
        "see `perfmirror category list`"
    return InvalidInput("category", f"no category named {name!r}; {hint}")


CAREER_KINDS = ("job", "accomplishment", "struggle", "reflection")


def career_kind(value: object) -> str:
    text = str(value).strip().lower()
    if text not in CAREER_KINDS:
        raise InvalidInput("kind", f"{value!r} is not a kind of career record",
                           "|".join(CAREER_KINDS))
    return text


def year_month(value: object, field: str = "when") -> str:
    """A date as precise as people remember careers: YYYY or YYYY-MM."""
    written = str(value).strip()
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", written)
    if not match or (match.group(2) and not 1 <= int(match.group(2)) <= 12):
        raise InvalidInput(field, f"{_clip(value)} is not a year or month", "YYYY or YYYY-MM")
    return written


DATE_BOUND_HELP = "YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www"


def days_covered(when: str) -> tuple[date, date]:
    """The first and last day a YYYY or YYYY-MM covers (ValueError for anything else)."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", when.strip())
    if not match:
        raise ValueError(when)
    year = int(match.group(1))
    if match.group(2) is None:
        return date(year, 1, 1), date(year, 12, 31)
    month = int(match.group(2))
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def date_bound(value: object, field: str, end: bool = False) -> date:
    """One end of a window the person names (``--since``, ``--until``): the first day (with
    ``end``, the last day) of a YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www. Every command that takes
    a date window reads it here, so a date written for one is understood by all."""
    cleaned = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}-W\d{2}", cleaned):
            monday = parse_week(cleaned, field).monday
            return monday + timedelta(days=6) if end else monday
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned):
            return date.fromisoformat(cleaned)
        first, last = days_covered(cleaned)
        return last if end else first
    except ValueError:
        raise InvalidInput(field, f"{_clip(value)} is not a date", DATE_BOUND_HELP) from None
