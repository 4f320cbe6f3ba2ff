"""Nothing a crash leaves behind outlives the next command: staging files are swept, and
``data wipe`` removes them too."""

from __future__ import annotations

import fcntl
import os

from perfmirror_core.store.staging import STAGING_PREFIX, staging_file


def test_the_next_command_removes_abandoned_staging_files(cli, persona):
    left = [persona / f"{STAGING_PREFIX}abc.db", persona / f"{STAGING_PREFIX}abc.db-journal",
            persona / ".perfmirror-import-old.db"]  # the name an older version used
    for path in left:
        path.write_bytes(b"a private copy of everything")
    assert cli("status").code == 0
    assert not any(path.exists() for path in left)


def test_a_staging_file_still_in_use_is_left_alone(cli, persona):
    """Another command's import is still running: its file is locked, so it is not swept."""
    with staging_file(persona) as busy:
        busy.write_bytes(b"being built")
        assert cli("entries").code == 0
        assert busy.exists()
    assert not busy.exists()


def test_wipe_removes_staging_files(cli, persona):
    stray = persona / f"{STAGING_PREFIX}xyz.db"
    stray.write_bytes(b"copy")
    descriptor = os.open(stray, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX)  # even one that looks busy: wipe means everything
    try:
        assert cli("data", "wipe", "--yes").code == 0
    finally:
        os.close(descriptor)
    assert not stray.exists()
    assert not (persona / "perfmirror.db").exists()


def test_a_closed_pipe_is_silent(persona):
    """``perfmirror history list | head -1``: no BrokenPipeError, no traceback, no stderr.

    100 records of 4,000 characters make 400 KB, far more than a pipe buffers (64 KB), so the
    command is still writing when its reader goes away.
    """
    import sqlite3
    import subprocess
    import sys

    connection = sqlite3.connect(persona / "perfmirror.db")
    with connection:
        connection.executemany(
            "INSERT INTO career_record (kind, text, tags, private, created_at, updated_at) "
            "VALUES ('reflection', ?, '[]', 0, '2026-11-26', '2026-11-26')",
            [(f"{number} " + "long reflection " * 250,) for number in range(100)])
    connection.close()
    reader = subprocess.Popen([sys.executable, "-m", "coach", "history", "list"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.read(10)
    reader.stdout.close()  # the reader goes away, like `head` does
    error = reader.stderr.read().decode()
    assert reader.wait(timeout=60) == 0
    assert error == ""


def test_files_created_under_a_careless_umask_are_still_private(cli, persona, monkeypatch):
    """umask 000 would make chromadb's files 0666; every file under the home stays 0600."""
    monkeypatch.setenv("PERFMIRROR_EMBEDDER", "lexical")
    previous = os.umask(0)
    try:
        assert cli("history", "add", "--kind", "reflection", "Umask test").code == 0
    finally:
        os.umask(previous)
    for path in [persona, *persona.rglob("*")]:
        mode = path.stat().st_mode & 0o777
        assert mode == (0o700 if path.is_dir() else 0o600), (path, oct(mode))
