"""Work named by a phrase rather than by a word of the vocabulary, for the extractor.

People often say what they did by its effect or its setting: "got the CI pipeline from 20
to 8 minutes" is a process improvement, "showed the new dashboards at the town hall" a talk,
"coordinated the change across three teams" cross-team work, "wrote reviews for five
engineers" feedback. Each rule here reads one such grammar (a verb of a kind, then an object
or an audience of a kind) and names the vocabulary term it means; the extractor uses the
term only when the person's vocabulary has it. The word lists are kinds of things (tooling,
audiences, people), not sentences: a rule fires on any member of the kind.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ..text import stem, tokens
from .colloquial import COLLOQUIAL
from .reading import DOCUMENT_STEMS
from .words import NUMBER_WORDS, RECURRING

SETTLES = 5  # more than a name and a head word together: it decides what the clause is about
DECISIVE = 4  # more than a name
FULL = 3  # as much evidence as a category's own name
HEAD = 2  # as much as a head word: enough alone, outweighed by a name
NONE = 0  # a word the phrase uses up, so it names nothing else ("reviews" in "reviews for")


class Word(Protocol):
    """What a rule needs to know about one token of a clause."""

    @property
    def word(self) -> str: ...
    @property
    def stem(self) -> str: ...
    @property
    def inflected(self) -> bool: ...
    @property
    def name(self) -> bool: ...


@dataclass(frozen=True)
class PhraseMatch:
    term: str  # the vocabulary's wording of what the phrase means: "talk"
    weight: int
    first: int  # token positions within the clause, inclusive
    last: int


def stems(words: str) -> frozenset[str]:
    return frozenset(stem(token.word) for token in tokens(words))


TALK = "talk"
MENTORING = "mentoring"
IMPROVEMENT = "improved the process"
CROSS_TEAM = "cross-team"
FEEDBACK = "gave feedback"
SHIPPED = "shipped"
TEAM_EVENT = "team event"
DOCS = "docs"
LEARNING = "training"
ONE_ON_ONE = "1:1"
DECISION = "tech decision"
DESIGN = "design doc"

# Verbs that make something faster, smaller or fewer; and the team's own machinery.
_IMPROVING = stems("cut reduce speed sped shorten halve shave trim lower streamline "
                    "simplify slash")
_TOOLING = stems("ci build pipeline deploy deployment workflow process toil tooling "
                  "suite checklist")
# Verbs of showing, and who is shown: a group or an event, not one person.
_SHOWING = stems("show shown showed share")
_AUDIENCES = stems("allhands townhall guild meetup conference summit org organisation "
                    "organization department company everyone leadership")
_GROUPS = _AUDIENCES | stems("team group class folks people cohort")
# Leading work, and its reach.
LEADING = stems("coordinate lead led drive drove driven align organise organize run ran "
                  "spearhead champion unify standardise standardize push")
_REACH = stems("org organisation organization company department")
# Running an event for others (giving it) rather than attending it.
_HOSTING = stems("host run ran lead led facilitate give gave deliver")
_EVENTS = stems("workshop session class training course seminar webinar walkthrough demo")
_LENGTHS = frozenset("- min mins minute minutes hour hours h hr day".split())
# Feedback or a review written for a person.
_JUDGING = stems("feedback review appraisal evaluation")
PEOPLE = frozenset(stem(word) for word in COLLOQUIAL.people)
_FORPEOPLE = frozenset(("to", "for", "with"))
# "a code review for Priya" is a review of her code, not of her.
_REVIEWED_THINGS = stems("code pr design doc architecture security rfc")
# Putting something live or before its users.
_PUTTING = stems("get got put push take took make made bring brought open enable expose "
                 "turn roll")
_USERS = stems("user customer everyone everybody client")
_QUANTIFIERS = frozenset("a an the all every our their of".split())
_AFTER_LIVE = frozenset("on for to in at today yesterday this last".split())
# Social events organised for a team.
_ORGANISING = stems("organise organize host plan throw threw arrange run ran")
_SOCIAL = stems("dinner lunch drinks party celebration social picnic trivia quiz game")
_SOCIAL_WORDS = frozenset(("outing", "outings"))  # its stem is "out": "ran out of time"
# Taking part in structured learning (giving it is hosting, above).
_LEARNING = stems("take took do did complete finish attend enrol enroll join spend spent pass")
_LESSONS = stems("course module class lesson lecture bootcamp tutorial seminar exam cert "
                 "certification")
_DONE = frozenset("done finished completed passed".split())
# A meeting with one person: "touched base with my manager", "caught up w/ Sam".
_MEETING = stems("touch catch caught check sit sat sync chat meet met spend spent")
_ONE_PERSON = stems("manager boss lead report direct skip director pm tl")
_EACH = frozenset("both each two three four five six seven eight nine ten".split())
# Writing a document for others that the vocabulary has no special name for.
# ("rewrote" stems apart from "rewrite", like "wrote" from "write")
_AUTHORING = stems("write wrote written draft author publish put prepare type rewrite rewrote "
                   "rewritten pin")
_GENERIC_DOCUMENTS = stems("guide howto tutorial faq playbook handbook wiki writeup manual "
                           "cheatsheet instructions blog post article explainer notes "
                           "overview dictionary quickstart glossary primer")
_DETERMINERS = frozenset("a an the my our their his her this that".split())


def phrase_matches(clause: Sequence[Word]) -> list[PhraseMatch]:
    """Every phrase rule's matches in one clause."""
    return [
        *_improvements(clause), *_shown(clause), *_walked_through(clause),
        *_across_teams(clause), *_hosted(clause), *_feedback_for_people(clause),
        *_made_live(clause), *_before_users(clause), *_social_events(clause),
        *_generic_documents(clause), *_lessons(clause), *_met_one_person(clause),
        *_choices(clause), *_tooling_set_up(clause), *_designs_written(clause),
        *_reviews_written(clause), *_periods_planned(clause), *_people_trained(clause),
        *_told_how_they_do(clause), *_recurring_syncs(clause), *_feedback_given_to(clause),
    ]


