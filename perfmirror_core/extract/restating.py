"""What a clause after counted work says about it: the same work again ("standup every day,
so 5 standups", "reviewed 9 PRs, mostly terraform changes", "paired with Ana, walking her
through the parser", "reviewed code for the mobile team, 8 pull requests", "Two outages.
Mitigated both"), a count taken back ("fixed 2 bugs, sorry 3"), or the list a colon opens
after a count ("gave 2 talks: a keynote and a lightning talk"). None of these is more work.
"""

from __future__ import annotations

from .counts import number_value
from .tally import Tally
from .words import Token, past_form

# "so 5 standups", "i.e. two 1:1s", "that's 3 reviews", "yeah three code reviews": the work
# just said, counted again.
_RESTATING = frozenset("so ie i.e thats that's yeah yes yep".split())


def restates(clause: list[Token]) -> bool:
    return (len(clause) > 1 and clause[0].word in _RESTATING
            and number_value(clause[1].word) is not None)


# "making it three reviews total", "7 team meetings in all": the count of all of it so far.
_TOTALS = frozenset("total overall altogether".split())


def gives_the_total(clause: list[Token]) -> bool:
    """"so 2 reviews", "making it three PR reviews total": the count of all this work said so
    far, which the check-in's count becomes (what was said before may have been less: "Tom's
    and Leila's PRs, so 2 reviews")."""
    return restates(clause) or (any(token.word in _TOTALS for token in clause)
                                and _first_count(clause) is not None)


# "reviewed 9 PRs, mostly terraform changes": what the work just counted was, not more of it.
_DESCRIBING = frozenset("mostly mainly largely primarily chiefly predominantly".split())


def describes(clause: list[Token]) -> bool:
    return clause[0].word in _DESCRIBING


def participle_on_someone(clause: list[Token]) -> bool:
    """"walking her through ring buffers", "teaching Sam the deploy steps": an -ing verb done
    to someone, describing the work before it (not "planning of sprint": a noun)."""
    return (len(clause) > 1 and clause[0].word.endswith("ing") and clause[0].inflected
            and (clause[1].word in _OBJECT_PRONOUNS or clause[1].name))


_OBJECT_PRONOUNS = frozenset("her him them me us".split())


def counts_apart(clause: list[Token]) -> bool:
    """"..., 8 pull requests", "... — six merge requests": a count and its noun set apart
    after the work, with no verb and nothing more or other, say how many the work was."""
    return (number_value(clause[0].word) is not None
            and not any(past_form(token) or token.inflected or token.word in _OTHER
                        for token in clause[1:]))


_OTHER = frozenset("more other others another additional extra".split())


def said_before(category: str, found: Tally, tally: Tally) -> int:
    """How many of this work the check-in has counted so far."""
    return found.counts.get(category, 0) + tally.counts.get(category, 0)


def names_both(clause: list[Token]) -> bool:
    """"mitigated both", "both postmortems published": the two just counted."""
    return any(token.word == "both" for token in clause)


# Words that take back the count just said: "3 reviews (well, 4)", "fixed 2 bugs, sorry 3",
# "did 3 interviews (actually 2)", "2 interviews, no wait, 3", "5 MRs, correction, 4".
_CORRECTING = frozenset("well sorry actually correction wait".split())
_BETWEEN_CORRECTION = frozenset(", ( : - make that it's its no".split())


def _first_count(clause: list[Token]) -> int | None:
    """Where the clause's first number is, if it has one."""
    return next((i for i, token in enumerate(clause) if number_value(token.word) is not None),
                None)


def corrected(clause: list[Token], following: list[list[Token]]) -> int | None:
    """The count a correction right after the clause's number gives instead, if any."""
    counted = _first_count(clause)
    if counted is None:
        return None
    after = clause[counted + 1 :] + [token for later in following for token in later]
    words = [token.word for token in after if token.word not in _BETWEEN_CORRECTION]
    at = next((i for i, word in enumerate(words[:4]) if word in _CORRECTING), None)
    if at is None or at + 1 >= len(words):
        return None
    value = number_value(words[at + 1])
    return value if value is not None and value > 0 else None


def itemises(clause: list[Token], text: str, following: list[list[Token]]) -> bool:
    """"gave 2 talks: a 45-min one and a lightning talk", "2 ADRs merged: one for the cache,
    one for config": a colon after the count opens the list of what it counted."""
    counted = _first_count(clause)
    if counted is None:
        return False
    between = text[clause[-1].end : following[0][0].start] if following else ""
    return ":" in between or any(token.word == ":" for token in clause[counted:])


_ANTECEDENTS = frozenset("them those these".split())


def some_of_them(clause: list[Token]) -> bool:
    """"postmortems done for two of them", "approved 3 of those": a number of things already
    named, so of work already counted when the work is the same."""
    return any(number_value(clause[i].word) is not None and clause[i + 1].word == "of"
               and clause[i + 2].word in _ANTECEDENTS for i in range(len(clause) - 2))
