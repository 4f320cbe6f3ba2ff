"""The memory index heals itself from SQLite: damage to any of its files is found by content and
repaired by the next history command, and concurrent writers take turns without error or
duplicate. Lexical embedder: fast and deterministic; the healing does not depend on it."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def lexical(monkeypatch):
    monkeypatch.setenv("PERFMIRROR_EMBEDDER", "lexical")


def _search(cli, query: str) -> list[int]:
    result = cli("history", "search", query, "--json", "--k", "10")
    assert result.code == 0, result.err
    return [hit["id"] for hit in json.loads(result.out)["results"]]


def _record_ids(home: Path) -> list[int]:
    connection = sqlite3.connect(home / "perfmirror.db")
    try:
        return [row[0] for row in connection.execute("SELECT id FROM career_record")]
    finally:
        connection.close()


def _index_file(home: Path, name: str) -> Path:
    """One of the index's files: chromadb's database, the vector store, or an HNSW segment
    file (in chromadb's folder named by a UUID)."""
    memory = home / "memory"
    if name == "vectors":
        (found,) = memory.glob("career-*.sqlite3")
    elif name == "chroma.sqlite3":
        found = memory / name
    else:
        (found,) = memory.glob(f"*/{name}")
    return found


def _truncate(path: Path) -> None:
    with open(path, "r+b") as handle:
        handle.truncate(path.stat().st_size // 3)


def _garbage(path: Path) -> None:
    path.write_bytes(os.urandom(4096))


def _delete(path: Path) -> None:
    path.unlink()


DAMAGE = {"truncate": _truncate, "garbage": _garbage, "delete": _delete}
CASES = [(name, kind) for name in ("chroma.sqlite3", "vectors") for kind in DAMAGE] + \
    [("header.bin", "garbage"), ("data_level0.bin", "truncate"), ("length.bin", "delete"),
     ("link_lists.bin", "garbage"), ("data_level0.bin", "delete")]


@pytest.mark.parametrize("name,kind", CASES, ids=[f"{n}-{k}" for n, k in CASES])
def test_the_next_history_command_repairs_a_damaged_index_file(cli, persona, name, kind):
    """Query words from record 2 ("Led the payment retries redesign: failed charges down 40%")."""
    assert _search(cli, "payment retries redesign")[0] == 2
    DAMAGE[kind](_index_file(persona, name))
    found = _search(cli, "payment retries redesign")
    assert found[0] == 2
    assert sorted(found) == sorted(_record_ids(persona)), "every record, and no ghost"
    for path in [persona / "memory", *(persona / "memory").rglob("*")]:
        assert path.stat().st_mode & 0o777 == (0o700 if path.is_dir() else 0o600), path


def test_a_record_missing_from_the_vectors_is_found_by_content_not_count(cli, persona):
    """Same count, different content: one record's stored hash no longer matches its text."""
    vectors = _index_file(persona, "vectors")
    connection = sqlite3.connect(vectors)
    with connection:
        connection.execute("UPDATE vectors SET hash = 'stale' WHERE id = 2")
    connection.close()
    assert _search(cli, "payment retries redesign")[0] == 2
    connection = sqlite3.connect(vectors)
    assert connection.execute("SELECT hash FROM vectors WHERE id = 2").fetchone()[0] != "stale"
    connection.close()


def _perfmirror(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "coach", *args], check=False, capture_output=True,
                          text=True, timeout=300)


def test_reindex_adds_and_searches_at_once_no_error_no_duplicate(cli, persona):
    """``memory reindex``, 20 ``history add`` and a ``history search``, all separate processes
    started together (6 at a time); then one search must find each record exactly once."""
    texts = [f"Concurrent milestone number {n} shipped" for n in range(20)]
    before = _record_ids(persona)
    with ThreadPoolExecutor(max_workers=6) as pool:
        commands = [("memory", "reindex"), ("history", "search", "milestone shipped"),
                    *(("history", "add", "--kind", "accomplishment", text) for text in texts),
                    ("memory", "reindex")]
        results = list(pool.map(lambda args: _perfmirror(*args), commands))
    for result in results:
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr and "Error" not in result.stderr, result.stderr
    connection = sqlite3.connect(persona / "perfmirror.db")
    stored = [row[0] for row in connection.execute(
        "SELECT text FROM career_record WHERE text LIKE 'Concurrent milestone%'")]
    connection.close()
    assert sorted(stored) == sorted(texts), "each add saved exactly once"
    final = cli("history", "search", "concurrent milestone shipped", "--json", "--k", "50")
    found = [hit["id"] for hit in json.loads(final.out)["results"]]
    assert sorted(found) == sorted(_record_ids(persona)), "all found, none twice, no ghost"
    assert len(found) == len(before) + 20


def test_an_open_memory_sees_records_other_processes_saved(persona):
    """A chat keeps its memory open for hours. A ``history add`` in another terminal, and a
    record another process saved but died before indexing (journalled, never indexed), must both
    be found by the open memory's next search. The first query shares no term with its record,
    only spelling (character trigrams), so only the vectors can find it: chromadb's copy in this
    process must be reopened to see them."""
    from coach.memory.service import CareerMemory
    from perfmirror_core.store.repository import Store

    memory = CareerMemory(Store(), persona)
    texts = lambda found: [hit.record.text for hit in found]  # noqa: E731
    added_text = "Moved the lighthouse telemetry onto a new message broker"
    query = "lighthouses telemetric brokerage"
    assert added_text not in texts(memory.search(query, k=10))

    assert _perfmirror("history", "add", "--kind", "accomplishment", added_text).returncode == 0
    assert texts(memory.search(query, k=1)) == [added_text]

    saved_text = "Quarrelled with the harbour pilots about the rota"
    saved = subprocess.run(
        [sys.executable, "-c", "from perfmirror_core.store.repository import Store\n"
         f"Store().career.add('struggle', {saved_text!r})"],
        check=False, capture_output=True, text=True, timeout=120)
    assert saved.returncode == 0, saved.stderr
    assert texts(memory.search("harbour pilots rota", k=1)) == [saved_text]
