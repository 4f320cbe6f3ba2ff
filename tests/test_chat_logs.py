"""Normalised chat logs: each model call and tool call is a row (arguments, result, ok, latency,
model, tokens), and `perfmirror logs` reads them. Driven by a scripted model, not a real one."""

from __future__ import annotations

import json

import pytest

from coach.chat.loop import Coach
from coach.chat.transcript import Transcript
from coach.config import ModelSettings
from coach.tools import all_tools
from coach.tools.context import ToolContext
from perfmirror_core.weeks import IsoWeek
from scripted import ScriptedModel, ScriptedPerson, chunks, reply

WEEK = IsoWeek(2026, 48)
MODEL = "openai/scripted"


@pytest.fixture
def store(cli):
    assert cli("init", "--role", "IC", "--level", "4").code == 0
    from perfmirror_core.store.repository import Store

    return Store()


def with_usage(response: dict, prompt: int, completion: int) -> dict:
    return {**response, "usage": {"prompt_tokens": prompt, "completion_tokens": completion}}


def converse(store, model, *turns: str, on_text=lambda text: None) -> Transcript:
    transcript = Transcript(store, MODEL)
    context = ToolContext(store=store, person=ScriptedPerson(), week=WEEK, current_week=WEEK)
    coach = Coach(ModelSettings(MODEL, "http://127.0.0.1:9"), all_tools(), context,
                  "system prompt", completion=model, on_text=on_text, transcript=transcript)
    for text in turns:
        coach.turn(text)
    return transcript


def test_each_model_and_tool_call_is_a_row_with_its_outcome(store):
    """Round 1 calls two tools (one with a category that does not exist), round 2 answers:
    two model calls with the provider's token counts, two tool calls, one of them failed."""
    model = ScriptedModel(
        with_usage(reply(tool_calls=[("list_categories", {}),
                                     ("get_status", {"week": "banana"})]), 120, 30),
        with_usage(reply("Here they are."), 180, 12))
    transcript = converse(store, model, "list my categories")
    log = store.session_log(transcript.session_id)
    assert [m.role for m in log.messages] == ["user", "assistant"]
    assert [(c.model, c.prompt_tokens, c.completion_tokens, c.ok) for c in log.model_calls] == [
        (MODEL, 120, 30, True), (MODEL, 180, 12, True)]
    assert all(c.message_id == log.messages[0].id for c in log.model_calls)
    first, second = log.tool_calls
    assert (first.name, json.loads(first.arguments), first.ok) == ("list_categories", {}, True)
    assert "Code review" in first.result
    assert (second.name, second.ok) == ("get_status", False)
    assert json.loads(second.arguments) == {"week": "banana"}
    assert "error" in json.loads(second.result)
    assert {c.model_call_id for c in log.tool_calls} == {log.model_calls[0].id}
    assert all(c.latency_ms >= 0 for c in log.tool_calls + log.model_calls)
    assert (log.session.tool_calls, log.session.failed_tool_calls,
            log.session.prompt_tokens, log.session.completion_tokens) == (2, 1, 300, 42)


def test_a_provider_failure_is_a_failed_model_call_with_its_reason(store):
    model = ScriptedModel(ConnectionError("refused"))
    transcript = converse(store, model, "hello")
    (call,) = store.session_log(transcript.session_id).model_calls
    assert not call.ok and call.error.startswith("model error (ConnectionError)")
    assert call.prompt_tokens is None


def test_a_streamed_reply_keeps_the_usage_its_last_chunk_carries(store):
    stream = iter([{"choices": [{"delta": {"content": "Hi"}}]},
                   {"choices": [{"delta": {"content": " there"}}]},
                   {"choices": [], "usage": {"prompt_tokens": 50, "completion_tokens": 2}}])
    transcript = converse(store, ScriptedModel(stream), "hello")
    (call,) = store.session_log(transcript.session_id).model_calls
    assert (call.prompt_tokens, call.completion_tokens, call.ok) == (50, 2, True)


def test_a_bug_in_showing_the_answer_is_not_reported_as_a_model_error(store):
    """Our own rendering failing must surface as our failure, not as "model error (...)"."""
    def broken_display(text: str) -> None:
        raise ValueError("render bug")

    model = ScriptedModel(chunks({"content": "Hello"}))
    with pytest.raises(ValueError, match="render bug"):
        converse(store, model, "hi", on_text=broken_display)


