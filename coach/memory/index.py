"""The vector index over career records: derived from SQLite, rebuilt from it at any time.

SQLite owns the records. ``MemoryIndex.sync(docs)`` makes the index equal to them by content
(each record's id and the hash of what was embedded, in both chromadb and the vector store),
which also repairs a crash between a SQLite write and the index update; ``answers_for`` proves
the vector files still answer. ``coach.memory.service`` decides when to repair or rebuild. Each record is stored as
``document_text`` (its words plus kind, date, company and title) in a chromadb collection per
embedder, and beside it, in ``<collection>.sqlite3``, its vectors for reranking.

Search is measured on tests/data (reworded questions that share few words with their notes):
1. candidates: the nearest notes by MiniLM cosine (chromadb), plus the best BM25 matches, so a
   name or a rare word the embedding blurs still gets a chance;
2. rerank: the mean of that cosine and a token-level match (MaxSim, as in ColBERT: each content
   token of the question finds its most similar token of the note, averaged over the question).
   A single pooled vector loses a detail that one sentence of a note carries; the token match
   keeps it. With the lexical fallback embedder there are no token vectors and the cosine rules.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import sqlite3
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from coach.memory.embedding import (
    STOPWORDS, ChromaEmbeddingFunction, Embedder, MiniLMEmbedder, load_embedder)
from perfmirror_core.errors import InvalidInput
from perfmirror_core.store.paths import ensure_private_dir, ensure_private_file

if TYPE_CHECKING:
    import numpy

KINDS = ("job", "accomplishment", "struggle", "reflection")
DENSE_CANDIDATES = 50
LEXICAL_CANDIDATES = 20
WRITE_BATCH = 256  # below chromadb's batch limit; also bounds memory while embedding


@dataclass(frozen=True)
class MemoryDocument:
    id: int  # the SQLite record id (stable)
    kind: str  # job | accomplishment | struggle | reflection
    when: str | None  # "YYYY" or "YYYY-MM" or None
    org: str | None
    title: str | None
    text: str  # the person's words, verbatim


def document_text(doc: MemoryDocument) -> str:
    """What gets embedded: the text with its context, e.g. 'Struggle (2019, Acme, Engineering
    manager): ...'."""
    context = ", ".join(part for part in (doc.when, doc.org, doc.title) if part)
    label = doc.kind.capitalize() + (f" ({context})" if context else "")
    return f"{label}: {doc.text}"


def content_hash(doc: MemoryDocument) -> str:
    """Changes whenever what gets embedded changes, whatever the embedder."""
    return hashlib.sha256(document_text(doc).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SearchHit:
    id: int
    score: float  # higher is better, in [0, 1]


@dataclass
class SyncReport:
    added: int
    updated: int
    removed: int

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)


