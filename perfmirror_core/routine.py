"""The routine work a check-in has not heard about yet.

People tell a check-in their highlights: the feature, the incident, the hard review. The standups,
1:1s and reviews of an ordinary week go unsaid, and a level's expectations count them, so a
normal week reads as Underperforming. Before the card is shown, the check-in names the routine
categories nothing was logged for this week, and the person can add them or skip. What counts as
routine is the level's own expectation (at least once a week) or the person's own habit (logged in
most recent weeks): both are facts the core already holds, so the question never guesses.
"""

from __future__ import annotations

from dataclasses import dataclass

from .scoring import ScoringData
from .weeks import IsoWeek

ROUTINE_WEEKLY = 1.0  # a category the level expects at least once a week is routine
HABIT_WEEKS = 4  # the person's own habit is read over the weeks just before this one
HABIT_MIN_WEEKS = 3  # ... and counts when the category was logged in at least this many
ROUTINE_SHOWN = 6


@dataclass(frozen=True)
class RoutineGap:
    """A routine category with nothing logged in the week, and why it counts as routine."""

    category: str
    expected_weekly: float  # what a usual week at the person's level has; 0.0 when not expected
    weeks_logged: int  # in how many of the HABIT_WEEKS weeks before this one it was logged


def routine_not_logged(data: ScoringData, week: IsoWeek,
                       limit: int = ROUTINE_SHOWN) -> list[RoutineGap]:
    """Routine categories with nothing logged in ``week``, the level's most expected first.

    A category is routine when the person's level expects it at least ``ROUTINE_WEEKLY`` times a
    week, or when the person logged it in at least ``HABIT_MIN_WEEKS`` of the ``HABIT_WEEKS``
    weeks before ``week``.
    """
    expected = data.framework_in(week).expected_weekly
    logged_now = {entry.category_id for entry in data.entries if entry.week == week}
    recent = {week.shifted(-back) for back in range(1, HABIT_WEEKS + 1)}
    weeks_logged: dict[int, set[IsoWeek]] = {}
    for entry in data.entries:
        if entry.week in recent:
            weeks_logged.setdefault(entry.category_id, set()).add(entry.week)
    gaps = []
    for category_id, category in data.categories.items():
        if category_id in logged_now:
            continue
        usual = expected.get(category_id, 0.0)
        habit = len(weeks_logged.get(category_id, ()))
        if usual >= ROUTINE_WEEKLY or habit >= HABIT_MIN_WEEKS:
            gaps.append(RoutineGap(category.name, usual, habit))
    gaps.sort(key=lambda gap: (-gap.expected_weekly, -gap.weeks_logged, gap.category))
    return gaps[:limit]
