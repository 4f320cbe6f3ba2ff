"""Which model to talk to: ``--model`` beats ``$PERFMIRROR_MODEL`` beats ``config.toml`` in the
data directory. No model at all is a valid answer: the coach then works offline.

API keys are never read from or written to the config: providers take them from the
environment, as litellm expects (OPENAI_API_KEY, ANTHROPIC_API_KEY, ...).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from perfmirror_core.errors import InvalidInput
from perfmirror_core.store.paths import data_home

CONFIG_NAME = "config.toml"
LLAMA_CPP_CHATML = "llama-cpp-chatml"
KNOWN_QUIRKS = (LLAMA_CPP_CHATML,)


@dataclass(frozen=True)
class ModelSettings:
    model: str
    api_base: str | None = None
    timeout: float = 120.0
    # llama-cpp-python's chatml-function-calling cannot stream when a tool may be called (it
    # answers 200 with an empty stream), so servers like it need ``stream = false``.
    stream: bool = True
    temperature: float | None = None
    max_tokens: int = 400  # a coach answers in a few sentences; also stops runaway small models
    # "llama-cpp-chatml": llama-cpp-python's chatml-function-calling format, which drops tool
    # results from its template and cannot answer in text while tools are on "auto". The loop
    # then repeats tool results in a user message and asks for the answer with tool_choice none.
    quirks: str | None = None

    @property
    def llama_cpp_chatml(self) -> bool:
        return self.quirks == LLAMA_CPP_CHATML

    @property
    def is_openai_compatible_local(self) -> bool:
        return self.model.startswith("openai/") and self.api_base is not None


def read_config(home: Path | None = None) -> dict:
    path = (home or data_home()) / CONFIG_NAME
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise InvalidInput("config.toml", f"is not valid TOML ({error})", "key = \"value\" lines"
                           ) from None


def resolve_model(flag_model: str | None = None, flag_api_base: str | None = None,
                  home: Path | None = None, no_stream: bool = False,
                  flag_quirks: str | None = None) -> ModelSettings | None:
    config = read_config(home)
    model = flag_model or os.environ.get("PERFMIRROR_MODEL") or config.get("model")
    if not model:
        return None
    api_base = flag_api_base or os.environ.get("PERFMIRROR_API_BASE") or config.get("api_base")
    timeout = float(config.get("timeout", 120))
    quirks = flag_quirks or os.environ.get("PERFMIRROR_QUIRKS") or config.get("quirks")
    if quirks is not None and quirks not in KNOWN_QUIRKS:
        raise InvalidInput("quirks", f"{quirks!r} is unknown", ", ".join(KNOWN_QUIRKS))
    stream = not no_stream and quirks != LLAMA_CPP_CHATML and bool(config.get("stream", True))
    temperature = config.get("temperature")
    return ModelSettings(model=model, api_base=api_base, timeout=timeout, stream=stream,
                         temperature=None if temperature is None else float(temperature),
                         quirks=quirks)
