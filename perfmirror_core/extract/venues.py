"""A gathering named as the place of something else: "pushed a quick fix while the team was at
the offsite", "the memo got approved at the leadership offsite", "built a slack bot during the
hackathon", "hung out with the team at the holiday party".

Culture building is organising or running such a gathering ("ran the offsite", "organised
the hackathon"). After "at" or "during" (and the words naming which one) the gathering is
where the clause's other work, or nothing, happened. The words are ``colloquial.toml``'s
``[venues]``.
"""

from __future__ import annotations

from .colloquial import TABLE
from .lexicon import Lexicon, Mention, without_mentions_of
from .words import Token, plain_stems

_PREPOSITIONS = frozenset(TABLE["venues"]["prepositions"])
_CULTURE = plain_stems("culture building")
_NEAR = 3  # "at the leadership offsite", "at our team's holiday party"


def without_venues(mentions: list[Mention], clause: list[Token],
                   lexicon: Lexicon) -> list[Mention]:
    """The clause's mentions less a gathering named only as where something happened."""
    return without_mentions_of(_CULTURE, mentions, lexicon, lambda m: (
        _a_place(clause, m.first) and not _speakers_own(clause, m.last)))


def _speakers_own(clause: list[Token], last: int) -> bool:
    """"was at the offsite all week", "at the team day I organised": the speaker took part in
    the gathering, or ran it."""
    opening = [token.word for token in clause[:3]]
    return opening[:2] in (["was", "at"], ["i", "was"], ["we", "were"]) or any(
        token.word in ("i", "we") for token in clause[last + 1 :])


def _a_place(clause: list[Token], first: int) -> bool:
    before = clause[max(0, first - _NEAR) : first]
    at = next((i for i in range(len(before) - 1, -1, -1)
               if before[i].word in _PREPOSITIONS), None)
    # only the words naming which gathering between: "at the leadership offsite"
    return at is not None and all(token.word.isalpha() or token.word.endswith("'s")
                                  for token in before[at + 1 :])
