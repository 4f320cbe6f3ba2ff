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
from typing import TYPE_CHECKING

from .. import validation
from ..errors import InvalidInput, NotInitialised
from ..frameworks import DefaultFramework, RoleSpec, TargetSpec, WeightSpec
from ..scoring import ProfileChange, Thresholds, Weights, profile_in
from ..weeks import IsoWeek
from .base import StoreBase, has_profile, replace_row
from .categories import category_in
from .database import utc_timestamp
from .snapshot import load_profile_changes

if TYPE_CHECKING:
    from sqlmodel import Session

    from .tables.framework import LevelExpectation


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


def _expectation(row: sqlite3.Row | LevelExpectation) -> Expectation:
    """An expectation as read (a ``sqlite3.Row``) or as just written (the ORM row)."""
    if isinstance(row, sqlite3.Row):
        return Expectation(row["id"], row["role"], row["level"], row["text"],
                           tuple(json.loads(row["evidence_category_ids"])))
    if row.id is None:
        raise RuntimeError("an expectation is viewed after it is stored")
    return Expectation(row.id, row.role, row.level, row.text,
                       tuple(json.loads(row.evidence_category_ids)))


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
            return has_profile(connection)

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
        from sqlmodel import col, delete

        from .tables.framework import Profile

        validation.not_in_future(from_week, current_week)
        role_name, checked = self.check_role_level(role, level)
        if checked is None:
            raise InvalidInput("level", "is needed", "a level of the role")
        with self._write() as session:
            session.exec(delete(Profile).where(col(Profile.from_week) >= str(from_week)))
            session.add(Profile(role=role_name, level=checked, from_week=str(from_week),
                                created_at=utc_timestamp()))
        return ProfileChange(from_week, role_name, checked)

    # -- defaults ---------------------------------------------------------------------------

    def seed_framework(self, framework: DefaultFramework, blank: bool = False) -> None:
        """Copy the defaults in, keeping anything the person already has.

        Roles, weights and targets always; categories, templates and the evidence links of
        expectations only without ``blank``. Expectations are seeded either way: with ``blank``
        they match the person's own categories by keyword.
        """
        from sqlmodel import select

        from .tables import stored_id
        from .tables.categories import Category, CategoryTemplate
        from .tables.framework import LevelExpectation, Role, RoleWeight, Target

        with self._write() as session:
            known_roles = {role.name for role in session.exec(select(Role))}
            for spec in framework.roles:
                if spec.name not in known_roles:
                    session.add(Role(name=spec.name, label=spec.label, min_level=spec.min_level,
                                     max_level=spec.max_level))
            if not session.exec(select(RoleWeight)).first():
                for w in framework.weights:
                    session.add(RoleWeight(role=w.role, level=w.level, input=w.input,
                                           output=w.output, outcome=w.outcome, impact=w.impact))
            if not session.exec(select(Target)).first():
                for t in framework.targets:
                    session.add(Target(role=t.role, level=t.level, outstanding=t.outstanding,
                                       strong=t.strong, meeting=t.meeting, partially=t.partially,
                                       period_weeks=t.period_weeks))
            ids: dict[str, int] = {}
            if not blank:
                existing = {c.name_key: c for c in session.exec(select(Category))}
                for category_spec in framework.categories:
                    category = existing.get(category_spec.name.lower())
                    if category is None:
                        category = Category(name=category_spec.name,
                                            name_key=category_spec.name.lower(),
                                            dimension=category_spec.dimension,
                                            points=category_spec.points,
                                            description=category_spec.description,
                                            synonyms=json.dumps(list(category_spec.synonyms)))
                        session.add(category)
                        session.flush()
                    ids[category_spec.name] = stored_id(category)
                if not session.exec(select(CategoryTemplate)).first():
                    for template in framework.templates:
                        for name, expected in template.expected.items():
                            session.add(CategoryTemplate(role=template.role, level=template.level,
                                                         category_id=ids[name],
                                                         expected_weekly=expected))
            if not session.exec(select(LevelExpectation)).first():
                for statement in framework.statements:
                    evidence = [ids[name] for name in statement.evidence if name in ids]
                    session.add(LevelExpectation(role=statement.role, level=statement.level,
                                                 text=statement.text,
                                                 evidence_category_ids=json.dumps(evidence)))

    # -- weights and targets ----------------------------------------------------------------

    def set_weights(self, weights: Weights, role: str, level: object | None) -> None:
        """Weights for ``role`` at ``level``, or for every level of it (``level`` None)."""
        from .tables.framework import RoleWeight

        role_name, checked_level = self.check_role_level(role, level)
        with self._write() as session:
            replace_row(session, RoleWeight, {"role": role_name, "level": checked_level},
                        {"input": weights.input, "output": weights.output,
                         "outcome": weights.outcome, "impact": weights.impact})

    def set_target(self, thresholds: Thresholds, period_weeks: int, role: str | None,
                   level: object | None) -> None:
        """Bands and period for ``role`` at ``level``, the role, or every role (None)."""
        from .tables.framework import Target

        role_name, checked_level = None, None
        if role is not None:
            role_name, checked_level = self.check_role_level(role, level)
        with self._write() as session:
            replace_row(session, Target, {"role": role_name, "level": checked_level},
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
        from .tables import stored_id
        from .tables.framework import LevelExpectation

        role_name, checked_level = self.check_role_level(role, level)
        if checked_level is None:
            raise InvalidInput("level", "is needed", "a level of the role")
        clean = validation.text(text, "text", 300)
        with self._write() as session:
            evidence = [stored_id(category_in(session, name)) for name in categories]
            row = LevelExpectation(role=role_name, level=checked_level, text=clean,
                                   evidence_category_ids=json.dumps(evidence))
            session.add(row)
            session.flush()
            return _expectation(row)

    def edit_expectation(self, expectation_id: int, text: str | None = None,
                         categories: Sequence[str] | None = None) -> Expectation:
        from .tables import stored_id

        with self._write() as session:
            row = _expectation_row(session, expectation_id)
            if text is not None:
                row.text = validation.text(text, "text", 300)
            if categories is not None:
                row.evidence_category_ids = json.dumps(
                    [stored_id(category_in(session, name)) for name in categories])
            session.add(row)
            return _expectation(row)

    def remove_expectation(self, expectation_id: int) -> str:
        with self._write() as session:
            row = _expectation_row(session, expectation_id)
            session.delete(row)
            return row.text


def _expectation_row(session: Session, expectation_id: int) -> LevelExpectation:
    from .tables.framework import LevelExpectation

    row = session.get(LevelExpectation, expectation_id)
    if row is None:
        raise InvalidInput("id", f"no expectation #{expectation_id}",
                           "an id from `perfmirror expectations list`")
    return row
