"""Fitting a request into the model's context window, measured rather than assumed.

The window comes from the person (``context_tokens`` in config.toml), from the in-process model
itself (llama.cpp's ``n_ctx``), or from the first overflow error the server sends ("Requested
tokens (4524) exceed context window of 4096"): the loop then learns the size, trims and tries
again. Tokens are counted with the in-process model's own tokenizer when there is one, otherwise
estimated at three characters a token, which over-counts English and JSON and so errs towards
sending less.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

CHARS_PER_TOKEN = 3
MESSAGE_OVERHEAD = 8  # role markers and separators a chat template adds per message
SAFETY_TOKENS = 64

_OVERFLOW = re.compile(
    r"context[ _-]?(?:window|length|size)|exceed[s]?[_ ]context|maximum context|n_ctx|"
    r"too many tokens|prompt is too long|context_length_exceeded", re.IGNORECASE)
_WINDOW = (re.compile(r"context (?:window|length|size)(?: is| of)?\D{0,12}(\d{3,7})", re.IGNORECASE),
           re.compile(r"n_ctx\D{0,6}(\d{3,7})", re.IGNORECASE),
           re.compile(r"maximum context length is (\d{3,7})", re.IGNORECASE))

Counter = Callable[[str], int]


def estimate_tokens(text: str) -> int:
    return len(text) // CHARS_PER_TOKEN + 1


def is_overflow(error: BaseException) -> bool:
    """True when a provider error says the request did not fit the context window, whatever
    class it came as (llama-cpp-python's ValueError reaches litellm as a connection error)."""
    return type(error).__name__ == "ContextWindowExceededError" or bool(
        _OVERFLOW.search(str(error)))


def window_from_error(error: BaseException) -> int | None:
    """The window size an overflow error names, if it names one."""
    text = str(error)
    for pattern in _WINDOW:
        found = pattern.search(text)
        if found:
            return int(found.group(1))
    return None


def message_tokens(message: dict[str, Any], count: Counter) -> int:
    text = message.get("content") or ""
    if message.get("tool_calls"):
        text += json.dumps(message["tool_calls"])
    return count(text) + MESSAGE_OVERHEAD


class DoesNotFit(ValueError):
    """The latest turn alone is larger than what the window leaves for the conversation."""


def fit(system: dict[str, Any], history: list[dict[str, Any]], budget: int | None,
        count: Counter) -> list[dict[str, Any]]:
    """The system message and the most recent whole turns that fit ``budget`` tokens, starting
    at a user message so that no tool result is sent without its call. The person's words are
    never cut: when even the latest turn does not fit, ``DoesNotFit`` says so."""
    start = len(history)
    for index in range(len(history) - 1, -1, -1):
        if history[index]["role"] == "user":
            start = index
            break
    first = start if budget is not None else 0
    if budget is not None:
        left = budget - message_tokens(system, count)
        used = sum(message_tokens(m, count) for m in history[start:])
        if used > left:
            raise DoesNotFit(f"the latest turn needs about {used} tokens but the context window "
                             f"leaves {max(left, 0)} for it after the instructions, the tools "
                             "and the answer")
        for index in range(start - 1, -1, -1):
            used += message_tokens(history[index], count)
            if used > left:
                break
            if history[index]["role"] == "user":
                first = index
    kept = history[first:]
    while kept and kept[0]["role"] != "user":
        kept = kept[1:]
    return [system, *kept]
