"""How commands are declared and found: ``@command`` marks a ``cmd_*`` function (its docstring
is the help), and ``build_parser`` collects the marked functions of each command module in
``COMMAND_MODULES`` order. Marking has no side effect, so importing a command module twice, or
only one of them in a test, changes nothing."""

from __future__ import annotations

import argparse
import importlib
import re
from dataclasses import dataclass
from typing import Callable, Sequence

Handler = Callable[[argparse.Namespace], int]

# The command modules, in the order their commands appear in --help. Importing them is cheap
# (heavy libraries load inside the commands), so --help stays fast.
COMMAND_MODULES: tuple[str, ...] = ("profile", "framework", "activity", "status", "chat", "demo",
                                    "memory", "privacy", "indicators", "imports", "data", "logs")


@dataclass(frozen=True)
class Command:
    name: str  # "status" or "category add"
    handler: Handler
    arguments: tuple[tuple[tuple[str, ...], dict], ...]


def arg(*flags: str, **options) -> tuple[tuple[str, ...], dict]:
    return flags, options


def command(name: str, *arguments: tuple[tuple[str, ...], dict]) -> Callable[[Handler], Handler]:
    """Mark ``cmd_*`` as the subcommand ``name``; its docstring becomes the help."""

    def mark(handler: Handler) -> Handler:
        handler.command = Command(name, handler, arguments)  # type: ignore[attr-defined]
        return handler

    return mark


def all_commands() -> list[Command]:
    """Every marked function of every command module, in module then definition order."""
    commands = []
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"{__package__}.{name}")
        commands.extend(value.command for value in vars(module).values()
                        if callable(value) and isinstance(getattr(value, "command", None), Command)
                        and value.__module__ == module.__name__)
    return commands


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (exit 2), like every other error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def summary(doc: str) -> str:
    """A command's one-line help: its docstring's first sentence (or two, when the first is a
    short question), whole. The first line of a
    wrapped docstring stops mid-sentence ("the time to resolution"), and --help is where a new
    person meets every command."""
    paragraph = " ".join(doc.strip().split("\n\n")[0].split())
    end = 0
    for match in re.finditer(r"[.?!](?=\s|$)", paragraph):
        end = match.end()
        if end >= 40:  # a short question ("Where will this period end?") keeps its answer
            break
    return paragraph[:end] if end else paragraph


def _subcommands(commands: Sequence[Command], prefix: str) -> str:
    """What a command group holds, for its help line: "profile: set, show"."""
    depth = len(prefix.split())
    names = dict.fromkeys(spec.name.split()[depth] for spec in commands
                          if spec.name.startswith(prefix + " "))
    return f"{prefix}: {', '.join(names)}"


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The ``perfmirror`` parser, for ``argv`` when given.

    argparse builds each subparser in full as it is added, and fifty of them cost more than
    ``log`` itself; so when ``argv`` starts with a command's first word, only the commands under
    that word are added. Anything else (``--help``, no command, a mistyped one) gets every
    command, so help and "invalid choice" still list them all.
    """
    parser = OneLineParser(prog="perfmirror",
                           description="perf-mirror: a private career coach in your terminal.")
    from perfmirror_core import __version__

    parser.add_argument("--version", action="version", version=f"perfmirror {__version__}")
    groups: dict[str, argparse._SubParsersAction] = {}
    top = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands = all_commands()
    named = [spec for spec in commands if argv and spec.name.split()[0] == argv[0]]
    for spec in named or commands:
        words = spec.name.split()
        subparsers = top
        for depth, word in enumerate(words[:-1]):
            key = " ".join(words[:depth + 1])
            if key not in groups:
                group = subparsers.add_parser(word, help=_subcommands(commands, key))
                groups[key] = group.add_subparsers(dest=f"sub_{depth}", metavar="SUBCOMMAND",
                                                   required=True)
            subparsers = groups[key]
        doc = (spec.handler.__doc__ or "").strip()
        sub = subparsers.add_parser(words[-1], help=summary(doc) if doc else None,
                                    description=doc)
        for flags, options in spec.arguments:
            sub.add_argument(*flags, **options)
        sub.set_defaults(handler=spec.handler)
    return parser

