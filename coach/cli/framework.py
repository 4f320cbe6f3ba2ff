"""Your framework: categories, dimension weights, band targets and level expectations."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from perfmirror_core.errors import InvalidInput
from perfmirror_core.text import plural

from .common import current_profile, open_store, print_json, record_id
from .registry import arg, command

if TYPE_CHECKING:
    from perfmirror_core.store.repository import Store


# -- categories ------------------------------------------------------------------------------

_DIMENSION_HELP = "input|output|outcome|impact"


@command("category add",
         arg("name"),
         arg("--dimension", required=True, help=_DIMENSION_HELP),
         arg("--points", required=True, help="points per occurrence (fractions allowed)"),
         arg("--expected", metavar="WEEKLY_COUNT",
             help="expected count per week at your current role and level, e.g. 0.5"),
         arg("--description", default=""),
         arg("--synonym", action="append", default=[], help="another name; may repeat"))
def cmd_category_add(args: argparse.Namespace) -> int:
    """Add an activity category to track."""
    store = open_store()
    profile = current_profile(store) if args.expected is not None else None
    view = store.add_category(args.name, args.dimension, args.points,
                              description=args.description, synonyms=args.synonym,
                              expected=args.expected,
                              role=profile.role if profile else None,
                              level=profile.level if profile else None)
    expected = f", expected {view.expected_weekly:g}/week" if view.expected_weekly else ""
    print(f"Added {view.name} ({view.dimension}, {view.points:g} points{expected}).")
    return 0


@command("category list",
         arg("--all", action="store_true", help="include archived categories"),
         arg("--json", action="store_true"))
def cmd_category_list(args: argparse.Namespace) -> int:
    """Your categories with points and this level's expected weekly count."""
    store = open_store()
    profile = current_profile(store) if store.is_initialised() else None
    views = store.list_categories(profile.role if profile else None,
                                  profile.level if profile else None, include_archived=args.all)
    if args.json:
        print_json([{"name": v.name, "dimension": v.dimension, "points": v.points,
                      "expected_weekly": v.expected_weekly, "description": v.description,
                      "synonyms": list(v.synonyms), "archived": v.archived} for v in views])
        return 0
    from ..render import category_table

    category_table(views, profile)
    return 0


@command("category edit",
         arg("name"),
         arg("--name", dest="new_name", help="rename"),
         arg("--dimension", help=_DIMENSION_HELP),
         arg("--points"),
         arg("--expected", metavar="WEEKLY_COUNT",
             help="expected weekly count at your current role and level"),
         arg("--description"),
         arg("--synonym", action="append", default=[], help="add a synonym; may repeat"),
         arg("--remove-synonym", action="append", default=[]))
def cmd_category_edit(args: argparse.Namespace) -> int:
    """Change a category; its logged entries follow it."""
    store = open_store()
    profile = current_profile(store) if args.expected is not None else None
    view = store.edit_category(args.name, new_name=args.new_name, dimension=args.dimension,
                               points=args.points, description=args.description,
                               add_synonyms=args.synonym, remove_synonyms=args.remove_synonym,
                               expected=args.expected,
                               role=profile.role if profile else None,
                               level=profile.level if profile else None)
    print(f"Updated {view.name} ({view.dimension}, {view.points:g} points).")
    return 0


@command("category remove",
         arg("name"),
         arg("--archive", action="store_true",
             help="for a category with entries: hide it but keep its history"))
def cmd_category_remove(args: argparse.Namespace) -> int:
    """Remove a category that has no entries, or archive one that has."""
    name, kept = open_store().remove_category(args.name, archive=args.archive)
    print(f"Archived {name}; its {plural(kept, 'entry', 'entries')} still count." if kept
          else f"Removed {name}.")
    return 0


# -- weights, targets, expectations -----------------------------------------------------------


def _role_level(store: Store, args: argparse.Namespace) -> tuple[str, int | None]:
    """--role/--level if given, else the current profile's role and level."""
    if args.role is None:
        if args.level is not None:
            raise InvalidInput("role", "--level needs --role", "--role ROLE --level N")
        profile = current_profile(store)
        return profile.role, profile.level
    return store.check_role_level(args.role, args.level)


@command("weights set",
         arg("--input", required=True), arg("--output", required=True),
         arg("--outcome", required=True), arg("--impact", required=True),
         arg("--role", help="default: your current role"),
         arg("--level", help="default: your current level (with --role: the role's default)"))
def cmd_weights_set(args: argparse.Namespace) -> int:
    """Set the four dimension weights (they must sum to 1)."""
    from perfmirror_core import validation

    weights = validation.weights(args.input, args.output, args.outcome, args.impact)
    store = open_store()
    role, level = _role_level(store, args)
    store.set_weights(weights, role, level)
    where = f"{role} L{level}" if level is not None else f"{role} (all levels)"
    print(f"Weights for {where}: input {weights.input:g}, output {weights.output:g}, "
          f"outcome {weights.outcome:g}, impact {weights.impact:g}.")
    return 0


