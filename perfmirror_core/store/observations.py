"""The observations aggregate, the person's side of the feedback loop: which warnings they were
shown, which they acknowledged, their struggles, and whether this week's check-in is done.

An observation is written by reading commands (``warnings``, ``loops``, the chat's opening) and
is skipped, not refused, on a home the person may only read: the warnings still show.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from ..loops import Acknowledgement, Observation, Struggle
from ..validation import not_in_future, text
from ..warnings import check_code
from ..weeks import IsoWeek, parse_week
from .base import StoreBase
from .database import connect, utc_timestamp, writable


@dataclass(frozen=True)
class CheckinDue:
    week: IsoWeek
    done: bool
    entries: int  # entries logged for the week
    chat_messages: int  # messages the person sent in chat during the week

    @property
    def due(self) -> bool:
        return not self.done


class ObservationStore(StoreBase):
    """Acknowledgements, observations, struggles, check-ins (mixed into ``Store``)."""

    def acknowledge(self, code: str, week: IsoWeek, current_week: IsoWeek,
                    note: str | None = None) -> Acknowledgement:
        """Store that the person acknowledged warning ``code`` in ``week``; checks before writing."""
        checked = check_code(code)
        not_in_future(week, current_week)
        clean_note = text(note, "note", 500) if note is not None else None
        from .tables import stored_id
        from .tables.observations import WarningAck

        with self._write() as session:
            row = WarningAck(code=checked, week=str(week), note=clean_note,
                             created_at=utc_timestamp())
            session.add(row)
            session.flush()
            return Acknowledgement(checked, week, clean_note, stored_id(row))

    def acknowledgements(self) -> list[Acknowledgement]:
        """Every acknowledgement, oldest first."""
        with self._read() as connection:
            return [Acknowledgement(row["code"], parse_week(row["week"]), row["note"], row["id"])
                    for row in connection.execute(
                        "SELECT id, code, week, note FROM warning_ack ORDER BY week, id")]

    def observe(self, week: IsoWeek, codes: Iterable[str]) -> bool:
        """Log that the person was shown ``codes`` (maybe none) in ``week``; True if a row was
        added. Nothing is logged on a read-only home.

        Idempotent: a row is added only when the state differs from the last one logged for that
        week, so running ``warnings`` ten times a week logs one row, and a back-fill that clears
        a warning logs the change. The one write that is not a SQLModel session: it is part of
        reading (``warnings``, ``loops``, the chat's opening), and a session would cost those
        reads SQLModel's import, so it is one plain, autocommitted INSERT.
        """
        state = ",".join(sorted({check_code(code) for code in codes}))
        if not writable(self.path):
            return False
        connection = connect(self.path)
        try:
            # One statement, so two commands at once cannot both add the same row.
            cursor = connection.execute(
                "INSERT INTO warning_observation (week, codes, observed_at) SELECT ?, ?, ? "
                "WHERE (SELECT codes FROM warning_observation WHERE week = ? "
                "ORDER BY id DESC LIMIT 1) IS NOT ?",
                (str(week), state, utc_timestamp(), str(week), state))
            return cursor.rowcount == 1
        finally:
            connection.close()

    def observations(self) -> list[Observation]:
        """Every observation, in the order they were made."""
        with self._read() as connection:
            return [Observation(parse_week(row["week"]),
                                frozenset(filter(None, row["codes"].split(","))))
                    for row in connection.execute(
                        "SELECT week, codes FROM warning_observation ORDER BY id")]

    def struggles(self) -> list[Struggle]:
        """Struggles from career memory that say when they were noticed."""
        with self._read() as connection:
            return [Struggle(*row) for row in connection.execute(
                "SELECT id, text, noticed, resolved FROM career_record "
                "WHERE kind = 'struggle' AND noticed IS NOT NULL ORDER BY id")]

    def career_notes(self, include_private: bool = False
                     ) -> list[tuple[int, str, str | None, str]]:
        """(id, kind, when, text) of career records, to ground recommendations in.

        Private records stay out unless asked: recommendations may be phrased by a remote model.
        """
        sql = "SELECT id, kind, when_text, text FROM career_record"
        if not include_private:
            sql += " WHERE private = 0"
        with self._read() as connection:
            return [(row[0], row[1], row[2], row[3])
                    for row in connection.execute(sql + " ORDER BY id")]

    def checkin_due(self, week: IsoWeek) -> CheckinDue:
        """Is ``week``'s check-in done? Done = an entry for the week, or a chat check-in during it.

        Chat messages are stamped in UTC; the week's days are compared as dates, which may put a
        message sent near midnight in the neighbouring week.
        """
        monday = week.monday
        with self._read() as connection:
            entries: int = connection.execute(
                "SELECT COUNT(*) FROM activity_entry WHERE week = ?", (str(week),)).fetchone()[0]
            messages: int = connection.execute(
                "SELECT COUNT(*) FROM chat_message WHERE role = 'user' AND created_at >= ? "
                "AND created_at < ?",
                (monday.isoformat(), (monday + timedelta(days=7)).isoformat())).fetchone()[0]
        return CheckinDue(week, bool(entries or messages), entries, messages)
