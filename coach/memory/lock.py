"""One writer at a time on the memory index, across processes.

chromadb's files are not safe for two processes writing at once: a ``memory reindex`` dropping
the collection while a ``history add`` writes to it made the add fail with ``NotFoundError``.
Every index operation holds an exclusive ``flock`` on ``memory.lock`` beside the index folder
(not inside it: a rebuild may delete the folder, and a lock file must outlive what it guards).
The kernel drops the lock when a process dies, so a kill -9 never leaves the index locked.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType
from typing import Self

from perfmirror_core.store.paths import ensure_private_dir

LOCK_NAME = "memory.lock"


class IndexLock:
    """Re-entrant within one process (an operation may call another), exclusive across them."""

    def __init__(self, home: Path) -> None:
        self.path = home / LOCK_NAME
        self._descriptor: int | None = None
        self._depth = 0

    def __enter__(self) -> Self:
        if self._depth == 0:
            ensure_private_dir(self.path.parent)
            descriptor = os.open(self.path, os.O_CREAT | os.O_RDWR, 0o600)
            fcntl.flock(descriptor, fcntl.LOCK_EX)  # waits for the other writer to finish
            self._descriptor = descriptor
        self._depth += 1
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._depth -= 1
        if self._depth == 0 and self._descriptor is not None:
            os.close(self._descriptor)  # closing releases the lock
            self._descriptor = None
