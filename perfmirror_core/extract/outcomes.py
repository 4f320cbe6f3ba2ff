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
