"""Propose (category, count) pairs from a free-text check-in, deterministically.

How it works:

1. Words are lowercased and lightly stemmed (``perfmirror_core.text``: reviews/reviewed/
   reviewing -> "review", bugs -> "bug"), and a few generic abbreviations are folded
   ("pull request" -> "pr", "document" -> "doc", "w/" -> "with": ``colloquial.toml``). The vocabulary goes through
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
   ``phrases``.
4. Negation ("no", "didn't", "nothing") and intent ("will", "planning to") cancel mentions
   that follow them in the clause.
5. Quantities (digits, number words, "a dozen", "twice", "every day") attach to the winning
   category's nearest mention; without one the count is 1. A clause that is only a number
   ("and 2 more", "7 of them", "one with my manager", "and Jo once") continues the previous
   clause, and so does another object ("tests for the parser and the linter", "Kim's PR and
   Lou's"); "wrote one" is the thing just named. Counts are summed per category across
   clauses, in order of first mention; a write-up of work already counted in the sentence
   ("handled an outage and wrote the postmortem") or "shipped it" adds nothing.

One module per job: ``words`` (tokens, aliases, clauses), ``lexicon`` (the vocabulary's
weighted terms), ``colloquial.toml`` (the everyday words people use instead, as data),
``mentions`` (where a clause names work), ``phrases`` (work named by a phrase), ``reading``
(reading is not authoring), ``intent`` (questions, negation, intent, others' work),
``counts`` (quantities), ``references`` (the PR or ticket a sentence names); this module
puts them together clause by clause.

Why rules rather than a model: check-ins are short and formulaic, the person should be able
to see which phrase produced which count, and the same words must give the same answer
every time, quickly and offline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..text import STOPWORDS
from .counts import OCCURRENCES, HEDGES, Quantity, count_for, number_value, quantities_in
from .intent import (
    Cancellers,
    cancellers_in,
    negated,
    past_form,
    someone_else_did,
    statements_only,
)
from .lexicon import (
    FULL_TERM,
    HEAD_WORD,
    PROPOSE_AT,
    CategoryVocabulary,
    Lexicon,
    Mention,
    lexicon_for,
    mended,
    vocabulary_key,
)
from .mentions import (
    FINISHED_OBJECTS,
    colloquial_mentions,
    compounds,
    drop_bare_nouns,
    drop_settings,
    drop_topics,
    finished_objects,
    match_terms,
    phrase_mentions,
    turned_mentions,
    winning_category,
)
from .reading import (
    AUTHORING_VERBS,
    CODE_STEMS,
    DOCUMENT_STEMS,
    WRITING_UP,
    as_reading,
    reading_verb_at,
    reads,
)
from .phrases import PhraseMatch
from .phrases import PEOPLE
from .references import find_reference
from .sentences import sentence_matches
from .words import DAYS, DETERMINERS, TIMES, TOPIC_PREPOSITIONS, Token, clauses, tokenize

__all__ = ["CategoryVocabulary", "ExtractedActivity", "categories_named", "extract_activities",
           "find_reference"]


@dataclass(frozen=True)
class ExtractedActivity:
    category: str  # the category's name exactly as given in the vocabulary
    count: int  # >= 1
    phrase: str  # the span of text it came from (for showing the person why)


def extract_activities(
    text: str, categories: Sequence[CategoryVocabulary]
) -> list[ExtractedActivity]:
    """One item per category, counts summed, no zero counts, in order of first mention."""
    lexicon = lexicon_for(vocabulary_key(categories))
    tally = _Tally()
    previous: _Activity | None = None
    reading_on = False
    for sentence in _sentences(clauses(mended(tokenize(statements_only(text)), lexicon)), text):
        found = _Tally()  # this sentence's work, before one piece of work includes another
        done_in_sentence: set[str] = set()  # categories of work done (not written up) so far
        spread = _spread(sentence)
        stems = frozenset(token.stem for clause in sentence for token in clause)
        theirs = False  # the clause before was someone else's work
        for n, clause in enumerate(sentence):
            # "the platform team fixed it and wrote the postmortem": the verb after "and"
            # shares that subject
            shared = theirs and past_form(clause[0])
            theirs = shared or someone_else_did(clause, n == 0)
            if shared:
                previous = None
                continue
            clause = _with_antecedent(clause, previous)
            reading_on = reads(clause, reading_on)
            reading = _read_clause(clause, lexicon, text, reading_on,
                                   _InSentence(spread[n], n == 0, stems))
            if isinstance(reading, _Continuation):
                previous = (_continue(previous, reading, found, lexicon.per_person)
                            if previous else None)
            elif isinstance(reading, _Activity):
                if (previous is not None and reading.category == previous.category
                        and (not reading.explicit or reading.count <= previous.count)
                        and _refers_back(clause)):
                    continue  # "built the feature and shipped it", "paged twice, mitigated both"
                if (not reading.explicit and reading.category in done_in_sentence
                        and (_writes_up(clause) or _said_by_a_verb(reading)
                             or _states_a_role(clause) or _occurrences(reading))) or (
                        not reading.explicit and done_in_sentence and _verb_alone(clause)):
                    continue  # "handled two pages and wrote the postmortem", "... mitigated it"
                if reading.category in found.counts and _in_brackets(text, clause[0].start):
                    continue  # "5 interviews (2 phone screens, 3 onsites)": a breakdown
                if (previous is not None and previous.category == reading.category
                        and (not previous.explicit or previous.count == 1)
                        and reading.explicit and n > 0
                        and all(t.stem in OCCURRENCES for t in reading.work_object)):
                    # "coached a new lead on delegation, 2 sessions": how many times it was
                    found.add(reading.category, reading.count - previous.count, reading.phrase)
                    previous = reading
                    continue
                if not _writes_up(clause):
                    done_in_sentence.add(reading.category)
                found.add(reading.category, reading.count, reading.phrase)
                previous = reading
            else:
                previous = None
        for whole, parts in lexicon.same_work.items():
            if whole in found.counts:
                for part in parts:
                    found.drop_single(part)  # "fixed a bug in polars, PR merged upstream"
        tally.merge(found)
    return tally.activities()


_SENTENCE_END = re.compile(r"[.!?\n]")


def _sentences(clauses: list[list[Token]], text: str) -> list[list[list[Token]]]:
    """Clauses grouped by the sentence they belong to."""
    sentences: list[list[list[Token]]] = []
    sentence_end = 0
    for clause in clauses:
        if not sentences or _SENTENCE_END.search(text, sentence_end, clause[0].start):
            sentences.append([])
        sentences[-1].append(clause)
        sentence_end = clause[-1].end
    return sentences


def _spread(sentence: list[list[Token]]) -> list[list[PhraseMatch]]:
    """The sentence rules' matches (``sentences``), each given to the clause holding it, with
    positions within that clause."""
    words = [token for clause in sentence for token in clause]
    spread: list[list[PhraseMatch]] = [[] for _ in sentence]
    starts = [sum(len(clause) for clause in sentence[:n]) for n in range(len(sentence))]
    for match in sentence_matches(words):
        n = max(n for n, start in enumerate(starts) if start <= match.first)
        if match.last < starts[n] + len(sentence[n]):
            spread[n].append(PhraseMatch(match.term, match.weight, match.first - starts[n],
                                         match.last - starts[n]))
    return spread


def _writes_up(clause: list[Token]) -> bool:
    """Whether the clause writes something up ("wrote the postmortem", "wrote up notes"):
    after doing a piece of work in the same sentence, its write-up is part of it."""
    return any(token.stem in WRITING_UP for token in clause)


def _verb_alone(clause: list[Token]) -> bool:
    """"1 real outage, fixed + wrote it up": a verb with no object of its own, after other
    work in the sentence, is done to that work."""
    return past_form(clause[0]) and all(
        token.word in STOPWORDS or token.word in TIMES or token.word.isdigit()
        or token.word in _AFTER_A_VERB_ALONE for token in clause[1:])


# "fixed it up in 20 min", "mitigated within the hour"
_AFTER_A_VERB_ALONE = frozenset("up out min mins minutes hour hours within".split())


def _occurrences(activity: _Activity) -> bool:
    """"mentored X on Y, our 3rd session": the work named again by its occurrence."""
    return bool(activity.work_object) and all(
        token.stem in OCCURRENCES for token in activity.work_object)


def _states_a_role(clause: list[Token]) -> bool:
    """"I was incident commander": the part played in work already named."""
    return len(clause) > 1 and clause[0].word in ("i", "i'm", "im") and clause[1].word in (
        "was", "am", "as", "the", "a")


def _in_brackets(text: str, at: int) -> bool:
    return text.count("(", 0, at) > text.count(")", 0, at)


def _said_by_a_verb(activity: _Activity) -> bool:
    """"Incident on Tuesday, mitigated in 20 minutes": work named again by what was done to it
    is the same work; named again by a noun ("a retro, then a planning session") it is more."""
    return bool(activity.work_object) and past_form(activity.work_object[0])


def _refers_back(clause: list[Token]) -> bool:
    """"shipped it", "merged them", "mitigated both": the object is the work just named."""
    return any(token.word in ("it", "them", "both") for token in clause[1:])


def categories_named(text: str, categories: Sequence[CategoryVocabulary]) -> list[str]:
    """The categories a text names outright (a name, synonym or head word), in order.

    For questions such as "how do I get better at interviewing?": they name work without
    reporting any, so they are never extracted as activities.
    """
    lexicon = lexicon_for(vocabulary_key(categories))
    named: list[str] = []
    for clause in clauses(tokenize(text)):
        for mention in match_terms(clause, lexicon, frozenset()):
            if mention.weight >= PROPOSE_AT and mention.category not in named:
                named.append(mention.category)
    return named


@dataclass(frozen=True)
class _Activity:
    category: str
    count: int
    explicit: bool  # a quantity was stated, rather than the default 1
    phrase: str
    # The words of what the work was done to ("spec" in "read two specs"), for "wrote one".
    work_object: tuple[Token, ...] = ()
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
    total: bool = False  # "seven in total": the count of all of it, whatever was said before
    people: bool = False  # "5 people": how many people the work before was done with


@dataclass(frozen=True)
class _InSentence:
    """What a clause's sentence tells about it."""

    matches: Sequence[PhraseMatch] = ()  # the sentence rules' matches in this clause
    opens: bool = False  # the clause opens its sentence
    stems: frozenset[str] = frozenset()  # every word of the sentence


