"""The default frameworks, read from ``defaults.toml``: data, not code.

Roles and level ranges, categories, role weights (with per-level overrides), band targets,
per-level category templates and level expectations. ``perfmirror init`` copies them into the
person's database, where every one of them is theirs to edit.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping, Sequence, TypeVar

from .scoring import LevelFramework, Statement, Thresholds, Weights

DEFAULTS_FILE = "defaults.toml"


@dataclass(frozen=True)
class RoleSpec:
    name: str
    label: str
    min_level: int
    max_level: int


@dataclass(frozen=True)
class CategorySpec:
    name: str
    dimension: str
    points: float
    description: str
    synonyms: tuple[str, ...]
    work: tuple[str, str, str] | None = None  # (verb, one, many): "hold", "1:1", "1:1s"


@dataclass(frozen=True)
class WeightSpec:
    role: str
    level: int | None
    input: float
    output: float
    outcome: float
    impact: float


@dataclass(frozen=True)
class TargetSpec:
    role: str | None
    level: int | None
    outstanding: float
    strong: float
    meeting: float
    partially: float
    period_weeks: int


@dataclass(frozen=True)
class TemplateSpec:
    role: str
    level: int
    expected: dict[str, float]


@dataclass(frozen=True)
class StatementSpec:
    role: str
    level: int
    text: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class DefaultFramework:
    roles: tuple[RoleSpec, ...]
    categories: tuple[CategorySpec, ...]
    weights: tuple[WeightSpec, ...]
    targets: tuple[TargetSpec, ...]
    templates: tuple[TemplateSpec, ...]
    statements: tuple[StatementSpec, ...]


def _work(category: dict[str, Any]) -> tuple[str, str, str] | None:
    phrase = category.get("work")
    if phrase is None:
        return None
    if len(phrase) != 3 or not all(isinstance(part, str) and part.strip() for part in phrase):
        raise ValueError(f"defaults.toml: category {category['name']!r}: work must be "
                         "[verb, one, many], three words or phrases")
    return (phrase[0], phrase[1], phrase[2])


def _parse(raw: dict[str, Any]) -> DefaultFramework:
    roles = tuple(RoleSpec(name, spec.get("label", ""), spec["min_level"], spec["max_level"])
                  for name, spec in raw["roles"].items())
    categories = tuple(
        CategorySpec(c["name"], c["dimension"], float(c["points"]), c.get("description", ""),
                     tuple(c.get("synonyms", ())), _work(c))
        for c in raw["categories"])
    weights = tuple(WeightSpec(w["role"], w.get("level"), w["input"], w["output"], w["outcome"],
                               w["impact"]) for w in raw["weights"])
    targets = tuple(TargetSpec(t.get("role"), t.get("level"), t["outstanding"], t["strong"],
                               t["meeting"], t["partially"], t["period_weeks"])
                    for t in raw["targets"])
    templates = tuple(TemplateSpec(t["role"], t["level"],
                                   {name: float(count) for name, count in t["expected"].items()})
                      for t in raw["templates"])
    statements = tuple(StatementSpec(e["role"], e["level"], s["text"], tuple(s.get("evidence", ())))
                       for e in raw["expectations"] for s in e["statements"])
    return DefaultFramework(roles, categories, weights, targets, templates, statements)


@lru_cache(maxsize=1)
def default_framework() -> DefaultFramework:
    """The shipped defaults, parsed once per process."""
    text = (resources.files("perfmirror_core") / DEFAULTS_FILE).read_text(encoding="utf-8")
    return _parse(tomllib.loads(text))


# -- which rows apply to a role and level -------------------------------------------------------

EQUAL_WEIGHTS = Weights(0.25, 0.25, 0.25, 0.25)
DEFAULT_PERIOD_WEEKS = 12

Scope = tuple[str | None, int | None]
_Row = TypeVar("_Row")


def most_specific(rows: Mapping[Scope, _Row], role: str, level: int) -> _Row | None:
    """The row for ``role`` at ``level``, else the role's row for every level, else the row for
    every role; None when none applies. Weights and targets are both chosen this way: a person
    sets one row for a role and overrides the one level that differs."""
    for scope in ((role, level), (role, None), (None, None)):
        if scope in rows:
            return rows[scope]
    return None


def level_framework(role: str, level: int, weights: Mapping[Scope, Weights],
                    targets: Mapping[Scope, tuple[Thresholds, int]],
                    expected_weekly: Mapping[int, float],
                    statements: Sequence[Statement]) -> LevelFramework:
    """The framework in force at ``role`` and ``level``, from the rows the person keeps.

    Nothing is refused for a missing row: a blank framework must still score. But a fallback is
    named in ``LevelFramework.assumed`` so a status can say what it took for granted:
    - no weights: every dimension counts 0.25 (equal shares are the only neutral choice);
    - no target: the default thresholds (Meeting at 0.85 of expected, as in the original) over
      ``DEFAULT_PERIOD_WEEKS`` (12) weeks, the original's review period.
    """
    assumed = []
    chosen_weights = most_specific(weights, role, level)
    if chosen_weights is None:
        chosen_weights = EQUAL_WEIGHTS
        assumed.append(f"no weights for {role} L{level}: each dimension counts 0.25")
    target = most_specific(targets, role, level)
    if target is None:
        target = (Thresholds(), DEFAULT_PERIOD_WEEKS)
        assumed.append(f"no target for {role} L{level}: default bands over "
                       f"{DEFAULT_PERIOD_WEEKS} weeks")
    thresholds, period_weeks = target
    return LevelFramework(role=role, level=level, weights=chosen_weights,
                          expected_weekly=dict(expected_weekly), thresholds=thresholds,
                          period_weeks=period_weeks, statements=tuple(statements),
                          assumed=tuple(assumed))


@lru_cache(maxsize=1)
def work_phrases() -> dict[str, tuple[str, str, str]]:
    """How each default category reads as work to do: name -> (verb, one, many)."""
    return {category.name: category.work for category in default_framework().categories
            if category.work is not None}


def as_work(category: str, count: int) -> str:
    """``count`` occurrences of a category as work to do: "hold 3 1:1s". The card's path to the
    next band and ``recommend`` name the same step (``steps.band_steps``) in the same words.
    The phrasing of the default categories is data, with them in ``defaults.toml`` (``work``);
    a category a person adds reads "do N x NAME"."""
    verb, one, many = work_phrases().get(category, ("do", f"x {category}", f"x {category}"))
    noun = one if count == 1 else many
    return f"{verb} {count} {noun}"
