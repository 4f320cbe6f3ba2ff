"""Where am I on track? The deterministic answer.

Pure functions over plain data: no I/O, no clock ("as of" is passed in). The CLI status card, the
JSON output and the chat coach all quote the same ``StatusReport``, so an answer never depends on
who asks.

The arithmetic, per week of the period, using the role, level and weights in effect that week:

- entry points      = override if set, else count x category points
- weekly score      = sum over dimensions of weight[dimension] x points logged in that dimension
- weekly expected   = sum over the level's templates of weight x expected weekly count x points
- score, expected   = the sums over the period's weeks; raw ratio = score / expected
- credited score    = the score with each dimension's weighted points capped (see below)
- ratio             = credited score / expected
- band              = the highest band whose threshold the ratio reaches, capped at Partially
                      by a far shortfall (see below); no entries = No Data

The band is not fully compensatory. The original (shared/design/reference.md) judged the plain
ratio: 85 % overall was Meeting however it was made up, so an IC L6 with impact at 4 % of
expected read "Meeting 98%", and a new manager holding a third of his 1:1s read "Meeting 110%"
because he wrote ten times the code his level expects. Two rules, both from the original's own
figures, stop surplus in one dimension from hiding a shortfall in another:

1. Credit cap. A dimension's weighted points count up to ``Thresholds.outstanding`` (150 %) of
   what the level expects of that dimension. The original calls 150 % of expected Outstanding;
   surplus beyond "outstanding at this dimension" is work the role did not ask for, and it
   must not buy a band. The cap alone is not enough: with the others at 150 %, a dimension
   carrying up to 65 % of the expectation could sit at half and still leave 0.5s + 1.5(1 - s)
   >= 0.85.
2. Floor. While a dimension the level weighs is under ``FAR_UNDER_FLOOR`` (50 %) of its
   expected points, the band is at best Partially Meeting Expectations, and the card says why
   ("capped at Partially: impact 4% of expected"). The early warnings' ``<dimension>-far-under``
   uses this very predicate (``far_short_dimensions``) over its own recent window, so the card,
   the warnings and the recommendations agree on what "far" means and on which dimensions count;
   Partially because the person
   meets some of what the level asks but not all of it, which is what the name says. A
   dimension counts as weighed when it carries at least ``WEIGHED_SHARE`` (10 %) of the
   level's expected points (the smallest weight the original gives any dimension is 0.10:
   below that the level barely asks for it; IC L3's impact, 1 % of its expectation, cannot
   cap a band). The share of expected points, not the weight, decides: the reference's
   weights say what a point is worth, the level's templates say how much of the work lies
   there. IC L4's outcome has weight 0.20 but only 6.6 % of the expected points (a design doc
   every few weeks); half of that missing moves the ratio by 3 points, which the ratio already
   shows, and capping the whole band on it would let one lumpy category outvote the rest.
   And only once the window expected at least ``FLOOR_MIN_OCCURRENCES`` (2)
   occurrences in that dimension: one design doc a month is not missing in week two.

``raw_ratio`` keeps the uncapped figure; scoring itself stays exact arithmetic.

History starts when it starts: the period's weeks before ``history_start_week`` (the person's
first profile week or first entry, whichever is earlier) are not in the period at all. Counting
them as zeros told a new user after one good week that they were "Underperforming 4%".

When the profile never changes this is exactly "sum of weight x dimension points over the period"
and "expected weekly count x points x weeks", as the original defined it; summing week by week is
what lets a promotion in week 7 score weeks 1-6 against the old level and 7-12 against the new.
"""

from __future__ import annotations

import functools

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping, Protocol, Sequence, TypeVar

from .weeks import IsoWeek, period_ending

if TYPE_CHECKING:  # both modules build on this one
    from .coverage import ExpectationCoverage
    from .insights import Insight

DIMENSIONS: tuple[str, ...] = ("input", "output", "outcome", "impact")
OUTSTANDING = "Outstanding"
STRONG = "Strong Performance"
MEETING = "Meeting Expectations"
PARTIALLY = "Partially Meeting Expectations"
UNDERPERFORMING = "Underperforming"
NO_DATA = "No Data"
BANDS_BEST_FIRST: tuple[str, ...] = (OUTSTANDING, STRONG, MEETING, PARTIALLY, UNDERPERFORMING)

