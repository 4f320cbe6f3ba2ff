"""Tools that propose, log and undo activity entries. Every write is confirmed by the person."""

from __future__ import annotations

from typing import TypedDict

from perfmirror_core import validation
from perfmirror_core.errors import InvalidInput
from perfmirror_core.extract import (PHRASE_JOIN, CategoryVocabulary, extract_activities,
                                     find_reference)

from perfmirror_core.listmarkers import without_list_marker
from perfmirror_core.store.activity import EntryView

from .context import ProposedEntry, ToolContext


NOTE_LENGTH = 2000


def in_their_words(text: str, phrase: str) -> str:
    """The person's own words for an item: the stretch of ``text`` from its first span to its
    last ("ran sprint planning and the retro"), not the spans the extractor joined ("ran
    sprint planning; the retro"). Falls back to the phrase if a span is not found in order."""
    start = end = -1
    for span in (piece for piece in phrase.split(PHRASE_JOIN) if piece):
        found = text.find(span, max(end, 0))
        if found < 0:
            return without_list_marker(phrase)
        start = found if start < 0 else start
        end = found + len(span)
    return without_list_marker(text[start:end] if start >= 0 else phrase)




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


def vocabulary(ctx: ToolContext) -> list[CategoryVocabulary]:
    """The person's categories as the extractor reads them."""
    return [CategoryVocabulary(view.name, view.synonyms, view.description)
            for view in ctx.store.list_categories()]


def propose_activities(ctx: ToolContext, activities: list[ActivityItem] | None = None) -> dict:
    """Propose entries for the week being checked in from what the person said; they confirm
    before anything is saved. perf-mirror reads their last message itself; add activities only
    for work it may miss.

    Args:
        activities: extra items like {"category": "Code review", "count": 3}; names from
            list_categories.
    """
    chosen_week = ctx.chosen_week(None)
    found = extract_activities(ctx.last_user_text, vocabulary(ctx))
    # The deterministic extractor proposes; the model may add categories it missed, never
    # replace what the extractor read (nor skip it by sending an empty list).
    added = [_checked(ctx, item["category"], item["count"], chosen_week, f"activities[{i}]")
             for i, item in enumerate(activities or [])]
    proposals = [_checked(ctx, item.category, item.count, chosen_week) for item in found]
    extracted = {proposal.category for proposal in proposals}
    proposals += [proposal for proposal in added if proposal.category not in extracted]
    if not proposals:
        return {"logged": [], "note": "No activities recognised; nothing was logged. Ask the "
                                      "person what they did."}
    counts: dict[str, int] = {}
    for proposal in proposals:  # one line per category, counts summed
        counts[proposal.category] = counts.get(proposal.category, 0) + proposal.count
    # The person's own words go with each entry: the clause the extractor read it from, or
    # their whole message when the model named a category the extractor did not see.
    phrases = {item.category: in_their_words(ctx.last_user_text, item.phrase) for item in found}
    merged = []
    for category, count in counts.items():
        words = phrases.get(category) or ctx.last_user_text.strip()
        merged.append(ProposedEntry(category, count, chosen_week, find_reference(words),
                                    validation.text(words, "note", NOTE_LENGTH) if words
                                    else None))
    repeated = already_logged(ctx, merged)
    if not repeated:
        return _write_confirmed(ctx, merged)
    said = "; ".join(f"{entry.count} x {entry.category} (#{entry.id})" for entry in repeated)
    ctx.person.problem(f"Already logged in {chosen_week} from these same words: {said}. Not "
                       "proposed again; if it happened twice, say so or use `perfmirror log`.")
    fresh = [p for p in merged if not any(_same_words(entry, p) for entry in repeated)]
    result = _write_confirmed(ctx, fresh) if fresh else {
        "logged": [], "note": f"Everything in that message is already logged for {chosen_week}; "
                              "nothing new was logged."}
    result["already_logged"] = [f"{e.count} x {e.category} in {e.week} (#{e.id})" for e in repeated]
    return result


def _same_words(entry: EntryView, proposal: ProposedEntry) -> bool:
    return entry.category == proposal.category and bool(proposal.note) and \
        (entry.note or "").strip().lower() == (proposal.note or "").strip().lower()


def already_logged(ctx: ToolContext, proposals: list[ProposedEntry]) -> list[EntryView]:
    """Entries of the same week already logged from the same words for the same category.

    Why: a person who sends the same check-in twice (unsure the first one saved, or pasting
    their notes again) would double every count, and doubled counts move the band. The same
    words for the same work in the same week are one piece of work; a second occurrence is
    said in other words ("two more 1:1s") or logged with `perfmirror log`."""
    weeks = {proposal.week for proposal in proposals}
    logged = [entry for week in weeks for entry in ctx.store.entries(week=week)]
    return [entry for entry in logged
            if any(entry.week == str(p.week) and _same_words(entry, p) for p in proposals)]


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
