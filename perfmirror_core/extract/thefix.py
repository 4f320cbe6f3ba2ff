"""The fix named after the work: "tracked down the leak and got the fix merged", "fixed the
double-charge bug, hotfix is out", "found an IDOR, patched it, merged the fix". A change to
the code named as a noun, with no article or a definite one, after that work was counted in
the text, is the change just made, on its way out; "a fix", "another patch" or "the fix for
the login bug" bring in one of its own."""

from __future__ import annotations

from ..text import stem
from .repeats import verb_alone
from .tally import Activity
from .words import Token, past_form

# Nouns for a change made to the code.
_CHANGES = frozenset(stem(word) for word in "fix hotfix patch bugfix".split())
# What may stand before the noun when it names the change just made.
_DEFINITE = frozenset("the our my that this already".split())
# What after the noun names its own object: "the fix for the timezone bug".
_OWN_OBJECT = frozenset("for of".split())


def the_fix_again(clause: list[Token], reading: Activity) -> bool:
    """Whether the clause names, as a noun or a verb alone ("Bugfix: ... . Fixed + deployed"),
    the change already counted."""
    if reading.explicit:
        return False
    if len(reading.work_object) != 1 or reading.work_object[0].stem not in _CHANGES:
        return False
    if verb_alone(clause) and len(clause) == 1:
        return True
    at = next((i for i, token in enumerate(clause)
               if token.start == reading.work_object[0].start), None)
    if at is None or past_form(clause[at]):
        return False
    before = at - 1
    while before >= 0 and clause[before].word in _DEFINITE:
        before -= 1
    opens = before < 0 or past_form(clause[before]) or clause[before].word == "got"
    follows = clause[at + 1].word if at + 1 < len(clause) else ""
    return opens and follows not in _OWN_OBJECT