# Per-category judgement against expectation, as in the original: over >= 115 %, met >= 85 %.
CATEGORY_OVER = 1.15
CATEGORY_MET = 0.85
# The band's floor (see the module docstring for why these figures).
FAR_UNDER_FLOOR = 0.5
WEIGHED_SHARE = 0.10
FLOOR_MIN_OCCURRENCES = 2.0
# Weeks of a new history before next-level pressure (``settled_at_level``).
NEW_HISTORY_WEEKS = 4


@dataclass(frozen=True)
class Weights:
    """Share of the weighted score each IOOI dimension carries; sums to 1."""

    input: float
    output: float
    outcome: float
    impact: float

    def of(self, dimension: str) -> float:
        return float(getattr(self, dimension))

    def as_dict(self) -> dict[str, float]:
        return {dimension: self.of(dimension) for dimension in DIMENSIONS}


@dataclass(frozen=True)
class Thresholds:
    """Minimum actual/expected ratio for each band above Underperforming."""

    outstanding: float = 1.50
    strong: float = 1.15
    meeting: float = 0.85
    partially: float = 0.70

    def minimum_ratio(self, band: str) -> float:
        return {OUTSTANDING: self.outstanding, STRONG: self.strong, MEETING: self.meeting,
                PARTIALLY: self.partially, UNDERPERFORMING: 0.0}[band]


@dataclass(frozen=True)
class CategoryInfo:
    id: int
    name: str
    dimension: str
    points: float


@dataclass(frozen=True)
class Entry:
    """One logged event. ``override`` replaces count x points when set."""

    category_id: int
    week: IsoWeek
    count: int
    override: float | None = None
    id: int | None = None
    reference: str | None = None


@dataclass(frozen=True)
class Statement:
    """A level expectation and the categories whose activity evidences it."""

    id: int
    text: str
    evidence_category_ids: tuple[int, ...]


@dataclass(frozen=True)
class LevelFramework:
    """Everything that depends on role and level: weights, templates, target, expectations."""

    role: str
    level: int
    weights: Weights
    expected_weekly: Mapping[int, float]  # category id -> expected count per week
    thresholds: Thresholds = Thresholds()
    period_weeks: int = 12
    statements: tuple[Statement, ...] = ()
    assumed: tuple[str, ...] = ()  # fallbacks taken for rows the person has not set


@dataclass(frozen=True)
class ProfileChange:
    """From ``from_week`` on, the person is ``role`` at ``level``."""

    from_week: IsoWeek
    role: str
    level: int


def profile_in(changes: Sequence[ProfileChange], week: IsoWeek) -> ProfileChange:
    """The profile in effect in ``week``; the first profile also covers earlier weeks (a
    back-filled entry is scored at the level the person first told us). ``changes`` is not empty.
    """
    ordered = sorted(changes, key=lambda change: change.from_week)
    current = ordered[0]
    for change in ordered:
        if change.from_week <= week:
            current = change
    return current


@dataclass(frozen=True)
class ScoringData:
    """All the plain data a status needs; built by the store, consumed by pure functions."""

    categories: Mapping[int, CategoryInfo]
    entries: Sequence[Entry]
    profile_changes: Sequence[ProfileChange]
    frameworks: Mapping[tuple[str, int], LevelFramework]

    def profile_in(self, week: IsoWeek) -> ProfileChange:
        return profile_in(self.profile_changes, week)

    def framework_in(self, week: IsoWeek) -> LevelFramework:
        profile = self.profile_in(week)
        return self.frameworks[(profile.role, profile.level)]

    def next_level_framework(self, week: IsoWeek) -> LevelFramework | None:
        profile = self.profile_in(week)
        return self.frameworks.get((profile.role, profile.level + 1))

    @functools.cached_property
    def history_start(self) -> IsoWeek | None:
        """See ``history_start_week``; computed once per snapshot, because it reads every entry
        and the warning history asks for it once a week (ten years: 520 scans of 20,800)."""
        starts = [change.from_week for change in self.profile_changes]
        starts += [entry.week for entry in self.entries]
        return min(starts, default=None)


