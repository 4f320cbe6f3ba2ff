"""The categories of the framework aggregate: what a person can log, its dimension and points,
its synonyms, and how many a week each level expects.

A name or synonym belongs to one category only, case-insensitively, so a lookup is never
ambiguous. A category with entries is archived, never deleted: its history keeps counting.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from .. import validation
from ..errors import InvalidInput
from .base import StoreBase, replace_row

if TYPE_CHECKING:
    from sqlmodel import Session

    from ..extract import CategoryVocabulary
    from .tables.categories import Category


@dataclass(frozen=True)
class CategoryView:
    """A category as the person sees it, with its expectation at a given role and level."""

    id: int
    name: str
    dimension: str
    points: float
    description: str
    synonyms: tuple[str, ...]
    expected_weekly: float | None
    archived: bool


class _Stored(Protocol):
    """A category row as read (``CategoryRow``) or as the ORM holds it (``tables.categories.Category``)."""

    @property
    def id(self) -> int | None: ...
    @property
    def name(self) -> str: ...
    @property
    def name_key(self) -> str: ...
    @property
    def dimension(self) -> str: ...
    @property
    def points(self) -> float: ...
    @property
    def description(self) -> str: ...
    @property
    def synonyms(self) -> str: ...  # JSON list
    @property
    def archived(self) -> bool: ...


Stored = TypeVar("Stored", bound=_Stored)


@dataclass(frozen=True)
class CategoryRow:
    """A category as stored, read with plain SQL."""

    id: int
    name: str
    name_key: str
    dimension: str
    points: float
    description: str
    synonyms: str
    archived: bool


def _synonyms(category: _Stored) -> list[str]:
    synonyms: list[str] = json.loads(category.synonyms)
    return synonyms


def match_category(categories: Sequence[Stored], name: str,
                   include_archived: bool = False) -> Stored:
    """The category ``name`` names, case-insensitively; names win over synonyms.
    ``InvalidInput`` suggesting the closest names when none matches."""
    wanted = str(name).strip().lower()
    usable = [c for c in categories if include_archived or not c.archived]
    for category in usable:
        if category.name_key == wanted:
            return category
    for category in usable:
        if wanted in (s.lower() for s in _synonyms(category)):
            return category
    vocabulary = [c.name for c in usable] + [s for c in usable for s in _synonyms(c)]
    raise validation.unknown_category(str(name), vocabulary)


def category_in(session: Session, name: str, include_archived: bool = False) -> Category:
    """``match_category`` inside a write: the ORM row, to change or to point an entry at."""
    from sqlmodel import col, select

    from .tables.categories import Category

    return match_category(list(session.exec(select(Category).order_by(col(Category.id)))),
                          name, include_archived)


def _view(category: _Stored, expected: float | None) -> CategoryView:
    if category.id is None:
        raise RuntimeError("a category is viewed after it is stored")
    return CategoryView(category.id, category.name, category.dimension, category.points,
                        category.description, tuple(_synonyms(category)), expected,
                        bool(category.archived))


def read_categories(connection: sqlite3.Connection, order: str = "id") -> list[CategoryRow]:
    """Every category row, on a read connection or inside a write (``base.sqlite_of``): rows
    are unpacked by position, so plain tuples serve as well as ``sqlite3.Row``."""
    rows = []
    for identity, name, key, dimension, points, description, synonyms, archived in \
            connection.execute("SELECT id, name, name_key, dimension, points, description, "
                               f"synonyms, archived FROM category ORDER BY {order}"):
        rows.append(CategoryRow(identity, name, key, dimension, points, description, synonyms,
                         bool(archived)))
    return rows


def _expected_weekly(connection: sqlite3.Connection, role: str | None, level: int | None
                     ) -> dict[int, float]:
    """Category id -> expected weekly count at ``role``/``level`` (none without both)."""
    if role is None or level is None:
        return {}
    expected: dict[int, float] = {}
    for row in connection.execute("SELECT category_id, expected_weekly FROM category_template "
                                  "WHERE role = ? AND level = ? ORDER BY id", (role, level)):
        expected.setdefault(row["category_id"], row["expected_weekly"])
    return expected


def _check_unique_words(session: Session, words: Sequence[str],
                        ignore_id: int | None = None) -> None:
    """A name or synonym may belong to one category only, or lookups become ambiguous."""
    from sqlmodel import select

    from .tables.categories import Category

    for category in session.exec(select(Category)):
        if category.id == ignore_id:
            continue
        taken = {category.name_key, *(s.lower() for s in _synonyms(category))}
        for word in words:
            if word.lower() in taken:
                raise InvalidInput("name", f"{word!r} is already used by category "
                                   f"{category.name!r}", "a name or synonym not yet used")


def _set_expected(session: Session, category: Category, expected: object | None,
                  role: str | None, level: int | None) -> float | None:
    """Set the category's weekly expectation at ``role``/``level`` (when ``expected`` is given);
    returns the expectation in force there afterwards."""
    from sqlmodel import select

    from .tables.categories import CategoryTemplate

    if role is None or level is None:
        if expected is not None:
            raise InvalidInput("expected", "needs a role and level", "run init first")
        return None
    if expected is not None:
        replace_row(session, CategoryTemplate,
                    {"role": role, "level": level, "category_id": category.id},
                    {"expected_weekly": validation.expected_weekly(expected)})
        session.flush()
    template = session.exec(select(CategoryTemplate).where(
        CategoryTemplate.role == role, CategoryTemplate.level == level,
        CategoryTemplate.category_id == category.id)).first()
    return template.expected_weekly if template else None


class CategoryStore(StoreBase):
    """Categories and their weekly expectations (mixed into ``Store``)."""

    def category_named(self, name: str) -> CategoryView:
        """The category a name or synonym refers to; ``InvalidInput`` with suggestions if none."""
        with self._read() as connection:
            return _view(match_category(read_categories(connection), name), None)

    def list_categories(self, role: str | None = None, level: int | None = None,
                        include_archived: bool = False) -> list[CategoryView]:
        with self._read() as connection:
            expected = _expected_weekly(connection, role, level)
            return [_view(row, expected.get(row.id))
                    for row in read_categories(connection, "dimension, name_key")
                    if include_archived or not row.archived]

    def vocabulary(self) -> list[CategoryVocabulary]:
        """The words the extractor looks for: each live category's name, synonyms and
        description, oldest first."""
        from ..extract import CategoryVocabulary  # the extractor's tables cost an import

        with self._read() as connection:
            return [CategoryVocabulary(row.name, tuple(_synonyms(row)), row.description)
                    for row in read_categories(connection) if not row.archived]

    def add_category(self, name: str, dimension: str, points: object, *,
                     description: str = "", synonyms: Sequence[str] = (),
                     expected: object | None = None, role: str | None = None,
                     level: int | None = None) -> CategoryView:
        """Add a category; ``expected`` sets its weekly expectation at ``role``/``level``."""
        from .tables.categories import Category

        clean_name = validation.text(name, "name", 80)
        checked_dimension = validation.dimension(dimension)
        checked_points = validation.points(points)
        clean_synonyms = [validation.text(s, "synonym", 80) for s in synonyms]
        checked_expected = None if expected is None else validation.expected_weekly(expected)
        with self._write() as session:
            _check_unique_words(session, [clean_name, *clean_synonyms])
            category = Category(name=clean_name, name_key=clean_name.lower(),
                                dimension=checked_dimension, points=checked_points,
                                description=description.strip(),
                                synonyms=json.dumps(clean_synonyms))
            session.add(category)
            session.flush()
            return _view(category, _set_expected(session, category, checked_expected, role,
                                                 level))

    def edit_category(self, name: str, *, new_name: str | None = None,
                      dimension: str | None = None, points: object | None = None,
                      description: str | None = None, add_synonyms: Sequence[str] = (),
                      remove_synonyms: Sequence[str] = (), expected: object | None = None,
                      role: str | None = None, level: int | None = None) -> CategoryView:
        """Change any field of a category; entries keep pointing at it."""
        with self._write() as session:
            category = category_in(session, name, include_archived=True)
            removed = {r.lower() for r in remove_synonyms}
            synonyms = [s for s in _synonyms(category) if s.lower() not in removed]
            new_words = [validation.text(s, "synonym", 80) for s in add_synonyms]
            if new_name is not None:
                new_words.append(validation.text(new_name, "name", 80))
            _check_unique_words(session, new_words, ignore_id=category.id)
            if new_name is not None:
                category.name = new_name.strip()
                category.name_key = category.name.lower()
            if dimension is not None:
                category.dimension = validation.dimension(dimension)
            if points is not None:
                category.points = validation.points(points)
            if description is not None:
                category.description = description.strip()
            synonyms += [s for s in new_words[:len(add_synonyms)]
                         if s.lower() not in {x.lower() for x in synonyms}]
            category.synonyms = json.dumps(synonyms)
            session.add(category)
            return _view(category, _set_expected(session, category, expected, role, level))

    def remove_category(self, name: str, archive: bool = False) -> tuple[str, int]:
        """Delete a category with no entries; one with entries can only be archived.

        Returns (category name, number of entries it keeps). Archiving hides the category from
        lists and extraction but its entries still count, so no history is lost.
        """
        from sqlalchemy import func
        from sqlmodel import col, delete, select

        from .tables.activity import ActivityEntry
        from .tables.categories import CategoryTemplate

        with self._write() as session:
            category = category_in(session, name, include_archived=True)
            entries = session.exec(select(func.count()).select_from(ActivityEntry).where(
                ActivityEntry.category_id == category.id)).one()
            if entries and not archive:
                raise InvalidInput("category", f"{category.name!r} has {entries} logged entries "
                                   "and removing it would lose them",
                                   "--archive to hide it and keep its history")
            if entries:
                category.archived = True
                session.add(category)
            else:
                session.exec(delete(CategoryTemplate).where(
                    col(CategoryTemplate.category_id) == category.id))
                session.delete(category)
            return category.name, entries
