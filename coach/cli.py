"""The ``perfmirror`` command: every subcommand is a ``cmd_*`` function registered with ``@command``.

Each function's docstring is its help. Errors the person can act on (``PerfMirrorError``) are
caught once, in ``main``, and become one line on stderr with exit code 2; nothing is written when
they happen. Heavy modules (SQLModel for writes, rich for the card, litellm for chat) are imported
inside the commands that need them, so ``status --json`` and ``--help`` start fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from typing import Callable, Sequence

from perfmirror_core.errors import InvalidInput, PerfMirrorError
from perfmirror_core.weeks import IsoWeek, parse_week

from .clock import this_week

Handler = Callable[[argparse.Namespace], int]


@dataclass(frozen=True)
class Command:
    name: str  # "status" or "category add"
    handler: Handler
    arguments: tuple[tuple[tuple[str, ...], dict], ...]


COMMANDS: list[Command] = []


def arg(*flags: str, **options) -> tuple[tuple[str, ...], dict]:
    return flags, options


def command(name: str, *arguments: tuple[tuple[str, ...], dict]) -> Callable[[Handler], Handler]:
    """Register ``cmd_*`` as the subcommand ``name``; its docstring becomes the help."""

    def register(handler: Handler) -> Handler:
        COMMANDS.append(Command(name, handler, arguments))
        return handler

    return register


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (exit 2), like every other error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def record_id(text: str) -> int:
    """An argparse type for ids: a whole number SQLite can hold, so 2**64 is a usage error
    (one line, exit 2) rather than an OverflowError deep in the database driver."""
    from perfmirror_core import validation

    return validation.whole_number(text, "id", 1, validation.MAX_ID)


def _week(text: str | None, field: str = "week") -> IsoWeek:
    return this_week() if text is None else parse_week(text, field)


def _period(args: argparse.Namespace) -> tuple[IsoWeek, int | None]:
    """``--as-of`` (default this week, never the future) and ``--weeks`` (default: target)."""
    from perfmirror_core import validation

    as_of = validation.not_in_future(_week(args.as_of, "as-of"), this_week(), "as-of")
    weeks = None if args.weeks is None else validation.period_weeks(args.weeks)
    return as_of, weeks


def _store(create: bool = False):
    """The person's database; only ``init`` creates one, every other command needs it there."""
    from perfmirror_core.store.repository import Store

    return Store(create=create)


def _profile(store, week: IsoWeek | None = None):
    return store.profile_in(week or this_week())


def _print_json(payload: object) -> None:
    print(json.dumps(payload, indent=2, ensure_ascii=False))


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

    from_week = validation.not_in_future(_week(args.from_week, "from"), this_week(), "from")
    first_time = not database_path().exists() or not _store().is_initialised()
    if first_time:
        # Checked against the defaults before the database exists: a refused init creates
        # nothing, rather than a database holding a framework and no profile.
        framework = default_framework()
        role = next((r for r in framework.roles if r.name == validation.role_name(
            args.role, [r.name for r in framework.roles])))
        validation.level(args.level, role.name, role.min_level, role.max_level)
    store = _store(create=True)
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
    store = _store()
    if not store.is_initialised():
        raise PerfMirrorError("no profile yet: run `perfmirror init` first")
    profile = store.set_profile(args.role, args.level, _week(args.from_week, "from"), this_week())
    print(f"From {profile.from_week} you are {profile.role} L{profile.level}.")
    return 0


@command("profile show", arg("--json", action="store_true"))
def cmd_profile_show(args: argparse.Namespace) -> int:
    """Your role and level over time."""
    history = _store().profile_history()
    if args.json:
        _print_json([{"role": p.role, "level": p.level, "from_week": p.from_week}
                     for p in history])
    elif not history:
        print("No profile yet: run `perfmirror init --role IC --level 4`.")
    for position, profile in enumerate(history if not args.json else []):
        since = "the start" if position == 0 else profile.from_week
        print(f"{profile.role} L{profile.level} from {since}")
    return 0


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
    store = _store()
    profile = _profile(store) if args.expected is not None else None
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
    store = _store()
    profile = _profile(store) if store.is_initialised() else None
    views = store.list_categories(profile.role if profile else None,
                                  profile.level if profile else None, include_archived=args.all)
    if args.json:
        _print_json([{"name": v.name, "dimension": v.dimension, "points": v.points,
                      "expected_weekly": v.expected_weekly, "description": v.description,
                      "synonyms": list(v.synonyms), "archived": v.archived} for v in views])
        return 0
    from .render import category_table

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
    store = _store()
    profile = _profile(store) if args.expected is not None else None
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
    name, kept = _store().remove_category(args.name, archive=args.archive)
    print(f"Archived {name}; its {kept} entries still count." if kept else f"Removed {name}.")
    return 0


