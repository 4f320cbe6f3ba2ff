"""The chat aggregate: sessions, the messages of each, and the model and tool calls behind them.

Kept normalised (one row per model call, one per tool call, with arguments, result, outcome,
latency, model and tokens) so the log answers questions: which tool calls failed last month,
what a session cost in tokens, how slow the model was. Rows are only ever added.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from .base import StoreBase
from .database import utc_timestamp

if TYPE_CHECKING:
    from .tables.chat import ChatMessage, ChatSession, ModelCall, ToolCall

# Who speaks in a transcript: the person, the model, and what perf-mirror itself put there
# (a warning raised, a problem, the sources cited, a reflection filed). Older databases also hold
# "tool" messages, written before tool calls had a table of their own.
CHAT_ROLES = ("system", "user", "assistant", "tool", "warning", "error", "sources", "reflection")

@dataclass(frozen=True)
class ChatSessionSummary:
    id: int
    started_at: str
    model: str
    messages: int
    model_calls: int
    tool_calls: int
    failed_tool_calls: int
    prompt_tokens: int
    completion_tokens: int


@dataclass(frozen=True)
class LoggedMessage:
    id: int
    role: str
    content: str
    created_at: str


@dataclass(frozen=True)
class LoggedModelCall:
    id: int
    session_id: int
    message_id: int | None
    model: str
    prompt_tokens: int | None
    completion_tokens: int | None
    latency_ms: float
    ok: bool
    error: str | None
    created_at: str


@dataclass(frozen=True)
class LoggedToolCall:
    id: int
    session_id: int
    model_call_id: int | None
    message_id: int | None
    name: str
    arguments: str  # as the model sent them: JSON text, possibly malformed
    result: str  # JSON
    ok: bool
    latency_ms: float
    created_at: str


@dataclass(frozen=True)
class SessionLog:
    session: ChatSessionSummary
    messages: list[LoggedMessage]
    model_calls: list[LoggedModelCall]
    tool_calls: list[LoggedToolCall]


_SUMMARY = """
SELECT s.id, s.started_at, s.model,
       (SELECT COUNT(*) FROM chat_message m WHERE m.session_id = s.id) AS messages,
       (SELECT COUNT(*) FROM model_call c WHERE c.session_id = s.id) AS model_calls,
       (SELECT COUNT(*) FROM tool_call t WHERE t.session_id = s.id) AS tool_calls,
       (SELECT COUNT(*) FROM tool_call t WHERE t.session_id = s.id AND NOT t.ok) AS failed,
       (SELECT COALESCE(SUM(prompt_tokens), 0) FROM model_call c WHERE c.session_id = s.id),
       (SELECT COALESCE(SUM(completion_tokens), 0) FROM model_call c WHERE c.session_id = s.id)
FROM chat_session s
"""


def _summary(row: sqlite3.Row) -> ChatSessionSummary:
    return ChatSessionSummary(*row)


Logged = TypeVar("Logged", LoggedModelCall, LoggedToolCall)


def _logged(kind: type[Logged], row: sqlite3.Row) -> Logged:
    """A model or a tool call as read: its columns as they are, ``ok`` (0 or 1 in SQLite) as
    a bool."""
    values = dict(row)
    return kind(**{**values, "ok": bool(values["ok"])})


class ChatStore(StoreBase):
    """Writes happen as the conversation goes, one row each, so nothing said is lost."""

    def start_chat_session(self, model: str) -> int:
        from .tables.chat import ChatSession

        return self._add(ChatSession(started_at=utc_timestamp(), model=model))

    def record_chat_message(self, session_id: int, role: str, content: str) -> int:
        from .tables.chat import ChatMessage

        return self._add(ChatMessage(session_id=session_id, role=role, content=content,
                                     created_at=utc_timestamp()))

    def record_model_call(self, session_id: int, message_id: int | None, model: str,
                          prompt_tokens: int | None, completion_tokens: int | None,
                          latency_ms: float, ok: bool, error: str | None = None) -> int:
        from .tables.chat import ModelCall

        return self._add(ModelCall(session_id=session_id, message_id=message_id, model=model,
                                   prompt_tokens=prompt_tokens,
                                   completion_tokens=completion_tokens, latency_ms=latency_ms,
                                   ok=int(ok), error=error, created_at=utc_timestamp()))

    def record_tool_call(self, session_id: int, model_call_id: int | None,
                         message_id: int | None, name: str, arguments: str, result: str,
                         ok: bool, latency_ms: float) -> int:
        from .tables.chat import ToolCall

        return self._add(ToolCall(session_id=session_id, model_call_id=model_call_id,
                                  message_id=message_id, name=name, arguments=arguments,
                                  result=result, ok=int(ok), latency_ms=latency_ms,
                                  created_at=utc_timestamp()))

    def _add(self, row: ChatSession | ChatMessage | ModelCall | ToolCall) -> int:
        """Store one row in its own transaction; its new id."""
        from .tables import stored_id

        with self._write() as session:
            session.add(row)
            session.flush()
            return stored_id(row)

    def chat_messages(self, session_id: int) -> list[tuple[str, str]]:
        """(role, content) of one conversation, oldest first."""
        with self._read() as connection:
            return [(row["role"], row["content"]) for row in connection.execute(
                "SELECT role, content FROM chat_message WHERE session_id = ? ORDER BY id",
                (session_id,))]

    def chat_sessions(self, limit: int) -> list[ChatSessionSummary]:
        """The latest sessions, newest first, each with its counts and tokens."""
        with self._read() as connection:
            return [_summary(row) for row in connection.execute(
                _SUMMARY + " ORDER BY s.id DESC LIMIT ?", (limit,))]

    def session_log(self, session_id: int) -> SessionLog | None:
        """Everything one session recorded, oldest first; None for an unknown id."""
        with self._read() as connection:
            summary = connection.execute(_SUMMARY + " WHERE s.id = ?", (session_id,)).fetchone()
            if summary is None:
                return None
            messages = [LoggedMessage(*row) for row in connection.execute(
                "SELECT id, role, content, created_at FROM chat_message WHERE session_id = ? "
                "ORDER BY id", (session_id,))]
            model_calls = [_logged(LoggedModelCall, row) for row in connection.execute(
                "SELECT * FROM model_call WHERE session_id = ? ORDER BY id", (session_id,))]
            tool_calls = [_logged(LoggedToolCall, row) for row in connection.execute(
                "SELECT * FROM tool_call WHERE session_id = ? ORDER BY id", (session_id,))]
        return SessionLog(_summary(summary), messages, model_calls, tool_calls)

    def tool_calls(self, *, failed_only: bool = False, since: str | None = None,
                   limit: int = 50) -> list[LoggedToolCall]:
        """Tool calls, newest first; ``since`` is an ISO date or timestamp (UTC)."""
        clauses, values = [], []
        if failed_only:
            clauses.append("NOT ok")
        if since is not None:
            clauses.append("created_at >= ?")
            values.append(since)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        with self._read() as connection:
            return [_logged(LoggedToolCall, row) for row in connection.execute(
                f"SELECT * FROM tool_call{where} ORDER BY id DESC LIMIT ?", (*values, limit))]
