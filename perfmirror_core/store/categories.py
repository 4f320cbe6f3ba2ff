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
from typing import TYPE_CHECKING

from .. import validation
from ..errors import InvalidInput
from .base import StoreBase, inserted_id, replace_row

if TYPE_CHECKING:
    from ..extract import CategoryVocabulary


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


def _synonyms(row: sqlite3.Row) -> list[str]:
    synonyms: list[str] = json.loads(row["synonyms"])
    return synonyms


def find_category(connection: sqlite3.Connection, name: str,
                  include_archived: bool = False) -> sqlite3.Row:
    """A category row by name or synonym, case-insensitively; ``InvalidInput`` suggesting the
    closest names otherwise. Names win over synonyms."""
    wanted = str(name).strip().lower()
    usable: list[sqlite3.Row] = [row for row in connection.execute("SELECT * FROM category ORDER BY id")
              if include_archived or not row["archived"]]
    for row in usable:
        if row["name_key"] == wanted:
            return row
    for row in usable:
        if wanted in (s.lower() for s in _synonyms(row)):
            return row
    vocabulary = [row["name"] for row in usable] + [s for row in usable for s in _synonyms(row)]
    raise validation.unknown_category(str(name), vocabulary)


def _check_unique_words(connection: sqlite3.Connection, words: Sequence[str],
                        ignore_id: int | None = None) -> None:
    """A name or synonym may belong to one category only, or lookups become ambiguous."""
    for row in connection.execute("SELECT * FROM category ORDER BY id"):
        if row["id"] == ignore_id:
            continue
        taken = {row["name_key"], *(s.lower() for s in _synonyms(row))}
        for word in words:
            if word.lower() in taken:
                raise InvalidInput("name", f"{word!r} is already used by category "
                                   f"{row['name']!r}", "a name or synonym not yet used")


def _set_expected(connection: sqlite3.Connection, category_id: int, expected: float,
                  role: str | None, level: int | None) -> None:
    if role is None or level is None:
        raise InvalidInput("expected", "needs a role and level", "run init first")
    replace_row(connection, "category_template",
                {"role": role, "level": level, "category_id": category_id},
                {"expected_weekly": expected})


def _view(connection: sqlite3.Connection, row: sqlite3.Row, role: str | None,
          level: int | None) -> CategoryView:
    expected = None
    if role is not None and level is not None:
        template = connection.execute(
            "SELECT expected_weekly FROM category_template WHERE role = ? AND level = ? "
            "AND category_id = ? ORDER BY id LIMIT 1", (role, level, row["id"])).fetchone()
        expected = template["expected_weekly"] if template else None
    return CategoryView(row["id"], row["name"], row["dimension"], row["points"],
                        row["description"], tuple(_synonyms(row)), expected,
                        bool(row["archived"]))


def _category_row(connection: sqlite3.Connection, category_id: int) -> sqlite3.Row:
    row: sqlite3.Row = connection.execute("SELECT * FROM category WHERE id = ?",
                                          (category_id,)).fetchone()
    return row


