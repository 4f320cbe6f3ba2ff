"""Functions the model may call: typed, documented, each a thin door into the core.

Adding a tool is one function in a module here plus its name in ``TOOL_FUNCTIONS``.
"""

from __future__ import annotations

from .activities import log_activity, propose_activities, undo_last
from .importing import run_import
from .indicators import acknowledge_warning, get_recommendations, get_review_packet
from .memory import (recall_history, record_accomplishment, record_job, record_struggle,
                     resolve_struggle)
from .registry import Tool, make_tool
from .status import get_expectations, get_status, list_categories

TOOL_FUNCTIONS = (propose_activities, log_activity, get_status, list_categories,
                  get_expectations, undo_last, recall_history, record_job,
                  record_accomplishment, record_struggle, resolve_struggle,
                  get_recommendations, acknowledge_warning, get_review_packet, run_import)


def all_tools() -> dict[str, Tool]:
    return {tool.name: tool for tool in map(make_tool, TOOL_FUNCTIONS)}
