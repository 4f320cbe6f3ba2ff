"""Tools over the leading indicators: next steps with their points, and acknowledging a
warning (the moment that stops the TTA clock), confirmed like every write."""

from __future__ import annotations

from typing import TYPE_CHECKING

from perfmirror_core import validation
from perfmirror_core.weeks import IsoWeek

from .context import ToolContext

if TYPE_CHECKING:
    from perfmirror_core.recommendations import Recommendation
    from perfmirror_core.store.repository import Store


def next_steps(store: Store, as_of: IsoWeek, limit: int | None = None,
               weeks: int | None = None) -> list[Recommendation]:
    """``perfmirror recommend``'s ranked steps, grounded in the person's non-private career
    notes: the CLI and the offline coach give the same answer from this one place."""
    from perfmirror_core.recommendations import recommend

    return recommend(store.scoring_data(last=as_of), as_of, weeks,
                     records=store.career_notes(), **({"limit": limit} if limit else {}))


def get_recommendations(ctx: ToolContext) -> dict:
    """Ranked next steps computed by perf-mirror's core, each with the weighted points it adds
    toward the next band and the active warnings. Phrase them; never change the numbers."""
    from perfmirror_core.recommendations import recommend
    from perfmirror_core.warnings import active_warnings

    from ..clock import week_left

    data = ctx.scoring_data(ctx.week)
    warnings = active_warnings(data, ctx.week, week_left=week_left(ctx.week))
    steps = recommend(data, ctx.week, warnings=warnings, limit=3)
    return {"warnings": [{"code": w.code, "message": w.message} for w in warnings],
            "next_steps": [{"step": s.message, "points": round(s.points, 1),
                            "reaches_next_band": s.reaches_next_band} for s in steps]}


def acknowledge_warning(ctx: ToolContext, code: str, note: str | None = None) -> dict:
    """Record that the person has seen an early warning and is acting on it (after they
    confirm). Codes come from get_recommendations.

    Args:
        code: the warning's code, e.g. "logging-stopped".
        note: what they plan to do, in their words.
    """
    from perfmirror_core.warnings import check_code

    checked = check_code(code)
    note = validation.text(note, "note", 500) if note else None
    stored = f", with the note \"{note}\"" if note else ""
    if not ctx.person.confirm(f"Mark the warning '{checked}' as acknowledged in {ctx.week}"
                              f"{stored}?"):
        return {"acknowledged": None, "note": "The person did not acknowledge it."}
    ctx.store.acknowledge(checked, ctx.week, ctx.current_week, note)
    return {"acknowledged": checked, "week": str(ctx.week)}


def get_review_packet(ctx: ToolContext, level: int | None = None) -> dict:
    """The person's promotion or self-review packet as Markdown: evidence per expectation of a
    level (default: the next) from perf-mirror's core, private records and struggles left out.
    Draft a narrative from it; keep every number and piece of evidence as given.

    Args:
        level: the level whose expectations organise the packet; default the next level.
    """
    from coach.exports.packet import packet_as_markdown

    return {"packet": packet_as_markdown(ctx.week, level)}
