"""Every test gets its own data directory and a pinned "today", so nothing touches the person's
real data and week arithmetic is repeatable."""

from __future__ import annotations

import hashlib
import shlex
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

TODAY = "2026-11-26"  # a Thursday in ISO week 2026-W48
THIS_WEEK = "2026-W48"

GOLDEN = Path(__file__).parent / "golden"
PERSONA = GOLDEN / "persona.txt"  # a scripted person: exports and data-ownership tests use it
PRIVATE_STRUGGLE = "I froze in the incident review"
PRIVATE_ACCOMPLISHMENT = "Kept the team together through the reorg"
ENTRY_NOTE = "Rushed the rollout"
OPEN_STRUGGLE = "Design reviews kept stalling"


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("PERFMIRROR_HOME", str(home))
    monkeypatch.setenv("PERFMIRROR_TODAY", TODAY)
    monkeypatch.setenv("PERFMIRROR_DISCOVER", "0")  # an Ollama on the test machine is not ours
    monkeypatch.delenv("PERFMIRROR_MODEL", raising=False)
    return home


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run ``perfmirror ARGS...`` in-process; returns exit code, stdout and stderr."""
    from coach.cli import main

    def run(*args: str) -> Result:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exit_:  # argparse usage errors and --help
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def table_dump(home: Path) -> dict[str, list[tuple]]:
    """Every row of every table, to prove a failed command wrote nothing."""
    connection = sqlite3.connect(home / "perfmirror.db")
    try:
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                for table in tables}
    finally:
        connection.close()


def file_hashes(home: Path) -> dict[str, str]:
    """Every file under ``home`` and its sha256, to prove a refused command changed nothing."""
    return {str(path.relative_to(home)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(home.rglob("*")) if path.is_file()}


def run_persona(home: Path) -> None:
    from coach.cli import main

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PERFMIRROR_HOME", str(home))
        patch.setenv("PERFMIRROR_TODAY", TODAY)
        patch.setenv("PERFMIRROR_EMBEDDER", "lexical")
        for line in PERSONA.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                assert main(shlex.split(line)) == 0, line


@pytest.fixture(scope="session")
def persona_data(tmp_path_factory) -> Path:
    """The persona's data directory, built once per session; tests get a copy (``persona``)."""
    home = tmp_path_factory.mktemp("persona") / "home"
    run_persona(home)
    return home


@pytest.fixture
def persona(persona_data, private_home) -> Path:
    shutil.copytree(persona_data, private_home)
    return private_home


@pytest.fixture
def terminal(monkeypatch):
    """``terminal(typed)`` makes ``perfmirror chat/checkin`` read ``typed`` from a pipe and
    print to a recording console, which it returns."""
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput
    from rich.console import Console

    import coach.chat.io

    real = coach.chat.io.TerminalIO
    pipes = []

    def attach(typed: str):
        console = Console(record=True, width=100)
        pipes.append(create_pipe_input())
        pipe = pipes[-1].__enter__()
        pipe.send_text(typed)
        monkeypatch.setattr(coach.chat.io, "TerminalIO", lambda history, **options: real(
            history, **options, input=pipe, output=DummyOutput(), console=console))
        return console

    yield attach
    for pipe in pipes:
        pipe.__exit__(None, None, None)
