"""What a conversation writes down as it goes: its messages, and each model and tool call.

Everything is saved the moment it happens (a crash loses nothing said). Model and tool calls are
rows of their own (``perfmirror logs`` reads them), not text folded into the transcript.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any, Protocol


class ChatLog(Protocol):
    """The part of the store a conversation writes to (``perfmirror_core.store.chat``)."""

    def start_chat_session(self, model: str) -> int: ...

    def record_chat_message(self, session_id: int, role: str, content: str) -> int: ...

    def record_model_call(self, session_id: int, message_id: int | None, model: str,
                          prompt_tokens: int | None, completion_tokens: int | None,
                          latency_ms: float, ok: bool, error: str | None = None) -> int: ...

    def record_tool_call(self, session_id: int, model_call_id: int | None,
                         message_id: int | None, name: str, arguments: str, result: str,
                         ok: bool, latency_ms: float) -> int: ...


@dataclass
class Transcript:
    """One conversation's log. Its session row is written with the first thing said, so a chat
    refused at the model gate, or left at once, leaves nothing. ``store=None`` logs nothing (a
    scripted test, a benchmark)."""

    store: ChatLog | None
    model: str  # the model in use now; each model call row names the one it went to
    session_id: int | None = None
    turn_message_id: int | None = None  # the person's message the current turn answers
    held: list[tuple[str, str]] | None = None  # messages kept back until ``release``

    def hold(self) -> None:
        """Keep messages back until ``release``: the chat's opening is shown before the
        prompt and written after it, so the prompt never waits for the store's write path."""
        if self.held is None:
            self.held = []

    def release(self) -> None:
        """Write what was held, in order (a no-op when nothing was)."""
        held, self.held = self.held or [], None
        for role, content in held:
            self.message(role, content)

    def _session(self, store: ChatLog) -> int:
        if self.session_id is None:
            self.session_id = store.start_chat_session(self.model)
        return self.session_id

    def message(self, role: str, content: str) -> int | None:
        if self.held is not None:
            self.held.append((role, content))
            return None
        if self.store is None:
            return None
        message_id = self.store.record_chat_message(self._session(self.store), role, content)
        if role == "user":
            self.turn_message_id = message_id
        return message_id

    def model_call(self, model: str, usage: Any, latency_ms: float, error: str | None = None
                   ) -> int | None:
        """``usage`` is the provider's token count (litellm's ``Usage`` or a dict), if any."""
        if self.store is None:
            return None
        return self.store.record_model_call(self._session(self.store), self.turn_message_id,
                                            model, _tokens(usage, "prompt_tokens"),
                                            _tokens(usage, "completion_tokens"),
                                            round(latency_ms, 1), error is None, error)

    def tool_call(self, model_call_id: int | None, name: str, arguments: str | dict | None,
                  result: dict[str, Any], ok: bool, latency_ms: float) -> None:
        if self.store is None:
            return
        raw = arguments if isinstance(arguments, str) else json.dumps(arguments or {})
        content = json.dumps(result, ensure_ascii=False)
        self.store.record_tool_call(self._session(self.store), model_call_id,
                                    self.turn_message_id, name, raw, content, ok,
                                    round(latency_ms, 1))


def milliseconds_since(started: float) -> float:
    """Wall time since ``started`` (a ``time.perf_counter()`` reading), as the log keeps it."""
    return (time.perf_counter() - started) * 1000


def _tokens(usage: Any, name: str) -> int | None:
    if usage is None:
        return None
    value = usage.get(name) if isinstance(usage, dict) else getattr(usage, name, None)
    return value if isinstance(value, int) and not isinstance(value, bool) else None
