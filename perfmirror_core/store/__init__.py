"""The SQLite store: the person's data, the single source of truth.

``paths`` finds the data directory, ``database`` opens and checks the file, ``migrations`` brings
any database to the current schema, and ``repository.Store`` is the one way in, assembled from
one module per aggregate (``framework``, ``categories``, ``activity``, ``career``,
``observations``, and ``snapshot`` for the read every score starts from). All of it is plain
``sqlite3`` (``base``): reads open the file read-only, each write is one transaction, and the
rest of the program gets frozen dataclasses back. ``schema`` declares the same tables as SQLModel
classes, checked against the migrations by a test; nothing at run time imports it.
"""
