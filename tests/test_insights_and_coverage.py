"""Insights and expectation coverage on small hand-made data."""

from __future__ import annotations

from perfmirror_core.scoring import (CategoryInfo, Entry, LevelFramework, ProfileChange,
                                     ScoringData, Statement, Weights)
from perfmirror_core.status import where_am_i
from perfmirror_core.weeks import IsoWeek

AS_OF = IsoWeek(2026, 48)
CATEGORIES = {
    1: CategoryInfo(1, "Code review", "input", 5),
    2: CategoryInfo(2, "Feature shipped", "output", 15),
    3: CategoryInfo(3, "Design doc", "outcome", 25),
    4: CategoryInfo(4, "Mentoring session", "impact", 12),
}


def data(entries, role="IC", level=4, statements=(), next_statements=()):
    expected = {1: 6, 2: 1, 3: 0.5, 4: 1}
    frameworks = {
        (role, level): LevelFramework(role, level, Weights(.3, .4, .2, .1), expected,
                                      statements=tuple(statements)),
        (role, level + 1): LevelFramework(role, level + 1, Weights(.3, .4, .2, .1), expected,
                                          statements=tuple(next_statements)),
    }
    return ScoringData(CATEGORIES, entries, [ProfileChange(IsoWeek(2020, 1), role, level)],
                       frameworks)


def week(back):
    return AS_OF.shifted(-back)


def codes(report):
    return [insight.code for insight in report.insights]


def test_mostly_input_and_little_outcome_is_flagged():
    report = where_am_i(data([Entry(1, week(b), 10) for b in range(12)]), AS_OF)
    assert "consuming-more-than-delivering" in codes(report)


def test_output_heavy_with_no_impact_is_execution_without_impact():
    report = where_am_i(data([Entry(2, week(b), 3) for b in range(12)]), AS_OF)
    assert "execution-without-impact" in codes(report)


def test_senior_ic_without_impact_is_told_to_grow_it():
    entries = [Entry(2, week(b), 1) for b in range(12)]
    assert "senior-grow-impact" in codes(where_am_i(data(entries, level=5), AS_OF))
    assert "senior-grow-impact" not in codes(where_am_i(data(entries, level=4), AS_OF))


def test_a_manager_with_missing_input_hears_it_once():
    """Only features for 12 weeks: input (Code review, 0.3 x 5 x 6 = 9 of 18.7 expected points
    a week) is far under, and the far-under insight names Code review; the manager's
    keep-input reminder would say the same again, so it is left out. With 4 of 6 reviews a
    week input is behind (67 %) but not far under, and the reminder speaks."""
    entries = [Entry(2, week(b), 1) for b in range(12)]
    report = where_am_i(data(entries, role="Manager", level=5), AS_OF)
    far = next(i for i in report.insights if i.code == "dimension-far-under")
    assert "Code review" in far.categories
    assert "manager-keep-input" not in codes(report)
    behind = entries + [Entry(1, week(b), 4) for b in range(12)]
    keep = next(i for i in where_am_i(data(behind, role="Manager", level=5), AS_OF).insights
                if i.code == "manager-keep-input")
    assert keep.categories == ("Code review",)


def test_two_empty_weeks_at_the_end_is_a_logging_gap():
    report = where_am_i(data([Entry(1, week(b), 6) for b in range(2, 12)]), AS_OF)
    gap = next(i for i in report.insights if i.code == "logging-gap")
    assert "2 weeks" in gap.message and str(week(1)) in gap.message


def test_falling_last_month_is_declining_and_warnings_come_first():
    entries = [Entry(1, week(b), 6 if b >= 4 else 1) for b in range(12)]
    report = where_am_i(data(entries), AS_OF)
    assert "declining" in codes(report)
    kinds = [i.kind for i in report.insights]
    assert kinds == sorted(kinds, key=["warning", "info", "positive"].index)


def test_path_to_next_band_names_a_count_that_reaches_it():
    """Expected/week = .3*6*5 + .4*1*15 + .2*.5*25 + .1*1*12 = 9 + 6 + 2.5 + 1.2 = 18.7."""
    report = where_am_i(data([Entry(1, week(0), 6)], level=4), AS_OF, weeks=1)
    hint = next(i for i in report.insights if i.code == "path-to-next-band")
    # 9 points scored, Partially needs .7 * 18.7 = 13.09 -> 4.09 short; Feature = .4 * 15 = 6
    assert "the first step: ship 1 feature this week (Feature shipped, +6.0 weighted points)" \
        in hint.message


