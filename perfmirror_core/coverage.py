"""Expectation coverage: which level expectations does the period's work evidence?

For the current level each statement is "consistent" (evidence in at least a quarter of the
window's weeks, ``consistent_min_weeks``), "evidenced" (fewer) or "not evidenced"; for the next
level it is "emerging" or "missing". Every verdict lists the entries that are its evidence, so
the person can check it.

The original said "consistent" at 3 weeks whatever the window: right for its 12-week period (a
quarter), generous over a 26-week packet, where 3 weeks in half a year is occasional. A quarter
keeps the original's meaning at 12 weeks and scales with the window (7 of 26); a
new user's first week is never "consistent" yet.

The original matched statements to categories by keyword overlap only; our defaults name their
evidence categories explicitly (exact, explainable), and keyword overlap remains the fallback for
statements a person adds without naming categories.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from .scoring import CategoryInfo, Entry, LevelFramework, Statement
from .text import keywords

CONSISTENT_SHARE = 0.25
# Words so common in expectations ("work across teams", "own the end-to-end") that sharing
# them says nothing about which category is evidence; function words are ignored anyway.
GENERIC_WORDS = frozenset("end own team teams work others new across".split())


@dataclass(frozen=True)
class EvidenceItem:
    entry_id: int | None
    week: str
    category: str
    count: int
    reference: str | None


@dataclass(frozen=True)
class ExpectationCoverage:
    level_kind: str  # "current" or "next"
    role: str
    level: int
    statement_id: int
    text: str
    status: str  # consistent | evidenced | not evidenced | emerging | missing
    weeks_with_evidence: int
    evidence: tuple[EvidenceItem, ...]


def expectation_keywords(text: str) -> set[str]:
    """The stems that say what an expectation, category or step is about."""
    return keywords(text, ignore=GENERIC_WORDS)


def categories_matching_text(text: str, categories: Iterable[tuple[int, str]]) -> tuple[int, ...]:
    """Category ids whose words (name, synonyms, description) overlap the statement's words.

    ``categories`` yields (id, all the category's words as one string).
    """
    wanted = expectation_keywords(text)
    return tuple(category_id for category_id, words in categories
                 if wanted & expectation_keywords(words))


def consistent_min_weeks(window_weeks: int) -> int:
    """Weeks with evidence that make an expectation "consistent": a quarter of the window,
    rounded up (3 of 12, 7 of 26), and at least 2: one week shows no consistency."""
    return max(2, math.ceil(CONSISTENT_SHARE * window_weeks - 1e-9))


def _statement_coverage(statement: Statement, level_kind: str, framework: LevelFramework,
                        entries: Sequence[Entry], categories: Mapping[int, CategoryInfo],
                        window_weeks: int) -> ExpectationCoverage:
    wanted = set(statement.evidence_category_ids)
    evidence = [entry for entry in entries if entry.category_id in wanted]
    weeks = len({entry.week for entry in evidence})
    if level_kind == "current":
        status = ("consistent" if weeks >= consistent_min_weeks(window_weeks)
                  else "evidenced" if weeks else "not evidenced")
    else:
        status = "emerging" if weeks else "missing"
    items = tuple(
        EvidenceItem(entry.id, str(entry.week), categories[entry.category_id].name, entry.count,
                     entry.reference)
        for entry in sorted(evidence, key=lambda entry: (entry.week, entry.id or 0)))
    return ExpectationCoverage(level_kind, framework.role, framework.level, statement.id,
                               statement.text, status, weeks, items)


def expectation_coverage(current: LevelFramework, next_level: LevelFramework | None,
                         period_entries: Sequence[Entry], categories: Mapping[int, CategoryInfo],
                         window_weeks: int) -> tuple[ExpectationCoverage, ...]:
    """Coverage of the current level's statements, then the next level's, over a window of
    ``window_weeks`` weeks (the scored weeks: history start respected)."""
    levels = [("current", current)] + ([("next", next_level)] if next_level else [])
    return tuple(
        _statement_coverage(statement, kind, framework, period_entries, categories, window_weeks)
        for kind, framework in levels
        for statement in framework.statements)
