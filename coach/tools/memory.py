"""Tools over the career memory: record what the person tells about their career (confirmed
first, like every write) and recall it, so advice is grounded in their own history."""

from __future__ import annotations

from perfmirror_core import validation

from .context import ToolContext


def _stored_fields(fields: dict) -> str:
    """Every field the record will keep besides its text, for the confirmation."""
    when = fields.get("when") or fields.get("start")
    if fields.get("start") and fields.get("end"):
        when = f"{fields['start']} to {fields['end']}"
    shown = [str(value) for value in (when, fields.get("org"), fields.get("title")) if value]
    return f" ({', '.join(shown)})" if shown else ""


def _confirmed_add(ctx: ToolContext, kind: str, text: str, **fields) -> dict:
    clean = validation.text(text, "text", 4000)
    for name in ("when", "start", "end", "resolved"):
        if fields.get(name):
            fields[name] = validation.year_month(fields[name], name)
    if not ctx.person.confirm(f"Remember this {kind}{_stored_fields(fields)}: \"{clean}\"?"):
        return {"saved": None, "note": "The person chose not to save it."}
    record = ctx.memory().add(kind, clean, **fields)
    return {"saved": f"#{record.id}", "kind": kind}


def record_job(ctx: ToolContext, org: str, title: str, start: str | None = None,
               end: str | None = None, summary: str | None = None) -> dict:
    """Remember a job the person had or has (after they confirm).

    Args:
        org: the organisation.
        title: their title there.
        start: when it started, YYYY or YYYY-MM.
        end: when it ended, YYYY or YYYY-MM; omit if current.
        summary: what the role was, in their words.
    """
    return _confirmed_add(ctx, "job", summary or f"{title} at {org}", org=org, title=title,
                          start=start, end=end)


def record_accomplishment(ctx: ToolContext, text: str, when: str | None = None,
                          org: str | None = None) -> dict:
    """Remember something the person achieved (after they confirm).

    Args:
        text: the accomplishment in their words.
        when: YYYY or YYYY-MM.
        org: where.
    """
    return _confirmed_add(ctx, "accomplishment", text, when=when, org=org)


def record_struggle(ctx: ToolContext, text: str, when: str | None = None,
                    org: str | None = None) -> dict:
    """Remember something the person struggled with (after they confirm).

    Args:
        text: the struggle in their words.
        when: when they noticed it, YYYY or YYYY-MM.
        org: where.
    """
    return _confirmed_add(ctx, "struggle", text, when=when, org=org)


def resolve_struggle(ctx: ToolContext, id: int, resolution: str,
                     resolved: str | None = None) -> dict:
    """Record how a struggle was resolved (after the person confirms).

    Args:
        id: the struggle's id, as cited [#id].
        resolution: what resolved it, in their words.
        resolved: when, YYYY or YYYY-MM.
    """
    from perfmirror_core.errors import InvalidInput

    record = ctx.memory().records.get(id)
    if record.kind != "struggle":
        raise InvalidInput("id", f"#{id} is a {record.kind}, not a struggle",
                           "the id of a struggle")
    clean = validation.text(resolution, "resolution", 2000)
    when = validation.year_month(resolved, "resolved") if resolved else None
    if not ctx.person.confirm(f"Mark struggle #{id} resolved{f' in {when}' if when else ''}: "
                              f"\"{clean}\"?"):
        return {"saved": None, "note": "The person chose not to save it."}
    ctx.memory().edit(id, resolution=clean, resolved=when)
    return {"saved": f"#{id}", "resolved": when}


def recall_history(ctx: ToolContext, query: str, k: int = 4) -> dict:
    """Search the person's career memory (jobs, accomplishments, struggles, reflections).
    Cite what you use as [#id].

    Args:
        query: what to look for, in plain words.
        k: how many records, 1-8.
    """
    from perfmirror_core.errors import InvalidInput

    if not 1 <= k <= 8:
        raise InvalidInput("k", f"{k} is out of range", "1 to 8")
    found = ctx.shared_recollections(validation.text(query, "query", 500), k)
    ctx.cited_record_ids.extend(r.record.id for r in found
                                if r.record.id not in ctx.cited_record_ids)
    return {"records": [{"id": f"#{r.record.id}", "kind": r.record.kind, "when": r.record.when,
                         "org": r.record.org, "text": r.record.text,
                         **({"resolution": r.record.resolution} if r.record.resolution else {})}
                        for r in found]}
