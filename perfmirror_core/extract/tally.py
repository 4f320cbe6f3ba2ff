"""What a clause found (an activity) and what a check-in totals to (the tally)."""

from __future__ import annotations

from dataclasses import dataclass

from .words import Token

# How an item said in several places joins its spans in ``ExtractedActivity.phrase``.
PHRASE_JOIN = "; "


@dataclass(frozen=True)
class ExtractedActivity:
    category: str  # the category's name exactly as given in the vocabulary
    count: int  # >= 1
    phrase: str  # the span of text it came from (for showing the person why)


@dataclass(frozen=True)
class Activity:
    category: str
    count: int
    explicit: bool  # a quantity was stated, rather than the default 1
    phrase: str
    # The words of what the work was done to ("spec" in "read two specs"), for "wrote one".
    work_object: tuple[Token, ...] = ()
    # Whether another object joined by "and" is another piece of the same work: "tests for
    # the importer and the exporter" are two sets, "a talk on caching and queues" one talk.
    spreads: bool = False
    # Whether another object with an article of its own is another piece: "wrote a README and
    # a setup guide" (not after company or a topic: "a talk on caching and a demo of it").
    apart: bool = False
    # Whether the work was named by its verb with a plain noun phrase after it, which a bare
    # one joined on continues: "shipped dark mode and CSV export" (not "across payments and
    # search": a setting).
    listing: bool = False
    # A count after this one broke it down ("3 bugs, two in webhooks"): what follows is more
    # of the breakdown, not more work.
    broken_down: bool = False


class Tally:
    """Counts per category, in order of first mention, with the phrases behind them."""

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}
        self._phrases: dict[str, list[str]] = {}

    @property
    def counts(self) -> dict[str, int]:
        return self._counts

    def add(self, category: str, count: int, phrase: str) -> None:
        self._counts[category] = self._counts.get(category, 0) + count
        self._phrases.setdefault(category, []).append(phrase)

    def drop_single(self, category: str) -> None:
        """Forget one uncounted piece of this work: it was part of other work."""
        if self._counts.get(category) == 1:
            del self._counts[category], self._phrases[category]

    def take(self, category: str, count: int) -> None:
        """Count less of this work: some of it was only the setting of the rest."""
        self._counts[category] -= count

    def merge(self, other: Tally) -> None:
        for category, count in other._counts.items():
            for phrase in other._phrases[category]:
                self._phrases.setdefault(category, []).append(phrase)
            self._counts[category] = self._counts.get(category, 0) + count

    def activities(self) -> list[ExtractedActivity]:
        return [
            ExtractedActivity(category, count, PHRASE_JOIN.join(self._phrases[category]))
            for category, count in self._counts.items()
            if count >= 1
        ]
