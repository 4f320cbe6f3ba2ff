"""Importers by name: the built-ins, plus any installed package's importers.

A third-party package adds an importer with one entry point, e.g. in its pyproject.toml::

    [project.entry-points."perfmirror.importers"]
    jira_cloud = "perfmirror_jira:JiraImporter"

The object it names is an ``Importer`` subclass (or any callable taking keyword options and
returning an importer). Built-ins are imported only when used, so ``--help`` stays fast.
"""

from __future__ import annotations

import importlib
import inspect
from importlib.metadata import entry_points
from typing import Any, Callable

from perfmirror_core.errors import InvalidInput

from .base import Importer, ImportUnavailable

ENTRY_POINT_GROUP = "perfmirror.importers"

BUILTINS = {
    "git": "coach.importers.git:GitImporter",
    "github": "coach.importers.github:GithubImporter",
    "docs": "coach.importers.docs:DocsImporter",
    "calendar": "coach.importers.calendar:CalendarImporter",
    "csv": "coach.importers.csv_issues:CsvImporter",
}


def _load(target: str) -> Callable[..., Importer]:
    module, _, attribute = target.partition(":")
    return getattr(importlib.import_module(module), attribute)


def available() -> dict[str, Callable[[], Callable[..., Importer]]]:
    """Every importer name, each with a loader; a built-in name cannot be taken over."""
    found: dict[str, Callable[[], Callable[..., Importer]]] = {}
    for point in entry_points(group=ENTRY_POINT_GROUP):
        found[point.name] = point.load
    for name, target in BUILTINS.items():
        found[name] = lambda target=target: _load(target)
    return dict(sorted(found.items()))


def create(name: str, **options: Any) -> Importer:
    """An importer configured with ``options`` (None means "use its default")."""
    loaders = available()
    if name not in loaders:
        raise InvalidInput("source", f"{name!r} is not an importer", ", ".join(loaders))
    try:
        factory = loaders[name]()
    except Exception as error:  # a broken plugin must not take the CLI down with it
        raise ImportUnavailable(f"importer {name!r} failed to load: {error}") from None
    given = {key: value for key, value in options.items() if value is not None}
    parameters = inspect.signature(factory).parameters
    if not any(p.kind is p.VAR_KEYWORD for p in parameters.values()):
        accepted = [key for key, p in parameters.items()
                    if p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)]
        for key in given:
            if key not in accepted:
                raise InvalidInput("option", f"{key!r} is not an option of importer {name!r}",
                                   ", ".join(accepted) or "none")
    for key, parameter in parameters.items():
        if parameter.default is parameter.empty and key not in given \
                and parameter.kind in (parameter.KEYWORD_ONLY, parameter.POSITIONAL_OR_KEYWORD):
            raise InvalidInput(key, f"importer {name!r} needs it", f"--{key.replace('_', '-')}")
    return factory(**given)
