"""A change sent to someone else's project is a contribution to it: "a PR to tokio", "a
patch against the helm chart", and a docs fix, which is not documentation written.

"a docs fix", "my docs PR got merged", "a patch to the cilium docs", "fixed a typo in their
docs": the document names where the change went, and the change itself (a fix, a patch, a
pull request) is code sent for someone to merge. People write documentation for others with
a noun of its own ("wrote the runbook", "a how-to for on-call"); a docs *fix* or *PR* is a
contribution, so the clause names the open-source work rather than the documentation.
Likewise "sent a PR to the terraform provider fixing the tagging bug" is a contribution to the
provider, not a bug fixed in the speaker's own code; but "a PR to fix the login bug" says
what the PR was for, and "reviewed 3 PRs to the billing service" is reviewing.
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
    sent = _sent_changes(clause)
    spans = sent + [span for mention in mentions if mention.category == document.category
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


# A project a change is sent to: "to", "into", "against" and the project's name.
_SENT_TO = frozenset("to into against".split())
_DESTINATION_OPENERS = frozenset("the a an their upstream open".split())
_PARTICLES = frozenset("up out down off".split())  # "a PR to speed up the build": a purpose
_SENDS = frozenset(stem(word) for word in "pr patch fix".split())
# "a small fix to how nulls are handled": what the change did, not where it went
_WH_WORDS = frozenset("how what why where when which whatever".split())
# The speaker's own branches: "merged 2 PRs into main" is not sent to anyone's project.
_BRANCHES = frozenset(stem(word) for word in
                      "main master trunk develop dev staging prod production release branch "
                      "our my".split())
# Taking in someone's change is reviewing it, not contributing: "reviewed 3 PRs to the app".
_REVIEWING = frozenset(stem(word) for word in "review approve lgtm lgtmd".split())


def _sent_changes(clause: list[Token]) -> list[tuple[int, int]]:
    """The spans of "a PR to <project>": a change and where it was sent."""
    if any(token.stem in _REVIEWING for token in clause):
        return []
    spans = []
    for i, token in enumerate(clause[:-2]):
        if (token.stem in _SENDS and not token.inflected and clause[i + 1].word in _SENT_TO
                and _names_a_project(clause, i + 2)):
            spans.append((i, i + 2))
    return spans


def _names_a_project(clause: list[Token], at: int) -> bool:
    """"the helm chart", "an OSS linter", "vLLM", "pytest-xdist", "tokio, merged"; not an
    infinitive of purpose ("to fix the login bug", "to speed up CI")."""
    word = clause[at]
    if word.word in _WH_WORDS or word.stem in _BRANCHES or (
            word.word == "the" and at + 1 < len(clause) and clause[at + 1].stem in _BRANCHES):
        return False
    if word.word in _DESTINATION_OPENERS or word.name or not word.word.isalpha():
        return True
    following = clause[at + 1] if at + 1 < len(clause) else None
    return following is None or not (following.word in _DESTINATION_OPENERS | _PARTICLES
                                     or following.word in ("my", "our", "it", "them"))