def _read_clause(
    clause: list[Token], lexicon: Lexicon, text: str, reading_on: bool = False,
    sentence: _InSentence = _InSentence(),
) -> _Activity | _Continuation | None:
    phrase = text[clause[0].start : clause[-1].end]
    cancellers = cancellers_in(clause)
    if cancellers.whole_clause or _is_distributive(clause):
        return None
    said = colloquial_mentions(clause, lexicon)
    settled = any(m.weight > FULL_TERM for m in said)  # "my manager coached me"
    if someone_else_did(clause, sentence.opens) and not settled:
        return None
    # "a session with my mentor" is time with one's mentor, not a "mentor session" turned round
    turned = [m for m in turned_mentions(clause, lexicon)
              if not any(m.first <= other.last and other.first <= m.last for other in said)]
    colloquial = said + turned + phrase_mentions(clause, lexicon, sentence.matches)
    taken = {i for m in colloquial for i in range(m.first, m.last + 1)}
    mentions = drop_settings(drop_bare_nouns(compounds(sorted(
        colloquial + match_terms(clause, lexicon, cancellers.blocked | taken)
        + finished_objects(clause, lexicon),
        key=lambda m: m.first,
    ), clause, lexicon), clause, lexicon, sentence.stems), clause, lexicon)
    if reading_on:
        mentions = as_reading(mentions, clause, lexicon)
    quantities = quantities_in(clause)
    if winning_category(mentions) is None:  # at most a stray word: "one with my manager"
        return _continuation(clause, quantities, cancellers, phrase, lexicon)
    mentions = drop_topics(mentions, clause)
    mentions = [m for m in mentions if not negated(m, cancellers, mentions)]
    category = winning_category(mentions)
    if category is None:
        return None
    own = [m for m in mentions if m.category == category]
    count, explicit = count_for(own, quantities, clause, category in lexicon.per_person,
                                _objects_of(category, lexicon))
    if count <= 0:
        return None
    work = max(own, key=lambda m: m.weight)  # the first of the strongest
    return _Activity(category, count, explicit, phrase,
                     tuple(clause[work.first : work.last + 1]), _spreads(clause, work))


