"""What does each everyday command cost, against the imports it cannot avoid?

Issue #15 states its targets as ratios measured side by side in one run, because absolute times
on a shared 2-core machine swing with load while ratios hold:
- `log`, `undo`, `entries`, `category list`: at most 1.2x `python -c "import sqlmodel"`;
- `status` and `--help`: no slower than they were (about 0.45x that import);
- `history search`: at most 1.3x `python -c "import chromadb, onnxruntime"`, peak memory printed.

Each command runs as a whole process in a fresh data directory (one `init`, one career record),
after one warm-up run that writes the bytecode caches, interleaved round by round so that load
hits every command alike; the median of `--runs` rounds
is printed with the peak resident memory of the slowest-to-free child. The CPU time (user +
system) is printed beside the wall time: on a loaded machine it swings less, so its ratio says
whether a command's own work is within target when the wall ratio is blurred; it is not the
target itself, and a command that works in two threads at once (`history search` builds its
model beside chromadb's import) spends more CPU than wall time.

    python benchmarks/cli_costs.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TODAY = "2026-11-26"
PERFMIRROR = [sys.executable, "-m", "coach"]

BASELINES: dict[str, list[str]] = {
    "import sqlmodel": [sys.executable, "-c", "import sqlmodel"],
    "import chromadb, onnxruntime": [sys.executable, "-c", "import chromadb, onnxruntime"],
}
COMMANDS: dict[str, list[str]] = {
    "--help": PERFMIRROR + ["--help"],
    "status": PERFMIRROR + ["status"],
    "log": PERFMIRROR + ["log", "code review", "1"],
    "undo": PERFMIRROR + ["undo"],
    "entries": PERFMIRROR + ["entries"],
    "category list": PERFMIRROR + ["category", "list"],
    "history search": PERFMIRROR + ["history", "search", "trouble letting go of work"],
}
# (command, baseline, the largest ratio the issue allows; None = print only)
TARGETS: list[tuple[str, str, float | None]] = [
    ("log", "import sqlmodel", 1.2),
    ("undo", "import sqlmodel", 1.2),
    ("entries", "import sqlmodel", 1.2),
    ("category list", "import sqlmodel", 1.2),
    ("status", "import sqlmodel", None),
    ("--help", "import sqlmodel", None),
    ("history search", "import chromadb, onnxruntime", 1.3),
]


def run_measured(command: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and the child's peak RSS in KiB (wait4 gives
    each child its own rusage; ru_maxrss is in KiB on Linux)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        message = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{' '.join(command[2:])} failed ({process.returncode}): {message}")
    if process.stderr:
        process.stderr.close()
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def prepare(home: Path) -> dict[str, str]:
    env = dict(os.environ, PERFMIRROR_HOME=str(home), PERFMIRROR_TODAY=TODAY,
               PERFMIRROR_DISCOVER="0")
    # Like the person's own Python, let the warm-up write perf-mirror's bytecode caches. With
    # PYTHONDONTWRITEBYTECODE (set on some sandboxes) every run recompiles our ~40 modules
    # (~0.25 s) while the baselines' libraries, byte-compiled by pip at install, do not: the
    # ratios would measure the sandbox, not the commands.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for setup in (["init", "--role", "IC", "--level", "4"],
                  ["history", "add", "--kind", "struggle", "--when", "2019-04",
                   "I kept the hard tickets myself instead of delegating them"]):
        subprocess.run(PERFMIRROR + setup, env=env, check=True, capture_output=True)
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    everything = {**BASELINES, **COMMANDS}
    times: dict[str, list[float]] = {name: [] for name in everything}
    cpus: dict[str, list[float]] = {name: [] for name in everything}
    peaks: dict[str, int] = {name: 0 for name in everything}
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as folder:
        env = prepare(Path(folder) / "home")
        for command in everything.values():  # warm the OS cache and the index once
            run_measured(command, env)
        for _ in range(args.runs):
            for name, command in everything.items():
                elapsed, cpu, peak = run_measured(command, env)
                times[name].append(elapsed)
                cpus[name].append(cpu)
                peaks[name] = max(peaks[name], peak)
    median = {name: statistics.median(values) for name, values in times.items()}
    cpu_median = {name: statistics.median(values) for name, values in cpus.items()}
    print(f"median of {args.runs} interleaved rounds, whole processes (load average "
          f"{load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end):")
    for name in everything:
        print(f"  {name:30s} {median[name] * 1000:7.0f} ms   CPU {cpu_median[name] * 1000:6.0f} ms"
              f"   peak RSS {peaks[name] / 1024:6.0f} MB")
    print("ratios (wall; CPU, which a loaded machine disturbs less, in brackets):")
    for name, baseline, limit in TARGETS:
        ratio = median[name] / median[baseline]
        verdict = "" if limit is None else ("  ok" if ratio <= limit else f"  OVER {limit}x")
        target = "" if limit is None else f" (target <= {limit}x)"
        cpu_ratio = cpu_median[name] / cpu_median[baseline]
        print(f"  {name:16s} / {baseline:30s} {ratio:5.2f}x [{cpu_ratio:4.2f}x]{target}{verdict}")


if __name__ == "__main__":
    main()
