"""Pages are alerts, not incidents: "4 pages, 1 real", "paged 3x. 1 real outage", "three
pages, two were real", "got paged 6 times, the real one was a cert expiry". When a check-in
counts its pages and then says how many were real, the real ones are the incidents.
"""

from __future__ import annotations

from ..text import stem
from .colloquial import COLLOQUIAL
from .counts import number_value
from .words import Token, plain_stems

_PAGE = stem("page")
# The vocabulary's term a page means ("incident"), as the everyday lexicon reads it.
PAGE_TERM = plain_stems(COLLOQUIAL.verbs["page"][0])
_REAL = frozenset("real actual genuine legit".split())
# Words between a number and "real": "two were real", "only one was a real incident".
_BETWEEN = frozenset("were was are is of them turned out to be a an".split())


def real_ones(tokens: list[Token]) -> int | None:
    """How many of the pages the text calls real (None: it does not say)."""
    if not any(token.stem == _PAGE for token in tokens):
        return None
    for i, token in enumerate(tokens):
        if token.word not in _REAL:
            continue
        j = i - 1
        while j >= 0 and tokens[j].word in _BETWEEN:
            j -= 1
        value = number_value(tokens[j].word) if j >= 0 else None
        if value is not None:
            return value  # "1 real", "two were real", "both real"
        if i + 1 < len(tokens) and tokens[i + 1].word == "one":
            return 1  # "the real one was a cert expiry"
    return None


# What may open the one thing the pages were for: "for the outage", "for it", "for the same".
_ONE_THING = frozenset("the it this that".split())
_FOR = frozenset(("for",))
# Words that end the noun phrase after "for": its head is the word before.
_PHRASE_ENDS = frozenset("on in at of from with to and , ; ( ) - which that".split())


def pages_for_one_thing(clause: list[Token], first: int) -> bool:
    """"paged twice for the same disk-full problem", "paged twice tuesday night for the
    payments outage", "got paged for it twice": pages about one thing are one incident,
    however often it paged (not "paged 3 times for different alerts", "for two outages")."""
    if not any(token.stem == _PAGE for token in clause[first : first + 2]):
        return False
    at = next((i for i in range(first + 1, len(clause)) if clause[i].word in _FOR), None)
    if at is None or at + 1 >= len(clause) or clause[at + 1].word not in _ONE_THING:
        return False
    if clause[at + 1].word == "it" or clause[at + 2 : at + 3] and clause[at + 2].word == "same":
        return True
    head = at + 2
    while head + 1 < len(clause) and clause[head + 1].word not in _PHRASE_ENDS:
        head += 1
    if head >= len(clause) or number_value(clause[head].word) is not None:
        return False
    noun = clause[head]
    return noun.word.isalpha() and not (noun.word.endswith("s") and noun.stem != noun.word)
