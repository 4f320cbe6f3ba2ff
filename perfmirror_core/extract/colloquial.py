"""The everyday lexicon (``colloquial.toml``): what people type instead of the vocabulary's
words, kept as data so that a new colloquial verb is one line in a table, not a code path."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

LEXICON_FILE = "colloquial.toml"
# More evidence than a name; as much as a name, a head word, a plain word.
STRENGTHS = ("settles", "name", "head", "word")


@dataclass(frozen=True)
class Colloquial:
    aliases: dict[str, str]  # phrase -> the vocabulary's wording, folded before reading
    verbs: dict[str, tuple[str, str]]  # phrase -> (term, strength)
    nouns: dict[str, tuple[str, str]]  # phrase -> (term, strength), whatever the verb
    same_work: dict[str, tuple[str, ...]]  # term -> terms an uncounted piece of it includes
    same_work_unless_named: dict[str, tuple[str, ...]]  # ... unless it names its own object
    needs_object: dict[str, tuple[str, ...]]  # bare noun -> the objects that make it work
    people: tuple[str, ...]  # words for people
    audience: tuple[str, ...]  # verbs of being in the audience
    audience_cancels: tuple[str, ...]  # terms of work the audience does not do
    finding: tuple[str, ...]  # verbs of finding a defect
    finding_cancels: tuple[str, ...]  # terms of work finding is not
    per_person: tuple[str, ...]  # terms of work counted once per person it is done with
    occurrences: tuple[str, ...]  # nouns for occurrences of any work: "2 sessions"
    pieces: tuple[str, ...]  # nouns for the parts of one piece of work: "45 unit tests"
    undertakings: tuple[str, ...]  # terms of work one sentence names in several steps
    plans: tuple[str, ...]  # nouns of plans whose numbers are what they decided: "headcount"
    daily_rituals: tuple[str, ...]  # work held every working day: "standup"
    forums: tuple[str, ...]  # meetings where a work's decisions are made: "hiring committee"
    list_words: tuple[str, ...]  # shared words that continue a list: "planning"
    finishing_verbs: tuple[str, ...]  # "wrapped up", "nailed"
    finished_objects: dict[str, str]  # what was finished -> term: "bug" -> "fix"
    review_term: str  # the work a review is: "code review"
    review_outcomes: dict[str, tuple[str, ...]]  # "passed"/"held" -> verbs: "lgtm", "block"


def parse(table: dict[str, Any]) -> Colloquial:
    """The lexicon from its TOML table; a strength that is not one of ``STRENGTHS`` is an
    error naming the allowed ones."""
    verbs = {phrase: (term, strength) for phrase, (term, strength) in table["colloquial"].items()}
    nouns = {phrase: (term, strength) for phrase, (term, strength) in table["nouns"].items()}
    unknown = sorted({strength for _, strength in (*verbs.values(), *nouns.values())}
                     - set(STRENGTHS))
    if unknown:
        raise ValueError(f"{LEXICON_FILE}: strength must be one of {', '.join(STRENGTHS)}, "
                         f"not {', '.join(unknown)}")
    return Colloquial(
        aliases=dict(table["aliases"]),
        verbs=verbs,
        nouns=nouns,
        same_work={term: tuple(parts) for term, parts in table["same_work"].items()},
        same_work_unless_named={term: tuple(parts) for term, parts
                                in table["same_work_unless_named"].items()},
        needs_object={noun: tuple(objects) for noun, objects in table["needs_object"].items()},
        people=tuple(table["people"]["words"]),
        audience=tuple(table["audience"]["verbs"]),
        audience_cancels=tuple(table["audience"]["cancels"]),
        finding=tuple(table["finding"]["verbs"]),
        finding_cancels=tuple(table["finding"]["cancels"]),
        per_person=tuple(table["people"]["per_person"]),
        occurrences=tuple(table["people"]["occurrences"]),
        pieces=tuple(table["people"]["pieces"]),
        undertakings=tuple(table["undertakings"]["terms"]),
        plans=tuple(table["plans"]["words"]),
        daily_rituals=tuple(table["rituals"]["daily"]),
        forums=tuple(table["forums"]["terms"]),
        list_words=tuple(table["lists"]["words"]),
        finishing_verbs=tuple(table["finished"]["verbs"]),
        finished_objects=dict(table["finished"]["objects"]),
        review_term=table["review_outcomes"]["term"],
        review_outcomes={kind: tuple(table["review_outcomes"][kind])
                         for kind in ("passed", "held")},
    )


# The whole table, for the grammar modules that read a table of their own ("[gatherings]").
TABLE: dict[str, Any] = tomllib.loads(
    resources.files(__package__).joinpath(LEXICON_FILE).read_text())
COLLOQUIAL = parse(TABLE)
