"""Warnings the person acknowledged, and the ones that held when they were shown them."""

from __future__ import annotations

from typing import Optional

from sqlmodel import Field, SQLModel


class WarningAck(SQLModel, table=True):
    """The person saw an early warning and said so (``perfmirror ack`` or in chat)."""

    __tablename__ = "warning_ack"
    id: Optional[int] = Field(default=None, primary_key=True)
    code: str = Field(index=True)
    week: str  # YYYY-Www the acknowledgement counts for
    note: Optional[str] = None
    created_at: str


class WarningObservation(SQLModel, table=True):
    """The warning codes that held when the person was shown them (append-only: migration 0006)."""

    __tablename__ = "warning_observation"
    id: Optional[int] = Field(default=None, primary_key=True)
    week: str = Field(index=True)  # YYYY-Www the person looked in
    codes: str  # the codes that held, comma-separated; '' when none did
    observed_at: str
