"""The coach's door to importers: propose entries from a source, write only what the person
confirms.

Imported text (commit messages, PR titles, meeting names) is data. It goes to the person in the
confirmation and into entry notes, never back to the model, so nothing in a title can steer the
coach: the model sees only counts per category and week.
"""

from __future__ import annotations

from collections import Counter

from coach.importers.apply import DUPLICATE, FUTURE, plan_import, since_date, write_entries
from coach.importers.base import ImportProposal
from coach.importers.registry import create

from perfmirror_core.errors import InvalidInput, PerfMirrorError

from .context import ProposedEntry, ToolContext


def _withheld(ctx: ToolContext, source: str, error: PerfMirrorError) -> PerfMirrorError:
    """The person reads the whole reason; the model only learns that the import stopped and
    where, because the reason can quote the imported data (a CSV cell, a front-matter date)."""
    ctx.person.problem(f"The {source} import stopped: {error}")
    where = f" (in its {error.field})" if isinstance(error, InvalidInput) else ""
    return PerfMirrorError(f"the {source} import stopped{where}; nothing was logged. The person "
                           "has been shown why; the details quote their data, so they are not "
                           "repeated here. Ask them to fix the source or the import rules.")


def run_import(ctx: ToolContext, source: str, path: str | None = None,
               since: str | None = None) -> dict:
    """Import the person's work from a source: commits, pull requests, design docs, meetings or
    tickets. The person sees every proposed entry and confirms before anything is saved;
    entries imported before are skipped.

    Args:
        source: git, github, docs, calendar or csv (or an installed importer's name).
        path: the repository folder, docs folder, .ics or .csv file; github needs none.
        since: YYYY-MM-DD or YYYY-Www; default the last 12 weeks.
    """
    importer = create(source, **({"path": path} if path is not None else {}))
    start = since_date(since, ctx.current_week)
    try:
        plan = plan_import(ctx.store, importer, start, ctx.current_week)
    except PerfMirrorError as error:
        raise _withheld(ctx, importer.name, error) from None
    skipped = {"skipped_duplicates": len(plan.with_status(DUPLICATE)),
               "skipped_future_weeks": len(plan.with_status(FUTURE))}
    proposals = [ProposedEntry(p.category, p.count, p.week, p.reference, p.note)
                 for p in plan.new]
    if not proposals:
        return {"source": plan.source, "logged": 0, **skipped,
                "note": "Nothing new to import."}
    confirmed = ctx.person.confirm_entries(proposals)
    views = write_entries(ctx.store, [ImportProposal(e.category, e.count, e.week,
                                                     e.reference or "", e.note or "")
                                      for e in confirmed], ctx.current_week)
    ctx.logged_entry_ids.extend(view.id for view in views)
    logged = Counter((view.category, view.week) for view in views)
    return {"source": plan.source, "proposed": len(proposals), "logged": len(views),
            "declined_by_person": len(proposals) - len(confirmed), **skipped,
            "logged_by_week": [f"{count} x {category} in {week}"
                               for (category, week), count in sorted(logged.items(),
                                                                     key=lambda i: i[0][::-1])],
            "note": "Only the entries counted under 'logged' were saved."}
