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

from perfmirror_core import validation
from perfmirror_core.errors import InvalidInput
from perfmirror_core.store.paths import data_home

CONFIG_NAME = "config.toml"
LLAMA_CPP_CHATML = "llama-cpp-chatml"
SMALL_MODEL = "small-model"  # only a reflection question or a short summary; no tool loop
FULL_TOOLS = "full-tools"  # the whole tool loop even for a model that looks small
KNOWN_QUIRKS = (LLAMA_CPP_CHATML, SMALL_MODEL, FULL_TOOLS)
OFFLINE_NAMES = ("none", "off", "offline")  # --model none: no model, nothing sent
MODEL_ALLOWED = "a litellm model name such as ollama_chat/llama3.2, or none for offline"
# Booleans in config.toml: TOML's true/false, and these strings read deliberately, so that
# `private = "yes"` turns private mode on instead of silently leaving it off.
_TRUE_WORDS = ("true", "1", "yes", "on")
_FALSE_WORDS = ("false", "0", "no", "off", "")
BOOLEAN_ALLOWED = "true, false, or the words yes/no, on/off, 1/0"
MAX_TIMEOUT = 3600.0  # seconds a model may take for one answer
MAX_TEMPERATURE = 2.0  # the highest sampling temperature providers accept


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
    # Several quirks are written comma-separated: "llama-cpp-chatml,small-model".
    quirks: str | None = None
    context_tokens: int | None = None  # the model's context window, when the person set it

    def has_quirk(self, quirk: str) -> bool:
        return quirk in quirk_set(self.quirks)

    @property
    def llama_cpp_chatml(self) -> bool:
        return self.has_quirk(LLAMA_CPP_CHATML)

    @property
    def is_openai_compatible_local(self) -> bool:
        return self.model.startswith("openai/") and self.api_base is not None


def read_config(home: Path | None = None) -> dict:
    path = (home or data_home()) / CONFIG_NAME
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InvalidInput("config.toml", "is not UTF-8 text", "key = \"value\" lines") \
            from None
    except tomllib.TOMLDecodeError as error:
        raise InvalidInput("config.toml", f"is not valid TOML ({error})", "key = \"value\" lines"
                           ) from None


def quirk_set(quirks: str | None) -> frozenset[str]:
    return frozenset(q.strip() for q in (quirks or "").split(",") if q.strip())


def check_quirks(quirks: object, field: str = "quirks") -> str | None:
    """``quirks`` as given, or one line naming the unknown one."""
    if quirks is None:
        return None
    if not isinstance(quirks, str):
        raise InvalidInput(field, f"{quirks!r} is not text", ", ".join(KNOWN_QUIRKS))
    for quirk in sorted(quirk_set(quirks)):
        if quirk not in KNOWN_QUIRKS:
            raise InvalidInput(field, f"{quirk!r} is unknown", ", ".join(KNOWN_QUIRKS))
    if {SMALL_MODEL, FULL_TOOLS} <= quirk_set(quirks):
        raise InvalidInput(field, f"{SMALL_MODEL} and {FULL_TOOLS} contradict each other",
                           "one of them")
    return quirks or None


def config_flag(value: object, field: str) -> bool:
    """A yes/no setting from config.toml or the environment: TOML booleans, or the words
    true/false, yes/no, on/off, 1/0 (any case); anything else is one line naming the field."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE_WORDS:
            return True
        if word in _FALSE_WORDS:
            return False
    raise InvalidInput(field, f"{value!r} is not a yes/no value", BOOLEAN_ALLOWED)


def is_offline_name(model: str) -> bool:
    return model.strip().lower() in OFFLINE_NAMES


def model_name(flag_model: str | None = None, config: dict | None = None) -> str | None:
    """The model asked for by ``--model``, ``$PERFMIRROR_MODEL`` or config.toml's ``model``
    (in that order); None when none is configured. ``none`` comes back as it is: it is a
    choice (offline), unlike nothing at all (which may discover a local Ollama)."""
    config = read_config() if config is None else config
    model = flag_model or os.environ.get("PERFMIRROR_MODEL") or config.get("model")
    if model is None or model == "":
        return None
    if not isinstance(model, str):
        raise InvalidInput("model", f"{model!r} is not a model name", MODEL_ALLOWED)
    if not model.strip() or any(c.isspace() for c in model.strip()):
        raise InvalidInput("model", f"{model!r} is not a model name", MODEL_ALLOWED)
    return model.strip()


def resolve_model(flag_model: str | None = None, flag_api_base: str | None = None,
                  home: Path | None = None, no_stream: bool = False,
                  flag_quirks: str | None = None) -> ModelSettings | None:
    """The model's settings, or None for no model (nothing configured, or ``none``)."""
    config = read_config(home)
    model = model_name(flag_model, config)
    quirks = check_quirks(flag_quirks or os.environ.get("PERFMIRROR_QUIRKS")
                          or config.get("quirks"))
    context_tokens = _context_tokens(config)
    if model is None or is_offline_name(model):
        return None
    api_base = flag_api_base or os.environ.get("PERFMIRROR_API_BASE") or config.get("api_base")
    if api_base is not None:
        api_base = validation.text(api_base, "api_base", 500)
    timeout = validation.finite(config.get("timeout", 120), "timeout", 1, MAX_TIMEOUT)
    stream = (not no_stream and LLAMA_CPP_CHATML not in quirk_set(quirks)
              and config_flag(config.get("stream", True), "stream"))
    temperature = config.get("temperature")
    return ModelSettings(model=model, api_base=api_base, timeout=timeout, stream=stream,
                         temperature=None if temperature is None else
                         validation.finite(temperature, "temperature", 0, MAX_TEMPERATURE),
                         quirks=quirks, context_tokens=context_tokens)


def _context_tokens(config: dict) -> int | None:
    """``context_tokens = 4096`` in config.toml: the model's window when it cannot be asked."""
    value = config.get("context_tokens")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 256 <= value <= 10_000_000:
        raise InvalidInput("context_tokens", f"{value!r} is not a context size",
                           "a whole number of tokens from 256, e.g. 4096")
    return value
