"""The person's database as one ``Store``, assembled from one part per aggregate.

- ``framework``: roles, profile over time, weights, targets, level expectations, the defaults;
- ``categories``: what can be logged (part of the framework, kept in its own module);
- ``activity``: entries logged, undone, imported, listed;
- ``career``: career records, as ``Store.career``;
- ``observations``: warnings shown and acknowledged, struggles, check-ins;
- ``snapshot``: the read every score starts from (``Store.scoring_data``);
- chat transcripts, below, until they move to their own module.

Every read opens the file read-only, every write is one transaction (``base``); nothing outside
``perfmirror_core.store`` writes SQL or holds a connection.
"""

from __future__ import annotations

from functools import cached_property

from .activity import SOURCES, ActivityStore, EntryView
from .base import inserted_id
from .career import CareerRecords
from .categories import CategoryStore, CategoryView
from .database import utc_timestamp
from .framework import FrameworkStore
from .observations import ObservationStore
from .snapshot import ScoringStore

__all__ = ["SOURCES", "CategoryView", "EntryView", "Store"]


class Store(FrameworkStore, CategoryStore, ActivityStore, ObservationStore, ScoringStore):
    """The person's database: ``Store(home)``, ``home`` defaulting to the data directory;
    ``Store(create=False)`` refuses a missing one (only ``init`` creates it)."""

    @cached_property
    def career(self) -> CareerRecords:
        return CareerRecords(self)

    # -- chat transcripts -------------------------------------------------------------------

    def start_chat_session(self, model: str) -> int:
        with self._write() as connection:
            return inserted_id(connection.execute(
                "INSERT INTO chat_session (started_at, model) VALUES (?, ?)",
                (utc_timestamp(), model)))

    def record_chat_message(self, session_id: int, role: str, content: str) -> int:
        with self._write() as connection:
            return inserted_id(connection.execute(
                "INSERT INTO chat_message (session_id, role, content, created_at) "
                "VALUES (?, ?, ?, ?)", (session_id, role, content, utc_timestamp())))

    def chat_messages(self, session_id: int) -> list[tuple[str, str]]:
        """(role, content) of one conversation, oldest first."""
        with self._read() as connection:
            return [(row["role"], row["content"]) for row in connection.execute(
                "SELECT role, content FROM chat_message WHERE session_id = ? ORDER BY id",
                (session_id,))]
