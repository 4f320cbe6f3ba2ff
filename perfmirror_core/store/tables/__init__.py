"""The tables as SQLModel classes, one module per aggregate: the latest schema version, used
for every write (reads are plain SQL, see ``base``).

A write imports only its aggregate's module, because declaring a table model is not free
(~6 ms each: all sixteen cost more than the rest of ``log``); ``schema`` imports them all.
Tables are created by the SQL migrations, not by ``create_all``;
``tests/test_store.py::test_migrated_schema_matches_the_sqlmodel_tables`` checks the two agree
column by column. List-valued fields (synonyms, evidence) are JSON text.
"""

from __future__ import annotations

from typing import Optional, Protocol


class _StoredRow(Protocol):
    id: Optional[int]


def stored_id(row: _StoredRow) -> int:
    """The primary key of a row that is in the database (read, or added and flushed).

    SQLModel types ``id`` as optional because a new row has none until it is flushed; every
    caller here asks after a flush or a read, so None would be a bug in the store, not input.
    """
    if row.id is None:
        raise RuntimeError(f"{type(row).__name__} has no id yet: flush the session first")
    return row.id
