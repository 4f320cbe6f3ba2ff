"""What should I do next? A short ranked list of work for the coming week, as a coach would say it.

Pure and deterministic; the coach phrases the list, it does not invent it. The gaps come from
the status of the window ending as-of (``where_am_i``) and the active early warnings.

- A step is work, not logging: "Hold 6 1:1s this week", not "Log 32 more 1:1 meeting". Its
  value is the core's own arithmetic: each occurrence adds the category's points x the weight
  of its dimension in the as-of week (``points_each``).
- Only categories behind their expectation, and only those the window expected at least once
  (an architecture decision expected every twenty weeks is not behind in week four).
- Rank: steps that lift a dimension whose floor caps the next band first; then by the
  role-weighted shortfall (points short x the dimension's weight), so a manager's
  missing 1:1s and feedback come before anything else. Nothing is asked for in a dimension
  already past its credit cap: it would add nothing. Next-level evidence comes after the
  level's own shortfalls.
- Count: what closes the category's shortfall, or reaches the next band, whichever is fewer,
  and never more than a sensible week: at most twice the category's weekly expectation (at
  least 1), and never more than twice its expected count in the window (at least 2).
- Logging stopped comes before everything: until the empty weeks are logged, every other number
  reads them as zero.
- Grounding: a career record is cited only when it is about the same thing (``relevance`` at
  least ``MIN_RELEVANCE``: by default the share of the step's keywords the record contains)
  and never when it states the opposite ("I enjoy deep technical work far more than
  mentoring" is no evidence that the person likes mentoring). A reflection or struggle is
  quoted as a note, not as "you have done this before".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Callable, Sequence

from .coverage import expectation_keywords
from .frameworks import as_work
from .scoring import NO_DATA, ScoringData, settled_at_level
from .status import where_am_i
from .steps import WorkStep, band_steps, capping_dimensions, rank_key
from .text import normalise, stem, words
from .warnings import (FAR_UNDER_CODES, LOGGING_STOPPED, NEXT_LEVEL_MISSING, EarlyWarning,
                       active_warnings)
from .weeks import IsoWeek

DEFAULT_LIMIT = 5
MIN_RELEVANCE = 0.5
_KIND_PREFERENCE = {"accomplishment": 0, "job": 1, "reflection": 2, "struggle": 3}
_DONE_BEFORE = frozenset({"accomplishment", "job"})

CareerNote = tuple[int, str, "str | None", str]  # (id, kind, when YYYY[-MM], text)
Relevance = Callable[[str, str], float]  # (what the step is about, a record's text) -> score

# Words that, before a keyword in the same clause, turn the record against it.
_AGAINST = frozenset("not no never hate hated dislike disliked avoid avoided avoiding less than "
                     "instead rather without stopped quit dont didnt wont cant cannot".split())
_CLAUSE = re.compile(r"[.;:!?]|\bbut\b|\bwhile\b|\bwhereas\b")


def shared_keywords(query: str, text: str) -> float:
    """The share (0-1) of the step's keywords (stems) that the record contains."""
    wanted = expectation_keywords(query)
    return len(wanted & expectation_keywords(text)) / len(wanted) if wanted else 0.0


def states_the_opposite(query: str, text: str) -> bool:
    """True when every keyword the record shares with the step sits after a word against it
    in the same clause ("far more than mentoring", "never enjoyed mentoring")."""
    wanted = expectation_keywords(query)
    shared_positions = []
    for clause in _CLAUSE.split(normalise(text)):
        clause_words = [word.replace("'", "") for word in words(clause)]  # didn't -> didnt
        for position, word in enumerate(clause_words):
            if stem(word) in wanted:
                shared_positions.append(any(w in _AGAINST for w in clause_words[:position]))
    return bool(shared_positions) and all(shared_positions)


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
    kind: str  # "work" (a category behind) or "back-fill" (log the empty weeks)
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
    shortfall: float = 0.0  # role-weighted points the category is behind


def _ground(query: str, records: Sequence[CareerNote], relevance: Relevance,
            min_relevance: float) -> Grounding | None:
    best = None
    for record_id, kind, when, text in records:
        score = relevance(query, text)
        if score < min_relevance or score <= 0 or states_the_opposite(query, text):
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