def test_coverage_lists_the_entries_that_are_its_evidence():
    statements = [Statement(1, "Mentors others", (4,)), Statement(2, "Writes designs", (3,)),
                  Statement(3, "Ships", (2,))]
    next_statements = [Statement(4, "Leads design", (3,)), Statement(5, "Mentors many", (4,))]
    entries = [Entry(4, week(b), 1, id=10 + b, reference=f"1:1 #{b}") for b in (0, 3, 6)] + \
              [Entry(2, week(1), 1, id=50)]
    report = where_am_i(data(entries, statements=statements, next_statements=next_statements),
                        AS_OF)
    status = {c.text: c.status for c in report.expectations}
    assert status == {"Mentors others": "consistent", "Writes designs": "not evidenced",
                      "Ships": "evidenced", "Leads design": "missing", "Mentors many": "emerging"}
    mentoring = next(c for c in report.expectations if c.text == "Mentors others")
    assert [e.entry_id for e in mentoring.evidence] == [16, 13, 10]
    assert mentoring.evidence[0].reference == "1:1 #6"


def test_expectations_without_named_categories_match_by_keywords(cli):
    import json

    cli("init", "--role", "IC", "--level", "4", "--blank")
    cli("category", "add", "Mentoring", "--dimension", "impact", "--points", "10")
    cli("expectations", "add", "Mentors junior engineers")
    cli("log", "Mentoring", "1")
    report = json.loads(cli("status", "--json").out)
    coverage = next(c for c in report["expectations"] if c["text"] == "Mentors junior engineers")
    assert coverage["status"] == "evidenced"
    assert coverage["evidence"][0]["category"] == "Mentoring"


def test_the_card_counts_evidence_in_words_not_with_a_bracketed_plural(cli):
    """One week with one mentoring entry reads "1 week, 1 entry"; a second entry that week makes
    "1 week, 2 entries". The card said "1 week(s), 1 entries"."""
    cli("init", "--role", "IC", "--level", "4", "--blank")
    cli("category", "add", "Mentoring", "--dimension", "impact", "--points", "10")
    cli("expectations", "add", "Mentors junior engineers")
    cli("log", "Mentoring", "1")
    card = " ".join(cli("status").out.split())
    assert "Mentors junior engineers [evidenced] — 1 week, 1 entry" in card
    cli("log", "Mentoring", "1")
    card = " ".join(cli("status").out.split())
    assert "— 1 week, 2 entries" in card and "(s)" not in card


def test_path_to_next_band_among_equally_few_names_the_work_furthest_behind():
    """One week; weights input .5, impact .2. Expected: Code review 4 x 5 x .5 = 10, Feedback
    1 x 10 x .2 = 2, Hiring decision .1 x 20 x .2 = .4; 12.4 in all. 4 reviews score 10 (80.6%):
    Meeting needs .85 x 12.4 = 10.54, .54 short, so one of any category reaches it (review 2.5,
    feedback 2, hiring 4 weighted points each). Feedback is 2.0 behind, hiring .4, reviews 0:
    the card names feedback, as `recommend` ranks it, not the hiring decision worth most."""
    categories = {1: CategoryInfo(1, "Code review", "input", 5),
                  2: CategoryInfo(2, "Feedback given", "impact", 10),
                  3: CategoryInfo(3, "Hiring decision", "impact", 20)}
    framework = LevelFramework("Manager", 5, Weights(.5, .2, .1, .2), {1: 4, 2: 1, 3: 0.1})
    scoring = ScoringData(categories, [Entry(1, AS_OF, 4)],
                          [ProfileChange(IsoWeek(2020, 1), "Manager", 5)],
                          {("Manager", 5): framework})
    report = where_am_i(scoring, AS_OF, weeks=1)
    hint = next(i for i in report.insights if i.code == "path-to-next-band")
    assert "the first step: give 1 piece of feedback this week (Feedback given" in hint.message


def test_an_empty_first_week_says_week_not_weeks(cli):
    """A new person's first card, nothing logged yet, said "Nothing logged in the 1 weeks"."""
    cli("init", "--role", "IC", "--level", "4")
    card = " ".join(cli("status").out.split())
    assert "Nothing logged in the 1 week ending 2026-W48" in card
