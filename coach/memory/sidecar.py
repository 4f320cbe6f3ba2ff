"""What chromadb cannot hold for the memory index, in one SQLite file beside its folder.

chromadb keeps each record's pooled vector and its metadata. Two things it has no place for live
here, written in the same transaction per record so they never disagree with each other:

- the record's content tokens as vectors, for the token-level match that reranks candidates
  (int8 with one scale per token: a quarter of float32, and rankings on the test notes are
  identical; about 10 KB a record for MiniLM);
- the record's terms with their counts (BM25 postings) and its length in terms, so lexical
  scoring is a few indexed lookups per query word. Adding or removing a record updates them; no
  search ever rebuilds them (building BM25 in memory took 1.15 s at 10,000 records).

Each row also carries the hash of what was indexed, which the index compares with chromadb's
copy and with SQLite's records to find damage by content.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from perfmirror_core.store.paths import ensure_private_file

from .lexical import terms

if TYPE_CHECKING:
    import numpy

LAYOUT = 2  # PRAGMA user_version; layout 1 kept a copy of the pooled vectors and no terms
_PARAMETERS = 500  # below SQLite's limit on bound parameters


@dataclass(frozen=True)
class Note:
    """One record as the sidecar keeps it."""

    id: int
    digest: str  # the hash of what was indexed
    kind: str
    text: str  # what was indexed, for its terms
    tokens: numpy.ndarray | None  # one unit row per content token; None without a token model


class Sidecar:
    """Token vectors and BM25 postings per record; ``path`` may be ``":memory:"``."""

    k1, b = 1.2, 0.75

    def __init__(self, path: Path | str) -> None:
        if path != ":memory:":
            ensure_private_file(Path(path))
        # The REPL may search from a worker thread; each call is one statement or transaction.
        self._db = sqlite3.connect(path, check_same_thread=False)
        if self._db.execute("PRAGMA user_version").fetchone()[0] != LAYOUT:
            self._create()
        self._seen = self._data_version()

    def _create(self) -> None:
        """Start the layout afresh; the records come back from SQLite through ``sync``."""
        with self._db:
            self._db.execute("DROP TABLE IF EXISTS vectors")
            self._db.execute("DROP TABLE IF EXISTS postings")
            self._db.execute("CREATE TABLE vectors (id INTEGER PRIMARY KEY, hash TEXT NOT NULL, "
                             "kind TEXT NOT NULL, length INTEGER NOT NULL, tokens BLOB, "
                             "scales BLOB)")
            self._db.execute("CREATE TABLE postings (term TEXT NOT NULL, id INTEGER NOT NULL, "
                             "tf INTEGER NOT NULL, PRIMARY KEY (term, id)) WITHOUT ROWID")
            self._db.execute("CREATE INDEX postings_by_id ON postings (id)")
            self._db.execute(f"PRAGMA user_version = {LAYOUT}")

    def put(self, notes: Sequence[Note]) -> None:
        with self._db:
            self._forget([note.id for note in notes])
            for note in notes:
                counts = Counter(terms(note.text))
                self._db.execute("INSERT INTO vectors VALUES (?, ?, ?, ?, ?, ?)",
                                 (note.id, note.digest, note.kind, sum(counts.values()),
                                  *_pack(note.tokens)))
                self._db.executemany("INSERT INTO postings VALUES (?, ?, ?)",
                                     [(term, note.id, count) for term, count in counts.items()])

    def delete(self, ids: Sequence[int]) -> None:
        with self._db:
            self._forget(ids)

    def _forget(self, ids: Sequence[int]) -> None:
        rows = [(id_,) for id_ in ids]
        self._db.executemany("DELETE FROM vectors WHERE id = ?", rows)
        self._db.executemany("DELETE FROM postings WHERE id = ?", rows)

    def clear(self) -> None:
        with self._db:
            self._db.execute("DELETE FROM vectors")
            self._db.execute("DELETE FROM postings")

    def hashes(self) -> dict[int, str]:
        return dict(self._db.execute("SELECT id, hash FROM vectors"))

    def tokens(self, ids: set[int]) -> dict[int, numpy.ndarray | None]:
        """Each known record's token vectors (None when indexed without a token model)."""
        found: dict[int, numpy.ndarray | None] = {}
        ordered = sorted(ids)
        for start in range(0, len(ordered), _PARAMETERS):
            chunk = ordered[start:start + _PARAMETERS]
            rows = self._db.execute(
                "SELECT id, tokens, scales FROM vectors WHERE id IN "
                f"({','.join('?' * len(chunk))})", chunk)
            found.update((id_, _unpack(tokens, scales)) for id_, tokens, scales in rows)
        return found

    def lexical(self, query: str, n: int,
                kinds: Sequence[str] | None = None) -> list[tuple[int, float]]:
        """The ``n`` best (id, Okapi BM25 score) pairs with a score above 0, best first.

        Document frequencies count every record, whatever ``kinds`` keeps, so a filter does not
        change how rare a word is.
        """
        total, length_sum = self._db.execute(
            "SELECT count(*), total(length) FROM vectors").fetchone()
        mean_length = max(length_sum / total, 1.0) if total else 1.0
        kept = f" AND v.kind IN ({','.join('?' * len(kinds))})" if kinds else ""
        scores: dict[int, float] = {}
        for term in set(terms(query)):
            (frequency,) = self._db.execute(
                "SELECT count(*) FROM postings WHERE term = ?", (term,)).fetchone()
            if not frequency:
                continue
            idf = math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))
            rows = self._db.execute(
                "SELECT p.id, p.tf, v.length FROM postings p JOIN vectors v ON v.id = p.id "
                f"WHERE p.term = ?{kept}", (term, *(kinds or ())))
            for id_, tf, length in rows:
                norm = self.k1 * (1 - self.b + self.b * length / mean_length)
                scores[id_] = scores.get(id_, 0.0) + idf * tf * (self.k1 + 1) / (tf + norm)
        best = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))
        return [(id_, score) for id_, score in best[:n] if score > 0]

    def changed_elsewhere(self) -> bool:
        """Whether another connection (another process) committed here since the last look.

        ``PRAGMA data_version`` changes only for other connections' commits, so this process's
        own writes never count; it costs one statement.
        """
        version = self._data_version()
        changed, self._seen = version != self._seen, version
        return changed

    def _data_version(self) -> int:
        return int(self._db.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        self._db.close()


def _pack(tokens: numpy.ndarray | None) -> tuple[bytes | None, bytes | None]:
    import numpy as np

    if tokens is None:
        return None, None
    scales = np.maximum(np.abs(tokens).max(axis=1, initial=0.0), 1e-12) / 127
    quantised = np.round(tokens / scales[:, None]).astype(np.int8)
    return quantised.tobytes(), scales.astype(np.float32).tobytes()


def _unpack(tokens: bytes | None, scales: bytes | None) -> numpy.ndarray | None:
    import numpy as np

    if tokens is None or scales is None:
        return None
    scale = np.frombuffer(scales, dtype=np.float32)
    if not len(scale):
        return np.zeros((0, 0), dtype=np.float32)
    matrix = np.frombuffer(tokens, dtype=np.int8).reshape(len(scale), -1)
    return matrix.astype(np.float32) * scale[:, None]
