"""Where a clause names work: the vocabulary's terms, longest first, and what people say
instead of them (colloquial verbs, a term turned round, a finished object, a phrase), with
topics and compounds sorted out, and the category with the most evidence.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..text import stem
from .colloquial import COLLOQUIAL
from .intent import infinitive, passive
from .crossteam import efforts_across
from .feedback import feedback_said
from .gatherings import gathering_matches
from .hiring import hiring_decisions
from .lexicon import (
    FULL_TERM,
    HEAD_WORD,
    PROPOSE_AT,
    SUPPORTING_WORD,
    Lexicon,
    Mention,
    evidence_of,
    past,
)
from .mentored import received_mentoring
from .phrases import PhraseMatch, phrase_matches
from .reading import DOCUMENT_STEMS
from .words import (
    DETERMINERS,
    IRREGULAR_PAST,
    TOPIC_PREPOSITIONS,
    Token,
    past_form,
    plain_stems,
    scan,
    stems_of,
)

# --- what people say instead of the vocabulary's words ------------------------------------


def phrase_mentions(
    clause: list[Token], lexicon: Lexicon, matches: Sequence[PhraseMatch] = ()
) -> list[Mention]:
    """Work named by a phrase (``phrases``, and the sentence's ``matches`` in this clause),
    where the vocabulary has the term."""
    mentions = []
    for match in (*phrase_matches(clause), *hiring_decisions(clause),
                  *gathering_matches(clause), *feedback_said(clause),
                  *efforts_across(clause), *matches):
        term = lexicon.terms.get(stems_of(match.term))
        if term is not None:
            mentions.append(Mention(term.category, match.weight, match.first, match.last))
    return mentions


_TURNING_PREPOSITIONS = frozenset("with of for".split())


def turned_mentions(clause: list[Token], lexicon: Lexicon) -> list[Mention]:
    """A two-word term said the other way round: "a sync with my team" is a team sync, "a
    meeting with the team" a team meeting, "a review of the architecture" an architecture
    review."""
    mentions = []
    for i in range(len(clause) - 2):
        if clause[i + 1].word not in _TURNING_PREPOSITIONS:
            continue
        j = i + 2
        while j < len(clause) - 1 and clause[j].word in DETERMINERS:
            j += 1
        term = lexicon.turned.get((clause[i].stem, clause[j].stem))
        if term is not None:
            mentions.append(Mention(term.category, term.weight, i, j))
    return mentions


# Work named by what was finished (``colloquial.toml``'s ``[finished]``): "nailed two bugs".
_FINISHING_VERBS = tuple(plain_stems(verb) for verb in COLLOQUIAL.finishing_verbs)
FINISHED_OBJECTS = {stem(word): plain_stems(term)
                     for word, term in COLLOQUIAL.finished_objects.items()}


_PASSIVE_BEFORE = frozenset("is are was were been be".split())


def finished_objects(clause: list[Token], lexicon: Lexicon) -> list[Mention]:
    found = next(((i, i + len(verb) - 1) for i in range(len(clause))
                  for verb in _FINISHING_VERBS
                  if tuple(t.stem for t in clause[i : i + len(verb)]) == verb
                  and (clause[i].inflected or clause[i].word in IRREGULAR_PAST)), None)
    if found is None:
        return []
    verb_start, verb_end = found
    # "got the H2 plan agreed", "the Q3 plan is agreed", "priorities signed off by the VP":
    # the object comes before a finish someone was got to make or that was made.
    got = any(token.word in ("got", "get", "had") for token in clause[:verb_start]) or (
        verb_start > 0 and clause[verb_start - 1].word in _PASSIVE_BEFORE) or (
        verb_end + 1 < len(clause) and clause[verb_end + 1].word in ("by", "off"))
    mentions = []
    for i in (*range(verb_start if got else 0), *range(verb_end + 1, len(clause))):
        term = lexicon.terms.get(FINISHED_OBJECTS.get(clause[i].stem, ()))
        if term is not None:
            mentions.append(Mention(term.category, HEAD_WORD, i, i))
    return mentions


def compounds(
    mentions: list[Mention], clause: list[Token], lexicon: Lexicon
) -> list[Mention]:
    """In "an onboarding session" the modifier says what the session was: a head word right
    after another category's word belongs to that category (but "an onboarding guide" is a
    document about onboarding, and "a release script" a script). In "met to talk about it",
    talk is what they did, not a talk given; in "got reviewed" the work was someone else's."""
    kept: list[Mention] = []
    for mention in mentions:
        before = kept[-1] if kept else None
        head = lexicon.terms.get((clause[mention.first].stem,))
        if (before is not None and mention.weight == HEAD_WORD
                and head is not None and head.weight == HEAD_WORD  # "session", not "script"
                and mention.first == mention.last  # one noun, not a phrase: "put out a fire"
                and not clause[mention.first].inflected  # a noun: "session", not "reviewed"
                and clause[mention.first].stem not in DOCUMENT_STEMS
                and before.weight == SUPPORTING_WORD and before.category != mention.category
                and before.last + 1 == mention.first):
            kept[-1] = Mention(before.category, HEAD_WORD, before.first, mention.last)
        elif (before is not None and before.weight >= HEAD_WORD
              and before.category != mention.category and before.last + 1 == mention.first
              and mention.first == mention.last and clause[mention.first].stem in _PLAIN_DOCS):
            # "the quarterly planning doc", "the RCA doc": a plain "doc" is whatever its
            # modifier names.
            kept[-1] = Mention(before.category, before.weight, before.first, mention.last)
        elif (before is not None and before.weight == mention.weight == FULL_TERM
              and before.category != mention.category and before.last + 1 == mention.first
              and before.first == before.last and mention.first == mention.last
              and not past_form(clause[mention.first])):
            # "interview training": of two names side by side, the second is the thing
            kept[-1] = Mention(mention.category, FULL_TERM, before.first, mention.last)
        elif not infinitive(mention, clause) and not passive(mention, clause):
            kept.append(mention)
    return kept


