"""One admission gate for every model switch, and what a model off this machine may read.

The models here are scripted (``tests/scripted.py``), never real; the socket guard fails a test
on any attempt to reach a non-loopback address, so "refused before any connection" is checked,
not assumed.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import piped_repl
import pytest
from netguard import guard
from scripted import ScriptedModel, ScriptedPerson, reply

from coach import privacy
from coach.config import ModelSettings
from coach.tools.context import ToolContext
from perfmirror_core.weeks import IsoWeek

WEEK = IsoWeek(2026, 48)
PRIVATE_TEXT = "Told only my therapist about the panic before the board demo"
STRUGGLE_TEXT = "I froze in the incident review and let the on-call take the blame"
REFLECTION_TEXT = "I avoid incident reviews because I fear being judged"
PUBLIC_TEXT = "Ran the incident review process for the payments outage"
LOOPBACK = ModelSettings("openai/scripted", "http://127.0.0.1:9", stream=False)
HOSTED = ModelSettings("gpt-4o-mini", stream=False)


@pytest.fixture(autouse=True)
def no_model_from_outside(monkeypatch):
    for name in ("PERFMIRROR_MODEL", "PERFMIRROR_API_BASE", "PERFMIRROR_QUIRKS",
                 "PERFMIRROR_PRIVATE", "OLLAMA_API_BASE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PERFMIRROR_EMBEDDER", "lexical")


@pytest.fixture
def store(cli):
    assert cli("init", "--role", "IC", "--level", "4").code == 0
    from perfmirror_core.store.repository import Store

    return Store()


@pytest.fixture
def career(cli, store):
    for args in (["--kind", "accomplishment", "--when", "2025-03", PUBLIC_TEXT],
                 ["--kind", "struggle", "--when", "2025-05", STRUGGLE_TEXT],
                 ["--kind", "reflection", "--when", "2025-06", REFLECTION_TEXT],
                 ["--kind", "accomplishment", "--when", "2025-07", "--private", PRIVATE_TEXT]):
        assert cli("history", "add", *args).code == 0
    return store


run_repl = functools.partial(piped_repl.run_repl, week=WEEK, width=200, private=False)


def consent(home: Path, provider: str, career_memory: bool) -> None:
    (home / "consents.json").write_text(json.dumps(
        {provider: {"allowed": True, "career_memory": career_memory}}))


# -- /model passes the same gate as start-up ---------------------------------------------------


@pytest.mark.parametrize("switch, where", [
    ("/model openai/gpt-4o", "OpenAI"),
    ("/model claude-3-5-haiku-latest", "Anthropic"),
    ("/model openai/x http://10.0.0.5:8000/v1", "the server at http://10.0.0.5:8000/v1"),
])
def test_model_switch_to_a_hosted_model_in_private_mode_is_refused_before_any_connection(
        store, tmp_path, switch, where):
    with guard() as net:
        out, repl = run_repl(store, f"{switch}\r/model\r/quit\r", tmp_path, private=True)
    assert f"refused in private mode: {switch.split()[1]} would send your conversation to " \
           f"{where}" in out
    assert "Model: none (offline)" in out
    assert repl.settings is None
    assert net.attempts == []  # not a connection, not a DNS lookup
    assert not (store.path.parent / "consents.json").exists()  # and nobody was asked


def test_model_switch_to_a_local_model_in_private_mode_is_admitted(store, tmp_path):
    with guard() as net:
        out, repl = run_repl(store, "/model openai/x http://127.0.0.1:8080/v1\r/quit\r",
                             tmp_path, private=True)
    assert "Model: openai/x at http://127.0.0.1:8080/v1 (this machine)" in out
    assert repl.settings.model == "openai/x"
    assert net.blocked == []


def test_private_mode_from_a_config_word_also_guards_model_switches(cli, store, terminal):
    (store.path.parent / "config.toml").write_text('private = "yes"\n')
    console = terminal("/model gpt-4o\r/quit\r")
    with guard() as net:
        result = cli("chat")
    assert result.code == 0, result.err
    assert "refused in private mode: gpt-4o" in console.export_text()
    assert net.attempts == []


def test_model_switch_outside_private_mode_asks_consent_naming_career_memory(store, tmp_path):
    with guard() as net:
        out, repl = run_repl(store, "/model gpt-4o-mini\rn\r/quit\r", tmp_path)
    assert "Send your conversation to OpenAI?" in out and "career memory" in out
    assert "nothing was sent to OpenAI" in out and repl.settings is None
    out, repl = run_repl(store, "/model gpt-4o-mini\ry\rn\r/quit\r", tmp_path)
    assert "Also share the struggles and reflections in your career memory with OpenAI" in out
    assert repl.settings.model == "gpt-4o-mini"
    assert repl.context.sharing == privacy.Sharing(private_records=False,
                                                   struggles_and_reflections=False)
    stored = json.loads((store.path.parent / "consents.json").read_text())["OpenAI"]
    assert stored["allowed"] is True and stored["career_memory"] is False
    assert net.attempts == []  # asking is not sending: litellm was not even imported to ask


@pytest.mark.parametrize("name", ["none", "off", "None"])
def test_model_none_means_offline_without_asking_or_discovering(cli, store, terminal, monkeypatch,
                                                               name):
    monkeypatch.setattr("coach.cli.chat.discover_ollama",
                        lambda: pytest.fail("discovery ran although the person chose none"))
    console = terminal("/quit\r")
    with guard() as net:
        result = cli("chat", "--model", name)
    assert result.code == 0, result.err
    assert "offline" in console.export_text()
    assert net.attempts == [] and not (store.path.parent / "consents.json").exists()


# -- what a model off this machine reads --------------------------------------------------------


def sent_to_model(model: ScriptedModel) -> str:
    return json.dumps(model.requests)


@pytest.mark.parametrize("memory_consent", [False, True])
def test_a_hosted_model_never_sees_a_private_record_and_struggles_only_with_consent(
        career, tmp_path, memory_consent):
    """Both roads from the career memory to a model: the grounding added to a question, and
    the recall_history tool the model calls."""
    consent(career.path.parent, "OpenAI", memory_consent)
    model = ScriptedModel(reply(tool_calls=[("recall_history",
                                             {"query": "incident review froze panic fear",
                                              "k": 8})]),
                          reply("Try a blameless review."))
    with guard() as net:
        out, _ = run_repl(career, "How should I handle the next incident review?\r/quit\r",
                          tmp_path, settings=HOSTED, completion=model)
    sent = sent_to_model(model)
    assert "Try a blameless review." in out
    assert PUBLIC_TEXT in sent  # career memory is shared at all
    assert PRIVATE_TEXT not in sent  # never, whatever the consent
    assert (STRUGGLE_TEXT in sent) is memory_consent
    assert (REFLECTION_TEXT in sent) is memory_consent
    assert net.attempts == []


def test_a_model_on_this_machine_reads_the_whole_career_memory(career, tmp_path):
    model = ScriptedModel(reply(tool_calls=[("recall_history",
                                             {"query": "incident review froze panic demo",
                                              "k": 8})]),
                          reply("Noted."))
    run_repl(career, "How should I handle the next incident review?\r/quit\r", tmp_path,
             settings=LOOPBACK, completion=model)
    sent = sent_to_model(model)
    assert PRIVATE_TEXT in sent and STRUGGLE_TEXT in sent  # nothing leaves the machine


# -- config values of the wrong type ------------------------------------------------------------


@pytest.mark.parametrize("value, on", [("true", True), ('"true"', True), ('"yes"', True),
                                       ('"1"', True), ("1", True), ('"on"', True),
                                       ("false", False), ('"no"', False), ('"0"', False)])
def test_private_in_config_reads_true_false_and_the_words_deliberately(private_home, value, on):
    private_home.mkdir(parents=True, exist_ok=True)
    (private_home / "config.toml").write_text(f"private = {value}\n")
    assert privacy.private_mode() is on


@pytest.mark.parametrize("text, field", [('private = "maybe"\n', "private"),
                                         ("private = 2\n", "private"),
                                         ("private = [true]\n", "private"),
                                         ("model = 3\n", "model"),
                                         ('model = "gpt 4o"\n', "model"),
                                         ('quirks = "tiny"\n', "quirks"),
                                         ('quirks = "small-model,full-tools"\n', "quirks")])
def test_a_config_value_of_the_wrong_type_is_one_line_and_exit_2(cli, store, text, field):
    (store.path.parent / "config.toml").write_text(text)
    with guard() as net:
        result = cli("chat")
    assert result.code == 2
    assert result.err.count("\n") == 1 and result.err.startswith(f"perfmirror: error: {field}: ")
    assert net.attempts == []


def test_the_private_environment_variable_refuses_a_word_it_does_not_know(cli, store,
                                                                         monkeypatch):
    monkeypatch.setenv("PERFMIRROR_PRIVATE", "definitely")
    result = cli("chat")
    assert result.code == 2 and "PERFMIRROR_PRIVATE: 'definitely'" in result.err


# -- every write a tool proposes shows everything it stores -------------------------------------


def test_acknowledging_a_warning_shows_the_note_it_stores(store):
    from coach.tools.indicators import acknowledge_warning

    person = ScriptedPerson("y")
    context = ToolContext(store=store, person=person, week=WEEK, current_week=WEEK)
    acknowledge_warning(context, "logging-stopped", "Block 10 minutes every Friday")
    assert person.questions == [("Mark the warning 'logging-stopped' as acknowledged in "
                                 "2026-W48, with the note \"Block 10 minutes every Friday\"?")]


def test_remembering_a_job_shows_its_start_and_end(store):
    from coach.tools.memory import record_job

    class Memory:
        def add(self, kind, text, **fields):
            raise AssertionError("declined: nothing may be written")

    person = ScriptedPerson("n")
    context = ToolContext(store=store, person=person, week=WEEK, current_week=WEEK,
                          open_memory=Memory)
    assert record_job(context, "Quillbank", "Engineering manager", "2019-01", "2021-06",
                      "Five backend engineers")["saved"] is None
    assert person.questions == [("Remember this job (2019-01 to 2021-06, Quillbank, Engineering "
                                 "manager): \"Five backend engineers\"?")]
