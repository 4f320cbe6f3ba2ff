"""A full weekly check-in against a real model, replayed from a vcrpy cassette.

Recorded from SmolLM2-135M-Instruct served by llama-cpp-python (chatml-function-calling) on
127.0.0.1:8765; see tests/cassettes/README.md to re-record (RECORD=1). Replay uses record mode
"none" and matches request bodies, so any drift in prompts or tool schemas fails loudly
instead of reaching the network. The model is tiny: its prose is poor and its counts can be
wrong, which is the point: the check-in must still propose, confirm, log and show the status
with every number coming from the core.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
import vcr
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console

from coach.config import ModelSettings
from coach.chat.io import TerminalIO
from coach.chat.repl import ChatRepl
from perfmirror_core.weeks import IsoWeek

CASSETTES = Path(__file__).parent / "cassettes"
RECORDING = os.environ.get("RECORD") == "1"
SMOLLM2 = ModelSettings("openai/smollm2", "http://127.0.0.1:8765/v1", stream=False,
                        temperature=0.0, quirks="llama-cpp-chatml")


def cassette(name: str):
    recorder = vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        record_mode="once" if RECORDING else "none",
        match_on=["method", "scheme", "host", "port", "path", "query", "body"],
        filter_headers=["authorization", "api-key", "x-api-key", "cookie", "openai-organization"],
        decode_compressed_response=True,
    )
    return recorder.use_cassette(name)


@pytest.fixture
def store(cli):
    assert cli("init", "--role", "IC", "--level", "4").code == 0
    from perfmirror_core.store.repository import Store

    return Store()


def run_checkin(store, typed: str, tmp_path) -> str:
    console = Console(record=True, width=100)
    with create_pipe_input() as pipe:
        pipe.send_text(typed)

        def make_io(**options):
            return TerminalIO(tmp_path / "history", **options, input=pipe,
                              output=DummyOutput(), console=console)

        ChatRepl(store, make_io, SMOLLM2, IsoWeek(2026, 48), checkin=True).run()
    return console.export_text()


def test_recorded_checkin_proposes_confirms_logs_and_shows_status(store, tmp_path):
    with cassette("checkin_smollm2.yaml") as recorded:
        out = run_checkin(store, "This week I reviewed 4 pull requests and fixed 2 bugs.\r"
                                 "y\r\rI finally unblocked the release.\rn\r\r\x04", tmp_path)
        if not RECORDING:
            assert recorded.all_played, "a recorded request was not replayed"
    assert "To log:" in out  # the model proposed; the piped "y" confirmed
    rows = sqlite3.connect(store.path).execute(
        "SELECT c.name, e.source, e.message_id FROM activity_entry e "
        "JOIN category c ON c.id = e.category_id").fetchall()
    assert rows and all(source == "chat" and message_id for _, source, message_id in rows)
    assert "Where you stand" in out  # the core's card, rendered verbatim
    transcript = sqlite3.connect(store.path).execute(
        "SELECT role, content FROM chat_message ORDER BY id").fetchall()
    roles = [role for role, _ in transcript]
    assert "reflection" in roles and "tool" not in roles  # tool calls are rows of their own
    tools_called = [name for (name,) in sqlite3.connect(store.path).execute(
        "SELECT name FROM tool_call ORDER BY id")]
    assert "propose_activities" in tools_called and "get_status" in tools_called


def test_cassettes_hold_no_secrets():
    for path in CASSETTES.glob("*.yaml"):
        text = path.read_text()
        assert "sk-local" not in text and "Bearer" not in text, path.name