@command("weights show", arg("--json", action="store_true"))
def cmd_weights_show(args: argparse.Namespace) -> int:
    """All weight rows (a level row overrides its role's default)."""
    rows = open_store().weights()
    payload = [{"role": r.role, "level": r.level, "input": r.input, "output": r.output,
                "outcome": r.outcome, "impact": r.impact} for r in rows]
    if args.json:
        print_json(payload)
        return 0
    for row in payload:
        level = f"L{row['level']}" if row["level"] is not None else "all"
        print(f"{row['role']:<15} {level:<4} input {row['input']:.2f}  output {row['output']:.2f}"
              f"  outcome {row['outcome']:.2f}  impact {row['impact']:.2f}")
    return 0


@command("target set",
         arg("--outstanding", default="1.50"), arg("--strong", default="1.15"),
         arg("--meeting", default="0.85"), arg("--partially", default="0.70"),
         arg("--weeks", default="12", help="period length in weeks (1-52)"),
         arg("--role", help="default: every role"), arg("--level"))
def cmd_target_set(args: argparse.Namespace) -> int:
    """Set band thresholds (ratios of actual to expected) and the period length."""
    from perfmirror_core import validation

    thresholds = validation.thresholds(args.outstanding, args.strong, args.meeting,
                                       args.partially)
    weeks = validation.period_weeks(args.weeks)
    if args.level is not None and args.role is None:
        raise InvalidInput("role", "--level needs --role", "--role ROLE --level N")
    store = open_store()
    store.set_target(thresholds, weeks, args.role, args.level)
    scope = args.role or "every role"
    print(f"Target for {scope}{f' L{args.level}' if args.level else ''}: Outstanding >= "
          f"{thresholds.outstanding:g}, Strong >= {thresholds.strong:g}, Meeting >= "
          f"{thresholds.meeting:g}, Partially >= {thresholds.partially:g}, over {weeks} weeks.")
    return 0


@command("target show", arg("--json", action="store_true"))
def cmd_target_show(args: argparse.Namespace) -> int:
    """The band thresholds and period lengths in force (most specific row wins)."""
    rows = [{"role": t.role, "level": t.level, "outstanding": t.outstanding, "strong": t.strong,
             "meeting": t.meeting, "partially": t.partially, "period_weeks": t.period_weeks}
            for t in open_store().targets()]
    if args.json:
        print_json(rows)
        return 0
    for row in rows:
        scope = f"{row['role'] or 'every role'}{' L' + str(row['level']) if row['level'] else ''}"
        print(f"{scope}: {row['outstanding']:g} / {row['strong']:g} / {row['meeting']:g} / "
              f"{row['partially']:g} over {row['period_weeks']} weeks")
    return 0


@command("expectations list",
         arg("--role"), arg("--level"), arg("--json", action="store_true"))
def cmd_expectations_list(args: argparse.Namespace) -> int:
    """Plain-language expectations for your level and the next (or --role/--level)."""
    store = open_store()
    role, level = _role_level(store, args)
    if level is None:
        raise InvalidInput("level", "needed with --role", "--role ROLE --level N")
    levels = [level, level + 1] if args.role is None else [level]
    payload = [{"id": row.id, "role": row.role, "level": row.level, "text": row.text}
               for each in levels for row in store.list_expectations(role, each)]
    if args.json:
        print_json(payload)
        return 0
    for row in payload:
        print(f"#{row['id']:<4} {row['role']} L{row['level']}: {row['text']}")
    return 0


@command("expectations add",
         arg("text"), arg("--role"), arg("--level"),
         arg("--category", action="append", default=[],
             help="a category whose activity evidences it; may repeat (default: by keywords)"))
def cmd_expectations_add(args: argparse.Namespace) -> int:
    """Add an expectation for a level (default: your current one)."""
    store = open_store()
    role, level = _role_level(store, args)
    if level is None:
        raise InvalidInput("level", "needed with --role", "--role ROLE --level N")
    row = store.add_expectation(role, level, args.text, args.category)
    print(f"Added #{row.id} for {row.role} L{row.level}: {row.text}")
    return 0


@command("expectations edit",
         arg("id", type=record_id), arg("text", nargs="?"),
         arg("--category", action="append", help="replace the evidence categories; may repeat"))
def cmd_expectations_edit(args: argparse.Namespace) -> int:
    """Reword an expectation or change which categories evidence it."""
    row = open_store().edit_expectation(args.id, args.text, args.category)
    print(f"Updated #{row.id}: {row.text}")
    return 0


@command("expectations remove", arg("id", type=record_id))
def cmd_expectations_remove(args: argparse.Namespace) -> int:
    """Remove an expectation by id."""
    text = open_store().remove_expectation(args.id)
    print(f"Removed #{args.id}: {text}")
    return 0
