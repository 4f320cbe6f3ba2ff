"""A design of one's own taken through review, named by its approval rather than by the
vocabulary's words: "my design for the offline sync engine got through review", "wrote up the
failover design, signed off by the SRE leads", "designed the sharding scheme and got it
approved". The design is the speaker's when "my" or "mine" says so, or a verb of writing it
comes before; its approval (by others) is part of writing a design doc, not a document read.
The words are ``colloquial.toml``'s ``[designs]``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..text import stem
from .colloquial import TABLE
from .phrases import DECISIVE, DESIGN, PhraseMatch, Word

_WORDS = TABLE["designs"]
_NOUNS = frozenset(stem(word) for word in _WORDS["nouns"])
_AUTHORING = frozenset(stem(word) for word in _WORDS["authoring"])
_APPROVING = frozenset(stem(word) for word in _WORDS["approving"] if word.isalpha())
_OWNERS = frozenset(("my", "mine"))
# "design review", "design system", "the design team": the design is not the document
_NOT_A_DOCUMENT = frozenset(stem(word) for word in "review system token language team".split())
_NEAR = 4  # how close before the design its owner or its writing verb stands


def designs_approved(sentence: Sequence[Word]) -> list[PhraseMatch]:
    """The speaker's design with an approval after it in the sentence (more than a name: the
    approval is the design's, not a review of someone else's)."""
    for i, token in enumerate(sentence):
        if token.stem not in _NOUNS or (token.inflected and i > 0) or (
                i + 1 < len(sentence) and sentence[i + 1].stem in _NOT_A_DOCUMENT):
            continue
        before = sentence[max(0, i - _NEAR) : i]
        own = any(t.word in _OWNERS for t in before) or any(
            t.word == "mine" for t in sentence[i + 1 : i + 4]) or any(
            t.stem in _AUTHORING and (t.inflected or t.word in ("wrote", "written", "rewrote"))
            for t in before)
        if own and any(t.stem in _APPROVING and (t.inflected or t.word == "through")
                       or t.word in ("okayed", "signoff", "sign-off")
                       for t in sentence[i + 1 :]):
            return [PhraseMatch(DESIGN, DECISIVE, i, i)]
    return []
