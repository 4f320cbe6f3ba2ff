"""Insights are measured against the level's template: the property of issue 11, item 3, over
every role and level in the shipped defaults, plus the issue's counter-examples."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from perfmirror_core.frameworks import default_framework
from perfmirror_core.insights import WARNING
from perfmirror_core.scoring import (MEETING, CategoryInfo, Entry, LevelFramework,
                                     ProfileChange, ScoringData, Thresholds, Weights)
from perfmirror_core.status import where_am_i
from perfmirror_core.weeks import IsoWeek

AS_OF = IsoWeek(2026, 48)
DEFAULTS = default_framework()
CATEGORIES = {number: CategoryInfo(number, spec.name, spec.dimension, spec.points)
              for number, spec in enumerate(DEFAULTS.categories, start=1)}
IDS = {info.name: number for number, info in CATEGORIES.items()}
ROLE_LEVELS = [(role.name, level) for role in DEFAULTS.roles
               for level in range(role.min_level, role.max_level + 1)]
TARGET = DEFAULTS.targets[0]


def weights(role: str, level: int) -> Weights:
    """The level's weights row if the defaults have one, else the role's."""
    rows = [w for w in DEFAULTS.weights if w.role == role]
    row = next((w for w in rows if w.level == level), None) or \
        next(w for w in rows if w.level is None)
    return Weights(row.input, row.output, row.outcome, row.impact)


def framework(role: str, level: int) -> LevelFramework:
    template = next(t for t in DEFAULTS.templates if (t.role, t.level) == (role, level))
    return LevelFramework(role, level, weights(role, level),
                          {IDS[name]: count for name, count in template.expected.items()},
                          Thresholds(TARGET.outstanding, TARGET.strong, TARGET.meeting,
                                     TARGET.partially), TARGET.period_weeks)


def exactly_the_template(role: str, level: int, weeks: int) -> ScoringData:
    """Every week, every template category at exactly its expected count: a fractional count
    (0.25 design docs a week) is one entry whose points are overridden to 0.25 x points."""
    level_framework = framework(role, level)
    first = AS_OF.shifted(-(weeks - 1))
    entries = [Entry(category_id, first.shifted(offset), max(1, round(count)),
                     override=count * CATEGORIES[category_id].points)
               for offset in range(weeks)
               for category_id, count in level_framework.expected_weekly.items()]
    return ScoringData(CATEGORIES, entries, [ProfileChange(first, role, level)],
                       {(role, level): level_framework})


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(ROLE_LEVELS), st.integers(min_value=1, max_value=26))
def test_logging_exactly_the_template_is_meeting_with_no_warning(role_level, weeks):
    role, level = role_level
    report = where_am_i(exactly_the_template(role, level, weeks), AS_OF)
    assert report.band == MEETING, (role, level, weeks, report.ratio)
    assert report.band_cap is None
    warnings = [insight.code for insight in report.insights if insight.kind == WARNING]
    assert warnings == [], (role, level, weeks, warnings)


def test_every_role_and_level_at_the_template_for_a_whole_period():
    """The property above, exhaustively at the 12-week period for all 18 levels."""
    for role, level in ROLE_LEVELS:
        report = where_am_i(exactly_the_template(role, level, 12), AS_OF)
        assert report.band == MEETING
        assert not [i for i in report.insights if i.kind == WARNING], (role, level)


def _with(role: str, level: int, weekly: dict[str, int], weeks: int = 12) -> ScoringData:
    first = AS_OF.shifted(-(weeks - 1))
    entries = [Entry(IDS[name], first.shifted(offset), count)
               for offset in range(weeks) for name, count in weekly.items() if count]
    return ScoringData(CATEGORIES, entries, [ProfileChange(first, role, level)],
                       {(role, level): framework(role, level)})


def test_shipping_many_features_is_not_consuming_more_than_delivering():
    """The issue's IC (L4 here) shipping 31 features in 12 weeks (about 3 a week) with the rest
    of her template: output is far over its expectation, nothing says she under-delivers."""
    template = {name: round(count) for name, count in
                next(t for t in DEFAULTS.templates if (t.role, t.level) == ("IC", 4))
                .expected.items()}
    report = where_am_i(_with("IC", 4, {**template, "Feature shipped": 3}), AS_OF)
    codes = [i.code for i in report.insights]
    assert "consuming-more-than-delivering" not in codes


def test_insights_never_contradict_the_dimension_bars():
    """Whatever an insight says is under (or over) is under (over) on the card's bars."""
    report = where_am_i(_with("Manager", 5, {"1:1 meeting": 2, "Bug fix": 10,
                                              "Feature shipped": 2, "Team meeting": 5}), AS_OF)
    attainment = {d.name: d.attainment for d in report.dimensions}
    by_code = {i.code: i for i in report.insights}
    assert attainment["impact"] < 0.5 and "dimension-far-under" in by_code
    assert "impact" in by_code["dimension-far-under"].message
    for insight in report.insights:
        assert insight.kind != WARNING or insight.categories or insight.code in (
            "logging-gap", "declining"), insight


def test_manager_keep_input_names_only_what_is_behind():
    """A director at exactly her template except Learning (0.5 a week, 6 expected in 12
    weeks, none logged): the input reminder names Learning alone, never her on-target 1:1s."""
    data = exactly_the_template("Director", 7, 12)
    learning = IDS["Learning"]
    data = ScoringData(data.categories, [e for e in data.entries if e.category_id != learning],
                       data.profile_changes, data.frameworks)
    report = where_am_i(data, AS_OF)
    keep = next(i for i in report.insights if i.code == "manager-keep-input")
    assert keep.categories == ("Learning",)
    assert "1:1" not in keep.message and "Learning" in keep.message


def test_the_manager_who_skips_one_to_ones_hears_it_on_the_card():
    """Manager L5: 2 of 6 expected 1:1s a week, lots of code. The card shows the top 3
    insights; the missed 1:1s are among them."""
    report = where_am_i(_with("Manager", 5, {"1:1 meeting": 2, "Bug fix": 10, "Team meeting": 5,
                                              "Interview": 1, "Feedback given": 1}), AS_OF)
    top = [name for insight in report.insights[:3] for name in insight.categories]
    assert "1:1 meeting" in top
