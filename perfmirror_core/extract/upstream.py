"""A change sent to someone else's project: an open-source contribution, whatever it fixed.

"got a patch merged into PyTorch", "opened a PR against the prometheus client lib", "fixed a
bug in the adapter and the maintainers merged it": the project is named by where the change
went (into or against a project that is not one of the team's branches) or by who took it
(its maintainers). What the change did (a fix, a docs typo) is part of the contribution, not
a bug fix or documentation of the team's own.
"""

from __future__ import annotations

from collections.abc import Sequence

from .phrases import SETTLES, PhraseMatch, Word, stems

OPEN_SOURCE = "open source"  # the vocabulary's wording of an open-source contribution

_CHANGES = stems("pr patch fix contribution commit change diff")
_INTO = frozenset(("into", "against"))
_REACH = 4  # "got my PR into apache airflow", "2 PRs merged into cert-manager"
# Where a change goes inside the team's own code: not a project of someone else's.
_OWN_TARGETS = frozenset("main master develop dev development trunk release staging prod "
                         "production our my a an it them head".split())
_SKIPPED = frozenset(("the",))
_MAINTAINERS = stems("maintainer")


def sent_upstream(
    clause: Sequence[Word], sentence: frozenset[str] = frozenset()
) -> list[PhraseMatch]:
    """The change word of a clause that sends it to another project, as the open-source
    term; it settles what the clause is about. The maintainers may be named anywhere in the
    ``sentence`` (its stems): "fixed a bug in the adapter and the maintainers merged it"."""
    change = next((i for i, token in enumerate(clause) if token.stem in _CHANGES), None)
    if change is None:
        return []
    words = [token.word for token in clause]
    if _MAINTAINERS & (sentence | {token.stem for token in clause}) or any(
            words[i : i + 2] == ["open", "source"] for i in range(change + 1, len(words))):
        # "a bug fix upstream to ArgoCD" ("upstream" reads "open source")
        return [PhraseMatch(OPEN_SOURCE, SETTLES, change, change)]
    for j in range(change + 1, min(change + 1 + _REACH, len(clause) - 1)):
        if clause[j].word in _INTO:
            target = j + 1
            while target < len(clause) - 1 and clause[target].word in _SKIPPED:
                target += 1
            if clause[target].word not in _OWN_TARGETS and clause[target].stem not in _CHANGES:
                return [PhraseMatch(OPEN_SOURCE, SETTLES, change, change)]
            return []
    return []
