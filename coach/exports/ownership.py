"""Which files in the data directory are perf-mirror's, and ``perfmirror data wipe``.

The list is ``coach.privacy.DATA_FILES`` (what ``doctor`` reports) plus the database's
journal files, the importers' rules and any staging file a crash left (``store.staging``).
Wipe removes exactly these names and nothing else: a file the person put in the same folder is
theirs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from perfmirror_core.store.paths import DATABASE_NAME
from perfmirror_core.store.staging import discard, staging_paths

from ..memory.lock import LOCK_NAME as MEMORY_LOCK_NAME
from ..privacy import DATA_FILES

IMPORT_RULES_NAME = "import_rules.toml"
MEMORY_NAME = "memory"  # coach.memory.service.MEMORY_DIR, named without importing the index
JOURNAL_NAMES = tuple(DATABASE_NAME + suffix for suffix in ("-journal", "-wal", "-shm"))

OWNED_NAMES: tuple[str, ...] = tuple(dict.fromkeys(
    [DATABASE_NAME, *JOURNAL_NAMES, *(name for _label, name in DATA_FILES), IMPORT_RULES_NAME,
     MEMORY_LOCK_NAME]))


def owned_paths(home: Path) -> list[Path]:
    """perf-mirror's files and folders that exist in ``home``, staging files included."""
    return [home / name for name in OWNED_NAMES
            if (home / name).exists() or (home / name).is_symlink()] + staging_paths(home)


def wipe(home: Path) -> list[Path]:
    """Remove perf-mirror's files from ``home``; returns what was removed."""
    removed = []
    staging = set(staging_paths(home))
    for path in owned_paths(home):
        if path in staging:
            discard(path)  # with the folder outside ``home`` it may name
        elif path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
        removed.append(path)
    return removed
