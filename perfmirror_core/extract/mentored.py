"""Which way mentoring went: to the person (mentorship received) or from them (mentoring).

The same words name both ("a mentoring session", "a coaching call"); what tells them apart
is whose mentor it was and who was senior. One's own mentor or coach ("my staff-eng mentor",
"met w/ mentor", "coaching from an exec coach"), mentoring *with* someone senior ("monthly
mentoring with a VP", "paired with a senior dev"), or coaching given *to me* ("my manager
gave me some direct coaching") is mentorship received; mentoring a junior stays mentoring.
"""

from __future__ import annotations

from collections.abc import Sequence

from .phrases import SETTLES, PhraseMatch, Word, stems

RECEIVED = "met my mentor"  # the vocabulary's wording of mentorship received

_MENTORS = frozenset("mentor mentors coach coaches sponsor sponsors".split())
_OWN = frozenset(("my", "our"))
_FROM = frozenset(("with", "from", "by"))
_DETERMINERS = frozenset("a an the my our one".split())
# Mentoring as a noun or a verb of time spent together; "mentored" alone is given.
_MENTORING = frozenset("mentor mentoring mentorship coaching pair paired pairing "
                       "pairs".split())
# People senior to the speaker: whoever mentors *with* them is the one being mentored.
_SENIOR = stems("vp svp cto ceo director staff principal senior exec executive "
                "distinguished architect skip boss manager")
# Words between "my" and "mentor" that keep it one person: "my staff eng mentor".
_REACH = 3
# Time spent with one's mentor, named before them: "my fortnightly session with my mentor".
_TIME_TOGETHER = _MENTORING | frozenset(
    "session sessions call calls sync chat meeting hour monthly weekly biweekly fortnightly "
    "usual regular".split())
_TO_ME = frozenset(("me",))
_GIVING = stems("give gave given")


def received_mentoring(clause: Sequence[Word]) -> list[PhraseMatch]:
    """The spans of a clause that say the person was mentored, as the received term."""
    return [*_own_mentor(clause), *_with_a_senior(clause), *_given_to_me(clause),
            *_mentor_meeting(clause)]


def _own_mentor(clause: Sequence[Word]) -> list[PhraseMatch]:
    """"my staff eng mentor", "met w/ mentor", "coaching from an exec coach"."""
    matches = []
    for i, token in enumerate(clause):
        if token.word not in _MENTORS:
            continue
        for start in range(i - 1, max(-1, i - 2 - _REACH), -1):
            word = clause[start]
            if word.word in _OWN or (word.stem in _FROM and all(
                    between.word in _DETERMINERS or not between.inflected
                    for between in clause[start + 1 : i])):
                while start > 0 and (clause[start - 1].word in _TIME_TOGETHER
                                     or clause[start - 1].stem in _FROM | _OWN):
                    start -= 1  # "coaching session with my mentor": the session is with them
                matches.append(PhraseMatch(RECEIVED, SETTLES, start, i))
                break
            if word.word in _MENTORS or word.inflected:
                break  # "mentored the new coach": the speaker is the mentor
    return matches


# Time named after the mentor ("mentor call", "mentor session #7 with Gita"), with no one the
# speaker mentors in the clause: time with one's own mentor.
_MEETINGS = frozenset("session sessions sesh call calls chat meeting 1:1 oneonone".split())
_MENTEES = stems("mentee junior intern grad newcomer student apprentice")


def _mentor_meeting(clause: Sequence[Word]) -> list[PhraseMatch]:
    for i, token in enumerate(clause[:-1]):
        if (token.word == "mentor" and clause[i + 1].word in _MEETINGS
                and (i == 0 or clause[i - 1].word not in _OWN)
                and not any(word.stem in _MENTEES for word in clause)):
            return [PhraseMatch(RECEIVED, SETTLES, i, i + 1)]
    return []


def _with_a_senior(clause: Sequence[Word]) -> list[PhraseMatch]:
    """"monthly mentoring with a VP", "coaching session with our VP", "paired with senior
    dev Marco", "mentor call w/ a staff eng from payments"."""
    for i, token in enumerate(clause):
        if token.word not in _MENTORING:
            continue
        with_ = next((j for j in range(i + 1, min(i + 4, len(clause)))
                      if clause[j].stem in _FROM), None)
        if with_ is None:
            continue
        k = with_ + 1
        while k < len(clause) and clause[k].word in _DETERMINERS:
            k += 1
        if k < len(clause) and clause[k].stem in _SENIOR:
            return [PhraseMatch(RECEIVED, SETTLES, i, k)]
    return []


def _given_to_me(clause: Sequence[Word]) -> list[PhraseMatch]:
    """"My manager gave me some pretty direct coaching": coaching given to the speaker."""
    for i, token in enumerate(clause[:-1]):
        if token.stem in _GIVING and clause[i + 1].word in _TO_ME:
            coaching = next((j for j in range(i + 2, len(clause))
                             if clause[j].word in _MENTORING), None)
            if coaching is not None:
                return [PhraseMatch(RECEIVED, SETTLES, i, coaching)]
    return []
