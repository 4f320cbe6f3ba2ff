"""Tool schemas are derived from signatures and docstrings, never written twice."""

from __future__ import annotations

from typing import Literal, TypedDict

import pytest

from coach.tools import all_tools
from coach.tools.registry import make_tool, parse_arguments
from perfmirror_core.errors import InvalidInput


class Item(TypedDict):
    name: str
    count: int


def sample(ctx, items: list[Item], mode: Literal["fast", "slow"], note: str | None = None,
           ratio: float = 1.0) -> dict:
    """Do a sample thing.

    Second line of the description.

    Args:
        items: the things to do,
            over two lines.
        mode: how.
    """
    return {}


def test_schema_comes_from_the_signature_and_docstring():
    tool = make_tool(sample)
    assert tool.description == "Do a sample thing. Second line of the description."
    parameters = tool.parameters
    assert parameters["required"] == ["items", "mode"]
    assert parameters["properties"]["items"] == {
        "type": "array", "description": "the things to do, over two lines.",
        "items": {"type": "object", "required": ["count", "name"],
                  "properties": {"name": {"type": "string"}, "count": {"type": "integer"}}}}
    assert parameters["properties"]["mode"]["enum"] == ["fast", "slow"]
    assert parameters["properties"]["note"] == {"type": "string"}
    assert parameters["properties"]["ratio"] == {"type": "number"}
    assert "ctx" not in parameters["properties"]


def test_arguments_are_checked_and_harmless_slips_forgiven():
    tool = make_tool(sample)
    assert parse_arguments(tool, '{"items": {"name": "a", "count": "2"}, "mode": "fast"}') == {
        "items": [{"name": "a", "count": 2}], "mode": "fast"}
    with pytest.raises(InvalidInput, match="^mode"):
        parse_arguments(tool, '{"items": [], "mode": "medium"}')
    with pytest.raises(InvalidInput, match=r"^items\[0\]\.count"):
        parse_arguments(tool, '{"items": [{"name": "a"}], "mode": "fast"}')
    with pytest.raises(InvalidInput, match=r"^arguments: must be a JSON object"):
        parse_arguments(tool, '[1, 2]')


def test_html_escaped_arguments_from_chat_templates_are_read():
    tool = make_tool(sample)
    assert parse_arguments(tool, '{&#34;items&#34;: [], &#34;mode&#34;: &#34;slow&#34;}') == {
        "items": [], "mode": "slow"}


def test_twice_escaped_arguments_are_read_as_answers_are():
    """A template that escapes the history twice gives ``&amp;#34;``: one decoding leaves
    ``&#34;`` and no JSON. Arguments and answers decode entities the same way."""
    tool = make_tool(sample)
    raw = '{&amp;#34;items&amp;#34;: [], &amp;#34;mode&amp;#34;: &amp;#34;fast&amp;#34;, ' \
          '&amp;#34;note&amp;#34;: &amp;#34;R&amp;amp;D &amp;amp; ops&amp;#34;}'
    assert parse_arguments(tool, raw) == {"items": [], "mode": "fast", "note": "R&D & ops"}


def test_every_coach_tool_has_a_description_and_documented_arguments():
    for tool in all_tools().values():
        assert tool.description
        for name, schema in tool.parameters["properties"].items():
            assert schema.get("description"), f"{tool.name}.{name} has no description"
