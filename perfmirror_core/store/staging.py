"""Private scratch files in the data directory, which a crash can never leave behind for good.

Anything built before it is put in place (an imported database, a freshly created one) is
written to ``.perfmirror-staging-*`` in the data directory: the same file system, so it lands
in one rename, and the same 0700 folder, so a private copy never sits anywhere else. A process
holds an exclusive ``flock`` on its staging file while it lives; a kill -9 drops the lock, and the
next perf-mirror command (or ``data wipe``) removes every staging file nobody holds.

Work that must be staged elsewhere (a backup lands in a folder the person chose, in one rename
from beside it) is recorded here all the same: a staging file ending in ``.elsewhere`` holds the
path of the staging folder outside, and removing that file removes the folder too.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .paths import ensure_private_dir

STAGING_PREFIX = ".perfmirror-staging-"
OLD_STAGING_PREFIX = ".perfmirror-import-"
"""What ``data import`` named its staging database before; still swept up."""
ELSEWHERE_SUFFIX = ".elsewhere"
ELSEWHERE_PREFIX = ".perfmirror-backup-"
"""The staging folders recorded by ``.elsewhere`` files are named so; nothing else is removed."""


@contextmanager
def staging_file(home: Path, suffix: str = ".db") -> Iterator[Path]:
    """A new 0600 staging file in ``home``, locked while the block runs, removed after it.

    A block that renames the file into place leaves nothing to remove; its SQLite journal, if
    any, shares the prefix and goes too.
    """
    ensure_private_dir(home)
    descriptor, name = tempfile.mkstemp(prefix=STAGING_PREFIX, suffix=suffix, dir=home)
    path = Path(name)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield path
    finally:
        path.unlink(missing_ok=True)
        Path(f"{path}-journal").unlink(missing_ok=True)
        os.close(descriptor)


@contextmanager
def staging_folder_beside(home: Path, destination: Path) -> Iterator[Path]:
    """A new 0700 folder beside ``destination``, recorded in ``home`` before it exists.

    The finished work moves from it to ``destination`` in one rename (the same file system);
    the folder is removed after the block. If the process dies first, the record lets the next
    command, or ``data wipe``, find and remove the private copy it left outside ``home``.
    """
    folder = destination.parent / f"{ELSEWHERE_PREFIX}{secrets.token_hex(8)}"
    with staging_file(home, ELSEWHERE_SUFFIX) as record:
        record.write_text(str(folder), encoding="utf-8")
        folder.mkdir(mode=0o700)
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def discard(path: Path) -> None:
    """Remove a staging file and, for an ``.elsewhere`` record, the folder it names."""
    if path.name.endswith(ELSEWHERE_SUFFIX):
        try:
            folder = Path(path.read_text(encoding="utf-8").strip())
        except (OSError, UnicodeDecodeError):
            folder = None
        if folder is not None and folder.is_absolute() \
                and folder.name.startswith(ELSEWHERE_PREFIX) \
                and folder.is_dir() and not folder.is_symlink():
            shutil.rmtree(folder, ignore_errors=True)
    path.unlink(missing_ok=True)


def staging_paths(home: Path) -> list[Path]:
    """Every staging file in ``home``, in use or left by a crash."""
    if not home.is_dir():
        return []
    return sorted(path for prefix in (STAGING_PREFIX, OLD_STAGING_PREFIX)
                  for path in home.glob(f"{prefix}*"))


def _abandoned(path: Path) -> bool:
    """True when no living process holds ``path`` (its journal goes with its database)."""
    owner = Path(str(path).removesuffix("-journal"))
    try:
        descriptor = os.open(owner if owner.exists() else path, os.O_RDONLY)
    except OSError:
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(descriptor)  # closing drops the probe's lock
    return True


def remove_abandoned_staging(home: Path) -> list[Path]:
    """Remove the staging files a crashed command left in ``home``; returns what went."""
    removed = []
    for path in staging_paths(home):
        if _abandoned(path):
            discard(path)
            removed.append(path)
    return removed
