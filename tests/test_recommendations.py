"""Recommendations: the gap comes first, and the points each step states are the core's own.

The persona (as in test_warnings_and_loops): IC L4, weights .3/.4/.2/.1, Code review 5 pts x
6/week, Feature 15 x 1, Design doc 25 x 0.5, Mentoring 12 x 1 (impact), a 12-week period
W37..W48. L5 expects "Mentors engineers" (Mentoring).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from perfmirror_core.recommendations import recommend, shared_keywords
from perfmirror_core.scoring import (CategoryInfo, Entry, LevelFramework, ProfileChange,
                                     ScoringData, Statement, Weights, compute_status)
from perfmirror_core.weeks import IsoWeek

FIRST, AS_OF = IsoWeek(2026, 37), IsoWeek(2026, 48)
CATEGORIES = {
    1: CategoryInfo(1, "Code review", "input", 5),
    2: CategoryInfo(2, "Feature", "output", 15),
    3: CategoryInfo(3, "Design doc", "outcome", 25),
    4: CategoryInfo(4, "Mentoring", "impact", 12),
}


def persona(entries) -> ScoringData:
    weights = Weights(.3, .4, .2, .1)
    expected = {1: 6, 2: 1, 3: 0.5, 4: 1}
    frameworks = {
        ("IC", 4): LevelFramework("IC", 4, weights, expected),
        ("IC", 5): LevelFramework("IC", 5, weights, expected,
                                  statements=(Statement(1, "Mentors engineers", (4,)),)),
    }
    return ScoringData(CATEGORIES, entries, [ProfileChange(FIRST, "IC", 4)], frameworks)


def everything_but_impact():
    entries = []
    for number in range(37, 49):
        week = IsoWeek(2026, number)
        entries += [Entry(1, week, 6), Entry(2, week, 1)]
        if number % 2:
            entries.append(Entry(3, week, 1))
    return entries


def test_a_persona_whose_gap_is_impact_is_told_to_do_impact_first_and_the_points_add_up():
    """Every week: 6 reviews (.3 x 30 = 9), 1 feature (.4 x 15 = 6) and a design doc every other
    week (.2 x 25 / 2 = 2.5 on average): 17.5 a week, 210 over 12 weeks. Expected 18.7 a week
    (9 + 6 + 2.5 + .1 x 12 = 1.2), 224.4 in all. Ratio 210 / 224.4 = 0.936 -> Meeting; Strong
    needs 1.15 x 224.4 = 258.06, so 48.06 points to go.
    Only Mentoring is under (0 of 12 expected), and impact is far under: the first step is
    Mentoring. Each adds 12 points x impact weight .1 = 1.2; the shortfall is 12 occurrences,
    the band needs 41, and a week holds at most twice the usual 1 a week: 2 -> 2 x 1.2 = 2.4
    points. Its role-weighted shortfall is 12 x 12 x .1 = 14.4.
    """
    data = persona(everything_but_impact())
    before = compute_status(data, AS_OF)
    assert before.score == pytest.approx(210)
    assert before.points_to_next_band == pytest.approx(48.06)

    first = recommend(data, AS_OF)[0]
    assert (first.category, first.dimension) == ("Mentoring", "impact")
    weight = data.framework_in(AS_OF).weights.of("impact")
    assert first.points_each == pytest.approx(CATEGORIES[4].points * weight) == pytest.approx(1.2)
    assert first.count == 2 and first.shortfall == pytest.approx(14.4)
    assert first.points == pytest.approx(first.count * first.points_each) == pytest.approx(2.4)
    assert first.message.startswith("Do 2 x Mentoring this week.")  # not a default category
    assert first.points_to_next_band == pytest.approx(before.points_to_next_band)
    assert not first.reaches_next_band

    after = compute_status(replace(data, entries=[*data.entries,
                                                  Entry(4, AS_OF, first.count)]), AS_OF)
    assert after.score - before.score == pytest.approx(first.points)
    assert before.points_to_next_band - after.points_to_next_band == pytest.approx(first.points)


def test_a_step_that_reaches_the_next_band_says_so_and_does():
    """4 reviews a week instead of 6 and Mentoring in 3 weeks only: score .3 x 20 x 12 = 72 +
    72 (features) + 30 (design docs) + 3.6 = 177.6 of 224.4 -> 0.791, Partially; Meeting needs
    .85 x 224.4 = 190.74, 13.14 to go. Code review (1.5 a review, 24 short) needs
    ceil(13.14 / 1.5) = 9 reviews = 13.5 points: it reaches Meeting, and says so."""
    data = persona([Entry(1, AS_OF.shifted(-b), 4) for b in range(12)]
                   + [Entry(2, AS_OF.shifted(-b), 1) for b in range(12)]
                   + [Entry(3, AS_OF.shifted(-b), 1) for b in range(0, 12, 2)]
                   + [Entry(4, AS_OF.shifted(-b), 1) for b in range(3)])
    before = compute_status(data, AS_OF)
    assert before.points_to_next_band == pytest.approx(13.14)
    steps = recommend(data, AS_OF)
    reaching = [step for step in steps if step.reaches_next_band]
    review = next(step for step in steps if step.category == "Code review")
    assert (review.count, review.points, review.reaches_next_band) == (9, pytest.approx(13.5),
                                                                        True)
    assert "reaches Meeting Expectations" in review.message
    for step in reaching:
        added = replace(data, entries=[*data.entries, Entry(
            next(i for i, c in CATEGORIES.items() if c.name == step.category), AS_OF, step.count)])
        assert compute_status(added, AS_OF).band == before.next_band


def test_the_persons_own_history_is_cited_when_it_shares_words():
    records = [(7, "accomplishment", "2021", "Mentored two new hires through onboarding"),
               (8, "accomplishment", "2022", "Shipped the billing migration")]
    first = recommend(persona(everything_but_impact()), AS_OF, records=records)[0]
    assert first.grounding.record_id == 7
    assert "[#7]" in first.message and "2021" in first.message


def test_a_relevance_function_can_replace_keyword_overlap():
    records = [(7, "accomplishment", "2021", "Coached a junior engineer every week")]
    assert shared_keywords("Mentoring Mentors engineers", records[0][3]) > 0  # "engineer"
    never = recommend(persona(everything_but_impact()), AS_OF, records=records,
                      relevance=lambda query, text: 0.0)[0]
    assert never.grounding is None and "[#" not in never.message


def test_logging_stopped_comes_first():
    data = persona([e for e in everything_but_impact() if e.week <= IsoWeek(2026, 45)])
    steps = recommend(data, AS_OF)
    assert steps[0].kind == "back-fill" and "2026-W45" in steps[0].message


def test_nothing_logged_recommends_nothing():
    assert recommend(persona([]), AS_OF) == []


def test_a_record_that_states_the_opposite_is_never_cited():
    """The issue's case: a reflection shares the stem 'mento' with the Mentoring step, but says
    the person prefers other work to it."""
    records = [(3, "reflection", "2019", "I enjoy deep technical work far more than mentoring"),
               (4, "reflection", "2020", "I never enjoyed mentoring")]
    first = recommend(persona(everything_but_impact()), AS_OF, records=records)[0]
    assert first.category == "Mentoring" and first.grounding is None
    assert "[#" not in first.message


def test_a_record_is_cited_only_above_the_relevance_threshold():
    """shared_keywords is the share of the step's keywords the record contains: 'Mentoring
    Mentors engineers' has two (mento, engin); a record with one of them is at 0.5."""
    assert shared_keywords("Mentoring Mentors engineers", "Coached a junior engineer") == 0.5
    assert shared_keywords("Mentoring", "Shipped the billing migration") == 0.0
    records = [(7, "reflection", "2021", "Mentoring helped me more than I expected")]
    cited = recommend(persona(everything_but_impact()), AS_OF, records=records)[0]
    assert cited.grounding is not None and "From your notes (2021)" in cited.message
    strict = recommend(persona(everything_but_impact()), AS_OF, records=records,
                       min_relevance=1.01)[0]
    assert strict.grounding is None


