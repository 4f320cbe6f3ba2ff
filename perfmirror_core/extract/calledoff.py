"""Work called off and the rest of it that happened: "two standups got cancelled, went to the
other three", "skipped 2 standups, went to 3", "three 1:1s got moved, the other four
happened". The called-off clause logs nothing; the clause after it is only a number, which
counts the work the called-off clause named.
"""

from __future__ import annotations

from ..text import STOPWORDS, stem
from .counts import quantities_in
from .lexicon import Lexicon
from .mentions import match_terms, winning_category
from .words import Token, past_form

# Words that call work off (or move it out of the week).
_CALLING_OFF = frozenset(stem(word) for word in
                         "cancelled canceled skipped missed moved postponed dropped bumped "
                         "rescheduled".split())
# "the other three", "the remaining two", "the rest, 3": what is left of the same work.
_LEFT = frozenset("other others remaining rest".split())


def called_off(clause: list[Token], lexicon: Lexicon) -> str | None:
    """The category of the work this clause calls off, if it calls any off."""
    if not any(token.stem in _CALLING_OFF or token.word in _CALLING_OFF for token in clause):
        return None
    return winning_category(match_terms(clause, lexicon, frozenset()))


def rest_that_happened(clause: list[Token]) -> int | None:
    """How many of the called-off work did happen, when the clause is only that number with a
    verb ("went to 3", "the other three happened"); None when it names anything else."""
    quantities = quantities_in(clause)
    if len(quantities) != 1:
        return None
    number = quantities[0]
    rest = clause[: number.first] + clause[number.last + 1 :]
    if all(token.word in STOPWORDS or token.word in _LEFT or past_form(token)
           for token in rest):
        return number.value
    return None