def history_start_week(data: ScoringData) -> IsoWeek | None:
    """The first week of the person's history: their first profile week or first entry,
    whichever is earlier (a back-filled entry predates the profile); None with neither.

    Every window (status, forecast, warnings, recommendations, packet, brag) starts no earlier
    than this week, so weeks nobody logged before they began are never read as zeros.
    """
    return data.history_start


def level_started_week(data: ScoringData, week: IsoWeek) -> IsoWeek | None:
    """The week the role and level in effect in ``week`` began, when a change the history
    records began it (a promotion, a new role); None while the first profile holds."""
    ordered = sorted(data.profile_changes, key=lambda change: change.from_week)
    position = ordered.index(data.profile_in(week))
    current = (ordered[position].role, ordered[position].level)
    while position > 0 and (ordered[position - 1].role, ordered[position - 1].level) == current:
        position -= 1
    return ordered[position].from_week if position > 0 else None


def settled_at_level(data: ScoringData, week: IsoWeek) -> bool:
    """Has the person settled in at the level they hold in ``week``? Next-level pressure (the
    next-level-missing insight and warning, next-level steps, the packet's gaps) waits for it.

    Settled = a full target period at the level (12 weeks by default). The next level's
    evidence is judged over one period, so before that the window still holds weeks of the
    old level and of the ramp-up; and the promotion itself was the verdict on next-level
    evidence up to then. Telling someone two weeks into L5 that L6 evidence is missing is
    noise. Under the first profile we do not know how long the person has held the level, so
    only the history's first ``NEW_HISTORY_WEEKS`` weeks wait (the early warnings' settling
    period for a newcomer): a new user's first week is not told what L5 lacks.
    """
    started = level_started_week(data, week)
    if started is not None:
        return started.weeks_until(week) + 1 >= data.framework_in(week).period_weeks
    history = history_start_week(data)
    return history is None or history.weeks_until(week) + 1 >= NEW_HISTORY_WEEKS


def scored_weeks(data: ScoringData, as_of: IsoWeek, weeks: int) -> list[IsoWeek]:
    """The ``weeks`` weeks ending ``as_of``, less those before the history starts; at least
    ``as_of`` itself, so a status asked for before the history began is an honest No Data."""
    start = history_start_week(data)
    period = [week for week in period_ending(as_of, weeks) if start is None or week >= start]
    return period or [as_of]


@dataclass(frozen=True)
class DimensionResult:
    name: str
    points: float  # raw points logged in the period
    weighted: float  # weight x points, summed week by week
    expected: float  # weighted expected points for the period
    weight: float  # the weight in effect in the as-of week
    share: float  # this dimension's part of all raw points (0 when nothing logged)
    credited: float = 0.0  # weighted, capped at the Outstanding ratio of expected
    expected_count: float = 0.0  # occurrences the window expected in this dimension

    @property
    def attainment(self) -> float | None:
        """Weighted points as a share of expected; None when nothing is expected."""
        return self.weighted / self.expected if self.expected > 0 else None


@dataclass(frozen=True)
class BandCap:
    """Why the band is lower than the ratio alone would give: a dimension far under."""

    band: str  # the band the ratio alone reaches
    capped_at: str
    dimension: str
    attainment: float  # the dimension's weighted / expected points

    @property
    def reason(self) -> str:
        return (f"capped at {self.capped_at.split()[0]}: {self.dimension} "
                f"{percent(self.attainment)} of expected")


@dataclass(frozen=True)
class CategoryResult:
    name: str
    dimension: str
    actual: float  # points earned in the period
    expected: float  # points expected in the period
    actual_count: int
    expected_count: float
    performance: str  # over | met | under | none


@dataclass(frozen=True)
class WeekResult:
    week: IsoWeek
    score: float
    expected: float
    entries: int


