"""A learned second opinion on which categories a check-in names, stacked on the rules.

The rules read grammar well (counts, negation, intent, other people's work) but match words,
so a stranger's wording for familiar work ("walked the VP through our Q1 plan and got
sign-off") can slip past them. This layer is a per-category logistic regression over the
check-in's words (stems and pairs of stems) and over the rules' own answer (which categories
they proposed). It decides which categories the check-in yields; the
rules keep the counts for the categories they proposed, and a category the layer adds counts
1. It acts only on a category whose vocabulary entry is exactly the one it was trained on
(the product's defaults): a person's own or edited categories pass through the rules
untouched, and when the rules found one of those the layer adds nothing, since it cannot know
the work was already logged there. Where the rules' grammar speaks, it has the last word: a
category the text names outright is the rules' call, and nothing is added to a check-in with a
negation, an intent, someone else's work or work done to the person in it.

The weights (``category_model.json``) are trained by ``benchmarks/train_category_model.py``
from the dev set; the file records what it was trained on so a test notices when the dev set
or the rules drift from it. Scoring is pure Python, deterministic, loaded once on first use.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .intent import cancellers_in, passive, someone_else_did, statements_only
from .lexicon import CategoryVocabulary, Mention
from .tally import ExtractedActivity
from .words import clauses, tokenize

MODEL_PATH = Path(__file__).with_name("category_model.json")


def features(text: str, proposed: Sequence[str]) -> list[str]:
    """The names of the features a check-in has, given the categories the rules proposed.

    Presence only (each feature counts once): a check-in is a few sentences, and how often a
    word recurs says little about which work it names. Questions and lamented habits are read
    as the rules read them: not at all.
    """
    stems = [token.stem for token in tokenize(statements_only(text))]
    found = {"bias"}
    found.update(f"w:{stem}" for stem in stems)
    found.update(f"b:{first} {second}" for first, second in zip(stems, stems[1:]))
    found.update(f"r:{category}" for category in proposed)
    if not proposed:
        found.add("r:-")
    return sorted(found)


def vocabulary_fingerprint(category: CategoryVocabulary) -> str:
    """What identifies a category's vocabulary entry: its name, synonyms and description."""
    entry = json.dumps([category.name, list(category.synonyms), category.description])
    return hashlib.sha256(entry.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class CategoryModel:
    """Per category: a bias, the weights of its features, and the vocabulary entry it knows."""

    fingerprints: dict[str, str]  # category name -> fingerprint of its trained entry
    bias: dict[str, float]
    weights: dict[str, dict[str, float]]  # feature -> category -> weight (non-zero only)
    keep_at: float  # a probability at or above which a category the rules proposed stays
    add_at: float  # and at or above which one they did not propose is added

    def probabilities(self, text: str, proposed: Sequence[str]) -> dict[str, float]:
        scores = dict(self.bias)
        for feature in features(text, proposed):
            for category, weight in self.weights.get(feature, {}).items():
                scores[category] += weight
        return {category: _sigmoid(score) for category, score in scores.items()}


def _sigmoid(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-score)) if score >= 0 else math.exp(score) / (
        1.0 + math.exp(score))


@cache
def category_model() -> CategoryModel | None:
    """The trained model, or None when no weights file ships (the rules then stand alone)."""
    if not MODEL_PATH.exists():
        return None
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return CategoryModel(
        fingerprints=data["fingerprints"], bias=data["bias"], weights=data["weights"],
        keep_at=data["thresholds"]["keep"], add_at=data["thresholds"]["add"])


def refine(
    text: str, categories: Sequence[CategoryVocabulary], items: list[ExtractedActivity],
    named: Collection[str], model: CategoryModel | None = None,
) -> list[ExtractedActivity]:
    """The rules' items, with the model's say on the categories it was trained on. ``named``:
    the categories the text names outright (``categories_named``), left to the rules."""
    model = model or category_model()
    if model is None:
        return items
    known = frozenset(c.name for c in categories
                      if model.fingerprints.get(c.name) == vocabulary_fingerprint(c))
    if not known or not statements_only(text).strip():
        return items
    proposed = [item.category for item in items if item.category in known]
    return decide(text, categories, items, known, frozenset(named),
                  model.probabilities(text, proposed), model, model.keep_at, model.add_at)


def decide(
    text: str, categories: Sequence[CategoryVocabulary], items: list[ExtractedActivity],
    known: frozenset[str], named: frozenset[str], probability: dict[str, float],
    model: CategoryModel, keep_at: float, add_at: float,
) -> list[ExtractedActivity]:
    """Keep the rules' items the model agrees with, then add the known categories it is sure
    of (apart from ``refine`` so training can try thresholds without scoring again). A category
    the text names outright is the rules' call either way: they saw its words and chose."""
    judged = known - named
    kept = [item for item in items
            if item.category not in judged or probability[item.category] >= keep_at]
    if any(item.category not in known for item in items):
        return kept  # the rules found a category the model cannot see: add nothing beside it
    if _grammar_declines(text):
        return kept  # negation, intent or someone else's work: the rules' grammar decides
    proposed = [item.category for item in items]
    return kept + [
        ExtractedActivity(c.name, 1, _most_telling(text, c.name, proposed, model))
        for c in categories if c.name in judged and c.name not in proposed
        and probability[c.name] >= add_at]


def _grammar_declines(text: str) -> bool:
    """Whether the rules would read a negation, an intent, someone else's work or work done to
    the person anywhere in the check-in ("my design got reviewed", "booked a session for
    Tuesday", "not mine"). Words alone cannot tell whose work it was or whether it happened;
    there the model adds nothing."""
    for n, clause in enumerate(clauses(tokenize(statements_only(text)))):
        cancellers = cancellers_in(clause)
        if (cancellers.whole_clause or cancellers.forward_from is not None
                or cancellers.blocked or someone_else_did(clause, n == 0)
                or any(passive(Mention("", 0, i, i), clause) for i in range(len(clause)))):
            return True
    return False


_SENTENCE = re.compile(r"[^.!?;\n]+[.!?;]*")


def _most_telling(text: str, category: str, proposed: list[str], model: CategoryModel) -> str:
    """The sentence that says it most (for showing the person why), the first on a tie."""
    sentences = [m.group().strip() for m in _SENTENCE.finditer(statements_only(text))
                 if m.group().strip()]
    return max(sentences, key=lambda s: model.probabilities(s, proposed)[category],
               default=text.strip())