# Past forms without -ed, and words after which a bare verb stands.
_IRREGULAR_PAST = frozenset("sped led ran drove driven gave took made got put cut threw set "
                            "wrote written shown caught".split())
_SUBJECTS = frozenset("i we also then finally just help helped to".split())


def verb_at(clause: Sequence[Word], stems: frozenset[str]) -> int | None:
    """The first word from ``stems`` used as a verb: with a verb's ending, an irregular past
    ("led", "sped"), opening the clause ("Cut our build time") or after "I" or "we"."""
    return next((i for i, token in enumerate(clause)
                 if token.stem in stems and (
                     token.inflected or token.word in _IRREGULAR_PAST or i == 0
                     or clause[i - 1].word in _SUBJECTS)), None)


def verbs_at(clause: Sequence[Word], stems: frozenset[str]) -> list[int]:
    """Every word from ``stems`` used as a verb, as ``verb_at`` tells one."""
    return [i for i, token in enumerate(clause)
            if token.stem in stems and (
                token.inflected or token.word in _IRREGULAR_PAST or i == 0
                or clause[i - 1].word in _SUBJECTS)]


def first_after(clause: Sequence[Word], start: int, stems: frozenset[str]) -> int | None:
    return next((i for i in range(start + 1, len(clause)) if clause[i].stem in stems), None)


def _improvements(clause: Sequence[Word]) -> list[PhraseMatch]:
    """"Sped up the release pipeline", "got CI from 20 to 8 minutes": the team's machinery
    made faster or smaller, by a verb of improving or by a before-and-after figure."""
    verb = verb_at(clause, _IMPROVING)
    if verb is not None and any(token.stem == _RELEASE for token in clause[verb + 1 : verb + 3]):
        verb = None  # "cut a release": made one, not made it smaller
    start = verb if verb is not None else measured_change(clause)
    if start is None:
        return []
    tooling = next((i for i, token in enumerate(clause) if token.stem in _TOOLING
                    and i != start), None)
    if tooling is None:
        return []
    first = tooling - 1 if tooling > 0 and clause[tooling - 1].stem == "test" else tooling
    return [PhraseMatch(IMPROVEMENT, FULL, first, tooling)]


