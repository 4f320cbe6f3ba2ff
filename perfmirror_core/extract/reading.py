"""Reading is not authoring: a document read goes to the vocabulary's reading category, code
read this way is a review.
"""

from __future__ import annotations

from ..text import STOPWORDS, stem
from .lexicon import FULL_TERM, HEAD_WORD, PROPOSE_AT, Lexicon, Mention, evidence_of
from .words import DETERMINERS, NUMBER_WORDS, TIMES, TOPIC_PREPOSITIONS, Token, past_form

# Reading is not authoring: "read two RFCs", "reviewed 2 design docs" and "went over the spec"
# are documents read, not written. After a reading verb, a document goes to the vocabulary's
# reading category (the one "read" points at), or to nothing when there is none; code read
# this way ("looked over five PRs") is a review.
_READING_VERBS = (
    ("read",), ("reread",), ("skim",), ("review",), ("proofread",), ("study",),
    ("go", "over"), ("go", "through"), ("went", "over"), ("went", "through"),
    ("going", "over"), ("going", "through"),
    ("look", "over"), ("look", "through"), ("look", "at"), ("dig", "into"),
    ("dug", "into"), ("pore", "over"), ("comb", "through"), ("check", "over"),
    ("sign", "off"), ("approv",), ("feedback", "on"), ("comment", "on"), ("read", "up"),
    ("lgtm",), ("catch", "up", "on"), ("caught", "up", "on"), ("dig", "through"),
    ("dug", "through"), ("review", "of"),
)
_READING_NOUNS = frozenset(("feedback", "comment"))
_READ_FORMS = frozenset(("read", "reread", "proofread"))  # the past looks like the present
# Reading named by the verb alone: "read up on CRDTs" was reading whatever it was.
_READING_ALONE = (("read", "up"),)
AUTHORING_VERBS = frozenset(
    stem(word) for word in
    "write wrote written draft author put made make did do give gave had ran led lead "
    "ship fix merge publish".split()
)
DOCUMENT_STEMS = frozenset(
    stem(word) for word in
    "doc docs rfc spec adr proposal runbook readme documentation paper book guide design "
    "postmortem decision guideline article wiki handbook playbook manual tutorial howto "
    "writeup whitepaper guidance policy notes faq changelog "
    # reference text an engineer reads: "the radio's datasheet", "the PCI requirements"
    "datasheet requirements errata kip prd".split()
)
# Writing up work already done, or its record: "wrote the postmortem", "RCA doc up", "decision
# doc is in Confluence".
WRITING_UP = frozenset(stem(word) for word in
                       "write wrote written postmortem writeup record log doc comment".split())
CODE_STEMS = frozenset(stem(word) for word in "pr code diff patch change commit".split())


# "the two ADRs linked from it", "the notes posted in #eng": where the thing read came from.
_SOURCES = frozenset("from in on by at".split())
# Time spent says how long, not what was done: the verb after it is the work.
_SPENDING = frozenset(stem(word) for word in "spend spent spending".split())


def reading_verb_at(clause: list[Token], i: int) -> int:
    """How many tokens a reading verb at ``i`` spans (0: none). One word is a verb when it
    has a verb's form or opens the clause: "reviewed", "Review the RFC", but not "PR reviews"."""
    for verb in _READING_VERBS:
        if tuple(token.stem for token in clause[i : i + len(verb)]) == verb and (
                len(verb) > 1 or i == 0 or clause[i].inflected or verb[0] in _READ_FORMS):
            return len(verb)
    return 0


def reads(clause: list[Token], reading_before: bool) -> bool:
    """Whether this clause is about reading: it has a reading verb, or it has no verb of its
    own and follows one that did ("read the RFC and two design docs")."""
    if any(reading_verb_at(clause, i) for i in range(len(clause))
           if clause[i].stem in _READING_NOUNS):
        return True  # "gave feedback on two RFCs": the verb is "gave", the work is reading
    topic = False  # "the Redis docs on Lua scripting": a verb form inside a topic is no verb
    # "the new routing proposal", "the two ADRs linked from it": in a noun phrase joined on,
    # an -ing word, or an -ed one before the document or saying where from, describes the
    # thing read (not "the strategy doc agreed with my director")
    described = clause[0].word in DETERMINERS or clause[0].word.endswith("'s") or (
        clause[0].word.isdigit() or clause[0].word in NUMBER_WORDS)
    for i, token in enumerate(clause):
        if reading_verb_at(clause, i):
            return True
        topic = topic or token.word in TOPIC_PREPOSITIONS
        if token.stem in _SPENDING or token.word in TIMES:
            continue  # "spent the morning reading the Kafka docs": the verb after it says
        following = clause[i + 1].word if i + 1 < len(clause) else ""
        describes = described and (token.word.endswith("ing") or following in _SOURCES or not any(
            earlier.stem in DOCUMENT_STEMS for earlier in clause[:i]))  # "the related doc"
        if token.stem in AUTHORING_VERBS or (token.inflected and not topic and not describes):
            return False
    return reading_before


