"""The learned category layer stacked on the extractor's rules (perfmirror_core/extract/learned.py)."""

import importlib.util
import json
import sys
from pathlib import Path

from perfmirror_core.extract import (
    CategoryVocabulary,
    ExtractedActivity,
    extract_activities,
    rule_activities,
)
from perfmirror_core.extract.learned import (
    MODEL_PATH,
    CategoryModel,
    category_model,
    features,
    refine,
    vocabulary_fingerprint,
)
from perfmirror_core.extract.words import tokenize
from perfmirror_core.frameworks import default_framework

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
DEFAULTS = [CategoryVocabulary(c.name, tuple(c.synonyms), c.description)
            for c in default_framework().categories]
BY_NAME = {c.name: c for c in DEFAULTS}


def load_trainer(script: str):
    """A trainer in benchmarks/ as a module (the count layer's trainer too)."""
    spec = importlib.util.spec_from_file_location(Path(script).stem, BENCHMARKS / script)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def trainer():
    return load_trainer("train_category_model.py")


def test_the_weights_were_trained_on_todays_dev_set_and_rules():
    """The rules' output is one of the model's inputs: when the dev set or the rules change,
    the weights describe inputs the layer no longer gets and must be trained again."""
    recorded = json.loads(MODEL_PATH.read_text())["trained_on"]
    train = trainer()
    lines, _, _ = train.split_by_writer(train.load(train.default_vocabulary()))
    retrain = "retrain: .venv/bin/python benchmarks/train_category_model.py"
    assert recorded["dev_sha256"] == train.dev_hash(), f"the dev set changed; {retrain}"
    assert recorded["rules_sha256"] == train.rules_hash(lines), f"the rules changed; {retrain}"


def test_the_weights_file_is_compact():
    assert MODEL_PATH.stat().st_size < 1_000_000


def toy_model(weights: dict[str, dict[str, float]], keep_at: float = 0.5,
              add_at: float = 0.5) -> CategoryModel:
    """A hand-set model over two default categories: a bias of -2 (p 0.12) unless a feature
    says otherwise, so each test shows one decision."""
    names = ("Roadmap", "Bug fix")
    return CategoryModel({n: vocabulary_fingerprint(BY_NAME[n]) for n in names},
                         {n: -2.0 for n in names}, weights, keep_at, add_at)


def test_a_category_the_model_is_sure_of_is_added_with_a_count_of_one():
    """'sign' + bias: -2 + 4 = 2, p 0.88 >= 0.5: Roadmap added, counted once."""
    model = toy_model({"w:sign": {"Roadmap": 4.0}})
    text = "Walked the VP through our Q1 plan and got sign-off."
    assert refine(text, DEFAULTS, [], (), model) == [ExtractedActivity("Roadmap", 1, text)]


def test_a_rules_category_the_model_doubts_is_dropped_and_the_rest_keep_their_counts():
    """Bug fix: -2 + 1 (rules proposed it) = -1, p 0.27 < keep 0.5: dropped. The rules' Team
    meeting is not a category this model knows, so it stays, count and all."""
    model = toy_model({"r:Bug fix": {"Bug fix": 1.0}})
    items = [ExtractedActivity("Team meeting", 3, "3 standups"),
             ExtractedActivity("Bug fix", 2, "filed 2 bugs")]
    got = refine("3 standups, filed 2 bugs", DEFAULTS, items, (), model)
    assert got == items[:1]


def test_a_rules_category_the_model_agrees_with_keeps_the_rules_count():
    model = toy_model({"r:Bug fix": {"Bug fix": 5.0}})
    items = [ExtractedActivity("Bug fix", 4, "fixed 4 bugs")]
    assert refine("fixed 4 bugs", DEFAULTS, items, (), model) == items


def test_a_custom_category_passes_through_and_nothing_is_added_beside_it():
    """'Squashed bugs' is the person's own category: the model never saw it, so it cannot
    tell whether a Bug fix it would add is the same work already logged there."""
    custom = [*DEFAULTS, CategoryVocabulary("Squashed bugs", ("squashed",), "")]
    model = toy_model({"w:bug": {"Bug fix": 4.0}})
    items = [ExtractedActivity("Squashed bugs", 2, "squashed 2 bugs")]
    assert refine("squashed 2 bugs", custom, items, (), model) == items


def test_an_edited_default_category_is_left_to_the_rules():
    """Same name, other synonyms: not the entry the model was trained on."""
    edited = [CategoryVocabulary("Roadmap", ("north star",), "")] + [
        c for c in DEFAULTS if c.name != "Roadmap"]
    model = toy_model({"w:sign": {"Roadmap": 4.0}})
    assert refine("got sign-off on the plan", edited, [], (), model) == []


def in_defaults(text: str) -> list[tuple[str, int]]:
    return [(item.category, item.count) for item in extract_activities(text, DEFAULTS)]