@dataclass(frozen=True)
class StatusReport:
    as_of: IsoWeek
    weeks: int  # weeks scored: the window less the weeks before the history starts
    role: str
    level: int
    score: float
    expected: float
    ratio: float | None  # credited score / expected: what the band is judged on
    band: str
    next_band: str | None
    points_to_next_band: float
    thresholds: Thresholds
    dimensions: tuple[DimensionResult, ...]
    categories: tuple[CategoryResult, ...]
    weekly: tuple[WeekResult, ...]
    entry_count: int
    window_weeks: int = 0  # the window asked for (the target's period or --weeks)
    raw_ratio: float | None = None  # score / expected, no dimension capped
    credited: float = 0.0  # the score with each dimension's credit capped
    band_cap: BandCap | None = None
    history_start: IsoWeek | None = None
    insights: tuple[Insight, ...] = field(default=())
    expectations: tuple[ExpectationCoverage, ...] = field(default=())
    assumed: tuple[str, ...] = ()  # fallbacks the as-of week's framework took (LevelFramework)

    @property
    def history_cut(self) -> bool:
        """True when the window reaches back before the history starts."""
        return self.weeks < self.window_weeks


def entry_points(entry: Entry, category: CategoryInfo) -> float:
    """An entry's points: the override if the person set one, else count x points."""
    if entry.override is not None:
        return entry.override
    return entry.count * category.points


def band_for_ratio(ratio: float, thresholds: Thresholds = Thresholds()) -> str:
    """The highest band whose minimum ratio ``ratio`` reaches."""
    for band in BANDS_BEST_FIRST:
        if ratio >= thresholds.minimum_ratio(band):
            return band
    return UNDERPERFORMING


def band_above(band: str) -> str | None:
    """The next better band, or None at the top. No Data climbs like Underperforming."""
    if band == NO_DATA:
        band = UNDERPERFORMING
    position = BANDS_BEST_FIRST.index(band)
    return BANDS_BEST_FIRST[position - 1] if position > 0 else None


def percent(ratio: float | None) -> str:
    """A ratio as every message shows it, 0.853 -> "85%"; no ratio yet reads "n/a"."""
    return "n/a" if ratio is None else f"{ratio:.0%}"


def credited_points(weighted: float, expected: float, thresholds: Thresholds) -> float:
    """A dimension's weighted points, counted up to the Outstanding ratio of its expected."""
    return min(weighted, thresholds.outstanding * expected)


class DimensionTotals(Protocol):
    """What the band rule reads of a dimension: a status's totals or a forecast's projection of
    them, so both are judged by the one rule."""

    @property
    def name(self) -> str: ...

    @property
    def weighted(self) -> float: ...

    @property
    def expected(self) -> float: ...

    @property
    def expected_count(self) -> float: ...


Totals = TypeVar("Totals", bound=DimensionTotals)


def floored_dimensions(dimensions: Sequence[Totals]) -> list[Totals]:
    """Dimensions the floor watches: weighed by the level, and expected often enough in the
    window that missing half of them is news."""
    total = sum(d.expected for d in dimensions)
    return [d for d in dimensions
            if total > 0 and d.expected >= WEIGHED_SHARE * total
            and d.expected_count >= FLOOR_MIN_OCCURRENCES]


def far_short_dimensions(dimensions: Sequence[Totals]) -> list[Totals]:
    """Dimensions the level weighs that sit under the floor, furthest under first."""
    found = [d for d in floored_dimensions(dimensions)
             if d.weighted < FAR_UNDER_FLOOR * d.expected]
    return sorted(found, key=lambda d: (d.weighted / d.expected, d.name))


def capped_band(ratio: float, dimensions: Sequence[DimensionTotals],
                thresholds: Thresholds = Thresholds()) -> tuple[str, BandCap | None]:
    """The band the credited ratio reaches, at best Partially while a weighed dimension is
    far under; with the cap that applied, if any."""
    band = band_for_ratio(ratio, thresholds)
    short = far_short_dimensions(dimensions)
    if not short or BANDS_BEST_FIRST.index(band) >= BANDS_BEST_FIRST.index(PARTIALLY):
        return band, None
    worst = short[0]
    return PARTIALLY, BandCap(band, PARTIALLY, worst.name, worst.weighted / worst.expected)


