"""Career records, and the ones the memory index has yet to catch up with."""

from __future__ import annotations

from typing import Optional

from sqlmodel import Field, SQLModel


class CareerRecord(SQLModel, table=True):
    """A job, accomplishment, struggle or reflection, in the person's own words."""

    __tablename__ = "career_record"
    id: Optional[int] = Field(default=None, primary_key=True)
    kind: str = Field(index=True)
    text: str
    when_text: Optional[str] = None  # YYYY or YYYY-MM
    org: Optional[str] = None
    title: Optional[str] = None
    role: Optional[str] = None
    level: Optional[int] = None
    start_text: Optional[str] = None
    end_text: Optional[str] = None
    job_id: Optional[int] = Field(default=None, foreign_key="career_record.id")
    tags: str = "[]"
    noticed: Optional[str] = None
    resolved: Optional[str] = None
    resolution: Optional[str] = None
    private: bool = False
    created_at: str
    updated_at: str


class MemoryPending(SQLModel, table=True):
    """Records whose vector-index entry is not yet in step with SQLite."""

    __tablename__ = "memory_pending"
    record_id: int = Field(primary_key=True)