def test_the_shipped_layer_adds_work_the_rules_have_no_words_for():
    """A choice between technologies, recorded: no category word, yet an architecture
    decision (the rules alone propose nothing here)."""
    text = "Recorded our decision to stay on Postgres instead of moving to Mongo."
    assert rule_activities(text, DEFAULTS) == []
    assert in_defaults(text) == [("Architecture decision", 1)]


def test_nothing_is_added_where_the_rules_read_whose_work_it_was_or_whether_it_happened():
    """The toy model is sure of Roadmap on 'plan' (-2 + 4 = 2, p 0.88), yet adds it to none
    of these: the rules' grammar says they are not the person's work done."""
    model = toy_model({"w:plan": {"Roadmap": 4.0}})
    for text in ("My plan got reviewed by the VP.", "Will write the Q3 plan tomorrow.",
                 "Didn't finish the plan.", "My manager wrote the plan."):
        assert refine(text, DEFAULTS, [], (), model) == [], text


def test_a_category_the_text_names_outright_is_the_rules_call():
    """'roadmap' is the category's own name: the rules read it (here as reading someone's
    roadmap) and the model neither adds it nor drops it."""
    model = toy_model({"w:roadmap": {"Roadmap": 4.0}, "r:Bug fix": {"Bug fix": -9.0}})
    assert refine("Read the platform roadmap.", DEFAULTS, [], ("Roadmap",), model) == []
    items = [ExtractedActivity("Bug fix", 1, "fixed a bug")]
    assert refine("fixed a bug", DEFAULTS, items, ("Bug fix",), model) == items


def test_a_question_stays_no_entry():
    assert in_defaults("How do I get better at interviewing and mentoring?") == []


def test_the_rules_answer_is_a_feature():
    assert "r:Bug fix" in features(tokenize("fixed a bug"), ["Bug fix"])
    assert "r:-" in features(tokenize("had lunch"), [])


def test_a_typo_keeps_most_of_a_words_four_letter_pieces():
    """'<documentaion>' and '<documentation>' share 8 of the typo's 11 pieces (all but 'ntai',
    'taio' and 'aion'), so the model still hears most of the word (the stems differ)."""
    typo = {f for f in features(tokenize("documentaion"), []) if f.startswith("c:")}
    right = {f for f in features(tokenize("documentation"), []) if f.startswith("c:")}
    assert len(typo) == 11 and len(typo & right) == 8


def test_a_declined_clause_elsewhere_in_the_check_in_does_not_stop_an_add():
    """Roadmap's most telling clause is 'got sign-off' ('sign': -2 + 4 = 2, p 0.88); the
    intent is in another clause, so Roadmap is added."""
    model = toy_model({"w:sign": {"Roadmap": 4.0}})
    text = "Walked the VP through our Q1 plan and got sign-off; will start the design doc Monday."
    assert [(i.category, i.count) for i in refine(text, DEFAULTS, [], (), model)] == [
        ("Roadmap", 1)]


def test_the_clause_that_says_it_most_is_the_one_the_grammar_judges():
    """'sign' is in the manager's clause (someone else's work): no Roadmap, though the first
    clause is the person's own."""
    model = toy_model({"w:sign": {"Roadmap": 4.0}})
    text = "Fixed the login bug, and my manager got sign-off on the plan."
    assert refine(text, DEFAULTS, [], (), model) == []


def test_training_is_deterministic_and_learns_a_telling_word():
    """Six lines, 'sign' in the three that are Roadmap: fitted twice, the same weights, and
    'sign' weighs for Roadmap."""
    train = trainer()
    texts = [("got sign-off on the plan", {("Roadmap", 1)}), ("plan signed by the VP",
             {("Roadmap", 1)}), ("sign-off on Q3 goals", {("Roadmap", 1)}),
             ("fixed a bug", {("Bug fix", 1)}), ("fixed two bugs", {("Bug fix", 2)}),
             ("had lunch", set())]
    lines = [train.Line(text, "blind-w1", frozenset(gold), [],
                        features(tokenize(text), []), frozenset(), []) for text, gold in texts]
    names = ["Roadmap", "Bug fix"]
    first, second = train.fit(lines, names), train.fit(lines, names)
    assert first == second
    assert first[1]["w:sign"]["Roadmap"] > 0


def test_the_shipped_model_is_loaded_once():
    assert category_model() is category_model()


def test_the_fixture_vocabulary_is_left_to_the_rules():
    """The shared fixture's categories carry other synonyms than the defaults: none is an entry
    the layer was trained on, so it stays out whatever the text."""
    fixture = json.loads((Path(__file__).resolve().parents[2] / "shared" / "data"
                          / "categories-fixture.json").read_text())
    vocabulary = [CategoryVocabulary(c["name"], tuple(c.get("synonyms", ())),
                                     c.get("description", "")) for c in fixture["categories"]]
    model = category_model()
    assert model is not None
    assert not {c.name for c in vocabulary
                if model.fingerprints.get(c.name) == vocabulary_fingerprint(c)}
