"""Cross-team work named by the effort led and the groups it reaches rather than by the
vocabulary's words.

"Driving the docs-consolidation effort across platform, mobile and web teams", "leading a
hardening push across all three client squads", "drove alignment between the mobile, web and
API groups", "coordinating the deep links overhaul with web, marketing and growth": a verb of
leading, an undertaking as its object, and the groups it spans after "across", "between" or
"with" make cross-team work, whatever else the effort is about (the docs are its topic, not
documentation written). Led with one person ("led the effort with my manager") it is not.
"""

from __future__ import annotations

from collections.abc import Sequence

from .colloquial import TABLE
from .phrases import CROSS_TEAM, DECISIVE, LEADING, PEOPLE, PhraseMatch, Word, stems, verb_at

_WORDS = TABLE["cross_team"]
_LEADING = LEADING | stems(" ".join(_WORDS["leading"]))
_EFFORTS = stems(" ".join(_WORDS["efforts"]))
_SPANNING = frozenset(("across", "between", "among", "amongst", "with", "w/"))
_ONE_PERSON = frozenset(("me", "him", "her", "them", "my", "his"))
_DETERMINERS = frozenset("the a an all our their".split())
# An effort this close after its verb is its object: "drove the shared analytics-events push".
_OBJECT_WITHIN = 6


def efforts_across(clause: Sequence[Word]) -> list[PhraseMatch]:
    """A led undertaking that spans groups, weighing more than a name (its topic may be
    anything: "the docs-consolidation effort")."""
    verb = verb_at(clause, _LEADING)
    if verb is None:
        return []
    effort = next((i for i in range(verb + 1, min(verb + _OBJECT_WITHIN + 1, len(clause)))
                   if clause[i].stem in _EFFORTS and not clause[i].inflected), None)
    if effort is None:
        return []
    spans = next((i for i in range(effort + 1, min(effort + 4, len(clause)))
                  if clause[i].word in _SPANNING), None)
    if spans is None or spans + 1 >= len(clause):
        return []
    j = spans + 1
    while j < len(clause) - 1 and clause[j].word in _DETERMINERS:
        j += 1
    if clause[j].word in _ONE_PERSON or clause[j].stem in PEOPLE:
        return []  # "led the effort with my manager"
    return [PhraseMatch(CROSS_TEAM, DECISIVE, effort, effort)]
