"""What should I do next? A short ranked list of concrete steps, each with the points it adds.

Pure and deterministic; the coach phrases the list, it does not invent it. The gaps come from
the status of the period ending as-of (``where_am_i``: categories under expectation, next-level
expectations missing) and the active early warnings (a dimension far under, logging stopped).

- Every step is "log N more of category C". Its value is the core's own arithmetic: each
  occurrence adds C's points x the weight of C's dimension in the as-of week to the score, so the
  step adds ``N x points_each`` weighted points toward the next band of ``status``.
- N is the fewest occurrences that close the category's shortfall or reach the next band,
  whichever is fewer, and at most ``MAX_STEP_WEEKS`` weeks of the category's expected count: a
  next step, not the whole gap. A step that only evidences a next-level expectation is 1.
- Ranking: steps that answer an active warning (the dimension that is far under, a next-level
  expectation still missing) first, then the rest; within each, the most points first.
- Logging stopped comes before everything: until the empty weeks are logged, every other number
  reads them as zero.
- Grounding: the career records that share words with the step (its category name and the
  expectations it evidences) are scored by ``relevance`` (default: shared keywords, the same
  crude stems expectation coverage uses); the best one is cited as ``[#id]``. The coach may pass
  a semantic relevance instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Sequence

from .coverage import _keywords
from .scoring import NO_DATA, ScoringData
from .status import where_am_i
from .warnings import (FAR_UNDER_CODES, LOGGING_STOPPED, NEXT_LEVEL_MISSING, EarlyWarning,
                       active_warnings)
from .weeks import IsoWeek

MAX_STEP_WEEKS = 4
DEFAULT_LIMIT = 5
_KIND_PREFERENCE = {"accomplishment": 0, "job": 1, "reflection": 2, "struggle": 3}

CareerNote = tuple[int, str, "str | None", str]  # (id, kind, when YYYY[-MM], text)
Relevance = Callable[[str, str], float]  # (what the step is about, a record's text) -> score


def shared_keywords(query: str, text: str) -> float:
    """How many (crudely stemmed) keywords two texts share."""
    return float(len(_keywords(query) & _keywords(text)))


@dataclass(frozen=True)
class Grounding:
    record_id: int
    kind: str
    when: str | None
    text: str
    relevance: float


@dataclass(frozen=True)
class Recommendation:
    rank: int
    kind: str  # "log" (more of a category) or "back-fill" (log the empty weeks)
    category: str | None
    dimension: str | None
    count: int
    points_each: float  # category points x weight of its dimension in the as-of week
    points: float  # count x points_each: weighted points added toward the next band
    next_band: str | None
    points_to_next_band: float  # before this step
    reaches_next_band: bool
    reasons: tuple[str, ...]
    grounding: Grounding | None
    message: str


def _ground(query: str, records: Sequence[CareerNote], relevance: Relevance) -> Grounding | None:
    best = None
    for record_id, kind, when, text in records:
        score = relevance(query, text)
        if score <= 0:
            continue
        key = (-score, _KIND_PREFERENCE.get(kind, 9), _negated(when or ""), record_id)
        if best is None or key < best[0]:
            best = (key, Grounding(record_id, kind, when, text, score))
    return best[1] if best else None


def _negated(text: str) -> tuple[int, ...]:
    """Sort key putting later YYYY[-MM] first."""
    return tuple(-ord(character) for character in text)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class _Step:
    name: str
    dimension: str
    count: int
    points_each: float
    reasons: tuple[str, ...]
    answers_warning: bool
    query: str  # what a career record must share words with to ground the step


def recommend(data: ScoringData, as_of: IsoWeek, weeks: int | None = None, *,
              records: Sequence[CareerNote] = (), relevance: Relevance = shared_keywords,
              warnings: Sequence[EarlyWarning] | None = None,
              limit: int = DEFAULT_LIMIT) -> list[Recommendation]:
    """The next steps for the period ending ``as_of``, best first (at most ``limit``)."""
    report = where_am_i(data, as_of, weeks)
    if report.band == NO_DATA and report.entry_count == 0:
        return []
    if warnings is None:
        warnings = active_warnings(data, as_of, weeks)
    active = {warning.code: warning for warning in warnings}
    framework = data.framework_in(as_of)
    to_next = report.points_to_next_band
    results = {category.name: category for category in report.categories}
    missing = [c for c in report.expectations if c.level_kind == "next" and c.status == "missing"]
    next_level = data.next_level_framework(as_of)
    evidence_of = {statement.id: statement.evidence_category_ids
                   for statement in (next_level.statements if next_level else ())}

    steps: list[_Step] = []
    for category_id, expected_weekly in framework.expected_weekly.items():
        category = data.categories.get(category_id)
        if category is None:
            continue
        points_each = category.points * framework.weights.of(category.dimension)
        if points_each <= 0:
            continue
        reasons, answers_warning = [], False
        far_under = active.get(FAR_UNDER_CODES[category.dimension])
        if far_under is not None and expected_weekly > 0:
            reasons.append(far_under.message)
            answers_warning = True
        evidences = [c.text for c in missing if category_id in evidence_of.get(c.statement_id, ())]
        if evidences:
            reasons += [f"evidences the L{report.level + 1} expectation \"{text}\""
                        for text in evidences]
            answers_warning = answers_warning or NEXT_LEVEL_MISSING in active
        shortfall = 0.0
        result = results.get(category.name)
        if result is not None and result.expected > 0 and result.performance in ("under", "none"):
            shortfall = result.expected - result.actual
            reasons.insert(0, f"{category.name}: {result.actual_count} logged against "
                              f"{result.expected_count:g} expected in the last {report.weeks} "
                              "weeks")
        if not reasons:
            continue
        count = math.ceil(shortfall / category.points - 1e-9) if shortfall > 0 else 1
        if to_next > 0:
            count = min(count, math.ceil(to_next / points_each - 1e-9))
        count = max(1, min(count, math.ceil(MAX_STEP_WEEKS * expected_weekly - 1e-9) or 1))
        steps.append(_Step(category.name, category.dimension, count, points_each,
                           tuple(reasons), answers_warning,
                           " ".join([category.name, *evidences])))
    steps.sort(key=lambda step: (not step.answers_warning, -step.count * step.points_each,
                                 step.name))

    found: list[Recommendation] = []
    if LOGGING_STOPPED in active:
        last = max(entry.week for entry in data.entries if entry.week <= as_of)
        found.append(Recommendation(
            1, "back-fill", None, None, 0, 0.0, 0.0, report.next_band, to_next, False,
            (active[LOGGING_STOPPED].message,), None,
            f"Log the weeks since {last} (`perfmirror log ... --week`): until then every "
            "number reads them as zero."))
    for step in steps[:max(0, limit - len(found))]:
        points = step.count * step.points_each
        reaches = report.next_band is not None and to_next > 0 and points >= to_next - 1e-9
        grounding = _ground(step.query, records, relevance)
        target = (f"reaches {report.next_band}" if reaches else
                  f"{to_next - points:.1f} more to {report.next_band}" if report.next_band
                  else "keeps you at the top band")
        message = (f"Log {step.count} more {step.name} (+{points:.1f} weighted points, "
                   f"{step.points_each:g} each; {target}). {step.reasons[0]}")
        if grounding is not None:
            when = f" ({grounding.when})" if grounding.when else ""
            message += (f" You have done this before{when}: \"{_short(grounding.text)}\" "
                        f"[#{grounding.record_id}].")
        found.append(Recommendation(len(found) + 1, "log", step.name, step.dimension,
                                    step.count, step.points_each, points, report.next_band,
                                    to_next, reaches, step.reasons, grounding, message))
    return found


def recommendation_as_dict(item: Recommendation) -> dict:
    grounding = None
    if item.grounding is not None:
        grounding = {"record_id": item.grounding.record_id, "kind": item.grounding.kind,
                     "when": item.grounding.when, "text": item.grounding.text,
                     "relevance": item.grounding.relevance}
    return {"rank": item.rank, "kind": item.kind, "category": item.category,
            "dimension": item.dimension, "count": item.count, "points_each": item.points_each,
            "points": item.points, "next_band": item.next_band,
            "points_to_next_band": item.points_to_next_band,
            "reaches_next_band": item.reaches_next_band, "reasons": list(item.reasons),
            "grounding": grounding, "message": item.message}
