"""What cancels a mention: a question or a lamented habit, negation, intent, a date ahead,
work someone else did or that was done to the person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import QUESTION_OPENING, asks, stem
from .counts import number_value
from .lexicon import Mention
from .phrases import PEOPLE
from .reading import AUTHORING_VERBS
from .sections import done_sections_only
from .subjects import credited_elsewhere
from .words import IRREGULAR_PAST, PERIODS, TIMES, Token, past_form

# A sentence, or one item of a list typed on one line ("- paged Tue - started (not finished)
# the ADR"): what a question or a lament blanks out.
_SENTENCE = re.compile(r"[^.!?;\n]*?(?:[.!?;]+|\n|(?<=\s)-(?=\s)|$)")
# "I keep starting design docs and never finishing them": a habit lamented, not work done.
_NOT_DONE = re.compile(
    r"\b(never|not|don'?t|didn'?t|can'?t|cannot)\s+(actually\s+)?"
    r"(finish|finishing|finished|complete|completing|do|doing|get around|ship|shipping)\b"
    r"|\b(keep|kept|always)\s+(meaning|trying|starting|putting off|postponing|skipping|missing"
    r"|forgetting|avoiding|dropping|saying|say|mean|forget)\b"
    r"|\bthen\s+(i\s+)?(don'?t|didn'?t|never)\b"
    r"|\b(tired|sick)\s+of\b|\bfed\s+up\b"  # "so tired of flaky tests"
    r"|\b(didn'?t|did\s+not|never)\s+get\s+anywhere\b"  # an attempt that failed
    r"|\b(wasn'?t|was\s+not|isn'?t|not)\s+(me|ours|involved)\b"  # someone else's
    # "the incident wasn't mine"; but "a design doc reviewed (not mine)" says whose the doc is
    r"|\b(wasn'?t|was\s+not|isn'?t)\s+mine\b"
    r"|\bmy\s+part\s+was\s+nil\b"
    # a false alarm resolves nothing: "paged for an alert that wasn't real", "all noise"
    r"|\b(wasn'?t|weren'?t|was\s+not|nothing|not)\s+real\b"
    r"|\bauto-?resolved\b"
    # called off after the fact: "prepared slides for the talk but it was cancelled"
    r"|\b(it|that|which)\s+(was|got|has\s+been)\s+(cancell?ed|canceled|postponed|called\s+off)\b"
    # a worry is not work: "I'm worried we're shipping too slowly"
    r"|\b(worried|worrying|worry)\b"
    # work not finished: "drafted an RFC but haven't sent it out yet", "OKRs drafted, nothing
    # agreed yet", "it's still a draft"
    r"|\b(not|no|nothing|none|haven'?t|hasn'?t|isn'?t|aren'?t|wasn'?t|weren'?t)\b"
    r"[^.;!?]*\byet\b"
    r"|\bstill\s+(not|a\s+draft|drafting|waiting|pending|undecided|in\s+progress)\b",
    re.IGNORECASE,
)


def statements_only(text: str) -> str:
    """The text with questions and lamented habits blanked out (offsets kept, so phrases
    still point into the original): asking about work or failing at it is not doing it. So
    are the lines under a heading of plans, blockers or unfinished work (``sections``)."""
    kept = []
    for match in _SENTENCE.finditer(done_sections_only(text)):
        sentence = match.group().replace("’", "'")
        if (asks(sentence) and not _hedged_report(sentence)) or _NOT_DONE.search(sentence):
            sentence = re.sub(r"[^\n]", " ", sentence)
        kept.append(sentence)
    return "".join(kept)


# "3 interviews this week??", "reviewed like 6 PRs?", "I shipped it?!": a report typed with a
# question mark (surprise, a guess), not a question: it opens with the work done, a verb in
# the past or a count ("I'd like to..." and "what'd you ship?" are not).
_REPORT_OPENING = re.compile(
    r"^\s*(?:(?:i|we)\s+)?(?!(?:i|we|you|he|she|they|what|who|how|where|why|when)'d\b)"
    r"(?:\w+ed|\w+'d|" + "|".join(sorted(IRREGULAR_PAST)) + r")\b"
    r"|^\s*\d+\s+[a-z]", re.IGNORECASE)


def _hedged_report(sentence: str) -> bool:
    """Whether a sentence ending in a question mark reports work rather than asking."""
    return not QUESTION_OPENING.match(sentence) and bool(_REPORT_OPENING.match(sentence))


_FORWARD_NEGATORS = frozenset(
    "no not never without neither nor cannot skipped missed "
    "didnt dont doesnt cant wont wasnt werent isnt arent havent hasnt hadnt couldnt "
    "shouldnt wouldnt".split()
)
_CLAUSE_NEGATORS = frozenset("nothing none nobody cancelled canceled postponed".split())
_INTENT_WORDS = frozenset(
    "will gonna should shall would could might considering wish wished".split())
_INTENT_WHOLE_CLAUSE = frozenset(["tomorrow"])
_INTENT_BEFORE_TO = frozenset(
    stem(word) for word in "plan want hope need intend going aim about have has mean meant "
    "supposed try attempt ask".split()
)


@dataclass(frozen=True)
class Cancellers:
    whole_clause: bool
    forward_from: int | None  # mentions after this position are cancelled
    blocked: frozenset[int]  # positions that belong to a marker ("planning to")


_SUBORDINATORS = frozenset("when because since so unless until whenever if".split())
_QUOTES = frozenset("' \" ‘ ’ “ ”".split())


def cancellers_in(clause: list[Token]) -> Cancellers:
    whole_clause = False
    positions: list[int] = []
    blocked: set[int] = set()
    subordinate = False  # "hotfixed the loop when nobody else was around": another clause
    quoted = False  # "took the 'leading without authority' course": a title, not a negation
    for i, token in enumerate(clause):
        if token.word in _QUOTES:
            quoted = not quoted
        if quoted:
            continue
        subordinate = subordinate or (token.word in _SUBORDINATORS and i > 0)
        if not subordinate and (token.word in _CLAUSE_NEGATORS
                                or _said(token) in _INTENT_WHOLE_CLAUSE
                                or _scheduled(clause, i)):
            whole_clause = True
        elif _is_negator(token.word) or _is_intent(_said(token)):
            positions.append(i)
        elif _intends_to(clause, i):
            positions.append(i)
            blocked.update((i, i + 1))
        elif marker := _wished(clause, i):
            positions.append(i)
            blocked.update(range(i, i + marker))
    return Cancellers(whole_clause, min(positions, default=None), frozenset(blocked))


def _scheduled(clause: list[Token], i: int) -> bool:
    """"The incident review is next Tuesday": a date ahead, and no verb of work done but
    booking it. (In "planned next quarter's roadmap" the planning is done.)"""
    return (clause[i].word == "next" and i + 1 < len(clause)
            and clause[i + 1].word in TIMES | PERIODS
            and not any((token.inflected and token.stem not in _BOOKING)
                        or token.stem in AUTHORING_VERBS for token in clause))


# Putting work in the diary is not doing it: "booked a chat with my mentor for next Thursday".
_BOOKING = frozenset(stem(word) for word in
                     "book schedule reschedule arrange move push postpone".split())


def _is_negator(word: str) -> bool:
    return word in _FORWARD_NEGATORS or word.endswith("n't")


def _said(token: Token) -> str:
    """The word as written, or as its shorthand reads ("tmrw" is "tomorrow", "wil" "will")."""
    return token.stem if token.stem in _SHORTHAND_READS else token.word


_SHORTHAND_READS = _INTENT_WORDS | _INTENT_WHOLE_CLAUSE


def _is_intent(word: str) -> bool:
    return word in _INTENT_WORDS or word.endswith("'ll")  # "I'll be presenting"


def _intends_to(clause: list[Token], i: int) -> bool:
    following = clause[i + 1].word if i + 1 < len(clause) else ""
    return ((clause[i].stem in _INTENT_BEFORE_TO and following == "to")
            or (clause[i].stem == "think" and following in ("about", "of")))


# A wish for work not done yet: another's for the speaker ("my manager wants me to write
# more docs", "she expects me to give a talk"), the speaker's own ("I'd like to turn it into
# a doc", "thinking to start the course", "planning on submitting a talk"). A request in the
# past ("asked me to review it") is often followed by the work, so it cancels nothing.
_WISHING_FOR_SOMEONE = frozenset("want wants expects expecting".split())
_SOMEONE = frozenset("me us".split())
_WOULD = frozenset("i'd we'd id would".split())
_LIKING = frozenset("like love".split())
_PLAN, _THINK = stem("plan"), stem("think")


def _wished(clause: list[Token], i: int) -> int:
    """How many words a wish for work starts at ``i`` takes up ("wants me to": 3), or 0."""
    def word(at: int) -> str:
        return clause[at].word if at < len(clause) else ""

    if clause[i].word in _WISHING_FOR_SOMEONE and word(i + 1) in _SOMEONE and word(i + 2) == "to":
        return 3
    if clause[i].word in _WOULD and word(i + 1) in _LIKING and word(i + 2) == "to":
        return 3
    if clause[i].stem == _THINK and clause[i].inflected and word(i + 1) == "to":
        return 2
    if clause[i].stem == _PLAN and word(i + 1) == "on" and word(i + 2).endswith("ing"):
        return 2
    return 0


def negated(mention: Mention, cancellers: Cancellers, mentions: list[Mention]) -> bool:
    """A category is cancelled if any of its mentions follows a negator: "reviewed no PRs"."""
    if cancellers.forward_from is None:
        return False
    return any(
        m.first > cancellers.forward_from for m in mentions if m.category == mention.category
    )


# Someone else's work: "My manager reviewed my design doc", "my report Dana gave a brown bag",
# "then Tom reviewed mine", "she walked me through it", "the team reviewed it Friday".
_OTHER_PEOPLE = frozenset(stem(word) for word in
                          "manager boss lead director colleague teammate report peer "
                          "skip cto vp pm mentee intern team".split())
_THIRD_PERSONS = frozenset("he she they everyone everybody someone nobody".split())
_TEAM = stem("team")
_PEOPLE_AND_TEAMS = PEOPLE | frozenset(stem(word) for word in "team org".split())
# Past forms without -ed, so a subject can be told by the verb that follows it.


def someone_else_did(clause: list[Token], opens_sentence: bool = False) -> bool:
    """Whether the clause's subject is another person: said first in the clause, or read
    from the phrase in front of its verb (``subjects``)."""
    return _opening_subject_is_other(clause, opens_sentence) or credited_elsewhere(
        clause, opens_sentence)


def _opening_subject_is_other(clause: list[Token], opens_sentence: bool) -> bool:
    """Whether the clause opens with another person as subject. (A name opening a sentence
    cannot be told from a capitalised word: "Tests written", "Later fixed 3 bugs".)"""
    if clause[0].word in ("which", "that", "who") and len(clause) > 1:
        clause = clause[1:]  # "..., which the team reviewed Friday"
    i = 0
    if clause[0].word in ("my", "our", "the"):
        # "my other report Ben", "the platform team": up to two words before the role
        role = next((j for j in range(1, min(4, len(clause)))
                     if clause[j].stem in _OTHER_PEOPLE), None)
        if role is None or (clause[role].stem == _TEAM and clause[0].word in ("my", "our")):
            return False  # "our team finished the project": we did
        i = role + 1
        if i < len(clause) and clause[i].name:  # "my report Dana"
            i += 1
    elif (len(clause) > 2 and number_value(clause[0].word) is not None
          and clause[1].stem in _PEOPLE_AND_TEAMS and clause[2].inflected):
        return True  # "5 teams contributing now", "12 people played"
    elif clause[0].word in _THIRD_PERSONS or (
            clause[0].name and not opens_sentence and not past_form(clause[0])):
        i = 2 if len(clause) > 1 and clause[1].word == "else" else 1  # "someone else fixed"
    else:
        return False
    if i < len(clause) and clause[i].word in ("has", "have", "had"):
        i += 1  # "my colleague has fixed the bug"
    return i < len(clause) and past_form(clause[i])


_PASSIVE_AUXILIARIES = frozenset("was were got get gets been being is are had".split())
_OBJECT_PRONOUNS = frozenset(("it", "them"))


def passive(mention: Mention, clause: list[Token]) -> bool:
    """"My PR got reviewed", "got it reviewed", "approved by the staff eng", "I was
    interviewed": done to the person, not by them. (The vocabulary's own "was mentored" is
    one term, matched as a whole.)"""
    first = mention.first
    if not clause[first].inflected or clause[first].word.endswith("ing"):  # "was helping"
        return False
    if mention.last + 1 < len(clause) and clause[mention.last + 1].word == "by" and first > 0:
        return True
    before = first - 1
    if before > 0 and clause[before].word in _OBJECT_PRONOUNS:
        before -= 1
    return before >= 0 and clause[before].word in _PASSIVE_AUXILIARIES


def infinitive(mention: Mention, clause: list[Token]) -> bool:
    return (mention.first == mention.last and 0 < mention.first < len(clause) - 1
            and clause[mention.first - 1].word == "to" and clause[mention.last + 1].word == "about")

