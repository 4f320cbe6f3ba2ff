"""``perfmirror import ...``: bring in work that already left a trace (commits, pull requests,
design docs, meetings, tickets) as entries, previewed before anything is written.

Without ``--yes`` an import is a preview; on a terminal it then asks. Re-running an import
never duplicates: entries are recognised by their reference. Importers load only inside these
commands, so ``--help`` stays fast.
"""

from __future__ import annotations

import argparse
import sys

from perfmirror_core.errors import InvalidInput
from perfmirror_core.text import plural

from .common import file_path, open_store, print_json
from .registry import arg, command
from ..clock import this_week

_COMMON = (
    arg("--since", help="YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www; default the last 12 weeks"),
    arg("--yes", action="store_true", help="log the new entries without asking"),
    arg("--json", action="store_true",
        help='print {"proposals": [...], "written": N, "skipped_duplicates": N}'),
)


def _these(count: int) -> str:
    """"this entry" or "these 4 entries": the preview's question reads as a person would ask it."""
    return "this entry" if count == 1 else f"these {count} entries"


def _input_path(text: str) -> str:
    """A path to read, checked at the entrance: not empty (which would mean "here"), printable
    UTF-8, and absolute, so an importer never mixes relative and absolute paths."""
    from pathlib import Path

    from perfmirror_core import validation

    return str(Path(validation.text(text, "path", 4096)).expanduser().absolute())


def _run(source: str, args: argparse.Namespace, **options) -> int:
    from ..importers.apply import FUTURE, NEW, plan_import, since_date, write_entries
    from ..importers.progress import ProgressBar
    from ..importers.registry import create

    path = options.get("path")
    if isinstance(path, str):
        options["path"] = _input_path(path)
    elif isinstance(path, list):
        options["path"] = [_input_path(item) for item in path]
    store = open_store()
    current = this_week()
    since = since_date(args.since, current)
    importer = create(source, **options)
    bar = ProgressBar(f"Reading {source}")
    importer.on_progress = bar
    try:
        plan = plan_import(store, importer, since, current)
    finally:
        bar.finish()
    new = plan.new
    if args.json:
        written = write_entries(store, new, current) if args.yes else []
        print_json(plan.as_dict(len(written)))
        return 0
    _print_reasoning(plan)
    for entry in plan.entries:
        if entry.status in (NEW, FUTURE):
            p = entry.proposal
            skipped = "  (future week: skipped)" if entry.status == FUTURE else ""
            print(f"  {p.week}  {p.count} x {p.category:<22} {p.reference}  "
                  f"{p.note}{skipped}")
    if not new:
        print("Nothing new to log.")
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            print(f"Preview only: nothing written. Add --yes to log {_these(len(new))}.")
            return 0
        answer = input(f"Log {_these(len(new))}? [y/N] ").strip().lower()
        if answer not in ("y", "yes"):
            print("Nothing logged.")
            return 0
    written = write_entries(store, new, current)
    print(f"Logged {plural(len(written), 'entry', 'entries')} from {plan.source}.")
    return 0


def _print_reasoning(plan) -> None:
    """Whose work was looked for, what was found by category, and what was left out and why."""
    from ..importers.apply import DUPLICATE

    from ..importers.rules import rules_note

    whose = f", looking for {plan.identity}" if plan.identity else ""
    print(f"{plan.source} since {plan.since}{whose}")
    print(f"  mapped by {rules_note()}")
    found = ", ".join(f"{count} x {category}" for category, count in plan.by_category().items())
    print(f"  {len(plan.new)} new{': ' + found if found else ''}; "
          f"{len(plan.with_status(DUPLICATE))} already imported.")
    for reason, count in sorted(plan.dropped.counts.items(), key=lambda item: -item[1]):
        examples = "; ".join(f'"{example}"' for example in plan.dropped.examples.get(reason, []))
        print(f"  left out, {reason}: {count}" + (f"  e.g. {examples}" if examples else ""))


@command("import git",
         arg("path", type=file_path, nargs="*", default=["."],
             help="folders inside git repositories (default: here)"),
         arg("--author-email", action="append", default=[],
             help="your commit email; may repeat (default: git config user.email)"),
         *_COMMON)
