"""The command registry: every command module is found, and no command is declared twice."""

from __future__ import annotations

import argparse
import pkgutil

import pytest

import coach.cli
from coach.cli.registry import COMMAND_MODULES, all_commands, build_parser

NOT_COMMAND_MODULES = {"common", "main", "registry"}


def test_every_module_of_the_cli_package_is_a_listed_command_module_or_shared_code():
    """A new command module that is not listed would silently add no command."""
    found = {info.name for info in pkgutil.iter_modules(coach.cli.__path__)}
    assert found - NOT_COMMAND_MODULES == set(COMMAND_MODULES)


def test_each_command_name_is_declared_once_and_every_listed_module_declares_one():
    commands = all_commands()
    names = [spec.name for spec in commands]
    assert len(names) == len(set(names))
    modules = {spec.handler.__module__.rsplit(".", 1)[1] for spec in commands}
    assert modules == set(COMMAND_MODULES)


def test_building_the_parser_twice_gives_the_same_commands():
    """Marking a function has no side effect: a second build does not register anything twice."""
    def subcommands(parser) -> list[str]:
        action = next(a for a in parser._actions if a.dest == "command")
        return list(action.choices)

    assert subcommands(build_parser()) == subcommands(build_parser())
    assert {"init", "log", "status", "chat", "history", "import", "data"} <= set(
        subcommands(build_parser()))


def subcommand_names(parser) -> list[str]:
    action = next(a for a in parser._actions if a.dest == "command")
    return list(action.choices)


def test_a_command_line_builds_only_the_command_it_names():
    """Building all fifty subparsers costs more than ``log`` itself, so a command line gets its
    own command; without one, or with a word that is no command, help and the error list all."""
    everything = subcommand_names(build_parser())
    assert subcommand_names(build_parser(["log", "Code review", "2"])) == ["log"]
    assert subcommand_names(build_parser(["category", "list"])) == ["category"]
    for argv in ([], ["--help"], ["lgo", "Code review", "2"], ["--version"]):
        assert subcommand_names(build_parser(argv)) == everything, argv


@pytest.mark.parametrize("argv", [["log", "Code review", "2", "--week", "2026-W40", "--note", "x"],
                                  ["category", "add", "Pairing", "--dimension", "input",
                                   "--points", "2"],
                                  ["history", "search", "hard tickets", "--k", "3"], ["undo"]])
def test_the_parser_built_for_a_command_line_reads_it_as_the_full_one_does(argv):
    def read(parser) -> dict:
        values = vars(parser.parse_args(argv))
        values["handler"] = values["handler"].__name__
        return values

    assert read(build_parser(argv)) == read(build_parser())


def _help_lines(parser: argparse.ArgumentParser, prefix: str = "") -> dict[str, str]:
    """Every command's and group's help line, by its full name."""
    found: dict[str, str] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                name = f"{prefix}{choice.dest}"
                found[name] = choice.help or ""
                found.update(_help_lines(action.choices[choice.dest], name + " "))
    return found


def test_every_help_line_is_whole_sentences_and_groups_name_their_commands():
    """`perfmirror --help` once cut each line at the docstring's first line break: "ack ...
    the time to resolution", "github ... (token: GITHUB_TOKEN or"."""
    lines = _help_lines(build_parser())
    commands = [spec.name for spec in all_commands()]  # declaration order, as --help lists
    for name, text in lines.items():
        if name in commands:
            assert text.endswith((".", "?", "!")), (name, text)
            doc = " ".join((next(s for s in all_commands() if s.name == name)
                            .handler.__doc__ or "").split())
            assert doc.startswith(text), (name, text)
        else:  # a group: "profile: set, show"
            held = [c.split()[-1] for c in commands if c.startswith(name + " ")
                    and len(c.split()) == len(name.split()) + 1]
            assert text == f"{name.split()[-1]}: {', '.join(held)}", (name, text)
    assert lines["ack"].endswith("the time to resolution (TTR) starts.")
