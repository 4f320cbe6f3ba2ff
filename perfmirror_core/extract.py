"""Propose (category, count) pairs from a free-text check-in, deterministically.

How it works:

1. Words are lowercased and lightly stemmed (``perfmirror_core.text``: reviews/reviewed/
   reviewing -> "review", bugs -> "bug"), and a few generic abbreviations are folded
   ("pull request" -> "pr", "document" -> "doc", "w/" -> "with"). The vocabulary goes through
   the same steps. A word one slipped key from one of the vocabulary's words is mended
   ("reviwed", "desing").
2. The vocabulary becomes a lexicon of weighted terms: a category's full name or a synonym
   weighs 3, the head noun of a name ("meeting" in "Team meeting") 2, any other name or
   synonym word, or a description word, 1. A term two categories offer at the same
   strength ("writing", "production", the head "meeting") proves nothing and is dropped.
3. The text is split into clauses at sentence punctuation, commas and conjunctions. Each
   clause is taken as one activity: terms are matched longest-first (one span, one
   category), mentions after a topic preposition ("a talk *on* incidents") are ignored, and
   the category with the most evidence wins if it reaches 2. So a name or synonym is enough
   on its own, while description words need company. What people say instead of the
   vocabulary's words counts too: colloquial verbs ("squashed", "rolled out"), a finished
   object ("nailed two bugs"), a modifier naming the work ("an onboarding session");
   reading a document is not writing it. Work named by a phrase rather than a word ("got CI
   from 20 to 8 minutes", "showed it at the town hall", "across three teams") is read by
   ``extract_phrases``.
4. Negation ("no", "didn't", "nothing") and intent ("will", "planning to") cancel mentions
   that follow them in the clause.
5. Quantities (digits, number words, "a dozen", "twice", "every day") attach to the winning
   category's nearest mention; without one the count is 1. A clause that is only a number
   ("and 2 more", "7 of them", "one with my manager", "and Jo once") continues the previous
   clause, and so does another object ("tests for the parser and the linter", "Kim's PR and
   Lou's"); "wrote one" is the thing just named. Counts are summed per category across
   clauses, in order of first mention; a write-up of work already counted in the sentence
   ("handled an outage and wrote the postmortem") or "shipped it" adds nothing.

Why rules rather than a model: check-ins are short and formulaic, the person should be able
to see which phrase produced which count, and the same words must give the same answer
every time, quickly and offline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .extract_phrases import phrase_matches
from .text import STOPWORDS, asks, one_slip_away, stem, stem_and_inflection
from .text import tokens as text_tokens

# Evidence weights. A category is proposed for a clause when its evidence reaches PROPOSE_AT.
FULL_TERM = 3
HEAD_WORD = 2
SUPPORTING_WORD = 1
PROPOSE_AT = 2

# Words further than this from a mention are not its count.
MAX_COUNT_GAP = 6
# Anything at or above this is an identifier or a year, not a weekly count.
IMPLAUSIBLE_COUNT = 100


@dataclass(frozen=True)
class CategoryVocabulary:
    """What the extractor knows about one category: its words."""

    name: str
    synonyms: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class ExtractedActivity:
    category: str  # the category's name exactly as given in the vocabulary
    count: int  # >= 1
    phrase: str  # the span of text it came from (for showing the person why)


def extract_activities(
    text: str, categories: Sequence[CategoryVocabulary]
) -> list[ExtractedActivity]:
    """One item per category, counts summed, no zero counts, in order of first mention."""
    lexicon = _lexicon_for(_vocabulary_key(categories))
    tally = _Tally()
    previous: _Activity | None = None
    reading_on = False
    done_in_sentence: set[str] = set()  # categories of work done (not written up) so far
    sentence_end = 0
    for clause in _clauses(_mended(_tokenize(_statements_only(text)), lexicon)):
        if _SENTENCE_END.search(text, sentence_end, clause[0].start):
            done_in_sentence = set()
        sentence_end = clause[-1].end
        clause = _with_antecedent(clause, previous)
        reading_on = _reads(clause, reading_on)
        reading = _read_clause(clause, lexicon, text, reading_on)
        if isinstance(reading, _Continuation):
            previous = _continue(previous, reading, tally) if previous else None
        elif isinstance(reading, _Activity):
            if (previous is not None and reading.category == previous.category
                    and not reading.explicit and _refers_back(clause)):
                continue  # "built the feature and shipped it": one feature
            if not _writes_up(clause):
                done_in_sentence.add(reading.category)
            elif not reading.explicit and reading.category in done_in_sentence:
                continue  # "handled two pages and wrote the postmortem": the same work
            tally.add(reading.category, reading.count, reading.phrase)
            previous = reading
        else:
            previous = None
    return tally.activities()


_SENTENCE_END = re.compile(r"[.!?\n]")


def _writes_up(clause: list[_Token]) -> bool:
    """Whether the clause writes something up ("wrote the postmortem", "wrote up notes"):
    after doing a piece of work in the same sentence, its write-up is part of it."""
    return any(token.stem in _WRITING_UP for token in clause)


def _refers_back(clause: list[_Token]) -> bool:
    """"shipped it", "merged them": the object is the work just named."""
    return any(token.word in ("it", "them") for token in clause[1:])


def categories_named(text: str, categories: Sequence[CategoryVocabulary]) -> list[str]:
    """The categories a text names outright (a name, synonym or head word), in order.

    For questions such as "how do I get better at interviewing?": they name work without
    reporting any, so they are never extracted as activities.
    """
    lexicon = _lexicon_for(_vocabulary_key(categories))
    named: list[str] = []
    for clause in _clauses(_tokenize(text)):
        for mention in _match_terms(clause, lexicon, frozenset()):
            if mention.weight >= PROPOSE_AT and mention.category not in named:
                named.append(mention.category)
    return named


_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|\n|$)")
# "I keep starting design docs and never finishing them": a habit lamented, not work done.
_NOT_DONE = re.compile(
    r"\b(never|not|don'?t|didn'?t|can'?t|cannot)\s+(actually\s+)?"
    r"(finish|finishing|finished|complete|completing|do|doing|get around|ship|shipping)\b"
    r"|\b(keep|kept|always)\s+(meaning|trying|starting|putting off|postponing|skipping|missing"
    r"|forgetting|avoiding|dropping|saying|say|mean|forget)\b"
    r"|\bthen\s+(i\s+)?(don'?t|didn'?t|never)\b",
    re.IGNORECASE,
)


def _statements_only(text: str) -> str:
    """The text with questions and lamented habits blanked out (offsets kept, so phrases
    still point into the original): asking about work or failing at it is not doing it."""
    kept = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group().replace("’", "'")
        if asks(sentence) or _NOT_DONE.search(sentence):
            sentence = re.sub(r"[^\n]", " ", sentence)
        kept.append(sentence)
    return "".join(kept)


# --- references ------------------------------------------------------------------------

_REFERENCE_PATTERNS = tuple(re.compile(pattern) for pattern in (
    r"https?://\S+[^\s.,;:!?)\]'\"]",  # a link
    r"\b(?:PR|MR|pull request|merge request|issue|ticket)\s*#?\d+\b",  # "PR #412"
    r"\b[A-Z][A-Z0-9]+-\d+\b",  # a ticket key: "INC-771", "JIRA-12"
    r"(?<![\w#])#\d+\b",  # "#412"
    r"(?<![\w])[\"“'‘]([^\"”'’\n]{3,80})[\"”'’](?!\w)",  # a quoted title
    r"\b[\w-]+\.(?:md|pdf|docx?|txt|rst|adoc|pptx?|key|html)\b",  # a document file
    r"\(([\w-]*[-_][\w-]*\d[\w-]*)\)",  # a slug in brackets: "(queue-migration-v2)"
))


def find_reference(text: str) -> str | None:
    """The link, PR, ticket or document a sentence names, so an entry can point at its
    evidence: "Fixed the login bug (PR #412)" -> "PR #412"."""
    for pattern in _REFERENCE_PATTERNS:
        match = pattern.search(text)
        if match:
            return (match.group(1) if match.groups() else match.group()).strip()
    return None


# --- words -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    word: str  # lowercased surface form, for function words and numbers
    stem: str  # for vocabulary matching
    inflected: bool  # carried -ed/-ing, i.e. was used as a verb form
    start: int
    end: int
    name: bool = False  # written like a name ("Sam"; not "SQL", not "the")


def _tokenize(text: str) -> list[_Token]:
    tokens = []
    for token in text_tokens(text):
        word_stem, inflected = stem_and_inflection(token.word)
        surface = text[token.start : token.end]
        name = surface[:1].isupper() and surface[1:].islower()
        tokens.append(_Token(token.word, word_stem, inflected, token.start, token.end, name))
    return _fold_aliases(tokens)


def _stems_of(phrase: str) -> tuple[str, ...]:
    return tuple(token.stem for token in _tokenize(phrase))


_ALIAS_SOURCES = {
    "pull request": "pr",
    "merge request": "pr",
    "mr": "pr",
    "request for comments": "rfc",
    "document": "doc",
    "stand up": "standup",
    "bugfix": "bug fix",
    # One-on-ones are not counts of anything: "1:1" must not read as two ones.
    "one on one": "oneonone",
    "1:1": "oneonone",
    "1:1s": "oneonone",
    "one-on-one": "oneonone",
    "1on1s": "1on1",
    "was coached": "got coached",
    "were coached": "got coached",
    # "lunch-and-learn" is a talk; folded before "and" could split it into two clauses.
    "lunch and learn": "talk",
    "lunch-and-learn": "talk",
    "knowledge sharing": "talk",
    "knowledge-sharing": "talk",
    "once-over": "review",
    "upstream": "open source",
    # A new hire is a person, not a hiring decision.
    "new hire": "newcomer",
    "new hires": "newcomers",
    # Shorthand typed in a hurry.
    "w/": "with",
    "thru": "through",
    "@": "at",
    # A chat about a career is the vocabulary's "career conversation".
    "chat": "conversation",
    # A group's own meeting is a team meeting; a planning session, sprint planning.
    "staff meeting": "team meeting",
    "group meeting": "team meeting",
    "squad meeting": "team meeting",
    "planning session": "sprint planning",
    "retrospective": "retro",
    "retrospectives": "retros",
    # One word each, so that rules can name them.
    "all-hands": "allhands",
    "all hands": "allhands",
    "town hall": "townhall",
    "how-to": "howto",
    "write-up": "writeup",
}


def _plain_stems(phrase: str) -> tuple[str, ...]:
    """Stems without alias folding (the alias and colloquial tables are built from these)."""
    return tuple(stem(token.word) for token in text_tokens(phrase))


def _alias_table() -> dict[tuple[str, ...], tuple[str, ...]]:
    return {_plain_stems(source): _plain_stems(target)
            for source, target in _ALIAS_SOURCES.items()}


_ALIASES = _alias_table()
_LONGEST_ALIAS = max(len(source) for source in _ALIASES)


def _fold_aliases(tokens: list[_Token]) -> list[_Token]:
    folded: list[_Token] = []
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


def _aliased(window: list[_Token], target: tuple[str, ...]) -> list[_Token]:
    first, last = window[0], window[-1]
    word = " ".join(token.word for token in window)
    # The target is the vocabulary's own wording, so it matches whatever tense was typed; but
    # one word for one word keeps its form: "documented" is a verb, "docs" the thing.
    inflected = len(window) == 1 == len(target) and first.inflected
    return [_Token(word, target_stem, inflected, first.start, last.end) for target_stem in target]


# --- lexicon ---------------------------------------------------------------------------

_VocabularyKey = tuple[tuple[str, tuple[str, ...], str], ...]


@dataclass(frozen=True)
class _Term:
    category: str
    weight: int


@dataclass(frozen=True)
class _Lexicon:
    terms: dict[tuple[str, ...], _Term]
    verb_stems: frozenset[str]  # stems the vocabulary itself uses with -ed/-ing
    past_only_stems: frozenset[str]  # nouns of work whose past tense means doing the work
    longest: int
    spellings: frozenset[str]  # the stems a mistyped word may be mended to
    turned: dict[tuple[str, str], _Term]  # "team sync" as ("sync", "team"): said the other way
    shared: dict[str, frozenset[str]]  # a strong word several categories offer: "meeting"


def _vocabulary_key(categories: Sequence[CategoryVocabulary]) -> _VocabularyKey:
    return tuple(
        (category.name, tuple(category.synonyms), category.description)
        for category in categories
    )


@lru_cache(maxsize=32)
def _lexicon_for(vocabulary: _VocabularyKey) -> _Lexicon:
    offers: dict[tuple[str, ...], dict[str, int]] = {}
    for name, synonyms, description in vocabulary:
        for stems, weight in _category_terms(name, synonyms, description).items():
            offers.setdefault(stems, {})[name] = weight
    terms = {
        stems: _strongest(by_category)
        for stems, by_category in offers.items()
        if _is_distinctive(by_category)
    }
    return _Lexicon(
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
    )


def _spellings(terms: dict[tuple[str, ...], _Term]) -> frozenset[str]:
    """The words worth mending a typo to: those of the vocabulary's names, synonyms and head
    words. Not description words (one weak word is not worth a guess), nor the colloquial
    verbs: everyday words sit one slip from them ("lunch" from "launch")."""
    return frozenset(word for stems, term in terms.items() if term.weight >= HEAD_WORD
                     for word in stems if word not in STOPWORDS)


def _mended(tokens: list[_Token], lexicon: _Lexicon) -> list[_Token]:
    """Tokens with one-keystroke typos of the vocabulary's words mended: "reviwed 5 PRs"."""
    mended = []
    for token in tokens:
        spelling = one_slip_away(token.word, lexicon.spellings)
        if spelling is None:
            mended.append(token)
        else:
            word_stem, inflected = stem_and_inflection(spelling)
            mended.append(_Token(spelling, word_stem, inflected, token.start, token.end))
    return mended


