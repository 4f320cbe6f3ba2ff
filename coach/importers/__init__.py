"""Importers: evidence that already exists (commits, pull requests, docs, meetings, tickets)
turned into proposed entries, each with a stable reference so re-running never duplicates.

One module per source under one interface (``base.Importer``); ``registry`` finds them by name,
built-in or installed from the ``perfmirror.importers`` entry point group. Mapping from source
events to categories is data (``rules``); ``apply`` previews and writes.
"""
