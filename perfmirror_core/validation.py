"""Checks on everything a person or a model may type, each failing with the field and what is allowed.

Used by the CLI, the coach's tools and importers alike, so a value is judged the same way
whichever door it came in by. Nothing here touches the database.
"""

from __future__ import annotations

import difflib
import math
from typing import Iterable

from .errors import InvalidInput
from .scoring import DIMENSIONS, Thresholds, Weights
from .weeks import IsoWeek

WEIGHT_TOLERANCE = 1e-6
MAX_PERIOD_WEEKS = 52


def _number(field: str, value: object, allowed: str) -> float:
    if isinstance(value, bool):
        raise InvalidInput(field, f"{value!r} is not a number", allowed)
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InvalidInput(field, f"{value!r} is not a number", allowed) from None
    if not math.isfinite(number):
        raise InvalidInput(field, f"{value!r} is not a finite number", allowed)
    return number


def dimension(value: object) -> str:
    text = str(value).strip().lower()
    if text not in DIMENSIONS:
        raise InvalidInput("dimension", f"{value!r} is not an IOOI dimension", "|".join(DIMENSIONS))
    return text


def points(value: object, field: str = "points") -> float:
    number = _number(field, value, "a number greater than 0, e.g. 5 or 2.5")
    if number <= 0:
        raise InvalidInput(field, f"{value!r} must be greater than 0", "a number greater than 0")
    return number


def expected_weekly(value: object) -> float:
    number = _number("expected", value, "a weekly count of 0 or more, e.g. 3 or 0.5")
    if number < 0:
        raise InvalidInput("expected", f"{value!r} is negative", "a weekly count of 0 or more")
    return number


def count(value: object) -> int:
    """A count of occurrences: a whole number, 0 or more ("2", 2 and 2.0 are fine)."""
    allowed = "a whole number of 0 or more"
    if isinstance(value, bool):
        raise InvalidInput("count", f"{value!r} is not a whole number", allowed)
    if isinstance(value, str):
        text = value.strip()
        if not text.lstrip("-").isdigit():
            raise InvalidInput("count", f"{value!r} is not a whole number", allowed)
        value = int(text)
    if isinstance(value, float):
        if not value.is_integer():
            raise InvalidInput("count", f"{value!r} is not a whole number", allowed)
        value = int(value)
    if not isinstance(value, int):
        raise InvalidInput("count", f"{value!r} is not a whole number", allowed)
    if value < 0:
        raise InvalidInput("count", f"{value} is negative", allowed)
    return value


def override_score(value: object) -> float:
    number = _number("override", value, "a score of 0 or more")
    if number < 0:
        raise InvalidInput("override", f"{value!r} is negative", "a score of 0 or more")
    return number


def weights(input: object, output: object, outcome: object, impact: object) -> Weights:
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
    values = [_number(name, raw, "a ratio greater than 0, e.g. 0.85")
              for name, raw in zip(("outstanding", "strong", "meeting", "partially"),
                                   (outstanding, strong, meeting, partially))]
    if values[-1] <= 0 or any(higher <= lower for higher, lower in zip(values, values[1:])):
        raise InvalidInput("thresholds", "must be strictly descending and above 0",
                           "outstanding > strong > meeting > partially > 0")
    return Thresholds(*values)


def period_weeks(value: object) -> int:
    allowed = f"a whole number of weeks from 1 to {MAX_PERIOD_WEEKS}"
    try:
        number = count(value)
    except InvalidInput:
        raise InvalidInput("weeks", f"{value!r} is not a whole number", allowed) from None
    if not 1 <= number <= MAX_PERIOD_WEEKS:
        raise InvalidInput("weeks", f"{number} is out of range", allowed)
    return number


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
        number = count(value)
    except InvalidInput:
        raise InvalidInput("level", f"{value!r} is not a whole number", allowed) from None
    if not min_level <= number <= max_level:
        raise InvalidInput("level", f"{number} is outside {role}'s range", allowed)
    return number


def not_in_future(week: IsoWeek, current_week: IsoWeek) -> IsoWeek:
    if week > current_week:
        raise InvalidInput("week", f"{week} is in the future",
                           f"this week ({current_week}) or earlier")
    return week


def text(value: object, field: str, max_length: int = 2000) -> str:
    cleaned = str(value).strip()
    if not cleaned:
        raise InvalidInput(field, "must not be empty", "some text")
    if len(cleaned) > max_length:
        raise InvalidInput(field, f"is {len(cleaned)} characters long",
                           f"at most {max_length} characters")
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
    import re

    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", text)
    if not match or (match.group(2) and not 1 <= int(match.group(2)) <= 12):
        raise InvalidInput(field, f"{value!r} is not a year or month", "YYYY or YYYY-MM")
    return text
