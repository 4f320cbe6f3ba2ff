"""The framework's tables: the roles, the person's profile over time, dimension weights, band
targets and level expectations."""

from __future__ import annotations

from typing import Optional

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