def test_never_more_than_twice_the_expected_count_in_the_window():
    """A category expected 0.25 a week over a 4-week window (1 expected) with none logged:
    at most max(2, 2 x 1) = 2, and a usual week's cap max(1, ceil(0.5)) = 1 asks for 1."""
    from perfmirror_core.steps import week_count

    assert week_count(14, 0.2, 2.4) == 1  # the '14 more Architecture decision'
    assert week_count(49, 6, 72) == 12  # a manager 49 1:1s behind: twice a usual week
    assert week_count(3, 6, 72) == 3  # 'hold the 3 missing 1:1s this week'
    assert week_count(10, 5, 0.5) == 2  # twice 0.5 is 1, but at least 2
    assert week_count(10, 10, 1.5) == 3  # floor(2 x 1.5)


def test_a_category_expected_less_than_once_in_the_window_is_not_chased():
    """Architecture decision at 0.05 a week: 0.6 expected in 12 weeks; none logged is not a
    shortfall to recommend ('Log 1 more Architecture decision: 0 logged against 0.05')."""
    categories = {**CATEGORIES, 5: CategoryInfo(5, "Architecture decision", "outcome", 30)}
    data = persona(everything_but_impact())
    frameworks = {key: replace(framework, expected_weekly={**framework.expected_weekly,
                                                           5: 0.05})
                  for key, framework in data.frameworks.items()}
    steps = recommend(replace(data, categories=categories, frameworks=frameworks), AS_OF)
    assert "Architecture decision" not in [step.category for step in steps]


