"""A clause that only continues the one before: "and 2 more on Friday", "7 of them", "and
Tom's", "one with my manager", "retro + planning"; and "wrote one", "read three others",
where a word stands for the thing just named.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..text import STOPWORDS
from .company import names_someone
from .counts import DAILY_RITUALS, HEDGES, OCCURRENCES, Quantity, number_value
from .intent import Cancellers
from .lexicon import HEAD_WORD, Lexicon
from .mentions import FINISHED_OBJECTS
from .people import counted_people, without_when
from .phrases import PEOPLE
from .reading import AUTHORING_VERBS, CODE_STEMS, DOCUMENT_STEMS, reading_verb_at
from .tally import Activity, Tally
from .words import (
    DAYS,
    DETERMINERS,
    RECURRING,
    TIMES,
    TOPIC_PREPOSITIONS,
    Token,
    modifies_a_noun,
    past_form,
)


@dataclass(frozen=True)
class Continuation:
    """A clause that is only a quantity or another object: "and 2 more on Friday", "7 of
    them", "and Tom's"."""

    value: int
    adds: bool  # "2 more" adds; otherwise it states the count of the previous clause
    phrase: str
    # "Interviewed on Monday and Wednesday": once more, if uncounted and joined on; "paired
    # with Jin, mon + wed", "coached Lee, we met tues and thurs": the first day is when the
    # work just named happened, the one joined to it is once more
    another_day: bool = False
    another_object: bool = False  # "Reviewed Priya's PR and Tom's": one more, if it spreads
    # "Fixed a leak and two crashes": a count of other things of the same work, which adds
    # unless the clause before was counted ("2 talks, 1 internal" is a breakdown).
    new_things: bool = False
    # Categories a word of the clause could name ("two planning meetings": Team meeting or
    # 1:1 meeting); when there are any, it continues only work of one of them.
    could_be: frozenset[str] = frozenset()
    total: bool = False  # "seven in total": the count of all of it, whatever was said before
    people: bool = False  # "5 people": how many people the work before was done with
    # "and a skip with the VP": with someone else, one more of work done per person
    with_someone: bool = False
    someone: bool = False  # "with Ken and Aisha": a person named alone, one more per person
    # "retro + planning": a word several categories share, alone in a list; opening the list
    # ("planning + retro") it belongs to the work named next
    listed: bool = False
    preposition: str | None = None  # "and for search": the preposition it opens with
    # "interviewed a staff candidate and a new grad": another person the work before was done
    # to, one more of work done per person when joined on by "and" to an uncounted clause
    another_person: bool = False
    own_article: bool = False  # "and a setup guide": another object with its own article
    # "shipped dark mode and CSV export": a bare noun phrase joined on, another object of the
    # verb that named the work
    bare: bool = False
    sittings: bool = False  # "2 afternoons": times of work done with someone, else a length
    # "and the quarterly planning": another object named by a list's shared word, so another
    # meeting of the work before, even after its count ("three standups")
    names_listed: bool = False
    pages: bool = False  # "14 pages": a document's length, or alerts


_ANAPHORS = frozenset(("one", "another"))


# "read three others": after a count, these stand for the thing just named, whatever the verb.
_COUNTED_ANAPHORS = frozenset(("others", "ones", "more"))


def with_antecedent(clause: list[Token], previous: Activity | None) -> list[Token]:
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
                       and (is_verb(clause[i - 2]) or reading_verb_at(clause, i - 2) > 0))
        if ((after_verb or after_count)
                and (following is None or following.word in STOPWORDS
                     or following.word in _REFLEXIVES)):
            stand_in = [Token(t.word, t.stem, False, token.start, token.end)
                        for t in previous.work_object]
            return clause[:i] + stand_in + clause[i + 1 :]
    return clause


_REFLEXIVES = frozenset("myself ourselves too".split())


def is_verb(token: Token) -> bool:
    return token.inflected or token.stem in AUTHORING_VERBS


