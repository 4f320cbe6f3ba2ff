"""``perfmirror export ...``, ``backup`` and ``data ...``: what leaves the mirror, and your data
in your own hands.

``export brag`` and ``export packet`` are for sharing, so they leave out private records,
struggles and entry notes unless asked (the rules are in ``coach.exports.redact``).
``backup`` and ``data export`` are your own complete copies: nothing is left out.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from perfmirror_core.errors import InvalidInput
from perfmirror_core.text import plural
from perfmirror_core.weeks import IsoWeek, week_of

from .common import file_path, print_json
from .registry import arg, command
from ..clock import this_week, today

_SHARE_ARGUMENTS = (
    arg("--since", metavar="DATE",
        help="only what happened from DATE on (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www)"),
    arg("--until", metavar="DATE", help="only what happened up to DATE (default: now)"),
    arg("--include-kind", action="append", default=[], metavar="KIND",
        help="activity|accomplishment|job|reflection|struggle; may repeat "
             "(default: activity and accomplishment)"),
    arg("--exclude-tag", action="append", default=[], metavar="TAG",
        help="leave out career records with this tag; may repeat"),
    arg("--org", action="append", default=[],
        help="only career records from this organisation; may repeat"),
    arg("--include-private", action="store_true", help="include records you marked private"),
    arg("--include-struggles", action="store_true", help="include your struggles"),
    arg("--include-notes", action="store_true", help="include the notes on your entries"),
    arg("--format", choices=["md", "html"], default="md",
        help="md (default) or html: one self-contained file with charts"),
    arg("--out", metavar="FILE", type=file_path,
        help="write to FILE (readable by you only) instead of printing"),
)


def _choice(args: argparse.Namespace):
    from ..exports.redact import share_choice

    return share_choice(args.include_kind, args.exclude_tag, args.since, args.until, args.org,
                        include_private=args.include_private,
                        include_struggles=args.include_struggles,
                        include_notes=args.include_notes)


def _window(args: argparse.Namespace, weeks: int | None) -> tuple[IsoWeek, int | None]:
    """The scored weeks: ending at --until (never after this week), starting at --since or
    spanning ``weeks`` (None: the target's period)."""
    from perfmirror_core import validation

    current = this_week()
    as_of = min(week_of(validation.date_bound(args.until, "until", end=True)), current) \
        if args.until else current
    if args.since:
        first = week_of(validation.date_bound(args.since, "since"))
        if first > as_of:
            raise InvalidInput("since", f"{args.since} is after the end of the export",
                               f"a date up to {as_of}")
        weeks = first.weeks_until(as_of) + 1
        if weeks > validation.MAX_PERIOD_WEEKS:
            raise InvalidInput("since", f"{args.since} is {weeks} weeks before {as_of}",
                               f"at most {validation.MAX_PERIOD_WEEKS} weeks back")
    return as_of, weeks


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` 0600, whole or not at all."""
    allowed = "a file path in an existing folder"
    folder = path.parent
    try:
        if not str(path).strip() or path.is_dir():
            raise InvalidInput("out", f"{str(path)!r} is a folder, not a file", allowed)
        if not folder.is_dir():
            raise InvalidInput("out", f"{folder} is not a folder", allowed)
    except OSError as error:  # a name too long, a folder we may not look into
        raise InvalidInput("out", f"cannot use {str(path)[:60]!r} ({error.strerror})",
                           allowed) from None
    try:
        descriptor, partial = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except (OSError, UnicodeError) as error:
        raise InvalidInput("out", f"cannot write in {folder} "
                                  f"({getattr(error, 'strerror', None) or error})", allowed) \
            from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def _emit(text: str, out: str | None, what: str) -> None:
    if out is None:
        sys.stdout.write(text)
        return
    path = Path(out).expanduser()
    write_private(path, text)
    print(f"Wrote {what} to {path}.")


def _render(document, form: str) -> str:
    from ..exports.document import to_html, to_markdown

    return to_html(document) if form == "html" else to_markdown(document)


def _confirm(question: str) -> bool:
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        print()
        return False
    return answer.strip().lower() in ("y", "yes")


# -- sharing ---------------------------------------------------------------------------------


@command("export brag", *_SHARE_ARGUMENTS)
def cmd_export_brag(args: argparse.Namespace) -> int:
    """A brag document: accomplishments and the evidence of your work, by dimension and by
    expectation, with references. Default: this scoring period's activity and all your
    accomplishments; private records, struggles and entry notes are left out unless asked."""
    from ..exports.brag import load_brag

    choice = _choice(args)
    as_of, weeks = _window(args, None)
    _emit(_render(load_brag(as_of, weeks, choice), args.format), args.out, "the brag document")
    return 0


@command("export packet",
         arg("--level", metavar="NEXT", help="the level the packet argues for "
                                             "(default: your next level)"),
         arg("--weeks", help="how many weeks of evidence, ending now (default 26)"),
         arg("--json", action="store_true",
             help="one JSON object: band, ratio, weeks, level, each expectation's status and "
                  "evidence"),
         *_SHARE_ARGUMENTS)
def cmd_export_packet(args: argparse.Namespace) -> int:
    """A promotion or self-review packet: the level's expectations one by one, the evidence
    for each, and the gaps said plainly. Same choices of what to share as `export brag`."""
    from perfmirror_core import validation

    from ..exports.packet import PACKET_WEEKS, load_packet, load_packet_dict

    if args.since and args.weeks:
        raise InvalidInput("weeks", "give --since or --weeks, not both", "one of them")
    level = None
    if args.level is not None:
        try:
            level = int(args.level)
        except ValueError:
            raise InvalidInput("level", f"{args.level!r} is not a level",
                               "a whole number, e.g. 5") from None
    weeks = validation.period_weeks(args.weeks) if args.weeks else PACKET_WEEKS
    choice = _choice(args)
    as_of, weeks = _window(args, weeks)
    if args.json:
        print_json(load_packet_dict(as_of, level, weeks, choice))
        return 0
    _emit(_render(load_packet(as_of, level, weeks, choice), args.format), args.out,
          "the packet")
    return 0


# -- ownership -------------------------------------------------------------------------------


@command("backup", arg("file", metavar="FILE",
                       type=file_path, help="a new .tar.gz (or .tgz) archive, or a new folder"))
def cmd_backup(args: argparse.Namespace) -> int:
    """Copy all your perf-mirror data to FILE: a consistent snapshot, even while it is in use.

    FILE ending in .tar.gz or .tgz is an archive holding one folder, perfmirror-backup/; any
    other FILE is created as that folder. It holds perfmirror.db, memory/ (the vector store),
    chat_history, config.toml, consents.json and import_rules.toml when present, and
    backup.json (format, format_version, schema_version, files). To restore, put those files
    in an empty data directory, or point PERFMIRROR_HOME at the folder."""
    from perfmirror_core.store.paths import data_home

    from ..exports.backup import backup

    report = backup(data_home(), Path(args.file))
    kind = "archive" if report.archive else "folder"
    files = plural(len(report.files), "file")
    print(f"Backed up {files} (schema v{report.schema_version}) to the "
          f"{kind} {report.destination}.")
    return 0


@command("data export",
         arg("--json", action="store_true", help="JSON: the format (and the default)"),
         arg("--out", metavar="FILE", type=file_path,
             help="write to FILE (readable by you only)"))
def cmd_data_export(args: argparse.Namespace) -> int:
    """Everything you have stored, as one JSON file: every table's rows, nothing left out.

    This is your own complete copy, not a sharing export: private records, struggles, notes
    and chat transcripts are all in it. Format: {"format": "perfmirror-data",
    "format_version": 1, "schema_version": N (the database's PRAGMA user_version),
    "tables": {NAME: {"columns": [...], "rows": [[...], ...]}}}."""
    from ..exports.portable import export_data

    _emit(export_data(), args.out, "all your data")
    return 0


@command("data import",
         arg("file", metavar="FILE", type=file_path,
             help="a file from `perfmirror data export --json`"),
         arg("--replace", action="store_true",
             help="replace the data you have now (asks first)"),
         arg("--yes", action="store_true", help="with --replace: do not ask"))
def cmd_data_import(args: argparse.Namespace) -> int:
    """Load a `data export` file into an empty data directory (or, with --replace, over your
    current data). The file is checked first; a bad file changes nothing."""
    from perfmirror_core.store.paths import data_home, database_path
    from perfmirror_core.store.whole import row_count

    from ..exports.portable import import_data, read_export

    export = read_export(Path(args.file), today())
    home = data_home()
    current = database_path(home)
    existing = row_count(current) if current.exists() else 0
    if existing and args.replace and not args.yes and not _confirm(
            f"Replace the {existing} rows in {home} with the {export.row_count} rows from "
            f"{args.file}? This cannot be undone."):
        print("Nothing changed.")
        return 1
    import_data(export, home, args.file, replace=args.replace)
    print(f"Imported {export.row_count} rows (schema v{export.schema_version}) into {home}; "
          "the memory index is rebuilt from them when next used.")
    return 0


@command("data wipe", arg("--yes", action="store_true", help="do not ask"))
def cmd_data_wipe(args: argparse.Namespace) -> int:
    """Remove every file perf-mirror keeps in your data directory (database, memory index,
    chat history, config, consents, import rules), after asking. Other files are left alone."""
    from perfmirror_core.store.paths import data_home

    from ..exports.ownership import owned_paths, wipe

    home = data_home()
    found = owned_paths(home)
    if not found:
        print(f"Nothing to remove in {home}.")
        return 0
    if not args.yes:
        print("This removes, for good:")
        for path in found:
            print(f"  {path}{'/' if path.is_dir() else ''}")
        if not _confirm("Remove all of it?"):
            print("Nothing removed.")
            return 1
    for path in wipe(home):
        print(f"Removed {path}")
    return 0