# "tests for the importer and the exporter": each object its own piece of work. Not after
# one thing ("a talk on X and Y"), a topic ("about"), or company ("with Sam and Jo").
_ONE_THING = frozenset("a an one another".split())
_NOT_SPREAD_AFTER = frozenset("on about regarding around with alongside".split())


def _spreads(clause: list[Token], work: Mention) -> bool:
    return not any(token.word in _ONE_THING for token in clause[: work.last + 1]) and not any(
        token.word in _NOT_SPREAD_AFTER for token in clause[work.last + 1 :])


_ANAPHORS = frozenset(("one", "another"))
# "read three others": after a count, these stand for the thing just named, whatever the verb.
_COUNTED_ANAPHORS = frozenset(("others", "ones", "more"))


def _with_antecedent(clause: list[Token], previous: _Activity | None) -> list[Token]:
    """"Read two specs, wrote one": "one" after a verb of making stands for the thing just
    named, so the clause is read as "wrote spec". Not "one bug" (its own noun), not after a
    verb that names its own work ("interviewed another"), nor without a verb ("one more")."""
    if previous is None or not previous.work_object:
        return clause
    for i, token in enumerate(clause):
        following = clause[i + 1] if i + 1 < len(clause) else None
        after_verb = (token.word in _ANAPHORS and i > 0
                      and clause[i - 1].stem in AUTHORING_VERBS)
        after_count = (token.word in _COUNTED_ANAPHORS and i > 1
                       and number_value(clause[i - 1].word) is not None
                       and (_is_verb(clause[i - 2]) or reading_verb_at(clause, i - 2) > 0))
        if ((after_verb or after_count)
                and (following is None or following.word in STOPWORDS
                     or following.word in _REFLEXIVES)):
            stand_in = [Token(t.word, t.stem, False, token.start, token.end)
                        for t in previous.work_object]
            return clause[:i] + stand_in + clause[i + 1 :]
    return clause


