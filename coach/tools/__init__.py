"""Functions the model may call: typed, documented, each a thin door into the core.

Adding a tool is one function in a module here plus its name in ``all_tools``.
"""

from __future__ import annotations

from .registry import Tool, make_tool


def all_tools() -> dict[str, Tool]:
    """Every tool, by name. The tool modules are imported here, not with the package: the
    chat's terminal layer needs ``coach.tools.context`` before the prompt, the tools later."""
    from .activities import log_activity, propose_activities, undo_last
    from .importing import run_import
    from .indicators import acknowledge_warning, get_recommendations, get_review_packet
    from .memory import (recall_history, record_accomplishment, record_job, record_struggle,
                         resolve_struggle)
    from .status import get_expectations, get_status, list_categories

    functions = (propose_activities, log_activity, get_status, list_categories,
                 get_expectations, undo_last, recall_history, record_job,
                 record_accomplishment, record_struggle, resolve_struggle,
                 get_recommendations, acknowledge_warning, get_review_packet, run_import)
    return {tool.name: tool for tool in map(make_tool, functions)}