_PLAIN_DOCS = frozenset(stem(word) for word in "doc docs document".split())

# A colloquial verb counts only as a verb ("released", "patched"): "the release checklist" and
# "a patch" are things, not work done. Phrases and irregular past forms are verbs already.
_PAST_FORMS = frozenset("spoke taught demoed".split())
# Verbs whose -ing form is nearly always a noun: "the onboarding guide", "a security training".
_PAST_ONLY = frozenset((stem("onboard"), stem("train")))


_STRENGTH = {"settles": FULL_TERM + HEAD_WORD, "name": FULL_TERM, "head": HEAD_WORD,
             "word": SUPPORTING_WORD}


def _colloquial_table(
    entries: dict[str, tuple[str, str]]
) -> dict[tuple[str, ...], tuple[tuple[str, ...], int]]:
    return {stems_of(source): (stems_of(term), _STRENGTH[strength])
            for source, (term, strength) in entries.items()}


_COLLOQUIAL = _colloquial_table(COLLOQUIAL.verbs)
_NOUNS = _colloquial_table(COLLOQUIAL.nouns)

_TALK = stems_of("talk")
_MENTORING = stems_of("mentoring")


def colloquial_mentions(clause: list[Token], lexicon: Lexicon) -> list[Mention]:
    mentions = []
    i = 0
    while i < len(clause):
        for length in (4, 3, 2, 1):
            window = clause[i : i + length]
            stems = tuple(token.stem for token in window)
            noun = _NOUNS.get(stems)
            found = noun or _COLLOQUIAL.get(stems)
            term = lexicon.terms.get(found[0]) if found else None
            as_verb = noun is not None or (
                (window[0].inflected or window[0].word in _PAST_FORMS or length > 1) and not (
                    window[0].stem in _PAST_ONLY and not window[0].word.endswith("ed")))
            purpose = i > 0 and clause[i - 1].word == "to" and noun is None  # "to roll out"
            if found and term is not None and len(window) == length and as_verb and not purpose:
                after = clause[i + length] if i + length < len(clause) else None
                if found[0] == _TALK and after is not None and after.name:
                    term = lexicon.terms.get(_MENTORING, term)  # "taught Sam": mentored
                mentions.append(Mention(term.category, found[1], i, i + length - 1))
                i += length
                break
        else:
            i += 1
    for match in received_mentoring(clause):  # "my manager gave me some coaching"
        term = lexicon.terms.get(stems_of(match.term))
        if term is not None:
            mentions.append(Mention(term.category, match.weight, match.first, match.last))
    return mentions

# --- matching --------------------------------------------------------------------------


def match_terms(
    clause: list[Token], lexicon: Lexicon, blocked: frozenset[int]
) -> list[Mention]:
    """Longest match first, left to right, so each span of words names one category."""
    matchable = [
        i not in blocked and (not token.inflected or token.stem in lexicon.verb_stems
                              or (token.stem in lexicon.past_only_stems and past(token)))
        for i, token in enumerate(clause)
    ]
    return scan(len(clause), lambda i: _longest_term_at(clause, i, lexicon, matchable))


def _longest_term_at(
    clause: list[Token], i: int, lexicon: Lexicon, matchable: list[bool]
) -> Mention | None:
    for length in range(min(lexicon.longest, len(clause) - i), 0, -1):
        if not all(matchable[i : i + length]):
            continue
        term = lexicon.terms.get(tuple(token.stem for token in clause[i : i + length]))
        if term is not None and not (length == 1 and clause[i].stem in lexicon.gerund_heads
                                     and not clause[i].word.endswith(("ing", "ings"))):
            return Mention(term.category, term.weight, i, i + length - 1)
    return None


