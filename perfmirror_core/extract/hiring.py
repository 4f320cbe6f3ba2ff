"""Hiring decisions named by what was decided rather than by the vocabulary's words.

"Offer accepted, role filled", "made offers to two finalists", "got the backfill for Sam's
seat approved", "made the call to hire the contractor full time": each is a hire closed or
headcount won, though none says "hiring decision". An offer is the decision itself, whatever
verb comes with it; a seat or a req is one only once it is won or approved (a backfill alone
may be a data job: "ran the backfill of the events table").
"""

from __future__ import annotations

from collections.abc import Sequence

from .phrases import FULL, PhraseMatch, Word, stems

HIRE = "hire"

# "offer" used as a noun: "the offer", "2 offers", "offer out"; not "offered to help" (a verb
# form) nor "I offer to pair" (a bare verb after its subject).
_OFFERS = stems("offer")
_BEFORE_A_VERB = frozenset("i we to".split())
# Seats won: "2 extra reqs", "the backfill for Priya's seat", "6 heads", with its approval.
_SEATS = stems("req requisition backfill seat")
_WINNING = stems("approve win won green budget fund secure sign")
_TURNED_DOWN = stems("decline reject rescind")
_PAUSED = stems("pause freeze frozen")
# Deciding to hire: "made the call to hire", "voted to hire", "pushed for an offer" is above.
_DECIDING = stems("call decide decision vote agree push")
_HIRING = stems("hire")


def hiring_decisions(clause: Sequence[Word]) -> list[PhraseMatch]:
    """Every hiring decision a clause names by its offer, its seat or its verdict."""
    return [*_offers(clause), *_seats_won(clause), *_decided_to_hire(clause)]


def _offers(clause: Sequence[Word]) -> list[PhraseMatch]:
    """An offer, as a noun: the hire decided ("offer went out", "made offers to 2"). One the
    candidate turned down decided nothing."""
    if any(token.stem in _TURNED_DOWN for token in clause):
        return []
    return [PhraseMatch(HIRE, FULL, i, i) for i, token in enumerate(clause)
            if token.stem in _OFFERS and not token.inflected
            and not (i > 0 and clause[i - 1].word in _BEFORE_A_VERB)][:1]


def is_an_offer(work: Sequence[Word]) -> bool:
    """Whether the words of a piece of work are an offer: said after the hire it belongs to
    ("closed the hire! offer accepted"), it is that hire again."""
    return len(work) == 1 and work[0].stem in _OFFERS


def _seats_won(clause: Sequence[Word]) -> list[PhraseMatch]:
    """A seat to hire into ("2 more heads": counted), won or approved in the same clause."""
    seat = next((i for i, token in enumerate(clause)
                 if token.stem in _SEATS or (token.word == "heads" and i > 0 and any(
                     before.word.isdigit() for before in clause[max(0, i - 3) : i]))), None)
    if seat is None or not any(token.stem in _WINNING for token in clause) or any(
            token.stem in _PAUSED for token in clause):
        return []
    return [PhraseMatch(HIRE, FULL, seat, seat)]


def _decided_to_hire(clause: Sequence[Word]) -> list[PhraseMatch]:
    """"Made the call to hire X", "we voted to hire her": a decision whose object is a hire."""
    for i, token in enumerate(clause[:-1]):
        if token.stem in _HIRING and clause[i - 1].word == "to" and i > 1 and any(
                before.stem in _DECIDING for before in clause[max(0, i - 4) : i - 1]):
            return [PhraseMatch(HIRE, FULL, i, i)]
    return []
