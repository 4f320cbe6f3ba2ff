"""The command registry: every command module is found, and no command is declared twice."""

from __future__ import annotations

import pkgutil

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
