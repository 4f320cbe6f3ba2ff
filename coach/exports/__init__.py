"""What leaves the mirror, by the person's choice.

Two kinds of export live here, with opposite rules:

- Sharing exports, for someone else to read: the brag document (``brag``) and the promotion or
  self-review packet (``packet``), as Markdown or one self-contained HTML file. Everything they
  list passes through ``redact.redact`` first: private records, struggles and entry notes stay
  out unless asked for.
- Ownership, the person's own complete copy: ``backup`` (a consistent live copy of the data
  directory), ``portable`` (``data export --json`` / ``data import``, nothing redacted) and
  ``ownership.wipe`` (remove every file perf-mirror owns).
"""
