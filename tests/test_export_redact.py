"""``redact``: the one function that decides what a shared export may contain."""

from __future__ import annotations

from datetime import date

import pytest

from coach.exports.redact import Material, ShareChoice, SharedEntry, redact, share_choice
from perfmirror_core.errors import InvalidInput
from perfmirror_core.store.career import CareerRecordView
from perfmirror_core.validation import date_bound


def record(id_: int, kind: str = "accomplishment", *, when: str | None = "2026-10",
           private: bool = False, tags: tuple[str, ...] = (), org: str | None = None,
           start: str | None = None, end: str | None = None,
           job_id: int | None = None) -> CareerRecordView:
    return CareerRecordView(id_, kind, f"record {id_}", when, org, None, None, None, start, end,
                            job_id, tags, None, None, None, private)


def entry(id_: int, week: str = "2026-W40", note: str | None = None) -> SharedEntry:
    return SharedEntry(id_, week, "Code review", "input", 3, "PR #1", note)


def shared_ids(material: Material, choice: ShareChoice) -> list[int]:
    return [r.id for r in redact(material, choice).records]


def test_by_default_only_accomplishments_and_activity_without_notes_are_shared():
    material = Material((entry(1, note="felt rushed"),),
                        tuple(record(i, kind) for i, kind in
                              enumerate(["accomplishment", "struggle", "job", "reflection"])))
    shared = redact(material, ShareChoice())
    assert [r.kind for r in shared.records] == ["accomplishment"]
    assert shared.entries == (entry(1),)  # the note is gone


def test_struggles_need_include_struggles_whatever_the_kinds_say():
    material = Material((), (record(1, "struggle"),))
    assert shared_ids(material, ShareChoice(kinds=frozenset({"struggle"}))) == []
    assert shared_ids(material, share_choice(include_struggles=True)) == [1]


def test_a_private_struggle_needs_both_switches():
    material = Material((), (record(1, "struggle", private=True),))
    assert shared_ids(material, share_choice(include_struggles=True)) == []
    assert shared_ids(material, share_choice(include_private=True)) == []
    assert shared_ids(material, share_choice(include_struggles=True,
                                             include_private=True)) == [1]


def test_excluded_tags_match_whatever_the_case():
    material = Material((), (record(1, tags=("Confidential",)), record(2, tags=("payments",))))
    assert shared_ids(material, share_choice(exclude_tags=["confidential"])) == [2]


def test_a_window_keeps_what_overlaps_it_and_drops_what_cannot_be_placed():
    material = Material((), (record(1, when="2026"), record(2, when="2025-12"),
                             record(3, when=None), record(4, "job", when=None, start="2019-01")))
    window = share_choice(["accomplishment", "job"], since="2026-03", until="2026-10-15")
    assert shared_ids(material, window) == [1, 4]  # the job is still going
    assert shared_ids(material, share_choice(["accomplishment", "job"])) == [1, 2, 3, 4]


def test_entries_are_kept_when_their_week_overlaps_the_window():
    material = Material((entry(1, "2026-W39"), entry(2, "2026-W40"), entry(3, "2026-W41")), ())
    choice = share_choice(since="2026-10-01", until="2026-10-04")  # Thursday to Sunday of W40
    assert [e.id for e in redact(material, choice).entries] == [2]


def test_org_matches_a_records_own_org_or_its_jobs():
    material = Material((entry(1),), (record(1, org="Quillbank"), record(2, job_id=9),
                                      record(3, org="Finly"), record(9, "job", org="quillbank")))
    shared = redact(material, share_choice(orgs=["QUILLBANK"]))
    assert [r.id for r in shared.records] == [1, 2]  # the job lends its org, unshared itself
    assert shared.records[1].org == "quillbank" and shared.records[1].job_id is None
    assert shared.entries == (entry(1),)  # activity has no organisation to filter by


def test_a_private_jobs_org_is_not_borrowed_by_its_accomplishments():
    material = Material((), (record(1, job_id=9),
                             record(9, "job", org="Secret Startup", private=True)))
    assert redact(material, ShareChoice()).records[0].org is None
    assert redact(material, share_choice(include_private=True)).records[0].org == \
        "Secret Startup"


def test_leaving_out_activity_leaves_out_every_entry():
    material = Material((entry(1),), (record(1),))
    shared = redact(material, share_choice(["accomplishment"]))
    assert shared.entries == () and [r.id for r in shared.records] == [1]


@pytest.mark.parametrize("text, end, expected", [
    ("2026", False, date(2026, 1, 1)), ("2026", True, date(2026, 12, 31)),
    ("2026-02", True, date(2026, 2, 28)), ("2026-12", True, date(2026, 12, 31)),
    ("2026-10-15", False, date(2026, 10, 15)), ("2026-W40", True, date(2026, 10, 4)),
])
def test_dates_can_be_a_year_month_day_or_iso_week(text, end, expected):
    assert date_bound(text, "since", end=end) == expected


@pytest.mark.parametrize("options, field", [
    ({"kinds": ["struggles"]}, "include-kind"),
    ({"kinds": ["struggle"]}, "include-kind"),
    ({"since": "last week"}, "since"),
    ({"since": "2026-11", "until": "2026-10"}, "since"),
])
def test_a_bad_choice_names_its_field(options, field):
    with pytest.raises(InvalidInput) as raised:
        share_choice(**options)
    assert raised.value.field == field
