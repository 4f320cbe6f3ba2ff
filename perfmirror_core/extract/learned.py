"""A learned second opinion on which categories a check-in names, stacked on the rules.

The rules read grammar well (counts, negation, intent, other people's work) but match words,
so a stranger's wording for familiar work ("walked the VP through our Q1 plan and got
sign-off") can slip past them. This layer is a per-category logistic regression over the
check-in's words (stems, pairs of stems, and the four-letter pieces of each word, which a typo
leaves mostly intact) and over the rules' own answer (which categories they proposed). It
decides which categories the check-in yields; the rules keep the counts for the categories
they proposed, and a category the layer adds counts 1. It acts only on a category whose
vocabulary entry is exactly the one it was trained on (the product's defaults): a person's
own or edited categories pass through the rules untouched, and when the rules found one of
those the layer adds nothing, since it cannot know the work was already logged there. Where
the rules' grammar speaks, it has the last word: a category the text names outright is the
rules' call, and a category is not added from a clause with a negation, an intent, someone
else's work or work done to the person in it (the clause that says it most is the one judged:
"fixed the flaky deploy; will write the postmortem tomorrow" may still yield what its first
clause says).

The weights (``category_model.json``) are trained by ``benchmarks/train_category_model.py``
from the dev set; the file records what it was trained on so a test notices when the dev set
or the rules drift from it. Scoring is pure Python, deterministic, loaded once on first use.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .intent import cancellers_in, passive, someone_else_did, statements_only
from .lexicon import CategoryVocabulary, Mention
from .tally import ExtractedActivity
from .words import Token, clauses, tokenize

MODEL_PATH = Path(__file__).with_name("category_model.json")


def features(tokens: Sequence[Token], proposed: Sequence[str]) -> list[str]:
    """The names of the features of a check-in's words (or of one of its clauses), given the
    categories the rules proposed for the whole check-in.

    Presence only (each feature counts once): a check-in is a few sentences, and how often a
    word recurs says little about which work it names.
    """
    stems = [token.stem for token in tokens]
    found = {"bias"}
    found.update(f"w:{stem}" for stem in stems)
    found.update(f"b:{first} {second}" for first, second in zip(stems, stems[1:]))
    for token in tokens:
        if len(token.word) >= 4 and token.word.isalpha():
            marked = f"<{token.word}>"
            found.update(f"c:{marked[i:i + 4]}" for i in range(len(marked) - 3))
    found.update(f"r:{category}" for category in proposed)
    if not proposed:
        found.add("r:-")
    return sorted(found)


@dataclass(frozen=True)
class Reading:
    """A check-in as the layer reads it: the tokens of its statements (questions and lamented
    habits are read as the rules read them: not at all), and its clauses, each with whether
    the rules' grammar declines it."""

    tokens: list[Token]
    clauses: list[tuple[list[Token], bool]]


def read(text: str) -> Reading:
    tokens = tokenize(statements_only(text))
    parts = clauses(tokens)
    return Reading(tokens, [(clause, _declines(clause, n == 0)) for n, clause in enumerate(parts)])


def _declines(clause: list[Token], opens_text: bool) -> bool:
    """Whether the rules read a negation, an intent, someone else's work or work done to the
    person in this clause ("my design got reviewed", "booked a session for Tuesday", "not
    mine"). Words alone cannot tell whose work it was or whether it happened."""
    cancellers = cancellers_in(clause)
    return (cancellers.whole_clause or cancellers.forward_from is not None
            or bool(cancellers.blocked) or someone_else_did(clause, opens_text)
            or any(passive(Mention("", 0, i, i), clause) for i in range(len(clause))))


