"""The SQLite store: the person's data, the single source of truth.

``paths`` finds the data directory, ``database`` opens and checks the file, ``migrations`` brings
any database to the current schema, ``tables`` declares the tables as SQLModel classes (one
module per aggregate, so a write declares only its own; ``schema`` gathers them all), and
``repository.Store`` is the one way in, assembled from one module per aggregate (``framework``,
``categories``, ``activity``, ``career``, ``observations``, ``snapshot`` for the read every
score starts from, ``whole`` for data export and import). Reads are plain SQL on a read-only
``sqlite3`` connection returning the core's frozen dataclasses; each write is one SQLModel
session, one transaction (``base``), so SQLModel is imported by writes only.
"""
