"""Mapping rules: which category each imported event becomes, as data the person can edit.

The shipped defaults (``default_rules.toml``) are copied to ``<data dir>/import_rules.toml``
(0600) the first time they are needed; from then on the person's copy is the one read.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from perfmirror_core.errors import InvalidInput

if TYPE_CHECKING:
    from perfmirror_core.store.repository import Store

RULES_NAME = "import_rules.toml"
_KEYS = {"kind", "title", "type", "category", "skip"}


@dataclass(frozen=True)
class Rule:
    """One line of the mapping: if an event matches ``kind``/``title``/``type``, it becomes
    ``category`` (or is left out when ``skip``)."""

    category: str
    kind: str | None = None
    title: re.Pattern | None = None
    type: re.Pattern | None = None
    skip: bool = False

    def matches(self, event) -> bool:
        return ((self.kind is None or self.kind == event.kind.lower())
                and (self.title is None or bool(self.title.search(event.title)))
                and (self.type is None or bool(self.type.search(event.type))))


def rules_path() -> Path:
    from perfmirror_core.store.paths import data_home

    return data_home() / RULES_NAME


def default_rules_text() -> str:
    return resources.files(__package__).joinpath("default_rules.toml").read_text("utf-8")


def ensure_rules_file(reset: bool = False) -> Path:
    """The person's rules file, created from the defaults (0600) if missing or ``reset``."""
    from perfmirror_core.store.paths import ensure_private_file

    path = rules_path()
    if reset or not path.exists():
        ensure_private_file(path)
        path.write_text(default_rules_text(), "utf-8")
    return path


def rules_note() -> str:
    """For a preview: where the rules came from, and whether they are the shipped ones (a rules
    file written by an older version keeps its older rules until reset)."""
    path = ensure_rules_file()
    if path.read_text("utf-8") == default_rules_text():
        return f"the shipped rules ({path})"
    return (f"your rules in {path}, which differ from the shipped ones "
            "(`perfmirror import rules --reset` takes the shipped ones)")


def _problem(path: Path, where: str, problem: str) -> InvalidInput:
    return InvalidInput(f"import rules ({where})", problem,
                        f"fix {path} or run `perfmirror import rules --reset`")


def parse_rules(text: str, source: str, fallback: Sequence[dict] = (),
                path: Path = Path(RULES_NAME)) -> list[Rule]:
    """The rules for ``source`` from a rules file's text (``fallback`` if it has no section)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _problem(path, "file", f"not valid TOML: {error}") from None
    section = data.get(source, list(fallback))
    if not isinstance(section, list):
        raise _problem(path, source, f"write each rule as a [[{source}]] table")
    return [_rule(raw, path, f"{source} #{number}") for number, raw in enumerate(section, 1)]


def _rule(raw: object, path: Path, where: str) -> Rule:
    if not isinstance(raw, dict):
        raise _problem(path, where, "a rule must be a table")
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise _problem(path, where, f"{unknown[0]!r} is not a rule key; use "
                       f"{', '.join(sorted(_KEYS))}")
    skip = raw.get("skip", False)
    category = raw.get("category", "")
    if not isinstance(skip, bool) or not isinstance(category, str):
        raise _problem(path, where, "skip must be true or false and category a name")
    if not skip and not category.strip():
        raise _problem(path, where, "needs a category (or skip = true)")
    patterns = {}
    for key in ("title", "type"):
        if key in raw:
            try:
                patterns[key] = re.compile(str(raw[key]), re.IGNORECASE)
            except re.error as error:
                raise _problem(path, where, f"{key} {raw[key]!r} is not a regular expression "
                               f"({error})") from None
    kind = raw.get("kind")
    return Rule(category.strip(), str(kind).lower() if kind is not None else None,
                patterns.get("title"), patterns.get("type"), skip)


def load_rules(source: str, fallback: Sequence[dict] = ()) -> list[Rule]:
    """The person's rules for ``source``, from their rules file, or the defaults if they have
    none yet. Reading never creates the file: a refused import leaves the data directory as it
    was; ``perfmirror import rules`` writes it out for editing."""
    path = rules_path()
    text = path.read_text("utf-8") if path.exists() else default_rules_text()
    return parse_rules(text, source, fallback, path)


def with_known_categories(rules: Sequence[Rule], source: str, store: Store) -> list[Rule]:
    """The rules with canonical category names; a rule naming no category is one clear error."""
    checked = []
    for number, rule in enumerate(rules, 1):
        if rule.skip:
            checked.append(rule)
            continue
        try:
            name = store.category_named(rule.category).name
        except InvalidInput as error:
            raise _problem(rules_path(), f"{source} #{number}", error.problem) from None
        checked.append(Rule(name, rule.kind, rule.title, rule.type, rule.skip))
    return checked