class MemoryIndex:
    """Career records by meaning; see the module docstring for how a search ranks them."""

    def __init__(self, directory: Path, embedder: Embedder | None = None) -> None:
        # Both libraries report usage over the network unless told not to before import.
        os.environ["ORT_DISABLE_TELEMETRY"] = "1"
        os.environ["ANONYMIZED_TELEMETRY"] = "False"
        import chromadb
        from chromadb.config import Settings

        self.notice: str | None = None
        if embedder is None:
            embedder, self.notice = load_embedder()
        self.embedder = embedder
        self.directory = ensure_private_dir(Path(directory))
        self._client = chromadb.PersistentClient(
            path=str(self.directory),
            settings=Settings(anonymized_telemetry=False, allow_reset=True))
        self._name = f"career-{embedder.name}"
        self._collection = self._open_collection()
        self._vectors = _VectorStore(self.directory / f"{self._name}.sqlite3")
        self._bm25: _BM25 | None = None

    def upsert(self, docs: Sequence[MemoryDocument]) -> None:
        for doc in docs:
            if doc.kind not in KINDS:
                raise InvalidInput("kind", f"{doc.kind!r} is not a kind of record", ", ".join(KINDS))
        self._bm25 = None
        for start in range(0, len(docs), WRITE_BATCH):
            batch = list(docs[start:start + WRITE_BATCH])
            texts = [document_text(doc) for doc in batch]
            hashes = [content_hash(doc) for doc in batch]
            encoded = _encode(self.embedder, texts)
            self._vectors.put([(doc.id, digest, vectors)
                               for doc, digest, vectors in zip(batch, hashes, encoded)])
            self._collection.upsert(
                ids=[str(doc.id) for doc in batch],
                embeddings=[vectors.dense for vectors in encoded],
                documents=texts,
                metadatas=[_metadata(doc, digest) for doc, digest in zip(batch, hashes)])

    def refresh(self) -> None:
        """Look the collection up again: another process's ``reindex`` may have replaced it."""
        self._bm25 = None
        self._collection = self._open_collection()

    def close(self) -> None:
        """Release the files (chromadb's SQLite and segments, the vector store)."""
        self._vectors.close()
        try:
            self._client.close()
        finally:
            forget_open_indexes()

    def answers_for(self, record_id: int) -> bool:
        """Whether a nearest-neighbour query with a record's own vector finds that record.

        Counts and metadata can be intact while the vector files behind them are gone or
        garbled; asking for one known record proves the index can still answer.
        """
        found = self._vectors.get({record_id})
        if record_id not in found:
            return False
        answer = self._collection.query(query_embeddings=[found[record_id].dense],
                                        n_results=min(self.count(), 10), include=[])
        return str(record_id) in answer["ids"][0]

    def delete(self, ids: Sequence[int]) -> None:
        if not ids:
            return
        self._bm25 = None
        self._collection.delete(ids=[str(id_) for id_ in ids])
        self._vectors.delete(ids)

    def sync(self, docs: Sequence[MemoryDocument]) -> SyncReport:
        """Make the index equal to ``docs``: add the missing, re-embed the changed, drop the rest."""
        wanted = {doc.id: doc for doc in docs}
        indexed = self._indexed_hashes()
        stored = self._vectors.hashes()
        stale = [doc for id_, doc in wanted.items()
                 if not indexed.get(id_) == stored.get(id_) == content_hash(doc)]
        ghosts = sorted((indexed.keys() | stored.keys()) - wanted.keys())
        self.delete(ghosts)
        self.upsert(stale)
        added = sum(doc.id not in indexed for doc in stale)
        return SyncReport(added=added, updated=len(stale) - added, removed=len(ghosts))

    def rebuild(self, docs: Sequence[MemoryDocument]) -> None:
        """Drop the collection and index everything again."""
        self._bm25 = None
        self._client.delete_collection(self._name)
        self._collection = self._open_collection()
        self._vectors.clear()
        self.upsert(docs)

    def search(self, query: str, k: int = 5,
               kinds: Sequence[str] | None = None) -> list[SearchHit]:
        """The ``k`` records closest in meaning to ``query``, best first."""
        for kind in kinds or ():
            if kind not in KINDS:
                raise InvalidInput("kinds", f"{kind!r} is not a kind of record", ", ".join(KINDS))
        total = self.count()
        if k <= 0 or not query.strip() or total == 0:
            return []
        (question,) = _encode(self.embedder, [query])
        where = {"kind": {"$in": list(kinds)}} if kinds else None
        found = self._collection.query(
            query_embeddings=[question.dense], n_results=min(total, max(k, DENSE_CANDIDATES)),
            where=where, include=[])
        candidates = {int(id_) for id_ in found["ids"][0]}
        candidates.update(self._lexical().top(query, LEXICAL_CANDIDATES, kinds))
        scored = [SearchHit(id_, _score(question, vectors))
                  for id_, vectors in self._vectors.get(candidates).items()]
        scored.sort(key=lambda hit: (-hit.score, hit.id))
        return scored[:k]

    def count(self) -> int:
        return self._collection.count()

    def _open_collection(self) -> Any:
        return self._client.get_or_create_collection(
            self._name, embedding_function=ChromaEmbeddingFunction(self.embedder),
            configuration={"hnsw": {"space": "cosine"}})

    def _indexed_hashes(self) -> dict[int, str]:
        found = self._collection.get(include=["metadatas"])
        return {int(id_): (metadata or {}).get("hash", "")
                for id_, metadata in zip(found["ids"], found["metadatas"])}

    def _lexical(self) -> _BM25:
        # Built on the first search after a write; at 10,000 records it takes about a second.
        if self._bm25 is None:
            found = self._collection.get(include=["documents", "metadatas"])
            self._bm25 = _BM25([int(id_) for id_ in found["ids"]], found["documents"],
                               [metadata["kind"] for metadata in found["metadatas"]])
        return self._bm25


