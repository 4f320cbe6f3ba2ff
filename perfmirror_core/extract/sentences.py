"""Work that only a whole sentence names: "sent a patch to the Helm chart we use, maintainers
merged it" is an open-source contribution, "I'm the DRI for the SBOM rollout with legal,
security and 3 eng teams" cross-team work, "the rewrite went live after 3 months" a project
delivered. Their evidence is spread over clauses the extractor otherwise reads one by one, so
these rules read the sentence and name the word the work belongs to.
"""

from __future__ import annotations

from collections.abc import Sequence

from .counts import number_value
from .designs import designs_approved
from .gatherings import organised_it
from .improvements import lasting_changes
from .reading import DOCUMENT_STEMS
from .phrases import (
    CROSS_TEAM,
    DECISIVE,
    IMPROVEMENT,
    SETTLES,
    HEAD,
    LEADING,
    PhraseMatch,
    Word,
    stems,
    verb_at,
)

OPEN_SOURCE = "open source"
PROJECT = "delivered the project"


def sentence_matches(sentence: Sequence[Word]) -> list[PhraseMatch]:
    """Every sentence rule's matches; positions index the sentence's words."""
    return [*_outside_contributions(sentence), *_teams_led(sentence), *_long_haul(sentence),
            *_plans_agreed(sentence), *_changes_adopted(sentence),
            *_newcomers_settled_in(sentence), *organised_it(sentence),
            *lasting_changes(sentence), *designs_approved(sentence)]


# A change of one's own merged into someone else's project.
_CONTRIBUTIONS = stems("pr patch fix commit contribution change")
_MERGING = stems("merge accept land upstream")
_MAINTAINERS = stems("maintainer")
_PROJECT_KINDS = stems("repo repository project library lib provider sdk package kernel chart "
                       "plugin crate gem framework")
_OWN_TARGETS = frozenset("main master develop development dev trunk release prod production "
                         "staging our my team internal monorepo a an it them head".split())


def _outside_contributions(sentence: Sequence[Word]) -> list[PhraseMatch]:
    """"Got my first PR merged into react-query", "got a patch merged into PyTorch", "opened a
    PR against the prometheus client lib", "fixed a bug in the adapter and the maintainers
    merged it": each change sent to an outside project, named by a maintainer, by where the
    change went ("into" or "against" anything but the team's own branches; "to" a hyphenated
    project name or a kind of project), whatever the change fixed. ("Fixed" counts only where
    the maintainers are named: "fixed the bug, merged into main" is a fix.)"""
    maintainers = any(token.stem in _MAINTAINERS for token in sentence)
    changes = [i for i, token in enumerate(sentence) if token.stem in _CONTRIBUTIONS
               and (maintainers or not token.inflected)]
    if not changes:
        return []
    merged = any(token.stem in _MERGING for token in sentence)
    outside = maintainers or any(
        _names_a_project(sentence, i + 1, token.word)
        for i, token in enumerate(sentence)
        if i > changes[0] and (token.word == "against" or merged and token.word in ("into", "to")))
    return [PhraseMatch(OPEN_SOURCE, DECISIVE, i, i) for i in changes] if outside else []


def _names_a_project(sentence: Sequence[Word], i: int, preposition: str) -> bool:
    if i < len(sentence) and sentence[i].word == "the":
        i += 1
    if i >= len(sentence) or sentence[i].word in _OWN_TARGETS or (
            sentence[i].stem in _CONTRIBUTIONS):
        return False
    if preposition != "to":
        return True  # "into PyTorch", "against the prometheus client lib"
    hyphenated = i + 1 < len(sentence) and sentence[i + 1].word == "-"
    return hyphenated or any(token.stem in _PROJECT_KINDS for token in sentence[i : i + 4])


# Work led with several teams: "coordinating the removal across web, mobile and data teams",
# "got the android team and the iOS team to agree", "I'm the DRI".
_TEAMS = stems("team org")
_OWNING = LEADING | stems("own kick facilitate dri")


