"""Train the extractor's learned count layer (perfmirror_core/extract/learned_counts.py).

    python benchmarks/train_count_model.py          # cross-validate, then write the weights
    python benchmarks/train_count_model.py --cv-only

One logistic regression over every candidate count of every rules item whose category the
gold also has (``learned_counts.candidates``): is this candidate the gold count? Fitted by the
category trainer's L-BFGS (``train_category_model.fit``, one output), with its L2 penalty,
feature floor and pruning. Items whose gold count is no candidate teach nothing (no choice
mends them) and are left out. About a minute and a half on a quiet machine.

How it is judged: cross-validation by WRITER, the category trainer's split (whole writers held
out, W7 never trained on). Pooled item F1 over (category, count) pairs is printed for the
rules alone, the rules with the count layer, today's full extractor (rules + the shipped
category layer) and the full extractor with the count layer. The margin by which a candidate
must beat the rules' count is chosen by that pooled figure only. W7's lines are the team's
unread validation: only their pooled figure is printed, scored by the model written out
(trained on every other line). No line is printed.

The shipped category layer was trained on every writer but W7, so the "full" figures are
in-sample for it; the count layer's gain over them is still out of sample.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_category_model as category_trainer  # noqa: E402
from train_category_model import (  # noqa: E402
    Counts,
    default_vocabulary,
    split_by_writer,
    trained_on,
    writer_folds,
)

from perfmirror_core.extract import (  # noqa: E402
    CategoryVocabulary,
    ExtractedActivity,
    extract_activities,
    rule_activities,
)
from perfmirror_core.extract.learned import vocabulary_fingerprint  # noqa: E402
from perfmirror_core.extract.learned_counts import (  # noqa: E402
    MODEL_PATH,
    CountModel,
    candidates,
)

DEV = category_trainer.DEV
L2 = 1.0  # the penalty on the squared weights, per training set (1 beat 0.3 and 3 in the CV)
MARGIN_GRID = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 1e9)  # 1e9: never change a count


@dataclass(frozen=True)
class Item:
    category: str
    rules: int
    candidates: dict[int, list[str]]


@dataclass(frozen=True)
class Line:
    writer: str
    gold: frozenset[tuple[str, int]]
    rules: list[ExtractedActivity]
    full: list[ExtractedActivity]  # today's extractor: the rules' counts, the category layer
    items: list[Item]


@dataclass(frozen=True)
class Row:
    """One candidate count, as the category trainer's ``fit`` reads a line."""

    features: list[str]
    gold: frozenset[tuple[str, int]]


def load(vocabulary: list[CategoryVocabulary], full: bool = True) -> list[Line]:
    """The dev set's lines as the layer meets them (``full``: also today's full extractor's
    answer, for the figures; the staleness test does without it, which halves the time)."""
    lines = []
    for raw in DEV.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        case = json.loads(raw)
        text = case["text"]
        rules = rule_activities(text, vocabulary)
        by_rules = {item.category: item.count for item in rules}
        without_counts = [  # today's full extractor, the count layer's changes undone
            ExtractedActivity(i.category, by_rules.get(i.category, i.count), i.phrase)
            for i in extract_activities(text, vocabulary)] if full else []
        source = case.get("source", "old")
        lines.append(Line(
            source.rsplit("-", 1)[0] if source != "old" else "old",
            frozenset((a["category"], a["count"]) for a in case["activities"]), rules,
            without_counts,
            [Item(item.category, item.count, candidates(text, item)) for item in rules]))
    return lines


def rules_hash(lines: list[Line]) -> str:
    """What the rules and the candidate reader say on the training lines: a change in either
    means the model was trained on inputs it no longer gets."""
    digest = hashlib.sha256()
    for line in lines:
        digest.update(json.dumps([[(i.category, i.rules, sorted(i.candidates.items()))
                                   for i in line.items]]).encode())
    return digest.hexdigest()


def rows(lines: list[Line]) -> list[Row]:
    right = frozenset({("right", 1)})
    found = []
    for line in lines:
        gold = dict(line.gold)
        for item in line.items:
            if gold.get(item.category) in item.candidates:
                found.extend(Row(features, right if value == gold[item.category] else frozenset())
                             for value, features in item.candidates.items())
    return found


