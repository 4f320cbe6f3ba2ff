"""The real REPL driven through prompt-toolkit's pipe input, its screen recorded by rich."""

from __future__ import annotations

from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from coach.chat.io import TerminalIO
from coach.chat.repl import ChatRepl


def run_repl(store, typed: str, tmp_path, *, week, width: int = 100, settings=None,
             completion=None, **repl_options):
    """Type ``typed`` into a ChatRepl over ``store``; the recorded screen text and the REPL."""
    console = Console(record=True, width=width, force_terminal=False)
    with create_pipe_input() as pipe:
        pipe.send_text(typed)

        def make_io(**options):
            return TerminalIO(tmp_path / "history", **options, input=pipe, output=DummyOutput(),
                              console=console)

        repl = ChatRepl(store, make_io, settings, week, completion=completion, **repl_options)
        repl.run()
    return console.export_text(), repl
