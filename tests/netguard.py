"""A socket guard for egress tests: any attempt to reach a non-loopback address fails the test.

``guard()`` patches ``socket.socket.connect``/``connect_ex``/``sendto``,
``socket.create_connection`` and ``socket.getaddrinfo``. Every attempt is recorded in
``attempts``; one that is not loopback (or a Unix socket) is also recorded in ``blocked`` and
refused with ``EgressBlocked`` on the spot, so nothing leaves. Code under test may swallow that
error (litellm turns it into a provider error), which is why leaving the ``with`` block (or the
``netguard`` fixture) fails the test whenever ``blocked`` is not empty.

A host name other than ``localhost`` counts as non-loopback: resolving it would already be a
DNS query to the network.

In a fresh interpreter (to see what importing does): ``guarded_python(code)`` runs ``code`` with
the guard installed first, and ``guarded_cli(*args)`` runs ``perfmirror ARGS`` that way.
"""

from __future__ import annotations

import ipaddress
import json
import os
import socket
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import pytest

HERE = Path(__file__).resolve().parent


class EgressBlocked(ConnectionRefusedError):
    """Raised in place of a connection to a non-loopback address."""


def is_loopback_host(host: Any) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if host in (None, "", "localhost"):  # None / "": a passive (bind) lookup, not egress
        return True
    try:
        address = ipaddress.ip_address(str(host).split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_loopback


@dataclass
class Guard:
    attempts: list[tuple[str, str]] = field(default_factory=list)  # (function, address)
    blocked: list[tuple[str, str]] = field(default_factory=list)

    def check(self, function: str, address: Any, family: int | None = None) -> None:
        self.attempts.append((function, repr(address)))
        if family is not None and family == getattr(socket, "AF_UNIX", None):
            return  # a Unix socket stays on the machine
        host = address[0] if isinstance(address, tuple) else address
        if not is_loopback_host(host):
            self.blocked.append((function, repr(address)))
            raise EgressBlocked(f"netguard: {function} to {address!r} is not loopback")

    def assert_clean(self) -> None:
        if self.blocked:
            pytest.fail(f"non-loopback network attempts: {self.blocked}", pytrace=False)


@contextmanager
def guard(strict: bool = True) -> Iterator[Guard]:
    """Patch the socket layer for the duration; with ``strict``, fail on any blocked attempt."""
    record = Guard()
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_sendto = socket.socket.sendto
    real_create_connection, real_getaddrinfo = socket.create_connection, socket.getaddrinfo

    def connect(self, address):
        record.check("connect", address, self.family)
        return real_connect(self, address)

    def connect_ex(self, address):
        record.check("connect_ex", address, self.family)
        return real_connect_ex(self, address)

    def sendto(self, data, *rest):
        record.check("sendto", rest[-1], self.family)
        return real_sendto(self, data, *rest)

    def create_connection(address, *args, **kwargs):
        record.check("create_connection", address)
        return real_create_connection(address, *args, **kwargs)

    def getaddrinfo(host, *args, **kwargs):
        record.check("getaddrinfo", (host, *args[:1]))
        return real_getaddrinfo(host, *args, **kwargs)

    patches = {(socket.socket, "connect"): connect, (socket.socket, "connect_ex"): connect_ex,
               (socket.socket, "sendto"): sendto, (socket, "create_connection"): create_connection,
               (socket, "getaddrinfo"): getaddrinfo}
    saved = {key: getattr(*key) for key in patches}
    for (owner, name), replacement in patches.items():
        setattr(owner, name, replacement)
    try:
        yield record
    finally:
        for (owner, name), original in saved.items():
            setattr(owner, name, original)
    if strict:
        record.assert_clean()


@pytest.fixture
def netguard() -> Iterator[Guard]:
    """The guard around one test: ``def test_x(netguard): ...`` (import it into the module)."""
    with guard() as record:
        yield record


# -- fresh interpreters -------------------------------------------------------------------------

_PRELUDE = """
import atexit, json, sys
sys.path.insert(0, {here!r})
import netguard
_guard = netguard.guard(strict=False)
_record = _guard.__enter__()
atexit.register(lambda: print("NETGUARD " + json.dumps(
    {{"attempts": _record.attempts, "blocked": _record.blocked}}), file=sys.stderr))
"""


_CLI = """
from coach.cli import main
try:
    code = main({args!r})
except SystemExit as exit_:
    code = exit_.code if isinstance(exit_.code, int) else 1
sys.stdout.flush()
sys.exit(code)
"""


@dataclass
class GuardedRun:
    code: int
    out: str
    err: str
    attempts: list
    blocked: list


def guarded_python(code: str, env: dict[str, str] | None = None, timeout: float = 120
                   ) -> GuardedRun:
    """Run ``code`` in a fresh interpreter with the guard installed before anything else."""
    result = subprocess.run([sys.executable, "-c", _PRELUDE.format(here=str(HERE)) + code],
                            capture_output=True, text=True, env=env or dict(os.environ),
                            timeout=timeout, check=False)
    report = {"attempts": [], "blocked": [("netguard", "no report: the interpreter died")]}
    err_lines = []
    for line in result.stderr.splitlines():
        if line.startswith("NETGUARD "):
            report = json.loads(line[len("NETGUARD "):])
        else:
            err_lines.append(line)
    return GuardedRun(result.returncode, result.stdout, "\n".join(err_lines),
                      [tuple(a) for a in report["attempts"]],
                      [tuple(b) for b in report["blocked"]])


def guarded_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 120
                ) -> GuardedRun:
    """``perfmirror ARGS`` in a fresh interpreter under the guard (exit code kept)."""
    return guarded_python(_CLI.format(args=list(args)), env=env, timeout=timeout)
