"""``perfmirror models`` and ``perfmirror doctor``: which models run here, where data lives.

Neither command imports litellm, chromadb or onnxruntime, and neither sends anything off the
machine: ``models`` asks only a loopback Ollama (the standard library, half a second at most).
"""

from __future__ import annotations

import argparse
import json
import os
import stat
from pathlib import Path

from .common import print_json
from .registry import arg, command

OLLAMA_LOCAL_BASE = "http://127.0.0.1:11434"
OLLAMA_TIMEOUT = 0.5

START_A_MODEL = """\
No local model server answered at {base}. To chat with a model on this machine:
  Ollama:     ollama serve   then   ollama pull llama3.2
              perfmirror chat --model ollama_chat/llama3.2
  llama.cpp:  start an OpenAI-compatible server (llama-server, llama_cpp.server, LM Studio,
              vLLM) on 127.0.0.1, then
              perfmirror chat --model openai/NAME --api-base http://127.0.0.1:8080/v1 \\
                              --quirks llama-cpp-chatml
  In-process: pip install 'perfmirror[local]'   then   perfmirror chat --model local/smollm2
Add --private to refuse any model that is not on this machine."""


def ollama_address() -> tuple[str, str | None]:
    """The Ollama to ask, and why another one was not asked."""
    configured = os.environ.get("OLLAMA_API_BASE")
    if not configured:
        return OLLAMA_LOCAL_BASE, None
    from ..privacy import is_loopback_url

    if is_loopback_url(configured):
        return configured.rstrip("/"), None
    return OLLAMA_LOCAL_BASE, (f"OLLAMA_API_BASE={configured} is not on this machine: "
                               "not asked")


def ollama_models(base: str, timeout: float = OLLAMA_TIMEOUT) -> list[str] | None:
    """Model names from the Ollama at ``base``, or None when none answers."""
    import urllib.request  # here, not at the top: every command pays for the module's import

    # No proxy: $HTTP_PROXY would otherwise carry even a loopback request off the machine.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"{base}/api/tags", timeout=timeout) as response:
            payload = json.load(response)
    except (OSError, ValueError):  # refused, timed out, not HTTP, not JSON
        return None
    models = payload.get("models") if isinstance(payload, dict) else None
    if not isinstance(models, list):
        return None
    return sorted(str(m.get("name") or m.get("model")) for m in models
                  if isinstance(m, dict) and (m.get("name") or m.get("model")))


@command("models", arg("--json", action="store_true"))
def cmd_models(args: argparse.Namespace) -> int:
    """Models you can chat with on this machine (a running Ollama, the in-process model)."""
    from ..chat.local_model import available_models

    base, note = ollama_address()
    names = ollama_models(base)
    ollama = [f"ollama_chat/{name}" for name in names or []]
    local = available_models()
    if args.json:
        print_json({"ollama": {"base": base, "answered": names is not None, "models": ollama,
                                "note": note},
                     "in_process": local})
        return 0
    if note:
        print(note)
    for model in ollama + local:
        print(model)
    if names is None and not local:
        print(START_A_MODEL.format(base=base))
    elif names is None:
        print(f"(no Ollama at {base})")
    elif not names:
        print(f"Ollama at {base} has no models yet: ollama pull llama3.2")
    return 0


# -- doctor ------------------------------------------------------------------------------------


def file_report(label: str, path: Path) -> dict:
    if not path.exists():
        return {"name": label, "path": str(path), "exists": False, "mode": None,
                "owner_only": None}
    mode = stat.S_IMODE(path.stat().st_mode)
    return {"name": label, "path": str(path), "exists": True, "mode": f"{mode:04o}",
            "owner_only": mode & 0o077 == 0}


def model_report(private: bool) -> dict:
    from perfmirror_core.errors import PerfMirrorError

    from ..config import resolve_model
    from ..privacy import check_private, destination

    try:
        settings = resolve_model()
    except PerfMirrorError as error:
        return {"model": None, "summary": f"config problem: {error}", "on_this_machine": None,
                "refused": str(error)}
    if settings is None:
        return {"model": None, "summary": "no model: nothing is sent", "on_this_machine": True,
                "refused": None}
    target = destination(settings)
    refused = None
    if private:
        try:
            check_private(settings)
        except PerfMirrorError as error:
            refused = str(error)
    return {"model": settings.model, "api_base": settings.api_base, "where": target.where,
            "on_this_machine": target.on_this_machine,
            "summary": target.describe(settings.model), "refused": refused}


