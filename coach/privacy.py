"""Where the conversation goes, and the rules for sending it there.

Private mode (``--private``, ``PERFMIRROR_PRIVATE=1`` or ``private = true`` in config.toml)
admits only models that run on this machine: Ollama or an OpenAI-compatible server at a
loopback address, or the in-process ``local/...`` model. Anything else is refused before a
byte is sent. Outside private mode, the first use of a model that leaves the machine asks the
person once, naming who will receive the conversation, and then, separately, whether their
career memory's struggles and reflections may go there too; both answers are remembered in
``consents.json``. Career records marked ``--private`` never go to a model off this machine.

"Loopback" is decided from the text of the address alone: a host name other than
``localhost`` is never resolved, because a DNS lookup is itself a message to the network.
"""

from __future__ import annotations

import ipaddress
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from perfmirror_core.errors import InvalidInput, PerfMirrorError
from perfmirror_core.validation import CAREER_KINDS
from perfmirror_core.store.paths import (DATABASE_NAME, data_home, ensure_private_dir,
                                          ensure_private_file)

from .config import CONFIG_NAME, ModelSettings, config_flag, read_config

PRIVATE_VARIABLE = "PERFMIRROR_PRIVATE"
OLLAMA_DEFAULT_BASE = "http://localhost:11434"  # litellm's default when no api base is given
IN_PROCESS_PROVIDER = "local"
OLLAMA_PROVIDERS = ("ollama", "ollama_chat")
LOCAL_SERVER_PROVIDERS = (*OLLAMA_PROVIDERS, "openai")  # admitted at a loopback address
PRIVATE_ALLOWED = "ollama_chat/NAME or openai/NAME with a loopback --api-base, or local/smollm2"
CONSENTS_NAME = "consents.json"

# What perf-mirror keeps in the data directory. "memory" is coach.memory.service.MEMORY_DIR,
# named here so that reading this list never imports the vector store.
DATA_FILES = (
    ("database", DATABASE_NAME),
    ("chat history", "chat_history"),
    ("config", CONFIG_NAME),
    ("consents", CONSENTS_NAME),
    ("memory (vector store)", "memory"),
    ("import rules", "import_rules.toml"),
)

# Who receives the conversation for a hosted model, by litellm provider prefix or model name.
_PROVIDERS = {
    "openai": "OpenAI", "text-completion-openai": "OpenAI", "anthropic": "Anthropic",
    "gemini": "Google", "vertex_ai": "Google", "palm": "Google", "azure": "Microsoft Azure",
    "azure_ai": "Microsoft Azure", "bedrock": "Amazon Bedrock", "sagemaker": "Amazon SageMaker",
    "mistral": "Mistral AI", "codestral": "Mistral AI", "cohere": "Cohere",
    "cohere_chat": "Cohere", "groq": "Groq", "openrouter": "OpenRouter",
    "together_ai": "Together AI", "deepseek": "DeepSeek", "xai": "xAI",
    "fireworks_ai": "Fireworks AI", "perplexity": "Perplexity", "huggingface": "Hugging Face",
    "replicate": "Replicate", "deepinfra": "DeepInfra", "cerebras": "Cerebras",
}
_MODEL_NAME_PREFIXES = (
    (("gpt-", "o1", "o3", "o4", "chatgpt-", "text-", "davinci", "babbage"), "OpenAI"),
    (("claude",), "Anthropic"), (("gemini",), "Google"), (("command",), "Cohere"),
    (("mistral", "codestral", "open-mistral", "open-mixtral"), "Mistral AI"),
)


def is_loopback_url(url: str | None) -> bool:
    """True for http(s) addresses on 127.0.0.0/8, ::1 or ``localhost``; no DNS is consulted."""
    if not url:
        return False
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return False
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False  # a name: it could resolve anywhere
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_loopback


def private_mode(flag: bool = False, config: dict | None = None) -> bool:
    """On with ``--private``, ``PERFMIRROR_PRIVATE=1`` or ``private = true`` in config.toml
    (true/false, or the words yes/no, on/off, 1/0; anything else is refused, not ignored)."""
    environment = config_flag(os.environ.get(PRIVATE_VARIABLE, ""), PRIVATE_VARIABLE)
    configured = config_flag((read_config() if config is None else config).get("private", False),
                             "private")
    return flag or environment or configured


