"""How fast is career memory search with 10,000 records?

Indexes N synthetic career records (deterministic, varied: kinds, companies, roles, topics,
outcomes) with the default embedder, then reopens the index as the app would and prints the
build time, the first search, the median and 95th percentile of ~200 searches after that, the
search right after each of 20 writes (one record added or changed: lexical statistics are
updated by the write, never rebuilt by the read), peak RSS, and the index size on disk.
Targets (issue #15): median search under 50 ms; first search after a write under 100 ms.
Embedding runs at ~60-130 records/s on 2 cores, so 10,000 records take a few minutes.

    python benchmarks/memory_search.py [--records 10000] [--queries 200] [--index DIR]

``--index DIR`` keeps the index in DIR and, when DIR already holds one from an earlier run with
the same ``--records``, measures it without building again (the records are regenerated
identically; a build of 10,000 takes 2-25 minutes here, depending on load).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ORGS = ["Fernway Logistics", "Quillbank", "Larkspur Health", "Tidewater Energy", "Brightloom",
        "Northgate Retail", "Copperfield Games", "Meridian Insurance", "Saltmarsh Labs",
        "Ironbridge Media", "Juniper Freight", "Oakhaven Bank"]
ROLES = ["junior developer", "software engineer", "senior engineer", "staff engineer",
         "tech lead", "engineering manager", "senior manager", "director of engineering",
         "product manager", "data analyst", "site reliability engineer", "QA engineer"]
TOPICS = ["the billing migration", "our on-call rotation", "the hiring pipeline",
          "quarterly planning", "the search service", "a payments outage", "the mobile app launch",
          "code review turnaround", "the data warehouse", "onboarding new hires",
          "the performance review cycle", "vendor contracts", "the design system",
          "customer support escalations", "the security audit", "a reorg of two teams",
          "the forecasting model", "test flakiness", "cloud costs", "the API deprecation"]
PEOPLE = ["my manager", "the VP of product", "a senior peer", "two new hires", "the CTO",
          "a struggling engineer", "the design lead", "our biggest customer", "the finance team"]
ACCOMPLISHMENTS = [
    "Shipped {topic} {when_phrase}, cutting {metric} by {n}%.",
    "Led {topic} with {people}; it landed {n} days ahead of plan.",
    "Automated {topic} so the team saves about {n} hours a week.",
    "Mentored {people} through {topic}; one was promoted afterwards.",
    "Presented {topic} to leadership and got {n} more engineers approved.",
]
STRUGGLES = [
    "I underestimated {topic} and missed the deadline by {n} weeks.",
    "Clashed with {people} over {topic}; we stopped talking for a while.",
    "Felt out of my depth on {topic} and was afraid to ask for help.",
    "Burned out during {topic}, working late for {n} weeks straight.",
    "Gave vague feedback to {people} about {topic} and it backfired.",
]
REFLECTIONS = [
    "Looking back at {topic}, I should have involved {people} much earlier.",
    "{topic} taught me that writing things down beats heroics.",
    "I do my best work on {topic} when I protect mornings for deep focus.",
    "Next time I face something like {topic}, I will ask {people} for feedback first.",
    "I am proud of how I handled {topic}, even though it took {n} tries.",
]
JOBS = [
    "Joined {org} as {role}, working on {topic} with a team of {n}.",
    "Promoted to {role} at {org}, now responsible for {topic}.",
    "Moved to {org} as {role}; first project was {topic}.",
]
METRICS = ["latency", "costs", "support tickets", "build time", "churn", "incident count"]
WHEN_PHRASES = ["before the holidays", "in one quarter", "under budget", "despite a reorg",
                "with half the team on leave"]
QUERIES = [
    "times I was exhausted from overwork", "when I failed to ask for help",
    "getting leadership to approve more people", "making something much faster",
    "conflict with a colleague", "feedback that went badly", "mentoring someone to a promotion",
    "what I learned about planning", "projects that finished early", "reducing cloud spend",
    "starting a new job", "being promoted to manager", "missing a deadline",
    "security review problems", "helping new people get up to speed",
]


def synthetic_records(count: int):
    from coach.memory.index import MemoryDocument

    rng = random.Random(20261126)
    templates = {"accomplishment": ACCOMPLISHMENTS, "struggle": STRUGGLES,
                 "reflection": REFLECTIONS, "job": JOBS}
    kinds = ["accomplishment"] * 4 + ["struggle"] * 3 + ["reflection"] * 2 + ["job"]
    for record_id in range(1, count + 1):
        kind = rng.choice(kinds)
        fields = dict(topic=rng.choice(TOPICS), people=rng.choice(PEOPLE), org=rng.choice(ORGS),
                      role=rng.choice(ROLES), n=rng.randint(2, 60), metric=rng.choice(METRICS),
                      when_phrase=rng.choice(WHEN_PHRASES))
        sentences = [rng.choice(templates[kind]).format(**fields)
                     for _ in range(rng.randint(1, 3))]
        text = " ".join(dict.fromkeys(sentences))  # no sentence twice in one note
        year = rng.randint(2010, 2026)
        when = f"{year}-{rng.randint(1, 12):02d}" if rng.random() < 0.8 else str(year)
        yield MemoryDocument(record_id, kind, when, fields["org"],
                             fields["role"] if rng.random() < 0.5 else None, text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--index", type=Path, help="keep (or reuse) the index in this folder")
    args = parser.parse_args()

    from coach.memory.index import MemoryIndex

    directory = args.index or Path(tempfile.mkdtemp()) / "memory"
    reused = directory.exists()
    records = list(synthetic_records(args.records))
    index = MemoryIndex(directory)
    print(f"embedder: {index.embedder.name}" + (f" ({index.notice})" if index.notice else ""))
    started = time.perf_counter()
    for start in range(0, 0 if reused else len(records), 500):
        index.upsert(records[start:start + 500])
        done = min(start + 500, len(records))
        elapsed = time.perf_counter() - started
        print(f"  indexed {done:6d}/{len(records)}  {elapsed:6.1f} s  {done / elapsed:5.0f}/s",
              flush=True)
    build = time.perf_counter() - started
    index.close()

    started = time.perf_counter()
    index = MemoryIndex(directory)  # as the app opens it: a new process would also load the model
    opened = time.perf_counter() - started
    sync_started = time.perf_counter()
    report = index.sync(records)
    sync_time = time.perf_counter() - sync_started
    rng = random.Random(7)
    queries = [rng.choice(QUERIES) + rng.choice(["", " at " + rng.choice(ORGS),
                                                 " as " + rng.choice(ROLES)])
               for _ in range(args.queries)]
    started = time.perf_counter()
    index.search(queries[0], k=5)
    first = time.perf_counter() - started
    latencies = []
    for query in queries:
        started = time.perf_counter()
        index.search(query, k=5, kinds=["struggle"] if len(latencies) % 4 == 0 else None)
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    disk = sum(path.stat().st_size for path in directory.rglob("*") if path.is_file()) / 2**20

    print(f"records: {index.count()}")
    if reused:
        print(f"build: reused the index in {directory} (built by an earlier run)")
    else:
        print(f"build: {build:.1f} s ({len(records) / build:.0f} records/s)")
    print(f"reopen: {opened * 1000:.0f} ms; sync of an unchanged index: {sync_time * 1000:.0f} ms"
          f" (changed: {report.changed})")
    after_write = []
    for turn in range(20):
        written = records[turn] if turn % 2 else replace(records[turn], id=len(records) + turn)
        index.upsert([replace(written, text=written.text + f" Follow-up note {turn}.")])
        started = time.perf_counter()
        index.search(queries[turn], k=5)
        after_write.append((time.perf_counter() - started) * 1000)

    print(f"first search after opening: {first * 1000:.0f} ms")
    print(f"search over {len(latencies)} queries: p50 {statistics.median(latencies):.1f} ms, "
          f"p95 {p95:.1f} ms (target p50 < 50 ms)")
    print(f"first search after a write, 20 writes: median {statistics.median(after_write):.1f} ms,"
          f" worst {max(after_write):.1f} ms (target < 100 ms)")
    print(f"peak RSS: {rss:.0f} MB; on disk: {disk:.0f} MB")
    index.sync(records)  # as built again, for the next run with --index


if __name__ == "__main__":
    main()