# -- weights, targets, expectations -----------------------------------------------------------


def _role_level(store, args: argparse.Namespace) -> tuple[str, int | None]:
    """--role/--level if given, else the current profile's role and level."""
    if args.role is None:
        if args.level is not None:
            raise InvalidInput("role", "--level needs --role", "--role ROLE --level N")
        profile = _profile(store)
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
    store = _store()
    role, level = _role_level(store, args)
    store.set_weights(weights, role, level)
    where = f"{role} L{level}" if level is not None else f"{role} (all levels)"
    print(f"Weights for {where}: input {weights.input:g}, output {weights.output:g}, "
          f"outcome {weights.outcome:g}, impact {weights.impact:g}.")
    return 0


@command("weights show", arg("--json", action="store_true"))
def cmd_weights_show(args: argparse.Namespace) -> int:
    """All weight rows (a level row overrides its role's default)."""
    rows = _store().weights()
    payload = [{"role": r.role, "level": r.level, "input": r.input, "output": r.output,
                "outcome": r.outcome, "impact": r.impact} for r in rows]
    if args.json:
        _print_json(payload)
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
    store = _store()
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
            for t in _store().targets()]
    if args.json:
        _print_json(rows)
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
    store = _store()
    role, level = _role_level(store, args)
    if level is None:
        raise InvalidInput("level", "needed with --role", "--role ROLE --level N")
    levels = [level, level + 1] if args.role is None else [level]
    payload = [{"id": row.id, "role": row.role, "level": row.level, "text": row.text}
               for each in levels for row in store.list_expectations(role, each)]
    if args.json:
        _print_json(payload)
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
    store = _store()
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
    row = _store().edit_expectation(args.id, args.text, args.category)
    print(f"Updated #{row.id}: {row.text}")
    return 0


@command("expectations remove", arg("id", type=record_id))
def cmd_expectations_remove(args: argparse.Namespace) -> int:
    """Remove an expectation by id."""
    text = _store().remove_expectation(args.id)
    print(f"Removed #{args.id}: {text}")
    return 0


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
    entry = _store().log_activity(args.category, args.count, _week(args.week), this_week(),
                                  override=args.override, reference=args.ref, note=args.note)
    override = f" (override {entry.override_score:g} points)" if entry.override_score is not None \
        else ""
    print(f"Logged {entry.count} x {entry.category} in {entry.week}{override} [#{entry.id}].")
    return 0


@command("undo")
def cmd_undo(args: argparse.Namespace) -> int:
    """Remove the last entry you logged."""
    entry = _store().undo_last()
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
    entries = _store().entries(parse_week(args.week) if args.week else None, limit)
    if args.json:
        _print_json([entry.__dict__ for entry in entries])
        return 0
    from .render import entry_line

    for entry in entries:
        print(entry_line(entry))
    return 0


@command("status",
         arg("--as-of", help="score the period ending with this week (YYYY-Www); default now"),
         arg("--weeks", help="period length; default from your target (12)"),
         arg("--json", action="store_true", help="one JSON object, numbers unrounded"))
def cmd_status(args: argparse.Namespace) -> int:
    """Where am I on track? Band, score vs expected, dimensions, insights, expectations."""
    from perfmirror_core.forecast import forecast, forecast_as_dict, forecast_line
    from perfmirror_core.status import status_as_dict, where_am_i
    from perfmirror_core.store.database import opened
    from perfmirror_core.store.snapshot import load_scoring_data

    as_of, weeks = _period(args)
    with opened() as connection:
        data = load_scoring_data(connection, last=as_of)
    report = where_am_i(data, as_of, weeks)
    projection = forecast(data, as_of, weeks)
    if args.json:
        _print_json({**status_as_dict(report), "forecast": forecast_as_dict(projection)})
        return 0
    from .render import status_card

    status_card(report, forecast_line(projection))
    return 0


