"""TTA and TTR: how fast the person becomes aware of a problem, and how fast it is resolved.

Pure functions over plain data: the weekly warning conditions (``warnings.conditions_by_week``),
the log of what the person was shown (``Observation``), the acknowledgements they made
(``perfmirror ack`` or in chat) and the struggles in their career memory. No I/O, no clock.

- What counts as having held. Conditions are recomputed from today's entries, so a back-fill
  rewrites them: fill a logging gap and the ``logging-stopped`` the person saw and acknowledged
  never "happened". So ``observed_history`` lays the log of observations over the recomputed
  weeks: a week in which the person was shown warnings holds what they were shown (all of it, if
  they looked more than once); an observed code stays held until an observation sees it gone (a
  resolution is dated by when it was seen); weeks nobody looked at, and codes not carried over,
  are as recomputed (TTA runs from when a condition held, seen or not).
- An *episode* of a warning code starts in the first week it held and lasts until it is
  resolved: the condition no longer holds for ``RESOLUTION_WEEKS`` consecutive weeks. The
  resolution week is the first of those clear weeks; a single clear week between two bad ones
  does not end the episode.
- TTA (time to awareness) = weeks from the episode's start to the earliest acknowledgement of
  the same code made in or after the start week and before the resolution week: acknowledging
  is how the person says they are aware.
- TTR (time to resolution) = weeks from that acknowledgement to the resolution week. An episode
  resolved before anyone acknowledged it has neither.
- Struggles carry their own clock from career memory: TTR = weeks from ``noticed`` to
  ``resolved`` (YYYY-MM read as the month's first day, YYYY as 1 January: as precise as people
  remember). They have no TTA: noticing is the awareness.
- The trend compares the mean of the later half of the measurements (oldest episode first) with
  the earlier half; a difference under ``STEADY_WITHIN`` weeks is "steady".
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .weeks import IsoWeek, week_of

RESOLUTION_WEEKS = 2
STEADY_WITHIN = 0.5


@dataclass(frozen=True)
class Acknowledgement:
    code: str
    week: IsoWeek
    note: str | None = None
    id: int | None = None


@dataclass(frozen=True)
class Observation:
    """The warning codes that held when the person was shown warnings in ``week``."""

    week: IsoWeek
    codes: frozenset[str]


@dataclass(frozen=True)
class Struggle:
    """A struggle from career memory, as plain data (``noticed``/``resolved``: YYYY[-MM])."""

    id: int
    text: str
    noticed: str
    resolved: str | None = None


@dataclass(frozen=True)
class Episode:
    code: str  # a warning code, or "struggle"
    started: IsoWeek
    acknowledged: IsoWeek | None
    resolved: IsoWeek | None
    tta: int | None  # weeks; None until acknowledged
    ttr: int | None  # weeks; None until resolved after an acknowledgement
    waiting: int | None  # open episodes: weeks so far on the clock that is running
    struggle_id: int | None = None
    text: str | None = None

    @property
    def open(self) -> bool:
        return self.resolved is None


@dataclass(frozen=True)
class Trend:
    measurements: tuple[int, ...]  # oldest episode first
    earlier_mean: float | None
    later_mean: float | None
    direction: str  # shorter | longer | steady | not enough data


@dataclass(frozen=True)
class LoopReport:
    as_of: IsoWeek
    episodes: tuple[Episode, ...]  # warning episodes, oldest first
    struggles: tuple[Episode, ...]
    tta: Trend
    ttr: Trend
    struggle_ttr: Trend
    by_code: dict[str, tuple[Trend, Trend]]  # code -> (TTA trend, TTR trend)

    @property
    def current(self) -> tuple[Episode, ...]:
        return tuple(episode for episode in self.episodes if episode.open)

    @property
    def closed(self) -> tuple[Episode, ...]:
        return tuple(episode for episode in self.episodes if not episode.open)


def week_of_year_month(text: str) -> IsoWeek:
    """The ISO week of the first day of ``YYYY`` or ``YYYY-MM``."""
    year, _, month = text.partition("-")
    return week_of(date(int(year), int(month or 1), 1))


def _first_ack(acks: Sequence[Acknowledgement], code: str, start: IsoWeek,
               before: IsoWeek | None) -> IsoWeek | None:
    weeks = [ack.week for ack in acks if ack.code == code and ack.week >= start
             and (before is None or ack.week < before)]
    return min(weeks, default=None)


def _episode(code: str, start: IsoWeek, resolved: IsoWeek | None,
             acks: Sequence[Acknowledgement], as_of: IsoWeek) -> Episode:
    acknowledged = _first_ack(acks, code, start, resolved)
    tta = start.weeks_until(acknowledged) if acknowledged else None
    ttr = acknowledged.weeks_until(resolved) if acknowledged and resolved else None
    waiting = None
    if resolved is None:
        waiting = (acknowledged or start).weeks_until(as_of)
    return Episode(code, start, acknowledged, resolved, tta, ttr, waiting)


def observed_history(computed: Sequence[tuple[IsoWeek, Collection[str]]],
                     observations: Sequence[Observation],
                     as_of: IsoWeek) -> list[tuple[IsoWeek, frozenset[str]]]:
    """The recomputed weekly conditions with the log of observations laid over them (see the
    module docstring), one row a week up to ``as_of``; observations after ``as_of`` are unseen."""
    seen: dict[IsoWeek, list[frozenset[str]]] = {}
    for observation in observations:
        if observation.week <= as_of:
            seen.setdefault(observation.week, []).append(observation.codes)
    recomputed = {week: frozenset(codes) for week, codes in computed}
    weeks = [*recomputed, *seen]
    if not weeks:
        return []
    week, merged = min(weeks), []
    carried: frozenset[str] = frozenset()  # codes the last observation saw holding
    while week <= as_of:
        if week in seen:
            merged.append((week, frozenset().union(*seen[week])))
            carried = seen[week][-1]
        else:
            merged.append((week, recomputed.get(week, frozenset()) | carried))
        week = week.shifted(1)
    return merged


def warning_episodes(history: Sequence[tuple[IsoWeek, Collection[str]]],
                     acks: Sequence[Acknowledgement], as_of: IsoWeek) -> list[Episode]:
    """Every episode of every code in ``history`` ((week, codes held), oldest first, one row a
    week), oldest first."""
    found: list[Episode] = []
    open_since: dict[str, IsoWeek] = {}
    clear_since: dict[str, IsoWeek] = {}  # first clear week of an open episode's current gap
    for week, codes in history:
        for code in codes:
            clear_since.pop(code, None)
            open_since.setdefault(code, week)
        for code in [code for code in open_since if code not in codes]:
            first_clear = clear_since.setdefault(code, week)
            if first_clear.weeks_until(week) + 1 >= RESOLUTION_WEEKS:
                found.append(_episode(code, open_since.pop(code), clear_since.pop(code), acks,
                                      as_of))
    found += [_episode(code, start, None, acks, as_of) for code, start in open_since.items()]
    return sorted(found, key=lambda episode: (episode.started, episode.code))


def struggle_episodes(struggles: Sequence[Struggle], as_of: IsoWeek) -> list[Episode]:
    """Struggles with a ``noticed`` date, oldest first; TTR from noticed to resolved."""
    found = []
    for struggle in struggles:
        if not struggle.noticed:
            continue
        noticed = week_of_year_month(struggle.noticed)
        resolved = week_of_year_month(struggle.resolved) if struggle.resolved else None
        # a struggle 'resolved' before it was noticed (a typo) counts 0 weeks, not negative
        ttr = max(0, noticed.weeks_until(resolved)) if resolved else None
        waiting = noticed.weeks_until(as_of) if resolved is None else None
        found.append(Episode("struggle", noticed, noticed, resolved, None, ttr, waiting,
                             struggle.id, struggle.text))
    return sorted(found, key=lambda episode: (episode.started, episode.struggle_id))


def trend(measurements: Sequence[int]) -> Trend:
    """Later half against earlier half (the middle one sits out when the count is odd)."""
    values = tuple(measurements)
    half = len(values) // 2
    if half == 0:
        return Trend(values, None, None, "not enough data")
    earlier = sum(values[:half]) / half
    later = sum(values[-half:]) / half
    if abs(later - earlier) < STEADY_WITHIN:
        direction = "steady"
    else:
        direction = "shorter" if later < earlier else "longer"
    return Trend(values, earlier, later, direction)


def _trends(episodes: Sequence[Episode]) -> tuple[Trend, Trend]:
    return (trend([e.tta for e in episodes if e.tta is not None]),
            trend([e.ttr for e in episodes if e.ttr is not None]))


def loop_report(history: Sequence[tuple[IsoWeek, Collection[str]]],
                acks: Sequence[Acknowledgement], struggles: Sequence[Struggle],
                as_of: IsoWeek, observations: Sequence[Observation] = ()) -> LoopReport:
    """Current and past episodes with TTA/TTR, and whether they are getting shorter.

    ``history`` is the recomputed weekly conditions; ``observations`` the log of what the person
    was shown, which outlives a back-fill (``observed_history``)."""
    episodes = warning_episodes(observed_history(history, observations, as_of), acks, as_of)
    struggle_list = struggle_episodes(struggles, as_of)
    tta, ttr = _trends(episodes)
    codes = sorted({episode.code for episode in episodes})
    by_code = {code: _trends([e for e in episodes if e.code == code]) for code in codes}
    return LoopReport(as_of, tuple(episodes), tuple(struggle_list), tta, ttr,
                      trend([e.ttr for e in struggle_list if e.ttr is not None]), by_code)


def _episode_dict(episode: Episode) -> dict[str, Any]:
    return {"code": episode.code, "started": str(episode.started),
            "acknowledged": str(episode.acknowledged) if episode.acknowledged else None,
            "resolved": str(episode.resolved) if episode.resolved else None,
            "tta_weeks": episode.tta, "ttr_weeks": episode.ttr, "open": episode.open,
            "weeks_waiting": episode.waiting,
            **({"struggle_id": episode.struggle_id, "text": episode.text}
               if episode.struggle_id is not None else {})}


def _trend_dict(value: Trend) -> dict[str, Any]:
    return {"measurements": list(value.measurements), "earlier_mean": value.earlier_mean,
            "later_mean": value.later_mean, "direction": value.direction}


def loop_report_as_dict(report: LoopReport) -> dict[str, Any]:
    """The JSON contract of ``perfmirror loops --json``."""
    return {
        "as_of": str(report.as_of),
        "current": [_episode_dict(e) for e in report.current],
        "history": [_episode_dict(e) for e in report.closed],
        "struggles": [_episode_dict(e) for e in report.struggles],
        "trend": {"tta": _trend_dict(report.tta), "ttr": _trend_dict(report.ttr),
                  "struggle_ttr": _trend_dict(report.struggle_ttr)},
        "by_code": {code: {"tta": _trend_dict(tta), "ttr": _trend_dict(ttr)}
                    for code, (tta, ttr) in report.by_code.items()},
    }
