"""Status sections of a weekly update: "Done:", "Next:", "Blocked:", "In progress:".

Team-sync notes are written as a few headed lists, and the heading, not the grammar of each
line, says whether the work under it happened: "- Next:\n  - Add dark mode" is a plan though
"Add dark mode" reads like a commit title, and "Blocked: tests for the importer" is work not
done. So the lines under a heading of plans, blockers or unfinished work are blanked before
anything else reads the text (offsets kept, as ``intent.statements_only`` keeps them), and
a heading of done work leaves its lines as they are.

What a heading is: at the start of a line (after a bullet, a "#" or bold marks), a short label
ending in a colon ("Next:", "Next week:", "TODO next week:", "Done/In progress:"), or a line
that is only a label ("- Done", "## Blocked"); after a sentence's end on the same line, a label
with a colon ("Shipped X. Next week: Y"). What it covers: the rest of its line, and the lines
below it that are indented deeper, or, for a heading without a bullet or with nothing after
its colon whose first item is as far out as it, the bullets that follow until a line as far
out that is not a bullet.
A label that names done work anywhere ("Done/In progress", "Done?/Need re-review?") is a done
heading: the writer filed the lines as done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from ..listmarkers import LIST_MARKER


class Status(Enum):
    DONE = "done"
    NOT_DONE = "not done"  # planned, blocked or unfinished


# Labels, each part of one on its own ("Done/In progress": "done", "in progress").
_DONE_LABELS = frozenset(("done", "shipped", "completed", "complete", "finished", "merged",
                          "released", "landed", "accomplished", "got done", "last week",
                          "did", "wins", "achievements"))
_NOT_DONE_LABELS = frozenset(("next", "next steps", "next up", "up next", "todo", "todos",
                              "to do", "to-do", "plan", "plans", "planned", "upcoming",
                              "coming up", "in progress", "in-progress", "wip", "ongoing",
                              "blocked", "blockers", "blocker", "blocking", "stuck", "not done",
                              "didn't get done", "did not get done", "pending", "still to do",
                              "goals", "goal", "priorities"))
# Words that only say when or for whom: "Done this week", "TODO next week", "plans for next
# week", "blocked on". What is left decides.
_QUALIFIERS = frozenset("for this the week on by to my our so far".split())
_BRACKETED = re.compile(r"\([^()]*\)")

_LABEL = re.compile(r"(?:#+\s*)?(?:\*\*|__)?([A-Za-z][A-Za-z'’ ?/&()-]{0,60}?)[?]?(?:\*\*|__)?"
                    r"\s*(:|$)")
# A label after a sentence's end on the same line: ". Next week: ..." (a colon is required).
_INLINE_LABEL = re.compile(r"(?<=[.!;])\s+(?:\*\*|__)?([A-Za-z][A-Za-z' -]{0,24}?)(?:\*\*|__)?:")


def status_of(label: str) -> Status | None:
    """What a heading's label files its lines as, or None when it is no status label
    ("Update:", "Reviews:", "Berlin", "This week:"). "Didn't get done (and had committed to
    it)": what the brackets add does not change the label."""
    label = _BRACKETED.sub("", label.replace("’", "'"))
    parts = [part.strip(" ?*_#").lower() for part in re.split(r"[/&,]|\band\b", label)]
    statuses = {_status_of_part(part) for part in parts if part}
    if Status.DONE in statuses:
        return Status.DONE
    return Status.NOT_DONE if Status.NOT_DONE in statuses else None


def _status_of_part(part: str) -> Status | None:
    if part in _DONE_LABELS:
        return Status.DONE
    if part in _NOT_DONE_LABELS:
        return Status.NOT_DONE
    core = [word.removesuffix("'s") for word in part.split()
            if word.removesuffix("'s") not in _QUALIFIERS]  # "next week's plan"
    if core and all(word in _DONE_LABELS for word in core) and "last" not in core:
        return Status.DONE  # "Done this week"
    if core and all(word in _NOT_DONE_LABELS for word in core):
        return Status.NOT_DONE  # "TODO next week", "plans for next week", "blocked on"
    return None


def done_sections_only(text: str) -> str:
    """The text with every line a plan, blocker or unfinished-work heading covers blanked out
    (newlines and offsets kept), heading included."""
    kept: list[str] = []
    # the open heading: its indent, whether bulleted lines as far out are its items too, and
    # whether a line has come under it yet
    covering: tuple[int, bool, bool] | None = None
    for line in text.split("\n"):
        indent = _indent(line)
        if covering is not None and line.strip():
            heading_indent, siblings, started = covering
            if not _covered(line, indent, heading_indent, siblings):
                covering = None
            elif not started:  # items indented under it: a line as far out is not one
                covering = (heading_indent, siblings and indent == heading_indent, True)
        if covering is not None:
            kept.append(_blank(line))
            continue
        opening = heading(line)
        blanked, last = _blank_plans_in_line(line, opening)
        if opening is not None and opening.status is Status.NOT_DONE and (
                last is Status.NOT_DONE):
            bulleted = LIST_MARKER.match(line.lstrip()) is not None
            covering = (indent, not bulleted or not line[opening.end:].strip(), False)
        kept.append(blanked)
    return "\n".join(kept)


def _blank_plans_in_line(line: str, opening: Heading | None) -> tuple[str, Status | None]:
    """The line with its plan sections blanked, and the status its last section has.
    "next week: interviews. this week: 4 standups": a label said after a sentence's end
    opens a section of its own, to the next such label or the line's end."""
    status, start = (opening.status, opening.start) if opening is not None else (None, 0)
    sections: list[tuple[int, Status | None]] = [(start, status)]
    for label in _INLINE_LABEL.finditer(line, start):
        sections.append((label.start(1), status_of(label.group(1))))
    ends = [begin for begin, _ in sections[1:]] + [len(line)]
    pieces = [line[: sections[0][0]]]
    for (begin, section_status), end in zip(sections, ends):
        piece = line[begin:end]
        pieces.append(_blank(piece) if section_status is Status.NOT_DONE else piece)
    return "".join(pieces), sections[-1][1]


@dataclass(frozen=True)
class Heading:
    """A status heading opening a line."""

    status: Status
    start: int  # where its label starts (after indent and bullet)
    end: int  # where the line's own text after the label starts ("- Next: <here>")


def heading(line: str) -> Heading | None:
    """The status heading opening this line, if any: "- Done:", "## Next", "**Blocked**:"."""
    stripped = line.lstrip()
    start = len(line) - len(stripped)
    bullet = LIST_MARKER.match(stripped)
    if bullet:
        stripped, start = stripped[bullet.end():], start + bullet.end()
    label = _LABEL.match(stripped)
    if label is None:
        return None
    status = status_of(label.group(1))
    end = start + label.end()
    while end < len(line) and line[end] in " *_":
        end += 1  # "**Done:** fixed it": the bold marks close after the colon
    return None if status is None else Heading(status, start, end)


def _covered(line: str, indent: int, heading_indent: int, siblings: bool) -> bool:
    """Whether a line still belongs to the heading above it: one indented deeper, or a bullet
    as far out under a heading without a bullet or with nothing after its colon ("Next:\n-
    write the runbook", "- Next:\n- write the runbook")."""
    if indent > heading_indent:
        return True
    return siblings and indent == heading_indent and (
        LIST_MARKER.match(line.lstrip()) is not None) and heading(line) is None


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)
