"""`chat`, `checkin` and `extract`: the conversation and its model choice."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from perfmirror_core.errors import PerfMirrorError
from perfmirror_core.text import plural

from ..clock import this_week
from .common import open_store, print_json
from .registry import arg, command

if TYPE_CHECKING:
    from perfmirror_core.extract import CategoryVocabulary


_MODEL_ARGUMENTS = (
    arg("--model", help="a litellm model, e.g. ollama_chat/llama3.2 or openai/NAME with "
                        "--api-base; default $PERFMIRROR_MODEL or config.toml; none = offline"),
    arg("--api-base", help="the server of an OpenAI-compatible or Ollama model"),
    arg("--no-stream", action="store_true",
        help="wait for whole replies (for servers that cannot stream tool calls)"),
    arg("--quirks", help="comma-separated: llama-cpp-chatml (llama-cpp-python's "
                         "chatml-function-calling server), small-model (the model only writes a "
                         "question or a summary; perf-mirror does the rest), full-tools"),
    arg("--private", action="store_true",
        help="only a model on this machine (also PERFMIRROR_PRIVATE=1 or private = true in "
             "config.toml); anything else is refused before a byte is sent"),
)


def _chat(args: argparse.Namespace, checkin: bool) -> int:
    from ..chat.admission import choose_model
    from ..config import model_name, resolve_model
    from ..chat.io import TerminalIO
    from ..chat.repl import ChatRepl
    from perfmirror_core.store.paths import data_home

    from .. import privacy

    # The model is judged before anything is opened, written or sent.
    private = privacy.private_mode(args.private)
    settings = resolve_model(args.model, args.api_base, no_stream=args.no_stream,
                             flag_quirks=args.quirks)
    if settings is None and model_name(args.model) is None:  # `none` is a choice: offline
        settings = discover_ollama()
    admitted = choose_model(settings, private)
    store = open_store()
    if not store.is_initialised():
        raise PerfMirrorError("no profile yet: run `perfmirror init --role IC --level 4` first")
    privacy.tighten_data_home()
    history = data_home() / "chat_history"

    def make_io(**options):
        return TerminalIO(history, **options)

    return ChatRepl(store, make_io, admitted.settings, this_week(), checkin=checkin,
                    private=private).run()


def discover_ollama():
    """With no model configured, use a model of an Ollama answering on this machine, if any:
    the coach works without more set-up. ``PERFMIRROR_DISCOVER=0`` turns this off."""
    import os

    if os.environ.get("PERFMIRROR_DISCOVER", "1") == "0":
        return None
    from .privacy import ollama_address, ollama_models
    from ..config import ModelSettings

    base, _ = ollama_address()
    models = ollama_models(base)
    if not models:
        return None
    print(f"Using Ollama's {models[0]} found on this machine ({plural(len(models), 'model')}; "
          "`perfmirror models` lists them, --model chooses).", file=sys.stderr)
    return ModelSettings(f"ollama_chat/{models[0]}", api_base=base)


@command("chat", *_MODEL_ARGUMENTS)
def cmd_chat(args: argparse.Namespace) -> int:
    """Talk to your coach: log your week in your own words, ask where you stand."""
    return _chat(args, checkin=False)


@command("checkin", *_MODEL_ARGUMENTS)
def cmd_checkin(args: argparse.Namespace) -> int:
    """The guided weekly check-in: what you did, the routine you left out, status, one question."""
    return _chat(args, checkin=True)


@command("extract",
         arg("text", help="what you did, in your own words"),
         arg("--json", action="store_true"))
def cmd_extract(args: argparse.Namespace) -> int:
    """Propose (category, count) pairs from text, with no model; writes nothing."""
    from perfmirror_core.extract import extract_activities

    found = extract_activities(args.text, _vocabulary_without_writing())
    if args.json:
        print_json({"activities": [{"category": a.category, "count": a.count} for a in found]})
    elif not found:
        print("No activities recognised.")
    for item in found if not args.json else []:
        print(f"{item.count} x {item.category}    <- {item.phrase}")
    return 0


def _vocabulary_without_writing() -> list[CategoryVocabulary]:
    """Your categories if you have a database, else the defaults; never creates a file."""
    from perfmirror_core.extract import CategoryVocabulary
    from perfmirror_core.store.paths import database_path

    if database_path().exists():
        vocabulary = open_store().vocabulary()
        if vocabulary:
            return vocabulary
    from perfmirror_core.frameworks import default_framework

    return [CategoryVocabulary(c.name, c.synonyms, c.description)
            for c in default_framework().categories]
