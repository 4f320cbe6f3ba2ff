"""Non-chat commands must not pay for litellm, chromadb or onnxruntime (seconds of import)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

HEAVY = ("litellm", "chromadb", "onnxruntime")
PROBE = """
import json, sys
from coach.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {names})), file=sys.stderr)
"""


def imported_by(args: list[str], env_home: str,
                names: tuple[str, ...] = (*HEAVY, "sqlmodel")) -> list[str]:
    """Which of the top-level packages ``names`` running ``perfmirror ARGS`` imported."""
    import os

    env = dict(os.environ, PERFMIRROR_HOME=env_home, PERFMIRROR_TODAY="2026-11-26")
    result = subprocess.run([sys.executable, "-c", PROBE.format(names=set(names)),
                             *args], capture_output=True, text=True, env=env, check=False)
    return json.loads(result.stderr.strip().splitlines()[-1])


def test_help_and_status_import_no_model_or_vector_libraries(cli, private_home):
    cli("init", "--role", "IC", "--level", "4")
    cli("log", "Code review", "2")
    for args in (["--help"], ["status"], ["status", "--json"]):
        loaded = imported_by(args, str(private_home))
        assert not [m for m in loaded if m.split(".")[0] in HEAVY], (args, loaded)


def test_status_reads_without_sqlmodel(cli, private_home):
    """SQLModel costs ~0.4 s to import; the status path uses sqlite3 alone."""
    cli("init", "--role", "IC", "--level", "4")
    assert imported_by(["status", "--json"], str(private_home)) == []


def test_reads_import_neither_sqlmodel_nor_sqlalchemy(cli, private_home):
    """Reads are plain sqlite3: ``entries``, ``category list`` and every other read stay off
    SQLModel and SQLAlchemy (~0.4 s), which only a write (``log``, ``undo``, ``ack``) loads."""
    cli("init", "--role", "IC", "--level", "4")
    cli("log", "Code review", "2")
    for args in (["entries"], ["category", "list"], ["profile", "show"], ["weights", "show"],
                 ["target", "show"], ["expectations", "list"], ["forecast"], ["warnings"],
                 ["loops"], ["due"], ["recommend"], ["insights"], ["history", "list"],
                 ["extract", "reviewed two PRs"]):
        assert imported_by(args, str(private_home), ("sqlmodel", "sqlalchemy")) == [], args
    # and the probe does see a write's import:
    assert "sqlmodel" in imported_by(["log", "Code review", "1"], str(private_home))


CHAT_PROBE = """
import json, sys
from coach.chat import io

def first_read(self, *args, **kwargs):  # the moment the prompt would appear
    import sqlite3
    from perfmirror_core.store.paths import database_path
    sessions = sqlite3.connect(database_path()).execute("SELECT count(*) FROM chat_session")
    print(json.dumps([sorted(sys.modules), sessions.fetchone()[0]]), file=sys.stderr)
    raise EOFError

