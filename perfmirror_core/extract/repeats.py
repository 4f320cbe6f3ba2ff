"""Work named again in the same sentence: its write-up, a verb done to it, an occurrence, a
role played in it, a breakdown in brackets, "it" or "both" referring back. Such a clause adds
nothing to what the sentence already counted.
"""

from __future__ import annotations

from ..text import STOPWORDS
from .counts import OCCURRENCES
from .phrases import measured_change
from .reading import DOCUMENT_STEMS, WRITING_UP
from .tally import Activity
from .words import TIMES, TOPIC_PREPOSITIONS, Token, past_form


def writes_up(clause: list[Token]) -> bool:
    """Whether the clause writes something up ("wrote the postmortem", "wrote up notes"):
    after doing a piece of work in the same sentence, its write-up is part of it."""
    return any(token.stem in WRITING_UP for token in clause)


def is_document(activity: Activity) -> bool:
    """"updated the README": work that is itself a document, so writing another one ("and
    wrote a runbook") is more of it, not its write-up."""
    return bool(activity.work_object) and activity.work_object[-1].stem in DOCUMENT_STEMS


def verb_alone(clause: list[Token]) -> bool:
    """"1 real outage, fixed + wrote it up": a verb with no object of its own, after other
    work in the sentence, is done to that work."""
    return past_form(clause[0]) and all(
        token.word in STOPWORDS or token.word in TIMES or token.word.isdigit()
        or token.word in _AFTER_A_VERB_ALONE for token in clause[1:])


# "fixed it up in 20 min", "mitigated within the hour"
_AFTER_A_VERB_ALONE = frozenset("up out min mins minutes hour hours within".split())


def names_occurrences(activity: Activity) -> bool:
    """"mentored X on Y, our 3rd session": the work named again by its occurrence."""
    return bool(activity.work_object) and all(
        token.stem in OCCURRENCES for token in activity.work_object)


def states_a_role(clause: list[Token]) -> bool:
    """"I was incident commander": the part played in work already named."""
    return len(clause) > 1 and clause[0].word in ("i", "i'm", "im") and clause[1].word in (
        "was", "am", "as", "the", "a")


def in_brackets(text: str, at: int) -> bool:
    return text.count("(", 0, at) > text.count(")", 0, at)


def said_by_a_verb(activity: Activity) -> bool:
    """"Incident on Tuesday, mitigated in 20 minutes": work named again by what was done to it
    is the same work; named again by a noun ("a retro, then a planning session") it is more."""
    return bool(activity.work_object) and past_form(activity.work_object[0])


def measures_a_change(clause: list[Token]) -> bool:
    """"ran the tests in parallel, build time from 20 to 8 min": the effect of work already
    named, not more of it."""
    return measured_change(clause) is not None


def refers_back(clause: list[Token]) -> bool:
    """"shipped it", "merged them", "mitigated both", "both postmortems published": the object
    is the work just named."""
    return clause[0].word == "both" or any(
        token.word in ("it", "them", "both") for token in clause[1:])


def introduces_another(clause: list[Token], activity: Activity) -> bool:
    """"planned the offsite and ran an onboarding session": an indefinite article before the
    work brings in a new one; "passed the exam", "ran the pub quiz", "ADR merged" name a step
    of work already said. (Not after a preposition: "set her up with a buddy".)"""
    work_at = _work_at(clause, activity)
    return any(token.word in _INDEFINITE and (i == 0 or clause[i - 1].word not in TOPIC_PREPOSITIONS)
               for i, token in enumerate(clause[:work_at]))


_INDEFINITE = frozenset(("a", "an", "another"))


def names_it_again(clause: list[Token], activity: Activity, said: set[str]) -> bool:
    """"sprint planning and retro, in the retro we agreed...", "fixed the leak, shipped the
    fix": the same word again after a definite article is the work already said."""
    if not activity.work_object or _as_said(activity.work_object[-1]) not in said:
        return False
    work_at = _work_at(clause, activity)
    after = work_at + len(activity.work_object)
    # not "the Redis docs", "the feature of notifications": another one of the same kind
    return (0 < work_at < len(clause) and clause[work_at - 1].word in _DEFINITE
            and (after >= len(clause) or clause[after].word != "of"))


_DEFINITE = frozenset(("the", "our", "that", "this"))


def _as_said(token: Token) -> str:
    """What must have been said before for the work to be named again: its stem, but a
    phrase read as another word ("sprint demo", "backlog grooming" as a team sync) by its
    own words, since it names one kind of the thing and "the sprint demo" after "the
    syncs" is another."""
    return token.word if " " in token.word else token.stem


def states_its_outcome(clause: list[Token], activity: Activity) -> bool:
    """"hunted down the deadlock, fix merged", "..., our fix merged Wednesday": the work's
    own noun opening a clause, then what became of it, after that work was done in the
    sentence, is its outcome, not more of it."""
    work_at = _work_at(clause, activity)
    after = work_at + len(activity.work_object)
    opens = work_at == 0 or (work_at == 1 and clause[0].word in _DEFINITE | _OWN)
    return (opens and not past_form(clause[work_at]) and after < len(clause)
            and past_form(clause[after]))


_OWN = frozenset(("my", "his", "her", "their"))


def accompanies(clause: list[Token], activity: Activity) -> bool:
    """"presented at the guild, 15 min with a live demo": named after "with" in a clause with
    no verb, the work goes with work already named rather than adding to it."""
    work_at = _work_at(clause, activity)
    return any(token.word == "with" for token in clause[:work_at]) and not any(
        past_form(token) for token in clause)


def _work_at(clause: list[Token], activity: Activity) -> int:
    """Where in the clause the words naming the activity's work begin."""
    starts = {token.start for token in activity.work_object}
    return next((i for i, token in enumerate(clause) if token.start in starts), len(clause))
