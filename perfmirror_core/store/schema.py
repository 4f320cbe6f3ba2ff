"""The tables, as SQLModel classes: the latest schema version, used for every write (reads are
plain SQL, see ``base``).

Tables are created by the SQL migrations, not by ``create_all``;
``tests/test_store.py::test_migrated_schema_matches_the_sqlmodel_tables`` checks the two agree
column by column. List-valued fields (synonyms, evidence) are JSON text.
"""

from __future__ import annotations

from typing import Optional, Protocol

from sqlalchemy import Index, text
from sqlmodel import Field, SQLModel


class Role(SQLModel, table=True):
    __tablename__ = "role"
    name: str = Field(primary_key=True)
    label: str = ""
    min_level: int
    max_level: int


class Profile(SQLModel, table=True):
    """The person's role and level from ``from_week`` on; the first also covers earlier weeks."""

    __tablename__ = "profile"
    id: Optional[int] = Field(default=None, primary_key=True)
    role: str
    level: int
    from_week: str
    created_at: str


class Category(SQLModel, table=True):
    __tablename__ = "category"
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str
    name_key: str = Field(unique=True)  # lower-cased name: names are unique case-insensitively
    dimension: str
    points: float
    description: str = ""
    synonyms: str = "[]"
    archived: bool = False


class CategoryTemplate(SQLModel, table=True):
    """How many of a category a role+level is expected to log per week."""

    __tablename__ = "category_template"
    id: Optional[int] = Field(default=None, primary_key=True)
    role: str
    level: int
    category_id: int = Field(foreign_key="category.id")
    expected_weekly: float


class RoleWeight(SQLModel, table=True):
    """Dimension weights for a role; a row with a level overrides the role's default row."""

    __tablename__ = "role_weight"
    id: Optional[int] = Field(default=None, primary_key=True)
    role: str
    level: Optional[int] = None
    input: float
    output: float
    outcome: float
    impact: float


class Target(SQLModel, table=True):
    """Band thresholds and period; most specific row wins (role+level, role, global)."""

    __tablename__ = "target"
    id: Optional[int] = Field(default=None, primary_key=True)
    role: Optional[str] = None
    level: Optional[int] = None
    outstanding: float
    strong: float
    meeting: float
    partially: float
    period_weeks: int


class LevelExpectation(SQLModel, table=True):
    __tablename__ = "level_expectation"
    id: Optional[int] = Field(default=None, primary_key=True)
    role: str
    level: int
    text: str
    evidence_category_ids: str = "[]"


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


class ChatSession(SQLModel, table=True):
    __tablename__ = "chat_session"
    id: Optional[int] = Field(default=None, primary_key=True)
    started_at: str
    model: str = ""


class ChatMessage(SQLModel, table=True):
    __tablename__ = "chat_message"
    id: Optional[int] = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="chat_session.id")
    role: str
    content: str = ""
    created_at: str


class ModelCall(SQLModel, table=True):
    """One call to a model in a chat turn: which model, tokens, latency, and whether it worked."""

    __tablename__ = "model_call"
    id: Optional[int] = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="chat_session.id", index=True)
    message_id: Optional[int] = Field(default=None, foreign_key="chat_message.id")
    model: str
    prompt_tokens: Optional[int] = None
    completion_tokens: Optional[int] = None
    latency_ms: float
    ok: int
    error: Optional[str] = None
    created_at: str


class ToolCall(SQLModel, table=True):
    """One tool call a model made: its arguments as sent, its result and outcome, its latency."""

    __tablename__ = "tool_call"
    id: Optional[int] = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="chat_session.id", index=True)
    model_call_id: Optional[int] = Field(default=None, foreign_key="model_call.id")
    message_id: Optional[int] = Field(default=None, foreign_key="chat_message.id")
    name: str
    arguments: str
    result: str
    ok: int
    latency_ms: float
    created_at: str = Field(index=True)


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


class _StoredRow(Protocol):
    id: Optional[int]


def stored_id(row: _StoredRow) -> int:
    """The primary key of a row that is in the database (read, or added and flushed).

    SQLModel types ``id`` as optional because a new row has none until it is flushed; every
    caller here asks after a flush or a read, so None would be a bug in the store, not input.
    """
    if row.id is None:
        raise RuntimeError(f"{type(row).__name__} has no id yet: flush the session first")
    return row.id
