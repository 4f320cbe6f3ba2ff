"""A review as a stage of the speaker's own work: "wrote the design doc, it's in review now",
"got the spec through design review", "upstream PR merged after two review rounds", "2 rounds
of review, approved".

A bare singular "review" after "in", "through", "for" or "passed", or before "round", names
where the work stood or what it passed, done by others; reviews done by the speaker are
counted ("reviewed 3 PRs", "got through 12 code reviews": plural, or with an article). The
words are ``colloquial.toml``'s ``[review_stage]``.
"""

from __future__ import annotations

from .colloquial import TABLE
from .lexicon import Lexicon, Mention, without_mentions_of
from .outcomes import REVIEW_TERM
from .words import Token

_WORDS = TABLE["review_stage"]
_BEFORE = frozenset(_WORDS["before"])
_KINDS = frozenset(_WORDS["kinds"])
_AFTER = frozenset(_WORDS["after"])


def without_review_stages(mentions: list[Mention], clause: list[Token],
                          lexicon: Lexicon) -> list[Mention]:
    """The clause's mentions less the code reviews that are only a stage of one's own work."""
    if REVIEW_TERM not in lexicon.terms:
        return mentions
    staged = {i for i in range(len(clause)) if is_a_stage(clause, i)}
    return without_mentions_of(REVIEW_TERM, mentions, lexicon,
                               lambda m: any(m.first <= i <= m.last for i in staged))


def is_a_stage(clause: list[Token], i: int) -> bool:
    """Whether the word at ``i`` is a bare "review" that one's work was in or went through."""
    if clause[i].word != "review":
        return False
    if i + 1 < len(clause) and clause[i + 1].word in _AFTER:
        return True  # "two review rounds"
    before = i - 1
    if before >= 0 and clause[before].word in _KINDS:
        before -= 1  # "through design review"
    return before >= 0 and clause[before].word in _BEFORE
