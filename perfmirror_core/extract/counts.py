"""Quantities in a clause ("3", "seven", "a couple of", "twice", "every day") and which
mention each one counts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .lexicon import Mention
from ..text import STOPWORDS, stem
from .colloquial import COLLOQUIAL
from .daylists import spaced_days
from .distributive import one_for_each
from .periods import after_a_period
from .phrases import PEOPLE
from .words import (
    DETERMINERS,
    IRREGULAR_PAST,
    NUMBER_WORDS,
    TIMES,
    TOPIC_PREPOSITIONS,
    WEEKDAYS,
    Token,
    past_form,
    scan,
)

OCCURRENCES = frozenset(stem(word) for word in COLLOQUIAL.occurrences)
PIECES = frozenset(stem(word) for word in COLLOQUIAL.pieces)
DAILY_RITUALS = frozenset(stem(word) for word in COLLOQUIAL.daily_rituals)
# Words further than this from a mention are not its count.
MAX_COUNT_GAP = 6
# Anything at or above this is an identifier or a year, not a weekly count.
IMPLAUSIBLE_COUNT = 100


@dataclass(frozen=True)
class Quantity:
    value: int
    first: int
    last: int
    object_of_preposition: bool  # "to 40 people": counts the people, not the activity
    adverb_only: bool  # counts only the work before it ("standups all week")
    noun: int | None = None  # the plural noun it counts: "11 services", "2 EM candidates"
    people: bool = False  # that noun is people: "6 directs"
    occurrences: bool = False  # that noun is times the work happened: "2 sessions"
    # how often the work is held, not how many were ("daily", "every day", "all week"): a
    # number said as well ("daily standups (4 this week)") is the count
    habitual: bool = False
    # "paired with Jin for two afternoons": sittings, each one time of work done with someone
    # (for other work a length of time: "spent two afternoons on the migration")
    sittings: bool = False
    group: bool = False  # "my team of 5": its size, a count only of work done per person
    # "1:1s with 5", "1:1s with 4 of the 6": a number alone after "with", the people
    with_whom: bool = False
    # "tests for two of them", "1:1s with 3 of those": some of the things named before, each
    # of which the work was done to, so how many times it was done (even after a preposition)
    partitive: bool = False
    # "twice", "three times": how often the clause's verb happened, however far from it
    how_often: bool = False


_QUANTITY_PHRASES: dict[tuple[str, ...], int] = {
    ("half", "a", "dozen"): 6,
    ("a", "dozen"): 12,
    ("a", "couple", "of"): 2,
    ("a", "couple"): 2,
    ("a", "pair", "of"): 2,
    ("a", "few"): 3,
    ("a", "handful", "of"): 3,
    ("a", "handful"): 3,
    # A working week: only when said outright, not for "most days".
    ("every", "day"): 5,
    ("everyday",): 5,
    ("each", "day"): 5,
    ("every", "single", "day"): 5,
    ("every", "morning"): 5,
    ("every", "afternoon"): 5,
    ("each", "morning"): 5,
    ("each", "afternoon"): 5,
}
_TENS = frozenset((20, 30, 40, 50, 60, 70, 80, 90))
_GROUPS = frozenset("team teams org squad group company cohort class".split())
# Groups of people a number may count: how many took part, never how much work was done.
_GROUP_STEMS = frozenset(stem(word) for word in
                         "teams orgs organizations organisations squads groups divisions "
                         "departments companies tribes guilds".split())
# Documents whose pages are their length (pages of alerts are counted as incidents: ``pages``).
_DOCUMENTS = frozenset(stem(word) for word in "doc design rfc spec proposal guide paper".split())
_SITTINGS = frozenset("mornings afternoons evenings".split())
_UNITS = frozenset(
    "minute minutes min mins hour hours hr hrs h day days week weeks month months year "
    "years am pm % percent sec secs second seconds ms k evening evenings night nights "
    "afternoon afternoons weekend weekends page".split()
)
_IDENTIFIER_PREFIXES = frozenset(
    "# v version sprint q chapter page step part phase level pr mr issue ticket number "
    "no release build room module lesson unit week day round android ios macos windows "
    "python java node ruby php rust kotlin swift react postgres ubuntu p sev".split()
)
HEDGES = frozenset("maybe about around roughly approximately like nearly almost ~ probably "
                    "some".split())
_FILLERS = frozenset("a an the of ( ) : - times".split())


def quantities_in(clause: list[Token]) -> list[Quantity]:
    return scan(len(clause), lambda i: _quantity_at(clause, i))


def _quantity_at(clause: list[Token], i: int) -> Quantity | None:
    words = [token.word for token in clause]
    for phrase, value in _QUANTITY_PHRASES.items():
        if tuple(words[i : i + len(phrase)]) == phrase:
            return replace(_quantity(clause, value, i, i + len(phrase) - 1),
                           habitual=phrase[-1] in _HABITUAL)
    days = _day_range(words, i)
    if days:
        return _quantity(clause, days, i, i + 2)
    listed = _day_list(words, i)
    if listed:
        return _quantity(clause, listed, i, i + 2 * listed - 2)
    spaced = spaced_days(words, i) if (i == 0 or spaced_days(words, i - 1) == 0) else 0
    if spaced and any(token.stem in DAILY_RITUALS for token in clause[:i]):
        return _quantity(clause, spaced, i, i + spaced - 1)  # "standup mon tue wed": three
    if (words[i : i + 2] == ["all", "week"] and (
            any("daily" in word.split() for word in words) or _rituals_alone(clause[:i]))) or (
            words[i : i + 2] == ["as", "usual"]
            and any(token.stem in DAILY_RITUALS for token in clause[:i])):
        # "daily scrum all week", "standups all week", "ran standup all week", "standups as
        # usual": each working day; but "reviewed PRs all week" or "at the offsite all week"
        # say how long, not how often.
        return Quantity(5, i, i + 1, object_of_preposition=False, adverb_only=True,
                        habitual=True)
    skipped = _days_skipped(words, i)
    if skipped and any(token.stem in DAILY_RITUALS for token in clause[:i]):
        # "standups (skipped Wed's)", "standup every day but missed Friday": the working week
        # less the days skipped
        return Quantity(5 - skipped, i, i + skipped, object_of_preposition=False,
                        adverb_only=True)
    if words[i] in _TIMES_SIGNS and 0 < i < len(words) - 1 and words[i + 1].isdigit() and (
            (times := number_value(words[i + 1])) is not None):
        return _quantity(clause, times, i, i + 1)  # "1:1s x 6", as "x6"
    number = number_value(words[i])
    if number is not None and i > 1 and words[i - 1] == "of" and words[i - 2] in _GROUPS:
        # "our team of 7": its size, people the work was done with (or per person, to)
        return replace(_quantity(clause, number, i, i), people=True, group=True,
                       object_of_preposition=True)
    if number is not None and words[i + 1 : i + 2] == ["pages"] and any(
            token.stem in _DOCUMENTS for token in clause):
        return None  # "the design doc, 14 pages": its length
    if number is not None and words[i + 1 : i + 2] and words[i + 1] in _SITTINGS:
        return replace(_quantity(clause, number, i, i), occurrences=True, sittings=True)
    if number is not None and words[i + 1 : i + 2] == ["days"] and any(
            token.stem in DAILY_RITUALS for token in clause):
        # "standup all five days", "3 days of standups": a daily ritual's days are its count
        return replace(_quantity(clause, number, i, i + 1), object_of_preposition=False)
    if number is None or _is_measure(words, i) or _is_identifier(clause, i):
        return None
    if words[i] in _HABITUAL:
        if any(_weekday(word) is not None for word in words):
            return None  # "Mon: daily sync": that day's one
        return replace(_quantity(clause, number, i, i), habitual=True)  # "daily standups"
    of = i + 2 if words[i + 1 : i + 2] == ["of"] else None
    if of is not None and of < len(words) and words[of] in DETERMINERS:
        of += 1
    if of is not None and of < len(words) and number_value(words[of]) is not None:
        return _quantity(clause, number, i, of)  # "two of the three candidates": two
    if (words[i + 1 : i + 2] == ["of"] and words[i + 2 : i + 3] and words[i + 2] in _ANTECEDENTS
            and (i == 0 or words[i - 1] not in DETERMINERS)):  # not "the three of them": all
        return replace(_quantity(clause, number, i, i + 2), partitive=True)  # "2 of them"
    if (words[i] == "both" and 0 < i < len(words) - 1 and words[i - 1] in _RECIPIENT
            and (words[i + 1] in DETERMINERS or (words[i + 1].isalpha()
                                                  and words[i + 1] not in STOPWORDS))):
        # "tests for both root causes", "1:1s with both my reports": two things, each of
        # which the work was done to (not "bugs in both apps": where it was)
        return replace(_quantity(clause, number, i, i), partitive=True)
    if number in _TENS and words[i + 1 : i + 2] == ["-"] and i + 2 < len(words):
        unit = NUMBER_WORDS.get(words[i + 2])
        if unit is not None and 0 < unit < 10:  # "twenty-two"
            return _quantity(clause, number + unit, i, i + 2)
    return _quantity(clause, number, i, i)


# A times sign written apart from its number: "skip-levels x 2".
_TIMES_SIGNS = frozenset("x ×".split())
# Prepositions before whom or what the work was for: "feedback to both", "tests for both".
_RECIPIENT = frozenset("for with to".split())
# Pronouns standing for things named before: "two of them", "3 of those".
_ANTECEDENTS = frozenset("them those these".split())
# Adverbs of how often: "twice", "thrice"; "once" says one time, which is the default anyway.
_HOW_OFTEN = frozenset("twice thrice".split())


def _rituals_alone(before: list[Token]) -> bool:
    """"standups all week": things named in the plural, with no verb or place around them;
    or a daily ritual, whatever the verb ("ran standup all week")."""
    return any(token.stem in DAILY_RITUALS for token in before) or (
        bool(before) and _plural(before[-1])
        and not any(token.inflected or token.word in IRREGULAR_PAST
                    or token.word in TOPIC_PREPOSITIONS or token.word in _BEING
                    for token in before))


_BEING = frozenset("was were am is are been".split())


# Words that say how often work is held rather than how many times it was.
_HABITUAL = frozenset("daily day everyday morning afternoon".split())
# Days a daily ritual did not happen: "skipped Wed's", "missed Monday and Friday".
_SKIPPING = frozenset("skipped missed".split())


def _days_skipped(words: list[str], i: int) -> int:
    """How many weekdays follow "skipped"/"missed" at ``i`` (0: none)."""
    if words[i] not in _SKIPPING:
        return 0
    days = 0
    for word in words[i + 1 :]:
        if _weekday(word.removesuffix("'s")) is not None:
            days += 1
        elif word not in ("and", "/", ",", "&") or not days:
            break
    return days


def _weekday(word: str) -> int | None:
    return next((n for n, spellings in enumerate(WEEKDAYS) if word in spellings), None)


def _day_list(words: list[str], i: int) -> int:
    """"Mon/Wed/Fri": how many days, each once (0: not a list of days)."""
    days = 0
    while i + 2 * days < len(words) and _weekday(words[i + 2 * days]) is not None and (
            days == 0 or words[i + 2 * days - 1] == "/"):
        days += 1
    return days if days > 1 else 0


def _day_range(words: list[str], i: int) -> int | None:
    """"tues-fri", "Mon to Thu": how many days the range covers, each day once."""
    if i + 2 >= len(words) or words[i + 1] not in ("-", "to", "through", "thru", "till"):
        return None
    first, last = _weekday(words[i]), _weekday(words[i + 2])
    if first is None or last is None or last <= first:
        return None
    return last - first + 1


def number_value(word: str) -> int | None:
    if word.startswith("x") and word[1:].isdigit():
        word = word[1:]  # "standup x5": shorthand for five times
    elif word.endswith("x") and word[:-1].isdigit():
        word = word[:-1]  # "mentored 3x"
    if word.isdigit():
        value = int(word)
        return value if value < IMPLAUSIBLE_COUNT else None
    return NUMBER_WORDS.get(word)


def _is_measure(words: list[str], i: int) -> bool:
    """"3 hours", "2 days": a duration, not a number of activities; nor is a number made into
    a modifier ("a three-day workshop", "a 4-interview loop"), nor one end of a change
    ("coverage 40->70", "android 12 → 14")."""
    if _change_end(words, i):
        return True
    if i + 2 < len(words) and words[i + 1] == "-":
        return words[i + 2].isalpha() and words[i + 2] not in NUMBER_WORDS
    return i + 1 < len(words) and words[i + 1] in _UNITS


_ARROW = "->"


def _change_end(words: list[str], i: int) -> bool:
    """One end of a change, a number with an arrow and another number ("40->70", "android 12
    → 14"); not a count given after its work ("1:1s -> 5")."""
    def number_at(j: int) -> bool:
        return 0 <= j < len(words) and number_value(words[j]) is not None

    if "".join(words[i + 1 : i + 3]) == _ARROW or words[i + 1 : i + 2] == ["→"]:
        return number_at(i + (3 if words[i + 1] == "-" else 2))
    if "".join(words[max(i - 2, 0) : i]) == _ARROW or words[i - 1 : i] == ["→"]:
        return number_at(i - (3 if words[i - 1] == ">" else 2))
    return False


def _is_identifier(clause: list[Token], i: int) -> bool:
    """"PR #12", "sprint 3", "ADR-042", "milestone 2 of 3", "the Bazel 7 guide": a name, not a
    count (but "my design - 3 of them": a dash). A digit between one thing (a singular noun,
    not a verb: "reviewed 3", "did 2") and no word of its own to count ("milestone 2 of the
    project", not "all 7 reports") numbers it; so does one after a name with its article."""
    words = [token.word for token in clause]
    if (words[i + 1 : i + 2] == ["of"] and i + 2 < len(words)
            and (words[i + 2] in DETERMINERS or words[i + 2].endswith("'s"))
            and (i == 0 or words[i - 1] not in _IDENTIFIER_PREFIXES)):
        return False  # "read 6 of the team's docs": some of them (not "version 2 of the app")
    if after_a_period(words, i):
        return False  # "this week 4 PR reviews": when, then how many
    hyphen = words[i - 1] == "-" and clause[i - 1].end == clause[i].start if i > 0 else False
    return words[i].isdigit() and i > 0 and (words[i - 1] in _IDENTIFIER_PREFIXES or (
        hyphen and i > 1 and words[i - 2].isalpha()) or (
        _one_thing(words[i - 1]) and not _counts_a_word(words[i + 1 : i + 2])) or (
        words[i - 1] == "of" and i > 1 and words[i - 2].isdigit()) or (  # the 3 of "3 of 3"
        i > 1 and clause[i - 1].name and words[i - 2] in DETERMINERS))  # "the Llama 3 paper"


def _one_thing(word: str) -> bool:
    return (word.isalpha() and not word.endswith(("s", "ed", "ing")) and word not in STOPWORDS
            and word not in NUMBER_WORDS and word not in TIMES and word not in IRREGULAR_PAST
            and word not in HEDGES and word not in _ALL)


_ALL = frozenset("all last first next".split())


def _counts_a_word(following: list[str]) -> bool:
    # an alias may be words joined by a space: "merge requests"
    return (bool(following) and following[0].replace(" ", "").isalnum()
            and following[0] not in STOPWORDS)


def _quantity(clause: list[Token], value: int, first: int, last: int) -> Quantity:
    before = first - 1
    while before >= 0 and (clause[before].word in DETERMINERS or (
            clause[before].word in HEDGES and clause[before].word not in TOPIC_PREPOSITIONS)):
        before -= 1  # "to ~40 people": still after the preposition
    noun = _counted_noun(clause, last)
    people = noun is not None and clause[noun].stem in PEOPLE
    # "a meetup of ~80 people", "our team of 7": how many people were there
    after_preposition = before >= 0 and (clause[before].word in TOPIC_PREPOSITIONS or (
        clause[before].word == "of" and people))
    how_often = clause[first].word in _HOW_OFTEN or (
        last + 1 < len(clause) and clause[last + 1].word == "times")
    with_whom = noun is None and before >= 0 and clause[before].word == "with"
    return Quantity(value, first, last, after_preposition, False, noun, people,
                    noun is not None and clause[noun].stem in OCCURRENCES, how_often=how_often,
                    with_whom=with_whom)


def _counted_noun(clause: list[Token], last: int) -> int | None:
    """The plural noun right after a number ("11 services", "2 EM candidates", "6 directs"),
    if it has one before a preposition, a verb or a pronoun."""
    for j in range(last + 1, min(last + 5, len(clause))):
        token = clause[j]
        if token.word in _BRACKETS:
            return None  # "postmortems: 2 (DNS, bad deploy)": what follows names them
        if (j + 1 < len(clause) and clause[j + 1].word == "-"
                and clause[j].end == clause[j + 1].start) or token.word == "-":
            continue  # "3 on-prem dependencies": a compound modifier (not "hires - laptops")
        if token.word.endswith(("ing", "'s")) or (token.word == "of" and j == last + 1) or (
                token.word in _MORE and j == last + 1) or (
                token.word in DETERMINERS and clause[j - 1].word == "of"):
            continue  # "three queueing systems", "a couple of Jamal's PRs", "3 of my folks"
        if token.word in TOPIC_PREPOSITIONS or token.word in STOPWORDS or token.inflected:
            return None
        if token.stem in PEOPLE or token.stem in OCCURRENCES or _plural(token):
            if j + 1 < len(clause) and _plural(clause[j + 1]) and token.stem not in PEOPLE:
                continue  # "3 of jakes PRs": the last of two plurals is what is counted
            return j
    return None


_BRACKETS = frozenset("( ) [ ]".split())
# "two more PRs", "3 other teams": the noun still follows
_MORE = frozenset("more other additional extra".split())


def _plural(token: Token) -> bool:
    return (token.word.endswith("s") and token.stem != token.word and not token.inflected
            and token.word not in STOPWORDS)


def count_for(
    mentions: list[Mention], quantities: list[Quantity], clause: list[Token],
    per_person: bool = False, objects: frozenset[str] = frozenset(), events: bool = False,
) -> tuple[int, bool]:
    """The nearest quantity that can describe one of these mentions, else 1. A number of
    other things ("11 services across 6 teams") is not a count of the work, unless they are
    its ``objects`` ("four PRs"); a number of people is, for work done per person."""
    candidates = [
        (quantity.habitual, gap, mention.first < quantity.first, quantity.first, quantity.value)
        for quantity in quantities
        if (per_person or not (quantity.sittings or quantity.group))
        and (_counts_the_work(quantity, mentions, clause, per_person, objects)
            or (events and _object_of_the_verb(quantity, mentions, clause))
            or _one_for_each(quantity, mentions, clause))
        and (events or (_counts_undertakings(quantity, mentions, clause)
                        and _names_undertakings(quantity, mentions, clause)))
        for mention in mentions
        if (gap := _gap(clause, quantity, mention)) is not None
        and _may_describe(quantity, mention, gap, per_person,
                          _things_of_the_work(quantity, clause, objects)
                          or _one_for_each(quantity, mentions, clause),
                          _how_often_it_was_done(quantity, mention, clause))
        and not _refers_back(quantity, mention, clause)
    ]
    if not candidates:
        return 1, False
    # A number said beats a habit ("daily standups (4 this week)"); then nearest first; at
    # equal distance a number before its noun ("2 docs") wins.
    return min(candidates)[4], True


def _one_for_each(quantity: Quantity, mentions: list[Mention], clause: list[Token]) -> bool:
    """"runbooks for the 3 alerts": one piece of work for each thing (``distributive``); but
    not for groups of people ("OKRs for my 3 teams": who took part) nor work whose plural
    names its parts ("snapshot tests for 12 views": one suite)."""
    noun = clause[quantity.noun].stem if quantity.noun is not None else ""
    return noun not in _GROUP_STEMS and one_for_each(quantity, mentions, clause) and not any(
        clause[m.last].stem in PIECES for m in mentions if m.last < quantity.first)


def _counts_undertakings(quantity: Quantity, mentions: list[Mention], clause: list[Token]) -> bool:
    """One undertaking is not counted by the people in it ("a team lunch to welcome our two
    new joiners"), unless they are what its verb was done to ("onboarded two new joiners")."""
    return not quantity.people or _object_of_the_verb(quantity, mentions, clause)


def _names_undertakings(quantity: Quantity, mentions: list[Mention], clause: list[Token]) -> bool:
    """One undertaking is counted by a number of things ("two ADRs", "2 sev2s", "onboarded
    two new joiners") or of times ("twice", "x2", "both"), not by a bare number near it,
    which counts something else ("led the 3 team effort", "a 4-interview loop instead of
    6", "opened it for comments, 12 so far"). None at all ("learning: 0") is none."""
    said = clause[quantity.first].word
    before = [token.word for token in clause[max(quantity.first - 2, 0) : quantity.first]]
    if before[-1:] == [":"] or before == ["-", ">"]:
        return True  # "postmortems: 2", "1:1s -> 5": the count given after the work
    return quantity.noun is not None or quantity.value == 0 or said in _TIMES_SAID or (
        said[:1] == "x" or said[-1:] == "x") or quantity.last > quantity.first or any(
        m.first == quantity.last + 1 for m in mentions)  # "two sev-2s"


_TIMES_SAID = frozenset("once twice thrice both".split())


def _object_of_the_verb(quantity: Quantity, mentions: list[Mention], clause: list[Token]) -> bool:
    """"fixed 3 crashers", "approved 4 packets": right after a verb naming work that is done
    thing by thing, a number counts the things it was done to, so the work."""
    return any(m.first == m.last == quantity.first - 1 and past_form(clause[m.first])
               for m in mentions)


def _how_often_it_was_done(quantity: Quantity, mention: Mention, clause: list[Token]) -> bool:
    """"paired with our new grad on the flaky cart tests twice": an adverb of how often after
    the work, with no other verb or clause of its own between them, tells how often the work
    was done, however long its object (not "tests for the flow after it broke twice")."""
    if not quantity.how_often or quantity.first < mention.last:
        return False
    return not any(past_form(token) or token.word in _SUBORDINATORS
                   for token in clause[mention.last + 1 : quantity.first])


# Words opening a clause of its own inside the clause: what follows them is not the work.
_SUBORDINATORS = frozenset("after before when while since because until which that who it "
                           "he she they".split())


def _refers_back(quantity: Quantity, mention: Mention, clause: list[Token]) -> bool:
    """"a regression suite covering both": "both" alone, not right after the work, stands for
    things named before ("interviewed both" counts the interviews)."""
    return (clause[quantity.first].word == "both" and quantity.first == len(clause) - 1
            and quantity.first != mention.last + 1)


def _gap(clause: list[Token], quantity: Quantity, mention: Mention) -> int | None:
    if quantity.last < mention.first:
        between = clause[quantity.last + 1 : mention.first]
    elif mention.last < quantity.first:
        between = clause[mention.last + 1 : quantity.first]
    else:
        return None
    depth = 0  # "pairing sessions with Leo (he just joined) every afternoon": an aside
    words = 0
    for token in between:
        depth += (token.word == "(") - (token.word == ")")
        words += depth == 0 and token.word not in _FILLERS
    return words


def _counts_the_work(
    quantity: Quantity, mentions: list[Mention], clause: list[Token], per_person: bool,
    objects: frozenset[str],
) -> bool:
    if quantity.noun is not None and clause[quantity.noun].stem in PIECES and quantity.value:
        return False  # "+45 unit tests", "30 shout-outs": parts of one piece of work
    if quantity.noun is not None and clause[quantity.noun].stem in _GROUP_STEMS:
        return False  # "got 3 orgs aligned", "across the four platform teams": who took part
    people_counted = quantity.people and (per_person or (
        not quantity.object_of_preposition and _people_worked_on(quantity, mentions, clause)))
    if quantity.noun is None or quantity.occurrences or quantity.partitive or people_counted:
        return True  # "mentored 3 juniors", "hired two engineers", "1:1s with 6 directs"
    # "two interview loops": the work names the things counted
    return clause[quantity.noun].stem in objects or any(
        m.first <= quantity.noun <= m.last or quantity.last < m.first <= m.last < quantity.noun
        for m in mentions)


def _people_worked_on(quantity: Quantity, mentions: list[Mention], clause: list[Token]) -> bool:
    """"onboarded two new joiners": people the work was done to, right after it, each once
    more of it; not an audience after another verb ("my brown bag got 60 people")."""
    return not any((past_form(token) or token.word in _SUBORDINATORS)
                   and not any(m.first <= i <= m.last for m in mentions)
                   for i, token in enumerate(clause[: quantity.first]))


def _things_of_the_work(quantity: Quantity, clause: list[Token], objects: frozenset[str]) -> bool:
    """"in two calls", "code review for 2 PRs": times it happened, or what it was done to
    (not "after three rounds": what came before it)."""
    if (quantity.noun is not None and clause[quantity.noun].stem in objects) or (
            quantity.sittings or quantity.partitive):
        return True  # "for two afternoons": the sittings it took
    before = quantity.first - 1
    while before >= 0 and clause[before].word in DETERMINERS:
        before -= 1
    return quantity.occurrences and before >= 0 and clause[before].word in _OCCASIONS


_OCCASIONS = frozenset("in over across during".split())


def _may_describe(
    quantity: Quantity, mention: Mention, gap: int, per_person: bool, of_the_work: bool,
    far_adverb: bool = False,
) -> bool:
    if gap > MAX_COUNT_GAP and not (quantity.sittings or far_adverb):
        return False  # sittings and "twice" are the whole clause's
    if quantity.object_of_preposition and not of_the_work:
        if (quantity.people or quantity.with_whom) and per_person:
            return True  # "1:1s with the four tech leads", "1:1s with 5"
        return mention.first > quantity.last and gap <= 1
    if quantity.adverb_only:
        return mention.last < quantity.first
    return True

