"""How every part of the store reaches the database: reads through a read-only ``sqlite3``
connection, writes through a SQLModel session over the table models of ``tables``.

Reads are what people run most (``status``, ``entries``, the chat's opening), so they need no
ORM: plain SQL returning the core's frozen dataclasses, on a connection that cannot write and
works on a home the person may only read. A write is one SQLModel session and one transaction:
SQLModel (~0.4 s of imports) is loaded by the first write only. Nothing outside
``perfmirror_core.store`` sees a connection, a session or SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .database import connect, prepare_database, writable

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine
    from sqlmodel import Session, SQLModel

Model = TypeVar("Model", bound="SQLModel")


class StoreBase:
    """The database file and the two ways in; the aggregates' mixins add the methods."""

    def __init__(self, home: Path | None = None, create: bool = True) -> None:
        """``create=False``: refuse (``NotInitialised``) rather than create a missing database.

        A database perf-mirror may not write is opened read-only: reads work, and a write
        fails with SQLite's "readonly database", which the CLI reports in one line.
        """
        self.path = prepare_database(home, create)

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """A read-only connection (``mode=ro``): works on a home the person may only read, and
        no read can write by mistake. Rows come back as ``sqlite3.Row``."""
        connection = connect(self.path, read_only=True)
        connection.row_factory = sqlite3.Row
        try:
            yield connection
        finally:
            connection.close()

    @cached_property
    def _engine(self) -> Engine:
        from sqlalchemy import event
        from sqlmodel import create_engine

        url = f"sqlite:///{self.path}" if writable(self.path) else \
            f"sqlite:///file:{self.path.absolute()}?mode=ro&uri=true"
        engine = create_engine(url)
        event.listen(engine, "connect", _on_connect)
        event.listen(engine, "begin", _begin_immediate)
        return engine

    def prepare_writes(self) -> None:
        """Load the write path (SQLModel, the table models, the engine) without writing: the
        chat warms it in a background thread while the person reads its opening, so the first
        write does not pay SQLModel's import."""
        from . import schema  # noqa: F401  (declares the table models)

        self._engine  # noqa: B018  (built and cached)

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """One transaction: everything in the block is stored, or, on any exception, nothing."""
        from sqlmodel import Session

        with Session(self._engine) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise


def has_profile(connection: sqlite3.Connection) -> bool:
    """Whether ``init`` has run: a profile row exists. Read on the read path and inside a write's
    transaction alike (``log`` checks it under the same lock as its insert)."""
    return connection.execute("SELECT 1 FROM profile LIMIT 1").fetchone() is not None


def sqlite_of(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection under a write session, in its transaction (begun IMMEDIATE).

    A check inside a write (is there a profile, which category is meant, what was logged last)
    runs the read path's plain SQL here: it sees what the write will change, under the same
    lock, and the write declares only the table models it changes.
    """
    connection = session.connection().connection.dbapi_connection
    if not isinstance(connection, sqlite3.Connection):
        raise RuntimeError(f"the store writes SQLite, not {type(connection).__name__}")
    return connection


def _on_connect(connection: sqlite3.Connection, _record: object) -> None:
    """Foreign keys on; and transactions left to ``_begin_immediate`` (pysqlite's own BEGIN
    is deferred and issued late, SQLAlchemy's documented recipe turns it off)."""
    connection.isolation_level = None
    connection.execute("PRAGMA foreign_keys = ON")


def _begin_immediate(connection: Connection) -> None:
    """Every write transaction takes the write lock before its first read, so a check made
    inside it (a name not yet used, a reference not yet imported) still holds at COMMIT, and
    two writers wait for each other instead of failing half-way."""
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def replace_row(session: Session, model: type[Model], key: Mapping[str, object],
                values: Mapping[str, object]) -> Model:
    """Set ``values`` on the row of ``model`` whose ``key`` columns hold ``key``'s values (None
    matches NULL: "every level"), or add that row. Weights, targets and a category's weekly
    expectation are each one row per scope: setting one twice replaces it, never doubles it."""
    from sqlmodel import col, select

    query = select(model)
    for name, value in key.items():
        column = col(getattr(model, name))
        query = query.where(column.is_(None) if value is None else column == value)
    oldest_first = col(getattr(model, "id"))  # noqa: B009 (the bound, SQLModel, has no id)
    row = session.exec(query.order_by(oldest_first)).first()
    if row is None:
        row = model(**key, **values)
    else:
        for name, value in values.items():
            setattr(row, name, value)
    session.add(row)
    return row
