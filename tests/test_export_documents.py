"""The brag document and the packet, from a scripted persona (tests/golden/persona.txt).

Golden files live in tests/golden/; run with UPDATE_GOLDEN=1 to rewrite them after an
intended change, then read the diff. The HTML is also opened in headless Chromium when one is
installed.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import struct
import subprocess
from pathlib import Path

import pytest

from conftest import ENTRY_NOTE, GOLDEN, OPEN_STRUGGLE, PRIVATE_ACCOMPLISHMENT, PRIVATE_STRUGGLE


def stable(text: str, home: Path) -> str:
    """Nothing in an export should depend on the clock or the machine; strip it if it does."""
    text = text.replace(str(home), "<home>")
    return re.sub(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)?",
                  "<timestamp>", text)


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {name}: run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), \
        f"{name} changed: if intended, run with UPDATE_GOLDEN=1 and review the diff"


def export(cli, *args: str) -> str:
    result = cli("export", *args)
    assert result.code == 0, result.err
    return result.out


@pytest.mark.parametrize("kind, form", [("brag", "md"), ("brag", "html"),
                                        ("packet", "md"), ("packet", "html")])
def test_exports_match_their_golden_files(cli, persona, kind, form):
    assert_golden(f"{kind}.{form}", stable(export(cli, kind, "--format", form), persona))


def test_html_needs_nothing_but_itself(cli, persona):
    page = export(cli, "brag", "--format", "html")
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert "url(" not in page
    assert not re.search(r"""\bsrc\s*=""", page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert page.count("<svg") == 2  # weekly score and dimension mix


def test_references_that_look_like_urls_become_links(cli, persona):
    page = export(cli, "brag", "--format", "html")
    assert '<a href="https://github.com/quillbank/payments/pull/412">' in page
    assert "docs/design/payment-retries.md" in page
    assert '<a href="docs/design' not in page
    markdown = export(cli, "brag")
    assert "<https://github.com/quillbank/payments/pull/412>" in markdown


def test_packet_states_gaps_honestly(cli, persona):
    packet = export(cli, "packet", "--level", "5")
    assert packet.startswith("# Promotion packet: IC L4 → L5")
    section = packet.split("### Shares knowledge beyond the team", 1)[1].split("###", 1)[0]
    assert "**No evidence yet** in these 12 of 26 weeks (your history starts 2026-W37)" in section
    assert "Shares knowledge beyond the team** — no evidence yet" in packet.split("## Gaps")[1]


def test_packet_as_markdown_is_what_export_packet_prints(cli, persona):
    from coach.exports.packet import packet_as_markdown
    from perfmirror_core.weeks import parse_week

    assert packet_as_markdown(parse_week("2026-W48")) == export(cli, "packet")


def test_packet_for_the_current_level_is_a_self_review(cli, persona):
    packet = export(cli, "packet", "--level", "4", "--weeks", "12")
    assert packet.startswith("# Self-review packet: IC L4")
    assert "2026-W37 to 2026-W48" in packet


def test_packet_for_a_level_the_role_lacks_is_one_line(cli, persona):
    result = cli("export", "packet", "--level", "12")
    assert result.code == 2
    assert result.err.strip() == "perfmirror: error: level: IC has no level 12 (allowed: 1-8)"


def test_since_narrows_the_scored_weeks_and_the_records(cli, persona):
    brag = export(cli, "brag", "--since", "2026-10")
    assert "2026-W40 to 2026-W48" in brag
    assert "payment retries redesign" in brag  # 2026-10
    assert "card processor" not in brag  # 2026-06


def test_out_writes_a_file_only_the_person_can_read(cli, persona):
    target = persona.parent / "brag.html"
    result = cli("export", "brag", "--format", "html", "--out", str(target))
    assert result.code == 0 and str(target) in result.out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# -- redaction ---------------------------------------------------------------------------------

def all_shared_exports(cli, *options: str) -> dict[str, str]:
    return {f"{kind}.{form}": export(cli, kind, "--format", form, *options)
            for kind in ("brag", "packet") for form in ("md", "html")}


def test_a_private_struggle_never_appears_in_a_shared_export_unless_asked(cli, persona):
    for options in [(), ("--include-struggles",), ("--include-private",),
                    ("--include-kind", "reflection", "--include-notes")]:
        for name, text in all_shared_exports(cli, *options).items():
            assert PRIVATE_STRUGGLE not in text, (name, options)
    for name, text in all_shared_exports(cli, "--include-struggles",
                                         "--include-private").items():
        assert PRIVATE_STRUGGLE in text, name


def test_struggles_private_records_and_notes_are_left_out_by_default(cli, persona):
    for name, text in all_shared_exports(cli).items():
        for secret in (OPEN_STRUGGLE, PRIVATE_ACCOMPLISHMENT, ENTRY_NOTE):
            assert secret not in text, (name, secret)
        assert "Left out: private records, struggles, notes on entries." in text


def test_each_switch_shares_only_what_it_names(cli, persona):
    assert OPEN_STRUGGLE in export(cli, "brag", "--include-struggles")
    assert PRIVATE_ACCOMPLISHMENT in export(cli, "brag", "--include-private")
    assert ENTRY_NOTE in export(cli, "brag", "--include-notes")
    assert "card processor" not in export(cli, "brag", "--exclude-tag", "Confidential")
    only_elsewhere = export(cli, "brag", "--org", "Elsewhere")
    assert "Accomplishments" in only_elsewhere and "payment retries" not in only_elsewhere


def test_data_export_is_the_persons_own_copy_and_keeps_everything(cli, persona):
    result = cli("data", "export", "--json")
    assert result.code == 0
    for secret in (PRIVATE_STRUGGLE, PRIVATE_ACCOMPLISHMENT, ENTRY_NOTE):
        assert secret in result.out


def test_asking_for_struggles_by_kind_alone_is_refused(cli, persona):
    result = cli("export", "brag", "--include-kind", "struggle")
    assert result.code == 2
    assert "--include-struggles" in result.err and result.err.count("\n") == 1


# -- the HTML in a real browser ------------------------------------------------------------------

def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.skipif(chromium() is None, reason="no chromium or chromium-browser on PATH")
def test_the_brag_html_renders_in_headless_chromium(cli, persona, tmp_path):
    page = tmp_path / "brag.html"
    assert cli("export", "brag", "--format", "html", "--out", str(page)).code == 0
    shot = tmp_path / "brag.png"
    subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}",
                    f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    data = shot.read_bytes()
    assert png_size(data) == (1200, 1600)
    assert len(data) > 50_000  # a blank page is ~9 kB; text and charts make it far larger
