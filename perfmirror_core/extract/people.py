"""People work counted person by person: a count of people given, then one more person joined
on ("interviewed two backend candidates and a data scientist" = 3)."""

from __future__ import annotations

from ..text import stem
from .phrases import PEOPLE
from .tally import Activity
from .words import TIMES, Token

# Words that only say when, after the person: "and a designer this week".
_WHEN = TIMES | frozenset("this last week today".split())


def counted_people(work: Activity) -> bool:
    """Whether the work's count was a number of people, said last: "mentored two juniors",
    "made offers to three engineers". Another person joined on is then one more of them,
    where after a count of anything else ("2 interviews, and a staff eng") it is a breakdown."""
    words = work.phrase.lower().split()
    return bool(words) and words[-1].endswith("s") and stem(words[-1]) in PEOPLE


def without_when(clause: list[Token]) -> list[Token]:
    """The clause without the time words that close it: "a designer on friday"."""
    end = len(clause)
    while end > 1 and (clause[end - 1].word in _WHEN or (
            clause[end - 1].word == "on" and end < len(clause))):
        end -= 1
    return clause[:end]
