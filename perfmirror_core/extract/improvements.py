"""A change to how the team works, told by its lasting effect rather than by the vocabulary's
words: "moved all repos to merge queues, no more broken main", "scripted the morning checks,
nobody does them by hand anymore", "CI now caches deps, builds 3x faster", "we moved to async
standups for good". A verb of making a change, the team's machinery in the sentence, and an
effect that says it lasts or lightened the work (``colloquial.toml``'s ``[improvements]``)
make a process improvement. Without the effect, setting something up may be any work.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..text import stem, tokens
from .colloquial import TABLE
from .phrases import DECISIVE, IMPROVEMENT, PhraseMatch, Word, verbs_at

_WORDS = TABLE["improvements"]
_CHANGING = frozenset(stem(word) for word in _WORDS["verbs"])
_MACHINERY = frozenset(stem(word) for word in _WORDS["machinery"] if word.isalpha())
# Compared word for word: "by hand", not "by handing off".
_EFFECTS = tuple(tuple(token.word for token in tokens(effect)) for effect in _WORDS["effects"])
_BEING = frozenset("was is were been got are".split())  # a passive: "was automated"
_PROPOSALS = frozenset(stem(word) for word in "proposal rfc pitch".split())
_PLANNED = frozenset(stem(word) for word in "propose suggest pitch want plan will".split())


def lasting_changes(sentence: Sequence[Word]) -> list[PhraseMatch]:
    """The change verb of a sentence that names the team's machinery and a lasting effect
    after the verb (more than a name: the effect says what the clause is about)."""
    verbs = verbs_at(sentence, _CHANGING)
    # what was changed comes after the verb, or is the verb itself in the past ("scripted
    # the cleanup"; not "nobody has to build it")
    machinery = next((i for i, token in enumerate(sentence) if token.stem in _MACHINERY
                      and verbs and (verbs[0] < i or (verbs[0] == i and token.inflected))),
                     None)
    if machinery is None and verbs and sentence[verbs[0]].inflected and verbs[0] > 0 and (
            sentence[verbs[0] - 1].word in _BEING) and any(
            token.stem in _MACHINERY for token in sentence[: verbs[0]]):
        machinery = verbs[0]  # said in the passive: "the release process was automated"
    if machinery is None:
        return []
    # the change nearest before what it changed: "put out an RFC, and moved our deploys to a
    # one-click pipeline" changed the deploys
    change = max(verb for verb in verbs if verb <= machinery)
    if any(token.stem in _PLANNED for token in sentence[:change]) or any(
            token.stem in _PROPOSALS for token in sentence[change + 1 : change + 4]):
        return []  # "put a proposal out about SAST on every repo": a change proposed
    after = [token.word for token in sentence[change + 1 :]]
    if not any(tuple(after[i : i + len(effect)]) == effect
               for effect in _EFFECTS for i in range(len(after))):
        return []
    return [PhraseMatch(IMPROVEMENT, DECISIVE, change, change)]
