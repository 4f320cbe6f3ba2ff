import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfmirror_core.extract import CategoryVocabulary, ExtractedActivity, extract_activities

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


def pairs(text: str, categories=VOCABULARY) -> list[tuple[str, int]]:
    return [(item.category, item.count) for item in extract_activities(text, categories)]


def item_scores(cases: list[dict]) -> tuple[float, float, float]:
    """Precision, recall and F1 over (category, count) items; both must equal to match."""
    true_positives = proposed = expected = 0
    for case in cases:
        want = {(a["category"], a["count"]) for a in case["activities"]}
        got = set(pairs(case["text"]))
        true_positives += len(want & got)
        proposed += len(got)
        expected += len(want)
    precision = true_positives / proposed if proposed else 1.0
    recall = true_positives / expected if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def report(label: str, cases: list[dict], capsys) -> float:
    precision, recall, f1 = item_scores(cases)
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