def measured_change(clause: Sequence[Word]) -> int | None:
    """Where "from 20 to 8" or "in half" stands, if it does."""
    words = [token.word for token in clause]
    for i, word in enumerate(words):
        if word == "from" and i + 1 < len(words) and words[i + 1].isdigit():
            to = i + 2 if i + 2 < len(words) and words[i + 2] == "to" else i + 3
            if to + 1 < len(words) and words[to] == "to" and words[to + 1].isdigit():
                return i
        if words[i : i + 2] == ["in", "half"]:
            return i
    return None


def _shown(clause: Sequence[Word]) -> list[PhraseMatch]:
    """"Showed the new dashboards at the town hall": work shown to a group is a talk.
    (Showing one person something is not.)"""
    verb = verb_at(clause, _SHOWING)
    if verb is None:
        return []
    audience = first_after(clause, verb, _AUDIENCES)
    return [] if audience is None else [PhraseMatch(TALK, FULL, verb, verb)]


_PLANS = stems("plan roadmap strategy proposal design doc spec rfc")
_IT = frozenset("it them that this".split())
_RELEASE = stem("release")


def _walked_through(clause: Sequence[Word]) -> list[PhraseMatch]:
    """"Walked the support team through the tools" is a talk; "walked our intern through
    her setup" is mentoring."""
    walk = next((i for i, token in enumerate(clause) if token.stem == "walk"
                 and token.inflected), None)
    through = None if walk is None else first_after(clause, walk, frozenset(("through",)))
    if walk is None or through is None or through == walk + 1:
        return []
    if any(token.stem in _PLANS for token in clause[through + 1 :]) or (
            clause[through + 1 : through + 2] and clause[through + 1].word in _IT):
        # "walked the VP through our Q4 plan", "drafted the spec and walked security through
        # it": showing a plan or the work just named, not teaching
        return []
    group = any(token.stem in _GROUPS for token in clause[walk + 1 : through])
    return [PhraseMatch(TALK if group else MENTORING, FULL, walk, through)]


def _across_teams(clause: Sequence[Word]) -> list[PhraseMatch]:
    """"Coordinated the schema change across three teams": led work whose reach is several
    teams or the whole organisation."""
    verb = verb_at(clause, LEADING)
    across = None if verb is None else first_after(
        clause, verb, frozenset(("across", "between")))
    if across is None:
        return []
    reach = next((i for i in range(across + 1, len(clause))
                  if clause[i].stem in _REACH
                  or (clause[i].stem == "team" and clause[i].word != clause[i].stem)), None)
    return [] if reach is None else [PhraseMatch(CROSS_TEAM, FULL, across, across)]


def _hosted(clause: Sequence[Word]) -> list[PhraseMatch]:
    """"Ran a workshop", "hosted a session on git": an event given, not attended, is a
    talk. Not when a word before the event says what it was ("an onboarding session")."""
    verb = verb_at(clause, _HOSTING)
    if verb is None:
        return []
    i = verb + 1
    while i < len(clause) and clause[i].word in _DETERMINERS:
        i += 1
    while i < len(clause) - 1 and (clause[i].word[:1].isdigit() or clause[i].word in _LENGTHS):
        i += 1  # "gave a 45 min session", "a 20-minute walkthrough"
    if i < len(clause) and clause[i].stem in _EVENTS:
        return [PhraseMatch(TALK, FULL, i, i)]
    return []


def _feedback_for_people(clause: Sequence[Word]) -> list[PhraseMatch]:
    """"Wrote mid-year reviews for five engineers", "gave feedback to a new manager": judged
    work on a person is feedback given, one per person."""
    judging = next((i for i, token in enumerate(clause) if token.stem in _JUDGING
                    and not token.inflected), None)
    if judging is None or judging + 1 >= len(clause) or \
            clause[judging + 1].word not in _FORPEOPLE or \
            (clause[judging].stem == "review" and clause[judging + 1].word == "with") or \
            (judging > 0 and clause[judging - 1].stem in _REVIEWED_THINGS):
        return []
    person = next((i for i in range(judging + 2, min(judging + 7, len(clause)))
                   if clause[i].stem in PEOPLE or clause[i].name), None)
    if person is None:
        return []
    return [PhraseMatch(FEEDBACK, NONE, judging, judging),
            PhraseMatch(FEEDBACK, FULL, person, person)]


