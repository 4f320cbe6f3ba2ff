"""How fast is "where am I on track?" with 10 years of data?

Builds a fresh store with 520 weeks x 40 categories (one entry per category per week, 20,800
entries), then prints the median wall time of `perfmirror status --json` as a whole process and
of the scoring call (`where_am_i`) in-process, over all 20,800 entries.
Targets (issue #2): scoring call under 50 ms, whole command under 400 ms.

    python benchmarks/status_10y.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TODAY = "2026-11-26"
WEEKS, CATEGORIES = 520, 40


def build_store(home: Path) -> None:
    os.environ["PERFMIRROR_HOME"] = str(home)
    os.environ["PERFMIRROR_TODAY"] = TODAY
    from perfmirror_core.frameworks import default_framework
    from perfmirror_core.store.repository import Store
    from perfmirror_core.weeks import IsoWeek

    store = Store(home)
    store.seed_framework(default_framework())
    as_of = IsoWeek(2026, 48)
    first = as_of.shifted(-(WEEKS - 1))
    store.set_profile("IC", 3, first, as_of)
    store.set_profile("IC", 5, as_of.shifted(-100), as_of)
    existing = len(store.list_categories())
    for number in range(CATEGORIES - existing):
        store.add_category(f"Extra activity {number}", ("input", "output", "outcome",
                                                        "impact")[number % 4], 3 + number % 7)
    connection = sqlite3.connect(store.path)
    ids = [row[0] for row in connection.execute("SELECT id FROM category")]
    rng = random.Random(7)
    rows = [(cid, str(first.shifted(offset)), rng.randint(1, 6), "2026-01-01T00:00:00+00:00")
            for offset in range(WEEKS) for cid in ids]
    connection.executemany("INSERT INTO activity_entry (category_id, week, count, source, "
                           "created_at) VALUES (?, ?, ?, 'import', ?)", rows)
    connection.commit()
    connection.close()
    print(f"store: {len(rows)} entries, {len(ids)} categories, {WEEKS} weeks")


def time_command(home: Path, runs: int) -> list[float]:
    env = dict(os.environ, PERFMIRROR_HOME=str(home), PERFMIRROR_TODAY=TODAY)
    command = [sys.executable, "-m", "coach", "status", "--json"]
    subprocess.run(command, env=env, check=True, capture_output=True)  # warm the OS cache
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, capture_output=True)
        timings.append(time.perf_counter() - start)
    return timings


def time_scoring(home: Path, runs: int) -> tuple[list[float], float]:
    from perfmirror_core.status import where_am_i
    from perfmirror_core.store.repository import Store
    from perfmirror_core.weeks import IsoWeek

    store = Store(home, create=False)
    start = time.perf_counter()
    data = store.scoring_data()  # every entry, not just the period's
    load = time.perf_counter() - start
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        where_am_i(data, IsoWeek(2026, 48))
        timings.append(time.perf_counter() - start)
    return timings, load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        build_store(home)
        command = time_command(home, args.runs)
        scoring, load = time_scoring(home, args.runs * 3)
    print(f"status --json, whole process: median {statistics.median(command) * 1000:.0f} ms "
          f"(min {min(command) * 1000:.0f}, max {max(command) * 1000:.0f}; target < 400 ms)")
    print(f"scoring call (where_am_i over 20,800 entries): median "
          f"{statistics.median(scoring) * 1000:.1f} ms (target < 50 ms)")
    print(f"loading all entries from SQLite in-process: {load * 1000:.0f} ms")


if __name__ == "__main__":
    main()
