"""Work done once for each of a number of things: "wrote runbooks for the 3 alerts", "how-to
guides for each of the new commands, three of them", "fixed the same bug in each of our
three services". The things are not the work, but the work was done once for every one of
them, so their number is its count."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .phrases import PEOPLE
from .words import DETERMINERS, Token

if TYPE_CHECKING:  # counts asks this module, so it is imported only for its type
    from .counts import Quantity
    from .lexicon import Mention

# Prepositions before the things each piece of work was for or in.
_FOR_EACH = frozenset("for in".split())


def one_for_each(quantity: Quantity, mentions: list[Mention], clause: list[Token]) -> bool:
    """Whether ``quantity`` numbers things the work right before it was done for, one piece
    each: the work in the plural ("runbooks for the three services"), or "each of" said
    ("the same bug in each of our three services"). Not people ("an onboarding session for
    the 4 new grads" is one session), and not the work's own count."""
    if quantity.noun is None or clause[quantity.noun].stem in PEOPLE or quantity.people:
        return False
    at = quantity.first - 1
    while at >= 0 and clause[at].word in DETERMINERS:
        at -= 1
    each = at >= 1 and clause[at].word == "of" and clause[at - 1].word == "each"
    if each:
        at -= 2
    if at < 1 or clause[at].word not in _FOR_EACH:
        return False
    before = clause[at - 1]
    if each:
        return any(m.last < at for m in mentions)
    return clause[at].word == "for" and _plural(before) and any(
        m.last == at - 1 for m in mentions)


def _plural(token: Token) -> bool:
    return token.word.endswith("s") and token.stem != token.word and not token.inflected
