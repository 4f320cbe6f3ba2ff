"""Two subjects ``subjects.credited_elsewhere`` misread: a name that looks like a verb, and a
person named after their role.

A first name ending in -ed ("Ahmed", "Mohammed") tokenises like a past verb, so "Ahmed gave a
talk" looked like the speaker's own report ("Fixed the bug"). And "my reportee Ankit gave a
talk", "our intern Maya shipped it" name a person through their role; the phrase is someone
else, even though it opens with "my".
"""

from __future__ import annotations

from .phrases import PEOPLE
from .words import Token, past_form


def names_before_a_verb(clause: list[Token], i: int) -> bool:
    """Whether token ``i``, though it looks like a past verb, is a name: capitalised and
    followed right away by a past verb ("Ahmed gave", not "Fixed the bug", nor "Bisected and
    fixed", where the clause has lost its "and" but the text still has it)."""
    token = clause[i]
    if not token.name or i + 1 >= len(clause):
        return False
    following = clause[i + 1]
    return past_form(following) and not following.name and following.start - token.end <= 1


def role_and_name(words: list[Token]) -> bool:
    """Whether a subject phrase is a role then a name: "my reportee Ankit", "our new intern
    Maya" (someone other than the speaker, whatever the possessive says)."""
    return (len(words) >= 2 and words[-1].name
            and any(word.stem in PEOPLE for word in words[:-1]))
