"""What can be logged, and how many of each a role and level is expected to log a week."""

from __future__ import annotations

from typing import Optional

from sqlmodel import Field, SQLModel


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
