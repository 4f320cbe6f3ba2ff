"""A second batch of the same work, counted on its own: "interviewed 2 backend candidates and
one designer", "two phone screens and one onsite loop".

After work counted explicitly, a clause joined on by "and" (or "+", "plus") that is only a
number and a short noun phrase names more things the same verb was done to, so its number
adds. The noun need not be one the vocabulary knows ("one iOS", "one research scientist"):
the grammar (a count parallel to the count before it) says what it is. A duration, a day, a
number of times or a clause with a verb of its own is something else.
"""

from __future__ import annotations

from ..text import STOPWORDS
from .counts import OCCURRENCES, number_value
from .phrases import PEOPLE
from .tally import Activity
from .words import DAYS, RECURRING, TIMES, Token, past_form

# Things counted that are not more of the work: durations, lengths, attendance.
_NOT_WORK = frozenset(
    "hour hours minute minutes min mins day days week weeks month months sprint sprints "
    "times pages page lines line comments comment people folks attendees percent % x "
    "of others more".split())
# A short noun phrase: the number and at most this many words after it.
_MAX_WORDS = 3


def another_batch(clause: list[Token], previous: Activity | None) -> int | None:
    """How many more of ``previous``'s work the clause counts ("and one iOS": 1), else None.

    WHY only after an explicit count: "2 android candidates and one iOS" is two counts of
    one kind side by side; after uncounted work ("fixed the login bug and 2 typos") the
    number may be a detail of something else.
    """
    if previous is None or not previous.explicit or not clause:
        return None
    value = number_value(clause[0].word)
    rest = clause[1:]
    if value is None or value < 1 or not 1 <= len(rest) <= _MAX_WORDS:
        return None
    if any(not token.word.replace("-", "").isalpha() or token.word in STOPWORDS
           or token.word in _NOT_WORK or token.word in TIMES or token.word in DAYS
           or token.word in RECURRING or token.stem in OCCURRENCES
           or token.inflected or past_form(token)
           for token in rest):
        return None
    return value


# Words after which a noun phrase's head has ended: "a setup guide so others can ...".
def _head(clause: list[Token]) -> list[Token]:
    """The noun phrase the clause opens with, up to the first small word or punctuation."""
    head: list[Token] = []
    for token in clause:
        if token.word in STOPWORDS or not token.word.replace(" ", "").replace("-", "").isalpha():
            break
        head.append(token)
    return head


def another_thing(clause: list[Token], before: list[Token], previous: Activity | None) -> bool:
    """"wrote a README and a local setup guide so ...": after a verb and one thing with its
    article, another thing with its own article, joined on, is one more of that work, even
    when the vocabulary does not know its noun and a purpose or place trails after it.

    WHY the verb and article before: "wrote a README" sets up a list of single things the
    verb was done to, so "and a <noun>" continues it; without that shape the noun phrase may
    be a setting or a person.
    """
    if (previous is None or previous.explicit or len(before) < 3 or not past_form(before[0])
            or before[1].word not in ("a", "an") or len(clause) < 2
            or clause[0].word not in ("a", "an")):
        return False
    head = _head(clause[1:])
    return 1 <= len(head) <= 3 and not any(
        past_form(token) or token.stem in PEOPLE or token.stem in OCCURRENCES
        or token.word in TIMES or token.word in RECURRING or token.name
        or number_value(token.word) is not None
        for token in head)
