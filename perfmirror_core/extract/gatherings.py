"""Culture work named by the gathering, the welcome or the thanks rather than by the
vocabulary's words.

"Team lunch for Lena's anniversary", "ran the welcome session for the new grads", "thanked
the on-call crew at all-hands", "the whole team went bowling, I organised it": each is work
on the team's culture, though none says "team event" or "team building". A meal or an outing
is the team's when a word for the team or an occasion comes just before it (a lunch alone may
be anyone's); the words are ``colloquial.toml``'s ``[gatherings]``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..text import stem
from .colloquial import TABLE
from .phrases import DECISIVE, FULL, PEOPLE, PhraseMatch, Word, stems, verb_at

TEAM_EVENT = "team event"
ONBOARDING = "onboarding buddy"
RECOGNITION = "team building"



def _table(key: str) -> frozenset[str]:
    """The stems of one list of ``[gatherings]``: single words, so no list adds a stray "-"."""
    return frozenset(stem(word) for word in TABLE["gatherings"][key] if word.isalpha())


_SOCIALS = _table("socials")
_OWNERS = _table("owners")
_WELCOMES = _table("welcomes")
_WELCOME_EVENTS = _table("welcome_events")
_RECOGNISING = _table("recognising")
_AWARDS = _table("awards")
_ORGANISING = _table("organising")
_GIVING = stems("give gave run ran hold held start started")
_WHOLE_GROUPS = stems("team everyone everybody crew squad org them all")
_IT = frozenset("it this that one".split())
# A word that owns the meal sits this close before it: "the team's pizza + games night".
_NEAR = 3


def gathering_matches(clause: Sequence[Word]) -> list[PhraseMatch]:
    """Every gathering, welcome or thanks one clause names."""
    return [*_team_socials(clause), *_welcomes(clause), *_recognition(clause)]


def _team_socials(clause: Sequence[Word]) -> list[PhraseMatch]:
    """"A team lunch", "farewell drinks", "the holiday party", "coffee roulette": a meal or
    outing a team word or an occasion just before it makes the team's."""
    for i, token in enumerate(clause):
        if token.stem in _SOCIALS and not token.inflected and any(
                before.stem in _OWNERS and before.stem != token.stem
                for before in clause[max(0, i - _NEAR) : i]):
            return [PhraseMatch(TEAM_EVENT, FULL, i, i)]
    return []


def _welcomes(clause: Sequence[Word]) -> list[PhraseMatch]:
    """"Ran the welcome session", "the onboarding week", "welcomed two new engineers": a
    newcomer's welcome is onboarding."""
    for i, token in enumerate(clause[:-1]):
        if token.stem in _WELCOMES and clause[i + 1].stem in _WELCOME_EVENTS:
            return [PhraseMatch(ONBOARDING, FULL, i, i + 1)]
    verb = verb_at(clause, stems("welcome"))
    if verb is not None and clause[verb].inflected and any(
            token.stem in PEOPLE or token.name for token in clause[verb + 1 : verb + 6]):
        return [PhraseMatch(ONBOARDING, FULL, verb, verb)]
    return []


def _recognition(clause: Sequence[Word]) -> list[PhraseMatch]:
    """"Recognised six people", "thanked the whole team", "nominated two of them for the
    award", "hosted the quarterly awards": people thanked or recognised in the open."""
    verb = verb_at(clause, _RECOGNISING)
    if verb is not None and clause[verb].inflected and any(
            token.stem in PEOPLE | _WHOLE_GROUPS or token.name
            or token.word[:1].isdigit() for token in clause[verb + 1 : verb + 6]):
        # the verb with the word after it: "recognised six people" is one piece of recognition,
        # not six (a number right after a verb of work counts what it was done to)
        return [PhraseMatch(RECOGNITION, FULL, verb, verb + 1)]
    award = next((i for i, token in enumerate(clause) if token.stem in _AWARDS), None)
    if award is not None and verb_at(clause[:award], _RECOGNISING | _ORGANISING | _GIVING) \
            is not None:
        return [PhraseMatch(RECOGNITION, FULL, award, award)]
    return []


def organised_it(sentence: Sequence[Word]) -> list[PhraseMatch]:
    """"The whole team went bowling friday, I organised it": a team outing told first, then
    who organised it (the speaker). The outing's clause is the team's; the organising one
    names the work."""
    verb = verb_at(sentence, _ORGANISING)
    if verb is None or not sentence[verb].inflected or not (
            verb + 1 < len(sentence) and sentence[verb + 1].word in _IT):
        return []
    social = any(token.stem in _SOCIALS for token in sentence[:verb])
    return [PhraseMatch(TEAM_EVENT, DECISIVE, verb, verb)] if social else []