_REFLEXIVES = frozenset("myself ourselves too".split())


def _is_verb(token: Token) -> bool:
    return token.inflected or token.stem in AUTHORING_VERBS


def _is_distributive(clause: list[Token]) -> bool:
    """"one session each", "one each on Monday" restate the clause before it; they are not
    a new activity. (In "mentored two managers (one hour each)" the clause is the work.)"""
    return clause[-1].word in ("each", "apiece") or any(
        token.word in ("each", "apiece") and i <= 2
        and any(number_value(before.word) is not None for before in clause[:i])
        for i, token in enumerate(clause) if i > 0)  # "one each", "one session each"


def _continuation(
    clause: list[Token],
    quantities: list[Quantity],
    cancellers: Cancellers,
    phrase: str,
    lexicon: Lexicon,
) -> _Continuation | None:
    if cancellers.forward_from is not None:
        return None
    could_be = frozenset().union(*(lexicon.shared.get(token.stem, ()) for token in clause))
    days = [token for token in clause if token.word not in ("on", "the")]
    if not quantities and days and all(token.word in DAYS for token in days):
        return _Continuation(1, True, phrase, another_day=True)
    if _another_object(clause):
        return _Continuation(1, True, phrase, another_object=True, could_be=could_be)
    listed = frozenset().union(*(lexicon.listed.get(token.stem, ()) for token in clause))
    if not quantities and listed and all(
            token.stem in lexicon.listed or token.word in STOPWORDS or token.word in TIMES
            for token in clause):
        return _Continuation(1, True, phrase, could_be=listed)  # "retro + planning"
    if not quantities:
        return None
    lead = quantities[0]
    # "and Jo once": a name before the number makes it another batch of the same work.
    after_a_name = lead.first == 1 and phrase[:1].isupper() and not clause[0].inflected
    hedged = all(token.word in HEDGES for token in clause[: lead.first])  # ", maybe 9"
    if lead.first != 0 and not after_a_name and not hedged:
        return None
    if any(past_form(token) for token in clause[lead.last + 1 :]):
        return None  # "~30 people showed up", "22 done as of Friday": a statement of its own
    following = clause[lead.last + 1].word if lead.last + 1 < len(clause) else ""
    adds = (
        after_a_name
        or following in ("more", "additional", "extra", "with", "for")  # "one with my manager"
        or any(token.word == "from" for token in clause[lead.last + 1 :])  # "one from infra"
        or clause[lead.first].word == "another"
        or any(token.word in TIMES for token in clause)  # "two Wednesday": a new batch
    )
    other_things = (lead.noun is not None and not adds and not lead.occurrences
                    and not _names_work(clause[lead.noun], lexicon))
    if other_things and not lead.people:
        return None  # "20 comments already": other things counted
    return _Continuation(lead.value, adds or bool(could_be), phrase, could_be=could_be,
                         new_things=lead.last + 1 < len(clause) and not lead.occurrences
                         and not other_things and _plural_noun(clause[lead.last + 1]),
                         people=other_things,
                         total=any(token.word in _TOTALS for token in clause))