def recommend(data: ScoringData, as_of: IsoWeek, weeks: int | None = None, *,
              records: Sequence[CareerNote] = (), relevance: Relevance = shared_keywords,
              min_relevance: float = MIN_RELEVANCE,
              warnings: Sequence[EarlyWarning] | None = None,
              limit: int = DEFAULT_LIMIT) -> list[Recommendation]:
    """The next steps for the window ending ``as_of``, best first (at most ``limit``)."""
    report = where_am_i(data, as_of, weeks)
    if report.band == NO_DATA and report.entry_count == 0:
        return []
    if warnings is None:
        warnings = active_warnings(data, as_of, weeks)
    active = {warning.code: warning for warning in warnings}
    framework = data.framework_in(as_of)
    to_next = report.points_to_next_band
    capping = capping_dimensions(report)
    steps: list[WorkStep] = []
    for step in band_steps(report, framework, data.categories):  # the card's list too
        far_under = active.get(FAR_UNDER_CODES[step.dimension])
        if far_under is not None:
            step = replace(step, reasons=(step.reasons[0], far_under.message, *step.reasons[1:]))
        steps.append(step)
    steps += _next_level_steps(data, as_of, report, active, {s.name for s in steps})
    steps.sort(key=rank_key)

    found: list[Recommendation] = []
    if LOGGING_STOPPED in active:
        last = max(entry.week for entry in data.entries if entry.week <= as_of)
        found.append(Recommendation(
            1, "back-fill", None, None, 0, 0.0, 0.0, report.next_band, to_next, False,
            (active[LOGGING_STOPPED].message,), None,
            f"Log the weeks since {last} (`perfmirror log ... --week`): until then every "
            "number reads them as zero."))
    for step in steps[:max(0, limit - len(found))]:
        found.append(_recommendation(len(found) + 1, step, report.next_band, to_next, capping,
                                     _ground(step.query, records, relevance, min_relevance)))
    return found


def _next_level_steps(data: ScoringData, as_of: IsoWeek, report: Any,
                      active: dict[str, EarlyWarning], taken: set[str]) -> list[WorkStep]:
    """One occurrence of a category that would evidence a next-level expectation still missing,
    once the person has settled in at their level."""
    next_level = data.next_level_framework(as_of)
    if next_level is None or not settled_at_level(data, as_of):
        return []
    framework = data.framework_in(as_of)
    missing = {c.statement_id: c.text for c in report.expectations
               if c.level_kind == "next" and c.status == "missing"}
    steps: list[WorkStep] = []
    for statement in next_level.statements:
        if statement.id not in missing:
            continue
        for category_id in statement.evidence_category_ids:
            category = data.categories.get(category_id)
            if category is None or category.name in taken:
                continue
            taken.add(category.name)
            steps.append(WorkStep(
                category.name, category.dimension, 1,
                category.points * framework.weights.of(category.dimension),
                (f"evidences the L{next_level.level} expectation \"{missing[statement.id]}\"",),
                NEXT_LEVEL_MISSING in active, 0.0, f"{category.name} {missing[statement.id]}"))
            break
    return steps


def _recommendation(rank: int, step: WorkStep, next_band: str | None, to_next: float,
                    capping: set[str], grounding: Grounding | None) -> Recommendation:
    """A step as the person reads it. While a dimension caps the band, only points in that
    dimension can reach the next band (``points_to_next_band`` then includes the floor)."""
    points = step.count * step.points_each
    lifts_cap = not capping or capping == {step.dimension}
    reaches = (next_band is not None and to_next > 0 and lifts_cap
               and points >= to_next - 1e-6)
    if reaches:
        target = f"reaches {next_band}"
    elif next_band is None:
        target = "keeps you at the top band"
    elif not lifts_cap:
        target = (f"{next_band} also needs {' and '.join(sorted(capping - {step.dimension}))} "
                  "lifted to half of expected")
    else:
        target = f"{max(0.0, to_next - points):.1f} more to {next_band}"
    work = as_work(step.name, step.count)
    message = (f"{work[0].upper()}{work[1:]} this week. {step.reasons[0]} "
               f"(+{points:.1f} weighted points; {target}).")
    if grounding is not None:
        when = f" ({grounding.when})" if grounding.when else ""
        lead = ("You have done this before" if grounding.kind in _DONE_BEFORE
                else "From your notes")
        message += f" {lead}{when}: \"{_short(grounding.text)}\" [#{grounding.record_id}]."
    return Recommendation(rank, "work", step.name, step.dimension, step.count,
                          step.points_each, points, next_band, to_next, reaches, step.reasons,
                          grounding, message, step.shortfall)


def recommendation_as_dict(item: Recommendation) -> dict[str, Any]:
    grounding = None
    if item.grounding is not None:
        grounding = {"record_id": item.grounding.record_id, "kind": item.grounding.kind,
                     "when": item.grounding.when, "text": item.grounding.text,
                     "relevance": item.grounding.relevance}
    return {"rank": item.rank, "kind": item.kind, "category": item.category,
            "dimension": item.dimension, "count": item.count, "points_each": item.points_each,
            "points": item.points, "next_band": item.next_band,
            "points_to_next_band": item.points_to_next_band,
            "reaches_next_band": item.reaches_next_band, "shortfall": item.shortfall,
            "reasons": list(item.reasons), "grounding": grounding, "message": item.message}