_MODEL_ARGUMENTS = (
    arg("--model", help="a litellm model, e.g. ollama_chat/llama3.2 or openai/NAME with "
                        "--api-base; default $PERFMIRROR_MODEL or config.toml; none = offline"),
    arg("--api-base", help="the server of an OpenAI-compatible or Ollama model"),
    arg("--no-stream", action="store_true",
        help="wait for whole replies (for servers that cannot stream tool calls)"),
    arg("--quirks", help="comma-separated: llama-cpp-chatml (llama-cpp-python's "
                         "chatml-function-calling server), small-model (the model only writes a "
                         "question or a summary; perf-mirror does the rest), full-tools"),
    arg("--private", action="store_true",
        help="only a model on this machine (also PERFMIRROR_PRIVATE=1 or private = true in "
             "config.toml); anything else is refused before a byte is sent"),
)


def _chat(args: argparse.Namespace, checkin: bool) -> int:
    from .admission import choose_model
    from .config import model_name, resolve_model
    from .io import TerminalIO
    from .repl import ChatRepl
    from perfmirror_core.store.paths import data_home

    from . import privacy

    # The model is judged before anything is opened, written or sent.
    private = privacy.private_mode(args.private)
    settings = resolve_model(args.model, args.api_base, no_stream=args.no_stream,
                             flag_quirks=args.quirks)
    if settings is None and model_name(args.model) is None:  # `none` is a choice: offline
        settings = _discover_ollama()
    admitted = choose_model(settings, private)
    store = _store()
    if not store.is_initialised():
        raise PerfMirrorError("no profile yet: run `perfmirror init --role IC --level 4` first")
    privacy.tighten_data_home()
    history = data_home() / "chat_history"

    def make_io(**options):
        return TerminalIO(history, **options)

    return ChatRepl(store, make_io, admitted.settings, this_week(), checkin=checkin,
                    private=private).run()


def _discover_ollama():
    """With no model configured, use a model of an Ollama answering on this machine, if any:
    the coach works without more set-up. ``PERFMIRROR_DISCOVER=0`` turns this off."""
    import os

    if os.environ.get("PERFMIRROR_DISCOVER", "1") == "0":
        return None
    from .commands_privacy import ollama_address, ollama_models
    from .config import ModelSettings

    base, _ = ollama_address()
    models = ollama_models(base)
    if not models:
        return None
    print(f"Using Ollama's {models[0]} found on this machine ({len(models)} model(s); "
          "`perfmirror models` lists them, --model chooses).", file=sys.stderr)
    return ModelSettings(f"ollama_chat/{models[0]}", api_base=base)


@command("chat", *_MODEL_ARGUMENTS)
def cmd_chat(args: argparse.Namespace) -> int:
    """Talk to your coach: log your week in your own words, ask where you stand."""
    return _chat(args, checkin=False)


@command("checkin", *_MODEL_ARGUMENTS)
def cmd_checkin(args: argparse.Namespace) -> int:
    """The guided weekly check-in: what you did, confirmed entries, status, one question."""
    return _chat(args, checkin=True)


@command("extract",
         arg("text", help="what you did, in your own words"),
         arg("--json", action="store_true"))
def cmd_extract(args: argparse.Namespace) -> int:
    """Propose (category, count) pairs from text, with no model; writes nothing."""
    from perfmirror_core.extract import extract_activities

    found = extract_activities(args.text, _vocabulary_without_writing())
    if args.json:
        _print_json({"activities": [{"category": a.category, "count": a.count} for a in found]})
    elif not found:
        print("No activities recognised.")
    for item in found if not args.json else []:
        print(f"{item.count} x {item.category}    <- {item.phrase}")
    return 0


def _vocabulary_without_writing():
    """Your categories if you have a database, else the defaults; never creates a file."""
    from perfmirror_core.extract import CategoryVocabulary
    from perfmirror_core.store.paths import database_path

    path = database_path()
    if path.exists():
        import sqlite3

        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = connection.execute("SELECT name, synonyms, description FROM category "
                                      "WHERE archived = 0 ORDER BY id").fetchall()
        finally:
            connection.close()
        if rows:
            return [CategoryVocabulary(name, tuple(json.loads(synonyms)), description)
                    for name, synonyms, description in rows]
    from perfmirror_core.frameworks import default_framework

    return [CategoryVocabulary(c.name, c.synonyms, c.description)
            for c in default_framework().categories]


@command("demo",
         arg("--dir", help="where to create the demo data (default: a 'demo' folder beside "
                           "your data)"))
