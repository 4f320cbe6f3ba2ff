"""A list typed without commas: "standup x5 retro fri", "5 standups 1 retro 2 PR reviews",
"planning on monday standups tuesday to friday". Each piece of work with its own count or day
is an item of its own, as if a comma stood between them."""

from __future__ import annotations

from .counts import number_value
from .lexicon import PROPOSE_AT, Lexicon, Mention
from .mentions import match_terms
from .words import DAYS, Token, past_form

# What may stand between one item's work and the next's: its count, its day or days.
_ITEM_TAIL = DAYS | frozenset("on - to through thru the".split())


def split_run_on(clause: list[Token], lexicon: Lexicon) -> list[list[Token]]:
    """The clause cut into its items: where one piece of work, followed only by its count or
    day, is followed by another. Numbers go with the work on the same side as the first
    item's ("5 standups 1 retro": before it; "standup x5 retro x1": after it)."""
    named = [m for m in match_terms(clause, lexicon, frozenset()) if m.weight >= PROPOSE_AT]
    taken = {i for m in named for i in range(m.first, m.last + 1)}
    # a word several categories share names work in a list too: "planning on monday"
    shared = [Mention("", PROPOSE_AT, i, i) for i, token in enumerate(clause)
              if token.stem in lexicon.listed and i not in taken]
    mentions = sorted(named + shared, key=lambda m: m.first)
    if len(mentions) < 2:
        return [clause]
    if any(_a_verb(clause, m) for m in mentions):
        return [clause]  # "reviewed three design docs": the verb's count, not an item's
    counted_before = mentions[0].first > 0 and _a_count(clause[mentions[0].first - 1])
    cuts: list[int] = []
    for one, other in zip(mentions, mentions[1:]):
        between = clause[one.last + 1 : other.first]
        if counted_before:
            if len(between) == 1 and _a_count(between[0]):
                cuts.append(other.first - 1)  # "5 standups 1 retro"
        elif between and all(_a_count(t) or t.word in _ITEM_TAIL for t in between) and (
                _times(between[0]) or between[0].word in DAYS
                or [t.word for t in between[:1]] == ["on"] and between[1:2]
                and between[1].word in DAYS):
            cuts.append(other.first)  # "standup x5 retro fri", "planning on monday standups"
    if not cuts:
        return [clause]
    bounds = [0, *cuts, len(clause)]
    return [clause[a:b] for a, b in zip(bounds, bounds[1:]) if a < b]


def _a_verb(clause: list[Token], mention: Mention) -> bool:
    """Work named by a verb ("reviewed", "shipped"): a count after it counts its object."""
    return any(past_form(token) or (token.inflected and not token.word.endswith("ing"))
               for token in clause[mention.first : mention.last + 1])


def _times(token: Token) -> bool:
    """"x5", "3x": how many times, said after the work (a plain number there may count the
    next thing: "upstreamed two fixes")."""
    return _a_count(token) and not token.word.isalpha() and not token.word.isdigit()


def _a_count(token: Token) -> bool:
    return number_value(token.word) is not None