def _category_terms(
    name: str, synonyms: tuple[str, ...], description: str
) -> dict[tuple[str, ...], int]:
    """Every term that points at this category, with the strongest weight it earns."""
    terms: dict[tuple[str, ...], int] = {}

    def offer(stems: tuple[str, ...], weight: int) -> None:
        if stems and weight > terms.get(stems, 0):
            terms[stems] = weight

    for phrase in (name, *synonyms):
        for spelling in _hyphen_spellings(_stems_of(phrase)):
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


def _head_word(name: str) -> str | None:
    """The noun a multi-word name is about: "meeting" in "Team meeting".

    A name ending in a participle ("Feature shipped") names an outcome, not a thing: neither
    word alone says it happened, so it has no head.
    """
    words = name.split()
    if len(words) < 2 or words[-1].lower().endswith("ed"):
        return None
    stems = _stems_of(words[-1])
    return stems[-1] if stems else None


def _content_stems(phrase: str) -> list[str]:
    return [
        token.stem
        for token in _tokenize(phrase)
        if token.word not in STOPWORDS and token.word not in _NUMBER_WORDS
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


def _past(token: _Token) -> bool:
    return token.word.endswith(("ed", "'d"))


def _verb_stems(vocabulary: _VocabularyKey) -> frozenset[str]:
    """"reviewed" may match "review" because the vocabulary says "reviewing"; "talked" may
    not match "talk", because nothing in the vocabulary uses talk as a verb."""
    phrases = [
        part for name, synonyms, description in vocabulary
        for part in (name, *synonyms, description)
    ]
    return frozenset(
        token.stem for phrase in phrases for token in _tokenize(phrase) if token.inflected
    ) | {verb for phrase in phrases for verb in _verbs_named_by(phrase)}


# --- clauses ---------------------------------------------------------------------------

_CLAUSE_PUNCTUATION = frozenset(".!?;,\n&+")
_CLAUSE_CONJUNCTIONS = frozenset(
    "and but plus then also though although while whereas".split()
)


def _clauses(tokens: list[_Token]) -> list[list[_Token]]:
    clauses: list[list[_Token]] = [[]]
    for token in tokens:
        if (token.word in _CLAUSE_PUNCTUATION or token.word in _CLAUSE_CONJUNCTIONS
                or _is_bullet(token.word)):
            clauses.append([])
        else:
            clauses[-1].append(token)
    return [clause for clause in clauses if clause]


def _is_bullet(word: str) -> bool:
    """A mark that starts an item in a list typed as one line: "✅ shipped it ✅ fixed 3",
    "• standup", "| retro". (Letters and digits of any script are words, not marks.)"""
    return len(word) == 1 and (word in "|*•·" or (not word.isascii() and not word.isalnum()))


@dataclass(frozen=True)
class _Mention:
    category: str
    weight: int
    first: int  # token positions within the clause, inclusive
    last: int


@dataclass(frozen=True)
class _Quantity:
    value: int
    first: int
    last: int
    object_of_preposition: bool  # "to 40 people": counts the people, not the activity
    adverb_only: bool  # "daily" counts only after its noun: "the daily standup" is a name


@dataclass(frozen=True)
class _Activity:
    category: str
    count: int
    explicit: bool  # a quantity was stated, rather than the default 1
    phrase: str
    # The words of what the work was done to ("spec" in "read two specs"), for "wrote one".
    work_object: tuple[_Token, ...] = ()
    # Whether another object joined by "and" is another piece of the same work: "tests for
    # the importer and the exporter" are two sets, "a talk on caching and queues" one talk.
    spreads: bool = False


@dataclass(frozen=True)
class _Continuation:
    """A clause that is only a quantity or another object: "and 2 more on Friday", "7 of
    them", "and Tom's"."""

    value: int
    adds: bool  # "2 more" adds; otherwise it states the count of the previous clause
    phrase: str
    another_day: bool = False  # "Interviewed on Monday and Wednesday": once more, if uncounted
    another_object: bool = False  # "Reviewed Priya's PR and Tom's": one more, if it spreads
    # "Fixed a leak and two crashes": a count of other things of the same work, which adds
    # unless the clause before was counted ("2 talks, 1 internal" is a breakdown).
    new_things: bool = False
    # Categories a word of the clause could name ("two planning meetings": Team meeting or
    # 1:1 meeting); when there are any, it continues only work of one of them.
    could_be: frozenset[str] = frozenset()


def _read_clause(
    clause: list[_Token], lexicon: _Lexicon, text: str, reading_on: bool = False
) -> _Activity | _Continuation | None:
    phrase = text[clause[0].start : clause[-1].end]
    cancellers = _cancellers(clause)
    if cancellers.whole_clause or _is_distributive(clause):
        return None
    if _someone_else_did(clause):
        return None
    colloquial = (_colloquial_mentions(clause, lexicon) + _turned_mentions(clause, lexicon)
                  + _phrase_mentions(clause, lexicon))
    taken = {i for m in colloquial for i in range(m.first, m.last + 1)}
    mentions = _compounds(sorted(
        colloquial + _match_terms(clause, lexicon, cancellers.blocked | taken)
        + _finished_objects(clause, lexicon),
        key=lambda m: m.first,
    ), clause)
    if reading_on:
        mentions = _as_reading(mentions, clause, lexicon)
    quantities = _quantities(clause)
    if _winning_category(mentions) is None:  # at most a stray word: "one with my manager"
        return _continuation(clause, quantities, cancellers, phrase, lexicon)
    mentions = _drop_topics(mentions, clause)
    mentions = [m for m in mentions if not _negated(m, cancellers, mentions)]
    category = _winning_category(mentions)
    if category is None:
        return None
    own = [m for m in mentions if m.category == category]
    count, explicit = _count_for(own, quantities, clause)
    if count <= 0:
        return None
    work = max(own, key=lambda m: m.weight)  # the first of the strongest
    return _Activity(category, count, explicit, phrase,
                     tuple(clause[work.first : work.last + 1]), _spreads(clause, work))


# "tests for the importer and the exporter": each object its own piece of work. Not after
# one thing ("a talk on X and Y"), a topic ("about"), or company ("with Sam and Jo").
_ONE_THING = frozenset("a an one another".split())
_NOT_SPREAD_AFTER = frozenset("on about regarding around with alongside".split())


def _spreads(clause: list[_Token], work: _Mention) -> bool:
    return not any(token.word in _ONE_THING for token in clause[: work.last + 1]) and not any(
        token.word in _NOT_SPREAD_AFTER for token in clause[work.last + 1 :])


_ANAPHORS = frozenset(("one", "another"))
# "read three others": after a count, these stand for the thing just named, whatever the verb.
_COUNTED_ANAPHORS = frozenset(("others", "ones", "more"))


def _with_antecedent(clause: list[_Token], previous: _Activity | None) -> list[_Token]:
    """"Read two specs, wrote one": "one" after a verb of making stands for the thing just
    named, so the clause is read as "wrote spec". Not "one bug" (its own noun), not after a
    verb that names its own work ("interviewed another"), nor without a verb ("one more")."""
    if previous is None or not previous.work_object:
        return clause
    for i, token in enumerate(clause):
        following = clause[i + 1] if i + 1 < len(clause) else None
        after_verb = (token.word in _ANAPHORS and i > 0
                      and clause[i - 1].stem in _AUTHORING_VERBS)
        after_count = (token.word in _COUNTED_ANAPHORS and i > 1
                       and _number_value(clause[i - 1].word) is not None
                       and (_is_verb(clause[i - 2]) or _reading_verb_at(clause, i - 2) > 0))
        if ((after_verb or after_count)
                and (following is None or following.word in STOPWORDS
                     or following.word in _REFLEXIVES)):
            stand_in = [_Token(t.word, t.stem, False, token.start, token.end)
                        for t in previous.work_object]
            return clause[:i] + stand_in + clause[i + 1 :]
    return clause


_REFLEXIVES = frozenset("myself ourselves too".split())


def _is_verb(token: _Token) -> bool:
    return token.inflected or token.stem in _AUTHORING_VERBS


def _is_distributive(clause: list[_Token]) -> bool:
    """"one session each", "one each on Monday" restate the clause before it; they are not
    a new activity."""
    return clause[-1].word in ("each", "apiece") or any(
        token.word in ("each", "apiece") and _number_value(clause[i - 1].word) is not None
        for i, token in enumerate(clause) if i > 0)


def _continuation(
    clause: list[_Token],
    quantities: list[_Quantity],
    cancellers: _Cancellers,
    phrase: str,
    lexicon: _Lexicon,
) -> _Continuation | None:
    if cancellers.forward_from is not None:
        return None
    could_be = frozenset().union(*(lexicon.shared.get(token.stem, ()) for token in clause))
    days = [token for token in clause if token.word not in ("on", "the")]
    if not quantities and days and all(token.word in _DAYS for token in days):
        return _Continuation(1, True, phrase, another_day=True)
    if _another_object(clause):
        return _Continuation(1, True, phrase, another_object=True, could_be=could_be)
    if not quantities:
        return None
    lead = quantities[0]
    # "and Jo once": a name before the number makes it another batch of the same work.
    after_a_name = lead.first == 1 and phrase[:1].isupper() and not clause[0].inflected
    hedged = all(token.word in _HEDGES for token in clause[: lead.first])  # ", maybe 9"
    if lead.first != 0 and not after_a_name and not hedged:
        return None
    following = clause[lead.last + 1].word if lead.last + 1 < len(clause) else ""
    adds = (
        after_a_name
        or following in ("more", "additional", "extra", "with", "for")  # "one with my manager"
        or clause[lead.first].word == "another"
        or any(token.word in _TIMES for token in clause)  # "two Wednesday": a new batch
    )
    return _Continuation(lead.value, adds or bool(could_be), phrase, could_be=could_be,
                         new_things=lead.last + 1 < len(clause)
                         and _plural_noun(clause[lead.last + 1]))


def _plural_noun(token: _Token) -> bool:
    """"crashes", "outages": things of their own, not a breakdown ("1 internal")."""
    return (token.word.endswith("s") and token.stem != token.word and not token.inflected
            and token.word not in STOPWORDS and token.word not in _COUNTED_ANAPHORS)


def _another_object(clause: list[_Token]) -> bool:
    """"and Tom's", "and the exporter", "and the backend one": a noun phrase with no verb
    and no count of its own."""
    repeated_preposition = clause[0].word in _TOPIC_PREPOSITIONS and len(clause) > 1
    if repeated_preposition:
        clause = clause[1:]  # "tests for checkout and for search"
    opens = (repeated_preposition or clause[0].word in _DETERMINERS
             or clause[0].word.endswith("'s")
             or (clause[0].name and clause[0].start > 0))  # "... from Ana, Ben and Chloe"
    counted = any(_number_value(token.word) is not None and token.word != "one"
                  for token in clause)
    return opens and not counted and not any(
        _is_verb(token) or token.word in _AUXILIARIES for token in clause)


# "The new editor is live" is a statement of its own, not another object.
_AUXILIARIES = frozenset("is are was were be been has have had do did does got get".split())


def _continue(previous: _Activity, more: _Continuation, tally: _Tally) -> _Activity | None:
    """Apply "and 2 more" to the previous activity.

    A bare number after an explicit count is a breakdown ("2 talks, 1 internal"), not more.
    """
    if more.value < 1 or (more.could_be and previous.category not in more.could_be):
        return None
    if more.another_object:
        if not previous.spreads or previous.explicit:
            return previous
        tally.add(previous.category, 1, more.phrase)
        return _Activity(previous.category, previous.count + 1, False, previous.phrase,
                         previous.work_object, previous.spreads)
    if more.another_day:  # "2 bugs on Monday and Friday" does not say how many on Friday
        if previous.explicit:
            return previous
        tally.add(previous.category, 1, more.phrase)
        return _Activity(previous.category, previous.count + 1, False, previous.phrase)
    if more.adds or (more.new_things and not previous.explicit):
        delta = more.value
    elif not previous.explicit:
        delta = more.value - previous.count
    else:
        return previous
    tally.add(previous.category, delta, more.phrase)
    return _Activity(previous.category, previous.count + delta, True, previous.phrase)


# --- negation and intent ---------------------------------------------------------------

_FORWARD_NEGATORS = frozenset(
    "no not never without neither nor cannot skipped missed "
    "didnt dont doesnt cant wont wasnt werent isnt arent havent hasnt hadnt couldnt "
    "shouldnt wouldnt".split()
)
_CLAUSE_NEGATORS = frozenset("nothing none nobody cancelled canceled postponed".split())
_INTENT_WORDS = frozenset(
    "will gonna should shall would could might considering wish wished".split())
_INTENT_WHOLE_CLAUSE = frozenset(["tomorrow"])
_INTENT_BEFORE_TO = frozenset(
    stem(word) for word in "plan want hope need intend going aim about have has mean meant "
    "supposed".split()
)


@dataclass(frozen=True)
class _Cancellers:
    whole_clause: bool
    forward_from: int | None  # mentions after this position are cancelled
    blocked: frozenset[int]  # positions that belong to a marker ("planning to")


def _cancellers(clause: list[_Token]) -> _Cancellers:
    whole_clause = False
    positions: list[int] = []
    blocked: set[int] = set()
    for i, token in enumerate(clause):
        if (token.word in _CLAUSE_NEGATORS or token.word in _INTENT_WHOLE_CLAUSE
                or _scheduled(clause, i)):
            whole_clause = True
        elif _is_negator(token.word) or token.word in _INTENT_WORDS:
            positions.append(i)
        elif _intends_to(clause, i):
            positions.append(i)
            blocked.update((i, i + 1))
    return _Cancellers(whole_clause, min(positions, default=None), frozenset(blocked))


def _scheduled(clause: list[_Token], i: int) -> bool:
    """"The incident review is next Tuesday": a date ahead, and no verb of work done. (In
    "planned next quarter's roadmap" the planning is done.)"""
    return (clause[i].word == "next" and i + 1 < len(clause)
            and clause[i + 1].word in _TIMES | _PERIODS
            and not any(token.inflected or token.stem in _AUTHORING_VERBS for token in clause))


def _is_negator(word: str) -> bool:
    return word in _FORWARD_NEGATORS or word.endswith("n't")


def _intends_to(clause: list[_Token], i: int) -> bool:
    following = clause[i + 1].word if i + 1 < len(clause) else ""
    return ((clause[i].stem in _INTENT_BEFORE_TO and following == "to")
            or (clause[i].stem == "think" and following in ("about", "of")))


def _negated(mention: _Mention, cancellers: _Cancellers, mentions: list[_Mention]) -> bool:
    """A category is cancelled if any of its mentions follows a negator: "reviewed no PRs"."""
    if cancellers.forward_from is None:
        return False
    return any(
        m.first > cancellers.forward_from for m in mentions if m.category == mention.category
    )


# --- what people say instead of the vocabulary's words ------------------------------------

# Colloquial verbs for work the vocabulary names with one word: "squashed a bug" is "fixed",
# "rolled out" is "shipped", "presented at the guild" is a talk. Each maps to the vocabulary
# term it means (used only when the person's vocabulary has that term) and weighs as much as
# a head word, so the object can still outweigh it ("deployed the hotfix" is a bug fix).
# Talk verbs weigh as a full term: teaching or presenting *is* giving a talk, whatever the
# event is called ("taught a workshop").
_COLLOQUIAL_SOURCES: dict[str, tuple[str, int]] = {
    "squash": ("fix", HEAD_WORD), "patch": ("fix", HEAD_WORD), "bust": ("fix", HEAD_WORD),
    "nail down": ("fix", HEAD_WORD), "knock out": ("fix", HEAD_WORD),
    "crush": ("fix", HEAD_WORD), "track down": ("fix", HEAD_WORD),
    "hunt down": ("fix", HEAD_WORD), "kill": ("fix", HEAD_WORD),
    "release": ("shipped", HEAD_WORD), "roll out": ("shipped", HEAD_WORD),
    "rolled out": ("shipped", HEAD_WORD), "deploy": ("shipped", HEAD_WORD),
    "out the door": ("shipped", HEAD_WORD), "to prod": ("shipped", HEAD_WORD),
    "to production": ("shipped", HEAD_WORD), "go live": ("shipped", HEAD_WORD),
    "went live": ("shipped", HEAD_WORD), "launch": ("shipped", HEAD_WORD),
    "nail": ("fix", HEAD_WORD), "sort out": ("fix", HEAD_WORD),
    "screen": ("interview", HEAD_WORD), "phone screen": ("interview", FULL_TERM),
    "contribute": ("open source", HEAD_WORD), "upstream": ("open source", FULL_TERM),
    "chase down": ("fix", HEAD_WORD), "page": ("incident", HEAD_WORD),
    "onboard": ("onboarding buddy", HEAD_WORD), "put out a fire": ("incident", HEAD_WORD),
    "put out fires": ("incident", HEAD_WORD),
    "my mentor": ("met my mentor", FULL_TERM),
    "doc": ("docs", HEAD_WORD), "pair": ("mentoring", HEAD_WORD),
    "help": ("mentoring", SUPPORTING_WORD),  # "helped a junior": with company, mentoring
    "office hours": ("mentoring", HEAD_WORD),
    "gave a demo": ("talk", FULL_TERM), "did a demo": ("talk", FULL_TERM),
    "ran a demo": ("talk", FULL_TERM),
    "caught up with": ("1:1", SUPPORTING_WORD), "catch up with": ("1:1", SUPPORTING_WORD),
    "present": ("talk", FULL_TERM), "demo": ("talk", FULL_TERM),
    "speak": ("talk", FULL_TERM), "spoke": ("talk", FULL_TERM),
    "teach": ("talk", FULL_TERM), "taught": ("talk", FULL_TERM),
    "train": ("talk", FULL_TERM),  # "trained the support team": taught them
}


def _phrase_mentions(clause: list[_Token], lexicon: _Lexicon) -> list[_Mention]:
    """Work named by a phrase (``extract_phrases``), where the vocabulary has the term."""
    mentions = []
    for match in phrase_matches(clause):
        term = lexicon.terms.get(_stems_of(match.term))
        if term is not None:
            mentions.append(_Mention(term.category, match.weight, match.first, match.last))
    return mentions


# "My manager reviewed my design doc": someone else's work. (A name opening a sentence cannot
# be told from a capitalised word, so only roles are read this way.)
_OTHER_PEOPLE = frozenset(stem(word) for word in
                          "manager boss lead director colleague teammate report peer "
                          "skip cto vp pm".split())


def _someone_else_did(clause: list[_Token]) -> bool:
    return (len(clause) > 2 and clause[0].word in ("my", "our")
            and clause[1].stem in _OTHER_PEOPLE and clause[2].inflected)


_TURNING_PREPOSITIONS = frozenset("with of for".split())


def _turned_mentions(clause: list[_Token], lexicon: _Lexicon) -> list[_Mention]:
    """A two-word term said the other way round: "a sync with my team" is a team sync, "a
    meeting with the team" a team meeting, "a review of the architecture" an architecture
    review."""
    mentions = []
    for i in range(len(clause) - 2):
        if clause[i + 1].word not in _TURNING_PREPOSITIONS:
            continue
        j = i + 2
        while j < len(clause) - 1 and clause[j].word in _DETERMINERS:
            j += 1
        term = lexicon.turned.get((clause[i].stem, clause[j].stem))
        if term is not None:
            mentions.append(_Mention(term.category, term.weight, i, j))
    return mentions


# Work named by what was finished: "nailed two bugs", "sorted out a crash", "wrapped up the
# migration project". A verb of finishing followed by one of these objects means the term it
# maps to, weighing as a head word; starting, filing or finding a bug is not fixing it.
_FINISHING_VERBS = tuple(_plain_stems(verb) for verb in (
    "finish", "complete", "wrap up", "land", "close", "resolve", "solve", "sort out", "nail",
    "handle", "tackle", "deliver", "hand over", "clear", "approve", "extend", "sign", "lock",
    "finalise", "finalize", "agree", "publish", "power through", "work through",
    "churn through", "plough through", "plow through", "burn through", "fill"))
_FINISHED_OBJECTS = {
    stem(word): _plain_stems(term) for word, term in (
        ("bug", "fix"), ("defect", "fix"), ("regression", "fix"), ("crash", "fix"),
        ("leak", "fix"), ("deadlock", "fix"), ("glitch", "fix"),
        ("issue", "fix"), ("page", "incident"), ("alert", "incident"),
        ("offer", "offer extended"), ("role", "hire"), ("position", "hire"), ("req", "hire"),
        ("requisition", "hire"), ("opening", "hire"), ("vacancy", "hire"),
        ("plan", "planning doc"), ("strategy", "strategy doc"),
        ("project", "delivered the project"), ("migration", "delivered the project"),
        ("programme", "delivered the project"), ("program", "delivered the project"))}


def _finished_objects(clause: list[_Token], lexicon: _Lexicon) -> list[_Mention]:
    verb_end = next((i + len(verb) - 1 for i in range(len(clause)) for verb in _FINISHING_VERBS
                     if tuple(t.stem for t in clause[i : i + len(verb)]) == verb
                     and clause[i].inflected), None)
    if verb_end is None:
        return []
    mentions = []
    for i in range(verb_end + 1, len(clause)):
        term = lexicon.terms.get(_FINISHED_OBJECTS.get(clause[i].stem, ()))
        if term is not None:
            mentions.append(_Mention(term.category, HEAD_WORD, i, i))
    return mentions


def _compounds(mentions: list[_Mention], clause: list[_Token]) -> list[_Mention]:
    """In "an onboarding session" the modifier says what the session was: a head word right
    after another category's word belongs to that category. In "met to talk about it", talk
    is what they did, not a talk given; in "got reviewed" the work was someone else's."""
    kept: list[_Mention] = []
    for mention in mentions:
        before = kept[-1] if kept else None
        if (before is not None and mention.weight == HEAD_WORD
                and mention.first == mention.last  # one noun, not a phrase: "put out a fire"
                and not clause[mention.first].inflected  # a noun: "session", not "reviewed"
                and before.weight == SUPPORTING_WORD and before.category != mention.category
                and before.last + 1 == mention.first):
            kept[-1] = _Mention(before.category, HEAD_WORD, before.first, mention.last)
        elif (before is not None and before.weight >= HEAD_WORD
              and before.category != mention.category and before.last + 1 == mention.first
              and mention.first == mention.last and clause[mention.first].stem in _PLAIN_DOCS):
            # "the quarterly planning doc": a plain "doc" is whatever its modifier names.
            kept[-1] = _Mention(before.category, before.weight, before.first, mention.last)
        elif not _infinitive(mention, clause) and not _passive(mention, clause):
            kept.append(mention)
    return kept


_PLAIN_DOCS = frozenset(stem(word) for word in "doc docs document".split())
_PASSIVE_AUXILIARIES = frozenset("was were got get gets been being is are".split())


def _passive(mention: _Mention, clause: list[_Token]) -> bool:
    """"My PR got reviewed", "I was interviewed": done to the person, not by them. (The
    vocabulary's own "was mentored" is one term, matched as a whole.)"""
    return (clause[mention.first].inflected and mention.first > 0
            and not clause[mention.first].word.endswith("ing")  # "was helping": active
            and clause[mention.first - 1].word in _PASSIVE_AUXILIARIES)


def _infinitive(mention: _Mention, clause: list[_Token]) -> bool:
    return (mention.first == mention.last and 0 < mention.first < len(clause) - 1
            and clause[mention.first - 1].word == "to" and clause[mention.last + 1].word == "about")


# A colloquial verb counts only as a verb ("released", "patched"): "the release checklist" and
# "a patch" are things, not work done. Phrases and irregular past forms are verbs already.
_PAST_FORMS = frozenset("spoke taught demoed".split())
# Verbs whose -ing form is nearly always a noun: "the onboarding guide", "a security training".
_PAST_ONLY = frozenset((stem("onboard"), stem("train")))


def _colloquial_table() -> dict[tuple[str, ...], tuple[tuple[str, ...], int]]:
    return {_stems_of(source): (_stems_of(term), weight)
            for source, (term, weight) in _COLLOQUIAL_SOURCES.items()}


_COLLOQUIAL = _colloquial_table()


_TALK = _stems_of("talk")
_MENTORING = _stems_of("mentoring")


def _colloquial_mentions(clause: list[_Token], lexicon: _Lexicon) -> list[_Mention]:
    mentions = []
    i = 0
    while i < len(clause):
        for length in (4, 3, 2, 1):
            window = clause[i : i + length]
            found = _COLLOQUIAL.get(tuple(token.stem for token in window))
            term = lexicon.terms.get(found[0]) if found else None
            as_verb = (window[0].inflected or window[0].word in _PAST_FORMS or length > 1) and not (
                window[0].stem in _PAST_ONLY and not window[0].word.endswith("ed"))
            if found and term is not None and len(window) == length and as_verb:
                after = clause[i + length] if i + length < len(clause) else None
                if found[0] == _TALK and after is not None and after.name:
                    term = lexicon.terms.get(_MENTORING, term)  # "taught Sam": mentored
                mentions.append(_Mention(term.category, found[1], i, i + length - 1))
                i += length
                break
        else:
            i += 1
    return mentions


# Reading is not authoring: "read two RFCs", "reviewed 2 design docs" and "went over the spec"
# are documents read, not written. After a reading verb, a document goes to the vocabulary's
# reading category (the one "read" points at), or to nothing when there is none; code read
# this way ("looked over five PRs") is a review.
_READING_VERBS = (
    ("read",), ("reread",), ("skim",), ("review",), ("proofread",), ("study",),
    ("go", "over"), ("go", "through"), ("went", "over"), ("went", "through"),
    ("look", "over"), ("look", "through"), ("look", "at"), ("dig", "into"),
    ("dug", "into"), ("pore", "over"), ("comb", "through"), ("check", "over"),
    ("sign", "off"), ("approv",), ("feedback", "on"), ("comment", "on"), ("read", "up"),
    ("lgtm",), ("catch", "up", "on"), ("caught", "up", "on"), ("dig", "through"),
    ("dug", "through"),
)
_READING_NOUNS = frozenset(("feedback", "comment"))
_READ_FORMS = frozenset(("read", "reread", "proofread"))  # the past looks like the present
# Reading named by the verb alone: "read up on CRDTs" was reading whatever it was.
_READING_ALONE = (("read", "up"),)
_AUTHORING_VERBS = frozenset(
    stem(word) for word in
    "write wrote written draft author put made make did do give gave had ran led lead "
    "ship fix merge publish".split()
)
_DOCUMENT_STEMS = frozenset(
    stem(word) for word in
    "doc docs rfc spec adr proposal runbook readme documentation paper book guide design "
    "postmortem decision guideline article wiki handbook playbook manual tutorial howto "
    "writeup whitepaper".split()
)
_WRITING_UP = frozenset(stem(word) for word in "write wrote written".split())
_CODE_STEMS = frozenset(stem(word) for word in "pr code diff patch change commit".split())


def _reading_verb_at(clause: list[_Token], i: int) -> int:
    """How many tokens a reading verb at ``i`` spans (0: none). One word is a verb when it
    has a verb's form or opens the clause: "reviewed", "Review the RFC", but not "PR reviews"."""
    for verb in _READING_VERBS:
        if tuple(token.stem for token in clause[i : i + len(verb)]) == verb and (
                len(verb) > 1 or i == 0 or clause[i].inflected or verb[0] in _READ_FORMS):
            return len(verb)
    return 0


def _reads(clause: list[_Token], reading_before: bool) -> bool:
    """Whether this clause is about reading: it has a reading verb, or it has no verb of its
    own and follows one that did ("read the RFC and two design docs")."""
    if any(_reading_verb_at(clause, i) for i in range(len(clause))
           if clause[i].stem in _READING_NOUNS):
        return True  # "gave feedback on two RFCs": the verb is "gave", the work is reading
    for i, token in enumerate(clause):
        if _reading_verb_at(clause, i):
            return True
        if token.stem in _AUTHORING_VERBS or token.inflected:
            return False
    return reading_before


def _as_reading(
    mentions: list[_Mention], clause: list[_Token], lexicon: _Lexicon
) -> list[_Mention]:
    reader = lexicon.terms.get(("read",))
    reviewer = lexicon.terms.get(("review",))
    verb_ends = [i + n - 1 for i in range(len(clause)) if (n := _reading_verb_at(clause, i))]
    start = min(verb_ends, default=-1)
    changed = []
    for mention in mentions:
        stems = {token.stem for token in clause[mention.first : mention.last + 1]}
        if mention.first > start and stems & _DOCUMENT_STEMS:
            if reader is not None:
                changed.append(_Mention(reader.category, FULL_TERM, mention.first, mention.last))
        elif mention.last <= start and _reads_a_document(clause, start):
            continue  # "reviewed" in "reviewed two design docs" is reading, not a code review
        else:
            changed.append(mention)
    if max(_evidence(changed).values(), default=0) >= PROPOSE_AT:
        return changed
    # Nothing the vocabulary names, but a document or code all the same: "skimmed the guide".
    document = _first_after(clause, start, _DOCUMENT_STEMS)
    code = _first_after(clause, start, _CODE_STEMS)
    if reader is not None and document is not None:
        return [_Mention(reader.category, FULL_TERM, document, document)]
    if reviewer is not None and code is not None:
        return [_Mention(reviewer.category, HEAD_WORD, code, code)]
    if reader is not None and any(_starts(clause, i, verb) for verb in _READING_ALONE
                                  for i in range(len(clause))):
        return [_Mention(reader.category, FULL_TERM, start, start)]
    return []


def _starts(clause: list[_Token], i: int, stems: tuple[str, ...]) -> bool:
    return tuple(token.stem for token in clause[i : i + len(stems)]) == stems


def _first_after(clause: list[_Token], start: int, stems: frozenset[str]) -> int | None:
    return next((i for i in range(start + 1, len(clause)) if clause[i].stem in stems), None)


def _reads_a_document(clause: list[_Token], verb_end: int) -> bool:
    return any(token.stem in _DOCUMENT_STEMS for token in clause[verb_end + 1 :])


# --- matching --------------------------------------------------------------------------


def _match_terms(
    clause: list[_Token], lexicon: _Lexicon, blocked: frozenset[int]
) -> list[_Mention]:
    """Longest match first, left to right, so each span of words names one category."""
    matchable = [
        i not in blocked and (not token.inflected or token.stem in lexicon.verb_stems
                              or (token.stem in lexicon.past_only_stems and _past(token)))
        for i, token in enumerate(clause)
    ]
    mentions = []
    i = 0
    while i < len(clause):
        mention = _longest_term_at(clause, i, lexicon, matchable)
        if mention is None:
            i += 1
        else:
            mentions.append(mention)
            i = mention.last + 1
    return mentions


def _longest_term_at(
    clause: list[_Token], i: int, lexicon: _Lexicon, matchable: list[bool]
) -> _Mention | None:
    for length in range(min(lexicon.longest, len(clause) - i), 0, -1):
        if not all(matchable[i : i + length]):
            continue
        term = lexicon.terms.get(tuple(token.stem for token in clause[i : i + length]))
        if term is not None:
            return _Mention(term.category, term.weight, i, i + length - 1)
    return None


_TOPIC_PREPOSITIONS = frozenset(
    "on about for in at during after before with from to into regarding around across "
    "over via by through since".split()
)


def _drop_topics(mentions: list[_Mention], clause: list[_Token]) -> list[_Mention]:
    """In "gave a talk on incident response", incident response is the topic, not an
    activity: ignore other categories' mentions after a preposition that follows the first
    strong mention."""
    main = _first_proposable(mentions)
    if main is None:
        return mentions
    topic_from = next(
        (i for i in range(main.last + 1, len(clause))
         if clause[i].word in _TOPIC_PREPOSITIONS),
        None,
    )
    if topic_from is None:
        return mentions
    return [m for m in mentions if m.category == main.category or m.first < topic_from]


def _first_proposable(mentions: list[_Mention]) -> _Mention | None:
    evidence = _evidence(mentions)
    return next((m for m in mentions if evidence[m.category] >= PROPOSE_AT), None)


def _evidence(mentions: list[_Mention]) -> dict[str, int]:
    evidence: dict[str, int] = {}
    for mention in mentions:
        evidence[mention.category] = evidence.get(mention.category, 0) + mention.weight
    return evidence


def _winning_category(mentions: list[_Mention]) -> str | None:
    """Most evidence wins; a tie goes to the category mentioned first."""
    evidence = _evidence(mentions)
    first_seen: dict[str, int] = {}
    for mention in mentions:
        first_seen.setdefault(mention.category, mention.first)
    ranked = sorted(evidence, key=lambda category: (-evidence[category], first_seen[category]))
    if not ranked or evidence[ranked[0]] < PROPOSE_AT:
        return None
    return ranked[0]


# --- quantities ------------------------------------------------------------------------

_QUANTITY_PHRASES: dict[tuple[str, ...], int] = {
    ("half", "a", "dozen"): 6,
    ("a", "dozen"): 12,
    ("a", "couple", "of"): 2,
    ("a", "couple"): 2,
    ("a", "pair", "of"): 2,
    ("a", "few"): 3,
    ("a", "handful", "of"): 3,
    ("a", "handful"): 3,
    # A working week: only when said outright, not for "most days".
    ("every", "day"): 5,
    ("each", "day"): 5,
    ("every", "single", "day"): 5,
    ("every", "morning"): 5,
}
_NUMBER_WORDS = {
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
_TENS = frozenset((20, 30, 40, 50, 60, 70, 80, 90))
_UNITS = frozenset(
    "minute minutes min mins hour hours hr hrs h day days week weeks month months year "
    "years am pm % percent sec secs second seconds ms k".split()
)
_IDENTIFIER_PREFIXES = frozenset(
    "# v version sprint q chapter page step part phase level pr mr issue ticket number "
    "no release build room".split()
)
_TIMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri morning "
    "afternoon evening lunch weekend today yesterday tonight overnight".split()
)
_DAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri".split())
_PERIODS = frozenset("week month quarter sprint year".split())
_DETERMINERS = frozenset("a an the my our their his her its this that".split())
_HEDGES = frozenset("maybe about around roughly approximately like nearly almost ~ probably "
                    "some".split())
_FILLERS = frozenset("a an the of ( ) : - times".split())


def _quantities(clause: list[_Token]) -> list[_Quantity]:
    quantities = []
    i = 0
    while i < len(clause):
        quantity = _quantity_at(clause, i)
        if quantity is None:
            i += 1
        else:
            quantities.append(quantity)
            i = quantity.last + 1
    return quantities


def _quantity_at(clause: list[_Token], i: int) -> _Quantity | None:
    words = [token.word for token in clause]
    for phrase, value in _QUANTITY_PHRASES.items():
        if tuple(words[i : i + len(phrase)]) == phrase:
            return _quantity(clause, value, i, i + len(phrase) - 1)
    number = _number_value(words[i])
    if number is None or _is_measure(words, i) or _is_identifier(words, i):
        return None
    if number in _TENS and words[i + 1 : i + 2] == ["-"] and i + 2 < len(words):
        unit = _NUMBER_WORDS.get(words[i + 2])
        if unit is not None and 0 < unit < 10:  # "twenty-two"
            return _quantity(clause, number + unit, i, i + 2)
    return _quantity(clause, number, i, i)


def _number_value(word: str) -> int | None:
    if word.startswith("x") and word[1:].isdigit():
        word = word[1:]  # "standup x5": shorthand for five times
    elif word.endswith("x") and word[:-1].isdigit():
        word = word[:-1]  # "mentored 3x"
    if word.isdigit():
        value = int(word)
        return value if value < IMPLAUSIBLE_COUNT else None
    return _NUMBER_WORDS.get(word)


def _is_measure(words: list[str], i: int) -> bool:
    """"3 hours", "2 days": a duration, not a number of activities."""
    if i + 2 < len(words) and words[i + 1] == "-":  # "a three-day workshop"
        return words[i + 2] in _UNITS
    return i + 1 < len(words) and words[i + 1] in _UNITS


def _is_identifier(words: list[str], i: int) -> bool:
    """"PR #12", "sprint 3": a name, not a count."""
    return words[i].isdigit() and i > 0 and words[i - 1] in _IDENTIFIER_PREFIXES


def _quantity(clause: list[_Token], value: int, first: int, last: int) -> _Quantity:
    before = first - 1
    while before >= 0 and clause[before].word in _DETERMINERS:
        before -= 1
    after_preposition = before >= 0 and clause[before].word in _TOPIC_PREPOSITIONS
    adverb_only = first == last and clause[first].word == "daily"
    return _Quantity(value, first, last, after_preposition, adverb_only)


def _count_for(
    mentions: list[_Mention], quantities: list[_Quantity], clause: list[_Token]
) -> tuple[int, bool]:
    """The nearest quantity that can describe one of these mentions, else 1."""
    candidates = [
        (gap, mention.first < quantity.first, quantity.first, quantity.value)
        for quantity in quantities
        for mention in mentions
        if (gap := _gap(clause, quantity, mention)) is not None
        and _may_describe(quantity, mention, gap)
    ]
    if not candidates:
        return 1, False
    # Nearest first; at equal distance a number before its noun ("2 docs") wins.
    return min(candidates)[3], True


def _gap(clause: list[_Token], quantity: _Quantity, mention: _Mention) -> int | None:
    if quantity.last < mention.first:
        between = clause[quantity.last + 1 : mention.first]
    elif mention.last < quantity.first:
        between = clause[mention.last + 1 : quantity.first]
    else:
        return None
    return sum(1 for token in between if token.word not in _FILLERS)


def _may_describe(quantity: _Quantity, mention: _Mention, gap: int) -> bool:
    if gap > MAX_COUNT_GAP:
        return False
    if quantity.object_of_preposition:
        return mention.first > quantity.last and gap <= 1
    if quantity.adverb_only:
        return mention.last < quantity.first
    return True


# --- totals ----------------------------------------------------------------------------


class _Tally:
    """Counts per category, in order of first mention, with the phrases behind them."""

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}
        self._phrases: dict[str, list[str]] = {}

    def add(self, category: str, count: int, phrase: str) -> None:
        self._counts[category] = self._counts.get(category, 0) + count
        self._phrases.setdefault(category, []).append(phrase)

    def activities(self) -> list[ExtractedActivity]:
        return [
            ExtractedActivity(category, count, "; ".join(self._phrases[category]))
            for category, count in self._counts.items()
            if count >= 1
        ]

