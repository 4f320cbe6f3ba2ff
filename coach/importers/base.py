"""The one interface every importer implements, and the plain data that flows through it.

An importer is configured by its constructor's keyword arguments (the registry checks them
against the signature), says whether its source is usable (``discover``), reads what happened
since a date (``fetch``) and maps those events to proposed entries with the person's rules
(``to_proposals``). ``discover`` is always called before ``fetch`` and may keep what it found
(a repository root, a token). An importer never writes: ``apply`` does, after a preview.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, ClassVar, Sequence

from perfmirror_core.errors import PerfMirrorError
from perfmirror_core.weeks import IsoWeek, week_of

if TYPE_CHECKING:
    from .rules import Rule

NOTE_LENGTH = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_note(text: str) -> str:
    """A source's title as a one-line note: no control characters (a title can carry terminal
    escape sequences), whitespace collapsed, at most ``NOTE_LENGTH`` characters."""
    return _CONTROL.sub("", " ".join(str(text).split()))[:NOTE_LENGTH]


class ImportUnavailable(PerfMirrorError):
    """A source that cannot be read right now (not configured, refused, rate limited)."""


@dataclass(frozen=True)
class SourceEvent:
    """Something that happened, in the source's own words.

    ``kind`` is what happened ("commit", "pr_merged", "meeting", ...), ``type`` the source's own
    classification (an issue type, labels, a doc type) and ``reference`` a stable id: the same
    event must get the same reference on every run, or re-imports would duplicate it.
    """

    kind: str
    title: str
    day: date
    reference: str
    type: str = ""


@dataclass(frozen=True)
class ImportProposal:
    """An entry an import would write; ``note`` is the source's title, kept as data only."""

    category: str
    count: int
    week: IsoWeek
    reference: str
    note: str

    def as_dict(self) -> dict:
        return {"category": self.category, "count": self.count, "week": str(self.week),
                "reference": self.reference, "note": self.note}


class Importer(ABC):
    """One source of evidence. Subclasses set ``name`` and implement ``discover`` and ``fetch``."""

    name: ClassVar[str]
    # Rules used when the person's rules file has no section for this importer (plugins).
    default_rules: ClassVar[tuple[dict, ...]] = ()

    @abstractmethod
    def discover(self) -> str | None:
        """None when the source can be read; otherwise one line saying why not."""

    @abstractmethod
    def fetch(self, since: date) -> list[SourceEvent]:
        """Events on or after ``since``; raises a ``PerfMirrorError`` on unreadable input."""

    def to_proposals(self, events: Sequence[SourceEvent],
                     rules: Sequence[Rule]) -> list[ImportProposal]:
        """One proposal per event that a rule maps to a category; the first matching rule wins."""
        proposals = []
        for event in events:
            rule = next((rule for rule in rules if rule.matches(event)), None)
            if rule is None or rule.skip:
                continue
            proposals.append(ImportProposal(rule.category, 1, week_of(event.day),
                                            event.reference, clean_note(event.title)))
        return proposals
