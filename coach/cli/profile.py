"""`init` and `profile`: who you are, at which role and level, from which week."""

from __future__ import annotations

import argparse

from perfmirror_core.errors import PerfMirrorError

from ..clock import this_week
from .common import open_store, print_json, week_or_this
from .registry import arg, command


# -- profile ---------------------------------------------------------------------------------


@command("init",
         arg("--role", required=True, help="IC, Manager, 'Senior Manager' or Director"),
         arg("--level", required=True, help="IC 1-8, Manager 4-8, Senior Manager 6-8, "
                                           "Director 7-8"),
         arg("--from", dest="from_week", help="first week of this role/level (YYYY-Www); "
                                              "default this week"),
         arg("--blank", action="store_true",
             help="no default categories or templates: bring your own"))
def cmd_init(args: argparse.Namespace) -> int:
    """Say who you are (role, level); the first time also installs the default framework."""
    from perfmirror_core import validation
    from perfmirror_core.frameworks import default_framework
    from perfmirror_core.store.paths import database_path

    from_week = validation.not_in_future(week_or_this(args.from_week, "from"), this_week(), "from")
    first_time = not database_path().exists() or not open_store().is_initialised()
    if first_time:
        # Checked against the defaults before the database exists: a refused init creates
        # nothing, rather than a database holding a framework and no profile.
        framework = default_framework()
        role = next((r for r in framework.roles if r.name == validation.role_name(
            args.role, [r.name for r in framework.roles])))
        validation.level(args.level, role.name, role.min_level, role.max_level)
    store = open_store(create=True)
    if first_time:
        store.seed_framework(framework, blank=args.blank)
    profile = store.set_profile(args.role, args.level, from_week, this_week())
    if first_time:
        extra = " (blank: add categories with `perfmirror category add`)" if args.blank else ""
        print(f"Initialised {store.path.parent} as {profile.role} L{profile.level}{extra}.")
    else:
        print(f"From {profile.from_week} you are {profile.role} L{profile.level}; "
              "earlier weeks keep their role and level.")
    return 0


@command("profile set",
         arg("--role", required=True), arg("--level", required=True),
         arg("--from", dest="from_week", help="YYYY-Www; default this week"))
def cmd_profile_set(args: argparse.Namespace) -> int:
    """Record a new role or level from a given week on (a promotion, a new job)."""
    store = open_store()
    if not store.is_initialised():
        raise PerfMirrorError("no profile yet: run `perfmirror init` first")
    profile = store.set_profile(args.role, args.level, week_or_this(args.from_week, "from"), this_week())
    print(f"From {profile.from_week} you are {profile.role} L{profile.level}.")
    return 0


@command("profile show", arg("--json", action="store_true"))
def cmd_profile_show(args: argparse.Namespace) -> int:
    """Your role and level over time."""
    history = open_store().profile_history()
    if args.json:
        print_json([{"role": p.role, "level": p.level, "from_week": str(p.from_week)}
                     for p in history])
    elif not history:
        print("No profile yet: run `perfmirror init --role IC --level 4`.")
    for position, profile in enumerate(history if not args.json else []):
        since = "the start" if position == 0 else profile.from_week
        print(f"{profile.role} L{profile.level} from {since}")
    return 0
