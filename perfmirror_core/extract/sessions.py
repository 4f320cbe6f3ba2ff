"""A bare "session" is mentoring only when someone is there to be mentored.

The vocabulary's "mentoring session" makes its head word "session" a mentoring word on its
own, which fits "two sessions with her this week". But "session" is also the generic word
for any meeting or part of an event: "working sessions with each team", "the 4th of 6
sessions in the leadership programme", "a couple of sessions at the summit", even "iPad
sessions" in an app. Without a single person in the sentence (a mentee, "her", "with Priya")
or a mentoring word elsewhere ("coached one of the devs, 2 sessions"), the word names no
mentoring, and the clause is read from its other words.
"""

from __future__ import annotations

from collections.abc import Sequence

from .lexicon import Lexicon, Mention, without_mentions_of
from .phrases import PEOPLE
from .words import Token, plain_stems

_SESSION = plain_stems("session")
_ONE_PERSON = frozenset("her him".split())
_WITH = frozenset("with for".split())


def without_bare_sessions(mentions: list[Mention], clause: list[Token], lexicon: Lexicon,
                          before: Sequence[Token] = ()) -> list[Mention]:
    """The clause's mentions less a lone "session(s)" read as mentoring when the sentence so
    far names neither one person it could have been with nor mentoring itself."""
    head = lexicon.terms.get(_SESSION)
    if head is None:
        return mentions
    sentence = [*before, *clause]
    return without_mentions_of(_SESSION, mentions, lexicon, lambda m: (
        m.first == m.last and clause[m.first].stem == _SESSION[0]
        and not _names_one_person(sentence)
        and not _mentoring_elsewhere(sentence, lexicon, head.category)))


def _mentoring_elsewhere(tokens: list[Token], lexicon: Lexicon, category: str) -> bool:
    """"coached", "mentoring": another word of the session's category in the sentence."""
    return any(token.stem != _SESSION[0]
               and getattr(lexicon.terms.get((token.stem,)), "category", None) == category
               for token in tokens)


def _names_one_person(tokens: list[Token]) -> bool:
    """"our junior analyst", "with her", "for Priya": one person, not "6 colleagues"."""
    return any(
        token.word in _ONE_PERSON
        or (token.stem in PEOPLE and not token.word.endswith("s"))
        or (token.name and i > 0 and tokens[i - 1].word in _WITH)
        for i, token in enumerate(tokens))