def cmd_import_git(args: argparse.Namespace) -> int:
    """Your commits, co-authored commits, self-merged pull requests and reviews named in
    trailers, from local repositories (each commit once, by SHA, across clones)."""
    return _run("git", args, path=args.path, author_email=args.author_email)


@command("import github",
         arg("--user", help="GitHub login (default: the token's owner)"),
         arg("--api-url", help="GitHub Enterprise's API, e.g. https://github.example.com/api/v3 "
                               "(default: https://api.github.com)"),
         *_COMMON)
def cmd_import_github(args: argparse.Namespace) -> int:
    """Pull requests merged, reviews given, issues closed as completed (token: GITHUB_TOKEN or
    gh); searches over GitHub's 1,000-result cap are split by date."""
    return _run("github", args, user=args.user, api_url=args.api_url)


@command("import docs",
         arg("path", type=file_path, help="a folder of markdown design docs, RFCs or ADRs"),
         arg("--author", action="append", default=[],
             help="your name or email as docs name you; may repeat (default: git config)"),
         *_COMMON)
def cmd_import_docs(args: argparse.Namespace) -> int:
    """Design docs, RFCs and ADRs you wrote (front matter or git history), as Outcome entries."""
    return _run("docs", args, path=args.path, author=args.author)


@command("import calendar",
         arg("path", type=file_path, help="an .ics export of your calendar"),
         arg("--tz", help="your time zone, e.g. Europe/Berlin (default: this machine's)"),
         arg("--me", help="your email as invitations name you, to leave out meetings you "
                          "declined (default: git config user.email)"),
         *_COMMON)
def cmd_import_calendar(args: argparse.Namespace) -> int:
    """1:1s, interviews, talks and team meetings from an .ics export, recurring ones expanded;
    meetings you declined, cancelled ones and unreadable series are left out and counted."""
    return _run("calendar", args, path=args.path, tz=args.tz, me=args.me)


@command("import csv",
         arg("path", type=file_path, help="a Jira or Linear CSV export of issues"),
         arg("--assignee", action="append", default=[],
             help="your name or email as the export shows it; may repeat (default: git config)"),
         *_COMMON)
def cmd_import_csv(args: argparse.Namespace) -> int:
    """Issues resolved by you from a Jira/Linear CSV: bugs fixed, stories and features shipped."""
    return _run("csv", args, path=args.path, assignee=args.assignee)


@command("import from",
         arg("name", help="an installed importer (entry point group perfmirror.importers)"),
         arg("path", type=file_path, nargs="?",
             help="what to import from, if the importer reads a path"),
         arg("--option", action="append", default=[], metavar="KEY=VALUE",
             help="an option of the importer; may repeat"),
         *_COMMON)
def cmd_import_from(args: argparse.Namespace) -> int:
    """Import with any importer by name, including ones installed by other packages."""
    options: dict[str, str] = {}
    for item in args.option:
        key, equals, value = item.partition("=")
        if not equals or not key.strip():
            raise InvalidInput("option", f"{item!r} is not KEY=VALUE", "e.g. --option user=me")
        options[key.strip().replace("-", "_")] = value
    return _run(args.name, args, path=args.path, **options)


@command("import rules",
         arg("--show", action="store_true", help="print your rules (the default)"),
         arg("--path", action="store_true", help="print where your rules file is"),
         arg("--reset", action="store_true", help="replace your rules with the shipped ones"))
def cmd_import_rules(args: argparse.Namespace) -> int:
    """The rules that map imported events to your categories; edit the file to change them."""
    from ..importers.rules import ensure_rules_file

    if sum((args.show, args.path, args.reset)) > 1:
        raise InvalidInput("import rules", "choose one of --show, --path, --reset")
    path = ensure_rules_file(reset=args.reset)
    if args.reset:
        print(f"Reset {path} to the shipped rules.")
    elif args.path:
        print(path)
    else:
        print(path.read_text("utf-8"), end="")
    return 0
