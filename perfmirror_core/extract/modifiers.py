"""The work's own word naming another thing: "read the mobile team's test plan", "flashed
the bootloader onto the test rack", "adopted our test framework", "an A/B test readout", "the
pen test report".

"test" in front of another noun (a plan, a rack, a dashboard) names that thing, which is
documented, built or read, not a set of tests written; an A/B test or a pen test is an
experiment or an audit, not code. Such a mention of tests is dropped; "a test suite", "test
coverage" and "tests" stay. The words are ``colloquial.toml``'s ``[test_as_a_modifier]``.
"""

from __future__ import annotations

from ..text import stem
from .colloquial import TABLE
from .lexicon import Lexicon, Mention
from .words import Token, plain_stems

_WORDS = TABLE["test_as_a_modifier"]
_NOUNS = frozenset(stem(word) for word in _WORDS["nouns"])
_KINDS = frozenset(_WORDS["kinds"])
_TEST = stem("test")
_TESTS = plain_stems("tests")  # the vocabulary's word for tests written


def without_modifiers(mentions: list[Mention], clause: list[Token],
                      lexicon: Lexicon) -> list[Mention]:
    """The clause's mentions less tests named only as a modifier of another thing."""
    tests = lexicon.terms.get(_TESTS)
    if tests is None:
        return mentions
    return [m for m in mentions if not (
        m.category == tests.category
        and any(names_another_thing(clause, i) for i in range(m.first, m.last + 1)))]


def names_another_thing(clause: list[Token], i: int) -> bool:
    """Whether the word at ``i`` is a singular "test" modifying a noun, or one of a kind
    that is not written code."""
    if clause[i].word != "test":
        return False
    following = i + 2 if i + 2 < len(clause) and clause[i + 1].word == "-" else i + 1
    return (following < len(clause) and clause[following].stem in _NOUNS) or (
        i > 0 and clause[i - 1].word in _KINDS)
