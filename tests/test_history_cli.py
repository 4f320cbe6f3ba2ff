"""Career memory from the CLI: SQLite first, the index in the same command, crashes repaired.

These tests use the lexical fallback embedder (fast, deterministic); retrieval quality with the
real MiniLM model is measured in test_memory_index.py.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from conftest import table_dump


@pytest.fixture(autouse=True)
def lexical(monkeypatch):
    monkeypatch.setenv("PERFMIRROR_EMBEDDER", "lexical")


@pytest.fixture
def career(cli, private_home):
    assert cli("init", "--role", "Manager", "--level", "5").code == 0
    adds = [
        ["--kind", "job", "--org", "Quillbank", "--title", "Engineering manager",
         "--start", "2019-01", "First time managing five backend engineers on payments"],
        ["--kind", "struggle", "--when", "2019-04", "--job", "1",
         "I kept taking the hardest tickets myself and the team stalled"],
        ["--kind", "accomplishment", "--when", "2021", "--org", "Finly",
         "Led the migration RFC that retired the legacy queue"],
    ]
    for extra in adds:
        result = cli("history", "add", *extra)
        assert result.code == 0, result.err
    return private_home


def search(cli, query, *extra):
    result = cli("history", "search", query, "--json", *extra)
    assert result.code == 0, result.err
    return json.loads(result.out)["results"]


def test_search_returns_full_text_as_written_best_first(cli, career):
    results = search(cli, "legacy queue migration RFC")
    assert results[0] == {"id": 3, "kind": "accomplishment", "when": "2021",
                          "text": "Led the migration RFC that retired the legacy queue",
                          "score": results[0]["score"]}
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)


def test_k_limits_results_and_kind_filters(cli, career):
    assert len(search(cli, "team", "--k", "2")) == 2
    assert {r["kind"] for r in search(cli, "team", "--kind", "struggle")} == {"struggle"}


def test_edit_updates_the_index_in_the_same_command(cli, career):
    assert cli("history", "edit", "3", "--text", "Shipped the observability platform").code == 0
    assert search(cli, "observability platform")[0]["id"] == 3


def test_remove_leaves_no_ghost(cli, career):
    assert cli("history", "remove", "3").code == 0
    assert 3 not in [r["id"] for r in search(cli, "legacy queue migration RFC")]
    assert "#3" not in cli("history", "list").out


def test_a_crash_after_the_sqlite_write_is_repaired_on_next_start(cli, career):
    """Write a record the way `history add` does, but 'crash' before the index update."""
    from perfmirror_core.store.repository import Store

    record = Store().career.add("accomplishment", "Mentored Priya into tech lead", when="2023")
    assert record.id in Store().career.pending_ids()
    assert search(cli, "Priya tech lead")[0]["id"] == record.id  # repaired on open
    assert Store().career.pending_ids() == []


def test_a_record_deleted_behind_the_index_is_dropped_on_next_start(cli, career):
    connection = sqlite3.connect(career / "perfmirror.db")
    connection.execute("DELETE FROM career_record WHERE id = 3")
    connection.commit()
    assert 3 not in [r["id"] for r in search(cli, "legacy queue migration RFC")]


def test_reindex_gives_the_same_results_as_the_incremental_index(cli, career):
    queries = ["hard tickets", "payments team", "legacy queue", "managing engineers"]
    before = [search(cli, q) for q in queries]
    assert "Reindexed 3" in cli("memory", "reindex").out
    after = [search(cli, q) for q in queries]
    assert [[r["id"] for r in rs] for rs in after] == [[r["id"] for r in rs] for rs in before]
    for old, new in zip(before, after):
        assert [r["score"] for r in new] == pytest.approx([r["score"] for r in old])


@pytest.mark.parametrize("args,field", [
    (["--kind", "hobby", "x"], "kind"),
    (["--kind", "job", "--when", "2019-13", "x"], "when"),
    (["--kind", "accomplishment", "--job", "3", "x"], "job"),
    (["--kind", "accomplishment", "   "], "text"),
])
def test_bad_records_are_refused_in_one_line_and_nothing_is_written(cli, career, args, field):
    before = table_dump(career)
    result = cli("history", "add", *args)
    assert result.code == 2 and result.err.count("\n") == 1 and field in result.err
    assert table_dump(career) == before


def test_vector_store_directory_is_private(cli, career):
    import stat

    assert stat.S_IMODE((career / "memory").stat().st_mode) == 0o700
