"""The record of one's own work written up: "wrote both up", "documented the decision and the
trade-offs", "wrote up my notes for the panel", "documented it for HR", "documented in Lattice".

Documentation is writing for others (a README, a runbook, a how-to). Writing down what one
just did (the interview's scorecard, the decision's reasoning, the incident's timeline) is part
of that work, so its words do not name Documentation: the object of the writing verb is the
work itself ("it", "both"), a record of it ("notes", "the reasoning"), or nothing at all before
where it was filed ("documented in an ADR"). A clause that also names a kind of document others
use ("documented it in the runbook") is documentation still. The words are
``colloquial.toml``'s ``[records]``.
"""

from __future__ import annotations

from .colloquial import TABLE
from .lexicon import Lexicon, Mention
from .words import TOPIC_PREPOSITIONS, Token, plain_stems, stems_of

_WORDS = TABLE["records"]


def _stems(key: str) -> frozenset[str]:
    """One word's stem each (after the aliases: "documented" is "doc")."""
    return frozenset(stems[0] for word in _WORDS[key] if len(stems := stems_of(word)) == 1)


_WRITING = _stems("writing")
_RECORDS = _stems("records")
_PRONOUNS = frozenset(_WORDS["pronouns"])
_FOR_OTHERS = _stems("for_others")
_PARTICLES = frozenset(("up", "down"))
_DOCS = plain_stems("docs")  # the vocabulary's word for documentation written for others


def without_records(mentions: list[Mention], clause: list[Token],
                    lexicon: Lexicon) -> list[Mention]:
    """The clause's mentions less documentation, when what it writes is a record of work."""
    docs = lexicon.terms.get(_DOCS)
    if docs is None or not any(m.category == docs.category for m in mentions):
        return mentions
    if not writes_a_record(clause):
        return mentions
    return [m for m in mentions if m.category != docs.category]


def writes_a_record(clause: list[Token]) -> bool:
    """Whether the clause's writing verb has the work, or a record of it, as its object."""
    if any(token.stem in _FOR_OTHERS for token in clause):
        return False
    verb = next((i for i, token in enumerate(clause)
                 if token.stem in _WRITING and (token.inflected or token.word in _PAST)), None)
    if verb is None:
        return False
    after = [token for token in clause[verb + 1 :] if token.word not in _PARTICLES]
    if not after:  # "decision documented", "notes written up"
        return any(token.stem in _RECORDS for token in clause[:verb])
    if after[0].word in _FILED or after[0].word in _PRONOUNS:
        return True  # "documented in Lattice", "wrote it up", "wrote both up"
    object_ = []
    for token in after:
        if token.word in _FILED or token.word in TOPIC_PREPOSITIONS:
            break
        object_.append(token)
    return any(token.stem in _RECORDS for token in object_)


_PAST = frozenset(("wrote", "written"))
_FILED = frozenset(("in", "as", "for", "with", "into", "on"))
