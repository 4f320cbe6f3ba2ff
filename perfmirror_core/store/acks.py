"""The person's side of the feedback loop: acknowledgements, struggles and weekly check-ins.

Reads use ``sqlite3`` alone (``warnings``, ``loops`` and ``due`` stay quick); the one write, an
acknowledgement, goes through SQLModel over ``Store.engine`` and imports it only then.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.engine import Engine

from ..loops import Acknowledgement, Struggle
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

