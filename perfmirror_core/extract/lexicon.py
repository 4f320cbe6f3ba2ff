"""The vocabulary's words as a lexicon of weighted terms, and the evidence they give.

A category's full name or a synonym weighs 3, the head noun of a name ("meeting" in "Team
meeting") 2, any other name, synonym or description word 1. A term two categories offer at the
same strength proves nothing and is dropped; a word one slipped key from a strong term is mended.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..text import STOPWORDS, one_slip_away, stem, stem_and_inflection
from .colloquial import COLLOQUIAL
from .words import NUMBER_WORDS, Token, plain_stems, stems_of, tokenize

# Evidence weights. A category is proposed for a clause when its evidence reaches PROPOSE_AT.
FULL_TERM = 3
HEAD_WORD = 2
SUPPORTING_WORD = 1
PROPOSE_AT = 2


@dataclass(frozen=True)
class CategoryVocabulary:
    """What the extractor knows about one category: its words."""

    name: str
    synonyms: tuple[str, ...] = ()
    description: str = ""


_VocabularyKey = tuple[tuple[str, tuple[str, ...], str], ...]


@dataclass(frozen=True)
class _Term:
    category: str
    weight: int


@dataclass(frozen=True)
class Lexicon:
    terms: dict[tuple[str, ...], _Term]
    verb_stems: frozenset[str]  # stems the vocabulary itself uses with -ed/-ing
    past_only_stems: frozenset[str]  # nouns of work whose past tense means doing the work
    longest: int
    spellings: frozenset[str]  # the stems a mistyped word may be mended to
    turned: dict[tuple[str, str], _Term]  # "team sync" as ("sync", "team"): said the other way
    shared: dict[str, frozenset[str]]  # a strong word several categories offer: "meeting"
    # Heads that are a name's -ing word ("building" in "Culture building"): only that form
    # names the work, "the builds are faster" does not. ("meetings" keeps its -ing.)
    gerund_heads: frozenset[str]
    per_person: frozenset[str]  # categories whose work is counted once per person
    undertakings: frozenset[str]  # categories whose work a sentence may name step by step
    # a plan's noun -> its category: where the sentence names the plan, that work is one plan
    plans: dict[str, str]
    forums: frozenset[tuple[str, ...]]  # terms of meetings where decisions of the work are made
    listed: dict[str, frozenset[str]]  # a shared word alone in a list: the work it continues
    nouns: dict[str, frozenset[str]]  # per category, the one-word names of its work
    # Categories whose work includes an uncounted piece of others said in the same sentence.
    same_work: dict[str, frozenset[str]]
    # The same, unless the piece names its own object ("fixed the retry bug").
    same_work_unless_named: dict[str, frozenset[str]]


def vocabulary_key(categories: Sequence[CategoryVocabulary]) -> _VocabularyKey:
    return tuple(
        (category.name, tuple(category.synonyms), category.description)
        for category in categories
    )


@lru_cache(maxsize=32)
def lexicon_for(vocabulary: _VocabularyKey) -> Lexicon:
    offers: dict[tuple[str, ...], dict[str, int]] = {}
    for name, synonyms, description in vocabulary:
        for stems, weight in _category_terms(name, synonyms, description).items():
            offers.setdefault(stems, {})[name] = weight
    terms = {
        stems: _strongest(by_category)
        for stems, by_category in offers.items()
        if _is_distinctive(by_category)
    }
    return Lexicon(
        terms=terms,
        verb_stems=_verb_stems(vocabulary),
        past_only_stems=_nouns_used_as_verbs(terms),
        longest=max((len(stems) for stems in terms), default=0),
        spellings=_spellings(terms),
        turned={(stems[1], stems[0]): term for stems, term in terms.items()
                if len(stems) == 2 and term.weight == FULL_TERM},
        shared={stems[0]: frozenset(by_category) for stems, by_category in offers.items()
                if len(stems) == 1 and not _is_distinctive(by_category)
                and min(by_category.values()) >= HEAD_WORD},
        same_work=_same_work(terms, COLLOQUIAL.same_work),
        same_work_unless_named=_same_work(terms, COLLOQUIAL.same_work_unless_named),
        nouns={category: frozenset(stems[0] for stems, term in terms.items()
                                    if len(stems) == 1 and term.category == category
                                    and term.weight >= HEAD_WORD)
               for category in {term.category for term in terms.values()}},
        listed={stem(word): frozenset(offers.get((stem(word),), {})) for word in COLLOQUIAL.list_words},
        per_person=_categories_of(COLLOQUIAL.per_person, terms),
        undertakings=_categories_of(COLLOQUIAL.undertakings, terms),
        plans={stem(word): term.category for word in COLLOQUIAL.plans
               if (term := terms.get(plain_stems(COLLOQUIAL.nouns[word][0]))) is not None},
        forums=frozenset(stems_of(term) for term in COLLOQUIAL.forums),
        gerund_heads=frozenset(head for name, synonyms, _ in vocabulary
                               if (head := _head_word(name) or _gerund_name(name))
                               and name.endswith("ing")
                               and not _said_otherwise(head, synonyms)),
    )


def _categories_of(words: Sequence[str], terms: dict[tuple[str, ...], _Term]) -> frozenset[str]:
    """The vocabulary's categories that ``colloquial.toml``'s terms name (a vocabulary
    without such a term simply has no such category)."""
    return frozenset(term.category for word in words
                     if (term := terms.get(stems_of(word))) is not None)


def _same_work(
    terms: dict[tuple[str, ...], _Term], table: dict[str, tuple[str, ...]]
) -> dict[str, frozenset[str]]:
    """A ``colloquial.toml`` table of ``[same_work]`` in the vocabulary's categories."""
    def category(term: str) -> str | None:
        found = terms.get(stems_of(term))
        return found.category if found else None

    same: dict[str, frozenset[str]] = {}
    for whole, parts in table.items():
        whole_category = category(whole)
        if whole_category is not None:
            same[whole_category] = same.get(whole_category, frozenset()) | frozenset(
                found for part in parts
                if (found := category(part)) is not None and found != whole_category)
    return same


