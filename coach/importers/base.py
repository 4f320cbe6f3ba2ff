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
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Callable, ClassVar, Sequence

from perfmirror_core.errors import PerfMirrorError
from perfmirror_core.weeks import IsoWeek, week_of

if TYPE_CHECKING:
    from .rules import Rule

NOTE_LENGTH = 200
EXAMPLES = 3  # examples kept per reason an event was left out

# Why an event was left out, in the person's words (importers may add their own).
NO_RULE = "no rule matched"
SKIPPED_BY_RULE = "skipped by a rule"
NOT_MINE = "not yours"
MERGE = "merge (the commits it brings count on their own)"
OUTSIDE = "outside the window"
DECLINED = "declined"
MALFORMED = "malformed"
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


@dataclass
class Dropped:
    """How many events were left out, by reason, with a few examples of each for the preview."""

    counts: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, reason: str, example: str, count: int = 1) -> None:
        self.counts[reason] = self.counts.get(reason, 0) + count
        kept = self.examples.setdefault(reason, [])
        if len(kept) < EXAMPLES:
            kept.append(clean_note(example)[:80])

    def as_dict(self) -> dict[str, dict[str, object]]:
        return {reason: {"count": count, "examples": self.examples.get(reason, [])}
                for reason, count in self.counts.items()}


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
    # Called with (done, total) while fetching a source that can take a while; set by the CLI.
    on_progress: Callable[[int, int], None] | None = None

    @property
    def dropped(self) -> Dropped:
        """What ``fetch`` left out and why; created on first use (plugins need not know)."""
        if "_dropped" not in self.__dict__:
            self.__dict__["_dropped"] = Dropped()
        found: Dropped = self.__dict__["_dropped"]
        return found

    def identity(self) -> str:
        """Whose work this import looks for and where that came from; "" if not personal."""
        return ""

    def progress(self, done: int, total: int) -> None:
        if self.on_progress is not None:
            self.on_progress(done, total)

    @abstractmethod
    def discover(self) -> str | None:
        """None when the source can be read; otherwise one line saying why not."""

    @abstractmethod
    def fetch(self, since: date) -> list[SourceEvent]:
        """Events on or after ``since``; raises a ``PerfMirrorError`` on unreadable input."""

    def to_proposals(self, events: Sequence[SourceEvent],
                     rules: Sequence[Rule]) -> list[ImportProposal]:
        """One proposal per event that a rule maps to a category; the first matching rule wins.
        Events no rule maps, or a rule skips, are counted in ``dropped``."""
        proposals = []
        for event in events:
            rule = next((rule for rule in rules if rule.matches(event)), None)
            if rule is None or rule.skip:
                self.dropped.add(NO_RULE if rule is None else SKIPPED_BY_RULE, event.title)
                continue
            proposals.append(ImportProposal(rule.category, 1, week_of(event.day),
                                            event.reference, clean_note(event.title)))
        return proposals
