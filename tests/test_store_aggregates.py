"""Each aggregate of the store round-trips: what a write returns is what a later read gives back,
through a fresh ``Store`` (so nothing is served from memory), and a refused write leaves every
table as it was."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import table_dump

from perfmirror_core.errors import InvalidInput, NotInitialised
from perfmirror_core.frameworks import TargetSpec, WeightSpec, default_framework
from perfmirror_core.loops import Acknowledgement, Observation, Struggle
from perfmirror_core.scoring import ProfileChange, Thresholds, Weights
from perfmirror_core.store.repository import Store
from perfmirror_core.weeks import IsoWeek

NOW = IsoWeek(2026, 48)


@pytest.fixture
def store(private_home) -> Store:
    store = Store(private_home)
    store.seed_framework(default_framework())
    store.set_profile("IC", 4, IsoWeek(2026, 30), NOW)
    return store


def fresh(store: Store) -> Store:
    return Store(store.path.parent, create=False)


def test_a_missing_database_is_not_created_by_a_reader(private_home):
    with pytest.raises(NotInitialised):
        Store(private_home, create=False)
    assert not private_home.exists()


def test_framework_round_trips(store):
    promoted = store.set_profile("ic", "5", IsoWeek(2026, 40), NOW)
    assert promoted == ProfileChange(IsoWeek(2026, 40), "IC", 5)
    assert fresh(store).profile_history() == [ProfileChange(IsoWeek(2026, 30), "IC", 4), promoted]
    assert fresh(store).profile_in(IsoWeek(2026, 39)).level == 4
    assert fresh(store).profile_in(IsoWeek(2026, 41)) == promoted

    store.set_weights(Weights(0.1, 0.2, 0.3, 0.4), "IC", 5)
    store.set_weights(Weights(0.4, 0.3, 0.2, 0.1), "IC", 5)  # replaces, never duplicates
    assert [w for w in fresh(store).weights() if (w.role, w.level) == ("IC", 5)] == [
        WeightSpec("IC", 5, 0.4, 0.3, 0.2, 0.1)]
    store.set_target(Thresholds(1.6, 1.2, 0.9, 0.6), 8, "IC", None)
    assert TargetSpec("IC", None, 1.6, 1.2, 0.9, 0.6, 8) in fresh(store).targets()

    added = store.add_expectation("IC", 5, "Leads a cross-team design", ["Design doc"])
    assert fresh(store).list_expectations("IC", 5)[-1] == added
    edited = store.edit_expectation(added.id, "Leads two cross-team designs")
    assert edited.evidence_category_ids == added.evidence_category_ids
    assert fresh(store).list_expectations("IC", 5)[-1] == edited
    assert store.remove_expectation(added.id) == "Leads two cross-team designs"
    assert added.id not in [e.id for e in fresh(store).list_expectations("IC", 5)]

    framework = fresh(store).scoring_data().frameworks[("IC", 5)]
    assert framework.weights == Weights(0.4, 0.3, 0.2, 0.1)
    assert (framework.thresholds, framework.period_weeks) == (Thresholds(1.6, 1.2, 0.9, 0.6), 8)
    assert framework.assumed == ()


def test_seeding_twice_keeps_what_the_person_has(store):
    before = table_dump(store.path.parent)
    store.seed_framework(default_framework())
    assert table_dump(store.path.parent) == before


def test_categories_round_trip(store):
    added = store.add_category("Pairing", "input", "3", synonyms=["pair programming"],
                               description="two people, one keyboard", expected=2, role="IC",
                               level=4)
    assert {c.id: c for c in fresh(store).list_categories("IC", 4)}[added.id] == added
    assert added.expected_weekly == 2.0
    assert fresh(store).category_named("pair programming") == replace(added, expected_weekly=None)
    edited = store.edit_category("pairing", new_name="Pair work", points=4,
                                 add_synonyms=["mobbing"], remove_synonyms=["pair programming"])
    assert fresh(store).category_named("mobbing") == edited
    assert edited.synonyms == ("mobbing",) and edited.points == 4.0
    assert "Pair work" in [v.name for v in fresh(store).vocabulary()]
    assert store.remove_category("Pair work") == ("Pair work", 0)
    with pytest.raises(InvalidInput, match="category"):
        fresh(store).category_named("Pair work")


def test_a_refused_category_write_changes_nothing(store):
    before = table_dump(store.path.parent)
    with pytest.raises(InvalidInput, match="already used"):
        store.add_category("Reviews", "input", 1, synonyms=["code review"])
    with pytest.raises(InvalidInput, match="needs a role and level"):
        store.add_category("Shadowing", "input", 1, expected=2)  # the insert is rolled back
    assert table_dump(store.path.parent) == before


def test_activity_round_trips(store):
    logged = store.log_activity("code review", 3, IsoWeek(2026, 47), NOW, reference="PR #7",
                                note=" careful one ")
    assert fresh(store).entries() == [logged]
    assert logged.category == "Code review" and logged.note == "careful one"
    imported = store.log_imported([("Code review", 2, IsoWeek(2026, 46), "gh:1", None),
                                   ("Code review", 2, IsoWeek(2026, 46), "gh:1", None)], NOW)
    assert len(imported) == 1  # one reference is stored once
    assert fresh(store).imported_references() == {"gh:1"}
    assert fresh(store).entries(week=IsoWeek(2026, 46)) == imported
    assert fresh(store).entries_between(IsoWeek(2026, 46), NOW) == [*imported, logged]
    assert store.undo_last() == imported[0]
    assert fresh(store).entries() == [logged]
    data = fresh(store).scoring_data()
    assert [(e.id, e.count, e.reference) for e in data.entries] == [(logged.id, 3, "PR #7")]


def test_a_refused_log_changes_nothing(store):
    before = table_dump(store.path.parent)
    with pytest.raises(InvalidInput, match="week"):
        store.log_activity("code review", 1, IsoWeek(2026, 49), NOW)
    with pytest.raises(InvalidInput, match="category"):
        store.log_imported([("Code review", 1, NOW, "gh:2", None),
                            ("No such thing", 1, NOW, "gh:3", None)], NOW)
    assert table_dump(store.path.parent) == before


def test_career_round_trips(store):
    job = store.career.add("job", "Backend engineer", org=" Paywell ", start="2022-06")
    assert job.when == "2022-06" and job.org == "Paywell"
    win = store.career.add("accomplishment", "Shipped retries", when="2023-02", job_id=job.id,
                           tags=["payments", " "])
    assert fresh(store).career.get(win.id) == win and win.tags == ("payments",)
    edited = store.career.edit(win.id, text="Shipped payment retries", when="", private=True)
    assert fresh(store).career.get(win.id) == edited
    assert (edited.when, edited.private, edited.text) == (None, True, "Shipped payment retries")
    assert fresh(store).career.all("accomplishment") == [edited]
    assert fresh(store).career.remove(job.id) == job
    assert fresh(store).career.get(win.id).job_id is None  # outlives its job
    assert sorted(fresh(store).career.pending_ids()) == sorted([job.id, win.id])
    store.career.clear_pending([job.id, win.id])
    assert fresh(store).career.pending_ids() == []


def test_observations_round_trip(store):
    ack = store.acknowledge("logging-stopped", IsoWeek(2026, 47), NOW, "back on it")
    assert fresh(store).acknowledgements() == [
        Acknowledgement("logging-stopped", IsoWeek(2026, 47), "back on it", ack.id)]
    assert store.observe(NOW, ["logging-stopped"]) is True
    assert store.observe(NOW, ["logging-stopped"]) is False  # same state: one row
    assert fresh(store).observations() == [Observation(NOW, frozenset({"logging-stopped"}))]
    struggle = store.career.add("struggle", "Kept the hard tickets", when="2019-04")
    assert fresh(store).struggles() == [Struggle(struggle.id, "Kept the hard tickets", "2019-04")]
    assert fresh(store).career_notes() == [(struggle.id, "struggle", "2019-04",
                                            "Kept the hard tickets")]
    assert fresh(store).checkin_due(NOW).due
    store.log_activity("code review", 1, NOW, NOW)
    assert fresh(store).checkin_due(NOW).entries == 1


def test_chat_round_trips(store):
    session = store.start_chat_session("ollama_chat/llama3.2")
    store.record_chat_message(session, "user", "I reviewed three PRs")
    store.record_chat_message(session, "assistant", "Logged.")
    assert fresh(store).chat_messages(session) == [("user", "I reviewed three PRs"),
                                                   ("assistant", "Logged.")]


def test_preparing_writes_loads_sqlmodel_and_writes_nothing(store):
    import subprocess
    import sys

    before = table_dump(store.path.parent)
    probe = ("import sys\nfrom pathlib import Path\n"
             "from perfmirror_core.store.repository import Store\n"
             "store = Store(Path(sys.argv[1]), create=False)\n"
             "assert 'sqlmodel' not in sys.modules\n"
             "store.prepare_writes()\nassert 'sqlmodel' in sys.modules\n")
    subprocess.run([sys.executable, "-c", probe, str(store.path.parent)], check=True)
    assert table_dump(store.path.parent) == before


def test_a_write_holds_the_write_lock_from_its_start(store):
    """A write takes SQLite's write lock with its first statement, a read (BEGIN IMMEDIATE),
    so what it checks (a name not yet used, a reference not yet imported) still holds at
    COMMIT: once it has read, before it has written anything, no other writer may begin."""
    import sqlite3

    from sqlmodel import select

    from perfmirror_core.store.schema import Category

    other = sqlite3.connect(store.path, isolation_level=None, timeout=0)
    with store._write() as session:
        session.exec(select(Category)).first()
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")  # free again once the write is over
    other.execute("ROLLBACK")
    other.close()
