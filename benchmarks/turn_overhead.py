"""What does a chat turn cost outside the model, and how big is what every request carries?

Drives the real Coach loop with a scripted model (not a real one: it answers instantly) through a
check-in turn (propose_activities -> confirm -> log -> text) and a status turn (get_status ->
text), and prints the median time per turn spent in perf-mirror itself. Then counts the tokens
of the system prompt plus the tool schemas with litellm's offline cl100k tokenizer.
Targets (issue #3): under 30 ms per turn, under 1,500 tokens.

    python benchmarks/turn_overhead.py [--turns 40]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=40)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp()) / "home"
    os.environ.update(PERFMIRROR_HOME=str(home), PERFMIRROR_TODAY="2026-11-26")

    from coach.config import ModelSettings
    from coach.chat.loop import Coach
    from coach.chat.prompts import render_prompt
    from coach.chat.transcript import Transcript
    from coach.tools import all_tools
    from coach.tools.context import ToolContext
    from perfmirror_core.store.repository import Store
    from perfmirror_core.weeks import IsoWeek
    from coach.demo import create_demo
    from scripted import ScriptedModel, ScriptedPerson, reply

    create_demo(str(home), IsoWeek(2026, 48))
    store = Store(home)
    week = IsoWeek(2026, 48)
    system = render_prompt("system.md", week=week, role="IC", level=4)
    tools = all_tools()
    transcript = Transcript(store, "scripted")  # every turn is logged, as in a real chat
    timings = {"check-in turn": [], "status turn": []}
    for _ in range(args.turns):
        model = ScriptedModel(
            reply(tool_calls=[("propose_activities", {"activities": [
                {"category": "Code review", "count": 3}, {"category": "Bug fix", "count": 1}]})]),
            reply("Logged 3 code reviews and a bug fix."),
            reply(tool_calls=[("get_status", {})]),
            reply("You are in the band the core reported."))
        context = ToolContext(store=store, person=ScriptedPerson("y"), week=week,
                              current_week=week)
        coach = Coach(ModelSettings("openai/scripted"), tools, context, system,
                      completion=model,
                      transcript=transcript)
        for label, text in (("check-in turn", "reviewed 3 PRs, fixed a bug"),
                            ("status turn", "where am I?")):
            start = time.perf_counter()
            coach.turn(text)
            timings[label].append(time.perf_counter() - start)

    for label, values in timings.items():
        print(f"{label}: median {statistics.median(values) * 1000:.1f} ms outside the model "
              f"(p90 {sorted(values)[int(len(values) * 0.9)] * 1000:.1f} ms; target < 30 ms)")

    from coach.chat.llm import litellm

    schemas = [tool.schema() for tool in tools.values()]
    prompt_tokens = litellm().token_counter(model="gpt-4o-mini",
                                            messages=[{"role": "system", "content": system}])
    total = litellm().token_counter(model="gpt-4o-mini",
                                    messages=[{"role": "system", "content": system}],
                                    tools=schemas)
    schema_chars = len(json.dumps(schemas))
    print(f"system prompt: {prompt_tokens} tokens; with the {len(schemas)} tool schemas: "
          f"{total} tokens ({schema_chars} characters of JSON; target < 1,500)")


if __name__ == "__main__":
    main()