_TOTALS = frozenset("total overall altogether".split())


def _objects_of(category: str, lexicon: Lexicon) -> frozenset[str]:
    """What a count of this work may count: its one-word names, code and documents, and
    what finishing it means ("bugs" for a fix)."""
    return lexicon.nouns.get(category, frozenset()) | CODE_STEMS | DOCUMENT_STEMS | frozenset(
        word for word, term in FINISHED_OBJECTS.items()
        if (found := lexicon.terms.get(term)) is not None and found.category == category)


def _names_work(token: Token, lexicon: Lexicon) -> bool:
    """"two crashes", "3 retros": a word the vocabulary or the everyday lexicon names work by
    (not a description's word: "20 comments" are not RFCs)."""
    term = lexicon.terms.get((token.stem,))
    return (term is not None and term.weight >= HEAD_WORD) or token.stem in FINISHED_OBJECTS


def _plural_noun(token: Token) -> bool:
    """"crashes", "outages": things of their own, not a breakdown ("1 internal")."""
    return (token.word.endswith("s") and token.stem != token.word and not token.inflected
            and token.word not in STOPWORDS and token.word not in _COUNTED_ANAPHORS)


_CONTRACTIONS = frozenset("it's that's what's there's here's he's she's let's who's".split())


def _another_object(clause: list[Token]) -> bool:
    """"and Tom's", "and the exporter", "and the backend one": a noun phrase with no verb
    and no count of its own."""
    repeated_preposition = clause[0].word in TOPIC_PREPOSITIONS and len(clause) > 1
    if repeated_preposition:
        clause = clause[1:]  # "tests for checkout and for search"
    opens = (repeated_preposition or clause[0].word in DETERMINERS
             or (clause[0].word.endswith("'s") and clause[0].word not in _CONTRACTIONS)
             or (clause[0].name and clause[0].start > 0))  # "... from Ana, Ben and Chloe"
    counted = any(number_value(token.word) is not None and token.word != "one"
                  for token in clause)
    # "signed off by the CTO and the product VPs", "delivered it, on time": people and times
    # are company and setting, not more of the work
    setting = clause[-1].stem in PEOPLE or clause[-1].stem in OCCURRENCES or (
        clause[-1].word in TIMES)
    return opens and not counted and not setting and not any(
        _is_verb(token) or token.word in _AUXILIARIES for token in clause)


# "The new editor is live" is a statement of its own, not another object.
_AUXILIARIES = frozenset("is are was were be been has have had do did does got get".split())


def _continue(
    previous: _Activity, more: _Continuation, tally: _Tally, per_person: frozenset[str]
) -> _Activity | None:
    """Apply "and 2 more" to the previous activity.

    A bare number after an explicit count is a breakdown ("2 talks, 1 internal"), not more;
    a number of people counts only work done per person ("reviews done, 5 people").
    """
    if more.value < 1 or (more.could_be and previous.category not in more.could_be):
        return None
    if more.people and previous.category not in per_person:
        return previous  # "a brown bag, 30 people came"
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
    if more.total:
        delta = more.value - previous.count
    elif more.adds or (more.new_things and not previous.explicit):
        delta = more.value
    elif not previous.explicit:
        delta = more.value - previous.count
    else:
        return previous
    tally.add(previous.category, delta, more.phrase)
    return _Activity(previous.category, previous.count + delta, True, previous.phrase)

# --- totals ----------------------------------------------------------------------------


class _Tally:
    """Counts per category, in order of first mention, with the phrases behind them."""

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}
        self._phrases: dict[str, list[str]] = {}

    @property
    def counts(self) -> dict[str, int]:
        return self._counts

    def add(self, category: str, count: int, phrase: str) -> None:
        self._counts[category] = self._counts.get(category, 0) + count
        self._phrases.setdefault(category, []).append(phrase)

    def drop_single(self, category: str) -> None:
        """Forget one uncounted piece of this work: it was part of other work."""
        if self._counts.get(category) == 1:
            del self._counts[category], self._phrases[category]

    def merge(self, other: _Tally) -> None:
        for category, count in other._counts.items():
            for phrase in other._phrases[category]:
                self._phrases.setdefault(category, []).append(phrase)
            self._counts[category] = self._counts.get(category, 0) + count

    def activities(self) -> list[ExtractedActivity]:
        return [
            ExtractedActivity(category, count, "; ".join(self._phrases[category]))
            for category, count in self._counts.items()
            if count >= 1
        ]

