"""The tool loop, driven by a scripted model (not a real one): writes only what the person
confirms, refuses bad arguments, survives provider failures, saves the transcript."""

from __future__ import annotations

import json
import sqlite3

import pytest

from coach.config import ModelSettings
from coach.chat.loop import Coach
from coach.chat.transcript import Transcript
from coach.tools import all_tools
from coach.tools.context import ToolContext
from perfmirror_core.weeks import IsoWeek
from scripted import ScriptedModel, ScriptedPerson, chunks, reply

WEEK = IsoWeek(2026, 48)


@pytest.fixture
def store(cli):
    assert cli("init", "--role", "IC", "--level", "4").code == 0
    from perfmirror_core.store.repository import Store

    return Store()


def make_coach(store, model, person=None, max_rounds=6, settings=None):
    session = store.start_chat_session("scripted")
    transcript = Transcript(store, "scripted", session_id=session)
    context = ToolContext(store=store, person=person or ScriptedPerson(), week=WEEK,
                          current_week=WEEK)
    shown: list[str] = []
    coach = Coach(settings or ModelSettings("openai/scripted", "http://127.0.0.1:9"),
                  all_tools(), context, "system prompt", completion=model,
                  on_text=shown.append,
                  transcript=transcript,
                  max_rounds=max_rounds)
    return coach, context, shown, session


def entries(store):
    connection = sqlite3.connect(store.path)
    return connection.execute("SELECT week, count, source, message_id, category_id "
                              "FROM activity_entry").fetchall()


def test_confirmed_proposal_is_logged_with_source_chat_and_its_message(store):
    model = ScriptedModel(
        reply(tool_calls=[("propose_activities", {"activities": [
            {"category": "code review", "count": 4}, {"category": "Bug fix", "count": 2}]})]),
        reply("Logged 4 code reviews and 2 bug fixes."))
    person = ScriptedPerson("y")
    coach, context, shown, session = make_coach(store, model, person)
    result = coach.turn("I reviewed 4 PRs and fixed 2 bugs")
    assert result.problem is None
    # each entry keeps the person's words: the clause the extractor read it from
    assert person.shown == [['4 x Code review in 2026-W48 - note: "I reviewed 4 PRs"',
                             '2 x Bug fix in 2026-W48 - note: "fixed 2 bugs"']]
    rows = entries(store)
    assert [(r[0], r[1], r[2]) for r in rows] == [("2026-W48", 4, "chat"), ("2026-W48", 2, "chat")]
    user_message = sqlite3.connect(store.path).execute(
        "SELECT id, content FROM chat_message WHERE role = 'user'").fetchone()
    assert {r[3] for r in rows} == {user_message[0]}
    assert shown == ["Logged 4 code reviews and 2 bug fixes."]


def test_declined_proposal_writes_nothing_and_tells_the_model(store):
    model = ScriptedModel(reply(tool_calls=[("log_activity", {"category": "Bug fix",
                                                              "count": 1})]),
                          reply("OK, nothing logged."))
    coach, *_ = make_coach(store, model, ScriptedPerson("n"))
    coach.turn("fixed a bug")
    assert entries(store) == []
    tool_message = json.loads(model.requests[1]["messages"][-1]["content"])
    assert tool_message["logged"] == [] and tool_message["declined_by_person"]


def test_edited_counts_are_what_gets_written(store):
    model = ScriptedModel(reply(tool_calls=[("propose_activities", {"activities": [
        {"category": "Code review", "count": 4}, {"category": "Bug fix", "count": 2}]})]),
        reply("Done."))
    coach, *_ = make_coach(store, model, ScriptedPerson([5, 0]))
    coach.turn("reviews and a fix")
    assert [(r[1]) for r in entries(store)] == [5]


@pytest.mark.parametrize("arguments,field", [
    ({"category": "Astrology", "count": 2}, "category"),
    ({"category": "Bug fix", "count": -3}, "count"),
    ({"category": "Bug fix", "count": "many"}, "count"),
    ({"category": "Bug fix"}, "count"),
    ({"category": "Bug fix", "count": 1, "week": "2027-W10"}, "week"),
    ({"category": "Bug fix", "count": 1, "mood": "great"}, "mood"),
    ('{"category": "Bug fix", "count": ', "arguments"),
])
def test_invalid_tool_arguments_go_back_as_errors_and_are_never_written(store, arguments, field):
    model = ScriptedModel(reply(tool_calls=[("log_activity", arguments)]), reply("Sorry."))
    coach, *_ = make_coach(store, model)
    result = coach.turn("fixed a bug")
    assert result.problem is None
    error = json.loads(model.requests[1]["messages"][-1]["content"])["error"]
    assert error.startswith(field)
    assert entries(store) == []


def test_one_bad_item_refuses_the_whole_proposal(store):
    model = ScriptedModel(reply(tool_calls=[("propose_activities", {"activities": [
        {"category": "Bug fix", "count": 2}, {"category": "Bug fix", "count": 0}]})]),
        reply("Let me fix that."))
    coach, *_ = make_coach(store, model)
    coach.turn("2 fixes")
    error = json.loads(model.requests[1]["messages"][-1]["content"])["error"]
    assert error.startswith("activities[1].count")
    assert entries(store) == []


def test_unknown_tool_is_an_error_for_the_model(store):
    model = ScriptedModel(reply(tool_calls=[("delete_everything", {})]), reply("Oops."))
    coach, *_ = make_coach(store, model)
    coach.turn("hi")
    assert "unknown tool" in json.loads(model.requests[1]["messages"][-1]["content"])["error"]