def continuation_of(
    clause: list[Token],
    quantities: list[Quantity],
    cancellers: Cancellers,
    phrase: str,
    lexicon: Lexicon,
) -> Continuation | None:
    if cancellers.forward_from is not None:
        return None
    # "retro + planning", "two team syncs, one planning": work several categories share
    could_be = frozenset().union(*(lexicon.shared.get(token.stem, ()) for token in clause),
                                 *(lexicon.listed.get(token.stem, ()) for token in clause))
    if _another_of_it(clause):  # "then another one thursday", "wed: another with Ravi"
        return Continuation(1, True, phrase, could_be=could_be)
    met = _met_again(clause)
    days = [token for token in clause[met:] if token.word not in ("on", "the", "again")]
    if not quantities and days and all(token.word in DAYS for token in days):
        # "... and Friday": one more day; "we met Tuesday": the day of the work just named
        return Continuation(1, not met, phrase, another_day=True)
    listed = frozenset().union(*(lexicon.listed.get(token.stem, ()) for token in clause))
    # its own count ("planning x1"), not a number of something else ("with the 3 people")
    own = [quantity for quantity in quantities
           if quantity.noun is None or clause[quantity.noun].stem in lexicon.listed]
    if listed and len(own) <= 1 and _names_only_the_listed(clause, quantities, lexicon):
        # "retro + planning", "planning x1", "release planning tuesday"
        return Continuation(own[0].value if own else 1, True, phrase,
                            could_be=listed, listed=True)
    if _another_person(clause) and not _with_someone(clause):
        return Continuation(1, True, phrase, another_object=True, another_person=True)
    if _bare_object(clause):
        return Continuation(1, True, phrase, another_object=True, bare=True)
    if _another_object(clause) or _with_someone(clause):
        return Continuation(1, True, phrase, another_object=True, could_be=could_be,
                            own_article=_own_article(clause),
                            with_someone=_with_someone(clause),
                            someone=all(token.name for token in clause) and len(clause) <= 2,
                            preposition=clause[0].word
                            if clause[0].word in TOPIC_PREPOSITIONS else None,
                            names_listed=bool(listed))
    if not quantities:
        return None
    lead = quantities[0]
    if lead.first == 0 and lead.last == len(clause) - 1 and clause[0].word in DAYS:
        # "did the usual standups, mon-fri": a daily ritual held each day of the range
        rituals = frozenset(term.category for ritual in DAILY_RITUALS
                            if (term := lexicon.terms.get((ritual,))) is not None)
        return Continuation(lead.value, False, phrase, could_be=rituals) if rituals else None
    if clause[lead.first].word == "both" or clause[lead.first].word in DAYS:
        # "1:1 with my lead + skip level with the director, both chill"; "Thu/Fri were
        # heads-down": days named, not more work
        return None
    # "and Jo once": a name before the number makes it another batch of the same work.
    after_a_name = lead.first == 1 and phrase[:1].isupper() and not clause[0].inflected
    hedged = all(token.word in HEDGES for token in clause[: lead.first])  # ", maybe 9"
    if lead.first != met and not after_a_name and not hedged and not (
            met and clause[lead.first].word not in _ONE_OF
            and all(token.word in _MET_WHOM or token.name for token in clause[met : lead.first])):
        return None  # (but "sat down with him twice": how often they met)
    if any(past_form(token) for token in clause[lead.last + 1 :]):
        return None  # "~30 people showed up", "22 done as of Friday": a statement of its own
    following = clause[lead.last + 1].word if lead.last + 1 < len(clause) else ""
    adds = (
        after_a_name
        or following in ("more", "additional", "extra", "with", "for")  # "one with my manager"
        or any(token.word == "from" for token in clause[lead.last + 1 :])  # "one from infra"
        or clause[lead.first].word == "another"
        # "two Wednesday": a new batch (but "met twice, once on Monday": one of the times)
        or (any(token.word in TIMES for token in clause) and clause[lead.first].word != "once")
    )
    # "and 3 smaller ones", "plus two others": more of the thing just named
    stands_in = lead.noun is not None and clause[lead.noun].word in _STAND_INS
    other_things = (lead.noun is not None and not adds and not lead.occurrences
                    and not stands_in and not _names_work(clause[lead.noun], lexicon))
    if other_things and not lead.people:
        return None  # "20 comments already": other things counted
    return Continuation(lead.value, adds or bool(could_be), phrase, could_be=could_be,
                        sittings=lead.sittings,
                        pages=lead.noun is not None and clause[lead.noun].word == "pages",
                         new_things=stands_in or (
                             lead.last + 1 < len(clause) and not lead.occurrences
                             and not other_things and _plural_noun(clause[lead.last + 1])),
                         people=other_things,
                         total=any(token.word in _TOTALS for token in clause))


def _another_of_it(clause: list[Token]) -> bool:
    """"another", "another one on thurs", "wed: another with Ravi": one more of the work just
    named, standing for it (not "another candidate": a thing of its own). A day heading
    may come first."""
    at = 2 if len(clause) > 2 and clause[0].word in DAYS and clause[1].word == ":" else 0
    following = clause[at + 1].word if at + 1 < len(clause) else None
    return clause[at].word == "another" and (
        following is None or following in _AFTER_ANOTHER or following in TIMES)


# What may follow "another" standing for the work: "one", whom or when.
_AFTER_ANOTHER = frozenset("one with on for this that today".split())


