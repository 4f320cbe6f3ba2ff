"""Answers read off the core's status report, for the offline coach: why the score is what it
is, where the person is strong and weak, and what the evidence says about the next level.

Every figure is the report's own; the wording only says which figure answers the question.
"""

from __future__ import annotations

from perfmirror_core.insights import behind_categories, weighted_shortfall
from perfmirror_core.scoring import MEETING, StatusReport, percent
from perfmirror_core.steps import MIN_EXPECTED_COUNT
from perfmirror_core.status import capped_note, provisional_note
from perfmirror_core.text import plural

SHORTFALLS_SHOWN = 5
STRENGTHS_SHOWN = 3


def score_evidence(report: StatusReport, question: str = "") -> str:
    """Why the score is what it is: the core's totals, each dimension, the categories under
    expectation and the insights with their evidence. A dimension named in the question
    narrows the answer to it."""
    if report.ratio is None:
        return (f"No score yet: nothing expected or logged in the {plural(report.weeks, 'week')} ending "
                f"{report.as_of}. Tell me what you did this week.")
    lowered = question.lower()
    named = [d.name for d in report.dimensions if d.name in lowered]
    capped = capped_note(report)
    lines = [(f"{report.band}: {report.credited:.1f} of {report.expected:.1f} expected weighted "
              f"points ({report.ratio * 100:.0f}%{'; ' + capped if capped else ''}) in the "
              f"{plural(report.weeks, 'week')} ending {report.as_of}.")]
    lines += _provisional(report)
    meeting = report.thresholds.minimum_ratio(MEETING)
    met = [d for d in report.dimensions if d.name in named
           and d.attainment is not None and d.attainment >= meeting]
    for dimension in met:  # asked why it is low, and it is not: say so before anything else
        lines.append(f"Your {dimension.name} is not low: {percent(dimension.attainment)} of what "
                     f"your level expects ({MEETING} needs {percent(meeting)}).")
    if met and len(met) == len(named):
        named = []  # then what does hold the score down is the answer
        lines.append("What holds your score down:")
    for dimension in report.dimensions:
        if not named or dimension.name in named:
            lines.append(f"- {dimension.name}: {dimension.weighted:.1f} of "
                         f"{dimension.expected:.1f} weighted points"
                         + (f" ({percent(dimension.attainment)})"
                            if dimension.attainment is not None else ""))
    weights = {d.name: d.weight for d in report.dimensions}
    short = [c for c in behind_categories(report) if not named or c.dimension in named]
    if short:  # ranked as the card's "Biggest shortfall" is, by role-weighted points
        lines.append("Furthest under expectation:")
        lines += [f"- {c.name} ({c.dimension}): {c.actual_count} of {c.expected_count:g} "
                  f"expected ({weighted_shortfall(c, weights):.1f} weighted points short)"
                  for c in short[:SHORTFALLS_SHOWN]]
        if len(short) > SHORTFALLS_SHOWN:
            lines.append(f"  and {len(short) - SHORTFALLS_SHOWN} more (`perfmirror status --json` lists them)")
    for insight in report.insights:
        evidence = f" ({'; '.join(insight.evidence)})" if insight.evidence else ""
        lines.append(f"› {insight.message}{evidence}")
    return "\n".join(lines)


def strengths_and_gaps(report: StatusReport) -> str:
    """Where the person is strong and weak: the dimensions by how much of their expectation
    they reach, the categories past theirs, and the shortfalls the card ranks first."""
    if report.ratio is None:
        return (f"Nothing to compare yet: nothing expected or logged in the {plural(report.weeks, 'week')} "
                f"ending {report.as_of}.")
    judged = sorted((d for d in report.dimensions if d.attainment is not None),
                    key=lambda d: (-(d.attainment or 0.0), d.name))
    lines = [f"Against what {report.role} L{report.level} expects, in the {plural(report.weeks, 'week')} "
             f"ending {report.as_of}:",
             "- by dimension, strongest first: "
             + ", ".join(f"{d.name} {percent(d.attainment)}" for d in judged)]
    ahead = sorted((c for c in report.categories if c.performance == "over"
                    and c.expected_count >= MIN_EXPECTED_COUNT),
                   key=lambda c: (-(c.actual / c.expected if c.expected else 0.0), c.name))
    if ahead:
        lines.append("- past expectation: " + ", ".join(
            f"{c.name} ({c.actual_count} of {c.expected_count:g} expected)"
            for c in ahead[:STRENGTHS_SHOWN]))
    weights = {d.name: d.weight for d in report.dimensions}
    short = behind_categories(report)
    if short:
        lines.append("- furthest under, by role-weighted points: " + ", ".join(
            f"{c.name} ({c.actual_count} of {c.expected_count:g} expected, "
            f"{weighted_shortfall(c, weights):.1f} points short)"
            for c in short[:STRENGTHS_SHOWN]))
    return "\n".join(lines)


def next_level_evidence(report: StatusReport, next_steps: str) -> str:
    """What the record says about the next level: the band at this one and how much of the next
    level's expectations the work already shows. Promotion is not the core's call, so this is
    the evidence, not a verdict."""
    lines = [f"At {report.role} L{report.level} you are at {report.band} "
             f"({percent(report.ratio)} of expected) in the {plural(report.weeks, 'week')} ending "
             f"{report.as_of}."]
    lines += _provisional(report)
    upcoming = [c for c in report.expectations if c.level_kind == "next"]
    if not upcoming:
        lines.append("There is no next level in your framework to compare against.")
    else:
        first = upcoming[0]
        emerging = [c for c in upcoming if c.status == "emerging"]
        missing = [c for c in upcoming if c.status != "emerging"]
        lines.append(f"{first.role} L{first.level}: {len(emerging)} of {len(upcoming)} "
                     "expectations show emerging evidence in your entries, "
                     f"{len(missing)} show none yet.")
        lines += [f"- missing: {c.text}" for c in missing]
        lines += [f"- emerging: {c.text} ({plural(c.weeks_with_evidence, 'week')})" for c in emerging]
    lines.append("Promotion is your manager's call; this is the evidence you can bring. "
                 "Closing your current level's gaps comes first:")
    lines.append(next_steps)
    return "\n".join(lines)


def _provisional(report: StatusReport) -> list[str]:
    """The card's provisional line, as a sentence of the answer (none once the band settles)."""
    note = provisional_note(report)
    return [f"This band is {note}."] if note else []