class CategoryStore(StoreBase):
    """Categories and their weekly expectations (mixed into ``Store``)."""

    def category_named(self, name: str) -> CategoryView:
        """The category a name or synonym refers to; ``InvalidInput`` with suggestions if none."""
        with self._read() as connection:
            return _view(connection, find_category(connection, name), None, None)

    def list_categories(self, role: str | None = None, level: int | None = None,
                        include_archived: bool = False) -> list[CategoryView]:
        with self._read() as connection:
            rows = connection.execute("SELECT * FROM category ORDER BY dimension, name_key")
            return [_view(connection, row, role, level) for row in rows.fetchall()
                    if include_archived or not row["archived"]]

    def vocabulary(self) -> list[CategoryVocabulary]:
        """The words the extractor looks for: each live category's name, synonyms and
        description, oldest first."""
        from ..extract import CategoryVocabulary  # the extractor's tables cost an import

        with self._read() as connection:
            return [CategoryVocabulary(row["name"], tuple(_synonyms(row)), row["description"])
                    for row in connection.execute(
                        "SELECT name, synonyms, description FROM category WHERE archived = 0 "
                        "ORDER BY id")]

    def add_category(self, name: str, dimension: str, points: object, *,
                     description: str = "", synonyms: Sequence[str] = (),
                     expected: object | None = None, role: str | None = None,
                     level: int | None = None) -> CategoryView:
        """Add a category; ``expected`` sets its weekly expectation at ``role``/``level``."""
        clean_name = validation.text(name, "name", 80)
        checked_dimension = validation.dimension(dimension)
        checked_points = validation.points(points)
        clean_synonyms = [validation.text(s, "synonym", 80) for s in synonyms]
        checked_expected = None if expected is None else validation.expected_weekly(expected)
        with self._write() as connection:
            _check_unique_words(connection, [clean_name, *clean_synonyms])
            category_id = inserted_id(connection.execute(
                "INSERT INTO category (name, name_key, dimension, points, description, "
                "synonyms, archived) VALUES (?, ?, ?, ?, ?, ?, 0)",
                (clean_name, clean_name.lower(), checked_dimension, checked_points,
                 description.strip(), json.dumps(clean_synonyms))))
            if checked_expected is not None:
                _set_expected(connection, category_id, checked_expected, role, level)
            return _view(connection, _category_row(connection, category_id), role, level)

    def edit_category(self, name: str, *, new_name: str | None = None,
                      dimension: str | None = None, points: object | None = None,
                      description: str | None = None, add_synonyms: Sequence[str] = (),
                      remove_synonyms: Sequence[str] = (), expected: object | None = None,
                      role: str | None = None, level: int | None = None) -> CategoryView:
        """Change any field of a category; entries keep pointing at it."""
        with self._write() as connection:
            row = find_category(connection, name, include_archived=True)
            removed = {r.lower() for r in remove_synonyms}
            synonyms = [s for s in _synonyms(row) if s.lower() not in removed]
            new_words = [validation.text(s, "synonym", 80) for s in add_synonyms]
            if new_name is not None:
                new_words.append(validation.text(new_name, "name", 80))
            _check_unique_words(connection, new_words, ignore_id=row["id"])
            fields = {"name": row["name"], "dimension": row["dimension"],
                      "points": row["points"], "description": row["description"]}
            if new_name is not None:
                fields["name"] = new_name.strip()
            if dimension is not None:
                fields["dimension"] = validation.dimension(dimension)
            if points is not None:
                fields["points"] = validation.points(points)
            if description is not None:
                fields["description"] = description.strip()
            synonyms += [s for s in new_words[:len(add_synonyms)]
                         if s.lower() not in {x.lower() for x in synonyms}]
            connection.execute(
                "UPDATE category SET name = ?, name_key = ?, dimension = ?, points = ?, "
                "description = ?, synonyms = ? WHERE id = ?",
                (fields["name"], str(fields["name"]).lower(), fields["dimension"],
                 fields["points"], fields["description"], json.dumps(synonyms), row["id"]))
            if expected is not None:
                _set_expected(connection, row["id"], validation.expected_weekly(expected),
                              role, level)
            return _view(connection, _category_row(connection, row["id"]), role, level)

    def remove_category(self, name: str, archive: bool = False) -> tuple[str, int]:
        """Delete a category with no entries; one with entries can only be archived.

        Returns (category name, number of entries it keeps). Archiving hides the category from
        lists and extraction but its entries still count, so no history is lost.
        """
        with self._write() as connection:
            row = find_category(connection, name, include_archived=True)
            entries: int = connection.execute(
                "SELECT count(*) FROM activity_entry WHERE category_id = ?",
                (row["id"],)).fetchone()[0]
            if entries and not archive:
                raise InvalidInput("category", f"{row['name']!r} has {entries} logged entries "
                                   "and removing it would lose them",
                                   "--archive to hide it and keep its history")
            if entries:
                connection.execute("UPDATE category SET archived = 1 WHERE id = ?", (row["id"],))
            else:
                connection.execute("DELETE FROM category_template WHERE category_id = ?",
                                   (row["id"],))
                connection.execute("DELETE FROM category WHERE id = ?", (row["id"],))
            return str(row["name"]), entries
