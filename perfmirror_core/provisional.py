"""When is a reading of a new person's history a first reading? One decision for every surface.

The card calls a band from fewer than ``SETTLED_WEEKS`` weeks of history provisional
(``status.provisional_note``), and the forecast of such a history is provisional by the same
test, in the same words (``forecast.forecast_line``). A new user's card once said the band was
provisional (one week logged) while its forecast line gave "2% chance of Meeting Expectations or
better" for a period eleven weeks away. The backtest's newcomers (``benchmarks/
forecast_backtest.py``, each person's first period) show why neither may sound sure: in weeks 1
to 3 the chance of Meeting scored a Brier of 0.24-0.29 (0.25 is a coin toss) and the week-1
range held 47 % of outcomes for an 80 % range; from week 4 on, 0.18 and 79 %.
"""

from __future__ import annotations

from .text import plural

SETTLED_WEEKS = 4  # a reading from fewer weeks of history is a first reading


def is_first_reading(history_weeks: int) -> bool:
    """True while the history (its first week to as-of, inclusive) is shorter than
    ``SETTLED_WEEKS`` weeks."""
    return history_weeks < SETTLED_WEEKS


def first_reading_words(history_weeks: int) -> str:
    """Why a first reading is not a verdict, as the card and the forecast both begin it."""
    return (f"provisional: {plural(history_weeks, 'week')} of history, where one piece of lumpy "
            f"work more or less (a feature, a design doc, a hire, a roadmap) moves the ratio a "
            f"lot")
