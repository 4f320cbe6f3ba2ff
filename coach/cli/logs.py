"""`logs`: what your conversations recorded (sessions, model calls, tool calls), like `llm logs`."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from perfmirror_core.errors import InvalidInput

from .common import open_store, print_json, record_id
from .registry import arg, command


def _since(text: str | None) -> str | None:
    """The first day ``--since`` names, as an ISO date, compared with the UTC timestamps the
    log keeps."""
    from perfmirror_core import validation

    return None if text is None else validation.date_bound(text, "since").isoformat()


def _limit(text: str) -> int:
    from perfmirror_core import validation

    return validation.whole_number(text, "limit", 1, validation.MAX_COUNT)


def _tokens(prompt: int | None, completion: int | None) -> str:
    if prompt is None and completion is None:
        return ""
    return f", {prompt or 0:,} + {completion or 0:,} tokens"


def _call_line(call) -> str:
    mark = "ok" if call.ok else "FAILED"
    arguments = call.arguments if len(call.arguments) <= 120 else call.arguments[:117] + "..."
    line = f"  tool {call.name}({arguments}) {mark} in {call.latency_ms:.0f} ms"
    return line if call.ok else f"{line}: {call.result[:160]}"


@command("logs",
         arg("--session", type=record_id, help="one conversation in full: its messages, model "
                                                "calls and tool calls"),
         arg("--calls", action="store_true", help="tool calls across conversations, newest "
                                                  "first"),
         arg("--failed", action="store_true", help="only tool calls that failed (implies "
                                                   "--calls)"),
         arg("--since", help="only tool calls from this day on: YYYY, YYYY-MM, YYYY-MM-DD or "
                             "YYYY-Www (implies --calls)"),
         arg("-n", "--limit", default="10", help="how many sessions or calls (default 10)"),
         arg("--json", action="store_true"))
def cmd_logs(args: argparse.Namespace) -> int:
    """Your chat logs: each conversation, and every model and tool call with its outcome."""
    since, limit = _since(args.since), _limit(args.limit)
    store = open_store()
    if args.session is not None:
        log = store.session_log(args.session)
        if log is None:
            raise InvalidInput("session", f"no conversation #{args.session}",
                               "an id that `perfmirror logs` lists")
        if args.json:
            print_json(asdict(log))
            return 0
        _print_session(log)
        return 0
    if args.calls or args.failed or since is not None:
        calls = store.tool_calls(failed_only=args.failed, since=since, limit=limit)
        if args.json:
            print_json([asdict(call) for call in calls])
        elif not calls:
            print("No tool calls" + (" failed" if args.failed else "")
                  + (f" since {since}" if since else "") + ".")
        for call in calls if not args.json else []:
            print(f"{call.created_at[:16].replace('T', ' ')}  #{call.session_id}"
                  + _call_line(call))
        return 0
    sessions = store.chat_sessions(limit)
    if args.json:
        print_json([asdict(session) for session in sessions])
        return 0
    if not sessions:
        print("No conversations yet: `perfmirror chat` starts one.")
    for s in sessions:
        failed = f" ({s.failed_tool_calls} failed)" if s.failed_tool_calls else ""
        print(f"#{s.id:<4} {s.started_at[:16].replace('T', ' ')}  {s.model or 'offline'}: "
              f"{s.messages} messages, {s.model_calls} model calls"
              f"{_tokens(s.prompt_tokens, s.completion_tokens) if s.model_calls else ''}, "
              f"{s.tool_calls} tool calls{failed}")
    return 0


def _print_session(log) -> None:
    """Messages in order; under each of the person's messages, the model calls its turn made,
    each followed by the tool calls it asked for."""
    s = log.session
    print(f"Conversation #{s.id}, {s.started_at[:16].replace('T', ' ')}, {s.model or 'offline'}")
    models: dict[int | None, list] = {}
    for call in log.model_calls:
        models.setdefault(call.message_id, []).append(call)
    tools: dict[int | None, list] = {}
    for call in log.tool_calls:
        tools.setdefault(call.model_call_id, []).append(call)
    for message in log.messages:
        print(f"{message.role}: {message.content}")
        for call in models.get(message.id, []):
            outcome = "ok" if call.ok else f"FAILED: {call.error}"
            print(f"  model {call.model} {outcome} in {call.latency_ms:.0f} ms"
                  f"{_tokens(call.prompt_tokens, call.completion_tokens)}")
            for tool in tools.get(call.id, []):
                print(_call_line(tool))
