"""Invariants of the scoring functions, checked on generated data (hypothesis)."""

from __future__ import annotations

import random
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from perfmirror_core.scoring import (BANDS_BEST_FIRST, CategoryInfo, Entry, LevelFramework,
                                     ProfileChange, ScoringData, Thresholds, Weights,
                                     band_for_ratio, compute_status, entry_points)
from perfmirror_core.weeks import IsoWeek

AS_OF = IsoWeek(2026, 48)
CATEGORIES = {
    1: CategoryInfo(1, "Code review", "input", 5),
    2: CategoryInfo(2, "Feature shipped", "output", 15),
    3: CategoryInfo(3, "Design doc", "outcome", 25),
    4: CategoryInfo(4, "Mentoring session", "impact", 12),
}
weeks = st.integers(min_value=0, max_value=15).map(lambda back: AS_OF.shifted(-back))
entries = st.builds(Entry, category_id=st.sampled_from(sorted(CATEGORIES)), week=weeks,
                    count=st.integers(0, 20),
                    override=st.none() | st.floats(0, 500, allow_nan=False))
weight_values = st.lists(st.floats(0.01, 1), min_size=4, max_size=4).map(
    lambda raw: Weights(*(value / sum(raw) for value in raw)))


def scoring_data(entry_list, weights=Weights(0.3, 0.4, 0.2, 0.1)) -> ScoringData:
    framework = LevelFramework("IC", 4, weights, {1: 6, 2: 1, 3: 0.5, 4: 1})
    return ScoringData(CATEGORIES, entry_list, [ProfileChange(AS_OF.shifted(-100), "IC", 4)],
                       {("IC", 4): framework})


@given(st.floats(0, 5, allow_nan=False), st.floats(0, 5, allow_nan=False))
def test_bands_are_monotone_in_the_ratio(low, high):
    low, high = sorted((low, high))
    rank = BANDS_BEST_FIRST.index
    assert rank(band_for_ratio(high)) <= rank(band_for_ratio(low))


@given(st.lists(entries, max_size=30), entries)
def test_adding_an_entry_never_lowers_the_score(existing, extra):
    before = compute_status(scoring_data(existing), AS_OF).score
    after = compute_status(scoring_data(existing + [extra]), AS_OF).score
    assert after >= before - 1e-9


@given(entries)
def test_override_replaces_count_times_points(entry):
    category = CATEGORIES[entry.category_id]
    if entry.override is None:
        assert entry_points(entry, category) == entry.count * category.points
    else:
        assert entry_points(entry, category) == entry.override
        assert entry_points(replace(entry, count=entry.count + 7), category) == entry.override


@given(st.lists(entries, max_size=30), weight_values, st.floats(0.1, 10))
def test_weights_scale_the_score_linearly(entry_list, weights, factor):
    scaled = Weights(*(weights.as_dict()[d] * factor for d in ("input", "output", "outcome",
                                                                 "impact")))
    base = compute_status(scoring_data(entry_list, weights), AS_OF)
    bigger = compute_status(scoring_data(entry_list, scaled), AS_OF)
    assert abs(bigger.score - factor * base.score) <= 1e-6 * max(1.0, bigger.score)
    assert abs(bigger.expected - factor * base.expected) <= 1e-6 * max(1.0, bigger.expected)


@settings(max_examples=50)
@given(st.lists(entries, max_size=30), st.randoms(use_true_random=False))
def test_result_does_not_depend_on_entry_order(entry_list, rng: random.Random):
    shuffled = list(entry_list)
    rng.shuffle(shuffled)
    first = compute_status(scoring_data(entry_list), AS_OF)
    second = compute_status(scoring_data(shuffled), AS_OF)
    assert abs(first.score - second.score) < 1e-9
    assert first.band == second.band
    assert [c.performance for c in first.categories] == [c.performance for c in second.categories]


@given(st.floats(0, 3, allow_nan=False))
def test_band_thresholds_come_from_the_target(ratio):
    strict = Thresholds(3.0, 2.5, 2.0, 1.5)
    rank = BANDS_BEST_FIRST.index
    assert rank(band_for_ratio(ratio, strict)) >= rank(band_for_ratio(ratio))
