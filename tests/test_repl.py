"""The real REPL: through prompt-toolkit's pipe input, and through a pseudo-terminal."""

from __future__ import annotations

import functools
import json
import os
import sqlite3
import sys

import piped_repl
import pytest

from perfmirror_core.weeks import IsoWeek

WEEK = IsoWeek(2026, 48)


@pytest.fixture
def store(cli):
    assert cli("init", "--role", "IC", "--level", "4").code == 0
    from perfmirror_core.store.repository import Store

    return Store()


run_repl = functools.partial(piped_repl.run_repl, week=WEEK, width=100, checkin=True)


def test_offline_checkin_proposes_confirms_logs_and_answers(store, tmp_path):
    out, repl = run_repl(store, "I reviewed 4 PRs and fixed 2 bugs\ry\r\r/quit\r", tmp_path)
    assert "No model configured" in out
    assert "4 x Code review in 2026-W48" in out and "2 x Bug fix in 2026-W48" in out
    assert "Logged 2 entries." in out and "Skipped." in out  # Enter skipped the routine question
    assert out.count("Where you stand") == 1  # the card once, after the follow-up
    rows = sqlite3.connect(store.path).execute(
        "SELECT count, source FROM activity_entry ORDER BY id").fetchall()
    assert rows == [(4, "chat"), (2, "chat")]
    assert "I reviewed 4 PRs" in (tmp_path / "history").read_text()


def test_the_checkin_asks_about_routine_work_not_heard_and_logs_the_answer(store, tmp_path):
    """IC L4 expects Team meeting 5 a week and 1:1 meeting 1 (defaults.toml): after only reviews
    were logged, the check-in names them, and the answer is proposed and confirmed like the
    first statement, before the card is shown once."""
    typed = "I reviewed 4 PRs\ry\rfour standups and a 1:1 with my lead\ry\r/quit\r"
    out, _ = run_repl(store, typed, tmp_path)
    after = out[out.index("Anything routine you left out"):]
    asked = after[:after.index("press Enter to")]
    assert "Team meeting (usual at IC L4: 5 a week)" in asked
    assert "1:1 meeting (usual at IC L4: 1 a week)" in asked and "Code review" not in asked
    assert after.index("4 x Team meeting") < after.index("Where you stand")
    assert out.count("Where you stand") == 1
    rows = sqlite3.connect(store.path).execute(
        "SELECT c.name, e.count FROM activity_entry e JOIN category c ON c.id = e.category_id "
        "ORDER BY e.id").fetchall()
    assert rows == [("Code review", 4), ("Team meeting", 4), ("1:1 meeting", 1)]


def test_a_question_at_the_routine_follow_up_logs_nothing(store, tmp_path):
    out, _ = run_repl(store, "I reviewed 4 PRs\ry\rdo standups count as team meetings?\r\r"
                             "/quit\r", tmp_path)
    assert "Anything routine you left out" in out
    rows = sqlite3.connect(store.path).execute(
        "SELECT c.name FROM activity_entry e JOIN category c ON c.id = e.category_id").fetchall()
    assert rows == [("Code review",)]


def test_work_told_before_a_question_is_proposed_then_the_question_answered(store, tmp_path):
    """The statement was dropped before: the card came back without the feature and the
    interviews the person believed they had logged."""
    out, _ = run_repl(store, "I shipped the billing feature and did 2 interviews. Where am I "
                             "now?\ry\r/quit\r", tmp_path, checkin=False)
    assert out.index("To log:") < out.index("Where you stand")
    assert "Logged 2 entries." in out
    rows = sqlite3.connect(store.path).execute(
        "SELECT c.name, e.count FROM activity_entry e JOIN category c ON c.id = e.category_id "
        "ORDER BY e.id").fetchall()
    assert rows == [("Feature shipped", 1), ("Interview", 2)]


@pytest.mark.parametrize("typed", [
    "I keep starting design docs and never finishing them. What should I do?",
    "I froze during the incident call again. Have I dealt with this before?",
])
def test_a_statement_that_is_no_work_before_a_question_logs_nothing_and_says_nothing_of_it(
        store, tmp_path, typed):
    out, _ = run_repl(store, typed + "\r/quit\r", tmp_path, checkin=False)
    assert "To log:" not in out and "I did not log anything" not in out
    assert sqlite3.connect(store.path).execute("SELECT count(*) FROM activity_entry"
                                               ).fetchone() == (0,)


