"""The scoring read: the database as the core's plain ``ScoringData``, in one read-only pass.

``status`` is the command people run most, so this is plain SQL over ``sqlite3`` returning the
frozen dataclasses of ``perfmirror_core.scoring``. It reads rows and nothing more: which weight or
target row applies to a level, and what stands in for a missing one, is the core's policy
(``frameworks.level_framework``), stated where the arithmetic is explained.
"""

from __future__ import annotations

import json
import sqlite3

from ..coverage import categories_matching_text
from ..frameworks import Scope, level_framework
from ..scoring import (CategoryInfo, Entry, LevelFramework, ProfileChange, ScoringData,
                       Statement, Thresholds, Weights)
from ..errors import NotInitialised
from ..weeks import IsoWeek, parse_week
from .base import StoreBase

def _rows(connection: sqlite3.Connection, sql: str, *params: object) -> list[sqlite3.Row]:
    connection.row_factory = sqlite3.Row
    return connection.execute(sql, params).fetchall()


def load_profile_changes(connection: sqlite3.Connection) -> list[ProfileChange]:
    """The person's role and level changes, oldest first; none before ``init``."""
    rows = _rows(connection, "SELECT role, level, from_week FROM profile ORDER BY from_week, id")
    latest_per_week: dict[str, ProfileChange] = {}
    for row in rows:  # a later row for the same week replaces the earlier one
        latest_per_week[row["from_week"]] = ProfileChange(parse_week(row["from_week"]),
                                                          row["role"], row["level"])
    return sorted(latest_per_week.values(), key=lambda change: change.from_week)


def load_categories(connection: sqlite3.Connection) -> dict[int, CategoryInfo]:
    return {row["id"]: CategoryInfo(row["id"], row["name"], row["dimension"], row["points"])
            for row in _rows(connection, "SELECT id, name, dimension, points FROM category")}


def _category_words(connection: sqlite3.Connection) -> list[tuple[int, str]]:
    rows = _rows(connection,
                 "SELECT id, name, description, synonyms FROM category WHERE archived = 0")
    return [(row["id"], " ".join([row["name"], row["description"],
                                  *json.loads(row["synonyms"])])) for row in rows]


def load_frameworks(connection: sqlite3.Connection) -> dict[tuple[str, int], LevelFramework]:
    """One framework per role and level in the roles table; which weight and target rows apply
    (and what stands in for a missing one) is ``frameworks.level_framework``'s to decide."""
    weights: dict[Scope, Weights] = {
        (row["role"], row["level"]): Weights(row["input"], row["output"], row["outcome"],
                                             row["impact"])
        for row in _rows(connection, "SELECT * FROM role_weight ORDER BY id")}
    targets: dict[Scope, tuple[Thresholds, int]] = {
        (row["role"], row["level"]): (Thresholds(row["outstanding"], row["strong"],
                                                 row["meeting"], row["partially"]),
                                      row["period_weeks"])
        for row in _rows(connection, "SELECT * FROM target ORDER BY id")}
    templates: dict[tuple[str, int], dict[int, float]] = {}
    for row in _rows(connection,
                     "SELECT role, level, category_id, expected_weekly FROM category_template"):
        templates.setdefault((row["role"], row["level"]), {})[row["category_id"]] = \
            row["expected_weekly"]
    words = None
    statements: dict[tuple[str, int], list[Statement]] = {}
    for row in _rows(connection, "SELECT * FROM level_expectation ORDER BY id"):
        evidence = tuple(json.loads(row["evidence_category_ids"]))
        if not evidence:  # no categories named: fall back to keyword overlap
            words = words if words is not None else _category_words(connection)
            evidence = categories_matching_text(row["text"], words)
        statements.setdefault((row["role"], row["level"]), []).append(
            Statement(row["id"], row["text"], evidence))
    return {(role["name"], level): level_framework(
                role["name"], level, weights, targets, templates.get((role["name"], level), {}),
                statements.get((role["name"], level), ()))
            for role in _rows(connection, "SELECT name, min_level, max_level FROM role")
            for level in range(role["min_level"], role["max_level"] + 1)}


def load_entries(connection: sqlite3.Connection, first: IsoWeek | None = None,
                 last: IsoWeek | None = None) -> list[Entry]:
    """Entries, optionally only those in weeks ``first``..``last`` (weeks sort as text)."""
    sql = "SELECT id, category_id, week, count, override_score, reference FROM activity_entry"
    clauses, params = [], []
    if first is not None:
        clauses.append("week >= ?")
        params.append(str(first))
    if last is not None:
        clauses.append("week <= ?")
        params.append(str(last))
    if clauses:
        sql += " WHERE " + " AND ".join(clauses)
    connection.row_factory = None
    weeks: dict[str, IsoWeek] = {}
    entries = []
    for entry_id, category_id, week, count, override, reference in connection.execute(sql, params):
        parsed = weeks.get(week) or weeks.setdefault(week, parse_week(week))
        entries.append(Entry(category_id, parsed, count, override, entry_id, reference))
    return entries


def load_scoring_data(connection: sqlite3.Connection, first: IsoWeek | None = None,
                      last: IsoWeek | None = None) -> ScoringData:
    """Everything a status needs; entries limited to ``first``..``last`` when given."""
    profile_changes = load_profile_changes(connection)
    if not profile_changes:
        raise NotInitialised()
    return ScoringData(
        categories=load_categories(connection),
        entries=load_entries(connection, first, last),
        profile_changes=profile_changes,
        frameworks=load_frameworks(connection),
    )


class ScoringStore(StoreBase):
    """The read every score starts from (mixed into ``Store``)."""

    def scoring_data(self, first: IsoWeek | None = None,
                     last: IsoWeek | None = None) -> ScoringData:
        """Everything the core needs to score, read in one read-only transaction; entries
        limited to weeks ``first``..``last`` when given. ``NotInitialised`` before ``init``."""
        with self._read() as connection:
            connection.execute("BEGIN")  # one snapshot: a concurrent log cannot split it
            return load_scoring_data(connection, first, last)
