"""A scripted model and a scripted person, for driving the chat loop's edge cases.

``ScriptedModel`` is NOT a real model: it replays a queue of replies (text, tool calls, streamed
chunks or exceptions) in the shape litellm returns, and records every request it was sent.
"""

from __future__ import annotations

import json
from typing import Any


def reply(text: str = "", tool_calls: list[tuple[str, Any]] | None = None) -> dict:
    """A non-streamed litellm-shaped response; tool call arguments may be a dict or raw text."""
    calls = [{"id": f"call_{i}", "type": "function",
              "function": {"name": name,
                           "arguments": args if isinstance(args, str) else json.dumps(args)}}
             for i, (name, args) in enumerate(tool_calls or [])]
    return {"choices": [{"message": {"role": "assistant", "content": text,
                                     "tool_calls": calls or None}}]}


def chunks(*pieces: dict) -> iter:
    """A streamed response: each piece is a delta."""
    return iter([{"choices": [{"delta": piece}]} for piece in pieces])


class ScriptedModel:
    def __init__(self, *replies: Any) -> None:
        self.replies = list(replies)
        self.requests: list[dict[str, Any]] = []

    def __call__(self, **request: Any) -> Any:
        self.requests.append(json.loads(json.dumps(request, default=str)))
        if not self.replies:
            raise AssertionError("the scripted model ran out of replies")
        next_reply = self.replies.pop(0)
        if isinstance(next_reply, BaseException):
            raise next_reply
        if callable(next_reply):
            return next_reply()
        return next_reply


class ScriptedPerson:
    """Answers confirmations from a queue: 'y', 'n' or a list of counts for 'edit'."""

    def __init__(self, *answers: Any) -> None:
        self.answers = list(answers)
        self.shown: list[list[str]] = []
        self.statuses = []

    def confirm_entries(self, proposals):
        self.shown.append([p.describe() for p in proposals])
        answer = self.answers.pop(0) if self.answers else "y"
        if answer == "y":
            return proposals
        if answer == "n":
            return []
        from dataclasses import replace

        return [replace(p, count=c) for p, c in zip(proposals, answer) if c]

    def confirm(self, question: str) -> bool:
        self.questions = getattr(self, "questions", []) + [question]
        return (self.answers.pop(0) if self.answers else "y") == "y"

    def problem(self, text: str) -> None:
        self.problems = getattr(self, "problems", []) + [text]

    def show_status(self, report, forecast=None) -> None:
        self.statuses.append(report)
        self.forecasts = getattr(self, "forecasts", []) + [forecast]
