"""The person's data in their own hands: backup, data export/import, wipe."""

from __future__ import annotations

import io
import json
import sqlite3
import stat
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import pytest

from conftest import PRIVATE_STRUGGLE, table_dump

from perfmirror_core.store.migrations import latest_version


def answer(monkeypatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def counts(database: Path) -> dict[str, int]:
    connection = sqlite3.connect(database)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA user_version").fetchone()[0] == latest_version()
        return {table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
                for (table,) in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        connection.close()


# -- data export / import ----------------------------------------------------------------------

def test_export_names_its_format_and_schema_version(cli, persona):
    payload = json.loads(cli("data", "export", "--json").out)
    assert payload["format"] == "perfmirror-data" and payload["format_version"] == 1
    assert payload["schema_version"] == latest_version()
    entries = payload["tables"]["activity_entry"]
    assert entries["columns"][:3] == ["id", "category_id", "week"]
    assert len(entries["rows"]) == 42


def test_export_then_import_into_a_fresh_home_then_export_is_identical(cli, persona, tmp_path,
                                                                       monkeypatch):
    first = tmp_path / "first.json"
    assert cli("data", "export", "--json", "--out", str(first)).code == 0
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    fresh = tmp_path / "fresh"
    monkeypatch.setenv("PERFMIRROR_HOME", str(fresh))
    result = cli("data", "import", str(first))
    assert result.code == 0, result.err
    assert cli("data", "export", "--json").out == first.read_text(encoding="utf-8")
    assert table_dump(fresh) == table_dump(persona)


def test_imported_data_works_and_its_memory_index_is_rebuilt(cli, persona, tmp_path,
                                                             monkeypatch):
    export = tmp_path / "all.json"
    cli("data", "export", "--out", str(export))
    monkeypatch.setenv("PERFMIRROR_HOME", str(tmp_path / "fresh"))
    monkeypatch.setenv("PERFMIRROR_EMBEDDER", "lexical")
    assert cli("data", "import", str(export)).code == 0
    assert json.loads(cli("status", "--json").out)["entries"] == 42
    found = json.loads(cli("history", "search", "payment retries", "--json").out)["results"]
    assert found and found[0]["id"] == 2


def test_import_into_a_home_with_data_needs_replace(cli, persona, tmp_path):
    export = tmp_path / "all.json"
    cli("data", "export", "--out", str(export))
    before = table_dump(persona)
    result = cli("data", "import", str(export))
    assert result.code == 2 and "--replace" in result.err and result.err.count("\n") == 1
    assert table_dump(persona) == before


def test_replace_asks_first_and_no_keeps_everything(cli, persona, tmp_path, monkeypatch):
    export = tmp_path / "all.json"
    cli("data", "export", "--out", str(export))
    cli("log", "Code review", "3")
    before = table_dump(persona)
    answer(monkeypatch, "n\n")
    result = cli("data", "import", str(export), "--replace")
    assert result.code == 1 and "Nothing changed." in result.out
    assert table_dump(persona) == before


def test_replace_swaps_in_the_file_and_drops_the_stale_index(cli, persona, tmp_path,
                                                             monkeypatch):
    export = tmp_path / "all.json"
    cli("data", "export", "--out", str(export))
    expected = table_dump(persona)
    cli("log", "Code review", "3")
    assert (persona / "memory").is_dir()
    answer(monkeypatch, "yes\n")
    assert cli("data", "import", str(export), "--replace").code == 0
    assert table_dump(persona) == expected
    assert not (persona / "memory").exists()


def _valid_export(cli, tmp_path) -> dict:
    return json.loads(cli("data", "export").out)


@pytest.mark.parametrize("spoil, complaint", [
    (lambda p: "not json {", "not JSON"),
    (lambda p: json.dumps({**p, "format": "something-else"}), "not a perf-mirror data export"),
    (lambda p: json.dumps({**p, "format_version": 2}), "format version 2"),
    (lambda p: json.dumps({**p, "schema_version": 999}), "upgrade perf-mirror"),
    (lambda p: json.dumps({**p, "tables": {k: v for k, v in p["tables"].items()
                                           if k != "category"}}), "missing tables"),
    (lambda p: json.dumps({**p, "tables": {**p["tables"], "activity_entry": {
        "columns": p["tables"]["activity_entry"]["columns"], "rows": [[1, 2]]}}}),
     "does not have"),
    (lambda p: json.dumps({**p, "tables": {**p["tables"], "activity_entry": {
        "columns": p["tables"]["activity_entry"]["columns"],
        "rows": [[999, 4242, *p["tables"]["activity_entry"]["rows"][0][2:]]]}}}),
     "refers to a missing category"),
])
def test_a_bad_file_is_one_line_and_writes_nothing(cli, persona, tmp_path, monkeypatch, spoil,
                                                   complaint):
    bad = tmp_path / "bad.json"
    bad.write_text(spoil(_valid_export(cli, tmp_path)), encoding="utf-8")
    fresh = tmp_path / "fresh"
    monkeypatch.setenv("PERFMIRROR_HOME", str(fresh))
    result = cli("data", "import", str(bad))
    assert result.code == 2
    assert complaint in result.err and result.err.count("\n") == 1
    assert not fresh.exists() or list(fresh.iterdir()) == []


# -- backup ------------------------------------------------------------------------------------

def test_backup_to_a_folder_is_a_data_directory(cli, persona, tmp_path):
    (persona / "config.toml").write_text('model = "none"\n', encoding="utf-8")
    target = tmp_path / "copy"
    result = cli("backup", str(target))
    assert result.code == 0, result.err
    manifest = json.loads((target / "backup.json").read_text(encoding="utf-8"))
    assert manifest["format"] == "perfmirror-backup" and manifest["format_version"] == 1
    assert manifest["schema_version"] == latest_version()
    assert {"perfmirror.db", "config.toml"} <= set(manifest["files"])
    assert any(name.startswith("memory/") for name in manifest["files"])
    assert table_dump(target) == table_dump(persona)
    assert stat.S_IMODE(target.stat().st_mode) == 0o700
    assert stat.S_IMODE((target / "perfmirror.db").stat().st_mode) == 0o600


def test_backup_to_a_tar_gz_holds_one_folder(cli, persona, tmp_path):
    archive = tmp_path / "perfmirror.tar.gz"
    assert cli("backup", str(archive)).code == 0
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        tar.extractall(tmp_path / "out", filter="data")
    assert {name.split("/")[0] for name in names} == {"perfmirror-backup"}
    assert table_dump(tmp_path / "out" / "perfmirror-backup") == table_dump(persona)


def test_backup_never_overwrites(cli, persona, tmp_path):
    target = tmp_path / "exists.tar.gz"
    target.write_text("mine", encoding="utf-8")
    result = cli("backup", str(target))
    assert result.code == 2 and "already exists" in result.err
    assert target.read_text(encoding="utf-8") == "mine"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".perfmirror")] == []


