"""The CLI's promise under hostile input, generated: every write command and every command that
reads a file exits 0 or 2, never with a traceback; a refusal is one line on stderr and leaves
the data directory byte-identical (every file hashed before and after).

Arguments mix values that broke earlier versions ('²', '--5', 2**64, 1e308, 0001-W01, invalid
UTF-8 as Python passes it on, control characters, very long text) with random text and numbers.
Files to read are hostile too: empty, binary, deeply nested, forged exports, broken CSV and ICS.
Examples are bounded (a few hundred in all, no deadline per example) so the suite stays fast.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import sys
from pathlib import Path

import pytest
from conftest import TODAY, file_hashes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

HOSTILE = ["²", "--5", "-5", "-1", "0", "1", "3", "2.5", "1e308", "nan", "inf", "-inf",
           "Infinity", str(2**64), "9" * 400, "0001-W01", "1969-W52", "9999-W99", "2026-W53",
           "2026-W48", "2026-W47", "2019", "2019-13", "2026-02-30", "", " ", "bad \udcff byte",
           "nul \x00", "esc \x1b[31m", "x" * 5000, "Code review", "code REVIEW", "IC",
           "Manager", "4", "9", "input", "vibes", "job", "struggle", "logging-stopped", "[]",
           "{}", "null", "ü" * 50]
VALUES = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=12),
                   st.integers(-2**70, 2**70).map(str),
                   st.floats(allow_nan=True, allow_infinity=True).map(repr))

# (command words, positional slots, flags that take a value, flags that are switches)
WRITE_COMMANDS = [
    (["init"], 0, ["--role", "--level", "--from"], ["--blank"]),
    (["profile", "set"], 0, ["--role", "--level", "--from"], []),
    (["category", "add"], 1, ["--dimension", "--points", "--expected", "--description",
                              "--synonym"], []),
    (["category", "edit"], 1, ["--name", "--dimension", "--points", "--expected",
                               "--description", "--synonym", "--remove-synonym"], []),
    (["category", "remove"], 1, [], ["--archive"]),
    (["weights", "set"], 0, ["--input", "--output", "--outcome", "--impact", "--role",
                             "--level"], []),
    (["target", "set"], 0, ["--outstanding", "--strong", "--meeting", "--partially",
                            "--weeks", "--role", "--level"], []),
    (["expectations", "add"], 1, ["--role", "--level", "--category"], []),
    (["expectations", "edit"], 2, ["--category"], []),
    (["expectations", "remove"], 1, [], []),
    (["log"], 2, ["--week", "--override", "--ref", "--note"], []),
    (["ack"], 1, ["--note", "--week"], []),
    (["status"], 0, ["--as-of", "--weeks"], ["--json"]),
    (["forecast"], 0, ["--as-of", "--weeks"], ["--json"]),
    (["entries"], 0, ["--week", "--limit"], ["--json"]),
    (["history", "add"], 1, ["--kind", "--when", "--org", "--title", "--job", "--start",
                             "--end", "--tag", "--resolved", "--resolution"], ["--private"]),
    (["history", "edit"], 1, ["--text", "--kind", "--when", "--org", "--title", "--start",
                              "--end", "--tag", "--resolved", "--resolution"], []),
    (["history", "remove"], 1, [], []),
    (["history", "search"], 1, ["--k", "--kind"], ["--json"]),
    (["export", "brag"], 0, ["--since", "--until", "--include-kind", "--org", "--format"],
     ["--include-private"]),
]


@st.composite
def write_command(draw) -> list[str]:
    words, positionals, options, switches = draw(st.sampled_from(WRITE_COMMANDS))
    argv = [*words, *(draw(VALUES) for _ in range(positionals))]
    for option in draw(st.lists(st.sampled_from(options), unique=True)) if options else []:
        argv += [option, draw(VALUES)]
    argv += draw(st.lists(st.sampled_from(switches), unique=True)) if switches else []
    return argv


def _run(argv: list[str]) -> tuple[int, str, str]:
    """``perfmirror ARGV`` in-process; any exception but SystemExit is a traceback: it fails."""
    from coach.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
            _stdin(io.StringIO("")):
        try:
            code = main(argv)
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
    return code, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def _stdin(replacement: io.StringIO):
    original, sys.stdin = sys.stdin, replacement
    try:
        yield
    finally:
        sys.stdin = original


def _check(home: Path, argv: list[str]) -> int:
    before = file_hashes(home) if home.exists() else None
    code, _out, err = _run(argv)
    assert code in (0, 2), f"{argv!r} exited {code}: {err}"
    if code == 2:
        assert len(err.strip().splitlines()) == 1, f"{argv!r} said more than one line: {err}"
        after = file_hashes(home) if home.exists() else None
        changed = sorted(name for name in (before or {}).keys() | (after or {}).keys()
                         if (before or {}).get(name) != (after or {}).get(name))
        assert after == before, f"{argv!r} refused ({err.strip()}) but changed {changed}"
    return code


FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])


@pytest.fixture
def fuzz_env(persona, monkeypatch):
    monkeypatch.setenv("PERFMIRROR_EMBEDDER", "lexical")
    monkeypatch.setenv("PERFMIRROR_TODAY", TODAY)
    return persona


@FUZZ
@given(argv=write_command())
def test_write_commands_exit_0_or_2_and_a_refusal_writes_nothing(fuzz_env, argv):
    _check(fuzz_env, argv)


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(argv=write_command())
def test_before_init_nothing_is_created_by_any_refusal(private_home, monkeypatch, argv):
    """In a fresh data directory only a successful ``init`` may create the folder."""
    monkeypatch.setenv("PERFMIRROR_EMBEDDER", "lexical")
    _check(private_home, argv)  # a refused init: the folder is still absent (None == None)
    if argv[0] != "init":
        assert not private_home.exists(), argv
    shutil.rmtree(private_home, ignore_errors=True)


# -- commands that read a file -----------------------------------------------------------------

def _exports(persona: Path) -> str:
    code, out, err = _run(["data", "export"])
    assert code == 0, err
    return out


@st.composite
def hostile_export(draw, valid: str) -> bytes:
    """A data export with one value (or the structure) replaced by something hostile."""
    payload = json.loads(valid)
    tables = payload["tables"]
    table = draw(st.sampled_from(sorted(name for name in tables if tables[name]["rows"])))
    rows = tables[table]["rows"]
    row = draw(st.integers(0, len(rows) - 1))
    column = draw(st.integers(0, len(tables[table]["columns"]) - 1))
    rows[row][column] = draw(st.one_of(
        VALUES, st.integers(-2**70, 2**70), st.floats(), st.none(), st.booleans(),
        st.lists(st.integers(), max_size=2)))
    return json.dumps(payload).encode("utf-8", "surrogatepass")


FILE_CONTENTS = st.one_of(
    st.sampled_from([b"", b"\xff\xfe\x00garbage", b"[" * 100_000, b"{" * 3000,
                     (b'{"format": "perfmirror-data", "format_version": 1, "schema_version": 1,'
                      b' "tables": {}}'),
                     b'id,title,status\n1,"unterminated,open\n2,fine,closed\n',
                     (b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20260230T100000Z\n"
                      b"SUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n"),
                     b"a: &a [*a]\n", "caf\u00e9 \u2603".encode()]),
    st.binary(max_size=300))
READERS = [["data", "import"], ["import", "csv"], ["import", "calendar"], ["import", "docs"],
           ["import", "from", "csv"]]


@FUZZ
@given(data=st.data())
def test_file_reading_commands_exit_0_or_2_and_a_refusal_writes_nothing(fuzz_env, tmp_path,
                                                                         data):
    valid = _exports(fuzz_env) if not (tmp_path / "valid.json").exists() else \
        (tmp_path / "valid.json").read_text(encoding="utf-8")
    (tmp_path / "valid.json").write_text(valid, encoding="utf-8")
    words = data.draw(st.sampled_from(READERS))
    target = tmp_path / "input"
    shutil.rmtree(target, ignore_errors=True) if target.is_dir() else target.unlink(
        missing_ok=True)
    kind = data.draw(st.sampled_from(["file", "export", "folder", "missing", "empty name"]))
    if kind in ("file", "export"):
        content = data.draw(FILE_CONTENTS if kind == "file" else hostile_export(valid))
        target.write_bytes(content)
        if words[-1] == "docs":  # docs reads a folder of documents
            target.unlink()
            target.mkdir()
            (target / "note.md").write_bytes(content)
    elif kind == "folder":
        target.mkdir()
    path = "" if kind == "empty name" else str(target)
    extra = data.draw(st.lists(st.sampled_from(["--replace", "--yes", "--json"]),
                               unique=True))
    if words[0] == "data":  # --replace asks first unless --yes: a prompt is not fuzzed
        extra = [flag for flag in extra if flag != "--json"]
        extra += ["--yes"] if "--replace" in extra and "--yes" not in extra else []
    else:
        extra = [flag for flag in extra if flag != "--replace"]
    _check(fuzz_env, [*words, path, *extra])


@FUZZ
@given(out=st.one_of(st.sampled_from(["", ".", "/", "folder", "missing/x.md", "ok.md",
                                      "bad \udcff.md", "x" * 300, "nul\x00.md"]), VALUES),
       words=st.sampled_from([["data", "export", "--out"], ["export", "brag", "--out"],
                              ["backup"]]))
def test_writing_a_file_outside_exits_0_or_2(fuzz_env, tmp_path, monkeypatch, out, words):
    """``--out`` and ``backup`` name a path of the person's choosing: a folder, nothing, a
    missing folder or an unencodable name is one line, and the data directory is untouched."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "folder").mkdir(exist_ok=True)
    _check(fuzz_env, [*words, out])