def search_without_index(docs: Sequence[MemoryDocument], query: str, k: int = 5,
                         kinds: Sequence[str] | None = None) -> list[SearchHit]:
    """BM25 over the records themselves, for when the index cannot be opened (a read-only
    home): words must match, meaning alone does not; scores are relative to the best (1.0)."""
    ranker = _BM25([doc.id for doc in docs], [document_text(doc) for doc in docs],
                   [doc.kind for doc in docs])
    found = ranker.scored(query, k, kinds)
    best = max((score for _id, score in found), default=1.0) or 1.0
    return [SearchHit(id_, score / best) for id_, score in found]


def forget_open_indexes() -> None:
    """Make the next ``MemoryIndex`` open its files afresh.

    chromadb keeps one client system per folder for the life of the process; after a folder
    was found damaged and removed, that cached system still points at the old files.
    """
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


def _metadata(doc: MemoryDocument, digest: str) -> dict[str, str]:
    fields = {"kind": doc.kind, "hash": digest, "when": doc.when, "org": doc.org,
              "title": doc.title}
    return {key: value for key, value in fields.items() if value}


# --- vectors: one pooled vector per text, and its content tokens for MaxSim ---------------------

_CONTENT_TOKEN = re.compile(r"^[a-z0-9#]")  # words and word pieces; not [CLS], [PAD], punctuation


@dataclass(frozen=True)
class _Vectors:
    dense: numpy.ndarray  # unit length
    tokens: numpy.ndarray | None  # one unit row per content token; None without a token model


def _encode(embedder: Embedder, texts: Sequence[str]) -> list[_Vectors]:
    import numpy as np

    if isinstance(embedder, MiniLMEmbedder):
        return _encode_minilm(embedder, texts)
    return [_Vectors(np.asarray(vector, dtype=np.float32), None)
            for vector in embedder.embed(texts)]


def _encode_minilm(embedder: MiniLMEmbedder, texts: Sequence[str]) -> list[_Vectors]:
    """The pooled vector and the content tokens' states, from one forward pass per text."""
    results = []
    for state in embedder.encode(texts):
        keep = [position for position, token in enumerate(state.tokens)
                if _CONTENT_TOKEN.match(token) and token not in STOPWORDS]
        results.append(_Vectors(_unit(state.pooled), _unit(state.hidden[keep])))
    return results


def _unit(matrix: numpy.ndarray) -> numpy.ndarray:
    import numpy as np

    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    return (matrix / np.maximum(norms, 1e-12)).astype(np.float32)


def _score(question: _Vectors, note: _Vectors) -> float:
    cosine = float(note.dense @ question.dense)
    if question.tokens is None or note.tokens is None or not len(question.tokens):
        return min(1.0, max(0.0, cosine))
    if not len(note.tokens):
        maxsim = 0.0
    else:
        maxsim = float((question.tokens @ note.tokens.T).max(axis=1).mean())
    return min(1.0, max(0.0, (cosine + maxsim) / 2))


class _VectorStore:
    """Each record's vectors for reranking, in SQLite beside chromadb's files.

    Token vectors are int8 with one scale per token: a quarter of float32, and rankings on the
    test notes are identical. About 10 KB a record for MiniLM.
    """

    def __init__(self, path: Path) -> None:
        ensure_private_file(path)
        # The REPL may search from a worker thread; each call is one statement or transaction.
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (id INTEGER PRIMARY KEY, "
                         "hash TEXT NOT NULL, dense BLOB NOT NULL, tokens BLOB, scales BLOB)")
        self._db.commit()

    def put(self, rows: Sequence[tuple[int, str, _Vectors]]) -> None:
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?, ?)",
                                 [(id_, digest, *_pack(vectors)) for id_, digest, vectors in rows])

    def get(self, ids: set[int]) -> dict[int, _Vectors]:
        found: dict[int, _Vectors] = {}
        ordered = sorted(ids)
        for start in range(0, len(ordered), 500):  # SQLite's limit on bound parameters
            chunk = ordered[start:start + 500]
            rows = self._db.execute(
                "SELECT id, dense, tokens, scales FROM vectors WHERE id IN "
                f"({','.join('?' * len(chunk))})", chunk)
            found.update((id_, _unpack(*blobs)) for id_, *blobs in rows)
        return found

    def hashes(self) -> dict[int, str]:
        return dict(self._db.execute("SELECT id, hash FROM vectors"))

    def delete(self, ids: Sequence[int]) -> None:
        with self._db:
            self._db.executemany("DELETE FROM vectors WHERE id = ?", [(id_,) for id_ in ids])

    def clear(self) -> None:
        with self._db:
            self._db.execute("DELETE FROM vectors")

    def close(self) -> None:
        self._db.close()