def test_a_category_asked_about_with_no_step_says_why(store, tmp_path):
    """IC L4, one week in: a design doc is expected less than once so far (defaults.toml), so
    there is no step for it yet; the answer says so rather than calling it met."""
    out, _ = run_repl(store, "/log code review 2\rhow do I write more design docs?\r/quit\r",
                      tmp_path, checkin=False)
    assert "Design doc:" in out and "less than one, so no step yet." in out
    assert "already where your level expects" not in out


def test_slash_commands_week_log_undo_and_unknown(store, tmp_path):
    typed = "/week 2026-W45\r/log design doc 1\r/undo\r/frobnicate\r/week 2027-W01\r/quit\r"
    out, _ = run_repl(store, typed, tmp_path, checkin=False)
    assert "Now checking in for 2026-W45" in out
    assert "Logged 1 x Design doc in 2026-W45" in out and "Removed #" in out
    assert "unknown command /frobnicate" in out
    assert "in the future" in out  # one clear line, the REPL goes on


def test_help_lists_every_command_with_its_doc(store, tmp_path):
    out, _ = run_repl(store, "/help\r/quit\r", tmp_path, checkin=False)
    for name in ("status", "log", "undo", "week", "model", "history", "help", "quit"):
        assert f"/{name}" in out
    assert "/model [NAME [API_BASE] | none]" in out


def test_declining_writes_nothing(store, tmp_path):
    run_repl(store, "shipped the billing feature\rn\r/quit\r", tmp_path)
    assert sqlite3.connect(store.path).execute("SELECT count(*) FROM activity_entry"
                                               ).fetchone() == (0,)


def test_ctrl_d_leaves_and_the_transcript_is_saved(store, tmp_path):
    out, repl = run_repl(store, "fixed a bug\rn\r\x04", tmp_path)  # \x04 is Ctrl-D
    assert "Bye." in out
    roles = [role for role, _ in store.chat_messages(repl.session_id)]
    assert roles[:3] == ["assistant", "user", "assistant"]


def test_ctrl_d_at_a_confirmation_leaves_quietly_and_logs_nothing(store, tmp_path):
    """Input that ends while a write waits for its yes is the person leaving, not a crash:
    no "perf-mirror failed" line, nothing stored."""
    out, _ = run_repl(store, "shipped the billing feature\r\x04", tmp_path)
    assert "To log:" in out and "Bye." in out
    assert "failed" not in out
    assert sqlite3.connect(store.path).execute("SELECT count(*) FROM activity_entry"
                                               ).fetchone() == (0,)


def test_no_write_runs_while_the_write_path_is_still_loading(store, tmp_path, monkeypatch):
    """The write path is warmed in a background thread once the prompt shows; a person who
    leaves (or types) at once must not write from the main thread while that thread is still
    importing SQLModel: two threads importing it at once can meet a half-initialised
    sqlalchemy (an ImportError seen under load). Here the warm-up is made slow, and the first
    write must come after it."""
    import time

    from perfmirror_core.store.repository import Store

    events: list[str] = []
    warm, start = Store.prepare_writes, Store.start_chat_session

    def slow_warm(self):
        time.sleep(0.5)
        warm(self)
        events.append("warmed")

    def first_write(self, model):
        events.append("write")
        return start(self, model)

    monkeypatch.setattr(Store, "prepare_writes", slow_warm)
    monkeypatch.setattr(Store, "start_chat_session", first_write)
    run_repl(store, "\x04", tmp_path)
    assert events[:2] == ["warmed", "write"]


