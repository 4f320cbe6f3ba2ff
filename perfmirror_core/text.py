"""One way to read text: tokens, their normal form, a stem shared by inflections, stopwords.

The extractor, expectation coverage, recommendations and career memory all compare a person's
words with other words ("mentored Priya" with the category "Mentoring session", a statement
with a category, a step with a record). When each read text its own way they disagreed:
"mentors" was `mento` to one and `mentor` to another, so the same words matched in one place
and not in the next. Everything that compares words goes through this module.

The stemmer is deliberately small and explainable rather than Porter's: it folds the
inflections people type in check-ins (plural -s/-es/-ies, past -ed, -ing, a doubled final
consonant, a final silent e) and nothing derivational, so "review", "reviews", "reviewed" and
"reviewing" meet at `review` while "documentation" stays apart from "document". It also says
whether a word carried -ed/-ing, because the extractor treats "released" (work done) and
"release" (a thing) differently.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

# Words, "didn't", "v2.3", "p1"; numbers, "3.11"; any punctuation mark; a newline.
_TOKEN = re.compile(
    r"[a-z0-9]*[a-z][a-z0-9]*(?:'[a-z]+|\.\d+)*"
    r"|\d+(?:[.,]\d+)*"
    r"|[^\w\s]|\n",
    re.IGNORECASE,
)

# Function words: they carry no topic, so no comparison of words should count them.
STOPWORDS = frozenset(
    "a an the and or but nor so of to for on in at by with from into as is are was were be "
    "been being am do does did done has have had it its this that these those there here "
    "i i'm me my mine we our ours you your yours he him his she her hers they them their "
    "theirs what when which who whom whose how why where some any etc other another else "
    "someone".split()
)


@dataclass(frozen=True)
class Token:
    """A word, number or punctuation mark, normalised, with where it stands in the text."""

    word: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        """A word or number, not punctuation."""
        return self.word[0].isalnum()


def plural(count: int, word: str, many: str | None = None) -> str:
    """"1 week", "12 weeks", "2 entries" (``many`` for a plural that is not word + s)."""
    return f"{count} {word}" if count == 1 else f"{count} {many or word + 's'}"


def normalise(text: str) -> str:
    """Lowercase, with typographic apostrophes made plain: "Didn’t" and "didn't" are one word."""
    return _plain_apostrophes(text).lower()


def tokens(text: str) -> list[Token]:
    """Every token of ``text``, normalised; offsets point into the original text."""
    # Lowercased token by token: lowercasing the whole text can change its length ("İ").
    return [Token(match.group().lower(), match.start(), match.end())
            for match in _TOKEN.finditer(_plain_apostrophes(text))]


def _plain_apostrophes(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def words(text: str) -> list[str]:
    """The words and numbers of ``text``, normalised, in order."""
    return [token.word for token in tokens(text) if token.is_word]


def unescape_entities(text: str) -> str:
    """HTML entities decoded, twice-escaped ones too (``&amp;#34;`` -> ``"``): chat templates
    escape earlier turns and small models copy the entities back, into answers and arguments."""
    for _ in range(3):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


def stem(word: str) -> str:
    """The stem a word shares with its inflections: mentors, mentored, mentoring -> mentor."""
    return stem_and_inflection(word)[0]


def stem_and_inflection(word: str) -> tuple[str, bool]:
    """The stem of a normalised word, and whether it carried -ed/-ing (a verb form)."""
    if word.endswith("'s"):
        word = word[:-2]
    if word.endswith("'d") and word[:-2].isalpha():  # "demo'd", "LGTM'd": a past tense
        return stem(word[:-2]), True
    if len(word) < 3 or not word.isalpha():
        return word, False
    base, inflected = _strip_verb_ending(_singular(word))
    return _strip_final_e(base), inflected


def keywords(text: str, ignore: Iterable[str] = ()) -> set[str]:
    """The stems of the words that say what a text is about: no stopwords, none of
    ``ignore``, nothing under three letters."""
    skip = STOPWORDS.union(ignore)
    return {stem(word) for word in words(text) if word not in skip and len(word) > 2}


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("es") and (word[-3] in "sxz" or word[-4:-2] in ("ch", "sh")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def _strip_verb_ending(word: str) -> tuple[str, bool]:
    for suffix in ("ing", "ed"):
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= 3:
            if suffix == "ed" and base.endswith("i"):
                base = base[:-1] + "y"
            return _undouble(base), True
    return word, False


def _undouble(base: str) -> str:
    """shipp -> ship, plann -> plan; but keep call, pass, and a three-letter word: add."""
    if len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "aeioulsz":
        return base[:-1]
    return base


def _strip_final_e(word: str) -> str:
    """resolve and resolved must meet at "resolv"."""
    if len(word) > 3 and word.endswith("e") and not word.endswith("ee"):
        return word[:-1]
    return word


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_SHORTEST_MENDED = 5
# Endings that make a new word from a known one, not a typo of it: "reviewer", "delivery".
_DERIVATIONS = frozenset("er ers ery y ry ies able ably ful ment ments ist ists ish".split())


def one_slip_away(word: str, known: frozenset[str]) -> str | None:
    """The spelling of a mistyped word one slip from a known stem ("reviwed" -> "reviewed",
    "desing" -> "design"), or None when there is no such stem or more than one.

    People type check-ins fast; one slipped key should not lose the entry. A slip is a letter
    dropped, doubled or swapped with its neighbour. A letter replaced by another is not
    mended: real words differ from each other that way ("retry" and "retro", "chance" and
    "change"). Only long words are mended, to long stems (short ones sit one slip from too
    many others: "event" from "evening"), the first two letters are kept (typos rarely touch
    them, and real words often differ there: "lunch" is not "launch", "cache" not "coach"),
    and of two spellings with the same stem the verb form wins: "mentord" is "mentored".
    """
    if (len(word) < _SHORTEST_MENDED or not word.isalpha() or stem(word) in known
            or any(word.startswith(known_stem) and word[len(known_stem):] in _DERIVATIONS
                   for known_stem in known)):
        return None  # a word, or one made from a word: "reviewer", "delivery"
    found: dict[str, str] = {}
    for variant in _one_edit(word):
        variant_stem, inflected = stem_and_inflection(variant)
        if len(variant_stem) >= _SHORTEST_MENDED + 1 and variant_stem in known:
            if variant_stem not in found or inflected:
                found[variant_stem] = variant
    return next(iter(found.values())) if len(found) == 1 else None


def _one_edit(word: str) -> set[str]:
    """Every spelling one insertion, deletion or swap of neighbours away, the first two
    letters untouched."""
    edits: set[str] = set()
    for i in range(2, len(word) + 1):
        head, tail = word[:i], word[i:]
        edits.update(head + letter + tail for letter in _LETTERS)
        if tail:
            edits.add(head + tail[1:])
            if len(tail) > 1:
                edits.add(head + tail[1] + tail[0] + tail[2:])
    edits.discard(word)
    return edits


# A question typed without its question mark: "how do I get more visibility",
# "should I write more tests", "were my 1:1s enough". ("Did three interviews" and "Was on call"
# open with an auxiliary but ask nothing.)
QUESTION_OPENING = re.compile(
    r"^\s*(?:(?:how|what|why|where|which|who|when)\s+(?:do|does|did|can|could|should|would"
    r"|is|are|am|was|will|shall)\b|what'?s\b|how'?s\b"
    r"|(?:should|could|would|can|do|does|did|is|am|are|will|shall|have)\s+"
    r"(?:i|we|you|it|there)\b"
    r"|(?:was|were|has)\s+(?:i|we|you|it|there|my|our)\b)",
    re.IGNORECASE,
)


def asks(sentence: str) -> bool:
    """A question, with or without its mark. The one rule for the extractor (a question
    proposes no entry) and the chat (a question is answered, not logged): "Did four interviews
    this week." reports work, "did I do enough interviews" asks."""
    plain = sentence.replace("’", "'")
    return plain.rstrip().endswith("?") or bool(QUESTION_OPENING.match(plain))
