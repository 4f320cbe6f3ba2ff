"""``data import`` judges every value, not only the file's shape: one hostile value per kind of
column is refused in one line naming the table, the row and the column, and nothing is created."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def _export(cli) -> dict:
    return json.loads(cli("data", "export").out)


def _spoil(payload: dict, table: str, row: int, column: str, value: object) -> dict:
    """The export with one value replaced (``row`` counts from 1, like the error)."""
    columns = payload["tables"][table]["columns"]
    payload["tables"][table]["rows"][row - 1][columns.index(column)] = value
    return payload


HOSTILE = [
    # (table, row, column, value, what the line must say)
    ("activity_entry", 2, "count", "lots", "not a whole number"),          # wrong type
    ("activity_entry", 3, "count", 2**40, "out of range"),                 # out of range
    ("activity_entry", 1, "override_score", float("inf"), "not a finite number"),  # non-finite
    ("activity_entry", 1, "week", "9999-W99", "does not exist"),           # impossible week
    ("activity_entry", 4, "week", "0001-W01", "before 1970-W01"),
    ("activity_entry", 1, "week", "2027-W10", "in the future"),
    ("activity_entry", 2, "source", "telepathy", "not one of them"),       # unknown enum
    ("category", 1, "dimension", "bogus", "not one of them"),
    ("category", 2, "points", -4, "out of range"),
    ("target", 1, "partially", 0, "thresholds"),                           # zeroed thresholds
    ("role_weight", 1, "input", 0.9, "summing to 1"),
    ("career_record", 1, "kind", "rumour", "not one of them"),
    ("career_record", 1, "tags", "[[[\"x\"]]]", "flat list"),
    ("career_record", 2, "text", "bad \udcff byte", "not valid UTF-8"),
    ("profile", 1, "level", "²", "not a whole number"),
]


@pytest.mark.parametrize("table,row,column,value,problem", HOSTILE,
                         ids=[f"{t}.{c}={v!r}"[:40] for t, _r, c, v, _p in HOSTILE])
def test_a_hostile_value_is_refused_naming_table_row_and_column(cli, persona, tmp_path,
                                                                monkeypatch, table, row, column,
                                                                value, problem):
    bad = tmp_path / "hostile.json"
    bad.write_text(json.dumps(_spoil(_export(cli), table, row, column, value)),
                   encoding="utf-8")
    fresh = tmp_path / "fresh"
    monkeypatch.setenv("PERFMIRROR_HOME", str(fresh))
    result = cli("data", "import", str(bad))
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    where = "column thresholds" if problem == "thresholds" else \
        "column weights" if problem == "summing to 1" else f"column {column}"
    assert f"{table} row {row} {where}" in lines[0] and problem in lines[0], lines[0]
    assert not fresh.exists(), "a refused import into a fresh home leaves no folder"


def test_a_dangling_reference_names_table_row_and_column(cli, persona, tmp_path, monkeypatch):
    payload = _spoil(_export(cli), "activity_entry", 1, "category_id", 4242)
    bad = tmp_path / "dangling.json"
    bad.write_text(json.dumps(payload), encoding="utf-8")
    monkeypatch.setenv("PERFMIRROR_HOME", str(tmp_path / "fresh"))
    result = cli("data", "import", str(bad))
    assert result.code == 2 and result.err.count("\n") == 1
    first_id = payload["tables"]["activity_entry"]["rows"][0][0]
    assert f"activity_entry row with id {first_id} column category_id: refers to a missing " \
           "category" in result.err
    assert not (tmp_path / "fresh").exists()


def test_deep_nesting_is_one_line(cli, tmp_path, monkeypatch):
    bad = tmp_path / "deep.json"
    bad.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    result = cli("data", "import", str(bad))
    assert result.code == 2 and result.err.count("\n") == 1
    assert "nested too deeply" in result.err
    assert not Path(tmp_path / "home").exists()


def test_a_hostile_value_never_touches_existing_data(cli, persona, tmp_path, monkeypatch):
    """With --replace --yes the live database stays byte-identical when the file is refused."""
    bad = tmp_path / "hostile.json"
    bad.write_text(json.dumps(_spoil(_export(cli), "activity_entry", 1, "count", "lots")),
                   encoding="utf-8")
    before = (persona / "perfmirror.db").read_bytes()
    result = cli("data", "import", str(bad), "--replace", "--yes")
    assert result.code == 2 and "activity_entry row 1 column count" in result.err
    assert (persona / "perfmirror.db").read_bytes() == before
    assert not list(persona.glob(".perfmirror-*"))
