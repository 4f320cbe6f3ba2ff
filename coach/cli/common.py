"""What every command module shares: opening the store, reading a week or a period, printing
JSON. Nothing here registers a command, so any command module may import it without a cycle."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from perfmirror_core.weeks import IsoWeek, parse_week

from ..clock import this_week

if TYPE_CHECKING:
    from perfmirror_core.scoring import ProfileChange
    from perfmirror_core.store.repository import Store


def window_arguments() -> tuple[tuple[tuple[str, ...], dict], ...]:
    """``--as-of``, ``--weeks`` and ``--json``, worded the same for every command that reads a
    window (status, forecast, warnings, loops, recommend, insights): one window vocabulary."""
    from .registry import arg

    return (arg("--as-of", help="the window ends with this week (YYYY-Www); default this week"),
            arg("--weeks", help="window length in weeks; default your target's period (12)"),
            arg("--json", action="store_true", help="one JSON object, numbers unrounded"))


def record_id(text: str) -> int:
    """An argparse type for ids: a whole number SQLite can hold, so 2**64 is a usage error
    (one line, exit 2) rather than an OverflowError deep in the database driver."""
    from perfmirror_core import validation

    return validation.whole_number(text, "id", 1, validation.MAX_ID)


def file_path(text: str) -> str:
    """An argparse type for every path argument: the operating system cannot name a file with a
    NUL byte, so refuse it as a usage error (one line, exit 2) before anything is opened."""
    if "\x00" in text:
        raise argparse.ArgumentTypeError("a path cannot contain a NUL byte")
    return text


def week_or_this(text: str | None, field: str = "week") -> IsoWeek:
    return this_week() if text is None else parse_week(text, field)


def as_of_period(args: argparse.Namespace) -> tuple[IsoWeek, int | None]:
    """``--as-of`` (default this week, never the future) and ``--weeks`` (default: target)."""
    from perfmirror_core import validation

    as_of = validation.not_in_future(week_or_this(args.as_of, "as-of"), this_week(), "as-of")
    weeks = None if args.weeks is None else validation.period_weeks(args.weeks)
    return as_of, weeks


def open_store(create: bool = False) -> Store:
    """The person's database; only ``init`` creates one, every other command needs it there."""
    from perfmirror_core.store.repository import Store

    return Store(create=create)


def current_profile(store: Store, week: IsoWeek | None = None) -> ProfileChange:
    return store.profile_in(week or this_week())


def print_json(payload: object) -> None:
    print(json.dumps(payload, indent=2, ensure_ascii=False))
