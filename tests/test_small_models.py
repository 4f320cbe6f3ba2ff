"""What a small local model gets and what the person sees of its answers: only the forced tool's
schema, a history that fits the measured window, the real error when it does not, and answers
without tool syntax or HTML entities. The models here are scripted, not real."""

from __future__ import annotations

import json
import sqlite3

import pytest
from scripted import ScriptedModel, ScriptedPerson, reply

from coach.chat import context_window
from coach.config import ModelSettings
from coach.chat.loop import Coach
from coach.chat.transcript import Transcript
from coach.tools import all_tools
from coach.tools.context import ToolContext
from perfmirror_core.weeks import IsoWeek

WEEK = IsoWeek(2026, 48)
LOOPBACK = ModelSettings("openai/scripted", "http://127.0.0.1:9", stream=False)
CHATML = ModelSettings("openai/smollm2", "http://127.0.0.1:9", stream=False,
                       quirks="llama-cpp-chatml")
OVERFLOW = "Requested tokens (4524) exceed context window of 4096"


class APIConnectionError(Exception):
    """What litellm raises when llama-cpp-python's in-process ValueError comes back."""


@pytest.fixture
def store(cli):
    assert cli("init", "--role", "IC", "--level", "4").code == 0
    from perfmirror_core.store.repository import Store

    return Store()


def make_coach(store, model, settings=LOOPBACK, person=None):
    session = store.start_chat_session("scripted")
    transcript = Transcript(store, "scripted", session_id=session)
    context = ToolContext(store=store, person=person or ScriptedPerson(), week=WEEK,
                          current_week=WEEK)
    shown: list[str] = []
    coach = Coach(settings, all_tools(), context, "system prompt", completion=model,
                  on_text=shown.append,
                  transcript=transcript)
    return coach, shown, session


def tool_names(request: dict) -> list[str]:
    return [tool["function"]["name"] for tool in request["tools"]]


def test_a_forced_call_sends_only_that_tools_schema(store):
    model = ScriptedModel(reply(tool_calls=[("get_status", {})]), reply("Done."))
    coach, _, _ = make_coach(store, model)
    coach.turn("Where am I?", required_tool="get_status")
    assert tool_names(model.requests[0]) == ["get_status"]
    assert len(tool_names(model.requests[1])) == len(all_tools())  # a free round: all of them


@pytest.mark.parametrize("raw, shown", [
    ("functions.get_status:\n{ }\nYou are Underperforming.", "You are Underperforming."),
    ("You said &amp;#34;ship it&amp;#34; &amp; it shipped.", 'You said "ship it" & it shipped.'),
    ("<tool_call>{\"name\": \"get_status\"}</tool_call>Keep going.", "Keep going."),
])
def test_tool_syntax_and_html_entities_never_reach_the_person(store, raw, shown):
    model = ScriptedModel(reply(raw))
    coach, on_screen, _ = make_coach(store, model)
    result = coach.turn("hello")
    assert result.text == shown and "".join(on_screen) == shown
    saved = sqlite3.connect(store.path).execute(
        "SELECT content FROM chat_message WHERE role = 'assistant'").fetchall()
    assert saved == [(shown,)]


def test_an_answer_that_is_only_tool_syntax_says_so_instead_of_showing_it(store):
    model = ScriptedModel(reply(tool_calls=[("get_status", {})]),
                          reply("functions.get_status:\n{ }"))
    coach, on_screen, _ = make_coach(store, model)
    result = coach.turn("Where am I?", required_tool="get_status")
    assert on_screen == [] and "functions." not in result.text
    assert result.problem and "only tool syntax" in result.problem


def test_an_overflow_teaches_the_window_and_the_turn_is_retried_trimmed(store):
    """The server names its window (4096); the coach learns it, trims the older turns to fit
    4096 - 400 (answer) - schemas - 64 (margin) tokens, and asks again."""
    long_turn = "I reviewed a long design doc about the payments queue. " * 60  # ~3,400 chars
    model = ScriptedModel(*[reply("Noted.") for _ in range(4)],
                          APIConnectionError(OVERFLOW), reply("Still here."))
    coach, _, _ = make_coach(store, model)
    for _ in range(4):
        coach.turn(long_turn)
    result = coach.turn("And what about next week?")
    assert result.problem is None and result.text == "Still here."
    assert coach.context_tokens == 4096
    retried = model.requests[-1]
    assert retried["messages"][-1]["content"] == "And what about next week?"
    assert len(retried["messages"]) < len(model.requests[-2]["messages"])
    sent = sum(context_window.message_tokens(m, context_window.estimate_tokens)
               for m in retried["messages"])
    schemas = context_window.estimate_tokens(json.dumps(retried["tools"]))
    assert sent + schemas + 400 <= 4096