def category_performance(actual: float, expected: float, anything_logged: bool) -> str:
    """over / met / under against expectation; none when nothing was logged."""
    if not anything_logged:
        return "none"
    if expected <= 0:
        return "over"
    ratio = actual / expected
    if ratio >= CATEGORY_OVER:
        return "over"
    if ratio >= CATEGORY_MET:
        return "met"
    return "under"


def expected_weekly_counts(framework: LevelFramework,
                           categories: Mapping[int, CategoryInfo]) -> dict[str, float]:
    """Occurrences a week at this level is expected to log, per dimension (the floor waits for
    ``FLOOR_MIN_OCCURRENCES`` of them in a window)."""
    per_dimension = dict.fromkeys(DIMENSIONS, 0.0)
    for category_id, count in framework.expected_weekly.items():
        category = categories.get(category_id)
        if category is not None:
            per_dimension[category.dimension] += count
    return per_dimension


def expected_weekly_points(framework: LevelFramework,
                           categories: Mapping[int, CategoryInfo]) -> dict[str, float]:
    """Weighted points a week at this level is expected to earn, per dimension."""
    per_dimension = dict.fromkeys(DIMENSIONS, 0.0)
    for category_id, count in framework.expected_weekly.items():
        category = categories.get(category_id)
        if category is None:
            continue
        per_dimension[category.dimension] += (
            framework.weights.of(category.dimension) * count * category.points)
    return per_dimension


def _points_to_next_band(next_band: str | None, credited: float, expected: float,
                         dimensions: Sequence[DimensionResult], thresholds: Thresholds) -> float:
    """Credited points still missing for the next band: to its ratio and, above Partially,
    to lift every far-short dimension to the floor (points elsewhere cannot lift a cap)."""
    if next_band is None:
        return 0.0
    to_ratio = max(0.0, thresholds.minimum_ratio(next_band) * expected - credited)
    if BANDS_BEST_FIRST.index(next_band) >= BANDS_BEST_FIRST.index(PARTIALLY):
        return to_ratio
    to_floor = sum(FAR_UNDER_FLOOR * d.expected - d.weighted for d in far_short_dimensions(dimensions))
    return max(to_ratio, to_floor)


def points_to_band(report: StatusReport, band: str) -> float | None:
    """Credited points still missing in the report's window for ``band``, by the card's rule
    for its next band (the band's ratio and, above Partially, every dimension's floor); 0 when
    the report is already there, None before anything is scored.

    Why: a person asks "how do I get to Strong Performance?" while two bands below it; the
    steps lead to the next band, and the answer must say how far the asked band is."""
    if report.ratio is None:
        return None
    if BANDS_BEST_FIRST.index(band) >= BANDS_BEST_FIRST.index(
            UNDERPERFORMING if report.band == NO_DATA else report.band):
        return 0.0
    return _points_to_next_band(band, report.credited, report.expected, report.dimensions,
                                report.thresholds)


