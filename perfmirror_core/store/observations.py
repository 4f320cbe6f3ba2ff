"""The person's side of the feedback loop: what they were shown, what they acknowledged, their
struggles and weekly check-ins.

Reads use ``sqlite3`` alone (``warnings``, ``loops`` and ``due`` stay quick). An acknowledgement
goes through SQLModel over ``Store.engine`` and imports it only then; an observation is one
``INSERT`` on the reading command's own connection, so showing warnings stays a quick read.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.engine import Engine

from ..loops import Acknowledgement, Observation, Struggle
from ..validation import not_in_future, text
from ..warnings import check_code
from ..weeks import IsoWeek, parse_week
from .database import utc_timestamp


def load_acknowledgements(connection: sqlite3.Connection) -> list[Acknowledgement]:
    """Every acknowledgement, oldest first."""
    rows = connection.execute("SELECT id, code, week, note FROM warning_ack ORDER BY week, id")
    return [Acknowledgement(code, parse_week(week), note, ack_id)
            for ack_id, code, week, note in rows]


def record_acknowledgement(engine: Engine, code: str, week: IsoWeek, current_week: IsoWeek,
                           note: str | None = None) -> Acknowledgement:
    """Store that the person acknowledged warning ``code`` in ``week``; checks before writing."""
    checked = check_code(code)
    not_in_future(week, current_week)
    clean_note = text(note, "note", 500) if note is not None else None
    from sqlmodel import Session

    from .schema import WarningAck

    with Session(engine) as session:
        row = WarningAck(code=checked, week=str(week), note=clean_note,
                         created_at=utc_timestamp())
        session.add(row)
        session.commit()
        return Acknowledgement(row.code, week, row.note, row.id)


def record_observation(connection: sqlite3.Connection, week: IsoWeek,
                       codes: Iterable[str]) -> bool:
    """Log that the person was shown ``codes`` (maybe none) in ``week``; True if a row was added.

    Idempotent: a row is added only when the state differs from the last one logged for that
    week, so running ``warnings`` ten times a week logs one row, and a back-fill that clears a
    warning logs the change. One statement, so two commands at once cannot both add the same row.
    """
    state = ",".join(sorted({check_code(code) for code in codes}))
    cursor = connection.execute(
        "INSERT INTO warning_observation (week, codes, observed_at) SELECT ?, ?, ? "
        "WHERE (SELECT codes FROM warning_observation WHERE week = ? ORDER BY id DESC LIMIT 1) "
        "IS NOT ?", (str(week), state, utc_timestamp(), str(week), state))
    return cursor.rowcount == 1


def load_observations(connection: sqlite3.Connection) -> list[Observation]:
    """Every observation, in the order they were made."""
    rows = connection.execute("SELECT week, codes FROM warning_observation ORDER BY id")
    return [Observation(parse_week(week), frozenset(filter(None, codes.split(","))))
            for week, codes in rows]


def load_struggles(connection: sqlite3.Connection) -> list[Struggle]:
    """Struggles from career memory that say when they were noticed."""
    rows = connection.execute("SELECT id, text, noticed, resolved FROM career_record "
                              "WHERE kind = 'struggle' AND noticed IS NOT NULL ORDER BY id")
    return [Struggle(record_id, body, noticed, resolved)
            for record_id, body, noticed, resolved in rows]


def load_career_notes(connection: sqlite3.Connection,
                      include_private: bool = False) -> list[tuple[int, str, str | None, str]]:
    """(id, kind, when, text) of career records, to ground recommendations in.

    Private records stay out unless asked: recommendations may be phrased by a remote model.
    """
    sql = "SELECT id, kind, when_text, text FROM career_record"
    if not include_private:
        sql += " WHERE private = 0"
    return [tuple(row) for row in connection.execute(sql + " ORDER BY id")]


@dataclass(frozen=True)
class CheckinDue:
    week: IsoWeek
    done: bool
    entries: int  # entries logged for the week
    chat_messages: int  # messages the person sent in chat during the week

    @property
    def due(self) -> bool:
        return not self.done


def checkin_due(connection: sqlite3.Connection, week: IsoWeek) -> CheckinDue:
    """Is ``week``'s check-in done? Done = an entry for the week, or a chat check-in during it.

    Chat messages are stamped in UTC; the week's days are compared as dates, which may put a
    message sent near midnight in the neighbouring week.
    """
    entries = connection.execute("SELECT COUNT(*) FROM activity_entry WHERE week = ?",
                                 (str(week),)).fetchone()[0]
    monday = week.monday
    messages = connection.execute(
        "SELECT COUNT(*) FROM chat_message WHERE role = 'user' AND created_at >= ? "
        "AND created_at < ?", (monday.isoformat(), (monday + timedelta(days=7)).isoformat())
    ).fetchone()[0]
    return CheckinDue(week, bool(entries or messages), entries, messages)

