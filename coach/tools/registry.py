"""Tools as plain typed functions: the JSON schema is derived from the signature and docstring.

A tool is ``def name(ctx: ToolContext, arg: type, ...) -> dict`` with a docstring whose first
paragraph describes it to the model and whose ``Args:`` section describes each argument. The
first parameter (the context) is never shown to the model.

``dispatch`` is the one door from a model's tool call into the core. It checks the arguments
with a pydantic model derived from the signature (malformed JSON, unknown tools, missing,
mistyped or non-finite arguments become a tool error naming the field), runs the tool, and
turns any exception into an error message for the model: no tool call ends the chat. Nothing
invalid reaches the database.
"""

from __future__ import annotations

import inspect
import json
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    Literal,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)

from perfmirror_core.errors import InvalidInput, PerfMirrorError
from perfmirror_core.text import unescape_entities

if TYPE_CHECKING:
    from pydantic import BaseModel, ValidationError

_ARG_LINE = re.compile(r"^\s*(\w+):\s*(.+)$")


@dataclass(frozen=True)
class Tool:
    name: str
    function: Callable[..., dict]
    description: str
    parameters: dict[str, Any]  # the JSON schema the model reads

    def schema(self) -> dict[str, Any]:
        """The OpenAI-style tool definition litellm passes to every provider."""
        return {"type": "function", "function": {"name": self.name,
                                                 "description": self.description,
                                                 "parameters": self.parameters}}


def _doc_parts(function: Callable) -> tuple[str, dict[str, str]]:
    """The docstring's description and its ``Args:`` entries (Google style)."""
    doc = inspect.getdoc(function) or ""
    description, _, args_block = doc.partition("\nArgs:\n")
    arguments: dict[str, str] = {}
    current, indent = None, None
    for line in args_block.splitlines():
        match = _ARG_LINE.match(line)
        width = len(line) - len(line.lstrip())
        if match and (indent is None or width <= indent):
            current, indent = match.group(1), width
            arguments[current] = match.group(2).strip()
        elif current and line.strip():
            arguments[current] += " " + line.strip()
    return " ".join(description.split()), arguments


def _is_optional(annotation: Any) -> tuple[bool, Any]:
    if get_origin(annotation) in (Union, types.UnionType):
        members = [a for a in get_args(annotation) if a is not type(None)]
        if len(members) < len(get_args(annotation)):
            return True, members[0] if len(members) == 1 else Union[tuple(members)]
    return False, annotation


def json_schema(annotation: Any) -> dict[str, Any]:
    """JSON schema for the annotations tools use: str, int, float, bool, Literal, list,
    TypedDict and Optional of these."""
    _, annotation = _is_optional(annotation)
    if annotation is str:
        return {"type": "string"}
    if annotation is bool:
        return {"type": "boolean"}
    if annotation is int:
        return {"type": "integer"}
    if annotation is float:
        return {"type": "number"}
    if get_origin(annotation) is Literal:
        return {"type": "string", "enum": list(get_args(annotation))}
    if get_origin(annotation) is list:
        return {"type": "array", "items": json_schema(get_args(annotation)[0])}
    if typing.is_typeddict(annotation):
        hints = get_type_hints(annotation)
        return {"type": "object", "properties": {k: json_schema(v) for k, v in hints.items()},
                "required": sorted(annotation.__required_keys__)}
    raise TypeError(f"no JSON schema for {annotation!r}")


def make_tool(function: Callable[..., dict]) -> Tool:
    description, argument_docs = _doc_parts(function)
    hints = get_type_hints(function)
    properties: dict[str, Any] = {}
    required = []
    for position, (name, parameter) in enumerate(inspect.signature(function).parameters.items()):
        if position == 0:  # the ToolContext
            continue
        schema = json_schema(hints[name])
        if name in argument_docs:
            schema["description"] = argument_docs[name]
        properties[name] = schema
        if parameter.default is inspect.Parameter.empty:
            required.append(name)
    parameters = {"type": "object", "properties": properties, "required": required}
    return Tool(function.__name__, function, description, parameters)


# JSON's safe integers: anything larger is a model's slip, and SQLite could not store it.
LARGEST_WHOLE_NUMBER = 2**53


def _no_bool(value: Any) -> Any:
    """JSON's true is not the number 1: a model that sends it has misread the parameter."""
    if isinstance(value, bool):
        raise ValueError("true/false is not a number")
    return value


def _lone_item_as_list(value: Any) -> Any:
    """A lone object where a list was due is a common slip; read it as a list of one."""
    return [value] if isinstance(value, dict) else value