def _teams_led(sentence: Sequence[Word]) -> list[PhraseMatch]:
    """Leading work (as much as a head word: "led the retro for two teams" is a retro) in a
    sentence that names several teams."""
    verb = verb_at(sentence, _OWNING)
    if verb is None:
        verb = next((i for i, token in enumerate(sentence) if token.word == "dri"), None)
    teams = [token for n, token in enumerate(sentence) if token.stem in _TEAMS]
    counted = any(sentence[n - 1].word.isdigit() or sentence[n - 1].word in _NUMBERS
                  for n, token in enumerate(sentence) if n > 0 and token.stem in _TEAMS)
    several = len(teams) > 1 or any(
        token.word.endswith("s") and not token.word.endswith("'s") for token in teams) or any(
        token.word == "leads" for token in sentence) or counted  # "the 3 team effort"
    return [PhraseMatch(CROSS_TEAM, HEAD, verb, verb)] if verb is not None and several else []


# A multi-week piece of work finished: "the rewrite went live after 3 months", "4 month project
# DONE", "the revamp we've been on since September finally wrapped".
_FINISHING = stems("finish wrap deliver ship launch complete land decommission")
# Finishes that name a project only beside it ("project closed", "handed over to support"):
# a hire is closed too, and a pager handed over.
_CLOSING = stems("close hand")
_FINISHED_WORDS = frozenset("done live ga complete out over".split())
_BIG_WORK = stems("migration rewrite revamp overhaul replatform project programme program "
                  "effort exit")
_LONG_UNITS = stems("month quarter")
_SPRINTS = stems("sprint")  # "after 9 sprints": as long as 3 weeks, from 3 up
_WHOLE = frozenset(("whole", "entire", "all"))  # "the whole quarter", "all quarter"
_MONTHS = frozenset("january february march april may june july august september october "
                    "november december jan feb mar apr jun jul aug sep sept oct nov dec".split())
_NUMBERS = frozenset("two three four five six seven eight nine ten twelve".split())
_STARTING = stems("start began begin kick")
_QUARTERS = frozenset("q1 q2 q3 q4 h1 h2".split())


def _long_haul(sentence: Sequence[Word]) -> list[PhraseMatch]:
    """A finish in a sentence that says the work took weeks (it settles the clause: "went
    live for all customers after 3 months" is a project, not a feature) or names a big piece
    of work (as much as a head word)."""
    done = next((i for i, token in enumerate(sentence)
                 if (token.stem in _FINISHING and token.inflected)
                 or token.word in _FINISHED_WORDS and i > 0), None)
    if done is not None and any(_long_time(sentence, i) for i in range(len(sentence))):
        return [PhraseMatch(PROJECT, SETTLES, done, done)]
    # any finish near any big piece of work: "gov migration: all 12 services moved, project
    # formally closed"
    finishes = [i for i, token in enumerate(sentence)
                if (token.stem in _FINISHING | _CLOSING and token.inflected)
                or token.word in _FINISHED_WORDS and i > 0]
    bigs = [i for i, token in enumerate(sentence) if token.stem in _BIG_WORK]
    near = next((i for i in finishes for big in bigs
                 if 0 < i - big <= 6 or 0 < big - i <= 3), None)
    if near is not None:
        return [PhraseMatch(PROJECT, HEAD, near, near)]  # "the migration is DONE"
    return []


def _long_time(sentence: Sequence[Word], i: int) -> bool:
    """"3 months", "a 6-week project", "8 weeks", "since September"."""
    word = sentence[i].word
    if word == "since" or (word == "in" and i > 0 and sentence[i - 1].stem in _STARTING):
        # "since September", "started in August", "since Q2"
        return i + 1 < len(sentence) and (sentence[i + 1].word in _MONTHS
                                          or sentence[i + 1].word in _QUARTERS)
    if word in _WHOLE and i + 1 < len(sentence) and sentence[i + 1].stem in _LONG_UNITS:
        return True
    if not (word.isdigit() or word in _NUMBERS):
        return False
    unit = i + 2 if i + 2 < len(sentence) and sentence[i + 1].word == "-" else i + 1
    if unit >= len(sentence):
        return False
    weeks = sentence[unit].stem in ("week", *_SPRINTS) and (number_value(word) or 0) >= 3
    return weeks or sentence[unit].stem in _LONG_UNITS


