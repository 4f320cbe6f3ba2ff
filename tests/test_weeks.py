import pytest

from perfmirror_core.errors import InvalidInput
from perfmirror_core.weeks import IsoWeek, parse_week, period_ending


def test_parse_week_reads_iso_format():
    assert parse_week("2026-W07") == IsoWeek(2026, 7)
    assert str(IsoWeek(2026, 7)) == "2026-W07"


@pytest.mark.parametrize("text", ["2026-7", "2026W07", "26-W07", "2026-W7", "", "x"])
def test_malformed_weeks_are_refused_naming_the_format(text):
    with pytest.raises(InvalidInput, match="YYYY-Www"):
        parse_week(text)


def test_week_53_exists_only_in_long_years():
    assert parse_week("2026-W53") == IsoWeek(2026, 53)  # 2026 starts on a Thursday
    with pytest.raises(InvalidInput, match="2025 has 52 ISO weeks"):
        parse_week("2025-W53")


def test_period_ending_is_inclusive_and_crosses_years():
    weeks = period_ending(IsoWeek(2027, 2), 4)
    assert [str(w) for w in weeks] == ["2026-W52", "2026-W53", "2027-W01", "2027-W02"]


def test_weeks_until_counts_whole_weeks():
    assert IsoWeek(2026, 50).weeks_until(IsoWeek(2027, 1)) == 4


def test_week_zero_is_refused_with_the_valid_range():
    with pytest.raises(InvalidInput, match="2026-W01 to 2026-W53"):
        parse_week("2026-W00")
