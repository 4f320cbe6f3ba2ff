"""Did the model make up a number? Every figure in an answer should come from a tool result,
the person's own words or the records it was given; anything else is flagged to the person.

Small local models paraphrase numbers freely; perf-mirror cannot stop that, but it can say so
next to the answer instead of letting an invented figure pass as the core's.
"""

from __future__ import annotations

import re
from typing import Iterable

_NUMBER = re.compile(r"(?<![\w#.])(\d+(?:[.,]\d+)?)(%?)")
_IGNORED = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}  # counts in plain speech


def _normal(text: str) -> str:
    value = text.replace(",", ".")
    if "." in value:
        value = value.rstrip("0").rstrip(".")
    return value


def figures(text: str) -> set[str]:
    """Numbers in ``text`` (normalised: 12.50 -> 12.5), ignoring ISO weeks and years' noise."""
    cleaned = re.sub(r"\d{4}-W\d{2}|\d{4}-\d{2}(?:-\d{2})?|#\d+", " ", text)
    return {_normal(match.group(1)) for match in _NUMBER.finditer(cleaned)}


def unverified_figures(answer: str, sources: Iterable[str]) -> list[str]:
    """Figures in ``answer`` that appear in none of ``sources`` (rounding to whole numbers and
    one decimal place is allowed, as the coach is told to quote, not to compute)."""
    known: set[str] = set()
    for source in sources:
        for figure in figures(source):
            known.add(figure)
            try:
                value = float(figure)
            except ValueError:
                continue
            known.update({_normal(f"{value:.1f}"), _normal(f"{value:.0f}"),
                          _normal(f"{value * 100:.0f}"), _normal(f"{value * 100:.1f}")})
    return sorted(f for f in figures(answer) - known if f not in _IGNORED)