def fit(lines: list[Line], vocabulary: list[CategoryVocabulary], margin: float = 0.0
        ) -> CountModel:
    category_trainer.L2 = L2
    bias, table = category_trainer.fit(rows(lines), ["right"])
    weights = {feature: row["right"] for feature, row in table.items()}
    weights["bias"] = bias["right"]
    return CountModel({c.name: vocabulary_fingerprint(c) for c in vocabulary}, weights, margin)


def choices(line: Line, model: CountModel) -> list[tuple[int, dict[int, float]]]:
    """Per rules item: its count and the score of each candidate."""
    return [(item.rules, {value: model.score(found) for value, found in item.candidates.items()})
            for item in line.items]


def recounted(items: list[ExtractedActivity], line: Line, scored, model: CountModel,
              margin: float) -> list[ExtractedActivity]:
    model = CountModel(model.fingerprints, model.weights, margin)
    counts = {item.category: model.choose(table, rules)
              for item, (rules, table) in zip(line.items, scored)}
    return [ExtractedActivity(i.category, counts.get(i.category, i.count), i.phrase)
            for i in items]


def score(lines: list[Line], model: CountModel) -> dict[str, Counts]:
    """Pooled counts: rules, full, and each with the count layer at every margin."""
    pooled = {"rules": Counts(), "full": Counts()}
    for margin in MARGIN_GRID:
        pooled[f"rules+{margin}"] = Counts()
        pooled[f"full+{margin}"] = Counts()
    for line in lines:
        scored = choices(line, model)
        pooled["rules"].add(line.gold, line.rules)
        pooled["full"].add(line.gold, line.full)
        for margin in MARGIN_GRID:
            pooled[f"rules+{margin}"].add(line.gold, recounted(line.rules, line, scored, model,
                                                               margin))
            pooled[f"full+{margin}"].add(line.gold, recounted(line.full, line, scored, model,
                                                              margin))
    return pooled


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cv-only", action="store_true", help="print figures, write nothing")
    arguments = parser.parse_args()
    vocabulary = default_vocabulary()
    lines = load(vocabulary)
    training, validation, writers = split_by_writer(lines)
    print(f"dev {len(lines)} lines; training {len(training)}; W7 validation {len(validation)}"
          f" (never trained on); L2={L2}; {len(rows(training))} candidate rows")
    pooled: dict[str, Counts] = {}
    for held_out in writer_folds(writers):
        model = fit([line for line in training if line.writer not in held_out], vocabulary)
        held = [line for line in training if line.writer in held_out]
        for key, counts in score(held, model).items():
            pooled.setdefault(key, Counts())
            pooled[key] += counts
    margin = max(MARGIN_GRID, key=lambda m: (round(pooled[f"rules+{m}"].f1(), 6), m))
    print(f"margin by pooled writer CV: {margin}")
    for m in MARGIN_GRID:
        print(f"  margin {m:<5}  rules+counts {pooled[f'rules+{m}'].f1():.4f}"
              f"  full+counts {pooled[f'full+{m}'].f1():.4f}")
    print(f"  pooled CV  rules {pooled['rules'].f1():.4f}  rules+counts "
          f"{pooled[f'rules+{margin}'].f1():.4f}  full (today) {pooled['full'].f1():.4f}"
          f"  full+counts {pooled[f'full+{margin}'].f1():.4f}")
    final = fit(training, vocabulary, margin)
    if validation:
        w7 = score(validation, final)
        print(f"  W7 (unread) rules {w7['rules'].f1():.4f}  rules+counts "
              f"{w7[f'rules+{margin}'].f1():.4f}  full {w7['full'].f1():.4f}"
              f"  full+counts {w7[f'full+{margin}'].f1():.4f}")
    if arguments.cv_only:
        return 0
    names = [c.name for c in vocabulary]
    document = {
        "trained_on": trained_on(training, rules_hash(training), "train_count_model.py"),
        "margin": margin,
        "categories": names,
        "fingerprints": [final.fingerprints[name] for name in names],
        "weights": dict(sorted(final.weights.items())),
    }
    MODEL_PATH.write_text(json.dumps(document, sort_keys=True, separators=(",", ":")) + "\n",
                          encoding="utf-8")
    print(f"wrote {MODEL_PATH} ({MODEL_PATH.stat().st_size // 1024} KB,"
          f" {len(final.weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
