"""The memory index over career records: derived from SQLite, rebuilt from it at any time.

SQLite owns the records. ``MemoryIndex.sync(docs)`` makes the index equal to them by content
(each record's id and the hash of what was embedded, in both chromadb and the sidecar), which
also repairs a crash between a SQLite write and the index update; ``answers_for`` proves the
vector files still answer. ``coach.memory.service`` decides when to repair or rebuild.

Each record is indexed as ``document_text`` (its words plus kind, date, company and title): its
pooled vector and metadata in a chromadb collection per embedder, and in the sidecar
(``<collection>.sqlite3``, see ``sidecar.py``) what chromadb has no place for: its token vectors
and its BM25 postings, both updated with each write. Nothing is stored twice, and no search
rebuilds anything.

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
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

from coach.memory.embedding import (
    EMBEDDER_NAMES, ChromaEmbeddingFunction, Embedder, MiniLMEmbedder, start_loading_embedder)
from perfmirror_core.errors import InvalidInput
from perfmirror_core.text import STOPWORDS
from perfmirror_core.store.paths import ensure_private_dir

from .sidecar import Note, Sidecar

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
        # The embedder is built beside chromadb's import and the client's opening (see
        # ``start_loading_embedder``): together they are most of a search's start.
        ready = start_loading_embedder() if embedder is None else lambda: (embedder, None)
        import chromadb
        from chromadb.config import Settings

        self.directory = ensure_private_dir(Path(directory))
        self._settings = Settings(anonymized_telemetry=False, allow_reset=True)
        self._client = chromadb.PersistentClient(path=str(self.directory),
                                                 settings=self._settings)
        self._forget_outdated()
        self.embedder, self.notice = ready()
        self._name = f"career-{self.embedder.name}"
        self._collection = self._open_collection()
        self._sidecar = Sidecar(self.directory / f"{self._name}.sqlite3", KINDS)

    def upsert(self, docs: Sequence[MemoryDocument]) -> None:
        for doc in docs:
            if doc.kind not in KINDS:
                raise InvalidInput("kind", f"{doc.kind!r} is not a kind of record", ", ".join(KINDS))
        for start in range(0, len(docs), WRITE_BATCH):
            batch = list(docs[start:start + WRITE_BATCH])
            texts = [document_text(doc) for doc in batch]
            hashes = [content_hash(doc) for doc in batch]
            encoded = _encode(self.embedder, texts)
            # chromadb first, the sidecar second: a hash in the sidecar then vouches that
            # chromadb holds the same version (see ``sync``).
            self._collection.upsert(
                ids=[str(doc.id) for doc in batch],
                embeddings=[vectors.dense for vectors in encoded],
                metadatas=[_metadata(doc, digest) for doc, digest in zip(batch, hashes)])
            self._sidecar.put([Note(doc.id, digest, doc.kind, text, vectors.tokens)
                               for doc, digest, text, vectors
                               in zip(batch, hashes, texts, encoded)])

    def refresh(self) -> None:
        """See what other processes wrote since this one last looked.

        chromadb holds a collection's vectors in memory for the life of its client, so records
        another process indexed (a ``history add`` in a second terminal while a chat is open)
        stay invisible until the client is opened again; a ``reindex`` elsewhere even replaces
        the collection. Their writes show in the sidecar, which costs one statement to ask.
        """
        if self._sidecar.changed_elsewhere():
            self._client.close()
            forget_open_indexes()
            import chromadb

            self._client = chromadb.PersistentClient(path=str(self.directory),
                                                     settings=self._settings)
        self._collection = self._open_collection()

    def close(self) -> None:
        """Release the files (chromadb's SQLite and segments, the sidecar)."""
        self._sidecar.close()
        try:
            self._client.close()
        finally:
            forget_open_indexes()

    def answers_for(self, record_id: int) -> bool:
        """Whether a nearest-neighbour query with a record's own vector finds that record.

        Counts and metadata can be intact while the vector files behind them are gone or
        garbled; asking for one known record proves the index can still answer.
        """
        found = self._collection.get(ids=[str(record_id)], include=["embeddings"])
        if not found["ids"]:
            return False
        answer = self._collection.query(query_embeddings=[found["embeddings"][0]],
                                        n_results=min(self.count(), 10), include=[])
        return str(record_id) in answer["ids"][0]

    def delete(self, ids: Sequence[int]) -> None:
        if not ids:
            return
        self._sidecar.delete(ids)  # first, so the sidecar never vouches for a missing vector
        self._collection.delete(ids=[str(id_) for id_ in ids])

    def sync(self, docs: Sequence[MemoryDocument], thorough: bool = False) -> SyncReport:
        """Make the index equal to ``docs``: add the missing, re-embed the changed, drop the rest.

        Writes reach chromadb before the sidecar, and deletions the sidecar first, so when the
        sidecar's hashes equal the records' and chromadb holds as many, both hold exactly these
        versions: reading chromadb's metadata (about a second at 10,000 records) is skipped,
        unless ``thorough`` (a write was interrupted: its record is still journalled).
        """
        wanted = {doc.id: doc for doc in docs}
        stored = self._sidecar.hashes()
        if not thorough and len(stored) == len(wanted) == self.count() and all(
                stored.get(id_) == content_hash(doc) for id_, doc in wanted.items()):
            return SyncReport(added=0, updated=0, removed=0)
        indexed = self._indexed_hashes()
        stale = [doc for id_, doc in wanted.items()
                 if not indexed.get(id_) == stored.get(id_) == content_hash(doc)]
        ghosts = sorted((indexed.keys() | stored.keys()) - wanted.keys())
        self.delete(ghosts)
        self.upsert(stale)
        added = sum(doc.id not in indexed for doc in stale)
        return SyncReport(added=added, updated=len(stale) - added, removed=len(ghosts))

    def rebuild(self, docs: Sequence[MemoryDocument]) -> None:
        """Drop the collection and index everything again."""
        self._client.delete_collection(self._name)
        self._collection = self._open_collection()
        self._sidecar.clear()
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
        import numpy as np

        (question,) = _encode(self.embedder, [query])
        where = {"kind": {"$in": list(kinds)}} if kinds else None
        found = self._collection.query(
            query_embeddings=[question.dense], n_results=min(total, max(k, DENSE_CANDIDATES)),
            where=where, include=["distances"])
        # cosine space: distance = 1 - cosine
        cosines = {int(id_): 1.0 - float(distance)
                   for id_, distance in zip(found["ids"][0], found["distances"][0])}
        words_only = [str(id_) for id_, _score in self._sidecar.lexical(
            query, LEXICAL_CANDIDATES, kinds) if id_ not in cosines]
        if words_only:
            matched = self._collection.get(ids=words_only, include=["embeddings"])
            cosines.update((int(id_), float(np.asarray(vector) @ question.dense))
                           for id_, vector in zip(matched["ids"], matched["embeddings"]))
        tokens = self._sidecar.tokens(set(cosines))
        scored = [SearchHit(id_, _score(question, cosines[id_], tokens[id_]))
                  for id_ in cosines if id_ in tokens]
        scored.sort(key=lambda hit: (-hit.score, hit.id))
        return scored[:k]

    def count(self) -> int:
        return self._collection.count()

    def _forget_outdated(self) -> None:
        """Drop what an embedder of an earlier version indexed (``career-lexical-v1``): nothing
        reads it any more, and it would stay on disk for good."""
        current = {f"career-{name}" for name in EMBEDDER_NAMES}
        for collection in self._client.list_collections():
            if collection.name.startswith("career-") and collection.name not in current:
                self._client.delete_collection(collection.name)
                (self.directory / f"{collection.name}.sqlite3").unlink(missing_ok=True)

    def _open_collection(self) -> Any:
        return self._client.get_or_create_collection(
            self._name, embedding_function=ChromaEmbeddingFunction(self.embedder),
            configuration={"hnsw": {"space": "cosine"}})

    def _indexed_hashes(self) -> dict[int, str]:
        found = self._collection.get(include=["metadatas"])
        return {int(id_): (metadata or {}).get("hash", "")
                for id_, metadata in zip(found["ids"], found["metadatas"])}


def search_without_index(docs: Sequence[MemoryDocument], query: str, k: int = 5,
                         kinds: Sequence[str] | None = None) -> list[SearchHit]:
    """BM25 over the records themselves, for when the index cannot be opened (a read-only
    home): words must match, meaning alone does not; scores are relative to the best (1.0)."""
    sidecar = Sidecar(":memory:", KINDS)
    sidecar.put([Note(doc.id, "", doc.kind, document_text(doc), None) for doc in docs])
    found = sidecar.lexical(query, k, kinds)
    sidecar.close()
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


def _score(question: _Vectors, cosine: float, note_tokens: numpy.ndarray | None) -> float:
    """The mean of the pooled cosine and the token-level match (see the module docstring)."""
    if question.tokens is None or note_tokens is None or not len(question.tokens):
        return min(1.0, max(0.0, cosine))
    if not len(note_tokens):
        maxsim = 0.0
    else:
        maxsim = float((question.tokens @ note_tokens.T).max(axis=1).mean())
    return min(1.0, max(0.0, (cosine + maxsim) / 2))
