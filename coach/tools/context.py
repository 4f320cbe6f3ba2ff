"""What a tool may touch: the store, the week being checked in, and the person (to confirm)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Protocol

from perfmirror_core import validation
from perfmirror_core.scoring import ScoringData, StatusReport
from perfmirror_core.store.repository import Store
from perfmirror_core.weeks import IsoWeek, parse_week

from coach.privacy import EVERYTHING, Sharing


SEARCH_SLACK = 8  # extra candidates, so that leaving private records out still leaves k


@dataclass(frozen=True)
class ProposedEntry:
    """An entry the model (or the extractor) proposes; written only once the person confirms."""

    category: str
    count: int
    week: IsoWeek
    reference: str | None = None
    note: str | None = None

    def describe(self) -> str:
        """Everything the entry will store, so that the person confirms all of it."""
        ref = f" ({self.reference})" if self.reference else ""
        note = f" - note: \"{self.note}\"" if self.note else ""
        return f"{self.count} x {self.category} in {self.week}{ref}{note}"


class Person(Protocol):
    """The human on the other side of the terminal, as tools see them."""

    def confirm_entries(self, proposals: list[ProposedEntry]) -> list[ProposedEntry]:
        """Show proposals; return those to write (possibly edited), [] to decline."""

    def confirm(self, question: str) -> bool:
        """A yes/no question."""

    def show_status(self, report: StatusReport, forecast: str | None = None) -> None:
        """Render the core's status card verbatim (with the core's forecast line)."""

    def problem(self, text: str) -> None:
        """Tell the person something went wrong (text that is not for the model)."""


@dataclass
class ToolContext:
    store: Store
    person: Person
    week: IsoWeek  # the week being checked in (``/week`` changes it)
    current_week: IsoWeek
    last_user_text: str = ""
    last_user_message_id: int | None = None
    logged_entry_ids: list[int] = field(default_factory=list)
    open_memory: Callable[[], object] | None = None  # opens CareerMemory (chromadb) on demand
    cited_record_ids: list[int] = field(default_factory=list)
    sharing: Sharing = EVERYTHING  # what of the career memory the model may read
    _memory: object | None = None

    def chosen_week(self, week: str | None) -> IsoWeek:
        """A tool's ``week`` argument: default the week being checked in, never the future."""
        return validation.not_in_future(self.week if week is None else parse_week(week),
                                        self.current_week)

    def scoring_data(self, as_of: IsoWeek) -> ScoringData:
        """The person's data up to ``as_of``, for the core to score."""
        return self.store.scoring_data(last=as_of)

    def shared_recollections(self, query: str, k: int) -> list:
        """The ``k`` career records closest to ``query`` among those the model may read."""
        memory = self.memory()
        found = memory.search(query, k=k + SEARCH_SLACK, kinds=self.sharing.kinds())
        return [r for r in found if self.sharing.allows(r.record)][:k]

    def memory(self):
        """The career memory, opened on first use: chromadb costs ~1 s, most turns skip it."""
        if self._memory is None:
            if self.open_memory is None:
                from perfmirror_core.store.paths import data_home

                from coach.memory.service import CareerMemory

                self._memory = CareerMemory(self.store, data_home())
            else:
                self._memory = self.open_memory()
        return self._memory