def test_an_overflow_is_named_as_such_not_as_an_unreachable_server(store):
    model = ScriptedModel(APIConnectionError(OVERFLOW), APIConnectionError(OVERFLOW))
    coach, _, _ = make_coach(store, model)
    result = coach.turn("hello")
    assert "context window" in result.problem and "cannot reach" not in result.problem


def test_history_is_trimmed_by_tokens_to_a_configured_window(store):
    settings = ModelSettings("openai/scripted", "http://127.0.0.1:9", stream=False,
                             context_tokens=4096)
    model = ScriptedModel(*[reply("Noted.") for _ in range(8)])
    coach, _, _ = make_coach(store, model, settings)
    for number in range(8):
        coach.turn(f"Turn {number}: " + "we argued about the rollout plan again. " * 25)
    last = model.requests[-1]
    sent = sum(context_window.message_tokens(m, context_window.estimate_tokens)
               for m in last["messages"])
    schemas = context_window.estimate_tokens(json.dumps(last["tools"]))
    assert sent + schemas + settings.max_tokens <= 4096
    assert last["messages"][-1]["content"].startswith("Turn 7:")
    assert last["messages"][1]["role"] == "user"  # whole turns, never a stray answer first


def test_a_window_too_small_for_the_message_is_named_and_nothing_is_cut(store):
    settings = ModelSettings("openai/scripted", "http://127.0.0.1:9", stream=False,
                             context_tokens=2048)
    coach, _, _ = make_coach(store, ScriptedModel(), settings)  # no request may be sent
    result = coach.turn("I shipped the migration. " * 40)
    assert "context window" in result.problem and "cannot reach" not in result.problem


def test_with_llama_cpp_chatml_each_tool_result_is_sent_once(store):
    model = ScriptedModel(reply(tool_calls=[("get_status", {})]), reply("You are where it says."),
                          reply("Fine."))
    coach, _, _ = make_coach(store, model, CHATML)
    coach.turn("Where am I?", required_tool="get_status")
    coach.turn("thanks")
    last = json.dumps(model.requests[-1]["messages"])
    assert last.count('\\"band\\"') == 1  # the status result, once
    assert all(m["role"] != "tool" for m in model.requests[-1]["messages"])


def proposed(person: ScriptedPerson) -> list[str]:
    return [line.split(" - note")[0] for line in person.shown[0]]


@pytest.mark.parametrize("arguments", [{"activities": []}, {}])
def test_the_extractor_proposes_even_when_the_model_sends_no_items(store, arguments):
    person = ScriptedPerson("y")
    model = ScriptedModel(reply(tool_calls=[("propose_activities", arguments)]), reply("Logged."))
    coach, _, _ = make_coach(store, model, person=person)
    coach.turn("I reviewed 4 PRs and fixed 2 bugs", required_tool="propose_activities")
    assert proposed(person) == ["4 x Code review in 2026-W48", "2 x Bug fix in 2026-W48"]


def test_the_model_may_add_a_category_but_never_replace_the_extractors_count(store):
    """The extractor read 4 reviews; the model's 40 reviews is ignored, its mentoring added."""
    person = ScriptedPerson("y")
    model = ScriptedModel(reply(tool_calls=[("propose_activities", {"activities": [
        {"category": "Code review", "count": 40}, {"category": "Mentoring", "count": 1}]})]),
        reply("Logged."))
    coach, _, _ = make_coach(store, model, person=person)
    coach.turn("I reviewed 4 PRs and helped Priya with her first on-call",
               required_tool="propose_activities")
    assert proposed(person) == ["4 x Code review in 2026-W48",
                                "1 x Mentoring session in 2026-W48"]


# -- small-model mode ---------------------------------------------------------------------------


@pytest.mark.parametrize("model, quirks, small", [
    ("local/smollm2", None, True), ("ollama_chat/smollm2:135m", None, True),
    ("ollama_chat/qwen2.5:0.5b", None, True), ("openai/SmolLM2-360M-Instruct", None, True),
    ("ollama_chat/llama3.2:1b", None, True), ("ollama_chat/llama3.2:3b", None, False),
    ("ollama_chat/llama3.2", None, False), ("gpt-4o-mini", None, False),
    ("openai/smollm2", None, False), ("openai/smollm2", "small-model", True),
    ("ollama_chat/smollm2:135m", "full-tools", False),
    ("openai/smollm2", "llama-cpp-chatml,small-model", True),
])
def test_small_model_mode_comes_from_the_models_size_or_quirks(model, quirks, small):
    from coach.chat.small_model import is_small

    assert is_small(ModelSettings(model, quirks=quirks)) is small


