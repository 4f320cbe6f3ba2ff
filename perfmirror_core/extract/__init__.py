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
6. A learned count layer (``learned_counts``) looks at each of the rules' items again: it
   scores the counts the item could have (the rules' count, 1, one more or fewer, each
   quantity said) by the words around them, and replaces the rules' count only when another
   beats it ("hiring plan done: 6 reqs" is one hiring decision, not six).
7. A learned category layer (``learned``) keeps or drops the rules' categories and adds
   the ones it is sure of, counted once.

One module per job: ``words`` (tokens, aliases, clauses), ``lexicon`` (the vocabulary's
weighted terms), ``colloquial.toml`` (the everyday words people use instead, as data),
``mentions`` (where a clause names work), ``phrases`` (work named by a phrase),
``sentences`` (work only a whole sentence names), ``reading`` (reading is not authoring),
``intent`` (questions, negation, intent, others' work), ``sections`` (a "Next:" or "Blocked:"
heading's lines are not work done), ``links`` (a link's address names no work), ``changes`` (an
item of a list of updates titled like a commit, "Add X" or "X merged", is a change shipped),
``counts`` (quantities), ``continuations`` (a clause that only continues the one before),
``repeats`` (work named again in the same sentence), ``tally`` (the totals), ``references``
(the PR or ticket a sentence names), ``learned`` (a model's second opinion on which
categories the rules' answer leaves out or adds wrongly), ``learned_counts`` (one on how many
times the rules' work was done), ``subjects`` (work credited to
someone else in front of the verb), ``contributions`` (a change sent to another project is
open source), and work named otherwise: ``hiring``, ``gatherings``, ``improvements``,
``feedback``, ``crossteam``, ``designs``. Words that name no work where they stand have a
module each: ``records`` (writing up one's own work is part of it, not documentation),
``purposes`` ("formed a group to fix X": the fix is its aim), ``described`` ("paired with her,
teaching her the build": how the mentoring went), ``stages`` ("my spec is in review"),
``modifiers`` ("the test plan", "the docs site"), ``construction`` ("what we're building"),
``venues`` ("while the team was at the offsite"), ``hires`` ("the new hire", "hiring
paused"). This module puts them together sentence by sentence, clause by clause.

Why rules first: check-ins are short and formulaic, the person should be able to see which
phrase produced which count, and the same words must give the same answer every time,
quickly and offline. The learned layers keep all of that (pure Python, deterministic, a
weights file each, trained from the dev set): the category layer only has a say on which
categories are named, where words said in ways the rules have not seen are most of what the
rules miss, and the count layer only on the rules' counts, which it changes only when it
prefers another count outright.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .batches import another_batch, another_thing
from .ahead import without_talks_ahead
from .calledoff import called_off, rest_that_happened
from .changes import changes_listed, items_under
from .contributions import as_contributions
from .construction import without_construction
from .continuations import (
    Continuation,
    by_its_verb,
    continuation_of,
    continue_with,
    with_antecedent,
)
from .counts import OCCURRENCES, count_for, number_value, quantities_in
from .described import describes_work_done
from .forcomment import as_put_out_for_comment
from .hires import without_hires
from .debriefs import debriefs
from .hiring import is_an_offer
from .initiatives import INITIATIVE_TERM, another_initiative
from .intent import cancellers_in, negated, someone_else_did, statements_only
from .learned import refine
from .learned_counts import recount
from .lengths import only_a_length
from .links import without_links
from .lexicon import (
    FULL_TERM,
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
from .modifiers import without_modifiers
from .outcomes import REVIEW_TERM, ReviewsBrokenDown, more_reviews
from .pages import PAGE_TERM, pages_for_one_thing, real_ones
from .people import each_of_them
from .phrases import PhraseMatch
from .reading import CODE_STEMS, DOCUMENT_STEMS, as_reading, reads
from .purposes import without_purposes
from .records import without_records
from .references import find_reference
from .restating import (
    corrected,
    counts_apart,
    describes,
    gives_the_total,
    itemises,
    names_both,
    participle_on_someone,
    said_before,
    some_of_them,
)
from .repeats import (
    accompanies,
    in_brackets,
    introduces_another,
    is_document,
    measures_a_change,
    names_it_again,
    names_occurrences,
    refers_back,
    said_by_a_verb,
    states_a_role,
    states_its_outcome,
    verb_alone,
    writes_up,
)
from .runons import split_run_on
from .sentences import sentence_matches
from .series import after_a_comma, in_a_series
from .sessions import without_bare_sessions
from .thefix import the_fix_again
from .stages import without_review_stages
from .tally import PHRASE_JOIN, Activity, ExtractedActivity, Tally
from .venues import without_venues
from .words import DAYS, Token, clauses, modifies_a_noun, past_form, plain_stems, tokenize

__all__ = ["PHRASE_JOIN", "CategoryVocabulary", "ExtractedActivity", "categories_named",
           "extract_activities", "find_reference", "rule_activities"]


def extract_activities(
    text: str, categories: Sequence[CategoryVocabulary]
) -> list[ExtractedActivity]:
    """One item per category, counts summed, no zero counts, in order of first mention (the
    rules' items, recounted by the count layer: ``learned_counts``; then any category the
    learned layer adds: ``learned``). A change listed as a list's item (``changes``) is the
    rules' call, as a category named outright is: the list's layout says it was done, which
    the layer's words cannot see."""
    items, listed = _rules(text, categories)
    named = categories_named(text, categories)
    items = recount(text, categories, items)
    return refine(text, categories, items, named + [c for c in listed if c not in named])


def rule_activities(
    text: str, categories: Sequence[CategoryVocabulary]
) -> list[ExtractedActivity]:
    """What the rules alone propose: one item per category, counts summed, no zero counts."""
    return _rules(text, categories)[0]


def _rules(
    text: str, categories: Sequence[CategoryVocabulary]
) -> tuple[list[ExtractedActivity], list[str]]:
    """The rules' items, and the categories they read from the layout of a list of updates."""
    lexicon = lexicon_for(vocabulary_key(categories))
    tally = Tally()
    initiatives = getattr(lexicon.terms.get(INITIATIVE_TERM), "category", None)
    previous: Activity | None = None
    reading_on = False
    done_before: set[str] = set()  # work done (not a document) in the sentences before
    said_earlier: set[str] = set()  # the stems and words of the sentences before
    reviews = ReviewsBrokenDown()  # "reviewed 5 PRs; 3 approved, 2 sent back": five
    stated = statements_only(text)
    worked: list[int] = []  # where each sentence that named work starts
    listing: list[tuple[int, str]] = []  # "review the web PRs:": one piece of work, a list next
    for sentence in _sentences([item for clause in clauses(mended(tokenize(
            without_links(stated)), lexicon)) for item in split_run_on(clause, lexicon)], text):
        found = Tally()  # this sentence's work, before one piece of work includes another
        done_in_sentence: set[str] = set()  # categories of work done (not written up) so far
        named: set[str] = set()  # categories whose clause names what it finished: "the bug"
        documents: set[str] = set()  # categories whose work so far was a document
        forums: dict[str, int] = {}  # meetings where this work's decisions were made
        spread = _spread(sentence)
        stems = frozenset(token.stem for clause in sentence for token in clause)
        theirs = False  # the clause before was someone else's work
        opening: Continuation | None = None  # "planning + retro": waits for the work named next
        calling_off: str | None = None  # the work the clause before called off
        itemised: set[str] = set()  # "gave 2 talks: a long one and a lightning talk"
        heading: Activity | None = None  # "tests:" heading the work named next
        extended_at = -1  # the clause that last added an object to the work before it
        for n, clause in enumerate(sentence):
            # "the platform team fixed it and wrote the postmortem": the verb after "and"
            # shares that subject; after a semicolon the list is the speaker's again ("walked
            # them through it and they signed off; reviewed 5 PRs")
            shared = theirs and past_form(clause[0]) and not (
                n > 0 and _after_semicolon(text, sentence[n - 1][-1].end, clause[0].start))
            theirs = shared or someone_else_did(clause, n == 0)
            if shared:
                previous = None
                continue
            happened = rest_that_happened(clause) if calling_off else None
            if calling_off and happened:
                found.add(calling_off, happened, text[clause[0].start : clause[-1].end])
                calling_off = previous = None
                continue  # "two standups got cancelled, went to the other three"
            calling_off = called_off(clause, lexicon)
            clause = with_antecedent(clause, previous)
            # stems, and the words as written: "sprint demo" is read as a team sync, but
            # only those words said again name the same meeting (``names_it_again``)
            said = {form for earlier in sentence[:n] for token in earlier
                    for form in (token.stem, token.word)}
            reading_on = reads(clause, reading_on)
            review = lexicon.terms.get(REVIEW_TERM)
            if (previous is not None and review is not None and n > 0
                    and previous.category == review.category
                    and (more := more_reviews(clause, sentence[n - 1]))):
                if not reviews.restates(clause, more):
                    found.add(previous.category, more, text[clause[0].start : clause[-1].end])
                previous = replace(previous, count=previous.count + more)
                continue  # "LGTM'd 6 PRs, requested changes on 1": seven reviews
            reading = _read_clause(clause, lexicon, text, reading_on,
                                   _InSentence(spread[n], n == 0, stems,
                                               tuple(t for c in sentence[:n] for t in c)))
            if (reading is None and n > 0 and previous is not None
                    and (batch := another_batch(clause, previous)) is not None
                    and _joined_by_and(text, sentence[n - 1][-1].end, clause[0].start)):
                found.add(previous.category, batch, text[clause[0].start : clause[-1].end])
                previous = replace(previous, count=previous.count + batch)
                continue  # "interviewed 2 android candidates and one iOS": three
            if (reading is None and n > 0 and previous is not None
                    and another_thing(clause, sentence[n - 1], previous)
                    and _joined_by_and(text, sentence[n - 1][-1].end, clause[0].start)):
                found.add(previous.category, 1, text[clause[0].start : clause[-1].end])
                previous = replace(previous, count=previous.count + 1)
                continue  # "wrote a README and a local setup guide": two documents
            if (isinstance(reading, Activity) and not reading.explicit
                    and reading.category in lexicon.per_person
                    and (each := each_of_them(clause, sentence[:n])) is not None):
                reading = replace(reading, count=each, explicit=True)  # "gave each feedback"
            if (isinstance(reading, Activity) and reading.category in itemised) or (
                    isinstance(reading, Continuation) and previous is not None
                    and previous.category in itemised):
                continue  # the items of a count just given, not more of them
            if debriefs(clause) and (
                    (isinstance(reading, Activity) and reading.category in found.counts)
                    or (isinstance(reading, Continuation) and previous is not None
                        and previous.category in found.counts)):
                continue  # "ran two interviews and debriefed both": the same two
            if isinstance(reading, Continuation) and n == 0 and reading.another_object:
                previous = None  # "Signed our first hire!! Ana starts in Jan": a new statement
                continue
            if isinstance(reading, Continuation):
                if reading.listed and (previous is None
                                       or previous.category not in reading.could_be):
                    # "interviewed 3, plus our usual planning and retro": it opens the list
                    opening, previous = reading, None
                    continue
                joined = n > 0 and (
                    _joined_by_and(text, sentence[n - 1][-1].end, clause[0].start)
                    or (in_a_series(text, sentence, n) and (reading.bare or (
                        reading.another_object and not reading.another_person)))
                    or (reading.another_day and sentence[n - 1][-1].word in DAYS))
                if (reading.another_object and not reading.bare and not joined and previous
                        and not previous.explicit and after_a_comma(text, sentence, n)
                        and not reading.someone and not in_brackets(text, clause[0].start)
                        and not any(token.word == ":" for token in sentence[n - 1])):
                    # "upstreamed a fix to grpc, the only thing that went right": a noun phrase
                    # after a comma alone, with no "and" to close a list, says what the work
                    # was (apposition), not more of it (a list after a colon, names or an
                    # aside in brackets are items)
                    continue
                if previous and _one_plan(previous.category, stems, lexicon):
                    # "planned headcount: 3 engineers and a designer", "headcount: +2 SRE, +1
                    # EM": the plan's numbers, one plan
                    continue
                if reading.bare and previous and (
                        previous.category in lexicon.undertakings
                        or (previous.phrase != text[sentence[n - 1][0].start
                                                    : sentence[n - 1][-1].end]
                            and extended_at != n - 1)):
                    previous = None  # "the effort across payments, search and ads": one
                    continue
                before = previous.count if previous else None
                previous = (continue_with(previous, reading, found, lexicon.per_person, joined)
                            if previous else None)
                if previous is not None and previous.count != before:
                    extended_at = n  # "shipped A, B, and C": the series goes on from here
            elif isinstance(reading, Activity):
                if (previous is not None and reading.category == previous.category
                        and (not reading.explicit or reading.count <= previous.count)
                        and refers_back(clause)):
                    continue  # "built the feature and shipped it", "paged twice, mitigated both"
                if (said_before(reading.category, found, tally) >= max(reading.count, 2)
                        and reading.explicit and names_both(clause)):
                    continue  # "Two incidents: ... . Mitigated both": the two again
                if (not reading.explicit and reading.category in done_before
                        and writes_up(clause) and not reading_on):
                    continue  # "Two outages. Both mitigated, postmortems written."
                if (not reading.explicit and reading.category in done_in_sentence
                        and ((writes_up(clause) and not reading_on
                              and reading.category not in documents)
                             or said_by_a_verb(reading)
                             or states_a_role(clause) or names_occurrences(reading)
                             or measures_a_change(clause))) or (
                        not reading.explicit and done_in_sentence and verb_alone(clause)
                        and not _count_follows(sentence, n)):
                    continue  # "handled two pages and wrote the postmortem", "... mitigated it"
                if (not reading.explicit
                        and (reading.category in found.counts or reading.category in tally.counts)
                        and (reading.category in lexicon.undertakings
                             or _one_plan(reading.category, stems, lexicon))
                        and not introduces_another(clause, reading)
                        and not (reading.category == initiatives
                                 and another_initiative(
                                     clause, reading, text[: clause[0].start]))):
                    continue  # "did the cert, passed the exam": a step of the same work
                if (not reading.explicit and reading.category in found.counts
                        and (names_it_again(clause, reading, said)
                             or states_its_outcome(clause, reading)
                             or accompanies(clause, reading))):
                    continue  # "ran the retro, in the retro we agreed ...": the same one
                if ((reading.category in found.counts or reading.category in tally.counts)
                        and the_fix_again(clause, reading)):
                    done_in_sentence.add(reading.category)  # "Fixed + deployed": the fix's
                    continue  # "tracked down the leak and got the fix merged": that fix
                if describes_work_done(reading, found.counts, lexicon):
                    continue  # "paired with the intern, teaching him the build": mentoring
                if (not reading.explicit and reading.category in tally.counts
                        and names_it_again(clause, reading, said_earlier)):
                    continue  # "... retro on Friday. The retro was tense": the same one
                if (not reading.explicit and is_an_offer(reading.work_object) and (
                        reading.category in found.counts or reading.category in tally.counts)):
                    continue  # "closed the hire! offer accepted": the offer is that hire
                if reading.category in found.counts and some_of_them(clause):
                    continue  # "3 incidents, postmortems for two of them": some of the three
                if (reading.explicit and (so_far := said_before(reading.category, found, tally))
                        and gives_the_total(clause)):
                    # "standup every day, so 5 standups": the same ones again; "reviewed Tom's
                    # and Leila's PRs, so 2 reviews": all of them, however few said before
                    found.add(reading.category, reading.count - so_far, reading.phrase)
                    previous = reading
                    continue
                if reading.category in found.counts and in_brackets(text, clause[0].start):
                    continue  # "5 interviews (2 phone screens, 3 onsites)": a breakdown
                if (previous is not None and previous.category == reading.category
                        and (describes(clause) or (
                            not reading.explicit and participle_on_someone(clause)))):
                    # "reviewed 9 PRs, mostly terraform changes", "paired with Ana, walking
                    # her through the parser": what the work just counted was
                    continue
                if (previous is not None and previous.category == reading.category
                        and (not previous.explicit or previous.count == 1)
                        and reading.explicit and n > 0
                        and (all(t.stem in OCCURRENCES for t in reading.work_object)
                             or (counts_apart(clause) and by_its_verb(previous)
                                 and reading.category not in named
                                 and not _joined_by_and(
                                 text, sentence[n - 1][-1].end, clause[0].start)))):
                    # "coached a new lead on delegation, 2 sessions", "reviewed code from the
                    # offshore team, 8 pull requests": how many times it was
                    found.add(reading.category, reading.count - previous.count, reading.phrase)
                    previous = reading
                    continue
                if review is not None and reading.category == review.category:
                    if reading.explicit and reviews.restates(clause, reading.count):
                        previous = reading
                        continue  # "reviewed 5 PRs; 3 pull requests approved": of the five
                    reviews.counted(clause, reading.count, reading.explicit)
                if not writes_up(clause):
                    done_in_sentence.add(reading.category)
                if is_document(reading):
                    documents.add(reading.category)
                if (not reading.explicit and tuple(
                        token.stem for token in reading.work_object) in lexicon.forums):
                    forums[reading.category] = forums.get(reading.category, 0) + reading.count
                if _names_what_it_finished(clause, reading.category, lexicon):
                    named.add(reading.category)
                if opening is not None and reading.category in opening.could_be:
                    found.add(reading.category, opening.value, opening.phrase)
                opening = None
                if heading is not None and heading.category == reading.category:
                    found.take(reading.category, heading.count)  # "tests: +45 unit tests"
                heading = reading if _is_heading(clause) else None
                found.add(reading.category, reading.count, reading.phrase)
                previous = reading
                fixed = corrected(clause, sentence[n + 1 :]) if reading.explicit else None
                if fixed is not None:  # "fixed 2 bugs, sorry 3": the count said last, and
                    # what follows says why ("I forgot the phone screen")
                    found.add(reading.category, fixed - reading.count, reading.phrase)
                    previous = replace(reading, count=fixed)
                    itemised.add(reading.category)
                if reading.explicit and itemises(clause, text, sentence[n + 1 : n + 2]):
                    itemised.add(reading.category)
            elif not only_a_length(clause):  # "an hour on tues, and another on thurs"
                previous = None
        for category, meetings in forums.items():
            if found.counts[category] > meetings:
                found.take(category, meetings)  # "on the hiring committee, we approved 2 offers"
        for whole, parts in lexicon.same_work.items():
            if whole in found.counts:
                for part in parts:
                    found.drop_single(part)  # "fixed a bug in polars, PR merged upstream"
        for whole, parts in lexicon.same_work_unless_named.items():
            if whole in found.counts:
                for part in parts - named:
                    found.drop_single(part)  # "handled the outage, found the cause, fixed it"
        if any(count > 0 for count in found.counts.values()):
            worked.append(sentence[0][0].start)
        if list(found.counts.values()) == [1] and sentence[-1][-1].word == ":":
            listing.append((sentence[0][0].start, next(iter(found.counts))))
        tally.merge(found)
        done_before |= done_in_sentence - documents
        said_earlier |= {form for clause in sentence for token in clause
                         for form in (token.stem, token.word)}
    _keep_real_pages(tally, tokenize(stated), lexicon)
    if listing:
        under = items_under(stated, worked)
        for start, category in listing:
            items = under.get(stated.rfind("\n", 0, start) + 1, 1)
            if items > 1:  # "- review the web PRs:\n  - status page\n  - settings page"
                tally.add(category, items - 1, stated[start : stated.find(":", start) + 1])
    shipped = lexicon.terms.get(SHIPPED_TERM)
    if shipped is None:
        return tally.activities(), []
    listed = changes_listed(stated, worked)
    for change in listed:
        tally.add(shipped.category, 1, change)  # "- Add custom codecs to the parser"
    return tally.activities(), [shipped.category] if listed else []


_SENTENCE_END = re.compile(r"[.!?\n]")
SHIPPED_TERM = plain_stems("shipped")  # the vocabulary's word for a change released
_AND = re.compile(r"\s(?:and|plus)\s|\+|&")


def _keep_real_pages(tally: Tally, tokens: list[Token], lexicon: Lexicon) -> None:
    """"paged 3x, 1 real outage": of the pages counted as incidents, only the real ones are."""
    real = real_ones(tokens)
    incident = lexicon.terms.get(PAGE_TERM)
    if real is not None and incident is not None and tally.counts.get(
            incident.category, 0) > real:
        tally.take(incident.category, tally.counts[incident.category] - real)


def _one_plan(category: str, stems: frozenset[str], lexicon: Lexicon) -> bool:
    """Whether the sentence names a plan of this work ("headcount"): its numbers are what the
    plan decided, and the plan is one piece of work."""
    return any(lexicon.plans.get(word) == category for word in stems)


def _is_heading(clause: list[Token]) -> bool:
    """"tests:", "PR reviews:": a word or two naming the work that the list after it
    itemises."""
    return clause[-1].word == ":" and len(clause) <= 3


def _count_follows(sentence: list[list[Token]], n: int) -> bool:
    """"shipped → dark mode / fixed → 2 a11y bugs": a verb whose count comes next heads its
    own work, whatever came before it."""
    return n + 1 < len(sentence) and number_value(sentence[n + 1][0].word) is not None


def _joined_by_and(text: str, end: int, start: int) -> bool:
    """"Interviewed 2 candidates and one staff eng": another batch joined on, not a
    breakdown ("2 talks, 1 internal")."""
    return bool(_AND.search(text, end, start + 1)) if start > end else False


def _after_semicolon(text: str, end: int, start: int) -> bool:
    """Whether a semicolon separates two clauses: in a check-in it starts the next item."""
    return ";" in text[end:start]


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
class _InSentence:
    """What a clause's sentence tells about it."""

    matches: Sequence[PhraseMatch] = ()  # the sentence rules' matches in this clause
    opens: bool = False  # the clause opens its sentence
    stems: frozenset[str] = frozenset()  # every word of the sentence
    before: tuple[Token, ...] = ()  # the words of the sentence's clauses before this one


def _read_clause(
    clause: list[Token], lexicon: Lexicon, text: str, reading_on: bool = False,
    sentence: _InSentence = _InSentence(),
) -> Activity | Continuation | None:
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
    mentions = as_contributions(mentions, clause, lexicon)  # "a docs fix", "a PR to the docs"
    mentions = without_records(mentions, clause, lexicon)  # "interviewed her, wrote it up"
    mentions = without_purposes(mentions, clause, sentence.before)  # "formed a group to fix X"
    mentions = without_review_stages(mentions, clause, lexicon)  # "my spec is in review"
    mentions = without_modifiers(mentions, clause, lexicon)  # "read their test plan"
    mentions = without_construction(mentions, clause, lexicon)  # "what we're building"
    mentions = without_venues(mentions, clause, lexicon)  # "fixed it while at the offsite"
    mentions = without_hires(mentions, clause, lexicon)  # "the new mobile hire", "paused hiring"
    # "working sessions with each team": no one to mentor
    mentions = without_bare_sessions(mentions, clause, lexicon, sentence.before)
    mentions = as_put_out_for_comment(mentions, clause, lexicon)  # "doc is up for comment"
    mentions = without_talks_ahead(mentions, clause, lexicon)  # "presenting it next week"
    if reading_on:
        mentions = as_reading(mentions, clause, lexicon)
    quantities = quantities_in(clause)
    if winning_category(mentions) is None:  # at most a stray word: "one with my manager"
        return continuation_of(clause, quantities, cancellers, phrase, lexicon)
    mentions = drop_topics(mentions, clause)
    mentions = [m for m in mentions if not negated(m, cancellers, mentions)]
    category = winning_category(mentions)
    if category is None:
        return None
    own = [m for m in mentions if m.category == category]
    planned = _one_plan(category, sentence.stems, lexicon)  # "headcount approved: 3 BE"
    count, explicit = count_for(own, quantities, clause,
                                category in lexicon.per_person and not planned,
                                _objects_of(category, lexicon),
                                category not in lexicon.undertakings and not planned)
    if (planned and count > 0) or (count > 1 and any(
            pages_for_one_thing(clause, m.first) for m in own)):
        count, explicit = 1, False  # "paged twice for the same outage": one incident
    if count <= 0:
        return None
    work = max(own, key=lambda m: m.weight)  # the first of the strongest
    return Activity(category, count, explicit, phrase,
                     tuple(clause[work.first : work.last + 1]), _spreads(clause, work),
                     apart=not _after_topic(clause, work),
                     listing=_plain_object(clause[work.last + 1 :]))


# "tests for the importer and the exporter": each object its own piece of work. Not after
# one thing ("a talk on X and Y"), a topic ("about"), or company ("with Sam and Jo").
_ONE_THING = frozenset("a an one another".split())
_NOT_SPREAD_AFTER = frozenset("on about regarding around with alongside between".split())


def _spreads(clause: list[Token], work: Mention) -> bool:
    return not any(token.word in _ONE_THING for token in clause[: work.last + 1]) and (
        not _after_topic(clause, work))


# Words that make what follows a setting or a part, not the object itself.
_PREPOSITIONS = frozenset("of for across in on at to from after before with about by into over "
                          "between via during through".split())


def _plain_object(words: list[Token]) -> bool:
    """"dark mode", "the new empty states": a short noun phrase, no preposition, verb or
    punctuation; or anything after a colon ("shipped: CSV export for admins, bulk archive"),
    which opens the list of what the verb was done to."""
    if words and words[0].word in _LIST_OPENERS:
        return len(words) > 1
    return 0 < len(words) <= 4 and all(
        token.word.isalpha() and token.word not in _PREPOSITIONS
        and not (past_form(token) and not modifies_a_noun(words, i))
        for i, token in enumerate(words))


_LIST_OPENERS = frozenset(": /".split())


def _after_topic(clause: list[Token], work: Mention) -> bool:
    return any(token.word in _NOT_SPREAD_AFTER for token in clause[work.last + 1 :])


def _is_distributive(clause: list[Token]) -> bool:
    """"one session each", "one each on Monday" restate the clause before it; they are not
    a new activity. (In "mentored two managers (one hour each)" the clause is the work.)"""
    return clause[-1].word in ("each", "apiece") or any(
        token.word in ("each", "apiece") and i <= 2
        and any(number_value(before.word) is not None for before in clause[:i])
        for i, token in enumerate(clause) if i > 0)  # "one each", "one session each"


def _names_what_it_finished(clause: list[Token], category: str, lexicon: Lexicon) -> bool:
    """"fixed the retry bug" names what the fix finished; "fixed it", "fixes tracked" do not
    (the work's own name is not its object)."""
    own_names = lexicon.nouns.get(category, frozenset())
    return any((term := lexicon.terms.get(FINISHED_OBJECTS.get(token.stem, ()))) is not None
               and term.category == category and token.stem not in own_names
               for token in clause)


def _objects_of(category: str, lexicon: Lexicon) -> frozenset[str]:
    """What a count of this work may count: its one-word names, code and documents, and
    what finishing it means ("bugs" for a fix)."""
    return lexicon.nouns.get(category, frozenset()) | CODE_STEMS | DOCUMENT_STEMS | frozenset(
        word for word, term in FINISHED_OBJECTS.items()
        if (found := lexicon.terms.get(term)) is not None and found.category == category)

