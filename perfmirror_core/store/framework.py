"""The framework aggregate: roles, the person's role and level over time, weights, targets and
level expectations, and the defaults ``init`` copies in.

What these rows mean when scoring (which row applies, what a missing one falls back to) is the
core's to say (``perfmirror_core.frameworks``); this module only stores and reads them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from .. import validation
from ..errors import InvalidInput, NotInitialised
from ..frameworks import DefaultFramework, RoleSpec, TargetSpec, WeightSpec
from ..scoring import ProfileChange, Thresholds, Weights, profile_in
from ..weeks import IsoWeek
from .base import StoreBase, inserted_id, replace_row
from .categories import find_category
from .database import utc_timestamp
from .snapshot import load_profile_changes


@dataclass(frozen=True)
class Expectation:
    """A plain-language expectation of a level, with the categories that evidence it."""

    id: int
    role: str
    level: int
    text: str
    evidence_category_ids: tuple[int, ...]


def _roles(connection: sqlite3.Connection) -> list[RoleSpec]:
    return [RoleSpec(row["name"], row["label"], row["min_level"], row["max_level"])
            for row in connection.execute("SELECT name, label, min_level, max_level FROM role "
                                          "ORDER BY min_level, name")]


def _role(connection: sqlite3.Connection, role: str) -> RoleSpec:
    """The role ``role`` names, matched case-insensitively; ``InvalidInput`` listing the roles."""
    roles = _roles(connection)
    canonical = validation.role_name(role, [r.name for r in roles])
    return next(r for r in roles if r.name == canonical)


def _expectation(row: sqlite3.Row) -> Expectation:
    return Expectation(row["id"], row["role"], row["level"], row["text"],
                       tuple(json.loads(row["evidence_category_ids"])))


class FrameworkStore(StoreBase):
    """Roles, profile, weights, targets, expectations (mixed into ``Store``)."""

    # -- roles and profile ------------------------------------------------------------------

    def roles(self) -> list[RoleSpec]:
        with self._read() as connection:
            return _roles(connection)

    def check_role_level(self, role: str, level: object | None) -> tuple[str, int | None]:
        """The canonical role name and a level checked against its range (None stays None)."""
        with self._read() as connection:
            found = _role(connection, role)
        if level is None:
            return found.name, None
        return found.name, validation.level(level, found.name, found.min_level, found.max_level)

    def profile_history(self) -> list[ProfileChange]:
        """Every change of role or level, oldest first (none before ``init``)."""
        with self._read() as connection:
            return load_profile_changes(connection)

    def is_initialised(self) -> bool:
        with self._read() as connection:
            return connection.execute("SELECT 1 FROM profile LIMIT 1").fetchone() is not None

    def profile_in(self, week: IsoWeek) -> ProfileChange:
        """The profile in effect in ``week`` (the core's rule: ``scoring.profile_in``)."""
        history = self.profile_history()
        if not history:
            raise NotInitialised()
        return profile_in(history, week)

    def set_profile(self, role: str, level: object, from_week: IsoWeek,
                    current_week: IsoWeek) -> ProfileChange:
        """Record the person's role and level from ``from_week`` on; earlier weeks keep theirs.

        The newest statement wins: changes recorded for ``from_week`` or later are replaced.
        """
        validation.not_in_future(from_week, current_week)
        with self._write() as connection:
            found = _role(connection, role)
            checked = validation.level(level, found.name, found.min_level, found.max_level)
            connection.execute("DELETE FROM profile WHERE from_week >= ?", (str(from_week),))
            connection.execute("INSERT INTO profile (role, level, from_week, created_at) "
                               "VALUES (?, ?, ?, ?)",
                               (found.name, checked, str(from_week), utc_timestamp()))
        return ProfileChange(from_week, found.name, checked)

    # -- defaults ---------------------------------------------------------------------------

    def seed_framework(self, framework: DefaultFramework, blank: bool = False) -> None:
        """Copy the defaults in, keeping anything the person already has.

        Roles, weights and targets always; categories, templates and the evidence links of
        expectations only without ``blank``. Expectations are seeded either way: with ``blank``
        they match the person's own categories by keyword.
        """
        def empty(table: str) -> bool:
            return connection.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is None

        with self._write() as connection:
            connection.executemany(
                "INSERT OR IGNORE INTO role (name, label, min_level, max_level) "
                "VALUES (?, ?, ?, ?)",
                [(r.name, r.label, r.min_level, r.max_level) for r in framework.roles])
            if empty("role_weight"):
                connection.executemany(
                    "INSERT INTO role_weight (role, level, input, output, outcome, impact) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    [(w.role, w.level, w.input, w.output, w.outcome, w.impact)
                     for w in framework.weights])
            if empty("target"):
                connection.executemany(
                    "INSERT INTO target (role, level, outstanding, strong, meeting, partially, "
                    "period_weeks) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(t.role, t.level, t.outstanding, t.strong, t.meeting, t.partially,
                      t.period_weeks) for t in framework.targets])
            ids: dict[str, int] = {}
            if not blank:
                existing = {row["name_key"]: row["id"] for row in
                            connection.execute("SELECT id, name_key FROM category")}
                for spec in framework.categories:
                    known = existing.get(spec.name.lower())
                    ids[spec.name] = known if known is not None else inserted_id(
                        connection.execute(
                            "INSERT INTO category (name, name_key, dimension, points, "
                            "description, synonyms, archived) VALUES (?, ?, ?, ?, ?, ?, 0)",
                            (spec.name, spec.name.lower(), spec.dimension, spec.points,
                             spec.description, json.dumps(list(spec.synonyms)))))
                if empty("category_template"):
                    connection.executemany(
                        "INSERT INTO category_template (role, level, category_id, "
                        "expected_weekly) VALUES (?, ?, ?, ?)",
                        [(t.role, t.level, ids[name], expected) for t in framework.templates
                         for name, expected in t.expected.items()])
            if empty("level_expectation"):
                connection.executemany(
                    "INSERT INTO level_expectation (role, level, text, evidence_category_ids) "
                    "VALUES (?, ?, ?, ?)",
                    [(s.role, s.level, s.text,
                      json.dumps([ids[name] for name in s.evidence if name in ids]))
                     for s in framework.statements])

    # -- weights and targets ----------------------------------------------------------------

    def set_weights(self, weights: Weights, role: str, level: object | None) -> None:
        """Weights for ``role`` at ``level``, or for every level of it (``level`` None)."""
        role_name, checked_level = self.check_role_level(role, level)
        with self._write() as connection:
            replace_row(connection, "role_weight", {"role": role_name, "level": checked_level},
                        {"input": weights.input, "output": weights.output,
                         "outcome": weights.outcome, "impact": weights.impact})

    def set_target(self, thresholds: Thresholds, period_weeks: int, role: str | None,
                   level: object | None) -> None:
        """Bands and period for ``role`` at ``level``, the role, or every role (None)."""
        role_name, checked_level = None, None
        if role is not None:
            role_name, checked_level = self.check_role_level(role, level)
        with self._write() as connection:
            replace_row(connection, "target", {"role": role_name, "level": checked_level},
                        {"outstanding": thresholds.outstanding, "strong": thresholds.strong,
                         "meeting": thresholds.meeting, "partially": thresholds.partially,
                         "period_weeks": period_weeks})

    def targets(self) -> list[TargetSpec]:
        with self._read() as connection:
            return [TargetSpec(row["role"], row["level"], row["outstanding"], row["strong"],
                               row["meeting"], row["partially"], row["period_weeks"])
                    for row in connection.execute("SELECT * FROM target ORDER BY id")]

    def weights(self) -> list[WeightSpec]:
        with self._read() as connection:
            return [WeightSpec(row["role"], row["level"], row["input"], row["output"],
                               row["outcome"], row["impact"])
                    for row in connection.execute(
                        "SELECT * FROM role_weight ORDER BY role, level")]

    # -- level expectations -----------------------------------------------------------------

    def list_expectations(self, role: str, level: int) -> list[Expectation]:
        with self._read() as connection:
            return [_expectation(row) for row in connection.execute(
                "SELECT * FROM level_expectation WHERE role = ? AND level = ? ORDER BY id",
                (role, level))]

    def add_expectation(self, role: str, level: object, text: str,
                        categories: Sequence[str] = ()) -> Expectation:
        with self._write() as connection:
            found = _role(connection, role)
            checked_level = validation.level(level, found.name, found.min_level,
                                             found.max_level)
            evidence = [find_category(connection, name)["id"] for name in categories]
            clean = validation.text(text, "text", 300)
            new_id = inserted_id(connection.execute(
                "INSERT INTO level_expectation (role, level, text, evidence_category_ids) "
                "VALUES (?, ?, ?, ?)", (found.name, checked_level, clean, json.dumps(evidence))))
        return Expectation(new_id, found.name, checked_level, clean, tuple(evidence))

    def edit_expectation(self, expectation_id: int, text: str | None = None,
                         categories: Sequence[str] | None = None) -> Expectation:
        with self._write() as connection:
            self._expectation_row(connection, expectation_id)
            if text is not None:
                connection.execute("UPDATE level_expectation SET text = ? WHERE id = ?",
                                   (validation.text(text, "text", 300), expectation_id))
            if categories is not None:
                connection.execute(
                    "UPDATE level_expectation SET evidence_category_ids = ? WHERE id = ?",
                    (json.dumps([find_category(connection, name)["id"] for name in categories]), expectation_id))
            return _expectation(self._expectation_row(connection, expectation_id))

    def remove_expectation(self, expectation_id: int) -> str:
        with self._write() as connection:
            row = self._expectation_row(connection, expectation_id)
            connection.execute("DELETE FROM level_expectation WHERE id = ?", (expectation_id,))
            return str(row["text"])

    @staticmethod
    def _expectation_row(connection: sqlite3.Connection, expectation_id: int) -> sqlite3.Row:
        row: sqlite3.Row | None = connection.execute(
            "SELECT * FROM level_expectation WHERE id = ?", (expectation_id,)).fetchone()
        if row is None:
            raise InvalidInput("id", f"no expectation #{expectation_id}",
                               "an id from `perfmirror expectations list`")
        return row
