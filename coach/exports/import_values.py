"""Every value of a ``data import`` file, judged by the validators the CLI and the tools use.

A data export is the person's own copy, but a file can be edited, truncated or forged: a count of
"lots", a week 9999-W99 or an ``Infinity`` override would import cleanly (SQLite stores almost
anything) and then make ``status``, ``warnings`` and the exports crash or lie. So each column
of a known table has a kind, each kind one validator from ``perfmirror_core.validation``, and a
row that fails is refused naming the table, the row and the column, before any file is written.
Columns this version does not know are still checked to be numbers or UTF-8 text of sane size.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from perfmirror_core import validation
from perfmirror_core.errors import InvalidInput
from perfmirror_core.scoring import DIMENSIONS
from perfmirror_core.store.chat import CHAT_ROLES
from perfmirror_core.store.repository import SOURCES
from perfmirror_core.warnings import check_code

MAX_ID = validation.MAX_ID
MAX_LEVEL = 20
MAX_STORED_TEXT = 200_000
"""Characters in any stored text (a chat message is the longest thing perf-mirror keeps)."""

Check = Callable[[Any, date], object]


def _optional(check: Check) -> Check:
    return lambda value, today: None if value is None else check(value, today)


def _choice(field: str, allowed: tuple[str, ...]) -> Check:
    def check(value: Any, _today: date) -> str:
        if value not in allowed:
            raise InvalidInput(field, f"{str(value)[:40]!r} is not one of them", "|".join(allowed))
        return str(value)
    return check


def _json_list(field: str) -> Check:
    """Lists stored as JSON text (tags, synonyms, category ids): strings or whole numbers only."""
    def check(value: Any, _today: date) -> object:
        allowed = "a JSON list of texts or numbers, e.g. [\"a\", \"b\"]"
        try:
            items = json.loads(validation.text(value, field, MAX_STORED_TEXT)) \
                if value != "[]" else []
        except (ValueError, RecursionError):
            raise InvalidInput(field, "is not JSON", allowed) from None
        if not isinstance(items, list) or not all(
                isinstance(item, (str, int)) and not isinstance(item, bool) for item in items):
            raise InvalidInput(field, "is not a flat list", allowed)
        return items
    return check


def _text(field: str, limit: int = MAX_STORED_TEXT) -> Check:
    return lambda value, _today: validation.text(value, field, limit)


def _whole(field: str, low: int, high: int) -> Check:
    return lambda value, _today: validation.whole_number(value, field, low, high)


def _share(field: str) -> Check:
    return lambda value, _today: validation.finite(value, field, 0.0, 1.0)


def _ratio(field: str) -> Check:
    return lambda value, _today: validation.finite(value, field, 0.0, validation.MAX_RATIO)


def _week(field: str) -> Check:
    return lambda value, today: validation.week(value, today, field)


def _year_month(field: str) -> Check:
    return lambda value, _today: validation.year_month(value, field)


_ID = _whole("id", 1, MAX_ID)
_LEVEL = _whole("level", 1, MAX_LEVEL)
_FLAG = _whole("flag", 0, 1)
_TOKENS = _whole("tokens", 0, MAX_ID)
_MILLISECONDS = lambda value, _today: validation.finite(value, "latency_ms", 0.0,  # noqa: E731
                                                        float(MAX_ID))

COLUMN_CHECKS: dict[str, dict[str, Check]] = {
    "role": {"name": _text("name", 80), "min_level": _LEVEL, "max_level": _LEVEL},
    "profile": {"id": _ID, "role": _text("role", 80), "level": _LEVEL,
                "from_week": _week("from_week")},
    "category": {"id": _ID, "name": _text("name", 80), "name_key": _text("name_key", 80),
                 "dimension": _choice("dimension", DIMENSIONS),
                 "points": lambda value, _today: validation.points(value),
                 "synonyms": _json_list("synonyms"), "archived": _FLAG},
    "category_template": {"id": _ID, "role": _text("role", 80), "level": _LEVEL,
                          "category_id": _ID,
                          "expected_weekly": lambda value, _today:
                          validation.expected_weekly(value)},
    "role_weight": {"id": _ID, "role": _text("role", 80), "level": _optional(_LEVEL),
                    "input": _share("input"), "output": _share("output"),
                    "outcome": _share("outcome"), "impact": _share("impact")},
    "target": {"id": _ID, "role": _optional(_text("role", 80)), "level": _optional(_LEVEL),
               "outstanding": _ratio("outstanding"), "strong": _ratio("strong"),
               "meeting": _ratio("meeting"), "partially": _ratio("partially"),
               "period_weeks": lambda value, _today: validation.period_weeks(value)},
    "level_expectation": {"id": _ID, "role": _text("role", 80), "level": _LEVEL,
                          "text": _text("text", 2000),
                          "evidence_category_ids": _json_list("evidence_category_ids")},
    "activity_entry": {"id": _ID, "category_id": _ID, "week": _week("week"),
                       "count": lambda value, _today: validation.count(value),
                       "override_score": _optional(lambda value, _today:
                                                   validation.override_score(value)),
                       "reference": _optional(_text("reference", 300)),
                       "note": _optional(_text("note", 2000)),
                       "source": _choice("source", SOURCES),
                       "message_id": _optional(_ID)},
    "chat_session": {"id": _ID},
    "chat_message": {"id": _ID, "session_id": _ID, "role": _choice("role", CHAT_ROLES)},
    "model_call": {"id": _ID, "session_id": _ID, "message_id": _optional(_ID),
                   "model": _text("model", 300), "prompt_tokens": _optional(_TOKENS),
                   "completion_tokens": _optional(_TOKENS), "latency_ms": _MILLISECONDS,
                   "ok": _FLAG, "error": _optional(_text("error", 2000))},
    "tool_call": {"id": _ID, "session_id": _ID, "model_call_id": _optional(_ID),
                  "message_id": _optional(_ID), "name": _text("name", 100),
                  "arguments": _text("arguments", MAX_STORED_TEXT),
                  "result": _text("result", MAX_STORED_TEXT), "ok": _FLAG,
                  "latency_ms": _MILLISECONDS},
    "career_record": {"id": _ID, "kind": _choice("kind", validation.CAREER_KINDS),
                      "text": _text("text", 4000), "when_text": _optional(_year_month("when")),
                      "level": _optional(_LEVEL), "start_text": _optional(_year_month("start")),
                      "end_text": _optional(_year_month("end")), "job_id": _optional(_ID),
                      "tags": _json_list("tags"),
                      "noticed": _optional(_year_month("noticed")),
                      "resolved": _optional(_year_month("resolved")), "private": _FLAG},
    "memory_pending": {"record_id": _ID},
    "warning_ack": {"id": _ID, "code": lambda value, _today: check_code(value),
                    "week": _week("week"), "note": _optional(_text("note", 500))},
}


def _any_value(column: str, value: Any) -> None:
    """What every column must hold, known or not: a finite number, sane text or null."""
    if isinstance(value, str) and value.strip():
        validation.text(value, column, MAX_STORED_TEXT)
    elif isinstance(value, float):
        validation.finite(value, column, -float(MAX_ID), float(MAX_ID))
    elif isinstance(value, int):
        validation.whole_number(value, column, -MAX_ID, MAX_ID)


def _check_row(table: str, columns: list[str], row: list[Any], today: date) -> None:
    """Each value on its own, then the rules that span a row (weights sum to 1, thresholds
    descend); an ``InvalidInput`` names the column (``weights``/``thresholds`` for a row rule)."""
    checks = COLUMN_CHECKS.get(table, {})
    for column, value in zip(columns, row):
        try:
            _any_value(column, value)
            if column in checks:
                checks[column](value, today)
        except InvalidInput as refused:
            raise InvalidInput(column, refused.problem, refused.allowed) from None
    values = dict(zip(columns, row))
    if table == "role_weight" and values.keys() >= set(DIMENSIONS):
        validation.weights(*(values[name] for name in DIMENSIONS))
    elif table == "target" and values.keys() >= {"outstanding", "strong", "meeting",
                                                   "partially"}:
        validation.thresholds(values["outstanding"], values["strong"], values["meeting"],
                              values["partially"])


def check_values(tables: dict[str, tuple[list[str], list[list[Any]]]], today: date,
                 source: str) -> None:
    """Refuse the first bad value as ``FILE: SOURCE: TABLE row N column C: problem``."""
    for table, (columns, rows) in sorted(tables.items()):
        for number, row in enumerate(rows, start=1):
            try:
                _check_row(table, columns, row, today)
            except InvalidInput as refused:
                raise InvalidInput(
                    "FILE", f"{source}: {table} row {number} column {refused.field}: "
                            f"{refused.problem}", refused.allowed) from None
