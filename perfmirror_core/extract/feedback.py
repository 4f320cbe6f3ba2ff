"""Feedback named by how it was said rather than by the vocabulary's words.

"Had a frank conversation with one of my devs about bypassing review", "a tough chat with our
contractor about missed deadlines": each is feedback given to a person, though neither says
"gave feedback". A conversation is feedback when a word of candour describes it and a person
is on its other side. (Feedback merely written is not enough: after an interview it is the
interview's write-up.) The words are ``colloquial.toml``'s ``[feedback]``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..text import stem
from .colloquial import TABLE
from .phrases import FEEDBACK, FULL, PEOPLE, PhraseMatch, Word

_WORDS = TABLE["feedback"]
_CANDOUR = frozenset(_WORDS["candour"])
_TALKS = frozenset(stem(word) for word in _WORDS["talks"])
_WITH = frozenset(("with", "w/", "to"))
_ONE_OF = frozenset("one of my our the a an each both".split())


def feedback_said(clause: Sequence[Word]) -> list[PhraseMatch]:
    """Every piece of feedback one clause names by its candour."""
    return _candid_talks(clause)


def _candid_talks(clause: Sequence[Word]) -> list[PhraseMatch]:
    """"A frank conversation with one of my devs", "a hard talk with Omar": a candid word
    before a conversation held with a person."""
    for i, token in enumerate(clause[:-1]):
        if token.word not in _CANDOUR or clause[i + 1].stem not in _TALKS:
            continue
        with_ = next((j for j in range(i + 2, min(i + 4, len(clause)))
                      if clause[j].word in _WITH), None)
        if with_ is None:
            continue
        j = with_ + 1
        while j < len(clause) - 1 and clause[j].word in _ONE_OF:
            j += 1
        if j < len(clause) and (clause[j].stem in PEOPLE or clause[j].name):
            return [PhraseMatch(FEEDBACK, FULL, i, i + 1)]
    return []