def compute_status(data: ScoringData, as_of: IsoWeek, weeks: int | None = None) -> StatusReport:
    """The status for the period ending with ``as_of`` (inclusive).

    ``weeks`` overrides the period length of the target in effect in ``as_of``. Weeks before
    the history starts are left out (``scored_weeks``).
    """
    current = data.framework_in(as_of)
    window = weeks or current.period_weeks
    period = scored_weeks(data, as_of, window)
    first, last = period[0], period[-1]
    in_period = [entry for entry in data.entries
                 if first <= entry.week <= last and entry.category_id in data.categories]

    points_by_week_dimension: dict[IsoWeek, dict[str, float]] = defaultdict(
        lambda: dict.fromkeys(DIMENSIONS, 0.0))
    entries_by_week: dict[IsoWeek, int] = defaultdict(int)
    category_points: dict[int, float] = defaultdict(float)
    category_counts: dict[int, int] = defaultdict(int)
    category_logged: set[int] = set()
    for entry in in_period:
        category = data.categories[entry.category_id]
        points = entry_points(entry, category)
        points_by_week_dimension[entry.week][category.dimension] += points
        entries_by_week[entry.week] += 1
        category_points[entry.category_id] += points
        category_counts[entry.category_id] += entry.count
        category_logged.add(entry.category_id)

    dimension_points = dict.fromkeys(DIMENSIONS, 0.0)
    dimension_weighted = dict.fromkeys(DIMENSIONS, 0.0)
    dimension_expected = dict.fromkeys(DIMENSIONS, 0.0)
    category_expected_points: dict[int, float] = defaultdict(float)
    category_expected_counts: dict[int, float] = defaultdict(float)
    weekly: list[WeekResult] = []
    expected_cache: dict[tuple[str, int], dict[str, float]] = {}
    for week in period:
        framework = data.framework_in(week)
        key = (framework.role, framework.level)
        if key not in expected_cache:
            expected_cache[key] = expected_weekly_points(framework, data.categories)
        week_expected = expected_cache[key]
        week_points = points_by_week_dimension.get(week, dict.fromkeys(DIMENSIONS, 0.0))
        week_score = 0.0
        for dimension in DIMENSIONS:
            weighted = framework.weights.of(dimension) * week_points[dimension]
            week_score += weighted
            dimension_points[dimension] += week_points[dimension]
            dimension_weighted[dimension] += weighted
            dimension_expected[dimension] += week_expected[dimension]
        for category_id, count in framework.expected_weekly.items():
            expected_category = data.categories.get(category_id)
            if expected_category is not None:
                category_expected_counts[category_id] += count
                category_expected_points[category_id] += count * expected_category.points
        weekly.append(WeekResult(week, week_score, sum(week_expected.values()),
                                 entries_by_week.get(week, 0)))

    dimension_counts = dict.fromkeys(DIMENSIONS, 0.0)
    for category_id, count in category_expected_counts.items():
        dimension_counts[data.categories[category_id].dimension] += count
    total_points = sum(dimension_points.values())
    dimensions = tuple(
        DimensionResult(
            name=dimension,
            points=dimension_points[dimension],
            weighted=dimension_weighted[dimension],
            expected=dimension_expected[dimension],
            weight=current.weights.of(dimension),
            share=dimension_points[dimension] / total_points if total_points else 0.0,
            credited=credited_points(dimension_weighted[dimension],
                                     dimension_expected[dimension], current.thresholds),
            expected_count=dimension_counts[dimension],
        )
        for dimension in DIMENSIONS)

    score = sum(result.score for result in weekly)
    expected = sum(result.expected for result in weekly)
    credited = sum(d.credited for d in dimensions)
    raw_ratio = score / expected if expected > 0 else None
    ratio = credited / expected if expected > 0 else None
    cap = None
    if not in_period or ratio is None:
        band = NO_DATA
    else:
        band, cap = capped_band(ratio, dimensions, current.thresholds)
    next_band = band_above(band)
    points_to_next = _points_to_next_band(next_band, credited, expected, dimensions,
                                          current.thresholds)

    relevant = set(category_logged) | {cid for cid, count in category_expected_counts.items()
                                       if count > 0}
    categories = tuple(
        CategoryResult(
            name=data.categories[cid].name,
            dimension=data.categories[cid].dimension,
            actual=category_points.get(cid, 0.0),
            expected=category_expected_points.get(cid, 0.0),
            actual_count=category_counts.get(cid, 0),
            expected_count=category_expected_counts.get(cid, 0.0),
            performance=category_performance(category_points.get(cid, 0.0),
                                             category_expected_points.get(cid, 0.0),
                                             cid in category_logged),
        )
        for cid in sorted(relevant, key=lambda cid: (
            DIMENSIONS.index(data.categories[cid].dimension), data.categories[cid].name.lower())))

    profile = data.profile_in(as_of)
    return StatusReport(
        as_of=as_of, weeks=len(period), role=profile.role, level=profile.level,
        score=score, expected=expected, ratio=ratio, band=band, next_band=next_band,
        points_to_next_band=points_to_next, thresholds=current.thresholds,
        dimensions=dimensions, categories=categories, weekly=tuple(weekly),
        entry_count=len(in_period), window_weeks=window, raw_ratio=raw_ratio,
        credited=credited, band_cap=cap,
        history_start=history_start_week(data), assumed=current.assumed,
    )
