"""Private scratch files in the data directory, which a crash can never leave behind for good.

Anything built before it is put in place (an imported database, a freshly created one) is
written to ``.perfmirror-staging-*`` in the data directory: the same file system, so it lands
in one rename, and the same 0700 folder, so a private copy never sits anywhere else. A process
holds an exclusive ``flock`` on its staging file while it lives; a kill -9 drops the lock, and the
next perf-mirror command (or ``data wipe``) removes every staging file nobody holds.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .paths import ensure_private_dir

STAGING_PREFIX = ".perfmirror-staging-"
OLD_STAGING_PREFIX = ".perfmirror-import-"
"""What ``data import`` named its staging database before; still swept up."""


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
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
