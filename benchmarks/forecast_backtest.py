"""How often does the forecast name the band the period actually ends in, week by week, and how
honest are its ranges and its warnings?

Synthetic people with the default framework. Each has a pace (their level relative to
expectation, 0.55-1.6, so every band occurs) and one of six shapes:

- steady:    the same pace, ordinary week-to-week noise
- declining: pace falls by 40 % of itself over the 24 weeks
- improving: pace rises by 40 %
- noisy:     the same pace, with weeks from a third to three times as busy
- sparse:    logs in about one week in three, the missed weeks' work lumped into the next
- lumpy:     a Director L7 whose occasional work (roadmaps, projects, hiring decisions: every
             category expected less than once a week) lands in one week of each calendar month,
             a month's worth at once; the routine (1:1s, meetings) is weekly

IC L4 for the first five. Each week's count per category is Poisson(expected weekly count x pace
x that week's factor). The first 12 weeks are the previous period; for each week k of the next
(scored) 12-week period the forecast as of week k is compared with the band ``compute_status``
gives at the end of the period, and with the naive "band of the period so far" (score so far /
expected so far). Printed per shape and overall: the hit rate of both, how often the actual
end-of-period ratio fell inside the 80 % range and how wide that range was, and the Brier score
of the probability of Meeting or better (0 is perfect, 0.25 a coin toss).

The lumpy people live on for 26 more weeks after the previous period (38 weeks in all), and
the ``forecast-below-meeting`` warning is evaluated week by week as ``perfmirror warnings``
would (``warnings.conditions_by_week``, from the person's first week): printed are the episodes
raised in those 26 weeks per person, overall, for the people whose every period ended at Meeting
or better (false alarms) and for those whose two periods ended on the same side of it; and, for
comparison, the episodes open at any time in them (one raised in the previous period and still
open counts too). And the warning's reach: of the two periods after the previous one, how many
that ended under Meeting saw the warning in one of their weeks, and how many that ended at
Meeting or better did (false alarms).

Newcomers: the same people again with no previous period (their history starts with the scored
period, as a new user's does), forecast as of each of its first ``NEWCOMER_WEEKS`` weeks. Printed
per week: how often the end-of-period ratio fell inside the 80 % range, its width, and the
Brier score of the chance of Meeting, with no forecast (nothing logged yet) left out. Weeks of
history under ``provisional.SETTLED_WEEKS`` are first readings: no surface states their range
or chance (``Forecast.provisional``), and these lines say why.

Tuning and reporting use different draws. The constants in ``perfmirror_core/forecast.py`` and
``warnings.py`` were chosen by looking only at ``--seed 11`` (the tuning draw); the default
``--seed 7`` is the report, run after the constants were fixed. A method tuned on the figures it
reports would flatter itself.

    python benchmarks/forecast_backtest.py [--people 200] [--seed 7]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from perfmirror_core.forecast import WeeklyScores, forecast_from  # noqa: E402
from perfmirror_core.loops import warning_episodes  # noqa: E402
from perfmirror_core.scoring import (  # noqa: E402
    BANDS_BEST_FIRST, Entry, ScoringData, compute_status)
from perfmirror_core.warnings import FORECAST_BELOW, conditions_by_week  # noqa: E402
from perfmirror_core.weeks import IsoWeek  # noqa: E402

PERIOD = 12
START = IsoWeek(2025, 1)  # first week of the previous period; the scored one follows
SHAPES = ("steady", "declining", "improving", "noisy", "sparse", "lumpy")
REPORT_SEED, TUNING_SEED = 7, 11
EPISODE_WEEKS = 26  # the lumpy people's span after the previous period
NEWCOMER_WEEKS = 6  # a newcomer's first weeks, forecast one by one


def framework_data(role: str, level: int) -> ScoringData:
    """The default framework for one role and level, read through the real store, no entries."""
    from perfmirror_core.frameworks import default_framework
    from perfmirror_core.store.repository import Store

    with tempfile.TemporaryDirectory(prefix="perfmirror-backtest-") as directory:
        os.environ["PERFMIRROR_HOME"] = directory
        store = Store(Path(directory))
        store.seed_framework(default_framework())
        store.set_profile(role, level, START, START.shifted(PERIOD + EPISODE_WEEKS))
        return store.scoring_data(last=START.shifted(PERIOD + EPISODE_WEEKS))


def poisson(rng: random.Random, mean: float) -> int:
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, math.sqrt(mean))))
    limit, product, count = math.exp(-mean), rng.random(), 0
    while product > limit:
        product *= rng.random()
        count += 1
    return count


def week_factors(rng: random.Random, shape: str, weeks: int) -> list[float]:
    if shape == "declining":
        return [1.2 - 0.4 * t / (weeks - 1) for t in range(weeks)]
    if shape == "improving":
        return [0.8 + 0.4 * t / (weeks - 1) for t in range(weeks)]
    if shape == "noisy":
        return [math.exp(rng.uniform(math.log(1 / 3), math.log(3))) / 1.2 for _ in range(weeks)]
    return [1.0] * weeks


def lumpy_entries(rng: random.Random, pace: float, template: dict[int, float],
                  weeks: int) -> list[Entry]:
    entries = []
    months: dict[tuple[int, int], list[IsoWeek]] = {}
    for offset in range(weeks):
        week = START.shifted(offset)
        months.setdefault((week.monday.year, week.monday.month), []).append(week)
    for month_weeks in months.values():
        lump_week = rng.choice(month_weeks)
        for category_id, expected in template.items():
            if expected >= 1:
                entries += [Entry(category_id, week, count) for week in month_weeks
                            if (count := poisson(rng, expected * pace))]
            elif count := poisson(rng, expected * pace * len(month_weeks)):
                entries.append(Entry(category_id, lump_week, count))
    return entries


def person(rng: random.Random, shape: str, base: ScoringData) -> ScoringData:
    pace = rng.uniform(0.55, 1.6)
    template = base.framework_in(START).expected_weekly
    if shape == "lumpy":
        return replace(base, entries=lumpy_entries(rng, pace, template, PERIOD + EPISODE_WEEKS))
    entries = []
    carried: dict[int, int] = {}
    for offset, factor in enumerate(week_factors(rng, shape, 2 * PERIOD)):
        week = START.shifted(offset)
        logs_this_week = shape != "sparse" or rng.random() < 1 / 3
        for category_id, expected in template.items():
            count = poisson(rng, expected * pace * factor) + carried.pop(category_id, 0)
            if count and logs_this_week:
                entries.append(Entry(category_id, week, count))
            elif count:
                carried[category_id] = count
    return replace(base, entries=entries)


@dataclass
class Tally:
    """One shape's (or all shapes') counts over every person and forecast week."""

    forecasts: int = 0
    hits: int = 0
    naive_hits: int = 0
    inside: int = 0
    width: float = 0.0
    brier: float = 0.0
    by_week: list[list[int]] = field(default_factory=lambda: [[0, 0, 0] for _ in range(PERIOD)])

    def add(self, k: int, hit: bool, naive: bool, inside: bool, width: float,
            brier: float) -> None:
        self.forecasts += 1
        self.hits += hit
        self.naive_hits += naive
        self.inside += inside
        self.width += width
        self.brier += brier
        self.by_week[k][0] += 1
        self.by_week[k][1] += hit
        self.by_week[k][2] += naive


@dataclass(frozen=True)
class Episodes:
    """One lumpy person's ``forecast-below-meeting`` episodes in the 26 weeks after the
    previous period, and how their periods ended."""

    raised: int  # episodes that started in the 26 weeks
    open: int  # episodes open at any time in them (also those raised before)
    all_meeting: bool  # every period in them ended at Meeting or better
    crossed: bool  # the periods ended on both sides of Meeting
    periods: tuple[tuple[bool, bool], ...]  # per period: (warned in one of its weeks, at Meeting)


def forecast_below_episodes(data: ScoringData) -> Episodes:
    first = START.shifted(PERIOD)
    last = first.shifted(EPISODE_WEEKS - 1)
    history = [(row.week, row.codes) for row in conditions_by_week(data, last)]
    episodes = [e for e in warning_episodes(history, [], last) if e.code == FORECAST_BELOW]
    ends = [START.shifted(PERIOD * n - 1) for n in range(2, 4)]  # the two periods after
    at_meeting = [compute_status(data, end, PERIOD).band in BANDS_BEST_FIRST[:3] for end in ends]
    warned = [any(FORECAST_BELOW in codes for week, codes in history
                  if end.shifted(1 - PERIOD) <= week <= end) for end in ends]
    return Episodes(sum(e.started >= first for e in episodes),
                    sum(e.resolved is None or e.resolved > first for e in episodes),
                    all(at_meeting), any(at_meeting) and not all(at_meeting),
                    tuple(zip(warned, at_meeting)))


@dataclass
class Newcomers:
    """Per week of a newcomer's first period: forecasts, ranges holding the outcome, their
    widths, Brier sum, forecasts stated as provisional."""

    rows: list[list[float]] = field(
        default_factory=lambda: [[0, 0, 0.0, 0.0, 0] for _ in range(NEWCOMER_WEEKS)])

    def add(self, data: ScoringData, first: IsoWeek) -> None:
        """``data`` less everything before ``first``: the person's history starts there."""
        end = first.shifted(PERIOD - 1)
        newcomer = replace(data, entries=[e for e in data.entries if first <= e.week <= end],
                           profile_changes=[replace(change, from_week=first)
                                            for change in data.profile_changes])
        actual = compute_status(newcomer, end, PERIOD)
        scores = WeeklyScores(newcomer)
        for k, row in enumerate(self.rows):
            result = forecast_from(scores, first.shifted(k), PERIOD)
            if result.projected_ratio is None or actual.ratio is None:
                continue
            row[0] += 1
            row[1] += result.low_ratio - 1e-9 <= actual.ratio <= result.high_ratio + 1e-9
            row[2] += result.high_ratio - result.low_ratio
            row[3] += (result.probability_meeting_or_better
                       - (actual.ratio >= result.meeting_ratio)) ** 2
            row[4] += result.provisional

    def lines(self) -> list[str]:
        return [f"  w{k + 1}: in 80% {inside / n:.0%}, width {width / n:.2f}, Brier "
                f"{brier / n:.3f}{' (provisional: not stated)' if provisional == n else ''}"
                for k, (n, inside, width, brier, provisional) in enumerate(self.rows) if n]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200, help="people per shape")
    parser.add_argument("--seed", type=int, default=REPORT_SEED,
                        help=f"{REPORT_SEED} reports; {TUNING_SEED} is the draw the constants "
                             "were tuned on")
    options = parser.parse_args()
    bases = {"IC": framework_data("IC", 4), "Director": framework_data("Director", 7)}
    rng = random.Random(options.seed)
    scored_start = START.shifted(PERIOD)
    end = scored_start.shifted(PERIOD - 1)
    tallies = {shape: Tally() for shape in SHAPES}
    bands = dict.fromkeys(BANDS_BEST_FIRST, 0)
    episodes: list[Episodes] = []
    newcomers = Newcomers()
    for shape in SHAPES:
        base = bases["Director" if shape == "lumpy" else "IC"]
        for _ in range(options.people):
            data = person(rng, shape, base)
            actual = compute_status(data, end, PERIOD)
            bands[actual.band] = bands.get(actual.band, 0) + 1
            scores = WeeklyScores(replace(data, entries=[e for e in data.entries
                                                         if e.week <= end]))
            for k in range(PERIOD):
                as_of = scored_start.shifted(k)
                result = forecast_from(scores, as_of, PERIOD, anchor=START)
                so_far = compute_status(data, as_of, k + 1)
                naive = so_far.band == actual.band
                if result.projected_ratio is None or actual.ratio is None:
                    tallies[shape].add(k, False, naive, False, 0.0, 0.25)
                    continue
                met = actual.ratio >= result.meeting_ratio
                tallies[shape].add(
                    k, result.projected_band == actual.band, naive,
                    result.low_ratio - 1e-9 <= actual.ratio <= result.high_ratio + 1e-9,
                    result.high_ratio - result.low_ratio,
                    (result.probability_meeting_or_better - met) ** 2)
            if shape == "lumpy":
                episodes.append(forecast_below_episodes(data))
            newcomers.add(data, scored_start)

    seed_note = {REPORT_SEED: "the report draw", TUNING_SEED: "the tuning draw"}.get(
        options.seed, "another draw")
    print(f"Forecast backtest: {options.people} synthetic people per shape, seed "
          f"{options.seed} ({seed_note}), {PERIOD}-week period, forecasts as of each week")
    print(f"{'shape':<10}{'hit':>7}{'so-far':>8}{'gain':>7}{'in 80%':>8}{'width':>7}"
          f"{'Brier':>7}")
    overall = Tally()
    for shape in SHAPES:
        tally = tallies[shape]
        n = tally.forecasts
        print(f"{shape:<10}{tally.hits / n:>7.1%}{tally.naive_hits / n:>8.1%}"
              f"{(tally.hits - tally.naive_hits) / n * 100:>+7.1f}{tally.inside / n:>8.1%}"
              f"{tally.width / n:>7.2f}{tally.brier / n:>7.3f}")
        for name in ("forecasts", "hits", "naive_hits", "inside"):
            setattr(overall, name, getattr(overall, name) + getattr(tally, name))
        overall.width += tally.width
        overall.brier += tally.brier
        for k in range(PERIOD):
            for column in range(3):
                overall.by_week[k][column] += tally.by_week[k][column]
    n = overall.forecasts
    print(f"{'all':<10}{overall.hits / n:>7.1%}{overall.naive_hits / n:>8.1%}"
          f"{(overall.hits - overall.naive_hits) / n * 100:>+7.1f}{overall.inside / n:>8.1%}"
          f"{overall.width / n:>7.2f}{overall.brier / n:>7.3f}")
    print("by week of the period (all shapes): forecast hit / so-far hit")
    print("  " + "  ".join(f"w{k + 1}:{row[1] / row[0]:.0%}/{row[2] / row[0]:.0%}"
                           for k, row in enumerate(overall.by_week)))
    counts = [e.raised for e in episodes]
    meeting = [e.raised for e in episodes if e.all_meeting]
    one_side = [e.raised for e in episodes if not e.crossed]
    open_ones = [e.open for e in episodes]
    print(f"lumpy forecast-below-meeting episodes raised in {EPISODE_WEEKS} weeks: mean "
          f"{sum(counts) / len(counts):.2f}, most {max(counts)}, people with more than one "
          f"{sum(c > 1 for c in counts)} of {len(counts)}; people ending every period at Meeting "
          f"or better: mean {sum(meeting) / max(len(meeting), 1):.2f}, most "
          f"{max(meeting, default=0)} ({len(meeting)} people); people whose two periods ended "
          f"on the same side of Meeting: most {max(one_side, default=0)}, more than one "
          f"{sum(c > 1 for c in one_side)} of {len(one_side)} (a period won and the next one "
          "falling behind are two episodes, truthfully)")
    print(f"  episodes open at any time in the {EPISODE_WEEKS} weeks (one raised before and "
          f"still open counts): mean {sum(open_ones) / len(open_ones):.2f}, most "
          f"{max(open_ones)}, more than one {sum(c > 1 for c in open_ones)} of "
          f"{len(open_ones)}")
    periods = [period for e in episodes for period in e.periods]
    under = [warned for warned, at_meeting in periods if not at_meeting]
    over = [warned for warned, at_meeting in periods if at_meeting]
    print(f"  periods warned in one of their weeks: {sum(under)} of the {len(under)} that ended "
          f"under Meeting (the warning's reach), {sum(over)} of the {len(over)} that ended at "
          "Meeting or better (false alarms)")
    print("newcomers (no previous period), by week of their first period: range, width and "
          "Brier as computed")
    print("\n".join(newcomers.lines()))
    print("actual end-of-period bands: " + ", ".join(
        f"{band} {bands[band]}" for band in BANDS_BEST_FIRST if bands[band]))
    print(f"acceptance: hit rate {(overall.hits - overall.naive_hits) / n * 100:+.1f} points "
          "over so-far (needs >= +5); 80% range per shape " + ", ".join(
              f"{shape} {tallies[shape].inside / tallies[shape].forecasts:.0%}"
              for shape in SHAPES) + " (needs 75-85% each); lumpy episodes raised most "
          f"{max(counts)} per {EPISODE_WEEKS} weeks (needs <= 1; open at any time in them: "
          f"most {max(open_ones)})")


if __name__ == "__main__":
    main()
