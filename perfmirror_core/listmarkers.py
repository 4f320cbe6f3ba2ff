"""What marks an item of a list a person pasted: "- ", "* ", "+ ", a bullet ("•", "‣", "◦"),
or "2." / "2)".

One pattern for every reader of pasted notes: the extractor's status sections and listed
changes, the chat's reading of a piped note and the note kept with a check-in entry. When each
had its own, a "+ fixed X" line was a bullet to the chat and the extractor but kept its "+" in
the entry's note, and a "◦" line was the other way round.
"""

from __future__ import annotations

import re

# Leading space, the marker, and the space after it (a marker must be followed by a space:
# "-fast" and "2.5x" are words, not items).
LIST_MARKER = re.compile(r"\s*(?:[-*+\u2022\u2023\u25e6]|\d{1,2}[.)])\s+")


def without_list_marker(line: str) -> str:
    """The line's words without its list marker ("- fix flaky test" -> "fix flaky test")."""
    return LIST_MARKER.sub("", line, count=1) if LIST_MARKER.match(line) else line


def is_list_item(line: str) -> bool:
    """Whether the line is an item of a list: a marker followed by words."""
    marker = LIST_MARKER.match(line)
    return marker is not None and bool(line[marker.end():].strip())