def test_a_tool_loop_stops_at_the_cap_with_a_message(store):
    model = ScriptedModel(*[reply(tool_calls=[("list_categories", {})]) for _ in range(3)])
    coach, *_ = make_coach(store, model, max_rounds=3)
    result = coach.turn("what categories?")
    assert "Stopped after 3 model calls" in result.problem
    assert len(model.requests) == 3


class APIConnectionError(Exception):
    """Named like litellm's, which is all provider_problem looks at."""


class RateLimitError(Exception):
    pass


class AuthenticationError(Exception):
    pass


class Timeout(Exception):
    pass


@pytest.mark.parametrize("error,hint", [
    (APIConnectionError("Connection refused"), "is the server running at http://127.0.0.1:9?"),
    (RateLimitError("429"), "rate-limiting"),
    (AuthenticationError("no key"), "API key"),
    (Timeout("timed out"), "no answer within"),
    (ValueError("weird"), "the model call failed"),
])
def test_provider_errors_are_one_line_and_the_conversation_goes_on(store, error, hint):
    model = ScriptedModel(error, reply("Hello again."))
    coach, *_ = make_coach(store, model)
    first = coach.turn("hello")
    assert hint in first.problem and "\n" not in first.problem
    second = coach.turn("hello?")
    assert second.text == "Hello again." and second.problem is None


def test_an_empty_reply_is_reported_not_shown_as_silence(store):
    model = ScriptedModel(reply(""), reply("Here I am."))
    coach, *_ = make_coach(store, model)
    assert "empty reply" in coach.turn("hello").problem
    assert coach.turn("hello?").text == "Here I am."


def test_streamed_text_is_shown_as_it_arrives_and_tool_calls_are_reassembled(store):
    model = ScriptedModel(
        lambda: chunks({"tool_calls": [{"index": 0, "id": "c1", "function": {
            "name": "log_activity", "arguments": '{"category": "Bug'}}]},
            {"tool_calls": [{"index": 0, "function": {"arguments": ' fix", "count": 2}'}}]}),
        lambda: chunks({"content": "Logged "}, {"content": "2 bug fixes."}))
    coach, context, shown, _ = make_coach(store, model, ScriptedPerson("y"))
    result = coach.turn("fixed two bugs")
    assert shown == ["Logged ", "2 bug fixes."]
    assert result.text == "Logged 2 bug fixes."
    assert [r[1] for r in entries(store)] == [2]


def test_the_request_carries_tools_and_tool_choice_auto(store):
    model = ScriptedModel(reply("hi"))
    coach, *_ = make_coach(store, model)
    coach.turn("hello")
    request = model.requests[0]
    assert request["model"] == "openai/scripted"
    assert request["api_base"] == "http://127.0.0.1:9"
    assert request["tool_choice"] == "auto" and request["stream"] is True
    assert {t["function"]["name"] for t in request["tools"]} >= {
        "propose_activities", "log_activity", "get_status", "list_categories",
        "get_expectations", "undo_last", "recall_history", "record_struggle"}


def test_get_status_quotes_the_core_and_shows_its_card(store):
    model = ScriptedModel(reply(tool_calls=[("get_status", {})]), reply("You are at 0%."))
    person = ScriptedPerson()
    coach, *_ = make_coach(store, model, person)
    coach.turn("where am I?")
    status = json.loads(model.requests[1]["messages"][-1]["content"])
    assert status["band"] == "No Data" and person.statuses[0].band == "No Data"


def test_get_status_gives_the_model_the_credited_score_the_card_gives(cli, store):
    """6 Tech talks in one week at IC L4: 12.0 weighted points raw, but impact is credited at
    most 150% of its expected points, 2.475 in all (the card's figure). The model was given
    the raw 12.0 beside the card's 6%; now the credited figure, and the card's cap line."""
    assert cli("log", "Tech talk", "6", "--week", str(WEEK)).code == 0
    model = ScriptedModel(reply(tool_calls=[("get_status", {})]), reply("Here."))
    person = ScriptedPerson()
    coach, *_ = make_coach(store, model, person)
    coach.turn("where am I?")
    status = json.loads(model.requests[1]["messages"][-1]["content"])
    card = person.statuses[0]
    assert card.score == pytest.approx(12.0) and card.credited == pytest.approx(2.475)
    assert status["score"] == 2.5
    assert status["band_provisional"].startswith("provisional: 1 week of history")
    assert status["score_before_cap"] == ("12.0 before each dimension's credit is capped at "
                                          "150% of its expected points")


def test_assistant_tool_call_messages_carry_empty_content_not_none(store):
    model = ScriptedModel(reply(tool_calls=[("list_categories", {})]), reply("Here."))
    coach, *_ = make_coach(store, model)
    coach.turn("list")
    assistant = model.requests[1]["messages"][2]
    assert assistant["role"] == "assistant" and assistant["content"] == ""


def test_the_whole_conversation_is_in_the_transcript(store):
    model = ScriptedModel(reply(tool_calls=[("list_categories", {})]), reply("Here they are."))
    coach, _, _, session = make_coach(store, model)
    coach.turn("list my categories")
    roles = [role for role, _ in store.chat_messages(session)]
    assert roles == ["user", "assistant"]
    (call,) = store.session_log(session).tool_calls
    assert (call.name, call.ok) == ("list_categories", True)


def test_figures_the_model_invents_are_flagged(store):
    model = ScriptedModel(reply(tool_calls=[("get_status", {})]),
                          reply("You are at 87% of expected with 1234 points."))
    coach, *_ = make_coach(store, model)
    result = coach.turn("where am I?")
    assert result.unverified == ["1234", "87"]