@cache
def vocabulary_fingerprint(category: CategoryVocabulary) -> str:
    """What identifies a category's vocabulary entry: its name, synonyms and description.
    Remembered per entry: every extraction checks each category against the weights file,
    and hashing the same 25 entries again was a sixth of the layer's time."""
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

    def scores(self, found: Sequence[str]) -> dict[str, float]:
        """Per category, the log-odds that the features ``found`` name it."""
        scores = dict(self.bias)
        for feature in found:
            for category, weight in self.weights.get(feature, {}).items():
                scores[category] += weight
        return scores

    def probabilities(self, found: Sequence[str]) -> dict[str, float]:
        return {category: _sigmoid(score) for category, score in self.scores(found).items()}

    def declined(self, clauses: Sequence[tuple[Sequence[str], bool]]) -> frozenset[str]:
        """The categories whose most telling clause (the highest score, the first on a tie) is
        one the rules' grammar declines (``clauses``: each clause's features, and whether it
        is declined): the model adds none of them."""
        best: dict[str, tuple[float, bool]] = {}
        for found, declines in clauses:
            for category, score in self.scores(found).items():
                if category not in best or score > best[category][0]:
                    best[category] = (score, declines)
        return frozenset(category for category, (_, declines) in best.items() if declines)


def _sigmoid(score: float) -> float:
    return 1.0 / (1.0 + math.exp(-score)) if score >= 0 else math.exp(score) / (
        1.0 + math.exp(score))


@cache
def category_model() -> CategoryModel | None:
    """The trained model, or None when no weights file ships (the rules then stand alone).
    The file lists the categories once and gives each feature's weights as [index, weight]
    pairs, which keeps it small."""
    if not MODEL_PATH.exists():
        return None
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    names: list[str] = data["categories"]
    return CategoryModel(
        fingerprints=dict(zip(names, data["fingerprints"])), bias=dict(zip(names, data["bias"])),
        weights={feature: {names[k]: weight for k, weight in pairs}
                 for feature, pairs in data["weights"].items()},
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
    if not known:
        return items
    reading = read(text)
    if not reading.tokens:
        return items  # nothing stated: a question, or a habit lamented
    proposed = [item.category for item in items if item.category in known]
    declined = model.declined([(features(clause, proposed), declines)
                               for clause, declines in reading.clauses])
    return decide(categories, items, known, frozenset(named),
                  model.probabilities(features(reading.tokens, proposed)), declined,
                  len(reading.clauses) == 1, model.keep_at, model.add_at,
                  lambda category: _most_telling(text, category, proposed, model))


def decide(
    categories: Sequence[CategoryVocabulary], items: list[ExtractedActivity],
    known: frozenset[str], named: frozenset[str], probability: Mapping[str, float],
    declined: frozenset[str], one_clause: bool, keep_at: float, add_at: float,
    phrase: Callable[[str], str],
) -> list[ExtractedActivity]:
    """Keep the rules' items the model agrees with, then add the known categories it is sure
    of and whose most telling clause the grammar does not decline (apart from ``refine`` so
    training can try thresholds without scoring again; ``phrase`` gives an added category's
    sentence). A category the text names outright is the rules' call either way: they saw
    its words and chose. So is every category of a check-in of one clause ("Put out a fire
    in the payments queue"): a few words give the model too little to overrule the phrase the
    rules read (in the writer CV this guard costs 0.0006 of item F1)."""
    judged = known - named
    kept = [item for item in items if one_clause or item.category not in judged
            or probability[item.category] >= keep_at]
    if any(item.category not in known for item in items):
        return kept  # the rules found a category the model cannot see: add nothing beside it
    proposed = [item.category for item in items]
    return kept + [
        ExtractedActivity(c.name, 1, phrase(c.name)) for c in categories
        if c.name in judged and c.name not in proposed and c.name not in declined
        and probability[c.name] >= add_at]


_SENTENCE = re.compile(r"[^.!?;\n]+[.!?;]*")


def _most_telling(text: str, category: str, proposed: list[str], model: CategoryModel) -> str:
    """The sentence that says it most (for showing the person why), the first on a tie."""
    sentences = [m.group().strip() for m in _SENTENCE.finditer(statements_only(text))
                 if m.group().strip()]
    return max(sentences, key=lambda s: model.scores(features(tokenize(s), proposed))[category],
               default=text.strip())