def _spellings(terms: dict[tuple[str, ...], _Term]) -> frozenset[str]:
    """The words worth mending a typo to: those of the vocabulary's names, synonyms and head
    words. Not description words (one weak word is not worth a guess), nor the colloquial
    verbs: everyday words sit one slip from them ("lunch" from "launch")."""
    return frozenset(word for stems, term in terms.items() if term.weight >= HEAD_WORD
                     for word in stems if word not in STOPWORDS)


def _category_terms(
    name: str, synonyms: tuple[str, ...], description: str
) -> dict[tuple[str, ...], int]:
    """Every term that points at this category, with the strongest weight it earns."""
    terms: dict[tuple[str, ...], int] = {}

    def offer(stems: tuple[str, ...], weight: int) -> None:
        if stems and weight > terms.get(stems, 0):
            terms[stems] = weight

    for phrase in (name, *synonyms):
        for spelling in _hyphen_spellings(stems_of(phrase)):
            offer(spelling, FULL_TERM)
        for verb in _verbs_named_by(phrase):
            offer((verb,), FULL_TERM)
        for word_stem in _content_stems(phrase):
            offer((word_stem,), SUPPORTING_WORD)
    head = _head_word(name)
    if head:
        offer((head,), HEAD_WORD)
    for word_stem in _content_stems(description):
        offer((word_stem,), SUPPORTING_WORD)
    return terms