def provider_of(model: str) -> str | None:
    return model.split("/", 1)[0] if "/" in model else None


@dataclass(frozen=True)
class Destination:
    """Who receives the conversation for a model."""

    where: str  # "OpenAI", "the server at http://10.0.0.5:8000", "http://127.0.0.1:8765/v1"
    on_this_machine: bool

    def describe(self, model: str) -> str:
        if self.on_this_machine:
            return f"{model} at {self.where} (this machine)"
        return f"{model} at {self.where} (leaves this machine)"


def ollama_base(settings_base: str | None = None) -> str:
    """The address litellm will use for an Ollama model."""
    return settings_base or os.environ.get("OLLAMA_API_BASE") or OLLAMA_DEFAULT_BASE


def destination(settings: ModelSettings) -> Destination:
    provider = provider_of(settings.model)
    if provider == IN_PROCESS_PROVIDER:
        return Destination("this process (in-process model, no network)", True)
    if provider in OLLAMA_PROVIDERS:
        base = ollama_base(settings.api_base)
    elif settings.api_base:
        base = settings.api_base
    else:
        return Destination(_hosted_provider(settings.model, provider), False)
    if is_loopback_url(base):
        return Destination(base, True)
    return Destination(f"the server at {base}", False)


def provider_name(settings: ModelSettings) -> str:
    """Who would receive the conversation, in words for a consent question."""
    return destination(settings).where


def _hosted_provider(model: str, provider: str | None) -> str:
    if provider is not None:
        return _PROVIDERS.get(provider, f"the {provider} provider")
    for prefixes, name in _MODEL_NAME_PREFIXES:
        if model.lower().startswith(prefixes):
            return name
    return f"the provider of {model}"


def check_private(settings: ModelSettings) -> None:
    """Refuse, before anything is sent, a model that private mode does not admit."""
    provider = provider_of(settings.model)
    target = destination(settings)
    if provider == IN_PROCESS_PROVIDER or (provider in LOCAL_SERVER_PROVIDERS
                                           and target.on_this_machine):
        return
    where = target.where
    if target.on_this_machine:  # e.g. anthropic/... through a local proxy that forwards it
        where += f" through the {provider or settings.model} provider, which private mode " \
                 "does not admit"
    raise InvalidInput("model", f"refused in private mode: {settings.model} would send your "
                                f"conversation to {where}", PRIVATE_ALLOWED)


# -- consent for models that leave the machine ------------------------------------------------

Ask = Callable[[str], bool]


def consents_path(home: Path | None = None) -> Path:
    return (home or data_home()) / CONSENTS_NAME


def read_consents(home: Path | None = None) -> dict:
    path = consents_path(home)
    if not path.exists():
        return {}
    try:
        consents = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        raise InvalidInput(CONSENTS_NAME, "is not valid JSON", "delete it to be asked again"
                           ) from None
    return consents if isinstance(consents, dict) else {}


