"""How often does the forecast name the band the period actually ends in, week by week?

Synthetic people (fixed seed, so every run prints the same figures) at IC L4 with the default
framework. Each person has a pace (their level relative to expectation, 0.55-1.6, so every band
occurs) and one of five shapes over 24 weeks (the previous period, then the scored one):

- steady:    the same pace, ordinary week-to-week noise
- declining: pace falls by 40 % of itself over the 24 weeks
- improving: pace rises by 40 %
- noisy:     the same pace, with weeks from a third to three times as busy
- sparse:    logs in about one week in three, the missed weeks' work lumped into the next

Each week's count per category is Poisson(expected weekly count x pace x that week's factor).
For each week k of the scored period the forecast as of week k is compared with the band
``compute_status`` gives at the end of the period. Also printed: the same hit rate for the naive
"band of the period so far" (score so far / expected so far), how often the actual ratio fell
inside the 80 % range, and the Brier score of the probability of Meeting or better (0 is perfect,
0.25 is a coin toss).

    python benchmarks/forecast_backtest.py [--people 200] [--seed 7]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sqlite3
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from perfmirror_core.forecast import WeeklyScores, forecast_from  # noqa: E402
from perfmirror_core.scoring import (  # noqa: E402
    BANDS_BEST_FIRST, Entry, ScoringData, band_for_ratio, compute_status)
from perfmirror_core.weeks import IsoWeek  # noqa: E402

PERIOD = 12
START = IsoWeek(2025, 1)  # first week of the previous period; the scored one follows
SHAPES = ("steady", "declining", "improving", "noisy", "sparse")


def framework_data() -> ScoringData:
    """The default framework for IC L4, read through the real store, with no entries."""
    from perfmirror_core.frameworks import default_framework
    from perfmirror_core.store.repository import Store
    from perfmirror_core.store.snapshot import load_scoring_data

    with tempfile.TemporaryDirectory(prefix="perfmirror-backtest-") as directory:
        os.environ["PERFMIRROR_HOME"] = directory
        store = Store(Path(directory))
        store.seed_framework(default_framework())
        store.set_profile("IC", 4, START, START.shifted(2 * PERIOD))
        store.engine.dispose()
        connection = sqlite3.connect(store.path)
        try:
            return load_scoring_data(connection)
        finally:
            connection.close()


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


def week_factors(rng: random.Random, shape: str) -> list[float]:
    weeks = 2 * PERIOD
    if shape == "declining":
        return [1.2 - 0.4 * t / (weeks - 1) for t in range(weeks)]
    if shape == "improving":
        return [0.8 + 0.4 * t / (weeks - 1) for t in range(weeks)]
    if shape == "noisy":
        return [math.exp(rng.uniform(math.log(1 / 3), math.log(3))) / 1.2 for _ in range(weeks)]
    return [1.0] * weeks


def person(rng: random.Random, shape: str, base: ScoringData) -> ScoringData:
    pace = rng.uniform(0.55, 1.6)
    template = base.framework_in(START).expected_weekly
    entries = []
    carried: dict[int, int] = {}
    for offset, factor in enumerate(week_factors(rng, shape)):
        week = START.shifted(offset)
        logs_this_week = shape != "sparse" or rng.random() < 1 / 3
        for category_id, expected in template.items():
            count = poisson(rng, expected * pace * factor) + carried.pop(category_id, 0)
            if count and logs_this_week:
                entries.append(Entry(category_id, week, count))
            elif count:
                carried[category_id] = count
    return replace(base, entries=entries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=200, help="people per shape")
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args()
    base = framework_data()
    rng = random.Random(options.seed)
    scored_start = START.shifted(PERIOD)
    end = scored_start.shifted(PERIOD - 1)
    hits = {shape: [0] * PERIOD for shape in SHAPES}
    naive = [0] * PERIOD
    inside = [0] * PERIOD
    brier = [0.0] * PERIOD
    counted = [0] * PERIOD
    bands = dict.fromkeys(BANDS_BEST_FIRST, 0)
    for shape in SHAPES:
        for _ in range(options.people):
            data = person(rng, shape, base)
            actual = compute_status(data, end, PERIOD)
            bands[actual.band] = bands.get(actual.band, 0) + 1
            scores = WeeklyScores(data)
            for k in range(PERIOD):
                as_of = scored_start.shifted(k)
                result = forecast_from(scores, as_of, PERIOD, anchor=START)
                so_far = compute_status(data, as_of, k + 1)
                hits[shape][k] += result.projected_band == actual.band
                naive[k] += (so_far.ratio is not None
                             and band_for_ratio(so_far.ratio) == actual.band)
                if result.projected_ratio is not None and actual.ratio is not None:
                    inside[k] += result.low_ratio - 1e-9 <= actual.ratio <= result.high_ratio + 1e-9
                    met = actual.ratio >= result.meeting_ratio
                    brier[k] += (result.probability_meeting_or_better - met) ** 2
                counted[k] += 1

    people = options.people
    total = people * len(SHAPES)
    print(f"Forecast backtest: {people} synthetic IC L4 people per shape, seed {options.seed}, "
          f"{PERIOD}-week period; share of forecasts naming the actual end-of-period band")
    header = "week  " + "".join(f"{shape:>10}" for shape in SHAPES) + \
        f"{'all':>8}{'so-far':>8}{'in 80%':>8}{'Brier':>7}"
    print(header)
    for k in range(PERIOD):
        row = "".join(f"{hits[shape][k] / people:>10.0%}" for shape in SHAPES)
        overall = sum(hits[shape][k] for shape in SHAPES) / total
        print(f"{k + 1:>4}  {row}{overall:>8.0%}{naive[k] / total:>8.0%}"
              f"{inside[k] / counted[k]:>8.0%}{brier[k] / counted[k]:>7.3f}")
    all_hits = sum(sum(values) for values in hits.values()) / (total * PERIOD)
    print(f"overall hit rate {all_hits:.1%} (band of the period so far: "
          f"{sum(naive) / (total * PERIOD):.1%}); 80% range held the actual ratio "
          f"{sum(inside) / sum(counted):.1%} of the time; Brier {sum(brier) / sum(counted):.3f}")
    print("actual end-of-period bands: " + ", ".join(
        f"{band} {bands[band]}" for band in BANDS_BEST_FIRST if bands[band]))


if __name__ == "__main__":
    main()
