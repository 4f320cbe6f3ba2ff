"""The work's own word naming another thing: "read the mobile team's test plan", "flashed
the bootloader onto the test rack", "shipped dark mode for the docs site", "training runs
kept OOMing", "an A/B test readout", "the pen test report".

A work's word in front of another noun (a plan, a rack, a site, a run) names that thing,
which is documented, built, read or waited on, not the work itself; an A/B test or a pen test
is an experiment or an audit, model training is a machine's job, not a course. Such a mention
is dropped; "a test suite", "a docs page", "a training run by HR" stay. The words are
``colloquial.toml``'s ``[modifiers]``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .colloquial import TABLE
from .lexicon import Lexicon, Mention
from .words import Token, plain_stems


@dataclass(frozen=True)
class _Modifier:
    term: tuple[str, ...]  # the vocabulary's term whose category the word names
    words: frozenset[str]
    nouns: frozenset[str]  # after the word: it names this noun
    kinds: frozenset[str]  # before the word: not the work


_MODIFIERS = tuple(
    _Modifier(plain_stems(term), frozenset(table["words"]), frozenset(table["nouns"]),
              frozenset(table["kinds"]))
    for term, table in TABLE["modifiers"].items())


def without_modifiers(mentions: list[Mention], clause: list[Token],
                      lexicon: Lexicon) -> list[Mention]:
    """The clause's mentions less work named only as a modifier of another thing."""
    dropped = []
    for modifier in _MODIFIERS:
        term = lexicon.terms.get(modifier.term)
        if term is None:
            continue
        dropped += [m for m in mentions if m.category == term.category and any(
            names_another_thing(clause, i, modifier) for i in range(m.first, m.last + 1))]
    return [m for m in mentions if m not in dropped]


def names_another_thing(clause: list[Token], i: int, modifier: _Modifier) -> bool:
    """Whether the word at ``i`` modifies a noun after it ("test-results"), or is of a kind
    that is not the work."""
    if clause[i].word not in modifier.words:
        return False
    following = i + 2 if i + 2 < len(clause) and clause[i + 1].word == "-" else i + 1
    if following < len(clause) and clause[following].word in modifier.nouns and not (
            following + 1 < len(clause) and clause[following + 1].word == "by"):
        return True  # (not "a training run by HR": a course)
    return i > 0 and clause[i - 1].word in modifier.kinds
