"""Words and clauses of a check-in, read the one way the extractor reads them.

Text becomes tokens (``perfmirror_core.text``'s words, stemmed, with whether each carried a
verb's ending and whether it was written like a name), a few generic abbreviations are folded
to the vocabulary's own wording (``lexicon.toml``'s ``[aliases]``), and the tokens are split
into clauses, each taken as one activity. The function words that several readers of a
clause share (determiners, days, number words, prepositions) live here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from ..text import stem, stem_and_inflection
from ..text import tokens as text_tokens
from .colloquial import COLLOQUIAL


@dataclass(frozen=True)
class Token:
    word: str  # lowercased surface form, for function words and numbers
    stem: str  # for vocabulary matching
    inflected: bool  # carried -ed/-ing, i.e. was used as a verb form
    start: int
    end: int
    name: bool = False  # written like a name ("Sam"; not "SQL", not "the")


def tokenize(text: str) -> list[Token]:
    tokens = []
    for token in text_tokens(text):
        stuck = _STUCK_COUNT.fullmatch(token.word)
        if stuck:  # "fixed 4bugs": a count typed without its space
            digits = len(stuck.group(1))
            tokens.append(Token(stuck.group(1), stuck.group(1), False, token.start,
                                token.start + digits))
            word, start = stuck.group(2), token.start + digits
        else:
            word, start = token.word, token.start
        word_stem, inflected = stem_and_inflection(word)
        surface = text[start : token.end]
        name = surface[:1].isupper() and surface[1:].islower()
        tokens.append(Token(word, word_stem, inflected, start, token.end, name))
    return _fold_aliases(tokens)


_STUCK_COUNT = re.compile(r"(\d{1,2})([a-z]{2,}s)")


def stems_of(phrase: str) -> tuple[str, ...]:
    return tuple(token.stem for token in tokenize(phrase))


def plain_stems(phrase: str) -> tuple[str, ...]:
    """Stems without alias folding (the alias and colloquial tables are built from these)."""
    return tuple(stem(token.word) for token in text_tokens(phrase))


def _alias_table() -> dict[tuple[str, ...], tuple[str, ...]]:
    return {plain_stems(source): plain_stems(target)
            for source, target in COLLOQUIAL.aliases.items()}


_ALIASES = _alias_table()
_LONGEST_ALIAS = max(len(source) for source in _ALIASES)


def _fold_aliases(tokens: list[Token]) -> list[Token]:
    folded: list[Token] = []
    i = 0
    while i < len(tokens):
        for length in range(min(_LONGEST_ALIAS, len(tokens) - i), 0, -1):
            window = tokens[i : i + length]
            target = _ALIASES.get(tuple(token.stem for token in window))
            if target is not None:
                folded.extend(_aliased(window, target))
                i += length
                break
        else:
            folded.append(tokens[i])
            i += 1
    return folded


def _aliased(window: list[Token], target: tuple[str, ...]) -> list[Token]:
    first, last = window[0], window[-1]
    word = " ".join(token.word for token in window)
    # The target is the vocabulary's own wording, so it matches whatever tense was typed; but
    # one word for one word keeps its form: "documented" is a verb, "docs" the thing.
    inflected = len(window) == 1 == len(target) and first.inflected
    return [Token(word, target_stem, inflected, first.start, last.end) for target_stem in target]

# --- clauses ---------------------------------------------------------------------------


_CLAUSE_PUNCTUATION = frozenset(".!?;,\n&+")
_CLAUSE_CONJUNCTIONS = frozenset(
    "and but plus then also though although while whereas".split()
)


def clauses(tokens: list[Token]) -> list[list[Token]]:
    clauses: list[list[Token]] = [[]]
    numbering = _item_numbers(tokens)
    for n, token in enumerate(tokens):
        if n in numbering:
            if token.word.isdigit():
                clauses.append([])
            continue
        if token.word == "+" and n > 0 and tokens[n - 1].word.isdigit() and (
                tokens[n - 1].end == token.start):
            continue  # "40+ comments": at least forty, not a list
        if (token.word == "and" and len(clauses[-1]) == 1 and past_form(clauses[-1][0])
                and n + 1 < len(tokens) and past_form(tokens[n + 1])):
            continue  # "reviewed and merged 7 PRs": two verbs sharing one object
        if _dash_between_days(tokens, n):  # "mon–fri": a range of days, as "mon-fri"
            clauses[-1].append(replace(token, word="-", stem="-"))
            continue
        if (token.word in _CLAUSE_PUNCTUATION or token.word in _CLAUSE_CONJUNCTIONS
                or _is_bullet(token.word) or _spaced_slash(tokens, n)):
            clauses.append([])
        else:
            clauses[-1].append(token)
    return [clause for clause in clauses if clause]


def _dash_between_days(tokens: list[Token], n: int) -> bool:
    """"mon–fri", "Tue – Thu": an en dash between two weekdays joins them into a range (the
    typographer's hyphen), where elsewhere it would set a clause apart."""
    return (tokens[n].word == "\u2013" and 0 < n < len(tokens) - 1
            and any(tokens[n - 1].word in day for day in WEEKDAYS)
            and any(tokens[n + 1].word in day for day in WEEKDAYS))


def _spaced_slash(tokens: list[Token], n: int) -> bool:
    """"reviews 4 / hotfix 1 / talk 1": a slash with a space on each side separates items
    ("w/", "Mon/Wed", "CI/CD" are words)."""
    return (tokens[n].word == "/" and 0 < n < len(tokens) - 1
            and tokens[n - 1].end < tokens[n].start and tokens[n].end < tokens[n + 1].start)


def _item_numbers(tokens: list[Token]) -> set[int]:
    """The positions of "(1)", "(2)", "(3)" numbering the items of a list typed as one line:
    marks that start an item, not counts. Only a run from 1 in order is a numbering ("1:1
    (1)", "PR reviews (4)" are counts)."""
    marks = [n for n in range(1, len(tokens) - 1)
             if tokens[n - 1].word == "(" and tokens[n + 1].word == ")"
             and tokens[n].word.isdigit()]
    numbers = [int(tokens[n].word) for n in marks]
    if len(numbers) >= 2 and numbers == list(range(1, len(numbers) + 1)):
        return {n + offset for n in marks for offset in (-1, 0, 1)}
    # "1. Q4 roadmap agreed 2. headcount: 2 reqs 3. team lunch": numbered lines
    marks = [n for n in range(len(tokens) - 1)
             if tokens[n].word.isdigit() and tokens[n + 1].word in (".", ")")
             and tokens[n].end == tokens[n + 1].start]
    numbers = [int(tokens[n].word) for n in marks]
    if len(numbers) >= 2 and numbers == list(range(1, len(numbers) + 1)):
        return {n + offset for n in marks for offset in (0, 1)}
    return set()


def _is_bullet(word: str) -> bool:
    """A mark that starts an item in a list typed as one line: "✅ shipped it ✅ fixed 3",
    "• standup", "| retro". (Letters and digits of any script are words, not marks.)"""
    return len(word) == 1 and (word in "|*•·" or (not word.isascii() and not word.isalnum()))


DETERMINERS = frozenset("a an the my our their his her its this that".split())

# The working week in order, with the ways people shorten each day.
WEEKDAYS = (
    ("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed", "weds"),
    ("thursday", "thu", "thur", "thurs"), ("friday", "fri"), ("saturday", "sat"),
    ("sunday", "sun"),
)
DAYS = frozenset(spelling for day in WEEKDAYS for spelling in day) - {"sat", "sun"}
TIMES = DAYS | frozenset(
    "saturday sunday morning afternoon evening lunch weekend today yesterday tonight "
    "overnight".split())


IRREGULAR_PAST = frozenset("gave wrote written ran led took made did done had got sent met held "
                           "spoke taught built found went came put set sat kept brought told "
                           "drew drove chose began shown showed".split())


def past_form(token: Token) -> bool:
    """A verb in the past: "reviewed", "LGTM'd", "gave" (not "reviewing", nor "meetings")."""
    return (token.inflected and token.word.endswith(("ed", "'d"))) or token.word in IRREGULAR_PAST


def modifies_a_noun(words: list[Token], i: int) -> bool:
    """"saved searches", "nested comments": a past participle opening a short noun phrase,
    right before the plural noun it describes, is an adjective, not a verb."""
    following = words[i + 1] if i + 1 < len(words) else None
    return (i == 0 and following is not None and i + 2 == len(words)
            and following.word.endswith("s") and not following.inflected
            and following.stem != following.word and following.word.isalpha())


PERIODS = frozenset("week month quarter sprint year".split())

# How often recurring work happens: "weekly ML sync", "biweekly planning", "the usual retro".
RECURRING = frozenset("weekly daily biweekly fortnightly monthly usual regular".split())

NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "dozen": 12, "couple": 2, "several": 3,
    "once": 1, "twice": 2, "thrice": 3, "daily": 5, "another": 1, "both": 2,
}

TOPIC_PREPOSITIONS = frozenset(
    "on about for in at during after before with from to into regarding around across "
    "over via by through since".split()
)


class _Span(Protocol):
    @property
    def last(self) -> int: ...


SpanT = TypeVar("SpanT", bound=_Span)


def scan(length: int, found_at: Callable[[int], SpanT | None]) -> list[SpanT]:
    """What ``found_at`` finds, left to right, each taken whole: after a find the scan goes on
    past its last token, so matches never overlap (quantities and mentions are read this way)."""
    found: list[SpanT] = []
    i = 0
    while i < length:
        match = found_at(i)
        if match is None:
            i += 1
        else:
            found.append(match)
            i = match.last + 1
    return found
