"""The SQLite store: the person's data, the single source of truth.

``paths`` finds the data directory, ``migrations`` brings any database to the current schema,
``schema`` declares the tables (SQLModel), ``snapshot`` reads them fast into the core's plain data
for scoring, and ``repository`` is every write. ``schema`` and ``repository`` import SQLModel
(~0.4 s); reads for ``status`` use only ``sqlite3`` so the command stays quick.
"""
