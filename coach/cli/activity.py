"""Logging work: `log`, `undo` and `entries`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from perfmirror_core.weeks import parse_week

from ..clock import this_week
from .common import open_store, print_json, week_or_this
from .registry import arg, command

if TYPE_CHECKING:
    from perfmirror_core.store.activity import ActivityStore


def _activity() -> ActivityStore:
    """The activity part of the store alone: ``log`` and ``undo`` touch nothing else, and the
    rest of ``Store`` (scoring, warnings, the chat log) costs more to import than the write."""
    from perfmirror_core.store.activity import ActivityStore

    return ActivityStore(create=False)


# -- activity --------------------------------------------------------------------------------


@command("log",
         arg("category", help="name or synonym, any case"),
         arg("count", help="how many times this week (a whole number)"),
         arg("--week", help="YYYY-Www; default this week (past weeks welcome)"),
         arg("--override", help="score this entry with these points instead of count x points"),
         arg("--ref", help="a link or id: PR, doc, ticket"),
         arg("--note"))
def cmd_log(args: argparse.Namespace) -> int:
    """Log an activity."""
    entry = _activity().log_activity(args.category, args.count, week_or_this(args.week),
                                     this_week(), override=args.override, reference=args.ref,
                                     note=args.note)
    override = f" (override {entry.override_score:g} points)" if entry.override_score is not None \
        else ""
    print(f"Logged {entry.count} x {entry.category} in {entry.week}{override} [#{entry.id}].")
    return 0


@command("undo")
def cmd_undo(args: argparse.Namespace) -> int:
    """Remove the last entry you logged."""
    entry = _activity().undo_last()
    if entry is None:
        print("Nothing to undo.")
    else:
        print(f"Removed #{entry.id}: {entry.count} x {entry.category} in {entry.week}.")
    return 0


@command("entries",
         arg("--week", help="only this week (YYYY-Www)"),
         arg("--limit", default="20", help="how many, newest first (default 20)"), arg("--json", action="store_true"))
def cmd_entries(args: argparse.Namespace) -> int:
    """Your latest entries, newest first."""
    from perfmirror_core import validation

    limit = validation.whole_number(args.limit, "limit", 1, validation.MAX_COUNT)
    entries = open_store().entries(parse_week(args.week) if args.week else None, limit)
    if args.json:
        print_json([entry.__dict__ for entry in entries])
        return 0
    from ..render import entry_line

    for entry in entries:
        print(entry_line(entry))
    return 0
