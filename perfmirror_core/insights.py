"""Deterministic insights: what the numbers say, in sentences, with the categories named.

Every rule is measured against the level's template, never against raw shares of points. The
original's mix rules ("input over 40 % of points and outcome under 15 %") judged raw shares,
so a person logging exactly their level's template was told they were "consuming more than
delivering" (an IC L1-L4 template is mostly reviews and meetings), and an IC shipping 31
features was told she took in more than she delivered. Here a dimension's *attainment* is its
weighted points over the points its level expects of it: the same figure as the card's
dimension bars, so an insight can never contradict the bars beside it. A person who logs
exactly the template is at 100 % everywhere and gets no warning.

Each insight names the categories that make it true (``categories``), and ranks by the
role-weighted points at stake (``stake``): a manager's missing 1:1s outrank a missed course.
Rules about time (a falling trend, a logging gap) name weeks instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

from .coverage import ExpectationCoverage
from .frameworks import as_work
from .scoring import (CATEGORY_MET, CATEGORY_OVER, NO_DATA, PARTIALLY, CategoryInfo,
                      CategoryResult, DimensionResult, LevelFramework, StatusReport,
                      WeekResult, far_short_dimensions, percent)
from .steps import MIN_EXPECTED_COUNT, band_steps
from .text import plural

WARNING, INFO, POSITIVE = "warning", "info", "positive"
SENIOR_IC_LEVEL = 5
MANAGER_ROLES = frozenset({"Manager", "Senior Manager", "Director"})
TREND_WINDOW = 4


@dataclass(frozen=True)
class Insight:
    code: str
    kind: str  # warning | info | positive
    message: str
    evidence: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()  # the categories that make it true
    stake: float = 0.0  # role-weighted points at stake: the rank within a kind


def _attainment(report: StatusReport) -> dict[str, float | None]:
    return {d.name: d.attainment for d in report.dimensions}


def weighted_shortfall(category: CategoryResult, weights: Mapping[str, float]) -> float:
    """Weighted points a category is behind its expectation (0 when it is not behind)."""
    return max(0.0, category.expected - category.actual) * weights[category.dimension]


def behind_categories(report: StatusReport, dimension: str | None = None) -> list[CategoryResult]:
    """Categories under their expectation, in ``dimension`` if given, biggest weighted gap
    first; only those the window expected at least once."""
    weights = {d.name: d.weight for d in report.dimensions}
    found = [c for c in report.categories
             if c.expected_count >= MIN_EXPECTED_COUNT and c.performance in ("under", "none")
             and (dimension is None or c.dimension == dimension)]
    return sorted(found, key=lambda c: (-weighted_shortfall(c, weights), c.name))


def _ahead(report: StatusReport, dimension: str) -> list[CategoryResult]:
    return [c for c in report.categories if c.dimension == dimension and c.performance == "over"]


def _counts(categories: Sequence[CategoryResult]) -> tuple[str, ...]:
    return tuple(f"{c.name}: {c.actual_count} of {c.expected_count:g} expected"
                 for c in categories)


def _names(categories: Sequence[CategoryResult]) -> tuple[str, ...]:
    return tuple(c.name for c in categories)


# One dimension well ahead of its expectation while the one it should turn into lags: (code,
# kind, the dimension leading, the one lagging, the message with both attainments).
_IMBALANCES = (
    ("consuming-more-than-delivering", WARNING, "input", "outcome",
     "You are taking in more than your level asks (input at {leading} of expected) and turning "
     "less of it into results (outcome at {lagging})"),
    ("execution-without-impact", INFO, "output", "impact",
     "Strong execution (output at {leading} of expected) with impact at {lagging}"),
)


def _mix_insights(report: StatusReport) -> list[Insight]:
    """The original's four mix rules, each judged against the template (attainment)."""
    level = _attainment(report)

    def over(dimension: str) -> bool:
        value = level[dimension]
        return value is not None and value >= CATEGORY_OVER

    def under(dimension: str) -> bool:
        value = level[dimension]
        return value is not None and value < CATEGORY_MET

    found: list[Insight] = []
    for code, kind, leading, lagging, wording in _IMBALANCES:
        if over(leading) and under(lagging):
            behind = behind_categories(report, lagging)
            evidence = _ahead(report, leading) + behind
            found.append(Insight(
                code, kind,
                wording.format(leading=percent(level[leading]), lagging=percent(level[lagging]))
                + (f": behind on {', '.join(_names(behind))}." if behind else "."),
                _counts(evidence), _names(evidence), _stake(report, lagging)))
    judged = [d for d in report.dimensions if d.attainment is not None]
    if judged and all(CATEGORY_MET <= (d.attainment or 0) < CATEGORY_OVER for d in judged):
        found.append(Insight(
            "balanced-mix", POSITIVE,
            "Your mix matches your level: every dimension is within "
            f"{percent(CATEGORY_MET)}-{percent(CATEGORY_OVER)} of what it expects.",
            tuple(f"{d.name} {percent(d.attainment)}" for d in judged)))
    if over("impact"):
        ahead = _ahead(report, "impact")
        found.append(Insight(
            "high-impact", POSITIVE,
            f"Impact at {percent(level['impact'])} of what your level expects"
            + (f", from {', '.join(_names(ahead))}." if ahead else "."),
            _counts(ahead), _names(ahead)))
    return found


