"""The learned count layer stacked on the extractor's rules (perfmirror_core/extract/learned_counts.py)."""

import json

from perfmirror_core.extract import (
    CategoryVocabulary,
    ExtractedActivity,
    extract_activities,
    rule_activities,
)
from perfmirror_core.extract.learned import vocabulary_fingerprint
from perfmirror_core.extract.learned_counts import (
    MODEL_PATH,
    CountModel,
    candidates,
    count_model,
    recount,
)
from test_extract_learned import BY_NAME, DEFAULTS, load_trainer


def trainer():
    return load_trainer("train_count_model.py")


def test_the_weights_were_trained_on_todays_dev_set_and_rules():
    """The rules' items (and the candidate counts read around them) are the model's inputs:
    when the dev set or the rules change, the weights must be trained again."""
    recorded = json.loads(MODEL_PATH.read_text())["trained_on"]
    train = trainer()
    lines, _, _ = train.split_by_writer(train.load(train.default_vocabulary(), full=False))
    retrain = "retrain: .venv/bin/python benchmarks/train_count_model.py"
    assert recorded["dev_sha256"] == train.category_trainer.dev_hash(), f"the dev set changed; {retrain}"
    assert recorded["rules_sha256"] == train.rules_hash(lines), f"the rules changed; {retrain}"


def test_the_weights_file_is_compact():
    assert MODEL_PATH.stat().st_size < 1_000_000


def toy_model(weights: dict[str, float], margin: float = 0.5,
              trained_on: tuple[str, ...] = ("Bug fix",)) -> CountModel:
    """A hand-set model that knows only the categories ``trained_on``."""
    return CountModel({n: vocabulary_fingerprint(BY_NAME[n]) for n in trained_on}, weights,
                      margin)


TEXT = "fixed 3 bugs in the importer"
ITEM = ExtractedActivity("Bug fix", 3, TEXT)


def test_a_candidate_that_beats_the_rules_count_by_the_margin_replaces_it():
    """'ONE' weighs 2 and nothing else weighs: the count 1 scores 2 above the rules' 3."""
    assert recount(TEXT, DEFAULTS, [ITEM], toy_model({"ONE": 2.0})) == [
        ExtractedActivity("Bug fix", 1, TEXT)]


def test_the_rules_count_stays_when_no_candidate_beats_it_by_the_margin():
    """The count 1 is preferred, but by 2, and the margin asks for more than 3."""
    assert recount(TEXT, DEFAULTS, [ITEM], toy_model({"ONE": 2.0}, margin=3.0)) == [ITEM]


def test_on_a_tie_the_rules_count_stays():
    assert recount(TEXT, DEFAULTS, [ITEM], toy_model({}, margin=0.0)) == [ITEM]


def test_a_category_the_model_was_not_trained_on_keeps_the_rules_count():
    """The model knows Bug fix only; Code review passes through whatever the weights say."""
    item = ExtractedActivity("Code review", 3, "reviewed 3 PRs")
    assert recount("reviewed 3 PRs", DEFAULTS, [item], toy_model({"ONE": 9.0})) == [item]


def test_an_edited_default_category_keeps_the_rules_count():
    """Same name, other synonyms: not the entry the model was trained on."""
    edited = [CategoryVocabulary("Bug fix", ("squashed",), "")] + [
        c for c in DEFAULTS if c.name != "Bug fix"]
    assert recount(TEXT, edited, [ITEM], toy_model({"ONE": 9.0})) == [ITEM]


def test_the_counts_said_are_candidates_and_so_is_the_rules_own():
    """The rules' count is always a candidate, even one too large to be a weekly count."""
    text = "ran 2 retros and 4 standups"
    got = candidates(text, ExtractedActivity("Team meeting", 6, text))
    assert {1, 2, 4, 6} <= set(got)
    assert "R" in got[6] and "Q" in got[2] and "ONE" in got[1]
    assert "R" in candidates("fixed bugs", ExtractedActivity("Bug fix", 250, "fixed bugs"))[250]


def test_the_shipped_layer_is_deterministic_and_loaded_once():
    assert count_model() is count_model()
    text = "Delivered the search revamp project (8 weeks of work, 4 squads) to the client."
    items = [ExtractedActivity("Project delivered", 4, text)]
    assert recount(text, DEFAULTS, items) == recount(text, DEFAULTS, items)


def test_the_shipped_layer_reads_a_plan_of_several_hires_as_one_decision():
    """The rules count the six reqs; the layer knows a plan's size is not how many times the
    work was done."""
    text = "Hiring plan for next year finished: 6 reqs, agreed with the VP."
    assert [(i.category, i.count) for i in rule_activities(text, DEFAULTS)] == [
        ("Hiring decision", 6)]
    assert ("Hiring decision", 1) in [(i.category, i.count)
                                      for i in extract_activities(text, DEFAULTS)]


def test_training_is_deterministic_and_learns_which_candidate_is_right():
    """Three lines where the gold count is the number said: fitted twice, the same weights,
    and a quantity weighs for itself."""
    train = trainer()
    texts = [("fixed 3 bugs", 3), ("fixed 2 bugs", 2), ("fixed 4 bugs", 4)]
    lines = [train.Line("blind-w1", frozenset({("Bug fix", gold)}), [], [],
                        [train.Item("Bug fix", 1, candidates(text, ExtractedActivity(
                            "Bug fix", 1, text)))]) for text, gold in texts]
    first, second = train.fit(lines, DEFAULTS), train.fit(lines, DEFAULTS)
    assert first == second
    assert first.weights["Q"] > 0
