import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfmirror_core.extract import (
    CategoryVocabulary,
    ExtractedActivity,
    categories_named,
    extract_activities,
    find_reference,
)
from perfmirror_core.frameworks import default_framework

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
HELD_OUT = Path(__file__).resolve().parent / "data" / "extract_cases.jsonl"


def load_vocabulary() -> list[CategoryVocabulary]:
    fixture = json.loads((SHARED_DATA / "categories-fixture.json").read_text())
    return [
        CategoryVocabulary(
            name=category["name"],
            synonyms=tuple(category.get("synonyms", ())),
            description=category.get("description", ""),
        )
        for category in fixture["categories"]
    ]


def load_cases(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


VOCABULARY = load_vocabulary()


def pairs(text: str, categories=None) -> list[tuple[str, int]]:
    categories = VOCABULARY if categories is None else categories
    return [(item.category, item.count) for item in extract_activities(text, categories)]


def item_scores(cases: list[dict], categories=None) -> tuple[float, float, float]:
    """Precision, recall and F1 over (category, count) items; both must equal to match."""
    true_positives = proposed = expected = 0
    for case in cases:
        want = {(a["category"], a["count"]) for a in case["activities"]}
        got = set(pairs(case["text"], categories))
        true_positives += len(want & got)
        proposed += len(got)
        expected += len(want)
    precision = true_positives / proposed if proposed else 1.0
    recall = true_positives / expected if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def report(label: str, cases: list[dict], capsys, categories=None) -> float:
    precision, recall, f1 = item_scores(cases, categories)
    with capsys.disabled():
        print(f"\nextractor {label} ({len(cases)} utterances): "
              f"P={precision:.3f} R={recall:.3f} F1={f1:.3f}")
    return f1


# --- quality over data sets ------------------------------------------------------------


def test_dev_set_f1_is_at_least_0_90(capsys):
    cases = load_cases(SHARED_DATA / "checkin-utterances.jsonl")
    assert report("dev set", cases, capsys) >= 0.90


def test_held_out_set_f1_is_at_least_0_85(capsys):
    cases = load_cases(HELD_OUT)
    assert len(cases) >= 40
    assert report("held-out set", cases, capsys) >= 0.85


# The product's own vocabulary (perfmirror_core/defaults.toml): what a person gets after init.
DEFAULT_VOCABULARY = [CategoryVocabulary(c.name, tuple(c.synonyms), c.description)
                      for c in default_framework().categories]
DEV_DEFAULTS = Path(__file__).resolve().parent / "data" / "extract_dev_defaults.jsonl"
HELD_OUT_DEFAULTS = Path(__file__).resolve().parent / "data" / "extract_heldout_defaults.jsonl"


def test_dev_set_over_the_default_categories_f1_is_at_least_0_94(capsys):
    """Tuned on: reading vs authoring, talks, 1:1s, colloquial verbs, spread counts,
    questions and lamented habits. Baseline before tuning: F1 0.317."""
    cases = load_cases(DEV_DEFAULTS)
    assert report("dev set, default categories", cases, capsys, DEFAULT_VOCABULARY) >= 0.94


def test_held_out_set_over_the_default_categories_does_not_regress(capsys):
    """Written and committed before any tuning (commit "Extractor held-out set over the
    default categories"), never tuned on: F1 0.545 before, 0.891 after. The issue asks for
    0.92; this floor only guards against regression."""
    cases = load_cases(HELD_OUT_DEFAULTS)
    assert len(cases) >= 40
    assert report("held-out set, default categories", cases, capsys, DEFAULT_VOCABULARY) >= 0.88


# --- one behaviour each ----------------------------------------------------------------


def test_number_words_are_counts():
    assert pairs("Interviewed seven candidates.") == [("Interview", 7)]


def test_digits_are_counts():
    assert pairs("Fixed 11 bugs.") == [("Bug fix", 11)]


def test_a_dozen_is_twelve():
    assert pairs("Reviewed a dozen PRs.") == [("Code review", 12)]


def test_a_couple_is_two():
    assert pairs("Did a couple of code reviews.") == [("Code review", 2)]


def test_twice_is_two():
    assert pairs("Mentored Sam twice.") == [("Mentoring session", 2)]


def test_no_number_means_one():
    assert pairs("Wrote the runbook.") == [("Documentation", 1)]


def test_every_day_is_a_working_week():
    assert pairs("Went to standup every day.") == [("Team meeting", 5)]


def test_durations_are_not_counts():
    assert pairs("Spent 3 hours on an outage.") == [("Incident resolved", 1)]


def test_negation_suppresses_the_category():
    assert pairs("Didn't write any docs.") == []
    assert pairs("Not a single incident.") == []


def test_negation_does_not_reach_the_next_clause():
    assert pairs("No design work, but reviewed 2 PRs.") == [("Code review", 2)]


def test_intent_is_not_an_activity():
    assert pairs("Will review the migration PRs next week.") == []


def test_same_category_mentioned_twice_sums():
    text = "Fixed 2 bugs on Monday. Later fixed 3 bugs in the API."
    assert pairs(text) == [("Bug fix", 5)]


def test_a_bare_number_continues_the_previous_clause():
    assert pairs("Reviewed 3 PRs on Monday and 2 more on Friday.") == [("Code review", 5)]


def test_zero_counts_are_dropped():
    assert pairs("Zero bugs fixed. 0 interviews.") == []


def test_description_word_alone_is_not_enough():
    # "candidate" appears only in the Interview description.
    assert pairs("Chatted with a candidate.") == []


def test_synonym_beats_description_word_for_the_same_span():
    assert pairs("Wrote 2 docs.") == [("Documentation", 2)]
    assert pairs("Wrote 2 design docs.") == [("Design doc", 2)]


def test_topic_after_a_preposition_is_not_an_activity():
    assert pairs("Gave a talk on incident response.") == [("Tech talk", 1)]


def test_items_come_in_order_of_first_mention():
    text = "Interviewed a candidate, fixed a bug, interviewed another."
    assert pairs(text) == [("Interview", 2), ("Bug fix", 1)]


def test_category_name_is_returned_exactly_as_given():
    vocabulary = [CategoryVocabulary("CODE Review ✓", ("PR review",), "Reviewing PRs")]
    assert pairs("Reviewed 4 PRs.", vocabulary) == [("CODE Review ✓", 4)]


def test_phrase_shows_where_the_item_came_from():
    [item] = extract_activities("Mostly meetings: 7 of them.", VOCABULARY)
    assert item == ExtractedActivity("Team meeting", 7, "Mostly meetings: 7 of them")


def test_empty_text_gives_nothing():
    assert extract_activities("", VOCABULARY) == []


def test_empty_vocabulary_gives_nothing():
    assert extract_activities("Reviewed 4 PRs.", []) == []


def test_extraction_is_deterministic():
    text = "Shipped 2 features, fixed 4 bugs, and attended standup every day (5)."
    assert extract_activities(text, VOCABULARY) == extract_activities(text, VOCABULARY)


@pytest.mark.parametrize("seed", range(5))
def test_category_order_does_not_change_the_result(seed):
    shuffled = VOCABULARY[:]
    random.Random(seed).shuffle(shuffled)
    for case in load_cases(HELD_OUT):
        assert set(pairs(case["text"], shuffled)) == set(pairs(case["text"]))


# --- properties ------------------------------------------------------------------------

VOCABULARY_WORDS = sorted(
    {word for c in VOCABULARY for part in (c.name, *c.synonyms, c.description)
     for word in part.split()}
    | set("no not didn't will a dozen couple of twice every day each and , . : ( ) 3 0 "
          "seven more them hours for on planning to".split())
)
NAMES = {c.name for c in VOCABULARY}


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), st.lists(st.sampled_from(VOCABULARY_WORDS)).map(" ".join)))
def test_any_text_gives_valid_items(text):
    items = extract_activities(text, VOCABULARY)
    categories = [item.category for item in items]
    assert all(item.count >= 1 for item in items)
    assert set(categories) <= NAMES
    assert len(categories) == len(set(categories))