def test_a_manager_is_told_to_hold_one_to_ones_and_give_feedback_before_anything_else():
    """Manager L5 weights .2/.35/.3/.15; expected a week: 6 1:1s (3 pts), 1.5 feedback (10),
    1 interview (15), 0.5 docs (6, output). He holds 2 1:1s a week and fixes 10 bugs (6 pts).
    Over 12 weeks the weighted shortfalls are: 1:1s 48 x 3 x .2 = 28.8, feedback 18 x 10 x .15
    = 27, interviews 12 x 15 x .15 = 27 (names break the tie); docs would be 6 x 6 x .35 =
    12.6, but output is already past its credit cap (bug fixes: 252 of 12.6), so neither more
    bug fixes nor the docs are asked for."""
    categories = {1: CategoryInfo(1, "1:1 meeting", "input", 3),
                  2: CategoryInfo(2, "Feedback given", "impact", 10),
                  3: CategoryInfo(3, "Interview", "impact", 15),
                  4: CategoryInfo(4, "Documentation", "output", 6),
                  5: CategoryInfo(5, "Bug fix", "output", 6)}
    framework = LevelFramework("Manager", 5, Weights(.2, .35, .3, .15),
                               {1: 6, 2: 1.5, 3: 1, 4: 0.5})
    entries = [Entry(category, AS_OF.shifted(-back), count)
               for back in range(12) for category, count in ((1, 2), (5, 10))]
    data = ScoringData(categories, entries, [ProfileChange(FIRST, "Manager", 5)],
                       {("Manager", 5): framework})
    steps = recommend(data, AS_OF)
    assert [step.category for step in steps] == ["1:1 meeting", "Feedback given", "Interview"]
    assert [round(step.shortfall, 1) for step in steps] == [28.8, 27.0, 27.0]
    assert steps[0].message.startswith("Hold 12 1:1s this week.")
    assert steps[1].message.startswith("Give 3 pieces of feedback this week.")



def test_steps_read_as_work_from_the_defaults_and_a_new_category_as_do_n_x():
    from perfmirror_core.frameworks import as_work

    assert as_work("1:1 meeting", 3) == "hold 3 1:1s"
    assert as_work("Code review", 1) == "review 1 pull request"
    assert as_work("Pairing", 2) == "do 2 x Pairing"