io.TerminalIO.read = first_read
from coach.cli import main
main(["chat", "--model", "openai/bench", "--api-base", "http://127.0.0.1:9/v1"])
"""
NOT_BEFORE_THE_PROMPT = ("litellm", "sqlmodel", "sqlalchemy", "pydantic", "markdown_it",
                         "coach.importers", "coach.tools.activities", "perfmirror_core.extract",
                         "importlib.metadata")


def test_the_chat_prompt_waits_for_nothing_it_does_not_show(cli, private_home):
    """Issue #12 asks for the prompt within 0.5 s with a model configured. Before it: the
    store (sqlite3), the opening's warnings, prompt-toolkit and rich. After it, in the
    background or on first use: litellm, the tools (extractor, importers, pydantic) and the
    markdown renderer for answers."""

    cli("init", "--role", "IC", "--level", "4")
    env = dict(os.environ, PERFMIRROR_HOME=str(private_home), PERFMIRROR_TODAY="2026-11-26")
    result = subprocess.run([sys.executable, "-c", CHAT_PROBE], capture_output=True, text=True,
                            env=env, check=False)
    loaded, sessions_at_prompt = json.loads(result.stderr.strip().splitlines()[0])
    early = [name for name in NOT_BEFORE_THE_PROMPT if name in loaded]
    assert early == [], early
    assert "perfmirror_core.warnings" in loaded  # the opening did show the indicators
    assert sessions_at_prompt == 0  # what it said is written after the prompt, not before


def test_a_checkin_left_at_once_still_saves_its_opening(cli, private_home):
    """The check-in question, held back while the prompt comes up, is written on leaving."""
    import sqlite3

    cli("init", "--role", "IC", "--level", "4")
    env = dict(os.environ, PERFMIRROR_HOME=str(private_home), PERFMIRROR_TODAY="2026-11-26",
               PERFMIRROR_DISCOVER="0")
    subprocess.run([sys.executable, "-m", "coach", "checkin", "--model", "none"], input="",
                   capture_output=True, text=True, env=env, check=False)
    rows = sqlite3.connect(private_home / "perfmirror.db").execute(
        "SELECT role FROM chat_message ORDER BY id").fetchall()
    assert rows and rows[0] == ("assistant",)


def test_history_search_imports_no_sqlmodel(cli, private_home, monkeypatch):
    """``history search`` pays for chromadb and the model, not for SQLModel too: checking the
    index is a read, and with nothing journalled there is nothing to write."""
    monkeypatch.setenv("PERFMIRROR_EMBEDDER", "lexical")
    cli("init", "--role", "IC", "--level", "4")
    cli("history", "add", "--kind", "struggle", "I kept the hard tickets myself")
    loaded = imported_by(["history", "search", "hard tickets"], str(private_home),
                         ("sqlmodel", "sqlalchemy", "chromadb"))
    assert "chromadb" in loaded and "sqlmodel" not in loaded, loaded


TABLES_PROBE = """
import json, sys
from coach.cli import main
code = main(sys.argv[1:])
from sqlmodel import SQLModel
print(json.dumps([code, sorted(SQLModel.metadata.tables)]), file=sys.stderr)
"""


def test_activity_writes_declare_only_the_activity_table(cli, private_home):
    """Declaring a table model costs milliseconds (all sixteen: more than the rest of ``log``),
    so ``log``, ``undo`` and an import's write declare ``activity_entry`` alone, each in a fresh
    process. The ORM cannot order a flush of that table without the tables its foreign keys
    name, so this also holds the activity store to writing it with statements."""
    import sqlite3
    from pathlib import Path

    cli("init", "--role", "IC", "--level", "4")
    env = dict(os.environ, PERFMIRROR_HOME=str(private_home), PERFMIRROR_TODAY="2026-11-26",
               PERFMIRROR_DISCOVER="0")
    jira = Path(__file__).parent / "fixtures" / "import" / "jira.csv"
    database = private_home / "perfmirror.db"

    def run(*args: str) -> list:
        result = subprocess.run([sys.executable, "-c", TABLES_PROBE, *args], capture_output=True,
                                text=True, env=env, check=False)
        return json.loads(result.stderr.strip().splitlines()[-1])

    def entries() -> list[tuple]:
        return sqlite3.connect(database).execute(
            "SELECT week, count, source FROM activity_entry ORDER BY id").fetchall()

    assert run("log", "Code review", "2", "--week", "2026-W47") == [0, ["activity_entry"]]
    assert entries() == [("2026-W47", 2, "manual")]
    assert run("import", "csv", str(jira), "--since", "2026-09-01", "--assignee",
               "Ada Lovelace", "--yes") == [0, ["activity_entry"]]
    assert len(entries()) == 5 and {row[2] for row in entries()[1:]} == {"import"}
    assert run("undo") == [0, ["activity_entry"]]
    assert run("undo") == [0, ["activity_entry"]]
    assert len(entries()) == 3