def _record_consent(provider: str, model: str, allowed: bool, home: Path | None,
                    career_memory: bool = False) -> None:
    from .clock import today

    consents = read_consents(home)
    consents[provider] = {"allowed": allowed, "career_memory": allowed and career_memory,
                          "model": model, "on": today().isoformat()}
    path = ensure_private_file(consents_path(home))
    path.write_text(json.dumps(consents, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def ask_in_terminal(question: str) -> bool:
    try:
        answer = input(f"{question} [y/N] ")
    except (EOFError, KeyboardInterrupt):
        return False
    return answer.strip().lower() in {"y", "yes"}


def _has_terminal() -> bool:
    return bool(sys.stdin and sys.stdin.isatty())


@dataclass(frozen=True)
class Sharing:
    """What of the career memory a model may read.

    A model on this machine may read all of it: nothing leaves. A model off the machine never
    reads records marked private, and reads struggles and reflections only if the person said
    yes to the question that names them.
    """

    private_records: bool = True
    struggles_and_reflections: bool = True

    def allows(self, record: object) -> bool:
        if getattr(record, "private", False) and not self.private_records:
            return False
        return (self.struggles_and_reflections
                or getattr(record, "kind", None) not in SENSITIVE_KINDS)

    def kinds(self) -> list[str] | None:
        """The kinds of record to search (None: all of them)."""
        if self.struggles_and_reflections:
            return None
        return [kind for kind in CAREER_KINDS if kind not in SENSITIVE_KINDS]


SENSITIVE_KINDS = ("struggle", "reflection")
EVERYTHING = Sharing()


def conversation_question(model: str, provider: str) -> str:
    return (f"{model} sends what you type here, your entries, your status and the jobs and "
            f"accomplishments in your career memory (never records marked private) to "
            f"{provider}. Send your conversation to {provider}?")


def career_memory_question(provider: str) -> str:
    return (f"Also share the struggles and reflections in your career memory with {provider}, "
            "so its advice can draw on them? (No keeps them on this machine.)")


def ensure_consent(settings: ModelSettings, ask: Ask | None = None,
                   home: Path | None = None) -> Sharing:
    """Ask before the conversation first goes to a provider off this machine; returns what of
    the career memory that provider may read.

    Only a "yes" is remembered as permission; a stored "no" is a record, and the person is
    asked again next time (they chose this model again). Without a terminal and without a
    stored "yes", nothing is sent. Career memory has its own question, asked with the first.
    """
    target = destination(settings)
    if target.on_this_machine:
        return EVERYTHING
    provider = target.where
    stored = read_consents(home).get(provider)
    if isinstance(stored, dict) and stored.get("allowed") is True:
        return Sharing(private_records=False,
                       struggles_and_reflections=stored.get("career_memory") is True)
    if ask is None:
        if not _has_terminal():
            raise PerfMirrorError(
                f"{settings.model} would send your conversation to {provider}, and there is no "
                "terminal to ask you first: run it once in a terminal to agree, or use a local "
                "model (perfmirror models)")
        ask = ask_in_terminal
    allowed = ask(conversation_question(settings.model, provider))
    career_memory = allowed and ask(career_memory_question(provider))
    _record_consent(provider, settings.model, allowed, home, career_memory)
    if not allowed:
        raise PerfMirrorError(f"nothing was sent to {provider}; for a model on this machine "
                              "see `perfmirror models`, or add --private")
    return Sharing(private_records=False, struggles_and_reflections=career_memory)


# -- the check every chat goes through --------------------------------------------------------


def keep_loopback_off_proxies() -> None:
    """httpx sends even 127.0.0.1 through $HTTP(S)_PROXY unless NO_PROXY names it."""
    for name in ("NO_PROXY", "no_proxy"):
        hosts = [h.strip() for h in os.environ.get(name, "").split(",") if h.strip()]
        missing = [h for h in ("127.0.0.1", "localhost", "::1") if h not in hosts]
        if missing:
            os.environ[name] = ",".join(hosts + missing)


def tighten_data_home(home: Path | None = None) -> None:
    """The data directory 0700 and the person's files in it 0600, whoever created them."""
    home = ensure_private_dir(home or data_home())
    for _label, name in DATA_FILES:
        path = home / name
        if path.is_dir():
            ensure_private_dir(path)
        elif path.exists():
            ensure_private_file(path)


@dataclass(frozen=True)
class Admitted:
    """A model that passed the gate (None: offline), and what it may read."""

    settings: ModelSettings | None
    sharing: Sharing = EVERYTHING


def admit(settings: ModelSettings | None, private: bool, ask: Ask | None = None,
          home: Path | None = None) -> Admitted:
    """Check a model before any conversation: private mode's rule, or the person's consent.
    Every way of choosing a model (``--model``, ``/model``, config, discovery) comes here."""
    if settings is None:
        return Admitted(None)  # offline: nothing is sent
    if private:
        check_private(settings)
        sharing = EVERYTHING
    else:
        sharing = ensure_consent(settings, ask, home)
    if destination(settings).on_this_machine:
        keep_loopback_off_proxies()
    return Admitted(settings, sharing)
