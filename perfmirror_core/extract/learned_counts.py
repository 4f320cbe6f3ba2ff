"""A learned second opinion on how many times the rules' work was done.

Item F1 is over (category, count) pairs, so a right category with a wrong count is both a
false positive and a false negative, and the rules' count grammar (``counts``,
``continuations``, ``tally``) misses shapes it has no rule for: "hiring plan done: 6 reqs"
(one plan, not six hires), "saw both of my mentees" (two sessions, no digit). This layer
looks at each of the rules' items once more. It lists the counts the item could have (the
rules' own count, 1, one more or one fewer, each quantity said in the item's phrase or in the
rest of the text, the quantities' sum, the number of pieces the rules joined) and scores each
with a logistic model over what the candidate is and the words around it. The rules' count
stays unless another candidate beats it by a margin chosen in writer cross-validation: a
conservative layer, since a count the rules read from a number said outright is usually right.

It acts only on a category whose vocabulary entry is exactly the one it was trained on (as
``learned`` does), and only on the rules' items: a category the category layer adds counts 1.
The weights (``count_model.json``) are trained by ``benchmarks/train_count_model.py``; the file
records what it was trained on so a test notices when the dev set or the rules drift from it.
Scoring is pure Python, deterministic, loaded once on first use.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

from .counts import IMPLAUSIBLE_COUNT, Quantity, quantities_in
from .intent import statements_only
from .learned import vocabulary_fingerprint
from .lexicon import CategoryVocabulary
from .tally import PHRASE_JOIN, ExtractedActivity
from .words import Token, clauses, tokenize

MODEL_PATH = Path(__file__).with_name("count_model.json")

# The flags of a quantity that say what it counts (``counts.Quantity``).
_FLAGS = ("object_of_preposition", "adverb_only", "people", "occurrences", "habitual",
          "sittings", "group", "with_whom", "partitive", "how_often")
# Separators of listed things in the sentence around a phrase: "planning + retro".
_SEPARATORS = {"plus": re.compile(r"\+|&"), "comma": re.compile(r","),
               "and": re.compile(r"\band\b"), "slash": re.compile(r"/")}
_SENTENCE = re.compile(r"[^.!?\n]+")


def _bucket(value: int) -> str:
    """Counts past 5 are alike: what matters is 1, 2, a few, or many."""
    return str(value) if value <= 5 else ("6-9" if value < 10 else "10+")


@dataclass(frozen=True)
class _Context:
    """What is said around one of the rules' items, shared by all its candidate counts."""

    words: frozenset[str]  # feature names of the item's phrase and sentence
    parts: int  # how many spans the rules joined for it


def _context(text: str, item: ExtractedActivity) -> tuple[_Context, list[list[Token]]]:
    parts = [part for part in item.phrase.split(PHRASE_JOIN) if part.strip()]
    tokens = [tokenize(part) for part in parts]
    found = {f"cat:{item.category}", f"r:{_bucket(item.count)}", f"parts:{min(len(parts), 4)}"}
    found.update(f"p:{token.stem}" for part in tokens for token in part)
    start = text.find(parts[0]) if parts else -1
    if start >= 0:
        sentence = next((m.group() for m in _SENTENCE.finditer(text)
                         if m.start() <= start < m.end()), "")
        found.update(_sentence_features(sentence))
    quantities = sum(len(quantities_in(part)) for part in tokens)
    found.add(f"nq:{min(quantities, 3)}")
    return _Context(frozenset(found), len(parts)), tokens


@lru_cache(maxsize=256)
def _sentence_features(sentence: str) -> frozenset[str]:
    """The words of the sentence around a phrase and how it lists things (remembered: a
    check-in's items often share a sentence)."""
    found = {f"s:{token.stem}" for token in tokenize(sentence)}
    for name, pattern in _SEPARATORS.items():
        found.add(f"sep:{name}:{min(len(pattern.findall(sentence)), 3)}")
    return frozenset(found)


