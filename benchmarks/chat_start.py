"""How soon can the person type, and how soon does the model's first word arrive?

Starts a scripted OpenAI-compatible server on 127.0.0.1 (not a model: it streams a fixed reply
at once), then runs the real ``perfmirror chat --model openai/bench --api-base ...`` in a
pseudo-terminal and prints, as medians over ``--runs`` starts:

- time to prompt: from starting the process to the ``you>`` prompt;
- CPU time to prompt: what the process itself spent by then (user + system). On a loaded
  machine (other jobs on its 2 cores) the wall time above measures the queue as much as the
  chat; the CPU time is what an idle machine would take, less disk waits;
- time to first token, sent at once: the person presses Enter the moment the prompt appears
  (the background import of litellm is still running, so this includes the rest of it);
- time to first token, after typing: the person types for ``--typing`` seconds first, as people
  do (the import finished while they typed).

The issue's target is a prompt within 0.5 s. Nothing leaves the machine.

    python benchmarks/chat_start.py [--runs 3] [--typing 6]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pexpect

REPLY = "Scripted hello"
PROMPT = "you>"  # a real terminal draws the space after it by moving the cursor


class ScriptedServer(BaseHTTPRequestHandler):
    """``POST /v1/chat/completions``: a fixed reply, streamed (SSE) or whole."""

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        created = int(time.time())
        if body.get("stream"):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            for piece, finish in ((REPLY, None), ("", "stop")):
                chunk = {"id": "bench", "object": "chat.completion.chunk", "created": created,
                         "model": "bench", "choices": [{"index": 0, "finish_reason": finish,
                                                        "delta": {"role": "assistant",
                                                                  "content": piece}}]}
                self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                self.wfile.flush()
            self.wfile.write(b"data: [DONE]\n\n")
            return
        payload = json.dumps({
            "id": "bench", "object": "chat.completion", "created": created, "model": "bench",
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": REPLY}}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 2, "total_tokens": 3}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: object) -> None:
        pass


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a process has used so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def one_start(env: dict[str, str], base: str, typing: float) -> tuple[float, float, float]:
    """Seconds to the prompt (wall clock and the process's CPU), and from Enter to the first
    token of the reply."""
    started = time.perf_counter()
    child = pexpect.spawn(sys.executable, ["-m", "coach", "chat", "--model", "openai/bench",
                                           "--api-base", base], env=env, encoding="utf-8",
                          timeout=120, dimensions=(40, 200))
    child.expect_exact(PROMPT)
    to_prompt = time.perf_counter() - started
    cpu_to_prompt = cpu_seconds(child.pid)
    time.sleep(typing)
    child.send("Thanks, that helps.\r")
    sent = time.perf_counter()
    child.expect_exact(REPLY)
    to_first_token = time.perf_counter() - sent
    child.expect_exact(PROMPT)
    child.send("/quit\r")
    child.expect(pexpect.EOF)
    return to_prompt, cpu_to_prompt, to_first_token


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--typing", type=float, default=6.0,
                        help="seconds the person types before pressing Enter")
    args = parser.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", 0), ScriptedServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/v1"
    home = Path(tempfile.mkdtemp()) / "home"
    env = {**os.environ, "PERFMIRROR_HOME": str(home), "PERFMIRROR_DISCOVER": "0",
           "NO_PROXY": "127.0.0.1,localhost", "TERM": "xterm-256color"}
    env.pop("PERFMIRROR_MODEL", None)
    subprocess.run([sys.executable, "-m", "coach", "init", "--role", "IC", "--level", "4"],
                   env=env, check=True, capture_output=True)
    # Warm the file cache the way the coach imports it (offline switches first: no cost map).
    subprocess.run([sys.executable, "-c", "import coach.chat.llm; coach.chat.llm.litellm()"], env=env,
                   check=True)

    at_once = [one_start(env, base, 0.0) for _ in range(args.runs)]
    typed = [one_start(env, base, args.typing) for _ in range(args.runs)]
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import coach.chat.llm; coach.chat.llm.litellm()"], env=env,
                   check=True)
    import_alone = time.perf_counter() - started
    server.shutdown()

    prompt = statistics.median(t for t, _, _ in at_once + typed)
    cpu = statistics.median(c for _, c, _ in at_once + typed)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"perfmirror chat --model openai/bench against a scripted server, median of "
          f"{args.runs} starts each ({os.cpu_count()} CPUs, load average {load})")
    print(f"  time to prompt                         {prompt:6.2f} s  (target 0.5 s)")
    print(f"  CPU time to prompt                     {cpu:6.2f} s  (the wall time on an idle "
          "machine, less disk waits)")
    print(f"  first token, Enter at once             "
          f"{statistics.median(t for _, _, t in at_once):6.2f} s  (waits for the rest of the import)")
    print(f"  first token, after {args.typing:g} s of typing     "
          f"{statistics.median(t for _, _, t in typed):6.2f} s")
    print(f"  for scale: importing litellm alone     {import_alone:6.2f} s")


if __name__ == "__main__":
    main()