# --- generalising: what people say, in the product's own categories ----------------------


def in_defaults(text: str) -> list[tuple[str, int]]:
    return pairs(text, DEFAULT_VOCABULARY)


def test_reading_is_not_authoring():
    assert in_defaults("Read two RFCs from the storage team.") == [("Reading docs", 2)]
    assert in_defaults("Reviewed 2 design docs.") == [("Reading docs", 2)]
    assert in_defaults("Wrote 2 design docs.") == [("Design doc", 2)]


def test_reading_carries_to_a_clause_with_no_verb_of_its_own():
    assert in_defaults("Read the caching RFC and two design docs.") == [("Reading docs", 3)]


def test_reading_code_is_a_review():
    assert in_defaults("Looked over two PRs from the interns.") == [("Code review", 2)]


def test_without_a_reading_category_a_read_document_is_not_written():
    """The fixture's vocabulary has no "Reading docs"; its Learning says "reading ... RFCs"."""
    assert pairs("Read two RFCs.") == [("Learning", 2)]


def test_presenting_teaching_and_speaking_are_talks():
    assert in_defaults("Presented at the platform guild.") == [("Tech talk", 1)]
    assert in_defaults("Spoke at the frontend meetup.") == [("Tech talk", 1)]


def test_one_on_ones_are_counted_not_read_as_numbers():
    assert in_defaults("Had two 1:1s and a skip-level.") == [("1:1 meeting", 3)]


def test_a_lamented_habit_is_no_entry():
    assert in_defaults("I keep starting design docs and never finishing them.") == []


def test_a_question_is_no_entry():
    assert in_defaults("How do I get better at interviewing and mentoring?") == []
    assert in_defaults("Should I write an RFC? Fixed 2 bugs.") == [("Bug fix", 2)]


def test_colloquial_verbs_name_the_same_work():
    assert in_defaults("Squashed three bugs in the importer.") == [("Bug fix", 3)]
    assert in_defaults("Rolled out the new search page.") == [("Feature shipped", 1)]


def test_a_colloquial_verb_used_as_a_noun_is_not_work():
    assert in_defaults("Tidied the release checklist.") == []


def test_counts_spread_over_a_sentence_add_up():
    assert in_defaults("Fixed one bug Monday, two Wednesday and one Friday.") == [("Bug fix", 4)]
    assert in_defaults("Interviewed one candidate Tuesday and another Thursday.") == [
        ("Interview", 2)]


def test_a_hyphenated_duration_is_not_a_count():
    assert in_defaults("Attended a three-day workshop.") == [("Learning", 1)]


def test_categories_named_in_a_question():
    assert categories_named("how do I get better at interviewing and mentoring?",
                            DEFAULT_VOCABULARY) == ["Interview", "Mentoring session"]


@pytest.mark.parametrize("text, reference", [
    ("Fixed the login bug (PR #412)", "PR #412"),
    ("Wrote up the postmortem for INC-771", "INC-771"),
    ('Wrote the design doc "Queue migration v2"', "Queue migration v2"),
    ("Merged https://github.com/a/b/pull/3.", "https://github.com/a/b/pull/3"),
    ("Updated retries.md", "retries.md"),
    ("Priya's doc and Bob's talk", None),
    ("I mentored Priya twice", None),
])
def test_a_sentence_keeps_its_reference(text, reference):
    assert find_reference(text) == reference
