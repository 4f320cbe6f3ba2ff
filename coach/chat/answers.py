"""A model's answer as the person should read it: no tool-call syntax, no HTML entities.

Small models served with chatml-function-calling answer in text with what they saw in their
template ("functions.get_status:\\n{ }"), or wrap calls in tags, and copy entities back from
escaped history ("&amp;#34;"). None of that is meant for the person.
"""

from __future__ import annotations

import re

from perfmirror_core.text import unescape_entities

_CALL_TEXT = re.compile(r"^\s*functions\.\w+\s*:\s*(\{.*?\}|\[.*?\])?\s*$",
                        re.MULTILINE | re.DOTALL)
_CALL_TAGS = re.compile(r"<(tool_call|function_call|\|tool_call\|)>.*?(</\1>|$)", re.DOTALL)
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_answer(text: str) -> str:
    """The answer without tool-call syntax and entities; "" when nothing else was in it."""
    text = unescape_entities(text)
    text = _CALL_TAGS.sub("", text)
    text = _CALL_TEXT.sub("", text)
    return _BLANK_LINES.sub("\n\n", text).strip()