def _names_only_the_listed(clause: list[Token], quantities: list[Quantity],
                           lexicon: Lexicon) -> bool:
    """A list's item: the shared word with at most two words naming its kind ("release
    planning", "planning poker"), small words, times and its count; no verb."""
    counted = {i for quantity in quantities for i in range(quantity.first, quantity.last + 1)}
    other = [token for i, token in enumerate(clause)
             if i not in counted and token.stem not in lexicon.listed
             and token.word not in STOPWORDS and token.word not in TIMES
             and token.word not in RECURRING]
    return len(other) <= 2 and not any(
        (is_verb(token) or past_form(token)) and token.word not in _HOLDING
        for token in clause if token.stem not in lexicon.listed)


# Verbs of holding a meeting, which leave a list's item what it is: "did planning on Monday".
_HOLDING = frozenset("did had ran held attended joined led facilitated hosted".split())


_TOTALS = frozenset("total overall altogether".split())
# Plural pronouns standing for things of the kind just named: "3 smaller ones", "two others".
_STAND_INS = frozenset("ones others".split())
# "coached Lee, we met three times", "mentored our intern, we met tues and thurs": meeting
# again, with nothing else named, says how often the work before happened.
_MEETING = frozenset("met meet sat talked spoke paired".split())


# "sat with one of them": whom, not how often.
_ONE_OF = frozenset("one a an".split())
# What may stand between "we met" and how often: "sat down with him twice".
_MET_WHOM = frozenset("down up with him her them again".split())


def _met_again(clause: list[Token]) -> int:
    """Where the clause goes on after "we met" (0: it does not open so)."""
    at = 1 if clause[0].word in ("we", "i") else 0
    if at < len(clause) and clause[at].word in _MEETING:
        return at + 1
    return 0


def _names_work(token: Token, lexicon: Lexicon) -> bool:
    """"two crashes", "3 retros": a word the vocabulary or the everyday lexicon names work by
    (not a description's word: "20 comments" are not RFCs)."""
    term = lexicon.terms.get((token.stem,))
    return (term is not None and term.weight >= HEAD_WORD) or token.stem in FINISHED_OBJECTS or (
        token.stem in CODE_STEMS)  # "code review, seven PRs"


def _plural_noun(token: Token) -> bool:
    """"crashes", "outages": things of their own, not a breakdown ("1 internal")."""
    return (token.word.endswith("s") and token.stem != token.word and not token.inflected
            and token.word not in STOPWORDS and token.word not in _COUNTED_ANAPHORS)


def by_its_verb(work: Activity) -> bool:
    """"reviewed code", "shipped dark mode": work named by its verb, whose objects a count
    set apart may number and another object joined on adds to (not "retro, 2 standups": a
    list of other pieces of work)."""
    return bool(work.work_object) and all(past_form(token) or token.word.endswith("ing")
                                          for token in work.work_object)


def _bare_object(clause: list[Token]) -> bool:
    """"CSV export", "saved filters": a short noun phrase without article, verb or number,
    naming no person, time or habit."""
    return (len(clause) <= 3 and all(token.word.isalpha() and not token.name
                                     for token in clause)
            and not any(((is_verb(token) or past_form(token)) and not modifies_a_noun(clause, i))
                        or token.word in STOPWORDS
                        or token.stem in PEOPLE or token.stem in OCCURRENCES
                        or token.word in TIMES or token.word in RECURRING
                        or number_value(token.word) is not None
                        for i, token in enumerate(clause)))


def _own_article(clause: list[Token]) -> bool:
    """"a setup guide", "an FAQ page", "a bar-raiser round": a thing with an article of its
    own (not "a few people still disagree", "an ex-VP at Stripe": people)."""
    clause = _unhyphened(clause)
    return (clause[0].word in ("a", "an") and len(clause) > 2
            and not any(token.stem in PEOPLE for token in clause)
            and all(token.word.isalpha() and token.word not in STOPWORDS
                    for token in clause[1:3]))


def _unhyphened(clause: list[Token]) -> list[Token]:
    """The clause with the hyphens inside compounds left out: "dev-ex" is one word's worth."""
    return [token for i, token in enumerate(clause)
            if not (token.word == "-" and 0 < i < len(clause) - 1
                    and clause[i - 1].end == token.start and token.end == clause[i + 1].start)]


def _another_person(clause: list[Token]) -> bool:
    """"and a new grad", "and the data EM", "and a dev-ex engineer": a short noun phrase
    naming a person, no verb."""
    clause = without_when(clause)
    return (2 <= len(_unhyphened(clause)) <= 4 and clause[0].word in DETERMINERS
            and clause[-1].stem in PEOPLE and not any(
                is_verb(token) or number_value(token.word) is not None for token in clause))


