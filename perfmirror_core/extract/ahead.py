"""A talk dated next week or next month has not been given yet.

A talk is an event with a date, so people mention it ahead of time: "Next week I'm presenting
the proposal at ARB", "preparing slides for the talk I'm giving next month", "worked on my
talk for next month's meetup". The preparation may be this week's work, but the talk is not;
logging it now would count it twice, once before and once after.
"""

from __future__ import annotations

from .lexicon import Lexicon, Mention
from .words import Token, plain_stems

_TALK = plain_stems("talk")
_AHEAD = frozenset(("week", "month"))


def without_talks_ahead(mentions: list[Mention], clause: list[Token],
                        lexicon: Lexicon) -> list[Mention]:
    """The clause's mentions less a talk when the clause dates something "next week" or
    "next month"."""
    talk = lexicon.terms.get(_TALK)
    if talk is None or not _dated_ahead(clause):
        return mentions
    return [m for m in mentions if m.category != talk.category]


def _dated_ahead(clause: list[Token]) -> bool:
    """"next week", "next month's meetup"."""
    return any(token.word == "next" and i + 1 < len(clause)
               and clause[i + 1].word.removesuffix("'s") in _AHEAD
               for i, token in enumerate(clause))
