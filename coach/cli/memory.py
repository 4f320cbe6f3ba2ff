"""``perfmirror history ...`` and ``perfmirror memory reindex``: the career memory from the CLI.

chromadb and the embedding model load only inside these commands (they cost ~1-2 s).
"""

from __future__ import annotations

import argparse
import sys

from .common import open_store, print_json, record_id
from .registry import arg, command

_KINDS = "job|accomplishment|struggle|reflection"


def open_memory():
    from perfmirror_core.store.base import StoreBase
    from perfmirror_core.store.paths import data_home

    from ..memory.service import CareerMemory

    return CareerMemory(StoreBase(create=False), data_home())


def _say_notes(memory) -> None:
    """After the command: a fallback embedder in use, or a saved record whose index update has
    to wait (it is saved either way)."""
    if memory.notice:
        print(memory.notice, file=sys.stderr)
    if memory.problem:
        print(f"perfmirror: note: {memory.problem}", file=sys.stderr)


def _record_line(record) -> str:
    context = ", ".join(part for part in (record.when, record.org, record.title) if part)
    extra = ""
    if record.kind == "struggle":
        extra = f"  [resolved {record.resolved}]" if record.resolved else "  [open]"
    return f"#{record.id:<4} {record.kind:<14} {context:<28} {record.text}{extra}"


@command("history add",
         arg("text", help="in your own words"),
         arg("--kind", required=True, help=_KINDS),
         arg("--when", help="YYYY or YYYY-MM"),
         arg("--org", help="organisation"), arg("--title", help="your title there"),
         arg("--job", type=record_id, help="id of the job this belongs to"),
         arg("--start", help="job start, YYYY[-MM]"), arg("--end", help="job end, YYYY[-MM]"),
         arg("--tag", action="append", default=[], help="may repeat"),
         arg("--resolved", help="struggle: when it was resolved, YYYY[-MM]"),
         arg("--resolution", help="struggle: how it was resolved"),
         arg("--private", action="store_true", help="never included in exports unless asked"))
def cmd_history_add(args: argparse.Namespace) -> int:
    """Remember a job, an accomplishment, a struggle or a reflection."""
    memory = open_memory()
    record = memory.add(args.kind, args.text, when=args.when, org=args.org, title=args.title,
                        job_id=args.job, start=args.start, end=args.end, tags=args.tag,
                        resolved=args.resolved, resolution=args.resolution,
                        private=args.private)
    _say_notes(memory)
    print(f"Remembered #{record.id} ({record.kind}).")
    return 0


@command("history list",
         arg("--kind", help=_KINDS), arg("--json", action="store_true"))
def cmd_history_list(args: argparse.Namespace) -> int:
    """Your career records, oldest first."""
    records = open_store().career.all(args.kind)  # no index needed to list
    if args.json:
        print_json({"records": [record.as_dict() for record in records]})
        return 0
    if not records:
        print("No career records yet: `perfmirror history add --kind job --org Acme "
              "--when 2021 \"Backend engineer on payments\"`.")
    for record in records:
        print(_record_line(record))
    return 0


@command("history edit",
         arg("id", type=record_id), arg("--text"), arg("--kind", help=_KINDS), arg("--when"),
         arg("--org"), arg("--title"), arg("--start"), arg("--end"),
         arg("--tag", action="append", help="replaces the tags; may repeat"),
         arg("--resolved"), arg("--resolution"))
def cmd_history_edit(args: argparse.Namespace) -> int:
    """Change a record; the index follows in the same command."""
    memory = open_memory()
    record = memory.edit(args.id, text=args.text, kind=args.kind, when=args.when, org=args.org,
                         title=args.title, start=args.start, end=args.end, tags=args.tag,
                         resolved=args.resolved, resolution=args.resolution)
    _say_notes(memory)
    print(f"Updated #{record.id}.")
    return 0


@command("history remove", arg("id", type=record_id))
def cmd_history_remove(args: argparse.Namespace) -> int:
    """Forget a record (from SQLite and the index)."""
    memory = open_memory()
    record = memory.remove(args.id)
    _say_notes(memory)
    print(f"Removed #{record.id} ({record.kind}).")
    return 0


@command("history search",
         arg("query"), arg("--k", type=int, default=5, help="how many results (default 5)"),
         arg("--kind", help=_KINDS), arg("--json", action="store_true"))
def cmd_history_search(args: argparse.Namespace) -> int:
    """Find what you remember about something, best match first."""
    from perfmirror_core import validation
    from perfmirror_core.errors import InvalidInput

    if not 1 <= args.k <= 50:
        raise InvalidInput("k", f"{args.k} is out of range", "1 to 50")
    kinds = [validation.career_kind(args.kind)] if args.kind else None
    query = validation.text(args.query, "query", 500)
    memory = open_memory()
    found = memory.search(query, k=args.k, kinds=kinds)
    _say_notes(memory)
    if args.json:
        print_json({"results": [{"id": r.record.id, "kind": r.record.kind,
                                  "when": r.record.when, "text": r.record.text,
                                  "score": r.score} for r in found]})
        return 0
    if not found:
        print("Nothing found.")
    for recollection in found:
        print(f"{recollection.score:.2f}  {_record_line(recollection.record)}")
    return 0


@command("memory reindex")
def cmd_memory_reindex(args: argparse.Namespace) -> int:
    """Rebuild the vector index from your SQLite records."""
    memory = open_memory()
    count = memory.reindex()
    _say_notes(memory)
    print(f"Reindexed {count} career records.")
    return 0
