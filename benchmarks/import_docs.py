"""How fast is `perfmirror import docs` on an RFC folder the size of rust-lang/rfcs?

Builds (with `git fast-import`, not timed) a synthetic repository of 600 markdown RFCs and
8,000 commits by 40 authors: each RFC is added under active/, edited many times, a third are
moved to text/ later, and every tenth commit touches a file outside the folder. Then prints the
wall time of the whole `perfmirror import docs <repo>/text --json` process, over all history
and over the default 12-week window. Target (issue #13): under 15 s for the whole history.

    python benchmarks/import_docs.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TODAY = "2026-11-26"
FILES, COMMITS, AUTHORS = 600, 8000, 40
START = 1_400_000_000  # May 2014
SPAN = 1_764_000_000 - START  # to late 2025


def build_repository(repo: Path, seed: int = 13) -> None:
    """A repository with FILES docs and COMMITS commits, written in one fast-import stream."""
    rng = random.Random(seed)
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    where = {}  # doc number -> its current path
    lines: list[str] = []
    mark = 0
    for number in range(COMMITS):
        stamp = START + SPAN * number // COMMITS
        author = rng.randrange(AUTHORS)
        ops: list[str] = []
        if len(where) < FILES and (number % (COMMITS // FILES) == 0 or
                                   COMMITS - number <= FILES - len(where)):
            doc = len(where)
            where[doc] = f"active/{doc:04d}-proposal-{doc}.md"
            body = (f"- Feature Name: `proposal_{doc}`\n- Start Date: "
                    f"{time.strftime('%Y-%m-%d', time.gmtime(stamp))}\n- RFC PR: #{doc}\n\n"
                    f"## Summary\n\nProposal {doc}.\n")
            ops.append(f"M 100644 inline {where[doc]}\ndata {len(body.encode())}\n{body}")
        elif number % 10 == 0:
            body = f"build {number}\n"
            ops.append(f"M 100644 inline src/build.txt\ndata {len(body)}\n{body}")
        elif where and number % 37 == 0 and any(p.startswith("active/") for p in where.values()):
            doc = rng.choice([d for d, p in where.items() if p.startswith("active/")])
            old, where[doc] = where[doc], where[doc].replace("active/", "text/")
            ops.append(f"R {old} {where[doc]}")
        elif where:
            doc = rng.randrange(len(where))
            body = f"- Feature Name: `proposal_{doc}`\n\n## Summary\n\nEdit {number}.\n"
            ops.append(f"M 100644 inline {where[doc]}\ndata {len(body)}\n{body}")
        mark += 1
        message = f"Commit {number}"
        lines.append(f"commit refs/heads/main\nmark :{mark}\n"
                     f"author Author {author} <a{author}@example.com> {stamp} +0000\n"
                     f"committer Author {author} <a{author}@example.com> {stamp} +0000\n"
                     f"data {len(message)}\n{message}\n" + "".join(op + "\n" for op in ops))
    stamp = START + SPAN  # the rest are accepted at the end: moved to text/
    moves = "".join(f"R {path} {path.replace('active/', 'text/')}\n"
                    for path in where.values() if path.startswith("active/"))
    lines.append(f"commit refs/heads/main\nmark :{mark + 1}\n"
                 f"author Author 0 <a0@example.com> {stamp} +0000\n"
                 f"committer Author 0 <a0@example.com> {stamp} +0000\n"
                 f"data 12\nAccept all.\n{moves}")
    subprocess.run(["git", "-C", str(repo), "fast-import", "--quiet"], check=True,
                   input="".join(lines).encode())
    subprocess.run(["git", "-C", str(repo), "checkout", "-q", "main"], check=True)


def timed(home: Path, *args: str) -> float:
    env = {**os.environ, "PERFMIRROR_HOME": str(home), "PERFMIRROR_TODAY": TODAY}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "coach", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        repo, home = Path(folder) / "rfcs", Path(folder) / "home"
        build_repository(repo)
        docs = len(list((repo / "text").glob("*.md")))
        commits = subprocess.run(["git", "-C", str(repo), "rev-list", "--count", "HEAD"],
                                 check=True, capture_output=True, text=True).stdout.strip()
        timed(home, "init", "--role", "IC", "--level", "4")
        command = ("import", "docs", str(repo / "text"), "--author", "a7@example.com", "--json")
        whole = [timed(home, *command, "--since", "2000-01-01") for _ in range(runs)]
        window = [timed(home, *command) for _ in range(runs)]
    print(f"synthetic RFC folder: {docs} docs, {commits} commits, {AUTHORS} authors")
    print(f"import docs, whole history:  median {statistics.median(whole):.2f} s "
          f"(target < 15 s; runs: {', '.join(f'{t:.2f}' for t in whole)})")
    print(f"import docs, 12-week window: median {statistics.median(window):.2f} s "
          f"(runs: {', '.join(f'{t:.2f}' for t in window)})")


if __name__ == "__main__":
    main()
