"""The coach grounds advice in the person's own history: a real recorded conversation.

Recorded from SmolLM2-135M (see tests/cassettes/README.md). The person asks about delegation;
perf-mirror recalls the 2019 struggle from career memory (MiniLM embedding, or the lexical
fallback when the model package is missing), gives it to the model as grounding, and cites
its id under the answer; /sources shows it in full.
"""

from __future__ import annotations

import json
import sqlite3

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from coach.chat.io import TerminalIO
from coach.chat.repl import ChatRepl
from perfmirror_core.weeks import IsoWeek
from test_chat_cassettes import RECORDING, SMOLLM2, cassette

CAREER = [
    ["--kind", "job", "--org", "Quillbank", "--title", "Engineering manager", "--start",
     "2019-01", "--end", "2021-06", "First time managing: five backend engineers on payments"],
    ["--kind", "struggle", "--when", "2019-04", "--job", "1", "--resolved", "2019-09",
     "--resolution", "A weekly review with my manager of what I had not handed off; each "
                     "senior engineer got a stream of work to own end to end",
     "I kept taking the hardest tickets myself instead of handing them to the team, so "
     "reviews piled up on me and the team stalled"],
    ["--kind", "accomplishment", "--when", "2021", "--org", "Finly",
     "Led the migration RFC that retired the legacy queue"],
    ["--kind", "reflection", "--when", "2024-03",
     "I do my best work when I write things down before meetings"],
]


@pytest.fixture
def store(cli):
    assert cli("init", "--role", "Manager", "--level", "6").code == 0
    for args in CAREER:
        result = cli("history", "add", *args)
        assert result.code == 0, result.err
    from perfmirror_core.store.repository import Store

    return Store()


def test_advice_on_delegation_recalls_and_cites_the_2019_struggle(store, tmp_path):
    console = Console(record=True, width=120)
    with cassette("delegation_smollm2.yaml") as recorded:
        with create_pipe_input() as pipe:
            pipe.send_text("How can I get better at delegating to my new team?\r/sources\r\x04")

            def make_io(**options):
                return TerminalIO(tmp_path / "history", **options, input=pipe,
                                  output=DummyOutput(), console=console)

            ChatRepl(store, make_io, SMOLLM2, IsoWeek(2026, 48)).run()
        if not RECORDING:
            assert recorded.all_played
        sent = json.loads(recorded.requests[0].body)["messages"][-1]["content"]
    out = console.export_text()
    assert "[#2] Struggle (2019-04, Quillbank, Engineering manager)" in sent  # grounding the model was given
    assert "Sources from your career memory: #2" in out  # the struggle is the first citation
    assert "#2 Struggle (2019-04, Quillbank, Engineering manager): I kept taking" in out
    assert "Resolved 2019-09: A weekly review" in out  # /sources shows it in full
    sources = sqlite3.connect(store.path).execute(
        "SELECT content FROM chat_message WHERE role = 'sources'").fetchall()
    assert sources and sources[0][0].startswith("#2")