def _made_live(clause: Sequence[Word]) -> list[PhraseMatch]:
    """"Got the new onboarding emails live": put in front of users."""
    live = next((i for i, token in enumerate(clause) if token.word == "live"), None)
    if live is None or live == 0:
        return []
    if live + 1 < len(clause) and clause[live + 1].word not in _AFTER_LIVE:
        return []  # "live data": an adjective
    put = any(token.stem in _PUTTING for token in clause[:live])
    # "dark mode toggle live in prod for all users", "it's live to 100% now"
    reach = any(token.stem in _USERS or token.word in ("prod", "production", "100")
                for token in clause[live + 1 :])
    return [PhraseMatch(SHIPPED, HEAD, live, live)] if put or reach else []


def _before_users(clause: Sequence[Word]) -> list[PhraseMatch]:
    """"Put the search revamp in front of all users", "opened the beta to customers": work
    put before its users is shipped."""
    verb = verb_at(clause, _PUTTING)
    if verb is None:
        return []
    for i in range(verb + 1, len(clause) - 1):
        if clause[i].word in ("to", "of", "for") and (clause[i].word in ("to", "for") or (
                i > 1 and [t.word for t in clause[i - 2 : i]] == ["in", "front"])):
            j = i + 1
            while j < len(clause) - 1 and clause[j].word in _QUANTIFIERS:
                j += 1
            if clause[j].stem in _USERS:
                return [PhraseMatch(SHIPPED, HEAD, j, j)]
    return []


def _social_events(clause: Sequence[Word]) -> list[PhraseMatch]:
    """"Organised a team dinner": a social event for the team is culture work."""
    verb = verb_at(clause, _ORGANISING)
    social = None if verb is None else next(
        (i for i in range(verb + 1, len(clause))
         if clause[i].stem in _SOCIAL or clause[i].word in _SOCIAL_WORDS), None)
    return [] if social is None else [PhraseMatch(TEAM_EVENT, FULL, social, social)]


def _lessons(clause: Sequence[Word]) -> list[PhraseMatch]:
    """"Did a course on Go", "attended a class on negotiation": learning taken part in."""
    verb = verb_at(clause, _LEARNING)
    lesson = None if verb is None else first_after(clause, verb, _LESSONS)
    if lesson is None:  # "the terraform course - done finally"
        lesson = next((i for i, token in enumerate(clause) if token.stem in _LESSONS and any(
            later.word in _DONE for later in clause[i + 1 :])), None)
    return [] if lesson is None else [PhraseMatch(LEARNING, FULL, lesson, lesson)]


def _met_one_person(clause: Sequence[Word]) -> list[PhraseMatch]:
    """"Touched base with my manager", "caught up w/ Sam": time with one person is a 1:1.
    (With a group it is a meeting; with a mentor the vocabulary says so itself.)"""
    verb = verb_at(clause, _MEETING)
    if verb is None:
        return []
    with_ = first_after(clause, verb, frozenset(("with",)))
    if with_ is None or with_ > verb + 3:  # "spent an hour with"
        return []
    i = with_ + 1
    while i < len(clause) - 1 and clause[i].word in _QUANTIFIERS | _DETERMINERS | _EACH:
        i += 1
    if i < len(clause) and (clause[i].stem in _ONE_PERSON or clause[i].name):
        return [PhraseMatch(ONE_ON_ONE, FULL, i, i)]
    return []


def _generic_documents(clause: Sequence[Word]) -> list[PhraseMatch]:
    """"Wrote a how-to for local SSL": a document for others with no special name is
    documentation (a design doc, RFC or postmortem is named by the vocabulary itself)."""
    verb = verb_at(clause, _AUTHORING)
    document = None if verb is None else first_after(clause, verb, _GENERIC_DOCUMENTS)
    return [] if document is None else [PhraseMatch(DOCS, HEAD, document, document)]


# Choosing one technology over another: "picked SQS over Kafka", "went with Temporal rather
# than Airflow", "made the call to move to gRPC".
_CHOOSING = stems("choose chose chosen pick select settle commit decide opt go went going "
                   "land standardise standardize")
_ALTERNATIVE = frozenset(("over", "instead", "rather", "vs", "versus"))
_A_HIRE = frozenset(("hire", "offer"))