def _switch(name: str, value: str | None, default: str, offline: bool, set_by: str) -> dict:
    return {"name": name, "value": value if value is not None else default,
            "source": "environment" if value is not None else set_by, "offline": offline}


def switches() -> list[dict]:
    """The settings that keep libraries from calling home, as they will be when they load."""
    from ..chat.llm import OFFLINE_SETTINGS

    report = []
    for name in ("LITELLM_LOCAL_MODEL_COST_MAP", "LITELLM_OFFLINE_MODE", "LITELLM_TELEMETRY"):
        value = os.environ.get(name)
        effective = (value if value is not None else OFFLINE_SETTINGS[name]).lower()
        wanted = "false" if name == "LITELLM_TELEMETRY" else "true"
        report.append(_switch(name, value, OFFLINE_SETTINGS[name], effective == wanted,
                              "perfmirror, before litellm loads"))
    value = os.environ.get("ORT_DISABLE_TELEMETRY")
    report.append(_switch("ORT_DISABLE_TELEMETRY", value, "1", (value or "1") == "1",
                          "perfmirror, before onnxruntime loads"))
    report.append({"name": "chromadb anonymized_telemetry", "value": str(not _chroma_quiet()),
                   "source": "the memory index's chromadb Settings", "offline": _chroma_quiet()})
    proxies = [name for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy",
                                 "ALL_PROXY", "all_proxy") if os.environ.get(name)]
    if proxies:
        report.append({"name": "proxy", "value": ", ".join(proxies),
                       "source": "environment (loopback hosts are added to NO_PROXY for chat)",
                       "offline": True})
    return report


def _chroma_quiet() -> bool:
    """Whether the memory index turns chromadb's telemetry off, read from its source so that
    doctor never imports chromadb."""
    import importlib.util

    for module in ("coach.memory.index", "coach.memory.service"):
        try:
            spec = importlib.util.find_spec(module)
        except ModuleNotFoundError:
            continue
        if spec and spec.origin and "anonymized_telemetry=False" in \
                Path(spec.origin).read_text(encoding="utf-8"):
            return True
    return False


@command("doctor", arg("--private", action="store_true", help="check as if --private were given"),
         arg("--json", action="store_true"))
def cmd_doctor(args: argparse.Namespace) -> int:
    """Where your data lives, who can read it, and what would leave this machine."""
    from perfmirror_core.store.paths import data_home

    from ..privacy import DATA_FILES, private_mode

    home = data_home()
    files = [file_report(label, home / name) for label, name in DATA_FILES]
    private = private_mode(args.private)
    model = model_report(private)
    quiet = switches()
    holds = model["model"] is None or (private and model["on_this_machine"] is True
                                       and model["refused"] is None)
    payload = {"data_dir": file_report("data directory", home), "files": files,
               "model": model, "switches": quiet,
               "private_mode": {"on": private, "holds": holds}}
    if args.json:
        print_json(payload)
        return 0
    print("Your data")
    for entry in [payload["data_dir"], *files]:
        if not entry["exists"]:
            state = "not created yet"
        else:
            who = "owner only" if entry["owner_only"] else "READABLE BY OTHERS"
            state = f"{entry['mode']} {who}"
        print(f"  {entry['name']:<22} {entry['path']}  ({state})")
    print("Model")
    print(f"  {model['summary']}")
    if model["refused"]:
        print(f"  private mode would refuse it: {model['refused']}")
    print("Switches")
    for switch in quiet:
        verdict = "ok" if switch["offline"] else "CALLS HOME"
        print(f"  {switch['name']:<30} {switch['value']:<8} {verdict}  ({switch['source']})")
    if holds:
        reason = "no model is configured" if model["model"] is None else \
            f"private mode is on and {model['model']} runs on this machine"
        print(f"Private mode holds: {reason}; nothing you type leaves this machine.")
    else:
        reason = "private mode is off" if not private else "the model is not local"
        print(f"Private mode does NOT hold: {reason}. Use --private (or private = true in "
              "config.toml) with a local model; see `perfmirror models`.")
    return 0