def run_small_checkin(store, tmp_path, model):
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    from rich.console import Console

    from coach.chat.io import TerminalIO
    from coach.chat.repl import ChatRepl

    console = Console(record=True, width=200)
    settings = ModelSettings("openai/smollm2", "http://127.0.0.1:9", stream=False,
                             quirks="llama-cpp-chatml,small-model")
    with create_pipe_input() as pipe:
        pipe.send_text("I reviewed 4 PRs and fixed 2 bugs\ry\r\r\x04")

        def make_io(**options):
            return TerminalIO(tmp_path / "history", **options, input=pipe,
                              output=DummyOutput(), console=console)

        ChatRepl(store, make_io, settings, WEEK, completion=model, checkin=True).run()
    return console.export_text()


def test_a_small_model_writes_only_a_summary_and_the_question_with_no_tools(store, tmp_path):
    model = ScriptedModel(reply("You reviewed PRs and fixed bugs this week."),
                          reply("Which of those reviews taught you the most?"))
    out = run_small_checkin(store, tmp_path, model)
    assert all("tools" not in request for request in model.requests)  # text only
    assert "You reviewed PRs and fixed bugs this week." in out
    assert "Which of those reviews taught you the most?" in out
    rows = sqlite3.connect(store.path).execute(
        "SELECT c.name, e.count FROM activity_entry e JOIN category c ON c.id = e.category_id "
        "ORDER BY c.name").fetchall()
    assert rows == [("Bug fix", 2), ("Code review", 4)]  # the extractor's, confirmed


def test_a_small_models_invented_figure_or_non_question_is_dropped(store, tmp_path):
    """'impact is 80%' is no figure the person gave: the summary is left out; a question that
    is not a question gives way to the template's."""
    from coach.chat.prompts import reflection_questions

    model = ScriptedModel(reply("Your impact is 80% and outcome is 9%."),
                          reply("functions.get_status:\n{ }"))
    out = run_small_checkin(store, tmp_path, model)
    assert "impact is 80%" not in out and "functions." not in out
    assert any(question in out for question in reflection_questions().values())


def test_when_the_model_fails_the_propose_step_twice_the_extractor_proposes_alone(store):
    person = ScriptedPerson("y")
    model = ScriptedModel(reply(tool_calls=[("propose_activities", '{"activities": [{"cat')]),
                          reply(tool_calls=[("propose_activities", '{"activities": ]')]),
                          reply("Logged."))
    coach, _, _ = make_coach(store, model, person=person)
    result = coach.turn("I reviewed 4 PRs and fixed 2 bugs", required_tool="propose_activities")
    assert proposed(person) == ["4 x Code review in 2026-W48", "2 x Bug fix in 2026-W48"]
    assert result.tool_outcomes[-1].ok and result.text == "Logged."


def test_a_step_answered_in_words_is_run_by_perf_mirror_itself(store):
    """Forced to get_status, the model wrote text: the core's card is shown all the same."""
    person = ScriptedPerson()
    model = ScriptedModel(reply("You are doing great, 95%!"), reply("There it is."))
    coach, on_screen, _ = make_coach(store, model, person=person)
    result = coach.turn("Where am I on track this week?", required_tool="get_status")
    assert [o.name for o in result.tool_outcomes] == ["get_status"] and person.statuses
    assert "95%" not in "".join(on_screen) and result.text == "There it is."


def test_a_small_models_summary_is_marked_as_the_part_a_model_wrote(store):
    """The benchmark checks the figures a model wrote; "Logged 2 entries." is perf-mirror's own
    count and must not be taken for the model's."""
    from coach.chat.offline import OfflineCoach
    from coach.chat.small_model import SmallModelCoach

    transcript = Transcript(store, "scripted")
    context = ToolContext(store=store, person=ScriptedPerson("y"), week=WEEK, current_week=WEEK)
    small = SmallModelCoach(OfflineCoach(context, transcript.message), CHATML,
                            ScriptedModel(reply("You reviewed PRs and fixed bugs.")), transcript)
    result = small.turn("I reviewed 4 PRs and fixed 2 bugs", "propose_activities")
    assert result.text == "Logged 2 entries.\nYou reviewed PRs and fixed bugs."
    assert result.model_written == "You reviewed PRs and fixed bugs."
