"""A series of objects: "shipped: CSV export, bulk archive, and the new empty states". The
items between commas belong to the list the last "and" closes, so each is joined on as that
last one is, not set apart as a phrase of its own."""

from __future__ import annotations

import re

from .words import Token

# What closes a series: ", and", "and", ", plus", "&", "+".
_CLOSING = re.compile(r"^,?\s*(?:and|plus|&|\+)\s*$", re.IGNORECASE)


def in_a_series(text: str, sentence: list[list[Token]], n: int) -> bool:
    """Whether clause ``n`` follows a bare comma, and the commas from it run on to a clause
    joined by "and" (or "plus", "&", "+"), which closes the series it is an item of."""
    if not after_a_comma(text, sentence, n):
        return False
    for m in range(n + 1, len(sentence)):
        separator = _between(text, sentence, m)
        if _CLOSING.match(separator):
            return True
        if separator != ",":
            return False
    return False


def after_a_comma(text: str, sentence: list[list[Token]], n: int) -> bool:
    """Whether only a comma stands between clause ``n`` and the one before it."""
    return n > 0 and _between(text, sentence, n) == ","


def _between(text: str, sentence: list[list[Token]], n: int) -> str:
    """What stands between clause ``n`` and the one before it, spaces left out at the ends."""
    return text[sentence[n - 1][-1].end : sentence[n][0].start].strip()
