"""Whom a meeting was with, when the noun is not one the people list knows: "with my skip",
"with the head of quality".

WHY: after a possessive ("my", "our", "his", "her", "their") the noun of a one-to-one is a
relation to the speaker or someone near them, and "the head of ..." is a role; both name a
person even when the word itself ("skip", "head") would name other things elsewhere.
"""

from __future__ import annotations

from .words import Token

_POSSESSIVES = frozenset("my our his her their".split())


def names_someone(after_with: list[Token]) -> bool:
    """Whether the words after "with" open with a person's relation or role: "my skip",
    "the head of quality" (not "with the new config", nor "with my own tests")."""
    if len(after_with) >= 2 and after_with[0].word in _POSSESSIVES:
        return after_with[1].word != "own" and after_with[1].word.isalpha()
    return (len(after_with) >= 3 and after_with[0].word == "the"
            and after_with[1].word == "head" and after_with[2].word == "of")
