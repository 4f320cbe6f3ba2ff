"""How well does the configured model check someone in? Entries proposed, and figures it quotes.

Runs each utterance of a check-in set (``tests/data/extract_heldout_defaults.jsonl`` by default:
written before the extractor was tuned) through the real coach with whichever model is
configured (``--model``/``--api-base``/``--quirks``, ``$PERFMIRROR_MODEL`` or config.toml), the
way ``perfmirror checkin`` does: the propose step, a scripted person who confirms, then the
status step. It prints

- entry precision / recall / F1 over (category, count) pairs the person was asked to confirm;
- the share of figures in the model's replies that match the core (label and value, see
  ``coach/chat/figures.py``);
- the median seconds per utterance.

``--mode small`` or ``--mode full`` overrides the mode perf-mirror would choose for the model;
``--mode offline`` runs no model at all (the extractor's own figures, for comparison).

    python benchmarks/checkin_model.py --model openai/smollm2 --api-base http://127.0.0.1:8765/v1 \
        --quirks llama-cpp-chatml --mode small --limit 48
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
DEFAULT_SET = ROOT / "tests" / "data" / "extract_heldout_defaults.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model"), parser.add_argument("--api-base")
    parser.add_argument("--quirks")
    parser.add_argument("--mode", choices=["auto", "full", "small", "offline"], default="auto")
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--limit", type=int, default=0, help="only the first N utterances")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp()) / "home"
    os.environ.update(PERFMIRROR_HOME=str(home), PERFMIRROR_TODAY="2026-11-26",
                      PERFMIRROR_DISCOVER="0")

    from scripted import ScriptedPerson

    from coach.cli import main as cli
    from coach.config import FULL_TOOLS, SMALL_MODEL, resolve_model
    from coach.chat.figures import figures, unverified_figures
    from coach.chat.loop import Coach
    from coach.chat.offline import OfflineCoach
    from coach.chat.prompts import render_prompt
    from coach.chat.small_model import SmallModelCoach, is_small
    from coach.chat.transcript import Transcript
    from coach.tools import all_tools
    from coach.tools.context import ToolContext
    from perfmirror_core.store.repository import Store
    from perfmirror_core.weeks import IsoWeek

    quirks = ",".join(q for q in (args.quirks, {"small": SMALL_MODEL, "full": FULL_TOOLS}.get(
        args.mode)) if q) or None
    settings = None if args.mode == "offline" else resolve_model(args.model, args.api_base,
                                                                 flag_quirks=quirks)
    if settings is None and args.mode != "offline":
        parser.error("no model configured: pass --model (or --mode offline)")
    assert cli(["init", "--role", "IC", "--level", "4"]) == 0
    store = Store()
    week = IsoWeek(2026, 48)
    cases = [json.loads(line) for line in args.set.read_text().splitlines() if line.strip()]
    cases = cases[:args.limit] if args.limit else cases
    mode = ("offline" if settings is None else "small" if is_small(settings) else "full")

    hits = proposed_total = expected_total = 0
    figures_seen = figures_matching = 0
    seconds = []
    failures = Counter()
    for case in cases:
        person = ScriptedPerson(*["y"] * 4)
        context = ToolContext(store=store, person=person, week=week, current_week=week)
        transcript = Transcript(store, settings.model if settings else "offline")
        offline = OfflineCoach(context, transcript.message)
        if settings is None:
            coach = offline
        elif mode == "small":
            coach = SmallModelCoach(offline, settings, None, transcript)
        else:
            system = render_prompt("system.md", week=week, role="IC", level=4)
            coach = Coach(settings, all_tools(), context, system, transcript=transcript)
        started = time.perf_counter()
        replies = []
        for text, tool in ((case["text"], "propose_activities"),
                           ("Where am I on track this week?", "get_status")):
            if tool == "get_status" and not isinstance(coach, Coach):
                break  # offline and small: the status card is the core's own
            result = coach.turn(text, tool)
            if result.problem:
                failures[result.problem.split(":")[0][:60]] += 1
            # Only what a model wrote is checked: in small mode that is the summary alone
            # ("Logged 2 entries." and the answers to questions are perf-mirror's own words).
            said = result.model_written if mode == "small" else result.text
            if said:
                sources = [text] + [json.dumps(o.content) for o in result.tool_outcomes]
                replies.append((said, sources))
        seconds.append(time.perf_counter() - started)
        shown = person.shown[0] if person.shown else []
        got = Counter(line.split(" - note")[0].split(" in 2026")[0] for line in shown)
        want = Counter(f"{a['count']} x {a['category']}" for a in case["activities"])
        hits += sum((got & want).values())
        proposed_total += sum(got.values())
        expected_total += sum(want.values())
        for reply_text, sources in replies if settings is not None else ():
            found = figures(reply_text)  # offline, every reply is the core's own
            figures_seen += len(found)
            figures_matching += len(found) - len(unverified_figures(reply_text, sources))
        for _ in context.logged_entry_ids:  # the next utterance starts clean
            store.undo_last()

    precision = hits / proposed_total if proposed_total else 1.0
    recall = hits / expected_total if expected_total else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    name = settings.model if settings else "no model"
    print(f"{name} ({mode} mode) on {len(cases)} utterances of {args.set.name}")
    print(f"  entries to confirm: precision {precision:.2f}  recall {recall:.2f}  F1 {f1:.2f}  "
          f"({hits} right of {proposed_total} proposed, {expected_total} expected)")
    share = (f"{figures_matching}/{figures_seen}" if figures_seen
             else "n/a (no model: the core's own words)" if settings is None
             else "no figures quoted")
    print(f"  figures in replies matching the core: {share}")
    print(f"  seconds per utterance: median {statistics.median(seconds):.1f}, "
          f"max {max(seconds):.1f}")
    for problem, count in failures.most_common(3):
        print(f"  turn problems: {count} x {problem}")


if __name__ == "__main__":
    main()