WRITER = """
import itertools, sys
from pathlib import Path
from perfmirror_core.store.repository import Store
from perfmirror_core.weeks import parse_week

store, week = Store(Path(sys.argv[1])), parse_week("2026-W48")
started, stop = Path(sys.argv[2]), Path(sys.argv[3])
for n in itertools.count():
    if stop.exists():
        break
    store.log_activity("Code review", 1, week, week, reference=f"PR #{n}")
    started.touch()
"""


def test_a_backup_taken_while_another_process_writes_is_consistent(cli, persona, tmp_path):
    started, stop = tmp_path / "started", tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(persona), str(started),
                               str(stop)], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not started.exists():
            assert writer.poll() is None, writer.stderr.read()
            assert time.monotonic() < deadline, "the writer never wrote"
            time.sleep(0.05)
        copies = []
        for number in range(4):
            target = tmp_path / (f"b{number}.tar.gz" if number % 2 else f"b{number}")
            result = cli("backup", str(target))
            assert result.code == 0, result.err
            copies.append(target)
    finally:
        stop.touch()
        writer.wait(timeout=60)
    assert writer.returncode == 0, writer.stderr.read()
    final = counts(persona / "perfmirror.db")["activity_entry"]
    seen = []
    for copy in copies:
        if copy.name.endswith(".tar.gz"):
            with tarfile.open(copy) as tar:
                tar.extractall(tmp_path / "x" / copy.name, filter="data")
            copy = tmp_path / "x" / copy.name / "perfmirror-backup"
        rows = counts(copy / "perfmirror.db")
        connection = sqlite3.connect(copy / "perfmirror.db")
        highest = connection.execute("SELECT MAX(id) FROM activity_entry").fetchone()[0]
        connection.close()
        assert 42 < rows["activity_entry"] <= final
        assert highest == rows["activity_entry"]  # a snapshot: every earlier commit, no later
        seen.append(rows["activity_entry"])
    assert seen == sorted(seen) and final > 43


# -- wipe --------------------------------------------------------------------------------------

OWNED = ["perfmirror.db", "perfmirror.db-journal", "memory", "chat_history", "config.toml",
         "consents.json", "import_rules.toml"]


@pytest.fixture
def full_home(persona) -> Path:
    for name in OWNED[1:]:
        if not (persona / name).exists():
            (persona / name).write_text("x", encoding="utf-8")
    (persona / "my-notes.txt").write_text("not perf-mirror's", encoding="utf-8")
    (persona / "demo").mkdir()
    return persona


def test_wipe_asks_and_no_removes_nothing(cli, full_home, monkeypatch):
    answer(monkeypatch, "n\n")
    result = cli("data", "wipe")
    assert result.code == 1 and "Nothing removed." in result.out
    assert all((full_home / name).exists() for name in OWNED)


def test_wipe_removes_every_file_it_owns_and_nothing_else(cli, full_home, monkeypatch):
    answer(monkeypatch, "y\n")
    result = cli("data", "wipe")
    assert result.code == 0
    for name in OWNED:
        assert not (full_home / name).exists()
        assert f"Removed {full_home / name}" in result.out
    assert sorted(p.name for p in full_home.iterdir()) == ["demo", "my-notes.txt"]


def test_wipe_with_yes_does_not_ask_and_a_second_wipe_finds_nothing(cli, full_home):
    assert cli("data", "wipe", "--yes").code == 0
    result = cli("data", "wipe", "--yes")
    assert result.code == 0 and result.out.startswith("Nothing to remove")


def test_after_a_wipe_the_private_struggle_is_gone_from_disk(cli, full_home):
    cli("data", "wipe", "--yes")
    for path in full_home.rglob("*"):
        if path.is_file():
            assert PRIVATE_STRUGGLE.encode() not in path.read_bytes()
