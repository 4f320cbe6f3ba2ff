""""building" as a verb: "the team building the notifications service", "what we're building
next half", "spent the rest of the week building offline sync", "instead of building our own".

The vocabulary's "Culture building" makes "building" its head word, and "team building" its
name; but "building" with an object after it ("the", "our"), or after a verb of being or time
spent ("we're", "the week"), is making something, which other words name if it is work. The
words are ``colloquial.toml``'s ``[building_as_a_verb]``.
"""

from __future__ import annotations

from .colloquial import TABLE
from .lexicon import Lexicon, Mention, without_mentions_of
from .words import Token, plain_stems

_WORDS = TABLE["building_as_a_verb"]
_BUILDING = frozenset(_WORDS["words"])
_OBJECTS = frozenset(_WORDS["objects"])
_BEFORE = frozenset(_WORDS["before"])
_CULTURE = plain_stems("culture building")


def without_construction(mentions: list[Mention], clause: list[Token],
                         lexicon: Lexicon) -> list[Mention]:
    """The clause's mentions less culture building named only by "building" used as a verb."""
    return without_mentions_of(_CULTURE, mentions, lexicon, lambda m: any(
        builds_something(clause, i) for i in range(m.first, m.last + 1)))


def builds_something(clause: list[Token], i: int) -> bool:
    """Whether "building" at ``i`` is a verb: an object after it or being, time before it."""
    if clause[i].word not in _BUILDING:
        return False
    return (i + 1 < len(clause) and clause[i + 1].word in _OBJECTS) or (
        i > 0 and clause[i - 1].word in _BEFORE)
