"""Whose work a clause reports, read from the noun phrase in front of its verb.

``intent.someone_else_did`` reads the subject when it opens the clause word by word ("my
manager reviewed", "the team reviewed"). People also put words between the subject and its
verb ("the team still shipped it", "our lead dev shipped"), name the person's team by its
owner ("Maya's team shipped"), open the sentence with the person's name ("Jo fixed the
login bug") or say "dev fixed it" without an article. Crediting someone else is common in a
check-in (praise, a handover), and logging it as the speaker's work is wrong.
"""

from __future__ import annotations

from ..text import stem
from .others import names_before_a_verb, role_and_name
from .phrases import PEOPLE
from .words import DAYS, TIMES, Token, past_form

# Groups that do work as one: another team, another function.
_GROUPS = frozenset(stem(word) for word in "team org squad product cofounder".split())
_PRONOUNS = frozenset("he she they someone somebody everyone everybody others".split())
_SPEAKER = frozenset("i we me us myself ourselves".split())
_DETERMINERS = frozenset("the my our his her their".split())
# Words between a subject and its verb that say when or how, not who.
_ADVERBS = frozenset("still also just already then finally even again once somehow "
                     "meanwhile otherwise afterwards anyway has have had".split())
# A verb takes an object here: "Jo fixed the bug" (a capitalised report such as "Docs
# updated for v2" or "Tests written" has none).
_OBJECT_OPENERS = frozenset("the a an her his their its it them all one two".split())
# Capitalised words that open a report without being anyone's name: the first half of a
# compound verb ("Pair programmed the parser", "Code reviewed the PR") and time words.
_NOT_NAMES = frozenset("pair peer phone double soft hard live dry load unit smoke stress spot "
                       "fast bug rubber hand back cherry hot cross co code mob shadow "
                       "later earlier first next soon together".split()
                       ) | _ADVERBS | DAYS | TIMES
# What may stand between a clause's opening and its subject: "Wed: someone else fixed it".
_OPENERS = frozenset(": - so then but and also".split())
# Relative clauses: "the plan, which stakeholders agreed on" is the speaker's plan agreed.
_RELATIVES = frozenset("which that who whom".split())
# Words after which "I" opens a clause of the speaker's own ("so I wrote one", "after I
# paired with her"); after a noun it is a relative clause ("the bug I reported").
_JOINING = frozenset("so and then but once after when until before because since as".split())
# Words after which a noun is not a subject: "OKRs for my team agreed".
_PREPOSITIONS = frozenset("of for across in on at to from after before with about by into "
                          "over between via during through".split())
_MODIFIER_LIMIT = 3  # "the new grads", "Maya's checkout team"


def credited_elsewhere(clause: list[Token], opens_sentence: bool) -> bool:
    """Whether the clause's first verb has another person or team as its subject."""
    # "my manager had a 1:1 with me" is time together, not work of theirs
    verb = next((i for i, token in enumerate(clause)
                 if past_form(token) and token.word != "had"
                 and not names_before_a_verb(clause, i)), None)
    if verb is None:
        return False
    if verb == 0 or _speaker_acts(clause):
        return False
    head = verb - 1
    while head > 0 and clause[head].word in _ADVERBS:
        head -= 1
    subject = _subject_start(clause, head)
    if subject is None:
        return False
    words = [token.word for token in clause[subject : head + 1]]
    if _SPEAKER & set(words):
        return False  # "the grad I mentor shipped": the speaker is in the phrase
    word = clause[head]
    if words[0] in _RELATIVES or word.word in _NOT_NAMES:
        return False
    if word.word in _PRONOUNS or (word.word == "else" and head > 0):
        return True
    if word.stem in _GROUPS:
        # "the platform team shipped", "Maya's team shipped"; "my team shipped", "whole team
        # went bowling" are the speaker's "we"
        return words[0] == "the" or words[0].endswith("'s")
    if role_and_name(clause[subject : head + 1]):
        return True  # "my reportee Ankit gave a talk"
    if word.stem in PEOPLE:
        # "dev fixed it"; but "hires closed: 2" reports the speaker's work done on people
        return words[0] in _DETERMINERS or words[0].endswith("'s") or _takes_object(clause, verb)
    if word.name and head == subject and word.word not in _NOT_NAMES \
            and not word.word.endswith("ly"):
        if subject > 0 or not opens_sentence:
            return True
        # "Jo fixed the login bug": a name opening a sentence, its verb taking an object
        return _takes_object(clause, verb)
    return False


def _takes_object(clause: list[Token], verb: int) -> bool:
    return verb + 1 < len(clause) and (clause[verb + 1].word in _OBJECT_OPENERS
                                       or clause[verb + 1].word.isdigit())


def _subject_start(clause: list[Token], head: int) -> int | None:
    """Where the noun phrase ending at ``head`` starts, if it opens the clause (after a
    heading such as "Wed:"); None when something else comes first ("paired with Sam")."""
    start = head
    while start > 0 and head - start < _MODIFIER_LIMIT and _modifies(clause[start - 1]):
        start -= 1
    before = [token.word for token in clause[:start]]
    if all(word in _OPENERS or word in DAYS for word in before):
        return start
    return None


def _speaker_acts(clause: list[Token]) -> bool:
    """"so I went and wrote one", "once I added the check": the speaker has a verb of their
    own in the clause."""
    return any(token.word in _SPEAKER and (i == 0 or clause[i - 1].word in _JOINING
                                          or not clause[i - 1].word.isalpha())
               for i, token in enumerate(clause))


def _modifies(token: Token) -> bool:
    """A word that may open a subject's noun phrase: "the", "new", "Maya's" (not a verb or a
    heading's colon)."""
    return (token.word.isalpha() or token.word.endswith("'s")) and not past_form(token) \
        and token.word not in _OPENERS and token.word not in _PREPOSITIONS