def _with_someone(clause: list[Token]) -> bool:
    """"a skip with the VP", "my usual weekly with my manager": no verb, time with a person;
    or only the person, after work done per person ("1:1s with my 3 EMs and my boss")."""
    if (len(clause) == 2 and clause[0].word in ("my", "our") and clause[-1].stem in PEOPLE
            and not any(is_verb(token) for token in clause)):
        return True  # "and my boss", "and a QA candidate"
    at = next((i for i, token in enumerate(clause) if token.word == "with"), None)
    return at is not None and not any(is_verb(token) for token in clause) and (any(
        token.stem in PEOPLE or token.name for token in clause[at + 1 :])
        or names_someone(clause[at + 1 :]))


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
    # are company and setting, not more of the work; "retro. the usual" says how often
    setting = clause[-1].stem in PEOPLE or clause[-1].stem in OCCURRENCES or (
        clause[-1].word in TIMES) or clause[-1].word in RECURRING  # "the usual": as ever
    # "the advanced testing one": an -ing word inside a noun phrase is a modifier, not a verb
    # "— Done", "Merged": a verb's past form alone is the status of the work, not a name
    status = len(clause) == 1 and past_form(clause[0])
    return opens and not counted and not setting and not status and not _has_verb(clause)


def _has_verb(clause: list[Token]) -> bool:
    """"the advanced testing one", "a getting-started guide": an -ing word inside a noun
    phrase, or the end of a hyphened compound before its noun, is a modifier, not a verb
    ("snapshot-tested the templates" is one)."""
    return any(
        (is_verb(token) and not token.word.endswith("ing")
         and not _compound_modifier(clause, i))
        or token.word in _AUXILIARIES
        for i, token in enumerate(clause))


def _compound_modifier(clause: list[Token], i: int) -> bool:
    following = clause[i + 1].word if i + 1 < len(clause) else ""
    return i > 0 and clause[i - 1].word == "-" and following.isalpha() and (
        following not in STOPWORDS)


# "The new editor is live" is a statement of its own, not another object.
_AUXILIARIES = frozenset("is are was were be been has have had do did does got get i i'm im "
                         "we we're it them".split())


def continue_with(
    previous: Activity, more: Continuation, tally: Tally, per_person: frozenset[str],
    joined: bool = False,
) -> Activity | None:
    """Apply "and 2 more" to the previous activity.

    A bare number after an explicit count is a breakdown ("2 talks, 1 internal"), not more;
    a number of people counts only work done per person ("reviews done, 5 people").
    """
    if more.value < 1 or (more.could_be and previous.category not in more.could_be):
        return None
    if more.pages and previous.work_object and previous.work_object[-1].stem in DOCUMENT_STEMS:
        return previous  # "wrote the design doc, 14 pages": its length
    if (more.people or more.sittings) and previous.category not in per_person:
        return previous  # "a brown bag, 30 people came", "a workshop, 2 afternoons"
    if more.another_person:
        if not joined or previous.category not in per_person or (
                previous.explicit and not counted_people(previous)):
            return previous
        tally.add(previous.category, 1, more.phrase)
        return replace(previous, count=previous.count + 1)
    if more.bare:
        if not (joined and previous.spreads and previous.listing and not previous.explicit
                and by_its_verb(previous)):
            return None  # a phrase of its own, whatever it names
        tally.add(previous.category, 1, more.phrase)
        return replace(previous, count=previous.count + 1)
    if more.another_object:
        if more.names_listed and previous.category in more.could_be and not more.with_someone:
            tally.add(previous.category, 1, more.phrase)  # "three standups, and the planning"
            return replace(previous, count=previous.count + 1, explicit=False)
        spreads = previous.spreads or (more.own_article and previous.apart)
        if (not spreads or previous.explicit) and not (
                (more.with_someone or (more.someone and not previous.explicit
                                       and "with" in previous.phrase.lower().split()))
                and joined and previous.category in per_person):
            return previous
        if (more.with_someone and previous.category not in per_person) or (
                more.preposition and more.preposition not in previous.phrase.lower().split()):
            # "wrote the design, took it through review with the staff engineers", "documented
            # it, with examples, on the wiki": company and setting, not another object (but
            # "tests for checkout and for search" repeats its preposition)
            return previous
        tally.add(previous.category, 1, more.phrase)
        return replace(previous, count=previous.count + 1, explicit=False)
    if more.another_day:  # "2 bugs on Monday and Friday" does not say how many on Friday
        if previous.explicit or not (more.adds and joined):
            return previous
        tally.add(previous.category, 1, more.phrase)
        return Activity(previous.category, previous.count + 1, False, previous.phrase)
    if more.total:
        delta = more.value - previous.count
    elif more.adds or (more.new_things and not previous.explicit and joined):
        delta = more.value
    elif not previous.explicit:
        delta = more.value - previous.count
    elif joined and not previous.broken_down:
        delta = more.value  # "interviewed 2 EM candidates and one staff eng": 3
    else:
        return replace(previous, broken_down=True)  # "3 bugs, two in webhooks and one in billing"
    tally.add(previous.category, delta, more.phrase)
    return Activity(previous.category, previous.count + delta, True, previous.phrase)
