"""A full disk, for real: the persona's data directory is copied onto a small tmpfs that is then
filled to its last byte, and each write command must say one line, exit 2 and leave every file
byte-identical (and leave no partial output behind).

Mounting a tmpfs needs root; elsewhere the test is skipped (it says why).
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import file_hashes

FULL = "perfmirror: error: the disk is full: nothing was changed (free some space and try again)"


def _fill(folder: Path) -> None:
    """Write to one file until not even one more byte fits."""
    descriptor = os.open(folder / "filler", os.O_CREAT | os.O_WRONLY, 0o600)
    try:
        size = 1 << 20
        while size:
            try:
                os.write(descriptor, b"\0" * size)
            except OSError as error:
                assert error.errno == errno.ENOSPC, error
                size //= 2
    finally:
        os.close(descriptor)


@pytest.fixture
def full_home(persona: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    disk = tmp_path / "small-disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m,mode=0700", "tmpfs",
                              str(disk)], check=False, capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({mounted.stderr.strip()[:80]})")
    try:
        home = disk / "home"
        shutil.copytree(persona, home)
        monkeypatch.setenv("PERFMIRROR_HOME", str(home))
        monkeypatch.setenv("PERFMIRROR_EMBEDDER", "lexical")
        _fill(disk)
        yield home
    finally:
        subprocess.run(["umount", "--lazy", str(disk)], check=False)


WRITES = [
    ["log", "code review", "2"],
    ["history", "add", "--kind", "accomplishment", "Ran the first blameless postmortem"],
    ["category", "add", "Incident reviews", "--dimension", "output", "--points", "2"],
    ["data", "export", "--out", "{home}/everything.json"],
    ["backup", "{disk}/copy.tar.gz"],
]


@pytest.mark.parametrize("args", WRITES, ids=["log", "history add", "category add", "data export",
                                            "backup"])
def test_a_full_disk_is_one_line_and_changes_nothing(full_home: Path, args: list[str]):
    before = file_hashes(full_home)
    disk_before = sorted(path.name for path in full_home.parent.iterdir())
    argv = [arg.format(home=full_home, disk=full_home.parent) for arg in args]
    result = subprocess.run([sys.executable, "-m", "coach", *argv], check=False,
                            capture_output=True, text=True, timeout=300)
    assert (result.returncode, result.stderr.strip()) == (2, FULL), result.stderr
    assert file_hashes(full_home) == before
    assert sorted(path.name for path in full_home.parent.iterdir()) == disk_before