def _hyphen_spellings(stems: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A term as written, and as people also write it: "skip-level" and "skip level",
    "brown bag" and "brown-bag"."""
    if "-" in stems:
        return [stems, tuple(word for word in stems if word != "-")]
    if len(stems) == 2:
        return [stems, (stems[0], "-", stems[1])]
    return [stems]


def _verbs_named_by(phrase: str) -> list[str]:
    """The verb a one-word "-ation" noun is made from: "automation" is what "automated"
    did. Both ways of cutting the ending are offered ("automat-e", "present"); the wrong
    one is not a word and never matches."""
    words = phrase.lower().split()
    if len(words) != 1 or not words[0].endswith("ation"):
        return []
    return [stem(words[0][:-3] + "e"), stem(words[0][:-5])]


def _said_otherwise(head: str, synonyms: Sequence[str]) -> bool:
    """Whether a synonym uses the head in another form than its -ing word: a person's own
    "Pairing" category with the synonym "paired" names the work by "paired" too."""
    return any(stem(word) == head and not word.endswith(("ing", "ings"))
               for synonym in synonyms for word in synonym.lower().split())


def _gerund_name(name: str) -> str | None:
    """A one-word name that is an -ing word ("Learning") names the activity only in that
    form: "learned a lot", "lessons learned" say what someone found out, not that they took a
    course."""
    stems = stems_of(name) if len(name.split()) == 1 else ()
    return stems[0] if len(stems) == 1 else None


def _head_word(name: str) -> str | None:
    """The noun a multi-word name is about: "meeting" in "Team meeting".

    A name ending in a participle ("Feature shipped", "Tests written") names an outcome, not a
    thing: neither word alone says it happened, so it has no head.
    """
    words = name.split()
    if len(words) < 2 or words[-1].lower().endswith(("ed", "en")):
        return None
    stems = stems_of(words[-1])
    return stems[-1] if stems else None


def _content_stems(phrase: str) -> list[str]:
    return [
        token.stem
        for token in tokenize(phrase)
        if token.word not in STOPWORDS and token.word not in NUMBER_WORDS
        and any(ch.isalpha() for ch in token.word)
    ]


def _is_distinctive(by_category: dict[str, int]) -> bool:
    """A term points at one category: offered by one, or more strongly by one than by any
    other ("meeting" heads both "Team meeting" and "1:1 meeting": it says neither)."""
    weights = sorted(by_category.values(), reverse=True)
    return len(weights) == 1 or (weights[0] > SUPPORTING_WORD and weights[0] > weights[1])


def _strongest(by_category: dict[str, int]) -> _Term:
    # Distinctive terms have one strongest category, so the vocabulary's order never matters.
    name, weight = max(by_category.items(), key=lambda item: item[1])
    return _Term(name, weight)


# Everyday verbs that are also the vocabulary's nouns: "talked to support" is no talk, "tested
# the release by hand" no tests written, "planned", "met" and "read" say nothing alone.
_EVERYDAY_VERBS = frozenset(stem(word) for word in
                            "talk test tests train training plan meet read feature".split())


def _nouns_used_as_verbs(terms: dict[tuple[str, ...], _Term]) -> frozenset[str]:
    """A one-word name of work used as a verb in the past is doing that work: "spec'd out
    the API", "retro'd the launch", "hotfixed", "researched". (Its -ing form is most often a
    noun again: "a hiring freeze", "the hiring manager".)"""
    return frozenset(stems[0] for stems, term in terms.items()
                     if len(stems) == 1 and term.weight == FULL_TERM
                     and stems[0] not in _EVERYDAY_VERBS)


def past(token: Token) -> bool:
    return token.word.endswith(("ed", "'d"))


def _verb_stems(vocabulary: _VocabularyKey) -> frozenset[str]:
    """"reviewed" may match "review" because the vocabulary says "reviewing"; "talked" may
    not match "talk", because nothing in the vocabulary uses talk as a verb."""
    phrases = [
        part for name, synonyms, description in vocabulary
        for part in (name, *synonyms, description)
    ]
    return frozenset(
        token.stem for phrase in phrases for token in tokenize(phrase) if token.inflected
    ) | {verb for phrase in phrases for verb in _verbs_named_by(phrase)}


@dataclass(frozen=True)
class Mention:
    category: str
    weight: int
    first: int  # token positions within the clause, inclusive
    last: int


def without_mentions_of(term: tuple[str, ...], mentions: list[Mention], lexicon: Lexicon,
                        unsaid: Callable[[Mention], bool]) -> list[Mention]:
    """The mentions less those of the category ``term`` belongs to that ``unsaid`` takes back
    ("building the billing engine" is no culture building). All of them when the vocabulary
    has no such term: a person's own categories keep what the rules read."""
    found = lexicon.terms.get(term)
    if found is None:
        return mentions
    return [m for m in mentions if not (m.category == found.category and unsaid(m))]


def evidence_of(mentions: list[Mention]) -> dict[str, int]:
    evidence: dict[str, int] = {}
    for mention in mentions:
        evidence[mention.category] = evidence.get(mention.category, 0) + mention.weight
    return evidence


def mended(tokens: list[Token], lexicon: Lexicon) -> list[Token]:
    """Tokens with one-keystroke typos of the vocabulary's words mended: "reviwed 5 PRs"."""
    mended = []
    for token in tokens:
        spelling = one_slip_away(token.word, lexicon.spellings)
        if spelling is None:
            mended.append(token)
        else:
            word_stem, inflected = stem_and_inflection(spelling)
            mended.append(Token(spelling, word_stem, inflected, token.start, token.end))
    return mended