def _pack(vectors: _Vectors) -> tuple[bytes, bytes | None, bytes | None]:
    import numpy as np

    dense = vectors.dense.astype(np.float32).tobytes()
    if vectors.tokens is None:
        return dense, None, None
    scales = np.maximum(np.abs(vectors.tokens).max(axis=1, initial=0.0), 1e-12) / 127
    tokens = np.round(vectors.tokens / scales[:, None]).astype(np.int8)
    return dense, tokens.tobytes(), scales.astype(np.float32).tobytes()


def _unpack(dense: bytes, tokens: bytes | None, scales: bytes | None) -> _Vectors:
    import numpy as np

    vector = np.frombuffer(dense, dtype=np.float32)
    if tokens is None or scales is None:
        return _Vectors(vector, None)
    scale = np.frombuffer(scales, dtype=np.float32)
    matrix = np.frombuffer(tokens, dtype=np.int8).reshape(len(scale), len(vector))
    return _Vectors(vector, matrix.astype(np.float32) * scale[:, None])


# --- BM25, only to propose candidates ----------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ments", "ment", "ies", "ied", "ers", "er", "ed",
             "es", "ly", "s")


def _terms(text: str) -> list[str]:
    return [_stem(word) for word in _WORD.findall(text.lower()) if word not in STOPWORDS]


def _stem(word: str) -> str:
    # Crude on purpose: it only has to let "delegating" meet "delegate" among candidates.
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[:-len(suffix)]
    return word


class _BM25:
    """Okapi BM25 over the stored document texts, held in memory as postings arrays."""

    k1, b = 1.2, 0.75

    def __init__(self, ids: list[int], documents: list[str], kinds: list[str]) -> None:
        import numpy as np

        self._ids = np.array(ids, dtype=np.int64)
        self._kinds = np.array(kinds)
        postings: dict[str, tuple[list[int], list[int]]] = {}
        lengths = []
        for row, document in enumerate(documents):
            counts = Counter(_terms(document))
            lengths.append(sum(counts.values()))
            for term, count in counts.items():
                rows, frequencies = postings.setdefault(term, ([], []))
                rows.append(row)
                frequencies.append(count)
        length = np.array(lengths, dtype=np.float32)
        norm = self.k1 * (1 - self.b + self.b * length / max(float(length.mean()), 1.0)) \
            if len(length) else length
        total = len(documents)
        self._postings = {}
        for term, (rows, frequencies) in postings.items():
            rows_ = np.array(rows, dtype=np.int64)
            tf = np.array(frequencies, dtype=np.float32)
            idf = math.log(1 + (total - len(rows) + 0.5) / (len(rows) + 0.5))
            self._postings[term] = (rows_, idf * tf * (self.k1 + 1) / (tf + norm[rows_]))

    def top(self, query: str, n: int, kinds: Sequence[str] | None = None) -> list[int]:
        return [id_ for id_, _score in self.scored(query, n, kinds)]

    def scored(self, query: str, n: int,
               kinds: Sequence[str] | None = None) -> list[tuple[int, float]]:
        """The ``n`` best (id, BM25 score) pairs with a score above 0, best first."""
        import numpy as np

        scores = np.zeros(len(self._ids), dtype=np.float32)
        for term in set(_terms(query)):
            if term in self._postings:
                rows, weights = self._postings[term]
                scores[rows] += weights
        if kinds:
            scores[~np.isin(self._kinds, list(kinds))] = 0
        matched = np.flatnonzero(scores > 0)
        best = matched[np.argsort(-scores[matched], kind="stable")[:n]]
        return list(zip(self._ids[best].tolist(), scores[best].tolist()))
