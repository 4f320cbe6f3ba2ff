"""What the person logged: one row per entry.

Its foreign keys name tables this module does not declare (``category``, ``chat_message``), so
that ``log`` and ``undo`` declare one table model, not a dozen (each costs milliseconds). The ORM
cannot order a flush of a row whose foreign keys it cannot resolve, so the activity store writes
this table with SQLModel's ``insert``/``delete`` statements in its session, never
``session.add``; ``tests/test_startup.py`` runs those writes in a fresh process to hold it so.
"""

from __future__ import annotations

from typing import Optional

from sqlalchemy import Index, text
from sqlmodel import Field, SQLModel


class ActivityEntry(SQLModel, table=True):
    """One logged event; a week's count for a category is the sum of its entries."""

    __tablename__ = "activity_entry"
    # An imported event is stored once (migration 0005).
    __table_args__ = (Index("ux_activity_entry_import_reference", "reference", unique=True,
                            sqlite_where=text("source = 'import'")),)
    id: Optional[int] = Field(default=None, primary_key=True)
    category_id: int = Field(foreign_key="category.id")
    week: str = Field(index=True)
    count: int
    override_score: Optional[float] = None
    reference: Optional[str] = None
    note: Optional[str] = None
    source: str = "manual"
    created_at: str
    message_id: Optional[int] = Field(default=None, foreign_key="chat_message.id")