# A plan agreed: "wrote next year's strategy and the VPs signed off on it", "our Q3 plan is
# agreed w/ PM and design", "presented the H2 plan to the CTO's staff and it got approved".
PLAN = "planning doc"
_PLANS = stems("plan roadmap strategy okr objective priority")
_AGREEING = stems("agree approve sign lock finalise finalize ratify")
# "the test plan", "an action plan", a hiring or onboarding plan (their own work)
_NOT_A_PLAN = stems("test incident action hiring headcount onboarding")


def _plans_agreed(sentence: Sequence[Word]) -> list[PhraseMatch]:
    """A plan with its approval anywhere in the sentence is the plan agreed (more than a name:
    a plan presented for sign-off is the plan, not a talk)."""
    plans = [i for i, token in enumerate(sentence) if token.stem in _PLANS
             and not token.inflected and not (i > 0 and sentence[i - 1].stem in _NOT_A_PLAN)]
    agreed = [i for i, token in enumerate(sentence) if token.stem in _AGREEING
              and (token.inflected or token.word in ("sign-off", "signoff")
                   or any(later.word == "off" for later in sentence[i + 1 : i + 3]))]
    if not plans or not agreed:
        return []
    return [PhraseMatch(PLAN, DECISIVE, plans[0], plans[0])]


# A change to how the team works that stuck: "migrated the org from Jira to Linear and it's
# sticking", "made a new service template, 2 teams already using it", "got all the teams to
# use it". (Users or customers using something is a feature shipped.)
_CHANGING = stems("set introduce start move migrate switch build built make made create add "
                  "rewrite rewrote automate replace bring brought standardise standardize")
_STICKING = stems("stick stay hold enforce adopt")
_USING = frozenset("use uses used using".split())
_PROPOSING = stems("propose proposing suggest pitch want plan")  # "proposing we standardise"
_THE_TEAM = stems("team squad org everyone everybody dev engineer")


def _changes_adopted(sentence: Sequence[Word]) -> list[PhraseMatch]:
    """A change made, in a sentence that says it stuck or that the team now uses it."""
    change = verb_at(sentence, _CHANGING)
    if change is None or any(token.stem in _PROPOSING for token in sentence[:change]):
        return []
    sticks = any(token.stem in _STICKING and token.inflected for token in sentence[change + 1 :])
    used = any(token.word in _USING or (token.word == "on" and i + 1 < len(sentence)
                                        and sentence[i + 1].word == "it")
               for i, token in enumerate(sentence[change + 1 :], change + 1))
    by_the_team = any(token.stem in _THE_TEAM for token in sentence[change + 1 :])
    return [PhraseMatch(IMPROVEMENT, DECISIVE, change, change)] if sticks or (
        used and by_the_team) else []


# Settling a newcomer in is onboarding: "helped the new hire set up her laptop", "showed our
# new joiner around", "spent time onboarding Kenji, our new hire - walked him through the
# codebase". (Pairing with a new hire on real work is mentoring.)
ONBOARDING = "onboarding buddy"
_NEWCOMERS = stems("newcomer joiner starter")
_ONBOARDING = stems("onboard")
_SETTING_IN = stems("show showed shown walk set")
_AROUND = frozenset(("around", "round", "through", "up"))


def _newcomers_settled_in(sentence: Sequence[Word]) -> list[PhraseMatch]:
    """Each verb of settling a newcomer in (the first, and any later one in the past, which
    tells the same onboarding), in a sentence that names a newcomer."""
    newcomer = any(token.stem in _NEWCOMERS or token.word == "joined" or (
        token.stem == "hire" and "new" in (t.word for t in sentence[max(0, i - 3) : i]))
        for i, token in enumerate(sentence))
    if not newcomer:
        return []
    verbs = [i for i, token in enumerate(sentence)
             if (token.stem in _ONBOARDING and not (
                 i + 1 < len(sentence) and sentence[i + 1].stem in DOCUMENT_STEMS))
             or (token.stem in _SETTING_IN and any(
                 later.word in _AROUND for later in sentence[i + 1 : i + 7]))]
    return [PhraseMatch(ONBOARDING, DECISIVE, i, i) for n, i in enumerate(verbs)
            if n == 0 or sentence[i].inflected or sentence[i].word in ("showed", "shown", "set")]
