"""The shared validators refuse everything outside the bounds README states, naming the field."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfmirror_core import validation
from perfmirror_core.errors import InvalidInput
from perfmirror_core.weeks import IsoWeek

TODAY = date(2026, 12, 1)  # a Tuesday in 2026-W49


@pytest.mark.parametrize("raw", ["²", "--5", "-5", "+-1", "1e3", "2.5", "lots", "", " ",
                                 str(2**64), 2**70, float("inf"), float("nan"), 2.5, True,
                                 None, "9" * 5000, validation.MAX_COUNT + 1])
def test_count_refuses_what_is_not_a_small_whole_number(raw):
    with pytest.raises(InvalidInput) as refused:
        validation.count(raw)
    assert str(refused.value).startswith("count: ")
    assert len(str(refused.value)) < 200, "a one-line error stays short however long the input"


@pytest.mark.parametrize("raw,expected", [("2", 2), (" 7 ", 7), (3.0, 3), (0, 0),
                                          (str(validation.MAX_COUNT), validation.MAX_COUNT)])
def test_count_accepts_whole_numbers_in_range(raw, expected):
    assert validation.count(raw) == expected


@pytest.mark.parametrize("raw", ["1e308", "inf", "-inf", "nan", "Infinity", 0, -1,
                                 validation.MAX_POINTS * 2, "x"])
def test_points_are_finite_and_bounded(raw):
    with pytest.raises(InvalidInput, match="^points: .*allowed: a number greater than 0"):
        validation.points(raw)


def test_points_accept_the_bound_itself():
    assert validation.points(str(validation.MAX_POINTS)) == validation.MAX_POINTS
    assert validation.points("2.5") == 2.5


@pytest.mark.parametrize("raw", ["1e308", "Infinity", -0.5, validation.MAX_SCORE * 1.01])
def test_override_is_finite_and_bounded(raw):
    with pytest.raises(InvalidInput, match="^override: "):
        validation.override_score(raw)


def test_override_bound_is_the_largest_count_of_the_dearest_category():
    """MAX_SCORE = 10,000 occurrences x 1,000 points = 10,000,000."""
    assert validation.MAX_SCORE == 10_000_000
    assert validation.override_score(10_000_000) == 10_000_000


@pytest.mark.parametrize("raw,problem", [("0001-W01", "before 1970-W01"),
                                         ("1969-W52", "before 1970-W01"),
                                         ("2026-W50", "in the future"),
                                         ("9999-W52", "in the future"),
                                         ("9999-W99", "does not exist"),
                                         ("2026-W7", "not an ISO week"),
                                         ("", "must not be empty")])
def test_week_runs_from_1970_to_this_week(raw, problem):
    with pytest.raises(InvalidInput, match=f"^as-of: .*{problem}"):
        validation.week(raw, TODAY, "as-of")


def test_week_accepts_both_ends():
    assert validation.week("1970-W01", TODAY) == IsoWeek(1970, 1)
    assert validation.week("2026-W49", TODAY) == IsoWeek(2026, 49)


def test_not_in_future_also_has_a_floor():
    with pytest.raises(InvalidInput, match="before 1970-W01"):
        validation.not_in_future(IsoWeek(1, 1), IsoWeek(2026, 49))


@pytest.mark.parametrize("raw,problem", [("bad \udcff byte", "not valid UTF-8"),
                                         ("nul\x00", "control character"),
                                         ("esc\x1b[31m", "control character"),
                                         ("x" * 301, "301 characters long"),
                                         ("   ", "must not be empty"),
                                         (42, "not text")])
def test_text_is_utf8_printable_and_bounded(raw, problem):
    with pytest.raises(InvalidInput, match=f"^note: .*{problem}"):
        validation.text(raw, "note", 300)


def test_text_keeps_unicode_tabs_and_newlines():
    assert validation.text("  Café ☕\tline\nnext  ", "note") == "Café ☕\tline\nnext"


@pytest.mark.parametrize("raw", [0, -1, "0", "inf", "nan"])
def test_thresholds_refuse_zero_negative_and_non_finite_ratios(raw):
    with pytest.raises(InvalidInput, match="partially|thresholds"):
        validation.thresholds(1.5, 1.15, 0.85, raw)


def test_thresholds_refuse_a_ratio_above_the_bound():
    with pytest.raises(InvalidInput, match="^outstanding: 150 is out of range"):
        validation.thresholds(150, 1.15, 0.85, 0.7)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=60), st.integers(), st.floats(), st.none(), st.booleans()))
def test_numeric_validators_never_raise_anything_but_invalid_input(raw):
    """Whatever arrives, the answer is a value in range or an InvalidInput: never a crash."""
    for check in (validation.count, validation.points, validation.override_score,
                  validation.expected_weekly, validation.period_weeks):
        try:
            value = check(raw)
        except InvalidInput as refused:
            assert "\n" not in str(refused)
        else:
            assert 0 <= value <= validation.MAX_SCORE


@pytest.mark.parametrize("raw", ["last week", "2026-13", "2026-00", "2026-02-30", "2026-W54",
                                 "0000", "26-10", "", "x" * 500])
def test_a_date_bound_refuses_what_names_no_day(raw):
    with pytest.raises(InvalidInput) as refused:
        validation.date_bound(raw, "since")
    assert str(refused.value).startswith("since: ") and len(str(refused.value)) < 200


def test_every_since_reads_one_date_the_same_way():
    """`export --since`, `import --since` and `logs --since` all take their first day here; the
    import's and the log's used to accept only YYYY-MM-DD (and the import YYYY-Www), so
    `import csv --since 2026-09` was an error while `export brag --since 2026-09` worked.
    2026-W40 runs Monday 2026-09-28 to Sunday 2026-10-04."""
    from coach.importers.apply import since_date

    week = IsoWeek(2026, 49)
    assert since_date("2026-09", week) == date(2026, 9, 1)
    assert since_date("2026", week) == date(2026, 1, 1)
    assert since_date("2026-W40", week) == date(2026, 9, 28)
    assert since_date(None, week) == date(2026, 9, 14)  # 12 weeks back: Monday of 2026-W38
    assert validation.date_bound("2026-W40", "until", end=True) == date(2026, 10, 4)
    assert validation.date_bound("2024-02", "until", end=True) == date(2024, 2, 29)
