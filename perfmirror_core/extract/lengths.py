"""A clause that only says how long the work just named took, and when: "an hour on tues",
"about 90 min each". It names no work of its own, so what follows ("and another on thurs",
"and thurs") still continues the work before it."""

from __future__ import annotations

from .counts import HEDGES, number_value
from .words import TIMES, Token

_LENGTH_UNITS = frozenset("hour hours hr hrs min mins minutes".split())
_SMALL = frozenset("a an each on the".split())


def only_a_length(clause: list[Token]) -> bool:
    """Whether the clause is a length of time, with at most a day and small words."""
    return any(token.word in _LENGTH_UNITS for token in clause) and all(
        token.word in _LENGTH_UNITS or token.word in _SMALL or token.word in TIMES
        or token.word in HEDGES or number_value(token.word) is not None
        for token in clause)
