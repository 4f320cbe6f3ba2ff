"""Where the person's data lives, created private (0700 directory, 0600 files)."""

from __future__ import annotations

import os
from pathlib import Path

HOME_VARIABLE = "PERFMIRROR_HOME"
DATABASE_NAME = "perfmirror.db"


def data_home() -> Path:
    """``$PERFMIRROR_HOME`` if set, else the platform's per-user data directory."""
    override = os.environ.get(HOME_VARIABLE)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("perfmirror", appauthor=False))


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) readable by the owner only."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path


def ensure_private_file(path: Path) -> Path:
    """Create ``path`` empty if missing; either way leave it 0600."""
    ensure_private_dir(path.parent)
    descriptor = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(descriptor)
    os.chmod(path, 0o600)
    return path


def database_path(home: Path | None = None) -> Path:
    return (home or data_home()) / DATABASE_NAME
