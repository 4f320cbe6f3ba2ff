"""A period named before a number: "this week 4 PR reviews", "last sprint 12 tickets".

WHY: "week 4" and "sprint 3" are names when the number follows the period word directly, but
after "this", "last", "next" or "that" the period word is when the work happened and the
number that follows counts the work.
"""

from __future__ import annotations

_DEICTIC = frozenset("this last next that each per".split())
_PERIODS = frozenset("week day month sprint".split())


def after_a_period(words: list[str], i: int) -> bool:
    """Whether the number at ``i`` follows "this week", "last sprint" and the like."""
    return i > 1 and words[i - 1] in _PERIODS and words[i - 2] in _DEICTIC
