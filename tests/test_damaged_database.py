"""A missing, damaged or too-new database: one line, exit 2, and not a byte written anywhere."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from perfmirror_core.store.migrations import latest_version

BEFORE_INIT = [["status"], ["status", "--json"], ["log", "Code review", "2"], ["entries"],
               ["profile", "show"], ["category", "list"], ["warnings"], ["history", "list"],
               ["history", "add", "--kind", "accomplishment", "Shipped it"], ["data", "export"],
               ["export", "brag"], ["ack", "logging-stopped"], ["memory", "reindex"]]


@pytest.mark.parametrize("args", BEFORE_INIT, ids=" ".join)
def test_before_init_a_command_says_so_and_creates_nothing(cli, private_home, args):
    result = cli(*args)
    assert result.code == 2
    assert result.err.count("\n") == 1 and "perfmirror init" in result.err, result.err
    assert not private_home.exists()


@pytest.mark.parametrize("args", [["init", "--role", "IC", "--level", "9"],
                                  ["init", "--role", "Wizard", "--level", "2"],
                                  ["init", "--role", "IC", "--level", "4", "--from", "0001-W01"],
                                  ["init", "--role", "IC", "--level", "²"]], ids=" ".join)
def test_a_refused_init_creates_nothing(cli, private_home, args):
    result = cli(*args)
    assert result.code == 2 and result.err.count("\n") == 1
    assert not private_home.exists()


def _files(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*"))
            if p.is_file()}


def _zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def _not_sqlite(path: Path) -> None:
    path.write_bytes(b"this is my shopping list, not a database\n" * 10)


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[:len(data) // 3])


def _damaged_pages(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[4096:] = b"\xde\xad" * ((len(data) - 4096) // 2)
    path.write_bytes(bytes(data))


def _newer(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {latest_version() + 1}")
    connection.close()


DAMAGE = {"zero bytes": (_zero_bytes, "empty (0 bytes)"),
          "not sqlite": (_not_sqlite, "not an SQLite database"),
          "truncated": (_truncated, "damaged"),
          "damaged pages": (_damaged_pages, ""),
          "newer schema": (_newer, "newer than this perf-mirror")}
COMMANDS = [["status"], ["log", "Code review", "2"], ["entries"], ["history", "list"],
            ["history", "add", "--kind", "accomplishment", "Shipped it"], ["data", "export"],
            ["init", "--role", "IC", "--level", "5"], ["memory", "reindex"]]


@pytest.mark.parametrize("damage", DAMAGE)
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_damaged_database_is_refused_in_one_line_and_left_as_it_was(cli, persona, damage,
                                                                      args, monkeypatch):
    monkeypatch.setenv("PERFMIRROR_EMBEDDER", "lexical")
    spoil, says = DAMAGE[damage]
    spoil(persona / "perfmirror.db")
    before = _files(persona)
    result = cli(*args)
    assert result.code == 2, (result.out, result.err)
    assert result.err.count("\n") == 1 and says in result.err, result.err
    assert "nothing was changed" in result.err
    assert _files(persona) == before


def test_an_old_schema_is_still_upgraded(cli, private_home):
    """Refusing damage must not refuse the ordinary case: an older database is migrated."""
    from perfmirror_core.store.database import connect
    from perfmirror_core.store.migrations import migrate

    private_home.mkdir(mode=0o700)
    connection = connect(private_home / "perfmirror.db")
    migrate(connection, target=3)
    connection.executescript("""
        INSERT INTO role VALUES ('IC', 'Engineer', 1, 8);
        INSERT INTO profile VALUES (1, 'IC', 4, '2026-W40', '2026-10-01T00:00:00+00:00');
    """)
    connection.close()
    result = cli("status", "--json")
    assert result.code == 0, result.err
    connection = sqlite3.connect(private_home / "perfmirror.db")
    assert connection.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    connection.close()
