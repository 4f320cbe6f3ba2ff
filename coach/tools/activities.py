"""Tools that propose, log and undo activity entries. Every write is confirmed by the person."""

from __future__ import annotations

from typing import TypedDict

from perfmirror_core import validation
from perfmirror_core.errors import InvalidInput
from perfmirror_core.extract import CategoryVocabulary, extract_activities

from .context import ProposedEntry, ToolContext


class ActivityItem(TypedDict):
    category: str
    count: int


def _checked(ctx: ToolContext, category: str, count: int, week, field: str = "") -> ProposedEntry:
    try:
        resolved = ctx.store.category_named(category)
        checked_count = validation.count(count)
        if checked_count < 1:
            raise InvalidInput("count", f"{checked_count} adds nothing", "1 or more")
    except InvalidInput as error:
        if field:
            raise InvalidInput(f"{field}.{error.field}", error.problem, error.allowed) from None
        raise
    return ProposedEntry(resolved.name, checked_count, week)


def _write_confirmed(ctx: ToolContext, proposals: list[ProposedEntry]) -> dict:
    confirmed = ctx.person.confirm_entries(proposals)
    logged = []
    for entry in confirmed:
        view = ctx.store.log_activity(entry.category, entry.count, entry.week, ctx.current_week,
                                      reference=entry.reference, note=entry.note, source="chat",
                                      message_id=ctx.last_user_message_id)
        logged.append(view)
    ctx.logged_entry_ids.extend(view.id for view in logged)
    declined = [p.describe() for p in proposals
                if (p.category, p.week) not in {(c.category, c.week) for c in confirmed}]
    return {"logged": [f"{v.count} x {v.category} in {v.week} (#{v.id})" for v in logged],
            "declined_by_person": declined,
            "note": "Only entries under 'logged' were saved." if declined or not logged else ""}


def _vocabulary(ctx: ToolContext) -> list[CategoryVocabulary]:
    return [CategoryVocabulary(view.name, view.synonyms, view.description)
            for view in ctx.store.list_categories()]


def propose_activities(ctx: ToolContext, activities: list[ActivityItem] | None = None) -> dict:
    """Propose entries for the week being checked in from what the person said; they confirm
    before anything is saved. Omit activities to extract them from their last message.

    Args:
        activities: items like {"category": "Code review", "count": 3}; names from list_categories.
    """
    chosen_week = ctx.chosen_week(None)
    if activities is None:
        found = extract_activities(ctx.last_user_text, _vocabulary(ctx))
        activities = [{"category": item.category, "count": item.count} for item in found]
    if not activities:
        return {"logged": [], "note": "No activities recognised; ask the person what they did."}
    proposals = [_checked(ctx, item["category"], item["count"], chosen_week, f"activities[{i}]")
                 for i, item in enumerate(activities)]
    merged: dict[str, ProposedEntry] = {}
    for proposal in proposals:  # one line per category, counts summed
        if proposal.category in merged:
            previous = merged[proposal.category]
            proposal = ProposedEntry(proposal.category, previous.count + proposal.count,
                                     chosen_week)
        merged[proposal.category] = proposal
    return _write_confirmed(ctx, list(merged.values()))


def log_activity(ctx: ToolContext, category: str, count: int, week: str | None = None,
                 reference: str | None = None) -> dict:
    """Log one activity after the person confirms it.

    Args:
        category: a category name or synonym from list_categories.
        count: how many times, a whole number of 1 or more.
        week: ISO week YYYY-Www; default the week being checked in.
        reference: optional link or id (PR, doc, ticket).
    """
    proposal = _checked(ctx, category, count, ctx.chosen_week(week))
    if reference:
        proposal = ProposedEntry(proposal.category, proposal.count, proposal.week,
                                 validation.text(reference, "reference", 300))
    return _write_confirmed(ctx, [proposal])


def undo_last(ctx: ToolContext) -> dict:
    """Remove the most recent entry logged, after the person confirms."""
    latest = ctx.store.entries(limit=1)
    if not latest:
        return {"undone": None, "note": "There is nothing to undo."}
    entry = latest[0]
    description = f"{entry.count} x {entry.category} in {entry.week} (#{entry.id})"
    if not ctx.person.confirm(f"Remove {description}?"):
        return {"undone": None, "note": "The person kept the entry."}
    ctx.store.undo_last()
    return {"undone": description}