def cmd_demo(args: argparse.Namespace) -> int:
    """Create a realistic 12-week persona in a separate data directory to try things on."""
    from .demo import create_demo

    home = create_demo(args.dir, this_week())
    print(f"Demo data for 'Alex, IC L4' is in {home}. Try it:\n"
          f"  export PERFMIRROR_HOME={home}\n"
          f"  perfmirror status\n"
          f"(unset PERFMIRROR_HOME to go back to your own data)")
    return 0


# Modules that register more commands with @command; importing them is cheap (no heavy imports
# at module level), so --help stays fast.
COMMAND_MODULES: tuple[str, ...] = ("coach.commands_memory", "coach.commands_privacy",
                                      "coach.commands_indicators", "coach.commands_import",
                                      "coach.commands_data")


def build_parser() -> argparse.ArgumentParser:
    import importlib

    for module in COMMAND_MODULES:
        importlib.import_module(module)
    parser = OneLineParser(prog="perfmirror",
                           description="perf-mirror: a private career coach in your terminal.")
    from perfmirror_core import __version__

    parser.add_argument("--version", action="version", version=f"perfmirror {__version__}")
    groups: dict[str, argparse._SubParsersAction] = {}
    top = parser.add_subparsers(dest="command", metavar="COMMAND")
    for spec in COMMANDS:
        words = spec.name.split()
        subparsers = top
        for depth, word in enumerate(words[:-1]):
            key = " ".join(words[:depth + 1])
            if key not in groups:
                group = subparsers.add_parser(word, help=f"{word} commands")
                groups[key] = group.add_subparsers(dest=f"sub_{depth}", metavar="SUBCOMMAND",
                                                   required=True)
            subparsers = groups[key]
        doc = (spec.handler.__doc__ or "").strip()
        sub = subparsers.add_parser(words[-1], help=doc.splitlines()[0] if doc else None,
                                    description=doc)
        for flags, options in spec.arguments:
            sub.add_argument(*flags, **options)
        sub.set_defaults(handler=spec.handler)
    return parser


def _failure_line(error: BaseException) -> str | None:
    """One line for the failures of the world rather than of the input, or None if unknown.

    SQLite reports through sqlite3 or, under SQLModel, an SQLAlchemy wrapper whose ``orig`` is
    the sqlite3 error; matching on both keeps SQLAlchemy out of this module's imports.
    """
    import errno
    import sqlite3

    cause = getattr(error, "orig", None) or error
    text = str(cause).lower()
    if isinstance(cause, OSError) and cause.errno == errno.ENOSPC or "database or disk is full" \
            in text:
        return "the disk is full: nothing was changed (free some space and try again)"
    if isinstance(cause, OSError) and cause.errno in (errno.EACCES, errno.EPERM, errno.EROFS) \
            or "readonly database" in text:
        return ("cannot write your data directory (it is read-only); nothing was changed "
                "(read commands still work)")
    if "database is locked" in text:
        return "the database is busy with another perf-mirror command: try again in a moment"
    if isinstance(cause, sqlite3.DatabaseError):
        return (f"the database cannot be read ({cause}); nothing was changed (restore a backup "
                "with `perfmirror data import`)")
    if isinstance(cause, OSError) and cause.strerror:
        where = f": {str(cause.filename)[:120]}" if cause.filename else ""
        return f"{cause.strerror.lower()}{where}"
    return None


def _silence_stdout() -> None:
    """After the reader of a pipe went away (``perfmirror entries | head``): say nothing more,
    not even the interpreter's own complaint when it flushes stdout on exit."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _sweep_staging() -> None:
    """Remove what a crashed command left behind; cheap (one directory listing)."""
    from perfmirror_core.store.paths import data_home
    from perfmirror_core.store.staging import remove_abandoned_staging

    remove_abandoned_staging(data_home())


def main(argv: Sequence[str] | None = None) -> int:
    import os

    # Every file and folder perf-mirror (or a library it calls: chromadb, SQLite journals)
    # creates is the person's alone, whatever umask the shell had.
    os.umask(0o077)
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    try:
        _sweep_staging()
        return args.handler(args)
    except PerfMirrorError as error:
        print(f"perfmirror: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        _silence_stdout()
        return 0
    except Exception as error:
        line = _failure_line(error)
        if line is None:
            raise
        print(f"perfmirror: error: {line}", file=sys.stderr)
        return 2
