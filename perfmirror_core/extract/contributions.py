"""A docs fix sent to a project is a contribution to it, not documentation written.

"a docs fix", "my docs PR got merged", "a patch to the cilium docs", "fixed a typo in their
docs": the document names where the change went, and the change itself (a fix, a patch, a
pull request) is code sent for someone to merge. People write documentation for others with
a noun of its own ("wrote the runbook", "a how-to for on-call"); a docs *fix* or *PR* is a
contribution, so the clause names the open-source work rather than the documentation.
"""

from __future__ import annotations

from ..text import stem
from .lexicon import FULL_TERM, Lexicon, Mention
from .words import Token, stems_of

# Changes sent to a codebase for someone else to merge.
_CHANGES = frozenset(stem(word) for word in "fix pr patch commit typo contribution".split())
# Where the change went: "a patch to the docs", "a typo in their docs".
_INTO = frozenset("to into in on of for against".split())
_DOCS = frozenset(stem(word) for word in "doc docs".split())
_OTHERS = frozenset("his her".split())  # "his docs PRs": someone else's contribution
_REACH = 6  # "a PR to the terraform aws provider fixing a typo in their docs"
_CONTRIBUTION = "open source"
_DOCUMENT = "docs"


def as_contributions(mentions: list[Mention], clause: list[Token], lexicon: Lexicon
                     ) -> list[Mention]:
    """The documentation mentions that name where a contribution went, read as that
    contribution (and the fix that was the change, with them)."""
    contribution = lexicon.terms.get(stems_of(_CONTRIBUTION))
    document = lexicon.terms.get(stems_of(_DOCUMENT))
    if contribution is None or document is None:
        return mentions
    spans = [span for mention in mentions if mention.category == document.category
             and mention.first == mention.last and clause[mention.first].stem in _DOCS
             and (span := _change_to(clause, mention.first)) is not None]
    if not spans:
        return mentions
    kept = [m for m in mentions
            if not any(first <= m.last and m.first <= last for first, last in spans)]
    kept += [Mention(contribution.category, FULL_TERM, first, last) for first, last in spans]
    return sorted(kept, key=lambda m: m.first)


def _change_to(clause: list[Token], doc: int) -> tuple[int, int] | None:
    """The span of "docs fix" or "PR ... to the docs", if the document at ``doc`` is where a
    change went."""
    if doc > 0 and clause[doc - 1].word in _OTHERS:
        return None
    following = doc + 1
    while following < len(clause) and clause[following].stem in _DOCS | {"typo"}:
        following += 1  # "a docs typo PR"
    if following < len(clause) and _is_change(clause[following]):
        return doc, following
    for change in range(doc - 1, max(-1, doc - _REACH), -1):
        if _is_change(clause[change]) and any(
                token.word in _INTO for token in clause[change + 1 : doc]):
            return change, doc
    return None


def _is_change(token: Token) -> bool:
    """A change as a thing sent ("a fix", "2 PRs"), not the verb ("fixed 4 bugs in the docs
    site" fixed the site's bugs)."""
    return token.stem in _CHANGES and not token.inflected
