"""The store: private files, versioned schema, upgrades that keep every row."""

from __future__ import annotations

import sqlite3
import stat

import pytest
from sqlmodel import SQLModel

from perfmirror_core.store import schema  # noqa: F401  (registers the tables)
from perfmirror_core.errors import DatabaseProblem
from perfmirror_core.store.database import connect, prepare_database
from perfmirror_core.store.migrations import current_version, latest_version, migrate


def test_database_and_directory_are_private(cli, private_home):
    assert cli("init", "--role", "IC", "--level", "2").code == 0
    database = private_home / "perfmirror.db"
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE(private_home.stat().st_mode) == 0o700


def test_migrated_schema_matches_the_sqlmodel_tables(tmp_path):
    connection = connect(tmp_path / "db.sqlite")
    migrate(connection)
    for table in SQLModel.metadata.sorted_tables:
        columns = {row[1] for row in connection.execute(f"PRAGMA table_info({table.name})")}
        assert columns == {column.name for column in table.columns}, table.name
    tables = {row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {table.name for table in SQLModel.metadata.sorted_tables}


# The one table whose foreign keys point outside its own module (see tables/activity.py).
WRITTEN_BY_STATEMENTS = {"activity_entry"}


@pytest.mark.parametrize("module", ["framework", "categories", "activity", "chat", "career",
                                    "observations"])
def test_each_table_module_declares_what_its_foreign_keys_need(module):
    """A write imports only its aggregate's table module; the ORM can order that write's flush
    only if every foreign key of those tables names a table the module declares (or imports).
    Checked in a fresh interpreter, where nothing else has declared the rest."""
    import json
    import subprocess
    import sys

    probe = f"""
import json
from sqlmodel import SQLModel
import perfmirror_core.store.tables.{module}
tables = SQLModel.metadata.tables
print(json.dumps(sorted({{table.name for table in tables.values() for key in table.foreign_keys
                          if key.target_fullname.rsplit(".", 1)[0] not in tables}})))
"""
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                           check=True)
    assert set(json.loads(found.stdout)) <= WRITTEN_BY_STATEMENTS


def test_upgrade_from_v1_keeps_every_row(tmp_path, monkeypatch):
    """A v1 database with a profile, a category and an entry upgrades to the latest version
    with all three intact and the new column empty."""
    path = tmp_path / "perfmirror.db"
    connection = connect(path)
    assert migrate(connection, target=1) == 1
    connection.executescript("""
        INSERT INTO role VALUES ('IC', 'Engineer', 1, 8);
        INSERT INTO profile VALUES (1, 'IC', 4, '2026-W40', '2026-10-01T00:00:00+00:00');
        INSERT INTO category VALUES (1, 'Code review', 'code review', 'input', 5, '', '[]', 0);
        INSERT INTO activity_entry VALUES (1, 1, '2026-W41', 3, NULL, 'PR #7', 'note', 'manual',
                                           '2026-10-08T00:00:00+00:00');
    """)
    connection.close()
    monkeypatch.setenv("PERFMIRROR_HOME", str(tmp_path))
    prepare_database()
    connection = sqlite3.connect(path)
    assert current_version(connection) == latest_version() >= 2
    assert connection.execute("SELECT week, count, reference, message_id FROM activity_entry"
                              ).fetchall() == [("2026-W41", 3, "PR #7", None)]
    assert connection.execute("SELECT role, level FROM profile").fetchall() == [("IC", 4)]


def test_a_failed_migration_leaves_the_old_version(tmp_path, monkeypatch):
    from perfmirror_core.store import migrations

    connection = connect(tmp_path / "db.sqlite")
    migrate(connection, target=1)
    broken = migrations.available_migrations()[:1] + [(2, "CREATE TABLE x (a); NOT SQL")]
    monkeypatch.setattr(migrations, "available_migrations", lambda: broken)
    with pytest.raises(sqlite3.OperationalError):
        migrations.migrate(connection)
    assert current_version(connection) == 1
    assert not connection.execute("SELECT name FROM sqlite_master WHERE name = 'x'").fetchall()


def test_a_newer_database_is_refused_not_damaged(tmp_path):
    connection = connect(tmp_path / "db.sqlite")
    migrate(connection)
    connection.execute(f"PRAGMA user_version = {latest_version() + 1}")
    with pytest.raises(DatabaseProblem, match="newer"):
        migrate(connection)