def drop_topics(mentions: list[Mention], clause: list[Token]) -> list[Mention]:
    """In "gave a talk on incident response", incident response is the topic, not an
    activity: ignore other categories' mentions after a preposition that follows the first
    strong mention."""
    main = _first_proposable(mentions)
    if main is None:
        return mentions
    topic_from = next(
        (i for i in range(main.last + 1, len(clause))
         if clause[i].word in TOPIC_PREPOSITIONS),
        None,
    )
    if topic_from is None:
        return mentions
    # a phrase that opens with the preposition ("with my mentor") is company, not a topic
    return [m for m in mentions if m.category == main.category or m.first <= topic_from]


def _first_proposable(mentions: list[Mention]) -> Mention | None:
    evidence = evidence_of(mentions)
    return next((m for m in mentions if evidence[m.category] >= PROPOSE_AT), None)


def winning_category(mentions: list[Mention]) -> str | None:
    """Most evidence wins; a tie goes to the category mentioned first."""
    evidence = evidence_of(mentions)
    first_seen: dict[str, int] = {}
    for mention in mentions:
        first_seen.setdefault(mention.category, mention.first)
    ranked = sorted(evidence, key=lambda category: (-evidence[category], first_seen[category]))
    if not ranked or evidence[ranked[0]] < PROPOSE_AT:
        return None
    return ranked[0]


_NEEDS_OBJECT = {stem(noun): frozenset(stem(word) for word in objects)
                 for noun, objects in COLLOQUIAL.needs_object.items()}


def drop_bare_nouns(
    mentions: list[Mention], clause: list[Token], lexicon: Lexicon, context: frozenset[str]
) -> list[Mention]:
    """Without its object in the clause, a bare word such as "review" names no work
    (``colloquial.toml``'s ``[needs_object]``): "the review went fine", "the team reviewed it
    Thursday"; its plural does ("did 5 reviews"), and so does a phrase made of it ("hosted a
    session": a talk). The object may be anywhere in the sentence (the ``context``): "an
    outage Tuesday, mitigated in 20 minutes"."""
    stems = context | {token.stem for token in clause}

    def bare(m: Mention) -> bool:
        token = clause[m.first]
        own = lexicon.terms.get((token.stem,))
        plural = token.word.endswith("s") and not token.inflected  # "did 5 reviews"
        return (m.first == m.last and token.stem in _NEEDS_OBJECT and not plural
                and own is not None
                and own.category == m.category and not stems & _NEEDS_OBJECT[token.stem])

    return [m for m in mentions if not bare(m)]


# Verbs whose object is not work the person did, and the terms of the work they are not:
# being in the audience ("sat through three vendor demos"), finding a bug ("found 14 bugs").
_NOT_DOING = tuple(
    (tuple(plain_stems(verb) for verb in verbs), tuple(stems_of(term) for term in cancels))
    for verbs, cancels in ((COLLOQUIAL.audience, COLLOQUIAL.audience_cancels),
                           (COLLOQUIAL.finding, COLLOQUIAL.finding_cancels)))


def _not_doing(clause: list[Token], lexicon: Lexicon) -> tuple[int | None, set[str]]:
    """Where a verb of not doing the work is ("sat through", "found") and the categories of
    the work it is not."""
    stems = [token.stem for token in clause]
    for verbs, cancels in _NOT_DOING:
        # not a modifier ("customer-reported issues")
        at = next((i for i in range(len(clause)) for verb in verbs
                   if tuple(stems[i : i + len(verb)]) == verb
                   and not (i > 0 and clause[i - 1].word == "-")), None)
        if at is not None:
            return at, {term.category for words in cancels
                        if (term := lexicon.terms.get(words)) is not None}
    return None, set()


def drop_settings(mentions: list[Mention], clause: list[Token], lexicon: Lexicon) -> list[Mention]:
    """Work that is only the setting of the clause: given by others to an audience ("sat
    through three vendor demos"), a defect found rather than fixed ("found 2 bugs"), the time
    between ("between interviews I fixed two bugs"), or a relative clause's own verb ("the
    PR that released saved searches")."""
    heard, cancelled = _not_doing(clause, lexicon)
    # "found and fixed the bug", "found 1 real bug which I fixed": the work's own verb says
    # it was done after all
    cancelled -= {m.category for m in mentions if heard is not None and m.first != heard
                  and past_form(clause[m.first])}
    between = next((i for i, token in enumerate(clause) if token.word == "between"), None)
    until = next((i for i in range(between + 1, len(clause))
                  if clause[i].word in ("i", "we") or clause[i].inflected), len(clause)) \
        if between is not None else None
    kept = [m for m in mentions
            if not (heard is not None and m.first > heard and m.category in cancelled)
            and not (between is not None and until is not None and between < m.first < until)
            and not (clause[m.first].inflected and m.first > 0
                     and clause[m.first - 1].word in ("that", "which", "who"))]
    return kept or ([] if heard is not None else mentions)
