"""``perfmirror demo``: a realistic 12-week persona so a newcomer sees a real status card at once.

Alex is an IC L4 who reviews steadily, ships most weeks, wrote one design doc, mentors a junior
and slowed down in the last three weeks (an on-call rotation), which is what the card's insights
should notice. Alex's career history (two jobs, two struggles, a win, a reflection) is there too,
for `perfmirror history search` and for the coach to ground its advice in. The data is
generated from a fixed seed, so every demo is the same.
"""

from __future__ import annotations

import random
from pathlib import Path

from perfmirror_core.frameworks import default_framework
from perfmirror_core.store.paths import data_home
from perfmirror_core.store.repository import Store
from perfmirror_core.weeks import IsoWeek

DEMO_WEEKS = 12
_SEED = 20261126

# category -> (low, high) count per ordinary week
_USUAL_WEEK = {
    "Code review": (6, 11),
    "Team meeting": (4, 6),
    "1:1 meeting": (1, 1),
    "Bug fix": (2, 4),
    "Tests written": (1, 3),
    "Reading docs": (1, 4),
    "Mentoring session": (0, 2),
    "Feature shipped": (0, 2),
}
# (weeks before the as-of week, category, count, reference)
_MILESTONES = [
    (10, "Design doc", 1, "docs/design/payment-retries.md"),
    (9, "Feature shipped", 1, "PR #412 payment retries"),
    (8, "RFC", 1, "RFC-014 retire the legacy queue"),
    (7, "Interview", 2, None),
    (6, "Tech talk", 1, "Guild talk: idempotency keys"),
    (5, "Incident resolved", 1, "INC-2291 queue backlog"),
    (4, "Documentation", 1, "runbooks/payments.md"),
    (3, "Learning", 1, "Kubernetes course, module 3"),
]
_SLOW_WEEKS = 3
# Alex's career so far, so the coach has a history to ground its advice in.
_CAREER = [
    ("job", "Junior backend engineer on the checkout team", dict(
        org="Shoply", title="Software engineer", start="2019-02", end="2022-05")),
    ("struggle", "My first on-call rotation: I froze during a payment outage and waited for "
                 "someone senior instead of following the runbook", dict(
        when="2020-03", org="Shoply", resolved="2020-06",
        resolution="Practised game days and wrote the runbook I wished I had had")),
    ("accomplishment", "Cut checkout latency by 40% by batching the pricing calls", dict(
        when="2021-09", org="Shoply")),
    ("job", "Backend engineer on payments", dict(
        org="Paywell", title="Software engineer II", start="2022-06")),
    ("struggle", "Design docs stall: I start them and never finish, so others make the "
                 "decisions", dict(when="2025-10", org="Paywell")),
    ("reflection", "I write best early in the morning, before standup", dict(when="2026-03")),
]


def create_demo(directory: str | None, as_of: IsoWeek) -> Path:
    """Create (or recreate) the demo store and return its directory."""
    home = Path(directory).expanduser() if directory else data_home() / "demo"
    database = home / "perfmirror.db"
    if database.exists():
        database.unlink()
    store = Store(home)
    store.seed_framework(default_framework())
    first = as_of.shifted(-(DEMO_WEEKS - 1))
    store.set_profile("IC", 4, first, as_of)
    rng = random.Random(_SEED)
    for offset in range(DEMO_WEEKS):
        week = first.shifted(offset)
        slow = offset >= DEMO_WEEKS - _SLOW_WEEKS
        for category, (low, high) in _USUAL_WEEK.items():
            count = rng.randint(low, high)
            if slow:
                count //= 2
            if count:
                store.log_activity(category, count, week, as_of, source="demo")
    for weeks_before, category, count, reference in _MILESTONES:
        store.log_activity(category, count, as_of.shifted(-weeks_before), as_of,
                           reference=reference, source="demo")
    for kind, text, fields in _CAREER:  # indexed on first use of the memory
        store.career.add(kind, text, **fields)
    return home