def _checked_type(annotation: Any) -> Any:
    """The pydantic type that checks a value for ``annotation``: numbers may come as strings
    ("2"), never as true/false, NaN or infinity; lists may come as one object."""
    from pydantic import BeforeValidator, Field

    optional, annotation = _is_optional(annotation)
    if annotation is int:
        checked: Any = Annotated[int, BeforeValidator(_no_bool),
                                 Field(ge=-LARGEST_WHOLE_NUMBER, le=LARGEST_WHOLE_NUMBER)]
    elif annotation is float:
        checked = Annotated[float, BeforeValidator(_no_bool)]
    elif get_origin(annotation) is list:
        checked = Annotated[list[_checked_type(get_args(annotation)[0])],  # type: ignore[misc]
                            BeforeValidator(_lone_item_as_list)]
    elif typing.is_typeddict(annotation):
        checked = _arguments_model(annotation.__name__, {
            name: (_checked_type(hint), ... if name in annotation.__required_keys__ else None)
            for name, hint in get_type_hints(annotation).items()})
    else:
        checked = annotation  # str, bool, Literal: pydantic's own checks
    return checked | None if optional else checked


def _arguments_model(name: str, fields: dict[str, tuple[Any, Any]]) -> type[BaseModel]:
    from pydantic import ConfigDict, create_model

    config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, allow_inf_nan=False)
    return create_model(name, __config__=config, **fields)  # type: ignore[call-overload]


@cache
def arguments_model(function: Callable[..., dict]) -> type[BaseModel]:
    """A pydantic model of a tool's arguments, derived from its typed signature (the context,
    first, left out) with each argument's description from the docstring. Built on a tool's
    first call: pydantic costs 0.2 s that the chat's start should not pay."""
    from pydantic import Field

    hints = get_type_hints(function)
    _, argument_docs = _doc_parts(function)
    fields = {}
    for position, (name, parameter) in enumerate(inspect.signature(function).parameters.items()):
        if position == 0:
            continue
        default = ... if parameter.default is inspect.Parameter.empty else parameter.default
        fields[name] = (_checked_type(hints[name]),
                        Field(default, description=argument_docs.get(name)))
    return _arguments_model(f"{function.__name__}_arguments", fields)


def _clip(value: Any) -> str:
    shown = json.dumps(value, default=str) if not isinstance(value, str) else repr(value)
    return shown if len(shown) <= 60 else shown[:60] + "..."


def _invalid(tool: Tool, error: ValidationError) -> InvalidInput:
    """The first problem pydantic found, as one line naming the field and what is allowed."""
    first = error.errors()[0]
    location = [part for part in first["loc"] if part not in ("function-after", "list")]
    field = "".join(f"[{part}]" if isinstance(part, int) else f".{part}"
                    for part in location).lstrip(".") or "arguments"
    top = str(location[0]) if location else ""
    if first["type"] == "extra_forbidden" and len(location) == 1:
        return InvalidInput(field, "is not a parameter of " + tool.name,
                            ", ".join(tool.parameters["properties"]) or "no parameters")
    allowed = json.dumps(tool.parameters["properties"].get(top, {}))
    if first["type"] == "missing":
        return InvalidInput(field, "is required", allowed)
    message = first["msg"].removeprefix("Value error, ")
    return InvalidInput(field, f"{_clip(first.get('input'))} is not accepted: {message}",
                        allowed)


@dataclass(frozen=True)
class ToolOutcome:
    name: str
    content: dict[str, Any]
    ok: bool


def parse_arguments(tool: Tool, raw: str | dict | None) -> dict[str, Any]:
    """Decode and check a tool call's arguments; ``InvalidInput`` on anything wrong."""
    if raw is None or raw == "":
        arguments: Any = {}
    elif isinstance(raw, dict):
        arguments = raw
    else:
        try:
            arguments = json.loads(unescape_entities(raw))
        except json.JSONDecodeError as error:
            raise InvalidInput("arguments", f"malformed JSON ({error.msg} at {error.pos})",
                               "a JSON object matching the tool's parameters") from None
    if not isinstance(arguments, dict):
        raise InvalidInput("arguments", "must be a JSON object", "a JSON object")
    from pydantic import ValidationError

    try:
        checked = arguments_model(tool.function).model_validate(arguments)
    except ValidationError as error:
        raise _invalid(tool, error) from None
    return checked.model_dump(exclude_unset=True)


def dispatch(tools: dict[str, Tool], name: str, raw_arguments: str | dict | None,
             context: Any) -> ToolOutcome:
    """Run one tool call; every failure becomes ``{"error": ...}`` for the model to read."""
    tool = tools.get(name)
    if tool is None:
        return ToolOutcome(name, {"error": f"unknown tool {name!r}; available: "
                                  f"{', '.join(sorted(tools))}"}, False)
    try:
        arguments = parse_arguments(tool, raw_arguments)
        return ToolOutcome(name, tool.function(context, **arguments), True)
    except PerfMirrorError as error:
        return ToolOutcome(name, {"error": str(error)}, False)
    except (KeyboardInterrupt, EOFError):
        raise  # the person cancelled the turn or left: not the tool's failure
    except Exception as error:  # noqa: BLE001 - the chat must outlive any tool's bug
        # The exception's text may quote stored or imported data, so only its kind goes to
        # the model; the person reads it too, so a bug is seen rather than papered over.
        problem = f"{name} failed unexpectedly ({type(error).__name__}); it stopped there"
        report = getattr(getattr(context, "person", None), "problem", None)
        if callable(report):
            report(problem)
        return ToolOutcome(name, {"error": problem + ". Tell the person; do not retry the same "
                                  "call."}, False)