def _choices(clause: Sequence[Word]) -> list[PhraseMatch]:
    """An architecture choice: a verb of choosing with the alternative it beat, or "made the
    call" to do something."""
    words = [token.word for token in clause]
    for i in range(len(clause) - 2):
        if (words[i] in ("made", "make", "making") and words[i + 1 : i + 3] == ["the", "call"]
                and (i + 3 == len(words) or "to" in words[i + 3 :])  # not "on two hires"
                and not _A_HIRE & set(words[i + 3 :])):  # "the call to hire X": ``hiring``
            return [PhraseMatch(DECISION, HEAD, i, i + 2)]
    verb = verb_at(clause, _CHOOSING)
    if verb is None:
        return []
    alternative = next((i for i in range(verb + 2, len(clause))
                        if words[i] in _ALTERNATIVE), None)
    return [] if alternative is None else [PhraseMatch(DECISION, FULL, verb, verb)]


# Setting up the team's machinery: "set up automatic bundle size checks", "wrote a script that
# labels PRs", "moved deploy approvals to a Slack workflow", "migrated our CI to GH Actions".
_SETTING_UP = stems("set build built write wrote add introduce create automate migrate move "
                     "roll land adopt switch replace reorganise reorganize enable turn hook")
_MACHINERY = stems("script bot hook template check workflow pipeline ci linter lint automation "
                   "tooling job action precommit dashboard alert rotation kanban process "
                   "renovate rollback")
_NOT_MACHINERY_AFTER = frozenset(("test", "tests"))  # "added tests to CI" is tests written
_WRITINGS = stems("post blog doc guide runbook readme wiki page article instructions note")


def _tooling_set_up(clause: Sequence[Word]) -> list[PhraseMatch]:
    """A piece of the team's machinery set up, moved or rolled out (as much as a name: "rolled
    out a new PR template" is no feature shipped)."""
    verb = verb_at(clause, _SETTING_UP)
    if verb is None or any(token.word in _NOT_MACHINERY_AFTER for token in clause[verb + 1 :]):
        return []
    machinery = first_after(clause, verb, _MACHINERY)
    if machinery is None or any(token.stem in _WRITINGS for token in clause[verb + 1 : machinery]):
        return []  # "wrote a blog post explaining our pipeline": a document about it
    return [PhraseMatch(IMPROVEMENT, FULL, machinery, machinery)]


# Writing a design: "put together the design for X", "drafted the failover design".
_DESIGNING = stems("write wrote written draft put submit author finish do did")
_NOT_A_DESIGN_DOC = stems("review system token language")  # "design review", "design system"


def _designs_written(clause: Sequence[Word]) -> list[PhraseMatch]:
    verb = verb_at(clause, _DESIGNING)
    if verb is None:
        return []
    design = first_after(clause, verb, stems("design"))
    if design is None or design > verb + 3 or clause[design].inflected or (
            design + 1 < len(clause) and clause[design + 1].stem in _NOT_A_DESIGN_DOC):
        return []
    return [PhraseMatch(DESIGN, HEAD, design, design)]


# A review written for a person is feedback: "wrote her midpoint review", "finished the annual
# reviews". (A review *of* something, or of code or a design, is not.)
_WRITING_REVIEWS = stems("write wrote written finish deliver give gave")
_NOT_OF_A_PERSON = _REVIEWED_THINGS | stems("postmortem incident")


def _reviews_written(clause: Sequence[Word]) -> list[PhraseMatch]:
    verb = verb_at(clause, _WRITING_REVIEWS)
    if verb is None:
        return []
    review = first_after(clause, verb, stems("review"))
    if review is None or review > verb + 4 or any(
            token.stem in _NOT_OF_A_PERSON for token in clause[verb + 1 : review]) or (
            review + 1 < len(clause) and clause[review + 1].word == "of"):
        return []
    return [PhraseMatch(FEEDBACK, FULL, review, review)]


# A period's plan made: "planned Q3 for the platform team", "planned next half with product".
_PLANNING = stems("plan")
_PERIODS = frozenset("q1 q2 q3 q4 h1 h2 quarter half fy".split())