def _stake(report: StatusReport, dimension: str) -> float:
    found = next(d for d in report.dimensions if d.name == dimension)
    return max(0.0, found.expected - found.weighted)


def _role_insights(report: StatusReport) -> list[Insight]:
    """The original's role rules: a senior IC growing impact, a manager keeping up the work
    with people. Each fires only for categories actually behind, and names them."""
    found: list[Insight] = []
    weights = {d.name: d.weight for d in report.dimensions}
    if report.role == "IC" and report.level >= SENIOR_IC_LEVEL:
        behind = behind_categories(report, "impact")
        if behind:
            found.append(Insight(
                "senior-grow-impact", WARNING,
                f"At IC L{report.level} impact is expected; behind on "
                f"{', '.join(_names(behind))}.", _counts(behind), _names(behind),
                sum(weighted_shortfall(c, weights) for c in behind)))
    if report.role in MANAGER_ROLES:
        behind = behind_categories(report, "input")
        if behind:
            found.append(Insight(
                "manager-keep-input", WARNING,
                f"Keep up the time with your team: behind on {', '.join(_names(behind))}.",
                _counts(behind), _names(behind),
                sum(weighted_shortfall(c, weights) for c in behind)))
    return found


def _biggest_gap(report: StatusReport) -> list[Insight]:
    """The one category whose shortfall costs the most role-weighted points."""
    behind = behind_categories(report)
    if not behind:
        return []
    weights = {d.name: d.weight for d in report.dimensions}
    category = behind[0]
    gap = weighted_shortfall(category, weights)
    return [Insight("biggest-gap", WARNING,
                    f"Biggest shortfall: {category.name}, {category.actual_count} of "
                    f"{category.expected_count:g} expected ({gap:.1f} weighted points short).",
                    _counts([category]), (category.name,), gap)]


def _path_to_next_band(report: StatusReport, framework: LevelFramework,
                       categories: Mapping[int, CategoryInfo]) -> list[Insight]:
    """The points to the next band and the first step toward it: ``recommend``'s own first
    work step (``steps.band_steps``), so the card and ``recommend`` lead with the same work.
    The card once picked the fewest occurrences of any category that would reach the band:
    beside "Biggest shortfall: Documentation" it said "ship 5 more features" while
    ``recommend`` said "Write 2 docs for others this week". Points alone are not advice."""
    if report.next_band is None or report.points_to_next_band <= 0 or report.expected <= 0:
        return []
    steps = band_steps(report, framework, categories)
    if not steps:
        return []
    step = steps[0]
    return [Insight("path-to-next-band", INFO,
                    f"{report.points_to_next_band:.1f} weighted points to {report.next_band}; "
                    f"the first step: {as_work(step.name, step.count)} this week ({step.name}, "
                    f"+{step.points:.1f} weighted points).",
                    (f"{step.name}: {step.points_each:g} weighted points per occurrence",),
                    (step.name,))]


def _trend(report: StatusReport) -> list[Insight]:
    weeks = report.weekly
    if len(weeks) < 2 * TREND_WINDOW:
        return []
    recent, earlier = weeks[-TREND_WINDOW:], weeks[:-TREND_WINDOW]

    def ratio(results: Sequence[WeekResult]) -> float | None:
        expected = sum(r.expected for r in results)
        return sum(r.score for r in results) / expected if expected else None

    recent_ratio, earlier_ratio = ratio(recent), ratio(earlier)
    if recent_ratio is None or not earlier_ratio:
        return []
    evidence = (f"last {TREND_WINDOW} weeks at {percent(recent_ratio)} of expected",
                f"the {len(earlier)} weeks before at {percent(earlier_ratio)}")
    if recent_ratio < 0.8 * earlier_ratio:
        # At stake: what the recent weeks would have scored at the earlier pace.
        stake = (earlier_ratio - recent_ratio) * sum(r.expected for r in recent)
        return [Insight("declining", WARNING,
                        f"Slowing down: the last {TREND_WINDOW} weeks ran at {percent(recent_ratio)} "
                        f"of expectation, down from {percent(earlier_ratio)}.", evidence,
                        stake=stake)]
    if recent_ratio > 1.25 * earlier_ratio:
        return [Insight("improving", POSITIVE,
                        f"Picking up: the last {TREND_WINDOW} weeks ran at {percent(recent_ratio)} "
                        f"of expectation, up from {percent(earlier_ratio)}.", evidence)]
    return []