@lru_cache(maxsize=64)
def _quantities_of(text: str) -> tuple[tuple[Quantity, tuple[Token, ...]], ...]:
    """Every quantity the check-in states, with its clause (remembered: read once per text,
    not once per item)."""
    return tuple((quantity, tuple(clause))
                 for clause in clauses(tokenize(statements_only(text)))
                 for quantity in quantities_in(clause))


def _quantity_features(kind: str, quantity: Quantity, clause: Sequence[Token]) -> list[str]:
    words = [token.stem for token in clause]
    found = [f"{kind}|{flag}" for flag in _FLAGS if getattr(quantity, flag)]
    found.append(f"{kind}|before:{words[quantity.first - 1] if quantity.first else '^'}")
    found.append(f"{kind}|after:{words[quantity.last + 1] if quantity.last + 1 < len(words) else '$'}")
    if quantity.noun is not None:
        found.append(f"{kind}|noun:{words[quantity.noun]}")
    return found


def candidates(text: str, item: ExtractedActivity) -> dict[int, list[str]]:
    """Each count this item could have, with the names of its features: per kind of candidate
    (the rules' count, 1, a quantity said...), that kind alone and crossed with the words and
    shape of what was said, so the model learns when each kind is the right one."""
    context, parts = _context(text, item)
    r = item.count
    kinds: dict[int, list[str]] = {}

    def add(value: int, kind: str, extra: Sequence[str] = ()) -> None:
        if value == r or 1 <= value < IMPLAUSIBLE_COUNT:
            kinds.setdefault(value, []).extend([kind, *extra])

    add(r, "R")
    add(1, "ONE")
    add(r + 1, "UP")
    add(r - 1, "DOWN")
    add(context.parts, "PARTS")
    said: list[int] = []
    for part in parts:
        for quantity in quantities_in(part):
            said.append(quantity.value)
            add(quantity.value, "Q", _quantity_features("Q", quantity, part))
    if len(said) > 1:
        add(sum(said), "SUM")
    for quantity, clause in _quantities_of(text):
        if quantity.value not in said:
            add(quantity.value, "T", _quantity_features("T", quantity, clause))
    table: dict[int, list[str]] = {}
    for value in sorted(kinds):
        named = kinds[value]
        heads = sorted({name for name in named if "|" not in name})
        found = {"bias", *named}
        for head in heads:
            found.add(f"{head}|v:{_bucket(value)}")
            found.add(f"{head}|rel:{(value > r) - (value < r)}")
            found.update(f"{head}|{word}" for word in context.words)
        table[value] = sorted(found)
    return table


@dataclass(frozen=True)
class CountModel:
    """A weight per feature, the vocabulary entries it knows, and the margin by which another
    count must beat the rules' before it replaces it."""

    fingerprints: dict[str, str]  # category name -> fingerprint of its trained entry
    weights: dict[str, float]
    margin: float

    def score(self, found: Sequence[str]) -> float:
        return sum(self.weights.get(feature, 0.0) for feature in found)

    def choose(self, scored: dict[int, float], rules: int) -> int:
        """The best-scored count (the smallest on a tie), if it beats the rules' by the
        margin; else the rules' count."""
        best = min(scored, key=lambda value: (-scored[value], value))
        return best if scored[best] - scored[rules] > self.margin else rules


@cache
def count_model() -> CountModel | None:
    """The trained model, or None when no weights file ships (the rules' counts stand)."""
    if not MODEL_PATH.exists():
        return None
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return CountModel(dict(zip(data["categories"], data["fingerprints"])), data["weights"],
                      data["margin"])


def recount(
    text: str, categories: Sequence[CategoryVocabulary], items: list[ExtractedActivity],
    model: CountModel | None = None,
) -> list[ExtractedActivity]:
    """The rules' items, each of a category the model was trained on with the count it
    prefers by the margin."""
    model = model or count_model()
    if model is None or not items:
        return items
    known = frozenset(c.name for c in categories
                      if model.fingerprints.get(c.name) == vocabulary_fingerprint(c))
    recounted = []
    for item in items:
        if item.category in known:
            scored = {value: model.score(found)
                      for value, found in candidates(text, item).items()}
            count = model.choose(scored, item.count)
            if count != item.count:
                item = replace(item, count=count)
        recounted.append(item)
    return recounted
