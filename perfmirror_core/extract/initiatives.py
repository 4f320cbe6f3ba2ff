"""Culture work counted per initiative: "organised the team dinner and ran the kudos round"
is two things done for the team, a social event and recognition, each with its own verb and
object. Steps of one kind of initiative are one: "organised the offsite, ran the pub quiz"
(both the team's time together), "welcomed the new joiners and ran their onboarding session"
(both welcoming), "started a #kudos channel and did the first shout-outs" (both
recognition)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .tally import Activity
from .words import TOPIC_PREPOSITIONS, Token, past_form, plain_stems

# The vocabulary's term for culture work, as the everyday lexicon's undertakings name it.
INITIATIVE_TERM = plain_stems("team event")

# The kinds of initiative, by the beginnings of the words that name them.
_KINDS: dict[str, tuple[str, ...]] = {
    "welcoming": ("welcom", "onboard", "buddy", "buddie", "joiner", "newcomer"),
    "recognition": ("kudos", "shoutout", "recogni", "award", "nominat", "appreciat"),
    "time together": ("lunch", "dinner", "breakfast", "party", "parties", "quiz", "trivia",
                      "game", "offsite", "escape", "bowling", "volunteer", "hackathon",
                      "roulette", "potluck", "outing", "social", "celebrat", "drinks",
                      "teambuilding", "building"),  # "team building" is two words
}
# Words that may come before the verb that opens another initiative.
_LEADING = frozenset("i we also separately then and plus + later".split())
# Prepositions that make what follows a part or a setting of what came before.
_INSIDE = frozenset("at in inside during for with as".split()) | TOPIC_PREPOSITIONS


def kinds_named(words: Iterable[str]) -> frozenset[str]:
    """The kinds of initiative these words name ("team lunch": time together)."""
    found: set[str] = set()
    for word in words:
        plain = word.replace(" ", "").replace("-", "").lstrip("#")
        found.update(kind for kind, roots in _KINDS.items() if plain.startswith(roots))
        if plain == "wins":  # "a #wins channel"
            found.add("recognition")
    return frozenset(found)


def another_initiative(clause: list[Token], reading: Activity, earlier: str) -> bool:
    """Whether the clause opens with a verb of its own, whose object (outside any
    preposition) names a kind of initiative the ``earlier`` text did not ("We had the
    offsite. I organised the escape room": the offsite's)."""
    at = 0
    while at < len(clause) and clause[at].word in _LEADING:
        at += 1
    if at >= len(clause) or not past_form(clause[at]):
        return False
    starts = {token.start for token in reading.work_object}
    work = next((i for i, token in enumerate(clause) if token.start in starts), None)
    if work is None or work <= at or any(token.word in _INSIDE
                                         for token in clause[at + 1 : work]):
        return False
    kinds = kinds_named(token.word for token in clause[at + 1 :])
    return bool(kinds) and not kinds & kinds_named(_WORD.findall(earlier.lower()))


_WORD = re.compile(r"[\w#'-]+")
