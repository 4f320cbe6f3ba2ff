"""The memory index's lexical statistics are kept by each write, never rebuilt by a read: after
any sequence of adds, replacements and deletions they must score exactly as statistics built
from scratch over the records that remain."""

from __future__ import annotations

import random

import pytest

from coach.memory.index import KINDS
from coach.memory.sidecar import Note, Sidecar


def _note(id_: int, text: str, kind: str = "accomplishment") -> Note:
    return Note(id_, f"hash-{id_}", kind, text, None)


def test_bm25_scores_by_hand():
    """Record 1 "alpha beta" (2 terms), record 2 "alpha alpha gamma delta" (4); mean length 3,
    k1 = 1.2, b = 0.75, idf = ln(1 + (N - df + 0.5) / (df + 0.5)).

    "beta": df 1, idf ln 2 = 0.6931; record 1: tf 1, norm 1.2 (0.25 + 0.75 * 2/3) = 0.9,
    score 0.6931 * 2.2 / 1.9 = 0.8026.
    "alpha": df 2, idf ln 1.2 = 0.1823; record 2: tf 2, norm 1.2 (0.25 + 0.75 * 4/3) = 1.5,
    score 0.1823 * 2 * 2.2 / 3.5 = 0.2292; record 1: 0.1823 * 2.2 / 1.9 = 0.2111.
    """
    sidecar = Sidecar(":memory:", KINDS)
    sidecar.put([_note(1, "alpha beta"), _note(2, "alpha alpha gamma delta")])
    assert sidecar.lexical("beta", 5) == [(1, pytest.approx(0.8026, abs=1e-4))]
    assert sidecar.lexical("Alpha", 5) == [(2, pytest.approx(0.2292, abs=1e-4)),
                                           (1, pytest.approx(0.2111, abs=1e-4))]
    assert sidecar.lexical("alpha", 5, kinds=["struggle"]) == []
    assert sidecar.lexical("epsilon", 5) == []


WORDS = ("shipped billing migration mentored new hires outage postmortem planning deadline "
         "feedback delegated roadmap latency costs reviews interviews promoted burnout").split()


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 9)))


@pytest.mark.parametrize("seed", range(5))
def test_incremental_statistics_equal_statistics_built_from_scratch(seed):
    rng = random.Random(seed)
    live: dict[int, Note] = {}
    kept = Sidecar(":memory:", KINDS)
    for _ in range(60):
        action = rng.random()
        if action < 0.6 or not live:  # add a record or replace one
            id_ = rng.randint(1, 25)
            live[id_] = _note(id_, _text(rng), rng.choice(KINDS))
            kept.put([live[id_]])
        else:
            gone = rng.sample(sorted(live), k=min(len(live), rng.randint(1, 3)))
            kept.delete(gone)
            for id_ in gone:
                del live[id_]
    fresh = Sidecar(":memory:", KINDS)
    fresh.put(list(live.values()))
    for query in ("billing migration", "mentored hires", "deadline feedback latency", "roadmap"):
        for kinds in (None, ["struggle"], ["job", "reflection"]):
            assert kept.lexical(query, 10, kinds) == fresh.lexical(query, 10, kinds)
    assert kept.hashes() == fresh.hashes()
