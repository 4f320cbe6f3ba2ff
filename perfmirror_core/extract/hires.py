""""hire" and "hiring" naming no hiring decision: a person ("sat down with the new mobile
hire", "a skip-level with the newest hire") or hiring stopped ("we paused hiring until the
round closes", "hiring freeze, so my reqs are gone", "hiring stalled").

A hiring decision is a hire closed, an offer decided or headcount won (``hiring``). A recent
hire is someone who joined, whom the speaker onboards or meets; a freeze or a pause is the
absence of hiring. Either way the mention is dropped, and what the clause says of the person
(a 1:1, onboarding) is read from its other words. The words are ``colloquial.toml``'s
``[hires]``.
"""

from __future__ import annotations

from .colloquial import TABLE
from .lexicon import Lexicon, Mention, without_mentions_of
from .words import Token, plain_stems

_WORDS = TABLE["hires"]
_NEWCOMERS = frozenset(_WORDS["newcomers"])
_STOPPED = frozenset(_WORDS["stopped"])
_HIRE = plain_stems("hire")
_NEAR = 3  # "the new backend hire", "hiring is frozen"


def without_hires(mentions: list[Mention], clause: list[Token],
                  lexicon: Lexicon) -> list[Mention]:
    """The clause's mentions less hiring decisions named only by a newcomer or a freeze."""
    return without_mentions_of(_HIRE, mentions, lexicon, lambda m: any(
        names_no_decision(clause, i) for i in range(m.first, m.last + 1)))


def names_no_decision(clause: list[Token], i: int) -> bool:
    """Whether the hire word at ``i`` is a newcomer, or hiring stopped."""
    if clause[i].stem != _HIRE[0]:
        return False
    near = [token.word for token in clause[max(0, i - _NEAR) : i + _NEAR + 1]]
    before = [token.word for token in clause[max(0, i - 2) : i]]
    return bool(set(before) & _NEWCOMERS) or bool(set(near) & _STOPPED)
