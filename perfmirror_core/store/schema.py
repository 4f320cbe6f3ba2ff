"""Every table model at once (``tables`` holds them, one module per aggregate): for what needs
the whole schema, such as warming the write path or checking it against the migrations."""

from __future__ import annotations

from .tables import stored_id
from .tables.activity import ActivityEntry
from .tables.career import CareerRecord, MemoryPending
from .tables.categories import Category, CategoryTemplate
from .tables.chat import ChatMessage, ChatSession, ModelCall, ToolCall
from .tables.framework import LevelExpectation, Profile, Role, RoleWeight, Target
from .tables.observations import WarningAck, WarningObservation

__all__ = ["ActivityEntry", "CareerRecord", "Category", "CategoryTemplate", "ChatMessage",
           "ChatSession", "LevelExpectation", "MemoryPending", "ModelCall", "Profile", "Role",
           "RoleWeight", "Target", "ToolCall", "WarningAck", "WarningObservation", "stored_id"]
