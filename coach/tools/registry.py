"""Tools as plain typed functions: the JSON schema is derived from the signature and docstring.

A tool is ``def name(ctx: ToolContext, arg: type, ...) -> dict`` with a docstring whose first
paragraph describes it to the model and whose ``Args:`` section describes each argument. The
first parameter (the context) is never shown to the model.

``dispatch`` is the one door from a model's tool call into the core. It parses the arguments
(malformed JSON, unknown tools, missing or mistyped arguments become a tool error), runs the
tool, and turns any ``PerfMirrorError`` into an error message for the model. Nothing invalid
reaches the database.
"""

from __future__ import annotations

import html
import inspect
import json
import re
import types
import typing
from dataclasses import dataclass
from typing import Any, Callable, Literal, Union, get_args, get_origin, get_type_hints

from perfmirror_core.errors import InvalidInput, PerfMirrorError

_ARG_LINE = re.compile(r"^\s*(\w+):\s*(.+)$")


@dataclass(frozen=True)
class Tool:
    name: str
    function: Callable[..., dict]
    description: str
    parameters: dict[str, Any]

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


def _coerce(value: Any, annotation: Any, field: str) -> Any:
    """Check a model-supplied value against its annotation; forgive only harmless slips
    (a number sent as a string), refuse everything else with the field named."""
    optional, annotation = _is_optional(annotation)
    if value is None:
        if optional:
            return None
        raise InvalidInput(field, "is required", _describe(annotation))
    if annotation is str:
        if isinstance(value, (dict, list)):
            raise InvalidInput(field, f"{json.dumps(value)[:60]} is not text", "a string")
        return str(value)
    if annotation is int:
        if isinstance(value, bool):
            raise InvalidInput(field, f"{value!r} is not a whole number", "an integer")
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
            return int(value)
        if isinstance(value, int):
            return value
        raise InvalidInput(field, f"{value!r} is not a whole number", "an integer")
    if annotation is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        try:
            return float(value)
        except (TypeError, ValueError):
            raise InvalidInput(field, f"{value!r} is not a number", "a number") from None
    if annotation is bool:
        if isinstance(value, bool):
            return value
        raise InvalidInput(field, f"{value!r} is not true or false", "true or false")
    if get_origin(annotation) is Literal:
        if value not in get_args(annotation):
            raise InvalidInput(field, f"{value!r} is not allowed",
                               ", ".join(map(str, get_args(annotation))))
        return value
    if get_origin(annotation) is list:
        if isinstance(value, dict):  # a lone item where a list was due: a common slip
            value = [value]
        if not isinstance(value, list):
            raise InvalidInput(field, f"{json.dumps(value)[:60]} is not a list", "a JSON array")
        item_type = get_args(annotation)[0]
        return [_coerce(item, item_type, f"{field}[{index}]") for index, item in enumerate(value)]
    if typing.is_typeddict(annotation):
        if not isinstance(value, dict):
            raise InvalidInput(field, f"{json.dumps(value)[:60]} is not an object",
                               _describe(annotation))
        hints = get_type_hints(annotation)
        missing = [key for key in annotation.__required_keys__ if key not in value]
        if missing:
            raise InvalidInput(f"{field}.{missing[0]}", "is required", _describe(annotation))
        return {key: _coerce(value.get(key), hints[key], f"{field}.{key}") for key in hints
                if key in value}
    raise TypeError(f"cannot check {annotation!r}")


def _describe(annotation: Any) -> str:
    return json.dumps(json_schema(annotation))


@dataclass(frozen=True)
class ToolOutcome:
    name: str
    content: dict[str, Any]
    ok: bool


def _unescape_html(raw: str) -> str:
    """Some chat templates HTML-escape earlier turns, and small models copy ``&#34;`` back."""
    if "&#" in raw or "&quot;" in raw or "&amp;" in raw:
        return html.unescape(raw)
    return raw


def parse_arguments(tool: Tool, raw: str | dict | None) -> dict[str, Any]:
    """Decode and check a tool call's arguments; ``InvalidInput`` on anything wrong."""
    if raw is None or raw == "":
        arguments: Any = {}
    elif isinstance(raw, dict):
        arguments = raw
    else:
        try:
            arguments = json.loads(_unescape_html(raw))
        except json.JSONDecodeError as error:
            raise InvalidInput("arguments", f"malformed JSON ({error.msg} at {error.pos})",
                               "a JSON object matching the tool's parameters") from None
    if not isinstance(arguments, dict):
        raise InvalidInput("arguments", "must be a JSON object", "a JSON object")
    hints = get_type_hints(tool.function)
    checked = {}
    for name in tool.parameters["properties"]:
        if name in arguments:
            checked[name] = _coerce(arguments[name], hints[name], name)
        elif name in tool.parameters["required"]:
            raise InvalidInput(name, "is required", json.dumps(tool.parameters["properties"][name]))
    unknown = sorted(set(arguments) - set(tool.parameters["properties"]))
    if unknown:
        raise InvalidInput(unknown[0], "is not a parameter of " + tool.name,
                           ", ".join(tool.parameters["properties"]) or "no parameters")
    return checked


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
