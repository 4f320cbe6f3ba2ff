"""Every write to the person's data, through SQLModel, validated before anything is stored.

Each public method runs in one transaction: it either stores everything it was asked to or,
on an ``InvalidInput``, nothing at all.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from sqlalchemy import event, func
from sqlmodel import Session, col, create_engine, delete, select

from .. import validation
from ..errors import InvalidInput, NotInitialised
from ..frameworks import DefaultFramework
from ..scoring import Thresholds, Weights
from ..weeks import IsoWeek, parse_week
from .database import prepare_database, utc_timestamp, writable
from .schema import (ActivityEntry, Category, CategoryTemplate, ChatMessage, ChatSession,
                     LevelExpectation, Profile, Role, RoleWeight, Target, stored_id)

SOURCES = ("manual", "chat", "import", "demo")


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


@dataclass(frozen=True)
class EntryView:
    id: int
    category: str
    week: str
    count: int
    override_score: float | None
    reference: str | None
    note: str | None
    source: str


class Store:
    """The person's database: open it with ``Store(home)``; ``home`` defaults to the data dir."""

    def __init__(self, home: Path | None = None, create: bool = True) -> None:
        """``create=False``: refuse (``NotInitialised``) rather than create a missing database.

        A database perf-mirror may not write is opened read-only: reads work, and a write
        fails with SQLite's "readonly database", which the CLI reports in one line.
        """
        self.path = prepare_database(home, create)
        url = f"sqlite:///{self.path}" if writable(self.path) else \
            f"sqlite:///file:{self.path.absolute()}?mode=ro&uri=true"
        self.engine = create_engine(url)
        event.listen(self.engine, "connect",
                     lambda connection, _: connection.execute("PRAGMA foreign_keys = ON"))

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with Session(self.engine) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    # -- roles and profile ------------------------------------------------------------------

    def roles(self) -> list[Role]:
        with Session(self.engine) as session:
            return list(session.exec(select(Role).order_by(col(Role.min_level), col(Role.name))))

    def _role(self, session: Session, role: str) -> Role:
        roles = list(session.exec(select(Role)))
        canonical = validation.role_name(role, [r.name for r in roles])
        return next(r for r in roles if r.name == canonical)

    def check_role_level(self, role: str, level: object | None) -> tuple[str, int | None]:
        """The canonical role name and a level checked against its range (None stays None)."""
        with Session(self.engine) as session:
            role_row = self._role(session, role)
            if level is None:
                return role_row.name, None
            return role_row.name, validation.level(level, role_row.name, role_row.min_level,
                                                   role_row.max_level)

    def profile_history(self) -> list[Profile]:
        with Session(self.engine) as session:
            return list(session.exec(select(Profile).order_by(col(Profile.from_week), col(Profile.id))))

    def is_initialised(self) -> bool:
        return bool(self.profile_history())

    def profile_in(self, week: IsoWeek) -> Profile:
        """The profile in effect in ``week``; the first one also covers earlier weeks."""
        history = self.profile_history()
        if not history:
            raise NotInitialised()
        current = history[0]
        for profile in history:
            if parse_week(profile.from_week) <= week:
                current = profile
        return current

    def set_profile(self, role: str, level: object, from_week: IsoWeek,
                    current_week: IsoWeek) -> Profile:
        """Record the person's role and level from ``from_week`` on; earlier weeks keep theirs.

        The newest statement wins: changes recorded for ``from_week`` or later are replaced.
        """
        validation.not_in_future(from_week, current_week)
        with self._session() as session:
            role_row = self._role(session, role)
            checked_level = validation.level(level, role_row.name, role_row.min_level,
                                             role_row.max_level)
            session.exec(delete(Profile).where(col(Profile.from_week) >= str(from_week)))
            profile = Profile(role=role_row.name, level=checked_level, from_week=str(from_week),
                              created_at=utc_timestamp())
            session.add(profile)
            session.flush()
            session.refresh(profile)
            session.expunge(profile)
            return profile

    # -- defaults ---------------------------------------------------------------------------

    def seed_framework(self, framework: DefaultFramework, blank: bool = False) -> None:
        """Copy the defaults in, keeping anything the person already has.

        Roles, weights and targets always; categories, templates and the evidence links of
        expectations only without ``blank``. Expectations are seeded either way: with ``blank``
        they match the person's own categories by keyword.
        """
        with self._session() as session:
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

    # -- categories -------------------------------------------------------------------------

    def _find_category(self, session: Session, name: str, include_archived: bool = False
                       ) -> Category:
        """A category by name or synonym, case-insensitively; a helpful error otherwise."""
        wanted = str(name).strip().lower()
        categories = list(session.exec(select(Category)))
        usable = [c for c in categories if include_archived or not c.archived]
        for category in usable:
            if category.name_key == wanted:
                return category
        for category in usable:
            if wanted in (s.lower() for s in json.loads(category.synonyms)):
                return category
        vocabulary = [c.name for c in usable] + [s for c in usable
                                                 for s in json.loads(c.synonyms)]
        raise validation.unknown_category(str(name), vocabulary)

    def category_named(self, name: str) -> CategoryView:
        """The category a name or synonym refers to; ``InvalidInput`` with suggestions if none."""
        with Session(self.engine) as session:
            return self._view(session, self._find_category(session, name), None, None)

    def _check_unique_words(self, session: Session, words: Sequence[str],
                            ignore_id: int | None = None) -> None:
        """A name or synonym may belong to one category only, or lookups become ambiguous."""
        for category in session.exec(select(Category)):
            if category.id == ignore_id:
                continue
            taken = {category.name_key, *(s.lower() for s in json.loads(category.synonyms))}
            for word in words:
                if word.lower() in taken:
                    raise InvalidInput("name", f"{word!r} is already used by category "
                                       f"{category.name!r}", "a name or synonym not yet used")

    def _set_expected(self, session: Session, category_id: int, expected: float,
                      role: str, level: int) -> None:
        template = session.exec(select(CategoryTemplate).where(
            CategoryTemplate.role == role, CategoryTemplate.level == level,
            CategoryTemplate.category_id == category_id)).first()
        if template is None:
            session.add(CategoryTemplate(role=role, level=level, category_id=category_id,
                                         expected_weekly=expected))
        else:
            template.expected_weekly = expected
            session.add(template)

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
        with self._session() as session:
            self._check_unique_words(session, [clean_name, *clean_synonyms])
            category = Category(name=clean_name, name_key=clean_name.lower(),
                                dimension=checked_dimension, points=checked_points,
                                description=description.strip(),
                                synonyms=json.dumps(clean_synonyms))
            session.add(category)
            session.flush()
            if checked_expected is not None:
                if role is None or level is None:
                    raise InvalidInput("expected", "needs a role and level", "run init first")
                self._set_expected(session, stored_id(category), checked_expected, role, level)
            return self._view(session, category, role, level)

    def edit_category(self, name: str, *, new_name: str | None = None,
                      dimension: str | None = None, points: object | None = None,
                      description: str | None = None, add_synonyms: Sequence[str] = (),
                      remove_synonyms: Sequence[str] = (), expected: object | None = None,
                      role: str | None = None, level: int | None = None) -> CategoryView:
        """Change any field of a category; entries keep pointing at it."""
        with self._session() as session:
            category = self._find_category(session, name, include_archived=True)
            synonyms = [s for s in json.loads(category.synonyms)
                        if s.lower() not in {r.lower() for r in remove_synonyms}]
            new_words = [validation.text(s, "synonym", 80) for s in add_synonyms]
            if new_name is not None:
                new_words.append(validation.text(new_name, "name", 80))
            self._check_unique_words(session, new_words, ignore_id=category.id)
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
            if expected is not None:
                if role is None or level is None:
                    raise InvalidInput("expected", "needs a role and level", "run init first")
                self._set_expected(session, stored_id(category), validation.expected_weekly(expected),
                                   role, level)
            return self._view(session, category, role, level)

    def remove_category(self, name: str, archive: bool = False) -> tuple[str, int]:
        """Delete a category with no entries; one with entries can only be archived.

        Returns (category name, number of entries it keeps). Archiving hides the category from
        lists and extraction but its entries still count, so no history is lost.
        """
        with self._session() as session:
            category = self._find_category(session, name, include_archived=True)
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
                    col(CategoryTemplate.category_id) == stored_id(category)))
                session.delete(category)
            return category.name, entries

    def _view(self, session: Session, category: Category, role: str | None,
              level: int | None) -> CategoryView:
        expected = None
        if role is not None and level is not None:
            template = session.exec(select(CategoryTemplate).where(
                CategoryTemplate.role == role, CategoryTemplate.level == level,
                CategoryTemplate.category_id == category.id)).first()
            expected = template.expected_weekly if template else None
        return CategoryView(stored_id(category), category.name, category.dimension, category.points,
                            category.description, tuple(json.loads(category.synonyms)),
                            expected, category.archived)

    def list_categories(self, role: str | None = None, level: int | None = None,
                        include_archived: bool = False) -> list[CategoryView]:
        with Session(self.engine) as session:
            categories = session.exec(select(Category).order_by(col(Category.dimension),
                                                                col(Category.name_key)))
            return [self._view(session, c, role, level) for c in categories
                    if include_archived or not c.archived]

    # -- weights, targets, expectations -----------------------------------------------------

    def set_weights(self, weights: Weights, role: str, level: object | None) -> None:
        role_name, level = self.check_role_level(role, level)
        with self._session() as session:
            role_row = self._role(session, role_name)
            row = session.exec(select(RoleWeight).where(RoleWeight.role == role_row.name,
                                                        RoleWeight.level == level)
                               if level is not None else
                               select(RoleWeight).where(RoleWeight.role == role_row.name,
                                                        col(RoleWeight.level).is_(None))).first()
            row = row or RoleWeight(role=role_row.name, level=level, input=0, output=0,
                                    outcome=0, impact=0)
            row.input, row.output = weights.input, weights.output
            row.outcome, row.impact = weights.outcome, weights.impact
            session.add(row)

    def set_target(self, thresholds: Thresholds, period_weeks: int, role: str | None,
                   level: object | None) -> None:
        role_name, checked_level = None, None
        if role is not None:
            role_name, checked_level = self.check_role_level(role, level)
        with self._session() as session:
            query = select(Target).where(
                Target.role == role_name if role_name is not None else col(Target.role).is_(None),
                Target.level == checked_level if checked_level is not None
                else col(Target.level).is_(None))
            row = session.exec(query).first() or Target(
                role=role_name, level=checked_level, outstanding=0, strong=0, meeting=0, partially=0,
                period_weeks=period_weeks)
            row.outstanding, row.strong = thresholds.outstanding, thresholds.strong
            row.meeting, row.partially = thresholds.meeting, thresholds.partially
            row.period_weeks = period_weeks
            session.add(row)

    def targets(self) -> list[Target]:
        with Session(self.engine) as session:
            return list(session.exec(select(Target).order_by(col(Target.id))))

    def weights(self) -> list[RoleWeight]:
        with Session(self.engine) as session:
            return list(session.exec(select(RoleWeight).order_by(col(RoleWeight.role),
                                                                 col(RoleWeight.level))))

    def list_expectations(self, role: str, level: int) -> list[LevelExpectation]:
        with Session(self.engine) as session:
            return list(session.exec(select(LevelExpectation).where(
                LevelExpectation.role == role, LevelExpectation.level == level
            ).order_by(col(LevelExpectation.id))))

    def add_expectation(self, role: str, level: object, text: str,
                        categories: Sequence[str] = ()) -> LevelExpectation:
        with self._session() as session:
            role_row = self._role(session, role)
            checked_level = validation.level(level, role_row.name, role_row.min_level,
                                             role_row.max_level)
            evidence = [self._find_category(session, name).id for name in categories]
            row = LevelExpectation(role=role_row.name, level=checked_level,
                                   text=validation.text(text, "text", 300),
                                   evidence_category_ids=json.dumps(evidence))
            session.add(row)
            session.flush()
            session.refresh(row)
            session.expunge(row)
            return row

    def edit_expectation(self, expectation_id: int, text: str | None = None,
                         categories: Sequence[str] | None = None) -> LevelExpectation:
        with self._session() as session:
            row = session.get(LevelExpectation, expectation_id)
            if row is None:
                raise InvalidInput("id", f"no expectation #{expectation_id}",
                                   "an id from `perfmirror expectations list`")
            if text is not None:
                row.text = validation.text(text, "text", 300)
            if categories is not None:
                row.evidence_category_ids = json.dumps(
                    [self._find_category(session, name).id for name in categories])
            session.add(row)
            session.flush()
            session.refresh(row)
            session.expunge(row)
            return row

    def remove_expectation(self, expectation_id: int) -> str:
        with self._session() as session:
            row = session.get(LevelExpectation, expectation_id)
            if row is None:
                raise InvalidInput("id", f"no expectation #{expectation_id}",
                                   "an id from `perfmirror expectations list`")
            session.delete(row)
            return row.text

    # -- activity ---------------------------------------------------------------------------

    def log_activity(self, category: str, count: object, week: IsoWeek, current_week: IsoWeek,
                     *, override: object | None = None, reference: str | None = None,
                     note: str | None = None, source: str = "manual",
                     message_id: int | None = None) -> EntryView:
        """Store one entry; refuses future weeks, bad counts and unknown categories."""
        checked_count = validation.count(count)
        checked_override = None if override is None else validation.override_score(override)
        if checked_count == 0 and checked_override is None:
            raise InvalidInput("count", "0 adds nothing", "1 or more (0 only with --override)")
        validation.not_in_future(week, current_week)
        if source not in SOURCES:
            raise InvalidInput("source", f"{source!r} is not a source", ", ".join(SOURCES))
        with self._session() as session:
            if not session.exec(select(Profile)).first():
                raise NotInitialised()
            found = self._find_category(session, category)
            entry = ActivityEntry(category_id=stored_id(found), week=str(week), count=checked_count,
                                  override_score=checked_override,
                                  reference=reference.strip() if reference else None,
                                  note=note.strip() if note else None, source=source,
                                  created_at=utc_timestamp(), message_id=message_id)
            session.add(entry)
            session.flush()
            return EntryView(stored_id(entry), found.name, entry.week, entry.count, entry.override_score,
                             entry.reference, entry.note, entry.source)

    def log_imported(self, rows: Sequence[tuple[str, int, IsoWeek, str, str | None]],
                     current_week: IsoWeek) -> list[EntryView]:
        """Store imported entries (category, count, week, reference, note) in one transaction:
        all of them or, on any refusal, none. A reference already imported (by an import that
        ran meanwhile) is left out; the unique index on imported references backs this up."""
        for _, count, week, reference, _ in rows:
            if validation.count(count) < 1:
                raise InvalidInput("count", f"{count} adds nothing", "1 or more")
            validation.not_in_future(week, current_week)
            validation.text(reference, "reference", 300)
        with self._session() as session:
            if not session.exec(select(Profile)).first():
                raise NotInitialised()
            stored = self._imported_references(session)
            written = []
            for category, count, week, reference, note in rows:
                if reference in stored:
                    continue
                stored.add(reference)
                found = self._find_category(session, category)
                entry = ActivityEntry(category_id=stored_id(found), week=str(week), count=int(count),
                                      reference=reference, note=note.strip() if note else None,
                                      source="import", created_at=utc_timestamp())
                session.add(entry)
                written.append((entry, found.name))
            session.flush()
            return [EntryView(stored_id(entry), name, entry.week, entry.count, None, entry.reference,
                              entry.note, entry.source) for entry, name in written]

    def imported_references(self) -> set[str]:
        """Every reference an import has stored: what a new import must not store again."""
        with Session(self.engine) as session:
            return self._imported_references(session)

    @staticmethod
    def _imported_references(session: Session) -> set[str]:
        return {reference for reference in session.exec(
            select(ActivityEntry.reference).where(ActivityEntry.source == "import"))
            if reference}

    def entries(self, week: IsoWeek | None = None, limit: int | None = None) -> list[EntryView]:
        """Entries newest first, optionally of one week."""
        with Session(self.engine) as session:
            query = select(ActivityEntry, Category).where(
                ActivityEntry.category_id == Category.id)
            if week is not None:
                query = query.where(ActivityEntry.week == str(week))
            query = query.order_by(col(ActivityEntry.id).desc())
            if limit:
                query = query.limit(limit)
            return [EntryView(stored_id(e), c.name, e.week, e.count, e.override_score, e.reference,
                              e.note, e.source) for e, c in session.exec(query)]

    def undo_last(self) -> EntryView | None:
        """Remove the most recently logged entry and return it (None when there is none)."""
        with self._session() as session:
            row = session.exec(select(ActivityEntry, Category).where(
                ActivityEntry.category_id == Category.id).order_by(
                col(ActivityEntry.id).desc())).first()
            if row is None:
                return None
            entry, category = row
            view = EntryView(stored_id(entry), category.name, entry.week, entry.count,
                             entry.override_score, entry.reference, entry.note, entry.source)
            session.delete(entry)
            return view

    # -- chat transcripts -------------------------------------------------------------------

    def start_chat_session(self, model: str) -> int:
        with self._session() as session:
            row = ChatSession(started_at=utc_timestamp(), model=model)
            session.add(row)
            session.flush()
            return stored_id(row)

    def record_chat_message(self, session_id: int, role: str, content: str) -> int:
        with self._session() as session:
            row = ChatMessage(session_id=session_id, role=role, content=content,
                              created_at=utc_timestamp())
            session.add(row)
            session.flush()
            return stored_id(row)

    def chat_messages(self, session_id: int) -> list[tuple[str, str]]:
        """(role, content) of one conversation, oldest first."""
        with Session(self.engine) as session:
            return [(m.role, m.content) for m in session.exec(
                select(ChatMessage).where(ChatMessage.session_id == session_id)
                .order_by(col(ChatMessage.id)))]
