"""A document put out "for comment" is a proposal (an RFC), whatever it is called.

"doc is up for comment", "sent the doc to the leads for comments", "shared it with the guild
for comments": asking others to weigh in is what makes a write-up a request for comments
(``colloquial.toml`` reads "for comment" as the proposal's head word). A plain "doc" or the
verb that sent it ("shared", "sent") would otherwise outweigh it and log the clause as
documentation written or a talk given. Named documents ("the README", "the runbook") are
left alone: those are documentation even when others comment on them.
"""

from __future__ import annotations

from .lexicon import Lexicon, Mention
from .words import Token, plain_stems

_FOR = "for"
_RFC = plain_stems("rfc")
_PLAIN_DOCUMENTS = frozenset(plain_stems("doc docs document documents writeup"))
_SENDING = frozenset(plain_stems("share shared send sent circulate circulated post posted"))


def as_put_out_for_comment(mentions: list[Mention], clause: list[Token],
                           lexicon: Lexicon) -> list[Mention]:
    """The clause's mentions with a plain document or the sending verb read as the RFC the
    clause puts out for comment."""
    rfc = lexicon.terms.get(_RFC)
    if rfc is None or not any(m.category == rfc.category and clause[m.first].word == _FOR
                              for m in mentions):
        return mentions
    return [Mention(rfc.category, m.weight, m.first, m.last) if _the_document_sent(m, clause)
            else m for m in mentions]


def _the_document_sent(mention: Mention, clause: list[Token]) -> bool:
    stems = {token.stem for token in clause[mention.first : mention.last + 1]}
    return bool(stems) and (stems <= _PLAIN_DOCUMENTS or stems <= _SENDING)