def _periods_planned(clause: Sequence[Word]) -> list[PhraseMatch]:
    verb = verb_at(clause, _PLANNING)
    if verb is None or not clause[verb].inflected:
        return []
    period = next((i for i in range(verb + 1, min(verb + 4, len(clause)))
                   if clause[i].word in _PERIODS or clause[i].word.startswith("fy")), None)
    return [] if period is None else [PhraseMatch("planning doc", HEAD, period, period)]


# Training people is teaching them; "trained three variants of the model" is not.
_TRAINING = stems("train")


def _people_trained(clause: Sequence[Word]) -> list[PhraseMatch]:
    """"Trained the new support hires on the admin tool": a group or people taught."""
    verb = verb_at(clause, _TRAINING)
    if verb is None or not clause[verb].inflected or clause[verb].word.endswith("ing"):
        return []
    taught = next((i for i in range(verb + 1, min(verb + 5, len(clause)))
                   if clause[i].stem in PEOPLE | _GROUPS), None)
    if taught is not None:
        return [PhraseMatch(TALK, FULL, verb, verb)]
    if verb + 1 < len(clause) and (clause[verb + 1].word in _DETERMINERS
                                   or clause[verb + 1].word in NUMBER_WORDS
                                   or clause[verb + 1].word.isdigit()):
        return [PhraseMatch(TALK, NONE, verb, verb)]  # "trained 3 variants of the model"
    return []


# Telling a person how they are doing is feedback: "told Marco he's on track for senior",
# "told both my directs how they're tracking", "told my teammate his PR descriptions need work".
_TELLING = stems("tell told")
_ABOUT_THEM = frozenset("he she they he's she's they're theyre hes shes his her their how "
                        "where".split())


def _told_how_they_do(clause: Sequence[Word]) -> list[PhraseMatch]:
    verb = verb_at(clause, _TELLING)
    if verb is None:
        return []
    person = next((i for i in range(verb + 1, min(verb + 5, len(clause)))
                   if clause[i].stem in PEOPLE or clause[i].name), None)
    if person is None or person + 1 >= len(clause) or clause[person + 1].word not in _ABOUT_THEM:
        return []
    return [PhraseMatch(FEEDBACK, NONE, verb, verb), PhraseMatch(FEEDBACK, FULL, person, person)]


# A group's recurring sync is its team meeting: "weekly ML sync", "our daily sync", "the eng
# leads sync", "the frontend guild sync". (A one-off sync with someone is whatever it was about.)
TEAM_SYNC = "team sync"
_SYNCS = frozenset(("sync", "syncs"))
_GROUP_LEADS = stems("lead tl em staff guild squad pod chapter tribe")


def _recurring_syncs(clause: Sequence[Word]) -> list[PhraseMatch]:
    for i, token in enumerate(clause):
        if token.word in _SYNCS and any(
                before.word in RECURRING or before.stem in _GROUP_LEADS
                for before in clause[max(0, i - 3) : i]):
            return [PhraseMatch(TEAM_SYNC, HEAD, i, i)]
    return []


# Feedback given to a person named before it: "gave Lena feedback on her demo", "gave my peer
# feedback on her promo doc" (whatever it was on is its topic).
_GIVING = stems("give gave given")
_FEEDBACK = stems("feedback")
_POSSESSIVES = frozenset("my our his her their".split())
_CAREER = stems("promo promotion perf performance career growth")  # "her promo doc"


def _feedback_given_to(clause: Sequence[Word]) -> list[PhraseMatch]:
    verb = verb_at(clause, _GIVING)
    if verb is None:
        return []
    person = verb + 2 if verb + 2 < len(clause) and clause[verb + 1].word in _POSSESSIVES \
        else verb + 1
    if person >= len(clause) or not (clause[person].stem in PEOPLE or clause[person].name):
        return []
    feedback = next((i for i in range(person + 1, min(person + 5, len(clause)))
                     if clause[i].stem in _FEEDBACK), None)
    if feedback is None or any(  # "gave Tom feedback on his RFC": his RFC read
            token.stem in DOCUMENT_STEMS and clause[i - 1].stem not in _CAREER
            for i, token in enumerate(clause[feedback + 1 :], feedback + 1)):
        return []
    return [PhraseMatch(FEEDBACK, SETTLES, feedback, feedback)]
