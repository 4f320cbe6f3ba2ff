"""The shipped defaults.toml is well-formed and coherent.

Reads the file with tomllib only, so it checks the data itself, independent of the loader.
"""

import math
import tomllib
from collections import Counter
from pathlib import Path

import pytest

DEFAULTS_PATH = Path(__file__).parents[1] / "perfmirror_core" / "defaults.toml"
DIMENSIONS = {"input", "output", "outcome", "impact"}
ROLE_LEVELS = {"IC": (1, 8), "Manager": (4, 8), "Senior Manager": (6, 8), "Director": (7, 8)}
ROLE_AND_LEVEL = [(role, level) for role, (low, high) in ROLE_LEVELS.items() for level in range(low, high + 1)]


@pytest.fixture(scope="module")
def defaults():
    with DEFAULTS_PATH.open("rb") as f:
        return tomllib.load(f)


@pytest.fixture(scope="module")
def category_names(defaults):
    return {c["name"] for c in defaults["categories"]}


def weights_for(defaults, role, level):
    """The level's weights row if there is one, else the role's default row."""
    rows = [w for w in defaults["weights"] if w["role"] == role]
    by_level = [w for w in rows if w.get("level") == level]
    return (by_level or [w for w in rows if "level" not in w])[0]


def expected_weekly_weighted_points(defaults, role, level):
    categories = {c["name"]: c for c in defaults["categories"]}
    weights = weights_for(defaults, role, level)
    (template,) = [t for t in defaults["templates"] if (t["role"], t["level"]) == (role, level)]
    return sum(
        count * categories[name]["points"] * weights[categories[name]["dimension"]]
        for name, count in template["expected"].items()
    )


def test_schema_is_1(defaults):
    assert defaults["schema"] == 1


def test_roles_have_the_documented_level_ranges(defaults):
    ranges = {name: (r["min_level"], r["max_level"]) for name, r in defaults["roles"].items()}
    assert ranges == ROLE_LEVELS


def test_every_role_has_a_label(defaults):
    assert all(r["label"].strip() for r in defaults["roles"].values())


@pytest.mark.parametrize("table", ["templates", "expectations"])
def test_every_role_and_level_has_exactly_one_row(defaults, table):
    rows = Counter((row["role"], row["level"]) for row in defaults[table])
    assert rows == Counter(ROLE_AND_LEVEL)


def test_templates_name_only_known_categories(defaults, category_names):
    unknown = [
        (t["role"], t["level"], name)
        for t in defaults["templates"]
        for name in t["expected"]
        if name not in category_names
    ]
    assert not unknown


def test_template_counts_are_positive(defaults):
    assert all(count > 0 for t in defaults["templates"] for count in t["expected"].values())


def test_expectation_evidence_names_only_known_categories(defaults, category_names):
    unknown = [
        (e["role"], e["level"], name)
        for e in defaults["expectations"]
        for s in e["statements"]
        for name in s["evidence"]
        if name not in category_names
    ]
    assert not unknown


def test_each_level_has_3_to_6_expectations_with_1_to_4_evidence_categories(defaults):
    for e in defaults["expectations"]:
        assert 3 <= len(e["statements"]) <= 6, (e["role"], e["level"])
        for s in e["statements"]:
            assert s["text"].strip(), (e["role"], e["level"])
            assert 1 <= len(s["evidence"]) <= 4, s["text"]


def test_category_names_are_unique_case_insensitively(defaults):
    names = Counter(c["name"].casefold() for c in defaults["categories"])
    assert [n for n, k in names.items() if k > 1] == []


def test_each_name_or_synonym_points_to_one_category(defaults):
    owners = {}
    for c in defaults["categories"]:
        for phrase in {c["name"].casefold(), *(s.casefold() for s in c["synonyms"])}:
            owners.setdefault(phrase, set()).add(c["name"])
    assert {p: o for p, o in owners.items() if len(o) > 1} == {}


def test_every_category_has_a_valid_dimension(defaults):
    assert {c["name"]: c["dimension"] for c in defaults["categories"] if c["dimension"] not in DIMENSIONS} == {}


def test_every_category_is_worth_positive_points(defaults):
    assert all(c["points"] > 0 for c in defaults["categories"])


def test_every_weights_row_sums_to_1(defaults):
    for w in defaults["weights"]:
        assert math.isclose(sum(w[d] for d in DIMENSIONS), 1, rel_tol=0, abs_tol=1e-9), w


def test_every_role_has_one_default_weights_row(defaults):
    defaults_per_role = Counter(w["role"] for w in defaults["weights"] if "level" not in w)
    assert defaults_per_role == {role: 1 for role in ROLE_LEVELS}


def test_weights_level_rows_are_unique_and_within_the_role_range(defaults):
    level_rows = [(w["role"], w["level"]) for w in defaults["weights"] if "level" in w]
    assert len(level_rows) == len(set(level_rows))
    for role, level in level_rows:
        low, high = ROLE_LEVELS[role]
        assert low <= level <= high, (role, level)


def test_target_thresholds_strictly_descend(defaults):
    for t in defaults["targets"]:
        assert t["outstanding"] > t["strong"] > t["meeting"] > t["partially"] > 0, t


def test_target_period_is_1_to_52_weeks(defaults):
    assert all(1 <= t["period_weeks"] <= 52 for t in defaults["targets"])


def test_there_is_one_global_target_row(defaults):
    assert len([t for t in defaults["targets"] if "role" not in t]) == 1


@pytest.mark.parametrize("role", list(ROLE_LEVELS))
def test_expected_weekly_weighted_points_rise_with_level(defaults, role):
    low, high = ROLE_LEVELS[role]
    points = [expected_weekly_weighted_points(defaults, role, level) for level in range(low, high + 1)]
    assert all(a < b for a, b in zip(points, points[1:])), points


def test_every_category_says_its_work_as_verb_one_many(defaults):
    """Recommendations phrase steps as work ("hold 3 1:1s"), read from here."""
    for category in defaults["categories"]:
        work = category["work"]
        assert len(work) == 3 and all(isinstance(w, str) and w.strip() for w in work), category


def test_a_malformed_work_phrase_is_refused_by_the_loader(defaults):
    from perfmirror_core.frameworks import _parse

    broken = {**defaults, "categories": [{**defaults["categories"][0], "work": ["hold", "1:1"]}]}
    with pytest.raises(ValueError, match="work must be"):
        _parse(broken)