def _logging_gap(report: StatusReport) -> list[Insight]:
    """Two or more empty weeks at the end of the period: the mirror is going dark."""
    empty = 0
    for week in reversed(report.weekly):
        if week.entries:
            break
        empty += 1
    if empty < 2 or report.entry_count == 0:
        return []
    since = report.weekly[-empty].week
    return [Insight("logging-gap", WARNING,
                    f"Nothing logged for {empty} weeks (since {since}): log or back-fill so the "
                    "status reflects your real work.", (f"{empty} empty weeks",),
                    stake=float("inf"))]


def _dimension_far_under(report: StatusReport) -> list[Insight]:
    """The dimensions that cap the band (the same test as the band's floor), worst first."""
    short: list[DimensionResult] = far_short_dimensions(report.dimensions)
    if not short:
        return []
    behind = [c for d in short for c in behind_categories(report, d.name)]
    names = ", ".join(f"{d.name} {percent(d.attainment)}" for d in short)
    capped = (f" This caps your band at {PARTIALLY.split()[0]}."
              if report.band_cap is not None else "")
    return [Insight("dimension-far-under", WARNING,
                    f"Far below what your level expects in: {names} of expected"
                    + (f" (behind on {', '.join(_names(behind))})." if behind else ".")
                    + capped,
                    tuple(f"{d.name}: {d.weighted:.1f} of {d.expected:.1f} weighted points"
                          for d in short) + _counts(behind), _names(behind),
                    sum(d.expected - d.weighted for d in short))]


def _next_level_missing(coverage: Sequence[ExpectationCoverage]) -> list[Insight]:
    missing = [c for c in coverage if c.level_kind == "next" and c.status == "missing"]
    if not missing:
        return []
    level = missing[0].level
    return [Insight("next-level-missing", INFO,
                    f"{len(missing)} L{level} expectation(s) show no evidence yet, e.g. "
                    f"\"{missing[0].text}\".", tuple(c.text for c in missing))]


_KIND_ORDER = {WARNING: 0, INFO: 1, POSITIVE: 2}
# Rules that would only repeat the far-under insight when their categories are all named there.
_REPEATS = frozenset({"senior-grow-impact", "execution-without-impact", "manager-keep-input"})


def derive_insights(report: StatusReport, framework: LevelFramework,
                    categories: Mapping[int, CategoryInfo],
                    coverage: Sequence[ExpectationCoverage],
                    next_level_pressure: bool = True) -> tuple[Insight, ...]:
    """All insights for a status: warnings first, then by the weighted points at stake.
    ``next_level_pressure`` is False while the person settles in at a new level
    (``settled_at_level``): no next-level-missing then."""
    if report.band == NO_DATA and report.entry_count == 0:
        return (Insight("no-data", INFO,
                        f"Nothing logged in the {plural(report.weeks, 'week')} ending "
                        f"{report.as_of}: "
                        "log a week to see where you stand."),)
    if report.expected <= 0:
        return (Insight("no-expectations", WARNING,
                        f"No expected weekly counts for {report.role} L{report.level}: add some "
                        "with `perfmirror category edit NAME --expected N`."),)
    far_under = _dimension_far_under(report)
    named = {name for insight in far_under for name in insight.categories}
    # A role or mix rule that only repeats the far-under insight's categories would say it twice.
    distinct = [insight for insight in _role_insights(report) + _mix_insights(report)
                if not (insight.code in _REPEATS and insight.categories
                        and set(insight.categories) <= named)]
    found = (_logging_gap(report) + _trend(report) + far_under + _biggest_gap(report)
             + _path_to_next_band(report, framework, categories) + distinct
             + (_next_level_missing(coverage) if next_level_pressure else []))
    return tuple(sorted(found, key=lambda insight: (_KIND_ORDER[insight.kind], -insight.stake)))
