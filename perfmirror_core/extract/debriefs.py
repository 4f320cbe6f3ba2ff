"""A debrief of work already counted in the sentence is part of that work: "ran two
interviews and debriefed both", "2 interviews on Monday, 2 debriefs on Thu" are two
interviews. (Debriefs alone, "sat on two hiring debriefs", are still counted.)"""

from __future__ import annotations

from .words import Token

_DEBRIEF = "debrief"


def debriefs(clause: list[Token]) -> bool:
    """Whether the clause names a debrief: "debriefed", "2 debriefs", "in the debrief"."""
    return any(token.stem.startswith(_DEBRIEF) or token.word.startswith(_DEBRIEF)
               for token in clause)
