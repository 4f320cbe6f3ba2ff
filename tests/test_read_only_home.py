"""Reads never need write access: on a data directory the person may only read (a mounted
backup, a locked-down copy), status, entries, exports and search still work, and a write is one
line that changes nothing.

Root may write anywhere, so the commands run as the unprivileged user ``nobody`` (via
``setpriv``); the test is skipped where that is not possible.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import TODAY, file_hashes

SETPRIV = shutil.which("setpriv")
NOBODY = 65534


@pytest.fixture
def read_only_home(persona):
    if os.geteuid() != 0 or SETPRIV is None:
        pytest.skip("needs root to run a command as another user")
    folder = Path(tempfile.mkdtemp(dir="/tmp", prefix="perfmirror-ro-"))
    folder.chmod(0o755)
    home = folder / "home"
    shutil.copytree(persona, home)
    for path in [home, *home.rglob("*")]:
        os.chown(path, NOBODY, NOBODY)
        path.chmod(0o500 if path.is_dir() else 0o400)
    yield home
    shutil.rmtree(folder)


def _as_nobody(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PERFMIRROR_HOME": str(home), "PERFMIRROR_TODAY": TODAY,
                   "PERFMIRROR_EMBEDDER": "lexical", "HOME": str(home.parent)}
    return subprocess.run([SETPRIV, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                           sys.executable, "-m", "coach", *args], check=False, capture_output=True,
                          text=True, timeout=300, env=environment)


# Every command that only reads, each with something its answer must contain.
READS = [
    (["status"], "Meeting"), (["entries"], "Code review"), (["export", "brag"], "Brag"),
    (["export", "packet"], "Packet"), (["data", "export"], "perfmirror-data"),
    (["history", "list"], "Quillbank"),
    (["history", "search", "payment retries redesign"], "payment retries redesign"),
    (["warnings", "--json"], "["), (["profile", "show"], "IC"),
    (["category", "list"], "Code review"), (["weights", "show"], "IC"),
    (["target", "show"], "weeks"), (["expectations", "list"], "IC L"),
    (["extract", "reviewed three PRs"], "Code review"), (["forecast"], "Period"),
    (["loops"], "TTA"), (["recommend", "--json"], "recommendations"),
    (["insights", "--json"], "insights"),
    (["due"], "check-in")]


@pytest.mark.parametrize("args,shows", READS, ids=[" ".join(args) for args, _ in READS])
def test_a_read_only_home_still_answers_reads(read_only_home, args, shows):
    before = file_hashes(read_only_home)
    result = _as_nobody(read_only_home, *args)
    assert result.returncode == 0, result.stderr
    assert shows.lower() in result.stdout.lower()
    assert file_hashes(read_only_home) == before


@pytest.mark.parametrize("args", [["log", "Code review", "2"],
                                  ["history", "add", "--kind", "reflection", "New thought"]])
def test_a_write_to_a_read_only_home_is_one_line(read_only_home, args):
    before = file_hashes(read_only_home)
    result = _as_nobody(read_only_home, *args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "read-only" in result.stderr, result.stderr
    assert file_hashes(read_only_home) == before