def as_reading(
    mentions: list[Mention], clause: list[Token], lexicon: Lexicon
) -> list[Mention]:
    reader = lexicon.terms.get(("read",))
    reviewer = lexicon.terms.get(("review",))
    verb_ends = [i + n - 1 for i in range(len(clause)) if (n := reading_verb_at(clause, i))]
    start = min(verb_ends, default=-1)
    code = _first_after(clause, start, CODE_STEMS)
    if code is None and start > 0 and clause[start - 1].stem in CODE_STEMS and past_form(
            clause[start]):
        code = start - 1  # "7 PRs LGTM'd": the code, then what its reviewer did to it
    document = _first_after(clause, start, DOCUMENT_STEMS)
    if reviewer is not None and code is not None and (document is None or code < document):
        # "reviewed the PRs implementing my design": code read, the design only its topic
        return [m for m in mentions if m.category != (reader.category if reader else None)
                and not (m.first > start and {t.stem for t in clause[m.first : m.last + 1]}
                         & DOCUMENT_STEMS)] + [Mention(reviewer.category, HEAD_WORD, code, code)]
    changed = []
    for mention in mentions:
        stems = {token.stem for token in clause[mention.first : mention.last + 1]}
        read_after = (mention.last < start and stems & DOCUMENT_STEMS
                      and all(t.word in STOPWORDS for t in clause[start + 1 :]))
        if stems & DOCUMENT_STEMS and (mention.last < start or start < 0) and _own(
                clause, mention):
            # "my design doc got approved", "reviewed 2 PRs, and my design got through
            # review": written, then reviewed by others
            changed.append(mention)
            continue
        if (mention.first > start or read_after) and stems & DOCUMENT_STEMS:
            if reader is not None:
                changed.append(Mention(reader.category, FULL_TERM, mention.first, mention.last))
        elif (mention.last <= start and mention.weight <= FULL_TERM
              and _reads_a_document(clause, start)):
            # "reviewed" in "reviewed two design docs" is reading, not a code review; but what
            # settles the clause stays: "my mentor went through my promo doc with me"
            continue
        else:
            changed.append(mention)
    if max(evidence_of(changed).values(), default=0) >= PROPOSE_AT:
        return changed
    # Nothing the vocabulary names, but a document or code all the same: "skimmed the guide".
    if reader is not None and document is not None:
        return [Mention(reader.category, FULL_TERM, document, document)]
    if reviewer is not None and code is not None:
        return [Mention(reviewer.category, HEAD_WORD, code, code)]
    if reader is not None and any(_starts(clause, i, verb) for verb in _READING_ALONE
                                  for i in range(len(clause))):
        return [Mention(reader.category, FULL_TERM, start, start)]
    return []


# "my design doc", "the design, mine": the speaker's own document, which others then review.
_OWNERS = frozenset(("my", "mine"))


def _own(clause: list[Token], mention: Mention) -> bool:
    """Whether the document named before the reading verb is the speaker's: "my" just before
    it, or "mine" anywhere in the clause. Others approving it does not make it read."""
    return any(token.word == "mine" and not (i > 0 and clause[i - 1].word == "not")
               for i, token in enumerate(clause)) or any(
        token.word == "my" for token in clause[max(0, mention.first - 3) : mention.first])


def _starts(clause: list[Token], i: int, stems: tuple[str, ...]) -> bool:
    return tuple(token.stem for token in clause[i : i + len(stems)]) == stems


def _first_after(clause: list[Token], start: int, stems: frozenset[str]) -> int | None:
    return next((i for i in range(start + 1, len(clause)) if clause[i].stem in stems), None)


def _reads_a_document(clause: list[Token], verb_end: int) -> bool:
    return any(token.stem in DOCUMENT_STEMS for token in clause[verb_end + 1 :])