def test_a_checkin_through_a_pseudo_terminal(cli, private_home):
    """The installed command in a real PTY: type a week, confirm, read the status card."""
    pexpect = pytest.importorskip("pexpect")
    assert cli("init", "--role", "IC", "--level", "4").code == 0
    env = dict(os.environ, PERFMIRROR_HOME=str(private_home), PERFMIRROR_TODAY="2026-11-26",
               TERM="xterm", COLUMNS="100", LINES="40")
    env.pop("PERFMIRROR_MODEL", None)
    child = pexpect.spawn(sys.executable, ["-m", "coach", "checkin"], env=env,
                          encoding="utf-8", timeout=30, dimensions=(40, 100))
    try:
        child.expect("What did you work on this week")
        child.expect("you>")
        child.sendline("Wrote a design doc and reviewed 3 PRs")
        child.expect(r"Log these\?")
        child.sendline("y")
        child.expect("Anything routine you left out")
        child.expect("you>")
        child.sendline("")
        child.expect("Where you stand")
        child.expect("you>")
        child.sendcontrol("d")
        child.expect("Bye.")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    rows = sqlite3.connect(private_home / "perfmirror.db").execute(
        "SELECT c.name, e.count FROM activity_entry e JOIN category c ON c.id = e.category_id "
        "ORDER BY e.id").fetchall()
    assert rows == [("Design doc", 1), ("Code review", 3)]


def test_ctrl_c_during_a_turn_cancels_it_and_the_conversation_goes_on(store, tmp_path):
    from coach.config import ModelSettings
    from scripted import ScriptedModel, reply

    model = ScriptedModel(KeyboardInterrupt(), reply("Still here."))
    out, _ = run_repl(store, "hello\rhello again\r/quit\r", tmp_path,
                      settings=ModelSettings("openai/scripted", "http://127.0.0.1:9", stream=False),
                      completion=model, checkin=False)
    assert "(turn cancelled)" in out and "Still here." in out


def test_the_coach_opens_with_due_and_active_warnings(cli, tmp_path):
    """Entries stopped after 2026-W44: this week's check-in is due and logging-stopped holds."""
    assert cli("init", "--role", "IC", "--level", "4", "--from", "2026-W30").code == 0
    for week in range(35, 45):
        assert cli("log", "Code review", "8", "--week", f"2026-W{week}").code == 0
    from perfmirror_core.store.repository import Store

    store = Store()
    out, repl = run_repl(store, "/ack logging-stopped back-filling today\r/quit\r", tmp_path,
                         checkin=False)
    assert "This week's check-in (2026-W48) is not done yet." in out
    assert "/ack logging-stopped" in out
    assert "Acknowledged logging-stopped in 2026-W48" in out
    acks = sqlite3.connect(store.path).execute("SELECT code, week FROM warning_ack").fetchall()
    assert acks == [("logging-stopped", "2026-W48")]
    seen = sqlite3.connect(store.path).execute(
        "SELECT week, codes FROM warning_observation").fetchall()
    assert len(seen) == 1 and seen[0][0] == "2026-W48" and "logging-stopped" in seen[0][1]


def test_a_model_led_checkin_asks_the_routine_follow_up_and_logs_its_answer(store, tmp_path):
    """With a (scripted, NOT real) model holding the full tool loop, the routine follow-up is
    the same step: the answer goes to the model with propose_activities required, and what the
    extractor reads from it is confirmed and logged before the status turn."""
    from coach.config import ModelSettings
    from scripted import ScriptedModel, reply

    model = ScriptedModel(
        reply(tool_calls=[("propose_activities", {})]), reply("Logged your reviews."),
        reply(tool_calls=[("propose_activities", {})]), reply("Added the standups."),
        reply(tool_calls=[("get_status", {})]), reply("You are at the start of the period."))
    out, _ = run_repl(store, "I reviewed 4 PRs\ry\rfour standups\ry\r/quit\r", tmp_path,
                      settings=ModelSettings("openai/scripted", "http://127.0.0.1:9",
                                             stream=False), completion=model)
    assert "Anything routine you left out" in out and "Added the standups." in out
    rows = sqlite3.connect(store.path).execute(
        "SELECT c.name, e.count FROM activity_entry e JOIN category c ON c.id = e.category_id "
        "ORDER BY e.id").fetchall()
    assert rows == [("Code review", 4), ("Team meeting", 4)]
    required = [request.get("tool_choice") for request in model.requests]
    assert required[0] == required[2] and "propose_activities" in json.dumps(required[0])
