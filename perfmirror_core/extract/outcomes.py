"""What a review decided: "LGTM'd 6 PRs, requested changes on 1" is seven reviews, "approved 4
PRs, left comments on two more" six. Each outcome is its own set of reviews, so a clause
opening with the other outcome than the reviews just counted names more of them; after a
plain "reviewed 5 PRs" an outcome only breaks the five down ("approved 4"), and adds nothing.
"""

from __future__ import annotations

from .colloquial import COLLOQUIAL
from .counts import number_value
from .reading import CODE_STEMS
from .words import Token, plain_stems

REVIEW_TERM = plain_stems(COLLOQUIAL.review_term)
_OUTCOMES = {kind: tuple(plain_stems(verb) for verb in verbs)
             for kind, verbs in COLLOQUIAL.review_outcomes.items()}
# Words a clause may open with before its verb: "and also pushed back on one".
_LEAD_IN = frozenset("and also then but i we".split())


def outcome(clause: list[Token]) -> str | None:
    """The outcome a clause opens with ("passed", "held"), or None: "LGTM'd 6 PRs", and told
    after what it was done to ("7 PRs LGTM'd", "two sent back")."""
    at = 0
    while at < len(clause) and (clause[at].word in _LEAD_IN or clause[at].stem in CODE_STEMS
                                or number_value(clause[at].word) is not None):
        at += 1
    stems = tuple(token.stem for token in clause[at:])
    return next((kind for kind, verbs in _OUTCOMES.items()
                 if any(stems[: len(verb)] == verb for verb in verbs)), None)


def more_reviews(clause: list[Token], before: list[Token]) -> int:
    """How many more reviews the clause names after the clause ``before`` counted some: the
    clause's number ("on two more"), one without ("blocked one", "on a third"); 0 unless the
    two clauses open with different outcomes."""
    said = outcome(clause)
    if said is None or outcome(before) in (None, said):
        return 0
    return next((value for token in clause
                 if (value := number_value(token.word)) is not None), 1)


# "approved 3 more", "sent back two other PRs": the outcome names reviews beyond those counted.
_BEYOND = frozenset("more other others another additional extra".split())


class ReviewsBrokenDown:
    """Reviews a check-in counted plainly ("reviewed 5 PRs"), which clauses naming outcomes
    later may only break down: "...; three pull requests approved, two sent back" restates
    the five by what each review decided (a semicolon or a full stop between does not make
    them new). Outcomes beyond the plain count, or said to be more, are more reviews."""

    def __init__(self) -> None:
        self._plain = 0  # reviews counted by clauses naming no outcome
        self._told = 0  # of those, how many outcome clauses have accounted for

    def counted(self, clause: list[Token], count: int, explicit: bool) -> None:
        """Note a clause that counted reviews."""
        if explicit and outcome(clause) is None:
            self._plain += count

    def restates(self, clause: list[Token], count: int) -> bool:
        """Whether this clause's ``count`` reviews, told by their outcome, are some of those
        already counted plainly (and so add nothing)."""
        if (outcome(clause) is None or any(token.word in _BEYOND for token in clause)
                or self._told + count > self._plain):
            return False
        self._told += count
        return True
