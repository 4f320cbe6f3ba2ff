"""What chromadb cannot hold for the memory index, in one SQLite file beside its folder.

chromadb keeps each record's pooled vector and its metadata. Two things it has no place for live
here, written in the same transaction per record so they never disagree with each other:

- the record's content tokens as vectors, for the token-level match that reranks candidates
  (int8 with one scale per token: a quarter of float32, and rankings on the test notes are
  identical; about 10 KB a record for MiniLM);
- the record's terms with their counts (BM25 postings) and its length in terms. Each term is
  one row holding the packed postings of every record that uses it (id, count, record length,
  kind), so scoring a query word is one row read and a little numpy: about a millisecond at
  10,000 records, where a row per posting took 10-80 ms. Adding or removing a record rewrites
  the rows of its own terms; no search rebuilds anything (building BM25 in memory on the first
  search after a write took 1.15 s at 10,000 records).

Each record's row also carries the hash of what was indexed, which the index compares with
chromadb's copy and with SQLite's records to find damage by content.
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

LAYOUT = 3  # PRAGMA user_version; 1 kept a copy of the pooled vectors, 2 a row per posting
POSTING = [("id", "<i8"), ("tf", "<i4"), ("length", "<i4"), ("kind", "u1")]
"""One packed posting: the record, how often the term occurs in it, its length, its kind."""
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
    """Token vectors and BM25 postings per record; ``path`` may be ``":memory:"``.

    ``kinds`` are the kinds of record in a fixed order; a posting stores its kind's position.
    """

    k1, b = 1.2, 0.75

    def __init__(self, path: Path | str, kinds: Sequence[str]) -> None:
        self._kinds = tuple(kinds)
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
                             "kind TEXT NOT NULL, length INTEGER NOT NULL, terms TEXT NOT NULL, "
                             "tokens BLOB, scales BLOB)")
            self._db.execute("CREATE TABLE postings (term TEXT PRIMARY KEY, packed BLOB NOT NULL)")
            # A row holds its token vectors (about 10 KB): without these two small indexes,
            # counting the records and their lengths, or reading every hash, reads every row.
            self._db.execute("CREATE INDEX vectors_by_length ON vectors (length)")
            self._db.execute("CREATE INDEX vectors_by_hash ON vectors (hash)")
            self._db.execute(f"PRAGMA user_version = {LAYOUT}")

    def put(self, notes: Sequence[Note]) -> None:
        """Store ``notes``, replacing any earlier version of the same records."""
        import numpy as np

        added: dict[str, list[tuple[int, int, int, int]]] = {}
        rows = []
        for note in notes:
            counts = Counter(terms(note.text))
            length = sum(counts.values())
            for term, count in counts.items():
                added.setdefault(term, []).append(
                    (note.id, count, length, self._kinds.index(note.kind)))
            rows.append((note.id, note.digest, note.kind, length, " ".join(counts),
                         *_pack(note.tokens)))
        ids = [note.id for note in notes]
        with self._db:
            touched = self._terms_of(ids) | added.keys()
            self._db.executemany("DELETE FROM vectors WHERE id = ?", [(id_,) for id_ in ids])
            self._db.executemany("INSERT INTO vectors VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            self._rewrite(touched, ids, {term: np.array(postings, dtype=POSTING)
                                         for term, postings in added.items()})

    def delete(self, ids: Sequence[int]) -> None:
        with self._db:
            touched = self._terms_of(ids)
            self._db.executemany("DELETE FROM vectors WHERE id = ?", [(id_,) for id_ in ids])
            self._rewrite(touched, ids, {})

    def _terms_of(self, ids: Sequence[int]) -> set[str]:
        """The terms the stored versions of these records use."""
        found: set[str] = set()
        for start in range(0, len(ids), _PARAMETERS):
            chunk = list(ids[start:start + _PARAMETERS])
            for (words,) in self._db.execute(
                    f"SELECT terms FROM vectors WHERE id IN ({','.join('?' * len(chunk))})",
                    chunk):
                found.update(words.split())
        return found

    def _rewrite(self, touched: set[str], dropped: Sequence[int],
                 added: dict[str, numpy.ndarray]) -> None:
        """Each touched term's postings without the ``dropped`` records, plus the ``added``."""
        import numpy as np

        for term in sorted(touched):
            postings = self._postings(term)
            postings = postings[~np.isin(postings["id"], dropped)]
            if term in added:
                postings = np.concatenate([postings, added[term]])
            if len(postings):
                self._db.execute("INSERT OR REPLACE INTO postings VALUES (?, ?)",
                                 (term, postings.tobytes()))
            else:
                self._db.execute("DELETE FROM postings WHERE term = ?", (term,))

    def _postings(self, term: str) -> numpy.ndarray:
        import numpy as np

        row = self._db.execute("SELECT packed FROM postings WHERE term = ?", (term,)).fetchone()
        return np.frombuffer(row[0] if row else b"", dtype=POSTING)

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
        import numpy as np

        total, length_sum = self._db.execute(
            "SELECT count(*), total(length) FROM vectors").fetchone()
        mean_length = max(length_sum / total, 1.0) if total else 1.0
        wanted = [self._kinds.index(kind) for kind in kinds or ()]
        ids, weights = [], []
        for term in sorted(set(terms(query))):
            postings = self._postings(term)
            idf = math.log(1 + (total - len(postings) + 0.5) / (len(postings) + 0.5))
            if wanted:
                postings = postings[np.isin(postings["kind"], wanted)]
            tf = postings["tf"].astype(np.float64)
            norm = self.k1 * (1 - self.b + self.b * postings["length"] / mean_length)
            ids.append(postings["id"])
            weights.append(idf * tf * (self.k1 + 1) / (tf + norm))
        if not ids:
            return []
        unique, where = np.unique(np.concatenate(ids), return_inverse=True)
        scores = np.bincount(where, weights=np.concatenate(weights), minlength=len(unique))
        best = np.lexsort((unique, -scores))[:n]
        return [(int(unique[row]), float(scores[row])) for row in best if scores[row] > 0]

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
