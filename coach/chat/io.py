"""All terminal input and output of the chat, in one thin layer (prompt-toolkit in, rich out).

The REPL and the tools talk to the person only through ``TerminalIO``, so a test can swap the
terminal for a pipe, and the rest of the coach never touches stdin or stdout.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from prompt_toolkit import PromptSession
from prompt_toolkit.completion import Completer, Completion, WordCompleter
from prompt_toolkit.history import FileHistory
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.utils import is_dumb_terminal
from rich.console import Console

from perfmirror_core.errors import InvalidInput
from perfmirror_core.listmarkers import is_list_item
from perfmirror_core.scoring import StatusReport
from perfmirror_core.store.paths import ensure_private_file

from ..tools.context import ProposedEntry

# A confirmation asked this often without a yes or no counts as no (a script piped in must not
# have its every later line swallowed by one question).
ASKS_BEFORE_DECLINING = 3


class SlashCompleter(Completer):
    """Completes /commands at the start of a line and category names anywhere."""

    def __init__(self, commands: Iterable[str], categories: Iterable[str]) -> None:
        self.commands = WordCompleter([f"/{name}" for name in commands], sentence=True)
        self.categories = WordCompleter(list(categories), ignore_case=True, sentence=True)

    def get_completions(self, document, complete_event) -> Iterable[Completion]:
        if document.text_before_cursor.startswith("/") and " " not in document.text_before_cursor:
            yield from self.commands.get_completions(document, complete_event)
        else:
            yield from self.categories.get_completions(document, complete_event)


def _bindings() -> KeyBindings:
    """Enter sends; Esc then Enter (or Alt-Enter) starts a new line, for longer notes."""
    bindings = KeyBindings()

    @bindings.add("escape", "enter")
    def _(event) -> None:
        event.current_buffer.insert_text("\n")

    return bindings


_HEADING = re.compile(r"^\s*(?:#+\s*)?(?:\*\*)?[A-Za-z][\w /&'-]{0,40}(?:\*\*)?:(?:\*\*)?\s*$")


def is_list_line(line: str) -> bool:
    """A bullet ("- fixed X", "2. wrote Y") or a heading alone on its line ("Done:", "## Next:")."""
    return is_list_item(line) or bool(_HEADING.match(line))


class TerminalIO:
    """The terminal, or a pipe: when stdin is not a terminal (``chat < file``, ``cat f | chat``)
    lines are read plainly and echoed after their prompt, so the output reads as a transcript."""

    def __init__(self, history_file: Path | None, commands: Iterable[str] = (),
                 categories: Iterable[str] = (), *, input=None, output=None,
                 console: Console | None = None, lines: TextIO | None = None) -> None:
        self.console = console or Console(highlight=False, emoji=False)
        if lines is None and input is None and not sys.stdin.isatty():
            lines = sys.stdin
        self.lines = lines
        self._pending: str | None = None  # a line read ahead of a piped message, not yet used
        self.session: PromptSession | None = None
        if lines is None:
            history = (FileHistory(str(ensure_private_file(history_file))) if history_file
                       else None)
            self.session = PromptSession(
                history=history, completer=SlashCompleter(commands, categories),
                key_bindings=_bindings(), multiline=False, input=input, output=output)

    # -- reading ------------------------------------------------------------------------------

    def read(self, prompt: str = "you> ", when_shown: Callable[[], None] | None = None) -> str:
        """One message from the person; raises EOFError on Ctrl-D, KeyboardInterrupt on Ctrl-C.
        ``when_shown`` runs once the prompt is on screen (to start slow work while they type)."""
        if when_shown is not None and (self.session is None or is_dumb_terminal()):
            when_shown()  # no render hook without a full-screen prompt: start it now
            when_shown = None
        if when_shown is None:
            return self._prompt(prompt) if self.session is not None else self._piped_message(prompt)
        app = self.session.app

        def once(_app: object) -> None:
            app.after_render -= once
            when_shown()

        return self.session.prompt(prompt, pre_run=lambda: app.after_render.add_handler(once))

    def ask(self, question: str) -> str:
        return self._prompt(question + " ")

    def _prompt(self, prompt: str) -> str:
        if self.session is not None:
            return self.session.prompt(prompt)
        line = self._next_line()
        if line is None:
            raise EOFError
        self.console.print(prompt + line, markup=False)
        return line

    def _next_line(self) -> str | None:
        if self._pending is not None:
            line, self._pending = self._pending, None
            return line
        raw = self.lines.readline() if self.lines else ""
        return raw.rstrip("\r\n") if raw else None

    def _piped_message(self, prompt: str) -> str:
        """One message from a pipe. A pasted status note ("Done:", then "- ..." lines, then
        "Next:") is one message, as a paste into the terminal is: read line by line, "Done:"
        alone logged nothing and the bullets after it answered the questions that followed.
        The block ends at a blank line or at a line that is neither a heading, a bullet nor
        indented under one (kept for the next read: an answer such as "y")."""
        first = self._next_line()
        if first is None:
            raise EOFError
        block = [first]
        if is_list_line(first):
            while (line := self._next_line()) is not None:
                if not line.strip():
                    break
                if not (is_list_line(line) or line[:1] in (" ", "\t")):
                    self._pending = line
                    break
                block.append(line)
        self.console.print(prompt + "\n".join(block), markup=False)
        return "\n".join(block)

    # -- writing ------------------------------------------------------------------------------

    def say(self, text: str) -> None:
        self.console.print(text)

    def markdown(self, text: str) -> None:
        from rich.markdown import Markdown  # markdown-it and friends: not before the prompt

        self.console.print(Markdown(text))

    def plain(self, text: str) -> None:
        """Text from outside (the model, the person, the database): never read as markup."""
        self.console.print(text, markup=False)

    def stream(self, piece: str) -> None:
        self.console.print(piece, end="", soft_wrap=True, markup=False)

    def problem(self, text: str) -> None:
        self.console.print(text, style="yellow", markup=False)

    # -- the Person protocol the tools use ----------------------------------------------------

    def show_status(self, report: StatusReport, forecast: str | None = None) -> None:
        from ..render import status_renderable

        self.console.print(status_renderable(report, forecast))

    def confirm(self, question: str) -> bool:
        """Only an explicit yes agrees; Enter alone asks again (a write needs a real yes), and
        after three answers that are neither, the answer is no."""
        for _ in range(ASKS_BEFORE_DECLINING):
            answer = self.ask(f"{question} [y/n]").strip().lower()
            if answer in ("y", "yes", "n", "no"):
                return answer in ("y", "yes")
            self.say("Please answer y (yes) or n (no).")
        return False

    def confirm_entries(self, proposals: list[ProposedEntry]) -> list[ProposedEntry]:
        """Show everything that would be stored; y writes it, n writes nothing, e edits the
        counts. Enter alone shows the choices again: it never confirms a write."""
        self.say("[bold]To log:[/]")
        for number, proposal in enumerate(proposals, 1):
            self.plain(f"  {number}. {proposal.describe()}")
        for _ in range(ASKS_BEFORE_DECLINING):
            answer = self.ask("Log these? [y]es / [e]dit / [n]o").strip().lower()
            if answer in ("y", "yes"):
                return proposals
            if answer in ("n", "no"):
                break
            if answer in ("e", "edit"):
                return self._edit(proposals)
            self.say("Please answer y (log them), e (edit the counts) or n (log nothing).")
        self.say("Nothing logged.")
        return []

    def _edit(self, proposals: list[ProposedEntry]) -> list[ProposedEntry]:
        """Ask for each count (Enter keeps it, 0 drops the entry)."""
        from perfmirror_core import validation

        kept = []
        for proposal in proposals:
            while True:
                raw = self.ask(f"  {proposal.category} in {proposal.week} [{proposal.count}]:")
                try:
                    count = proposal.count if not raw.strip() else validation.count(raw)
                    break
                except InvalidInput as error:
                    self.problem(str(error))
            if count:
                kept.append(ProposedEntry(proposal.category, count, proposal.week,
                                          proposal.reference, proposal.note))
        return kept
