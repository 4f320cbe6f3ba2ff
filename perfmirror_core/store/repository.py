"""The person's database as one ``Store``, assembled from one part per aggregate.

- ``framework``: roles, profile over time, weights, targets, level expectations, the defaults;
- ``categories``: what can be logged (part of the framework, kept in its own module);
- ``activity``: entries logged, undone, imported, listed;
- ``career``: career records, as ``Store.career``;
- ``observations``: warnings shown and acknowledged, struggles, check-ins;
- ``snapshot``: the read every score starts from (``Store.scoring_data``);
- ``chat``: conversations, their messages, model calls and tool calls (``perfmirror logs``).

Every read is plain SQL on a read-only connection, every write one SQLModel session and one
transaction (``base``); nothing outside ``perfmirror_core.store`` writes SQL or holds a
connection or a session.
"""

from __future__ import annotations

from functools import cached_property

from .activity import SOURCES, ActivityStore, EntryView
from .career import CareerRecords
from .categories import CategoryStore, CategoryView
from .chat import ChatStore
from .framework import FrameworkStore
from .observations import ObservationStore
from .snapshot import ScoringStore

__all__ = ["SOURCES", "CategoryView", "EntryView", "Store"]


class Store(FrameworkStore, CategoryStore, ActivityStore, ObservationStore, ScoringStore,
            ChatStore):
    """The person's database: ``Store(home)``, ``home`` defaulting to the data directory;
    ``Store(create=False)`` refuses a missing one (only ``init`` creates it)."""

    @cached_property
    def career(self) -> CareerRecords:
        return CareerRecords(self)
