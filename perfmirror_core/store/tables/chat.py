"""Conversations: sessions, their messages, and the model and tool calls behind them."""

from __future__ import annotations

from typing import Optional

from sqlmodel import Field, SQLModel


class ChatSession(SQLModel, table=True):
    __tablename__ = "chat_session"
    id: Optional[int] = Field(default=None, primary_key=True)
    started_at: str
    model: str = ""


class ChatMessage(SQLModel, table=True):
    __tablename__ = "chat_message"
    id: Optional[int] = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="chat_session.id")
    role: str
    content: str = ""
    created_at: str


class ModelCall(SQLModel, table=True):
    """One call to a model in a chat turn: which model, tokens, latency, and whether it worked."""

    __tablename__ = "model_call"
    id: Optional[int] = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="chat_session.id", index=True)
    message_id: Optional[int] = Field(default=None, foreign_key="chat_message.id")
    model: str
    prompt_tokens: Optional[int] = None
    completion_tokens: Optional[int] = None
    latency_ms: float
    ok: int
    error: Optional[str] = None
    created_at: str


class ToolCall(SQLModel, table=True):
    """One tool call a model made: its arguments as sent, its result and outcome, its latency."""

    __tablename__ = "tool_call"
    id: Optional[int] = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="chat_session.id", index=True)
    model_call_id: Optional[int] = Field(default=None, foreign_key="model_call.id")
    message_id: Optional[int] = Field(default=None, foreign_key="chat_message.id")
    name: str
    arguments: str
    result: str
    ok: int
    latency_ms: float
    created_at: str = Field(index=True)
