"""Work named only as the purpose of what the speaker did: "kicked off a working group with
support to fix the refund flow", "brought three teams together to fix the onboarding",
"proposed a task force to fix the flaky deploys".

After a verb that starts, gathers or proposes something, "to" and a bare verb say what that
thing is for: the group or the proposal is the work done, the fix is its aim (done or not).
A change opened or sent to do it (a PR, a patch) is the fix itself. After other verbs the
infinitive is work done ("managed to fix two bugs", "used the course to fix a lag bug"), so
only ``colloquial.toml``'s ``[purposes]`` verbs turn it.
"""

from __future__ import annotations

from collections.abc import Sequence

from .colloquial import TABLE
from .lexicon import Mention
from .words import DETERMINERS, Token, past_form, stems_of

_WORDS = TABLE["purposes"]["starting"]
_STARTING = frozenset(stems[0] for word in _WORDS if len(stems := stems_of(word)) == 1)
_CHANGES = frozenset(stem for word in TABLE["purposes"]["changes"] for stem in stems_of(word))


def without_purposes(mentions: list[Mention], clause: list[Token],
                     before: Sequence[Token] = ()) -> list[Mention]:
    """The clause's mentions less those named as the aim of a verb of starting before them
    (in the clause, or in the sentence's clauses ``before`` it: "brought support, sales and
    product together to fix ..." is split at its "and")."""
    return [m for m in mentions if not _aim(m, clause, before)]


def _aim(mention: Mention, clause: list[Token], before: Sequence[Token]) -> bool:
    first = mention.first
    if first < 1 or clause[first - 1].word != "to" or clause[first].inflected:
        return False
    # the nearest verb before "to" is the one the infinitive says the aim of ("a working
    # group" names no verb)
    words = [*before, *clause[: first - 1]]
    at = next((i for i in range(len(words) - 1, -1, -1)
               if past_form(words[i]) or (words[i].inflected and not (
                   i > 0 and words[i - 1].word in DETERMINERS))), None)
    if at is None or words[at].stem not in _STARTING:
        return False
    # a change opened or sent to do it is the work itself: "opened a PR to fix the timeout
    # bug" is the fix, as "kicked off a working group to fix X" is not
    return not any(token.stem in _CHANGES for token in words[at + 1 :])
