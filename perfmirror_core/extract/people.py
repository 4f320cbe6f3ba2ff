"""People work counted person by person: a count of people given, then one more person joined
on ("interviewed two backend candidates and a data scientist" = 3)."""

from __future__ import annotations

from ..text import stem
from .counts import quantities_in
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


# "each day", "each week", "each time": how often, not whom.
_NOT_WHOM = TIMES | frozenset("day week time one sprint month".split())


def each_of_them(clause: list[Token], before: list[list[Token]]) -> int | None:
    """"coached two juniors and gave each written feedback", "got 2 of my reports through
    their reviews, coached each of them": "each" standing for the people counted before in
    the sentence, so the work was done once per person. None when the clause says no such
    "each" or no number of people came before."""
    if not any(token.word == "each" and (i + 1 == len(clause)
                                         or clause[i + 1].word not in _NOT_WHOM)
               and (i > 0 and clause[i - 1].word not in _COUNTED_EACH)
               for i, token in enumerate(clause)):
        return None
    people = [quantity.value for earlier in before for quantity in quantities_in(earlier)
              if quantity.people and quantity.value > 1]
    return people[-1] if people else None


# "one each", "an hour each": a measure given per person, not work done to each of them
_COUNTED_EACH = frozenset("one hour hours minutes mins session sessions".split())