def test_logs_lists_sessions_and_filters_failed_calls(store, cli):
    model = ScriptedModel(reply(tool_calls=[("get_status", {"week": "banana"})]),
                          reply("No such category."),
                          reply(tool_calls=[("list_categories", {})]), reply("Done."))
    transcript = converse(store, model, "status for banana", "list them")
    sessions = json.loads(cli("logs", "--json").out)
    assert sessions[0]["id"] == transcript.session_id
    assert (sessions[0]["tool_calls"], sessions[0]["failed_tool_calls"]) == (2, 1)
    failed = json.loads(cli("logs", "--failed", "--json").out)
    assert [c["name"] for c in failed] == ["get_status"]
    assert [c["name"] for c in json.loads(cli("logs", "--calls", "--json").out)] == [
        "list_categories", "get_status"]
    assert json.loads(cli("logs", "--calls", "--since", "2999-01-01", "--json").out) == []
    assert json.loads(cli("logs", "--calls", "--since", "2999-W01", "--json").out) == []
    assert len(json.loads(cli("logs", "--calls", "--since", "2000", "--json").out)) == 2
    text = cli("logs", "--session", str(transcript.session_id)).out
    assert "user: status for banana" in text and "get_status" in text and "FAILED" in text
    assert "user: list them" in text and "list_categories({}) ok" in text


@pytest.mark.parametrize("argv, field", [(["--since", "2026-13-01"], "since"),
                                         (["--limit", "0"], "limit"),
                                         (["--session", "999"], "session")])
def test_logs_refuses_bad_input_in_one_line(store, cli, argv, field):
    result = cli("logs", *argv)
    assert result.code == 2 and field in result.err and len(result.err.strip().splitlines()) == 1


def test_a_conversation_survives_export_and_import_with_its_calls(store, cli, tmp_path):
    """Every role the chat writes (reflection, warning, sources, error) and the call tables go
    through `data export` and `data import --replace` unchanged."""
    model = ScriptedModel(with_usage(reply(tool_calls=[("list_categories", {})]), 10, 2),
                          reply("Here."), ConnectionError("gone"))
    transcript = converse(store, model, "list", "again")
    transcript.message("reflection", "What went well?\nThe launch.")
    transcript.message("sources", "#1")
    before = store.session_log(transcript.session_id)
    exported = tmp_path / "export.json"
    assert cli("data", "export", "--out", str(exported)).code == 0
    result = cli("data", "import", str(exported), "--replace", "--yes")
    assert result.code == 0, result.err
    assert store.session_log(transcript.session_id) == before


def test_a_small_models_text_requests_are_logged_too(store):
    """The small-model mode calls the model outside the tool loop (a summary, a question):
    those calls are in the log as well, failures included."""
    from coach.chat.small_model import write

    transcript = Transcript(store, MODEL)
    transcript.message("user", "I shipped the export")
    settings = ModelSettings(MODEL, "http://127.0.0.1:9")
    model = ScriptedModel(with_usage(reply("Nice work on the export."), 40, 6),
                          ConnectionError("down"))
    assert write(settings, "summarise", model, transcript) == "Nice work on the export."
    assert write(settings, "summarise", model, transcript) == ""
    calls = store.session_log(transcript.session_id).model_calls
    assert [(c.ok, c.prompt_tokens) for c in calls] == [(True, 40), (False, None)]
    assert "ConnectionError" in calls[1].error


def test_held_messages_are_written_on_release_in_order_and_only_then(store):
    """The chat's opening is held back so the prompt never waits for a write (#12), then
    written, in order, before what the person says next."""
    transcript = Transcript(store, MODEL)
    transcript.hold()
    transcript.message("warning", "logging-stopped: no entries for 2 weeks")
    transcript.message("assistant", "What did you do this week?")
    assert transcript.session_id is None and store.chat_sessions(10) == []
    transcript.release()
    transcript.message("user", "Fixed two bugs.")
    assert [role for role, _ in store.chat_messages(transcript.session_id)] == [
        "warning", "assistant", "user"]
    transcript.release()  # nothing held: nothing written twice
    assert len(store.chat_messages(transcript.session_id)) == 3
